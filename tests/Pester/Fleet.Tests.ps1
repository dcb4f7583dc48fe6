# The fleet end to end: 50 generated emulator tenants audited in one command (one with its Entra side failing, one
# throttled), the fleet report in three formats and in headless Chromium, the trend, and the sharded pattern: five
# concurrent pwsh processes export into one folder, and the folder merges into the same report.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator -Fixture 'fleet-tenants.json'
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('acsts-fleet-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null

    # Fleet tenant n of seed 16 (tests/AcsTeamsSecurity.Emulator/Fixtures/FixtureGenerators.cs).
    function Get-FleetTenant([int] $Index) {
        [pscustomobject]@{
            TenantId = 'f1ee7000-0010-4000-8000-{0:D12}' -f $Index
            ClientId = 'f1ee7a00-0010-4000-8000-{0:D12}' -f $Index
            Secret   = 'Flt8Q~EmuSecret-FleetApp-16-{0:D4}' -f $Index
        }
    }
    $script:Contexts = foreach ($i in 1..50) {
        $t = Get-FleetTenant $i
        Connect-AcsTeamsSecurity -TenantId $t.TenantId -ClientId $t.ClientId -ClientSecret (ConvertTo-TestSecureString $t.Secret) -Environment Emulator -PassThru
    }
    $script:Broken = (Get-FleetTenant 7).TenantId
    $script:Throttled = (Get-FleetTenant 9).TenantId
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Test-ExternalUserSecurity with 50 contexts' {
    BeforeAll {
        # Tenant 7 cannot get a Teams token any more (its Graph token is cached from the sign-in); tenant 9's Teams
        # admin API answers 429 twice before it answers.
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path faults -Body @{ service = 'entra'; tenant = $script:Broken; status = 400 } | Out-Null
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path faults -Body @{ service = 'teams'; tenant = $script:Throttled; status = 429; retryAfter = '1'; count = 2 } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $script:Json = Join-Path $script:Dir 'fleet.json'
        $script:Rows = @(Test-ExternalUserSecurity -Context $script:Contexts -ThrottleLimit 8 -ReportPath $script:Json -ErrorVariable fleetErrors -ErrorAction SilentlyContinue -InformationVariable info -InformationAction SilentlyContinue)
        $script:Errors = @($fleetErrors)
        $script:Info = @($info)
        $script:Requests = @(Get-EmulatorRequest -Emulator $script:Emu)
        $script:Faults = @(Invoke-EmulatorControl -Emulator $script:Emu -Path faults)
    }

    # Tenant 7 stays broken for every run of this block.
    AfterAll { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path faults | Out-Null }

    It 'audits 49 tenants and gives the broken one an error row, worst first' {
        $script:Rows.Count | Should -Be 50
        $script:Rows | ForEach-Object { $_ | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserFleetTenant]) }
        @($script:Rows | Where-Object Status -EQ 'Audited').Count | Should -Be 49
        $failed = @($script:Rows | Where-Object Status -EQ 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].TenantId | Should -Be $script:Broken
        $failed[0].Rank | Should -Be 1
        $failed[0].Error | Should -Match 'Teams configuration could be read'
        ($script:Rows | ForEach-Object Rank) -join ',' | Should -Be ((1..50) -join ',')
        $audited = @($script:Rows | Where-Object Status -EQ 'Audited')
        for ($i = 1; $i -lt $audited.Count; $i++) { $audited[$i - 1].Score | Should -BeGreaterOrEqual $audited[$i].Score }
        @($audited | Where-Object { $_.Passed + $_.Failed + $_.Warnings + $_.NotApplicable -eq 0 }).Count | Should -Be 0
    }

    It 'writes one FleetTenantFailed error, for the broken tenant only, and a summary line' {
        $script:Errors.Count | Should -Be 1
        $script:Errors[0].FullyQualifiedErrorId | Should -BeLike 'FleetTenantFailed,*'
        $script:Errors[0].TargetObject | Should -Be $script:Broken
        $line = @($script:Info | Where-Object { $_.Tags -contains 'AcsTeamsSecurity.FleetSummary' })
        $line.Count | Should -Be 1
        "$($line[0].MessageData)" | Should -Match '^Fleet: 49 of 50 tenant\(s\) audited, 1 could not be audited'
    }

    It 'retries the throttled tenant and audits it' {
        ($script:Rows | Where-Object TenantId -EQ $script:Throttled).Status | Should -Be 'Audited'
        @($script:Requests | Where-Object { $_.service -eq 'teams' -and $_.status -eq 429 }).Count | Should -Be 2
        @($script:Faults | Where-Object { $_.tenant -eq $script:Throttled }).Count | Should -Be 0 -Because 'both 429 answers were consumed'
    }

    It 'writes the fleet JSON with every tenant, its matrix row and the error row' {
        $report = Get-Content -Raw $script:Json | ConvertFrom-Json -Depth 20
        $report.kind | Should -Be 'AcsTeamsSecurity.FleetReport'
        $report.summary.tenants | Should -Be 50
        $report.summary.audited | Should -Be 49
        $report.summary.failedTenants | Should -Be 1
        $report.tenants[0].tenantId | Should -Be $script:Broken
        $report.tenants[0].status | Should -Be 'Failed'
        $ruleIds = @($report.rules.id)
        $ruleIds.Count | Should -Be @(Get-ExternalUserSecurityRule).Count
        foreach ($t in @($report.tenants | Where-Object status -EQ 'Audited')) {
            $row = $script:Rows | Where-Object TenantId -EQ $t.tenantId
            $t.failed | Should -Be $row.Failed
            @($t.rules.PSObject.Properties | Where-Object { $_.Value.status -eq 'Fail' } | ForEach-Object { $_.Value.failed } | Measure-Object -Sum).Sum | Should -Be $row.Failed
        }
    }

    It 'writes the CSV matrix and an HTML report that headless Chromium renders with every tenant' {
        $csv = Join-Path $script:Dir 'fleet.csv'
        $html = Join-Path $script:Dir 'fleet.html'
        Test-ExternalUserSecurity -Context $script:Contexts -ReportPath $csv -ErrorAction SilentlyContinue | Out-Null
        Test-ExternalUserSecurity -Context $script:Contexts -ReportPath $html -ErrorAction SilentlyContinue | Out-Null
        $lines = @(Import-Csv $csv)
        $lines.Count | Should -Be 50
        $lines[0].Status | Should -Be 'Failed'
        ($lines[0].PSObject.Properties.Name -contains 'ATS.MTG.1') | Should -BeTrue

        $chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        $chromium | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test installs Debian''s chromium package'
        $uri = [Uri]::new([IO.Path]::GetFullPath($html), [UriKind]::Absolute).AbsoluteUri
        $flags = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-extensions', "--user-data-dir=$(Join-Path $script:Dir 'chromium-profile')")
        $dom = & $chromium @flags --dump-dom $uri 2>$null | Out-String
        $dom | Should -Match '</html>'
        ([regex]::Matches($dom, '<tr data-tenant="')).Count | Should -Be 50
        ([regex]::Matches($dom, '<tr data-tenant="[^"]+" data-status="Failed"')).Count | Should -Be 1
        ([regex]::Matches($dom, '<details id="t\d+"')).Count | Should -Be 50
        [regex]::Match($dom, 'data-fleet-count="audited"><b>(\d+)<').Groups[1].Value | Should -Be '49'
        $dom | Should -Not -Match '(src|href)="https?:'
        # Printing (every drill-down opened) is checked by the xunit FleetReportTests, which prints the page to PDF.
    }

    It 'shows the change against the previous fleet report' {
        # The previous run, as if tenant 12 had two failures fewer then.
        $previous = Get-Content -Raw $script:Json | ConvertFrom-Json -Depth 20
        $twelve = (Get-FleetTenant 12).TenantId
        ($previous.tenants | Where-Object tenantId -EQ $twelve).failed -= 2
        $previousPath = Join-Path $script:Dir 'previous.json'
        $previous | ConvertTo-Json -Depth 20 | Set-Content $previousPath
        $rows = @(Test-ExternalUserSecurity -Context $script:Contexts -PreviousReportPath $previousPath -ErrorAction SilentlyContinue)
        ($rows | Where-Object TenantId -EQ $twelve).FailedChange | Should -Be 2
        @($rows | Where-Object { $_.TenantId -ne $twelve -and $_.Status -eq 'Audited' -and $_.FailedChange -ne 0 }).Count | Should -Be 0
        ($rows | Where-Object TenantId -EQ $script:Broken).FailedChange | Should -BeNullOrEmpty
        $text = $rows | Format-Table | Out-String -Width 120
        $text | Should -Match '\+2'
        @($text -split "`r?`n" | Where-Object { $_.Length -gt 120 }).Count | Should -Be 0
    }
}

