#requires -Version 7.2
<#
.SYNOPSIS
    Runs tests/official-clients (Microsoft's own JS clients) against an emulator it starts; returns the counts.

.DESCRIPTION
    Needs node (20 or later) and npm on PATH: fails loudly without them. Installs the pinned packages with `npm ci`
    (package-lock.json), starts the emulator with the test fixtures on free ports, runs `node --test` with the TAP
    reporter and NODE_EXTRA_CA_CERTS = the emulator CA, stops the emulator and returns
    [pscustomobject]@{ Passed; Failed }. A run that produced no summary counts as one failure.
    This emulator does not write the contract log (its requests are the official clients', not the module's).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [Parameter(Mandatory)] [string] $CaDir,
    [Parameter(Mandatory)] [string] $ResultsDir
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$suite = Join-Path $Root 'tests/official-clients'

foreach ($tool in 'node', 'npm') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Host "==> FAILED: '$tool' is not on PATH. The official-client suite (tests/official-clients) needs Node.js 20 or later with npm; install it (e.g. apt-get install nodejs npm)."
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
}
$major = [int]((& node --version) -replace '^v(\d+).*', '$1')
if ($major -lt 20) {
    Write-Host "==> FAILED: node $(& node --version) is too old for the official-client suite (needs 20 or later)."
    return [pscustomobject]@{ Passed = 0; Failed = 1 }
}

Write-Host '==> Official clients: npm ci'
Push-Location $suite
try {
    & npm ci --no-audit --no-fund --loglevel=error | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "==> FAILED: npm ci exited with $LASTEXITCODE."
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
}
finally { Pop-Location }

$work = Join-Path $ResultsDir 'official-clients'
New-Item -ItemType Directory -Force -Path $work | Out-Null
$ready = Join-Path $work 'ready.json'
Remove-Item $ready -ErrorAction SilentlyContinue
$fixtures = Join-Path $Root 'tests/AcsTeamsSecurity.Emulator/Fixtures/test-tenants.json'
$previousLog = $env:ACSTS_EMULATOR_CONTRACT_LOG
$env:ACSTS_EMULATOR_CONTRACT_LOG = $null
try {
    $emulator = Start-Process -FilePath 'dotnet' -PassThru `
        -ArgumentList @($EmulatorDll, '--fixtures', $fixtures, '--ca-dir', $CaDir, '--port', '0', '--ready-file', $ready) `
        -RedirectStandardOutput (Join-Path $work 'emulator.out.log') -RedirectStandardError (Join-Path $work 'emulator.err.log')
}
finally { $env:ACSTS_EMULATOR_CONTRACT_LOG = $previousLog }

$tap = Join-Path $work 'results.tap'
try {
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $ready)) {
        if ($emulator.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            Write-Host "==> FAILED: the emulator for the official-client suite did not start: $(Get-Content -Raw (Join-Path $work 'emulator.err.log') -ErrorAction SilentlyContinue)"
            return [pscustomobject]@{ Passed = 0; Failed = 1 }
        }
        Start-Sleep -Milliseconds 100
    }

    Write-Host '==> Official clients: node --test (Microsoft''s @azure/communication-identity, @azure/identity, @azure/msal-node)'
    $saved = @{}
    $variables = @{ NODE_EXTRA_CA_CERTS = (Join-Path $CaDir 'ca.crt'); ACSTS_EMULATOR_READY = $ready; ACSTS_EMULATOR_FIXTURES = $fixtures; NO_COLOR = '1' }
    foreach ($name in $variables.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $variables[$name]) }
    Push-Location $suite
    try {
        & node --test --test-reporter=tap --test-reporter-destination=$tap --test-reporter=spec --test-reporter-destination=stdout | Out-Host
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}
finally {
    try { Invoke-RestMethod -Method Post -Uri "$((Get-Content -Raw $ready -ErrorAction Stop | ConvertFrom-Json).baseUrl)/_emulator/shutdown" -TimeoutSec 5 | Out-Null } catch { }
    if (-not $emulator.WaitForExit(10000)) { Stop-Process -Id $emulator.Id -Force -ErrorAction SilentlyContinue }
}

$text = if (Test-Path $tap) { Get-Content -Raw $tap } else { '' }
$pass = [regex]::Match($text, '(?m)^# pass (\d+)')
$fail = [regex]::Match($text, '(?m)^# fail (\d+)')
$cancelled = [regex]::Match($text, '(?m)^# cancelled (\d+)')
if (-not $pass.Success -or -not $fail.Success) {
    Write-Host "==> FAILED: node --test produced no TAP summary ($tap)."
    return [pscustomobject]@{ Passed = 0; Failed = 1 }
}
$failed = [int]$fail.Groups[1].Value + $(if ($cancelled.Success) { [int]$cancelled.Groups[1].Value } else { 0 })
[pscustomobject]@{ Passed = [int]$pass.Groups[1].Value; Failed = $failed }
