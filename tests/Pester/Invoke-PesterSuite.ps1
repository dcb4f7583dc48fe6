<#
.SYNOPSIS
    Runs the Pester suite against the built module in out/ (called by build.ps1 -Task Test in a fresh pwsh
    whose SSL_CERT_FILE trusts the emulator's test CA).
#>
param(
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Configuration = 'Release',
    [string] $Tag,
    # Comma-separated test files; the whole folder when empty.
    [string] $Path
)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$pester = Join-Path $root 'build/tools/packages/pester/5.7.1/tools/Pester.psd1'
Import-Module $pester -Force

$env:ACSTS_REPO_ROOT = $root
$env:ACSTS_CONFIGURATION = $Configuration

$config = New-PesterConfiguration
$config.Run.Path = if ($Path) { $Path -split ',' } else { $PSScriptRoot }
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
# One results file per engine (the suite runs on PowerShell 7.6 and 7.4): pester-<engine>.xml beside the summary.
$config.TestResult.OutputPath = Join-Path (Split-Path $SummaryPath) ('pester-{0}.{1}.xml' -f $PSVersionTable.PSVersion.Major, $PSVersionTable.PSVersion.Minor)
if ($Tag) { $config.Filter.Tag = $Tag -split ',' }

$result = Invoke-Pester -Configuration $config
$summary = [ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount }
$summary | ConvertTo-Json | Set-Content -Path $SummaryPath
"Pester on PowerShell $($PSVersionTable.PSVersion) (.NET $([Environment]::Version)): $($summary.Passed) passed, $($summary.Failed) failed, $($summary.Skipped) skipped"
exit ([int]($summary.Failed -gt 0))
