<#
.SYNOPSIS
    The benchmark harness (build.ps1 -Task Bench): numbers, not pass/fail tests.

.DESCRIPTION
    Measures in one run, side by side:
      - Import-Module time, median over 15 fresh pwsh processes, for AcsTeamsSecurity and for an empty
        binary module built here (the floor). Target: ours <= 1.3x the empty module.
      - The scale measures of bench/Invoke-ScaleBenchmark.ps1 (150,000 users, 10,000 organizers, 1,000 tenants).
      - Connect-AcsTeamsSecurity plus the first token, against the local emulator (median of 5 fresh processes).
      - 1,000 context-resolving cmdlet calls in one process, and 1,000 connected calls that each send one
        request with the cached token (reports token requests seen by the emulator: expected 1 per service).
    Prints a table and writes bench/results.json. Run through build.ps1 so SSL_CERT_FILE trusts the emulator.
#>
param([string] $Configuration = 'Release', [int] $ImportRuns = 15)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$env:ACSTS_REPO_ROOT = $root
$env:ACSTS_CONFIGURATION = $Configuration
Import-Module (Join-Path $root 'tests/Pester/TestHelpers.psm1') -Force
$work = Join-Path $PSScriptRoot 'work'
New-Item -ItemType Directory -Force -Path $work | Out-Null
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$manifest = Join-Path $root 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1'

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Invoke-Child([string] $Script) {
    $file = Join-Path $work ("child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    try {
        $out = & dotnet $pwshDll -NoProfile -NonInteractive -File $file
        if ($LASTEXITCODE -ne 0) { throw "Child failed: $out" }
        return $out
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

# --- 1. The floor: an empty binary module on the same reference assemblies ---------------------------
$emptyDir = Join-Path $work 'EmptyModule'
$emptyOut = Join-Path $work 'EmptyModuleOut'
if (-not (Test-Path (Join-Path $emptyOut 'EmptyModule.dll'))) {
    New-Item -ItemType Directory -Force -Path $emptyDir | Out-Null
    @'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PowerShellStandard.Library" Version="5.1.1" PrivateAssets="all" />
  </ItemGroup>
</Project>
'@ | Set-Content (Join-Path $emptyDir 'EmptyModule.csproj')
    @'
using System.Management.Automation;
namespace EmptyModule
{
    [Cmdlet(VerbsCommon.Get, "EmptyThing")]
    [OutputType(typeof(string))]
    public sealed class GetEmptyThingCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("empty");
    }
}
'@ | Set-Content (Join-Path $emptyDir 'Cmdlet.cs')
    & dotnet publish $emptyDir -c Release -o $emptyOut --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'Building the empty module failed.' }
    "@{ RootModule = 'EmptyModule.dll'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @('Get-EmptyThing'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }" |
        Set-Content (Join-Path $emptyOut 'EmptyModule.psd1')
}

$importScript = {
    param($Path)
    "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Path' -ErrorAction Stop; `$sw.Stop(); `$sw.Elapsed.TotalMilliseconds"
}
$ours = @(); $empty = @()
for ($i = 0; $i -lt $ImportRuns; $i++) {
    # Alternate so machine noise hits both alike.
    $empty += [double](Invoke-Child (& $importScript (Join-Path $emptyOut 'EmptyModule.psd1')) | Select-Object -Last 1)
    $ours += [double](Invoke-Child (& $importScript $manifest) | Select-Object -Last 1)
}
$importOurs = Get-Median $ours
$importEmpty = Get-Median $empty

