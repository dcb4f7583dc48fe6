<#
.SYNOPSIS
    Dot-sourced by the pwsh that build.ps1 -Task Sandbox opens: imports the module, registers the emulator as the
    environment 'Sandbox', signs in to the Northwind Traders demo tenant, and prints the Connect line and the tour.
#>
param([Parameter(Mandatory)] [string] $Root)

Import-Module (Join-Path $Root 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1') -Force
$SandboxInfo = Get-Content -Raw (Join-Path $Root 'artifacts/emulator-ready.json') | ConvertFrom-Json
$base = $SandboxInfo.baseUrl.TrimEnd('/')
Add-AcsTeamsEnvironment -Name Sandbox -AuthorityHost $base -GraphEndpoint $base -TeamsAdminEndpoint "$base/teams" -ArmEndpoint "$base/arm" -ComplianceEndpoint "$base/compliance" -ExchangeEndpoint "$base/exchange" -Force | Out-Null

$fixture = Get-Content -Raw (Join-Path $Root 'tests/AcsTeamsSecurity.Emulator/Fixtures/demo-tenant.json') | ConvertFrom-Json
$tenant = $fixture.tenants[0]
$app = $tenant.applications | Where-Object { $_.secrets } | Select-Object -First 1
# The emulator serves each ACS resource of the fixture on its own port (the ready file's acsEndpoints); the tour's
# guest tokens use northwind-acs (Entra ID sign-in).
$SandboxAcsEndpoint = $SandboxInfo.acsEndpoints.'northwind-acs'
if (-not $SandboxAcsEndpoint) { throw 'The sandbox emulator serves no ACS resource named northwind-acs (artifacts/emulator-ready.json).' }
# A fixture value, valid only in the emulator. In real use the secret comes from a vault or Read-Host -AsSecureString.
$secret = ConvertTo-SecureString $app.secrets[0] -AsPlainText -Force

$connect = "Connect-AcsTeamsSecurity -Environment Sandbox -TenantId $($tenant.initialDomain) -ClientId $($app.clientId) -ClientSecret `$secret -AcsEndpoint $SandboxAcsEndpoint"
Write-Host ''
Write-Host "Sandbox: the local emulator of Entra ID, Graph, the Teams admin API, ACS and ARM at $base, serving $($tenant.displayName)."
Write-Host "PS> $connect"
Connect-AcsTeamsSecurity -Environment Sandbox -TenantId $tenant.initialDomain -ClientId $app.clientId -ClientSecret $secret -AcsEndpoint $SandboxAcsEndpoint

# The tour lines that work here are the README's blocks marked "powershell sandbox" (tests run them all).
$readme = Get-Content (Join-Path $Root 'README.md')
$SandboxTour = & {
    $inside = $false
    foreach ($line in $readme) {
        if ($line -match '^```powershell sandbox\s*$') { $inside = $true; continue }
        if ($inside -and $line -match '^```\s*$') { $inside = $false; continue }
        if ($inside) { $line }
    }
}
Write-Host ''
Write-Host 'Try the tour (from README.md, "Try it in the sandbox"); the files it writes go to artifacts/sandbox/:'
$SandboxTour | ForEach-Object { Write-Host "  $_" }
Write-Host ''
Write-Host 'Type exit to leave the sandbox; the emulator stops with it.'
# The repository root, so that ./artifacts/emulator-ready.json (as in the help examples) resolves.
Set-Location $Root
