<#
.SYNOPSIS
    The main job against the sandbox (build.ps1 -Task Demo): the local cloud emulator serves the Northwind Traders
    tenant, which has deliberate misconfigurations on every plane (Teams policies, ACS federation, tenant federation,
    ACS resources in Azure). Connect, export a snapshot, audit it, write the HTML report, print a summary, and show
    the fix for the worst finding with -WhatIf (nothing is changed).
#>
param([string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$env:ACSTS_REPO_ROOT = $root
$env:ACSTS_CONFIGURATION = $Configuration
Import-Module (Join-Path $root 'tests/Pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $root 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1') -Force

function Show([string] $Title) { Write-Host ''; Write-Host "### $Title" -ForegroundColor Cyan }
function Out-Text { $input | Out-String -Width 120 | Write-Host }

$demoDir = Join-Path $root 'artifacts/demo'
New-Item -ItemType Directory -Force -Path $demoDir | Out-Null
$snapshotPath = Join-Path $demoDir 'northwind-snapshot.json'
$reportPath = Join-Path $demoDir 'northwind-audit.html'

$sandbox = Start-TestEmulator -Fixture 'demo-tenant.json'
try {
    $fixture = Get-Fixture 'demo-tenant.json'
    $tenant = $fixture.tenants[0]
    $app = $tenant.applications | Where-Object { $_.secrets } | Select-Object -First 1
    $subscriptions = @($tenant.subscriptions.subscriptionId)

    Show "Sandbox: a local emulation of Entra ID, Graph, the Teams admin API, ACS, ARM and Microsoft Purview at $($sandbox.BaseUrl)"
    Register-EmulatorEnvironment -Emulator $sandbox -Name Sandbox -WithPurview | Format-Table | Out-Text

    Show "Connect-AcsTeamsSecurity -TenantId $($tenant.initialDomain) -ClientId $($app.clientId) -ClientSecret <secret> -Environment Sandbox"
    # In real use the secret comes from a vault or Read-Host -AsSecureString; the sandbox's is a fixture value.
    $secret = ConvertTo-SecureString $app.secrets[0] -AsPlainText -Force
    Connect-AcsTeamsSecurity -TenantId $tenant.initialDomain -ClientId $app.clientId -ClientSecret $secret -Environment Sandbox | Out-Null
    Get-AcsTeamsSecurityContext | Format-Table | Out-Text

    Show 'Get-ExternalUserDataProtection: what Microsoft Purview does for external users (read only)'
    $protection = Get-ExternalUserDataProtection
    $protection | Format-List | Out-Text
    $protection.DlpPolicies | Format-Table | Out-Text

    Show "Export-ExternalUserConfiguration -Path $snapshotPath -SubscriptionId $($subscriptions -join ', ')"
    Export-ExternalUserConfiguration -Path $snapshotPath -SubscriptionId $subscriptions | Format-List | Out-Text

    Show "Test-ExternalUserSecurity -SnapshotPath <snapshot> -AllowedDataLocation 'United States' -ReportPath $reportPath"
    $findings = @(Test-ExternalUserSecurity -SnapshotPath $snapshotPath -AllowedDataLocation 'United States' -ReportPath $reportPath)
    $order = @{ Critical = 0; High = 1; Medium = 2; Low = 3; Informational = 4 }

    Show 'Summary by status'
    $findings | Group-Object Status | Sort-Object Name | Select-Object @{ n = 'Status'; e = { $_.Name } }, Count | Format-Table | Out-Text

    Show 'Failures by severity'
    $failures = @($findings | Where-Object Status -EQ 'Fail')
    $failures | Group-Object Severity | Sort-Object { $order[$_.Name] } | Select-Object @{ n = 'Severity'; e = { $_.Name } }, Count | Format-Table | Out-Text

    Show 'Critical and high failures (all findings are in the report)'
    $failures | Where-Object { $_.Severity -in 'Critical', 'High' } | Sort-Object { $order["$($_.Severity)"] }, RuleId | Format-Table | Out-Text

    Show 'Warnings'
    $findings | Where-Object Status -EQ 'Warning' | Format-Table | Out-Text

    # The worst failure that this module can fix (some remediations are Azure CLI or MicrosoftTeams commands).
    $ours = @((Get-Command -Module AcsTeamsSecurity).Name)
    $worst = $failures | Where-Object { ($_.Remediation -split ' ')[0] -in $ours -and $_.Remediation -notmatch '#' } |
        Sort-Object { $order["$($_.Severity)"] }, RuleId | Select-Object -First 1
    Show "The fix for $($worst.RuleId) on $($worst.Scope), shown with -WhatIf (nothing is changed)"
    Write-Host "Evidence: $($worst.Evidence)"
    Write-Host "PS> $($worst.Remediation) -WhatIf"
    # The remediation is this module's own text for a fixture tenant; it is parsed as one command, -WhatIf appended.
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($worst.Remediation, [ref] $null, [ref] $null)
    if (@($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)).Count -ne 1) { throw "Unexpected remediation: $($worst.Remediation)" }
    & ([scriptblock]::Create("$($worst.Remediation) -WhatIf"))

    $writes = @(Get-EmulatorRequest -Emulator $sandbox -Service teams | Where-Object method -EQ 'PATCH').Count
    # Purview is read only: every request to it is an InvokeCommand of a Get- cmdlet (checked by the emulator's log).
    $purviewReads = @(Get-EmulatorRequest -Emulator $sandbox | Where-Object { $_.service -in 'compliance', 'exchange' }).Count
    Show "Done: $($findings.Count) findings, $($failures.Count) failures; write requests sent: $writes; Purview reads: $purviewReads (the module never writes Purview)"
    Write-Host "Snapshot: $snapshotPath"
    Write-Host "Report:   $reportPath  (one self-contained HTML file; open it in any browser)"
    Disconnect-AcsTeamsSecurity
}
finally {
    Stop-TestEmulator -Emulator $sandbox
}