# --- 2. Connect plus first token, and 3. context-resolving calls --------------------------------------
$emulator = Start-TestEmulator -Fixture 'test-tenants.json'
try {
    $fixture = Get-Fixture
    $tenant = $fixture.tenants[0]
    $app = $tenant.applications | Where-Object { $_.secrets -and $_.applicationPermissions.teams -or $_.directoryRoles } | Select-Object -First 1
    $connectLines = @()
    $connectScript = @"
Import-Module '$manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$($emulator.BaseUrl)' -GraphEndpoint '$($emulator.BaseUrl)' -TeamsAdminEndpoint '$($emulator.BaseUrl)/teams' -ArmEndpoint '$($emulator.BaseUrl)/arm'
`$secret = ConvertTo-SecureString '$($app.secrets[0])' -AsPlainText -Force
`$sw = [Diagnostics.Stopwatch]::StartNew()
Connect-AcsTeamsSecurity -TenantId '$($tenant.id)' -ClientId '$($app.clientId)' -ClientSecret `$secret -Environment Bench
`$sw.Stop(); `$sw.Elapsed.TotalMilliseconds
"@
    for ($i = 0; $i -lt 5; $i++) { $connectLines += [double](Invoke-Child $connectScript | Select-Object -Last 1) }
    $connectMs = Get-Median $connectLines

    Clear-EmulatorRequest -Emulator $emulator
    $callsScript = @"
Import-Module '$manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$($emulator.BaseUrl)' -GraphEndpoint '$($emulator.BaseUrl)' -TeamsAdminEndpoint '$($emulator.BaseUrl)/teams' -ArmEndpoint '$($emulator.BaseUrl)/arm'
`$secret = ConvertTo-SecureString '$($app.secrets[0])' -AsPlainText -Force
Connect-AcsTeamsSecurity -TenantId '$($tenant.id)' -ClientId '$($app.clientId)' -ClientSecret `$secret -Environment Bench
`$sw = [Diagnostics.Stopwatch]::StartNew()
for (`$i = 0; `$i -lt 1000; `$i++) { `$null = Get-AcsTeamsSecurityContext }
`$sw.Stop(); `$sw.Elapsed.TotalMilliseconds
`$sw = [Diagnostics.Stopwatch]::StartNew()
for (`$i = 0; `$i -lt 1000; `$i++) { `$null = Test-AcsTeamsSecurityConnection -Service TeamsAdmin }
`$sw.Stop(); `$sw.Elapsed.TotalMilliseconds
"@
    $callLines = Invoke-Child $callsScript
    $contextMs = [double]$callLines[-2]
    $connectedMs = [double]$callLines[-1]
    $log = Get-EmulatorRequest -Emulator $emulator
    $tokenRequests = @($log | Where-Object { $_.service -eq 'entra' }).Count
    $teamsRequests = @($log | Where-Object { $_.service -eq 'teams' }).Count

    # --- 4. ACS guest tokens: -Count 1000 against 1,000 sequential calls, 20 ms injected latency ----------
    $acs = $tenant.acsResources[0]
    Invoke-EmulatorControl -Emulator $emulator -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 20 } | Out-Null
    $acsScript = {
        param($Mode)
        @"
Import-Module '$manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$($emulator.BaseUrl)' -GraphEndpoint '$($emulator.BaseUrl)'
`$cs = ConvertTo-SecureString 'endpoint=$(Get-TestAcsEndpoint $emulator $acs.name);accesskey=$($acs.accessKeys.primary)' -AsPlainText -Force
Connect-AcsTeamsSecurity -TenantId '$($tenant.id)' -ClientId '$($app.clientId)' -ClientSecret (ConvertTo-SecureString '$($app.secrets[0])' -AsPlainText -Force) -Environment Bench -AcsConnectionString `$cs
`$ProgressPreference = 'SilentlyContinue'
`$sw = [Diagnostics.Stopwatch]::StartNew()
$(if ($Mode -eq 'bulk') { '$n = @(New-AcsGuestToken -Count 1000 -ThrottleLimit 16).Count' } else { '$n = 0; for ($i = 0; $i -lt 1000; $i++) { $null = New-AcsGuestToken; $n++ }' })
`$sw.Stop()
"{0} {1} {2}" -f `$sw.Elapsed.TotalMilliseconds, `$n, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@
    }
    Clear-EmulatorRequest -Emulator $emulator
    $bulk = (Invoke-Child (& $acsScript 'bulk') | Select-Object -Last 1) -split ' '
    $bulkRequests = @(Get-EmulatorRequest -Emulator $emulator -Service acs).Count
    Clear-EmulatorRequest -Emulator $emulator
    $single = (Invoke-Child (& $acsScript 'single') | Select-Object -Last 1) -split ' '
    $singleRequests = @(Get-EmulatorRequest -Emulator $emulator -Service acs).Count
    Invoke-EmulatorControl -Emulator $emulator -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 0 } | Out-Null
}
finally {
    Stop-TestEmulator -Emulator $emulator
}