Describe 'The sharded pattern: concurrent exports into one folder, then one merge' {
    It 'merges 50 snapshots written by 5 concurrent processes into the same report' {
        $folder = Join-Path $script:Dir 'shards'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $child = Join-Path $script:Dir 'shard.ps1'
        Set-Content -Path $child -Value @'
param([string] $BaseUrl, [int] $Shard, [string] $Folder, [string] $Helpers, [string] $Manifest)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost $BaseUrl -GraphEndpoint $BaseUrl -TeamsAdminEndpoint "$BaseUrl/teams" -ArmEndpoint "$BaseUrl/arm" -Force | Out-Null
$contexts = foreach ($i in 1..50 | Where-Object { $_ % 5 -eq $Shard }) {
    $secret = ConvertTo-SecureString ('Flt8Q~EmuSecret-FleetApp-16-{0:D4}' -f $i) -AsPlainText -Force
    Connect-AcsTeamsSecurity -TenantId ('f1ee7000-0010-4000-8000-{0:D12}' -f $i) -ClientId ('f1ee7a00-0010-4000-8000-{0:D12}' -f $i) -ClientSecret $secret -Environment Emulator -PassThru
}
$written = @(Export-ExternalUserConfiguration -Context $contexts -Path $Folder -ThrottleLimit 4 -InformationAction Ignore)
"WROTE $($written.Count)"
'@
        $pwsh = @(Get-TestPwshCommand)
        $processes = foreach ($shard in 0..4) {
            $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child, '-BaseUrl', $script:Emu.BaseUrl, '-Shard', $shard, '-Folder', $folder, '-Helpers', (Join-Path $PSScriptRoot 'TestHelpers.psm1'), '-Manifest', (Get-ModuleManifestPath))
            Start-Process -FilePath $pwsh[0] -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $script:Dir "shard$shard.out") -RedirectStandardError (Join-Path $script:Dir "shard$shard.err")
        }
        foreach ($p in $processes) { $p.WaitForExit(120000) | Should -BeTrue; $p.WaitForExit() }
        foreach ($shard in 0..4) {
            Get-Content -Raw (Join-Path $script:Dir "shard$shard.out") | Should -Match 'WROTE 10' -Because (Get-Content -Raw (Join-Path $script:Dir "shard$shard.err"))
        }
        @(Get-ChildItem $folder -Filter *.json).Count | Should -Be 50
        @(Get-ChildItem $folder -Force | Where-Object Name -Like '.*').Count | Should -Be 0 -Because 'no temporary file is left behind'

        Clear-EmulatorRequest -Emulator $script:Emu
        $merged = Join-Path $script:Dir 'merged.json'
        $rows = @(Test-ExternalUserSecurity -SnapshotPath $folder -ReportPath $merged -InformationAction Ignore)
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0 -Because 'merging snapshots reads no tenant'
        $rows.Count | Should -Be 50
        @($rows | Where-Object Status -EQ 'Audited').Count | Should -Be 50

        # The same matrix as the live fleet run, tenant by tenant and rule by rule.
        $live = Get-Content -Raw $script:Json | ConvertFrom-Json -Depth 20
        $fromFolder = Get-Content -Raw $merged | ConvertFrom-Json -Depth 20
        $fromFolder.kind | Should -Be 'AcsTeamsSecurity.FleetReport'
        foreach ($t in @($live.tenants | Where-Object status -EQ 'Audited')) {
            $m = $fromFolder.tenants | Where-Object tenantId -EQ $t.tenantId
            $m | Should -Not -BeNullOrEmpty
            $m.score | Should -Be $t.score
            ($m.rules | ConvertTo-Json -Compress -Depth 5) | Should -Be ($t.rules | ConvertTo-Json -Compress -Depth 5) -Because "tenant $($t.tenantId)"
        }

        # The folder now also holds the merged report: it is skipped, not read as a snapshot.
        @(Test-ExternalUserSecurity -SnapshotPath $folder -ErrorAction Stop -InformationAction Ignore).Count | Should -Be 50

        # One file with a fleet parameter is a fleet of one, not its whole folder.
        $one = @(Test-ExternalUserSecurity -SnapshotPath (Join-Path $folder "$($script:Throttled).json") -ThrottleLimit 1 -InformationAction Ignore)
        $one.Count | Should -Be 1
        $one[0].TenantId | Should -Be $script:Throttled
    }
}

