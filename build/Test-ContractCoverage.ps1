#requires -Version 7.2
<#
.SYNOPSIS
    Checks that every request the module sent during a test run is a row of docs/CONTRACTS.md.

.DESCRIPTION
    The emulator appends one line per request to the file named by ACSTS_EMULATOR_CONTRACT_LOG (or --contract-log):
        <service> TAB <METHOD> TAB <path template>        e.g.  teams	GET	/Skype.Policy/configurations/TeamsMeetingPolicy
    docs/CONTRACTS.md holds markdown tables whose header has the columns Service, Method and Path; a Path cell is one
    path in backticks, where each {placeholder} stands for exactly one path segment (or part of one, such as
    getPolicyId(type='{Type}',name='{Name}')). A logged request is covered when a row has the same service and method
    (case-insensitive) and its Path pattern matches the whole logged path.

    Writes what it found and returns an object: Passed (bool), Missing (service, method and path of each uncovered
    request), Requests (distinct logged requests), Rows (table rows). An empty or missing log fails: it means the
    emulators did not log (the check would otherwise pass by seeing nothing).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $LogPath,
    [Parameter(Mandatory)] [string] $TablePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Split-Row([string] $Line) {
    $t = $Line.Trim()
    if ($t.StartsWith('|')) { $t = $t.Substring(1) }
    if ($t.EndsWith('|')) { $t = $t.Substring(0, $t.Length - 1) }
    # A literal pipe inside a cell is written \| in markdown.
    @(($t -replace '\\\|', "`u{0}") -split '\|' | ForEach-Object { ($_ -replace "`u{0}", '|').Trim() })
}

function Get-CellText([string] $Cell) {
    $c = $Cell -replace '<a\s+id="[^"]*"\s*>\s*</a>', ''
    $m = [regex]::Match($c, '`([^`]+)`')
    if ($m.Success) { return $m.Groups[1].Value.Trim() }
    $c.Trim()
}

function ConvertTo-PathRegex([string] $Pattern) {
    $parts = [regex]::Split($Pattern, '(\{[^}/]*\})')
    $body = ($parts | ForEach-Object { if ($_ -match '^\{[^}/]*\}$') { '[^/]+' } else { [regex]::Escape($_) } }) -join ''
    [regex]::new("^$body/?$", 'IgnoreCase')
}

$rows = [System.Collections.Generic.List[object]]::new()
$columns = $null
foreach ($line in Get-Content -Path $TablePath) {
    if (-not $line.TrimStart().StartsWith('|')) { $columns = $null; continue }
    $cells = Split-Row $line
    if ($null -eq $columns) {
        $names = @($cells | ForEach-Object { Get-CellText $_ })
        if ($names -contains 'Service' -and $names -contains 'Method' -and $names -contains 'Path') {
            $columns = @{ Service = [array]::IndexOf($names, 'Service'); Method = [array]::IndexOf($names, 'Method'); Path = [array]::IndexOf($names, 'Path') }
        }
        else { $columns = @{} }   # some other table: skip its rows
        continue
    }
    if ($columns.Count -eq 0 -or $line -match '^\s*\|\s*:?-{3,}') { continue }
    $service = Get-CellText $cells[$columns.Service]
    $path = Get-CellText $cells[$columns.Path]
    foreach ($method in (Get-CellText $cells[$columns.Method]) -split '[,/ ]+' | Where-Object { $_ }) {
        $rows.Add([pscustomobject]@{ Service = $service; Method = $method.ToUpperInvariant(); Path = $path; Regex = ConvertTo-PathRegex $path })
    }
}

$requests = @()
if (Test-Path $LogPath) {
    $requests = @(Get-Content -Path $LogPath | Where-Object { $_ } | Sort-Object -Unique | ForEach-Object {
            $f = $_ -split "`t"
            [pscustomobject]@{ Service = $f[0]; Method = $f[1]; Path = $f[2] }
        })
}

$missing = @(foreach ($r in $requests) {
        $hit = $rows | Where-Object { $_.Service -eq $r.Service -and $_.Method -eq $r.Method -and $_.Regex.IsMatch($r.Path) } | Select-Object -First 1
        if (-not $hit) { $r }
    })

$passed = $requests.Count -gt 0 -and $rows.Count -gt 0 -and $missing.Count -eq 0
Write-Host ("==> Contract coverage: {0} distinct requests logged, {1} table rows, {2} not in {3}" -f $requests.Count, $rows.Count, $missing.Count, (Split-Path -Leaf $TablePath))
if ($requests.Count -eq 0) { Write-Host "    FAILED: the request log $LogPath is empty or missing: the emulators logged nothing." }
if ($rows.Count -eq 0) { Write-Host "    FAILED: no table with Service, Method and Path columns in $TablePath." }
foreach ($m in $missing) { Write-Host ("    FAILED: not in the contract table: {0} {1} {2}" -f $m.Service, $m.Method, $m.Path) }
[pscustomobject]@{ Passed = $passed; Missing = $missing; Requests = $requests; Rows = $rows }