# --- 5. Test-ExternalUserAccess: 1,000 organizers sharing 5 policy instances, 20 ms latency ---------------
$benchEmu = Start-TestEmulator -Fixture 'bench-tenant.json'
try {
    $bt = (Get-Fixture 'bench-tenant.json').tenants[0]
    $bapp = $bt.applications[0]
    foreach ($svc in 'graph', 'teams') { Invoke-EmulatorControl -Emulator $benchEmu -Method Post -Path 'latency' -Body @{ service = $svc; delayMs = 20 } | Out-Null }
    $organizerFile = Join-Path $work 'organizers.txt'
    $bt.users.id | Set-Content $organizerFile
    $accessScript = {
        param($Mode)
        @"
Import-Module '$manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$($benchEmu.BaseUrl)' -GraphEndpoint '$($benchEmu.BaseUrl)' -TeamsAdminEndpoint '$($benchEmu.BaseUrl)/teams'
Connect-AcsTeamsSecurity -TenantId '$($bt.id)' -ClientId '$($bapp.clientId)' -ClientSecret (ConvertTo-SecureString '$($bapp.secrets[0])' -AsPlainText -Force) -Environment Bench
`$null = Test-AcsTeamsSecurityConnection -Service TeamsAdmin
`$ProgressPreference = 'SilentlyContinue'
`$organizers = Get-Content '$organizerFile'
`$sw = [Diagnostics.Stopwatch]::StartNew()
$(if ($Mode -eq 'bulk') { '$n = @($organizers | Test-ExternalUserAccess).Count' } else { '$n = 0; foreach ($o in $organizers) { $null = Test-ExternalUserAccess -Organizer $o; $n++ }' })
`$sw.Stop()
"{0} {1}" -f `$sw.Elapsed.TotalMilliseconds, `$n
"@
    }
    function Measure-Access([string] $Mode) {
        Clear-EmulatorRequest -Emulator $benchEmu
        $line = (Invoke-Child (& $accessScript $Mode) | Select-Object -Last 1) -split ' '
        $log = @(Get-EmulatorRequest -Emulator $benchEmu | Where-Object { $_.service -in 'graph', 'teams' })
        # HTTP requests only: inner batch operations carry the outer request's seq in 'batch'.
        $http = @($log | Where-Object { $null -eq $_.batch }).Count
        [pscustomobject]@{ Ms = [double]$line[0]; Organizers = [int]$line[1]; HttpRequests = $http }
    }
    $accessBulk = Measure-Access 'bulk'
    $accessNaive = Measure-Access 'naive'
}
finally {
    Stop-TestEmulator -Emulator $benchEmu
}

# --- 6. Set-LobbyBypass on 1,000 meetings, 20 ms latency, against one request per meeting -------------------
$meetEmu = Start-TestEmulator -Fixture 'bench-meetings.json'
try {
    $mt = (Get-Fixture 'bench-meetings.json').tenants[0]
    $mapp = $mt.applications[0]
    $morganizer = ($mt.users | Where-Object { $_.PSObject.Properties['meetingGenerator'] } | Select-Object -First 1).userPrincipalName
    Invoke-EmulatorControl -Emulator $meetEmu -Method Post -Path 'latency' -Body @{ service = 'graph'; delayMs = 20 } | Out-Null
    $meetingScript = {
        param($Mode, $Scope)
        @"
Import-Module '$manifest' -ErrorAction Stop
`$null = Add-AcsTeamsEnvironment -Name Bench -AuthorityHost '$($meetEmu.BaseUrl)' -GraphEndpoint '$($meetEmu.BaseUrl)'
Connect-AcsTeamsSecurity -TenantId '$($mt.id)' -ClientId '$($mapp.clientId)' -ClientSecret (ConvertTo-SecureString '$($mapp.secrets[0])' -AsPlainText -Force) -Environment Bench
`$ProgressPreference = 'SilentlyContinue'
`$meetings = Get-MeetingExternalAccess -Organizer '$morganizer' -StartDateTime (Get-Date).AddYears(-2) -EndDateTime (Get-Date).AddYears(3)
'MEETINGS ' + `$meetings.Count
Invoke-RestMethod -Method Delete -Uri '$($meetEmu.BaseUrl)/_emulator/requests' | Out-Null
`$sw = [Diagnostics.Stopwatch]::StartNew()
$(if ($Mode -eq 'bulk') { "`$meetings | Set-LobbyBypass -Scope $Scope -Force" } else { "foreach (`$m in `$meetings) { `$m | Set-LobbyBypass -Scope $Scope -Force }" })
`$sw.Stop()
`$sw.Elapsed.TotalMilliseconds
"@
    }
    function Measure-Meetings([string] $Mode, [string] $Scope) {
        $out = Invoke-Child (& $meetingScript $Mode $Scope)
        $count = [int](($out | Where-Object { "$_" -like 'MEETINGS *' }) -replace 'MEETINGS ', '')
        $log = @(Get-EmulatorRequest -Emulator $meetEmu -Service graph)
        [pscustomobject]@{ Ms = [double]($out | Select-Object -Last 1); Meetings = $count; HttpRequests = @($log | Where-Object { $null -eq $_.batch }).Count; Patches = @($log | Where-Object { $_.method -eq 'PATCH' -and $_.status -eq 200 }).Count }
    }
    # Each run changes every meeting (Organizer, then Organization), so neither finds them already set.
    $meetBulk = Measure-Meetings 'bulk' 'Organizer'
    $meetNaive = Measure-Meetings 'naive' 'Organization'
}
finally {
    Stop-TestEmulator -Emulator $meetEmu
}