Describe 'Fleet input checks' {
    It 'refuses an empty folder, a previous report that is not a fleet report, and a missing export folder' {
        $empty = Join-Path $script:Dir 'empty'
        New-Item -ItemType Directory -Path $empty | Out-Null
        { Test-ExternalUserSecurity -SnapshotPath $empty -ErrorAction Stop } | Should -Throw -ErrorId 'FleetEmpty,*'

        $notFleet = Join-Path $script:Dir 'not-fleet.json'
        Set-Content -Path $notFleet -Value '{"schemaVersion":"1.0","findings":[]}'
        Clear-EmulatorRequest -Emulator $script:Emu
        { Test-ExternalUserSecurity -Context $script:Contexts -PreviousReportPath $notFleet -ErrorAction Stop } | Should -Throw -ErrorId 'FleetReportUnreadable,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0

        { Export-ExternalUserConfiguration -Context $script:Contexts[0..1] -Path (Join-Path $script:Dir 'missing') -ErrorAction Stop } | Should -Throw -ErrorId 'OutputFolderNotFound,*'
    }

    It 'shows every file under -WhatIf and reads nothing' {
        $folder = Join-Path $script:Dir 'whatif'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        Export-ExternalUserConfiguration -Context $script:Contexts[0..2] -Path $folder -WhatIf | Out-Null
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        @(Get-ChildItem $folder).Count | Should -Be 0
    }
}
