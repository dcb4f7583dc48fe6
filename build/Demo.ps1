<#
.SYNOPSIS
    The main job against the sandbox (build.ps1 -Task Demo): start the local cloud emulator with the demo
    tenant, connect, and show what the module sees. Later releases grow this into the full audit.
#>
param([string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$env:ACSTS_REPO_ROOT = $root
$env:ACSTS_CONFIGURATION = $Configuration
Import-Module (Join-Path $root 'tests/Pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $root 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1') -Force

function Show([string] $Title) { Write-Host ''; Write-Host "### $Title" -ForegroundColor Cyan }

$sandbox = Start-TestEmulator -Fixture 'demo-tenant.json'
try {
    $fixture = Get-Fixture 'demo-tenant.json'
    $tenant = $fixture.tenants[0]
    $app = $tenant.applications | Where-Object { $_.secrets } | Select-Object -First 1

    Show "Sandbox: a local emulation of Entra ID, Graph, the Teams admin API and ARM at $($sandbox.BaseUrl)"
    Register-EmulatorEnvironment -Emulator $sandbox -Name Sandbox | Format-Table | Out-String -Width 120 | Write-Host

    Show "Connect-AcsTeamsSecurity -TenantId $($tenant.initialDomain) -ClientId $($app.clientId) -ClientSecret <secret> -Environment Sandbox"
    # In real use the secret comes from a vault or Read-Host -AsSecureString; the sandbox's is a fixture value.
    $secret = ConvertTo-SecureString $app.secrets[0] -AsPlainText -Force
    Connect-AcsTeamsSecurity -TenantId $tenant.initialDomain -ClientId $app.clientId -ClientSecret $secret -Environment Sandbox -Verbose

    Show 'Get-AcsTeamsSecurityContext | Format-List'
    Get-AcsTeamsSecurityContext | Format-List | Out-String -Width 120 | Write-Host

    Show 'Test-AcsTeamsSecurityConnection'
    Test-AcsTeamsSecurityConnection | Format-Table | Out-String -Width 120 | Write-Host

    Show 'Per-service tokens after the test (acquired once each, cached in memory, never shown)'
    (Get-AcsTeamsSecurityContext).Tokens | Format-Table | Out-String -Width 120 | Write-Host

    $tokenRequests = @(Get-EmulatorRequest -Emulator $sandbox -Service entra).Count
    Show "Token requests the sandbox received: $tokenRequests (one per service used)"
    Disconnect-AcsTeamsSecurity
}
finally {
    Stop-TestEmulator -Emulator $sandbox
}
