<#
.SYNOPSIS
    The scale benchmarks of issue 16 (called by bench/Invoke-Benchmark.ps1; numbers, not pass/fail tests).

.DESCRIPTION
    Each measure runs in a fresh pwsh against the emulator's generated tenants, with 20 ms injected latency on Graph and
    the Teams admin API, beside its naive baseline:
      - Export-ExternalUserConfiguration of the 150,000-user scale tenant: requests, time, peak working set; baseline:
        the same user configurations paged at Graph's default page size (100) by a plain Invoke-RestMethod loop.
      - Get-MeetingExternalAccess across the scale tenant's 10,000 organizers for 30 days: Graph requests and time;
        baseline: one Get-MeetingExternalAccess call per organizer, measured on the first 500 organizers and
        extrapolated linearly (the full loop would take most of an hour).
      - A fleet of 1,000 generated tenants audited by one Test-ExternalUserSecurity -Context; baseline: one call per
        tenant, measured on 100 tenants and extrapolated.
      - Headless Chromium opening the 10,000-instance tenant report (the offline audit writes it): wall time of a
        1280x800 screenshot, browser start included.
    Returns an ordered dictionary that Invoke-Benchmark.ps1 writes under "scale" in bench/results.json.
#>
param([Parameter(Mandatory)] [string] $Manifest, [Parameter(Mandatory)] [string] $Work, [string] $TenantReport)
$ErrorActionPreference = 'Stop'
$pwshDll = Join-Path $PSHOME 'pwsh.dll'

