<#
.SYNOPSIS
    Takes a PNG screenshot of an HTML audit report with headless Chromium (for the docs).

.DESCRIPTION
    Opens the report in Debian's chromium (or Chrome) headless, offline: every request goes to an unreachable
    proxy and no host name resolves, so the picture shows exactly what the self-contained file renders. The
    screenshot is the top -Width x -Height pixels of the page at a device scale factor of 1.

    docs/images/audit-report.png comes from the synthetic northwind.example report of the xunit tests:

        ACSTS_SAMPLE_REPORT=$PWD/artifacts/report/northwind.html dotnet test tests/AcsTeamsSecurity.Tests -c Release `
            --filter FullyQualifiedName~TheRealisticReportRendersAndCanBeSavedAsASample
        ./build/Capture-ReportScreenshot.ps1 -ReportPath artifacts/report/northwind.html -OutFile docs/images/audit-report.png

.EXAMPLE
    ./build/Capture-ReportScreenshot.ps1 -ReportPath ./audit.html -OutFile ./audit.png -Width 1280 -Height 2000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ReportPath,
    [Parameter(Mandatory)] [string] $OutFile,
    [ValidateRange(320, 4096)] [int] $Width = 1280,
    [ValidateRange(240, 16384)] [int] $Height = 2000,
    # The browser to use; by default $env:ACSTS_CHROMIUM, then chromium, chromium-browser or google-chrome on PATH.
    [string] $Chromium
)
$ErrorActionPreference = 'Stop'

$report = (Resolve-Path -LiteralPath $ReportPath).ProviderPath
$out = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
$outDir = Split-Path -Parent $out
if (-not (Test-Path -LiteralPath $outDir)) { throw "The folder for -OutFile does not exist: $outDir" }

if (-not $Chromium) { $Chromium = $env:ACSTS_CHROMIUM }
if (-not $Chromium) {
    $found = Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $found) { throw 'Chromium is not installed: apt-get install -y chromium (build.ps1 -Task Test installs it), or pass -Chromium.' }
    $Chromium = $found.Source
}

$userDataDir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-screenshot-" + [guid]::NewGuid().ToString('N'))
$flags = @(
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars',
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-extensions',
    # Offline: the report needs nothing from the network, so nothing may reach it.
    '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>', '--host-resolver-rules=MAP * ~NOTFOUND',
    '--force-device-scale-factor=1', "--window-size=$Width,$Height",
    "--user-data-dir=$userDataDir", "--screenshot=$out", [Uri]::new($report).AbsoluteUri
)
Remove-Item -LiteralPath $out -ErrorAction SilentlyContinue
$watch = [Diagnostics.Stopwatch]::StartNew()
try {
    $log = & $Chromium @flags 2>&1
    $exit = $LASTEXITCODE
}
finally {
    Remove-Item -Recurse -Force -LiteralPath $userDataDir -ErrorAction SilentlyContinue
}
if ($exit -ne 0 -or -not (Test-Path -LiteralPath $out)) {
    # Chromium logs D-Bus noise in containers; keep only the lines that say something.
    $said = $log | ForEach-Object { "$_" } | Where-Object { $_ -notmatch 'dbus|unexpected operator' }
    throw "chromium wrote no screenshot (exit $exit):`n$($said -join "`n")"
}
$size = (Get-Item -LiteralPath $out).Length
Write-Host ("==> {0}: {1}x{2}, {3:N0} KB, {4:N1} s" -f $out, $Width, $Height, ($size / 1KB), $watch.Elapsed.TotalSeconds)