# --- Offline audit of synthetic snapshots (100, 1,000, 10,000 policy instances) ---------------------------
# Built from the secure xunit fixture: half meeting, half external access policy instances, every fourth one
# loosened so the report has failures to render. Each size runs in fresh processes (cold, like a runbook):
# Test-ExternalUserSecurity -SnapshotPath ... -ReportPath <html>, median of 3, with the child's peak working set.
$auditRuns = @()
$baseline = Get-Content -Raw (Join-Path $root 'tests/AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot.json') | ConvertFrom-Json
foreach ($size in 100, 1000, 10000) {
    $snapshot = Join-Path $work "audit-$size.json"
    $doc = $baseline | ConvertTo-Json -Depth 10 | ConvertFrom-Json
    $meetingTemplate = $baseline.meetingPolicies[1]
    $accessTemplate = $baseline.externalAccessPolicies[0]
    $doc.meetingPolicies = @($baseline.meetingPolicies[0]) + @(1..([int]($size / 2) - 1) | ForEach-Object {
        $m = $meetingTemplate | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $m.settings.Identity = "Tag:Bench$_"
        $m.userCount = $_ % 50
        if ($_ % 4 -eq 0) { $m.settings.AutoAdmittedUsers = 'Everyone'; $m.settings.AllowAnonymousUsersToStartMeeting = $true }
        $m
    })
    $doc.externalAccessPolicies = @($baseline.externalAccessPolicies[0]) + @(1..([int]($size / 2) - 1) | ForEach-Object {
        $a = $accessTemplate | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $a.settings.Identity = "Tag:BenchAccess$_"
        if ($_ % 4 -eq 0) { $a.settings.EnableTeamsConsumerInbound = $true }
        $a
    })
    $doc.tenant.AllowTeamsConsumer = $true
    $doc | ConvertTo-Json -Depth 10 | Set-Content -Path $snapshot -Encoding utf8NoBOM
    $instances = $doc.meetingPolicies.Count + $doc.externalAccessPolicies.Count
    $samples = foreach ($i in 1..3) {
        $html = Join-Path $work "audit-$size.html"
        $out = Invoke-Child @"
Import-Module '$manifest'
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$findings = @(Test-ExternalUserSecurity -SnapshotPath '$snapshot' -ReportPath '$html')
`$sw.Stop()
'{0}|{1}|{2}' -f `$sw.Elapsed.TotalMilliseconds, `$findings.Count, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"@
        $parts = "$($out | Select-Object -Last 1)" -split '\|'
        [pscustomobject]@{ Ms = [double]$parts[0]; Findings = [int]$parts[1]; Peak = [double]$parts[2]; ReportBytes = (Get-Item $html).Length }
    }
    $auditRuns += [ordered]@{
        policyInstances = $instances
        snapshotKB = [math]::Round((Get-Item $snapshot).Length / 1KB)
        findings = $samples[0].Findings
        medianMs = [math]::Round((Get-Median $samples.Ms), 1)
        peakWorkingSetMB = [math]::Round((Get-Median $samples.Peak) / 1MB, 1)
        reportKB = [math]::Round($samples[0].ReportBytes / 1KB)
        msPer1000Instances = [math]::Round((Get-Median $samples.Ms) / $instances * 1000, 1)
    }
}

# --- Scale (issue 16): the 150,000-user tenant, the meeting sweep, a fleet of 1,000 tenants, the report in Chromium ---
$scale = & (Join-Path $PSScriptRoot 'Invoke-ScaleBenchmark.ps1') -Manifest $manifest -Work $work -TenantReport (Join-Path $work 'audit-10000.html')

$results = [ordered]@{
    machine = [ordered]@{ os = [Environment]::OSVersion.VersionString; cores = [Environment]::ProcessorCount; pwsh = $PSVersionTable.PSVersion.ToString(); date = (Get-Date).ToUniversalTime().ToString('o') }
    import = [ordered]@{ runs = $ImportRuns; oursMedianMs = [math]::Round($importOurs, 1); emptyMedianMs = [math]::Round($importEmpty, 1); ratio = [math]::Round($importOurs / $importEmpty, 2); target = '<= 1.3' }
    connectFirstTokenMedianMs = [math]::Round($connectMs, 1)
    contextResolvingCalls = [ordered]@{ calls = 1000; getContextTotalMs = [math]::Round($contextMs, 1); perCallMs = [math]::Round($contextMs / 1000, 3) }
    connectedCalls = [ordered]@{ calls = 1000; totalMs = [math]::Round($connectedMs, 1); perCallMs = [math]::Round($connectedMs / 1000, 3); teamsRequests = $teamsRequests; tokenRequests = $tokenRequests }
    acsGuestTokens = [ordered]@{
        latencyMs = 20
        bulk = [ordered]@{ tokens = [int]$bulk[1]; totalMs = [math]::Round([double]$bulk[0], 1); acsRequests = $bulkRequests; peakWorkingSetMB = [math]::Round([double]$bulk[2] / 1MB, 1) }
        sequential = [ordered]@{ tokens = [int]$single[1]; totalMs = [math]::Round([double]$single[0], 1); acsRequests = $singleRequests; peakWorkingSetMB = [math]::Round([double]$single[2] / 1MB, 1) }
        speedup = [math]::Round([double]$single[0] / [double]$bulk[0], 1)
        target = '>= 8x'
    }
    externalUserAccess = [ordered]@{
        organizers = $accessBulk.Organizers
        policyInstances = 5
        latencyMs = 20
        pipeline = [ordered]@{ totalMs = [math]::Round($accessBulk.Ms, 1); httpRequests = $accessBulk.HttpRequests }
        naivePerOrganizer = [ordered]@{ totalMs = [math]::Round($accessNaive.Ms, 1); httpRequests = $accessNaive.HttpRequests }
        speedup = [math]::Round($accessNaive.Ms / $accessBulk.Ms, 1)
        target = 'requests <= 1000/20 + 10 = 60; >= 10x faster'
    }
    offlineAudit = [ordered]@{
        runs = $auditRuns
        note = 'cold fresh process per run: module import, schema validation, every rule, HTML report; median of 3'
        target = '10,000 instances < 5 s; cost no worse than linear; 10,000 instances: report <= 8 MB, peak <= 300 MB'
    }
    scale = $scale
    meetingLobbyBypass = [ordered]@{
        meetings = $meetBulk.Meetings
        latencyMs = 20
        bulk = [ordered]@{ totalMs = [math]::Round($meetBulk.Ms, 1); graphRequests = $meetBulk.HttpRequests; patched = $meetBulk.Patches }
        oneRequestPerMeeting = [ordered]@{ totalMs = [math]::Round($meetNaive.Ms, 1); graphRequests = $meetNaive.HttpRequests; patched = $meetNaive.Patches }
        speedup = [math]::Round($meetNaive.Ms / $meetBulk.Ms, 1)
        target = '<= 55 Graph requests; >= 10x faster'
    }
}
$results | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $PSScriptRoot 'results.json')

$table = @(
    [pscustomobject]@{ Measure = "Import-Module, median of $ImportRuns fresh processes"; Ours = "$($results.import.oursMedianMs) ms"; Baseline = "$($results.import.emptyMedianMs) ms (empty binary module)"; Note = "ratio $($results.import.ratio) (target <= 1.3)" }
    [pscustomobject]@{ Measure = 'Connect + first token (client secret), median of 5'; Ours = "$($results.connectFirstTokenMedianMs) ms"; Baseline = ''; Note = 'includes MSAL start-up and TLS' }
    [pscustomobject]@{ Measure = '1,000 x Get-AcsTeamsSecurityContext'; Ours = "$($results.contextResolvingCalls.getContextTotalMs) ms"; Baseline = ''; Note = "$($results.contextResolvingCalls.perCallMs) ms per call" }
    [pscustomobject]@{ Measure = '1,000 x Test-AcsTeamsSecurityConnection -Service TeamsAdmin'; Ours = "$($results.connectedCalls.totalMs) ms"; Baseline = ''; Note = "$teamsRequests Teams requests, $tokenRequests token requests (Graph at connect, then TeamsAdmin)" }
    [pscustomobject]@{ Measure = '1,000 ACS guest tokens, 20 ms latency: -Count 1000 -ThrottleLimit 16'; Ours = "$($results.acsGuestTokens.bulk.totalMs) ms"; Baseline = "$($results.acsGuestTokens.sequential.totalMs) ms (1,000 sequential calls)"; Note = "speed-up $($results.acsGuestTokens.speedup)x (target >= 8x); peak memory $($results.acsGuestTokens.bulk.peakWorkingSetMB) MB vs $($results.acsGuestTokens.sequential.peakWorkingSetMB) MB" }
)
$table += [pscustomobject]@{ Measure = 'Test-ExternalUserAccess, 1,000 organizers / 5 policies, 20 ms latency'; Ours = "$($results.externalUserAccess.pipeline.totalMs) ms, $($results.externalUserAccess.pipeline.httpRequests) requests"; Baseline = "$($results.externalUserAccess.naivePerOrganizer.totalMs) ms, $($results.externalUserAccess.naivePerOrganizer.httpRequests) requests (one call per organizer)"; Note = "speed-up $($results.externalUserAccess.speedup)x (target: <= 60 requests, >= 10x)" }
$table += [pscustomobject]@{ Measure = 'Set-LobbyBypass on 1,000 meetings, 20 ms latency'; Ours = "$($results.meetingLobbyBypass.bulk.totalMs) ms, $($results.meetingLobbyBypass.bulk.graphRequests) requests"; Baseline = "$($results.meetingLobbyBypass.oneRequestPerMeeting.totalMs) ms, $($results.meetingLobbyBypass.oneRequestPerMeeting.graphRequests) requests (one per meeting)"; Note = "speed-up $($results.meetingLobbyBypass.speedup)x (target: <= 55 requests, >= 10x)" }
foreach ($run in $results.offlineAudit.runs) {
    $table += [pscustomobject]@{ Measure = "Offline audit + HTML report, $($run.policyInstances) policy instances ($($run.snapshotKB) KB snapshot)"; Ours = "$($run.medianMs) ms, peak $($run.peakWorkingSetMB) MB"; Baseline = ''; Note = "$($run.findings) findings, $($run.reportKB) KB report, $($run.msPer1000Instances) ms per 1,000 instances (target: 10,000 < 5 s, linear)" }
}
$sc = $results.scale
$table += [pscustomobject]@{ Measure = 'Export-ExternalUserConfiguration, 150,000 users, 20 ms latency'; Ours = "$($sc.export150k.totalMs) ms, $($sc.export150k.requests) requests, peak $($sc.export150k.peakWorkingSetMB) MB"; Baseline = "$($sc.export150k.naiveDefaultPageSize.totalMs) ms, $($sc.export150k.naiveDefaultPageSize.graphRequests) requests (Graph's default page size, Invoke-RestMethod)"; Note = "target: <= $($sc.export150k.requestTarget) requests, <= 400 MB" }
$table += [pscustomobject]@{ Measure = 'Get-MeetingExternalAccess, 10,000 organizers, 30 days, 20 ms latency'; Ours = "$($sc.meetingSweep.batched.totalMs) ms, $($sc.meetingSweep.batched.graphRequests) Graph requests ($($sc.meetingSweep.batched.calendarBatches) calendar batches), $($sc.meetingSweep.meetings) meetings"; Baseline = "$($sc.meetingSweep.oneCallPerOrganizer.extrapolatedMs) ms, $($sc.meetingSweep.oneCallPerOrganizer.extrapolatedGraphRequests) requests (one call per organizer; $($sc.meetingSweep.oneCallPerOrganizer.organizersMeasured) measured, extrapolated)"; Note = "speed-up $($sc.meetingSweep.speedup)x (target: <= 520 requests, >= 10x)" }
$table += [pscustomobject]@{ Measure = 'Test-ExternalUserSecurity, fleet of 1,000 tenants, 20 ms latency'; Ours = "$($sc.fleet.totalMs) ms ($($sc.fleet.audited) audited, -ThrottleLimit 16), peak $($sc.fleet.peakWorkingSetMB) MB"; Baseline = "$($sc.fleet.oneCallPerTenant.extrapolatedMs) ms (one call per tenant; $($sc.fleet.oneCallPerTenant.tenantsMeasured) measured, extrapolated)"; Note = "speed-up $($sc.fleet.speedup)x; fleet report $($sc.fleet.reportKB) KB" }
if ($sc.reportInChromium) { $table += [pscustomobject]@{ Measure = '10,000-instance tenant report in headless Chromium'; Ours = "first screen $($sc.reportInChromium.firstScreenMedianMs) ms"; Baseline = "$($sc.reportInChromium.blankPageMedianMs) ms (about:blank)"; Note = "$($sc.reportInChromium.reportKB) KB report; browser start included (target < 2 s)" } }
$table | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
Write-Host "Results written to $(Join-Path $PSScriptRoot 'results.json')"