function Invoke-ScaleChild([string] $Script) {
    $file = Join-Path $Work ("scale-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    try {
        $out = & dotnet $pwshDll -NoProfile -NonInteractive -File $file
        if ($LASTEXITCODE -ne 0) { throw "Child failed: $out" }
        return $out
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function Get-HttpCount($Emulator, [string[]] $Service) {
    @(Get-EmulatorRequest -Emulator $Emulator | Where-Object { $_.service -in $Service -and $null -eq $_.batch }).Count
}

$latency = 20
$results = [ordered]@{ latencyMs = $latency }
# The meeting sweep alone makes about 31,000 log entries (inner batch requests included); the default log keeps 10,000.
$env:ACSTS_EMULATOR_REQUEST_LOG_CAPACITY = '200000' 

# --- The 150,000-user tenant: export, and the meeting sweep -------------------------------------------------------
$emu = Start-TestEmulator -Fixture 'scale-tenant.json'
try {
    $base = $emu.BaseUrl
    $connect = @"
Import-Module '$Manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$base' -GraphEndpoint '$base' -TeamsAdminEndpoint '$base/teams'
Connect-AcsTeamsSecurity -TenantId 5ca1e000-0000-4000-8000-000000000000 -ClientId 5ca1e000-0001-4000-8000-000000000001 -ClientSecret (ConvertTo-SecureString 'Scl8Q~EmuSecret-ScaleApp-150k-users-300-policies-10k-organizers' -AsPlainText -Force) -Environment Bench | Out-Null
`$null = Test-AcsTeamsSecurityConnection -Service TeamsAdmin
`$ProgressPreference = 'SilentlyContinue'
"@
    foreach ($svc in 'graph', 'teams') { Invoke-EmulatorControl -Emulator $emu -Method Post -Path 'latency' -Body @{ service = $svc; delayMs = $latency } | Out-Null }

    Clear-EmulatorRequest -Emulator $emu
    $line = (Invoke-ScaleChild @"
$connect
Invoke-RestMethod -Method Delete -Uri '$base/_emulator/requests' | Out-Null
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$s = Export-ExternalUserConfiguration -Path '$(Join-Path $Work 'scale-snapshot.json')' -WarningAction SilentlyContinue
`$sw.Stop()
'{0}|{1}|{2}|{3}' -f `$sw.Elapsed.TotalMilliseconds, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64, `$s.MeetingPolicies, `$s.ExternalAccessPolicies
"@ | Select-Object -Last 1) -split '\|'
    $graph = Get-HttpCount $emu 'graph'
    $teams = Get-HttpCount $emu 'teams'

    # Naive: the same user configurations at Graph's default page size, one page after the other.
    Clear-EmulatorRequest -Emulator $emu
    $naive = (Invoke-ScaleChild @"
`$token = (Invoke-RestMethod -Method Post -Uri '$base/5ca1e000-0000-4000-8000-000000000000/oauth2/v2.0/token' -Body @{ grant_type = 'client_credentials'; client_id = '5ca1e000-0001-4000-8000-000000000001'; client_secret = 'Scl8Q~EmuSecret-ScaleApp-150k-users-300-policies-10k-organizers'; scope = 'https://graph.microsoft.com/.default' }).access_token
Invoke-RestMethod -Method Delete -Uri '$base/_emulator/requests' | Out-Null
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$uri = '$base/v1.0/admin/teams/userConfigurations'; `$n = 0
while (`$uri) { `$page = Invoke-RestMethod -Uri `$uri -Headers @{ Authorization = "Bearer `$token" }; `$n += @(`$page.value).Count; `$uri = `$page.'@odata.nextLink' }
`$sw.Stop()
'{0}|{1}|{2}' -f `$sw.Elapsed.TotalMilliseconds, `$n, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@ | Select-Object -Last 1) -split '\|'
    $naiveRequests = Get-HttpCount $emu 'graph'
    $results.export150k = [ordered]@{
        users = 150000
        policyInstances = [int]$line[2] + [int]$line[3]
        totalMs = [math]::Round([double]$line[0], 1)
        graphRequests = $graph
        teamsRequests = $teams
        requests = $graph + $teams
        requestTarget = [math]::Round(150000 / 999 + 20, 1)
        peakWorkingSetMB = [math]::Round([double]$line[1] / 1MB, 1)
        naiveDefaultPageSize = [ordered]@{ totalMs = [math]::Round([double]$naive[0], 1); graphRequests = $naiveRequests; users = [int]$naive[1]; peakWorkingSetMB = [math]::Round([double]$naive[2] / 1MB, 1) }
        target = 'requests <= users / page size + 20; peak <= 400 MB'
    }

    # The meeting sweep: 10,000 organizers (object ids: no lookups), the next 30 days.
    $ids = Join-Path $Work 'scale-organizers.txt'
    1..10000 | ForEach-Object { '5ca1e000-0002-4000-8000-{0:D12}' -f $_ } | Set-Content $ids
    $sweep = {
        param([string] $Mode, [int] $Count)
        @"
$connect
`$organizers = @(Get-Content '$ids' | Select-Object -First $Count)
Invoke-RestMethod -Method Delete -Uri '$base/_emulator/requests' | Out-Null
`$start = [DateTime]::UtcNow; `$end = `$start.AddDays(30)
`$sw = [Diagnostics.Stopwatch]::StartNew()
$(if ($Mode -eq 'bulk') { '$n = @(Get-MeetingExternalAccess -Organizer $organizers -StartDateTime $start -EndDateTime $end).Count' } else { '$n = 0; foreach ($o in $organizers) { $n += @(Get-MeetingExternalAccess -Organizer $o -StartDateTime $start -EndDateTime $end).Count }' })
`$sw.Stop()
'{0}|{1}|{2}' -f `$sw.Elapsed.TotalMilliseconds, `$n, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@
    }
    $bulk = (Invoke-ScaleChild (& $sweep 'bulk' 10000) | Select-Object -Last 1) -split '\|'
    $bulkLog = @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.service -eq 'graph' })
    $bulkHttp = @($bulkLog | Where-Object { $null -eq $_.batch }).Count
    $calendarBatches = @($bulkLog | Where-Object { $_.path -match 'calendar/calendarView' -and $null -ne $_.batch } | ForEach-Object batch | Sort-Object -Unique).Count
    $sample = 500
    $loop = (Invoke-ScaleChild (& $sweep 'naive' $sample) | Select-Object -Last 1) -split '\|'
    $loopHttp = Get-HttpCount $emu 'graph'
    $perOrganizerMs = [double]$loop[0] / $sample
    $results.meetingSweep = [ordered]@{
        organizers = 10000
        days = 30
        meetings = [int]$bulk[1]
        batched = [ordered]@{ totalMs = [math]::Round([double]$bulk[0], 1); graphRequests = $bulkHttp; calendarBatches = $calendarBatches; meetingReadBatches = $bulkHttp - $calendarBatches; peakWorkingSetMB = [math]::Round([double]$bulk[2] / 1MB, 1) }
        oneCallPerOrganizer = [ordered]@{ organizersMeasured = $sample; measuredMs = [math]::Round([double]$loop[0], 1); graphRequestsMeasured = $loopHttp; extrapolatedMs = [math]::Round($perOrganizerMs * 10000, 0); extrapolatedGraphRequests = [int]($loopHttp / $sample * 10000) }
        speedup = [math]::Round($perOrganizerMs * 10000 / [double]$bulk[0], 1)
        target = '<= 520 Graph requests (batches of 20); >= 10x the one-request-per-organizer loop'
    }
}
finally {
    Stop-TestEmulator -Emulator $emu
}

# --- A fleet of 1,000 tenants ---------------------------------------------------------------------------------------
$fleetFixture = Join-Path $Work 'fleet-1000.json'
'{ "fleet": { "count": 1000, "seed": 16 } }' | Set-Content $fleetFixture
$emu = Start-TestEmulator -Fixture 'test-tenants.json'
try {
    $base = $emu.BaseUrl
    Invoke-RestMethod -Method Post -Uri "$base/_emulator/fixtures" -Body (Get-Content -Raw $fleetFixture) -ContentType 'application/json' | Out-Null
    foreach ($svc in 'graph', 'teams') { Invoke-EmulatorControl -Emulator $emu -Method Post -Path 'latency' -Body @{ service = $svc; delayMs = $latency } | Out-Null }
    $fleet = {
        param([string] $Mode, [int] $Count)
        @"
Import-Module '$Manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$base' -GraphEndpoint '$base' -TeamsAdminEndpoint '$base/teams'
`$contexts = foreach (`$i in 1..$Count) {
    Connect-AcsTeamsSecurity -TenantId ('f1ee7000-0010-4000-8000-{0:D12}' -f `$i) -ClientId ('f1ee7a00-0010-4000-8000-{0:D12}' -f `$i) -ClientSecret (ConvertTo-SecureString ('Flt8Q~EmuSecret-FleetApp-16-{0:D4}' -f `$i) -AsPlainText -Force) -Environment Bench -PassThru
}
`$ProgressPreference = 'SilentlyContinue'
`$sw = [Diagnostics.Stopwatch]::StartNew()
$(if ($Mode -eq 'fleet') { "`$rows = @(Test-ExternalUserSecurity -Context `$contexts -ThrottleLimit 16 -ReportPath '$(Join-Path $Work 'fleet-1000.html')' -InformationAction Ignore); `$n = @(`$rows | Where-Object Status -EQ Audited).Count" } else { '$n = 0; foreach ($c in $contexts) { $null = Test-ExternalUserSecurity -Context $c; $n++ }' })
`$sw.Stop()
'{0}|{1}|{2}' -f `$sw.Elapsed.TotalMilliseconds, `$n, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@
    }
    $ours = (Invoke-ScaleChild (& $fleet 'fleet' 1000) | Select-Object -Last 1) -split '\|'
    $sample = 100
    $loop = (Invoke-ScaleChild (& $fleet 'naive' $sample) | Select-Object -Last 1) -split '\|'
    $results.fleet = [ordered]@{
        tenants = 1000
        audited = [int]$ours[1]
        throttleLimit = 16
        totalMs = [math]::Round([double]$ours[0], 1)
        peakWorkingSetMB = [math]::Round([double]$ours[2] / 1MB, 1)
        reportKB = [math]::Round((Get-Item (Join-Path $Work 'fleet-1000.html')).Length / 1KB)
        oneCallPerTenant = [ordered]@{ tenantsMeasured = $sample; measuredMs = [math]::Round([double]$loop[0], 1); extrapolatedMs = [math]::Round([double]$loop[0] / $sample * 1000, 0) }
        speedup = [math]::Round(([double]$loop[0] / $sample * 1000) / [double]$ours[0], 1)
    }
}
finally {
    Stop-TestEmulator -Emulator $emu
}

# --- Headless Chromium opens the 10,000-instance tenant report -----------------------------------------------------
if ($TenantReport -and (Test-Path $TenantReport)) {
    $chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    if ($chromium) {
        $uri = [Uri]::new([IO.Path]::GetFullPath($TenantReport)).AbsoluteUri
        $times = foreach ($i in 1..3) {
            $profileDir = Join-Path $Work "chromium-$i"
            $shot = Join-Path $Work "report-$i.png"
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-extensions "--user-data-dir=$profileDir" --window-size=1280,800 "--screenshot=$shot" $uri 2>$null | Out-Null
            $sw.Stop()
            $sw.Elapsed.TotalMilliseconds
        }
        $startOnly = foreach ($i in 1..3) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-extensions "--user-data-dir=$(Join-Path $Work "chromium-blank-$i")" --window-size=1280,800 "--screenshot=$(Join-Path $Work "blank-$i.png")" 'about:blank' 2>$null | Out-Null
            $sw.Stop()
            $sw.Elapsed.TotalMilliseconds
        }
        $sorted = @($times | Sort-Object); $blank = @($startOnly | Sort-Object)
        $results.reportInChromium = [ordered]@{
            reportKB = [math]::Round((Get-Item $TenantReport).Length / 1KB)
            firstScreenMedianMs = [math]::Round($sorted[1], 0)
            blankPageMedianMs = [math]::Round($blank[1], 0)
            note = 'wall time of chromium --headless --screenshot at 1280x800 (browser start included); blankPage is the same for about:blank'
            target = 'first screen < 2 s'
        }
    }
}

$results
