# Audit end to end: snapshot export, the rule catalogue, live and offline audits, reports, drift and restore.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:Prod = '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a'
    $script:Dev = 'a8be43a2-e3cc-4245-88cc-1060aa21c144'
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('acsts-audit-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    $script:Admin = Connect-TestTenant

    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
    function Get-Writes { @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -EQ 'PUT') }
    function Get-Key($Finding) { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $Finding.RuleId, $Finding.Scope, $Finding.Status, $Finding.Actual, $Finding.Evidence, $Finding.Remediation, $Finding.AffectedUsers }
}

AfterAll {
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Get-ExternalUserSecurityRule' {
    It 'lists the catalogue with rationale, check, remediation and mappings' {
        $rules = @(Get-ExternalUserSecurityRule)
        $rules.Count | Should -Be 33
        $rules[0] | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserSecurityRule])
        $rules | ForEach-Object { $_.Rationale | Should -Not -BeNullOrEmpty; $_.Remediation | Should -Not -BeNullOrEmpty }
        ($rules | Where-Object Id -EQ 'ATS.ACS.5').Severity | Should -Be 'Critical'
    }

    It 'filters by id, severity, framework and mapping id' {
        @(Get-ExternalUserSecurityRule -Id 'ATS.RES.*').Count | Should -Be 5
        @(Get-ExternalUserSecurityRule -Framework 'CISA SCuBA').Count | Should -Be 12
        @(Get-ExternalUserSecurityRule -MappingId 'MT.1047').Id | Should -Be @('ATS.MTG.1')
        @(Get-ExternalUserSecurityRule -Severity Critical, High | Where-Object Severity -NotIn 'Critical', 'High').Count | Should -Be 0
        (Get-ExternalUserSecurityRule -Framework 'Azure Policy').AzurePolicy | Should -Contain 'fc264132-db9c-4302-bb7d-3994c36461fe, 145408bc-d134-468a-ae3b-1eaf3b9e5ac7'
    }

    It 'fails with AuditRuleNotFound when nothing matches' {
        { Get-ExternalUserSecurityRule -Id 'ATS.NOPE.9' -ErrorAction Stop } | Should -Throw -ErrorId 'AuditRuleNotFound,*'
    }

    It 'formats as a table that fits 120 columns' {
        $text = Get-ExternalUserSecurityRule | Format-Table | Out-String -Width 120
        $text | Should -Match 'ATS\.MTG\.1 '
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }).Count | Should -Be 0
    }
}

Describe 'Export-ExternalUserConfiguration' {
    BeforeAll { Reset-Emulator }

    It 'writes a versioned snapshot of every plane without a secret' {
        $path = Join-Path $script:Dir 'export.json'
        $summary = Export-ExternalUserConfiguration -Path $path -SubscriptionId $script:Prod
        $summary | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserConfigurationSummary])
        $summary.Path | Should -Be $path
        $summary.TenantId | Should -Be $script:Id.ContosoId
        $summary.MeetingPolicies | Should -Be 4
        $summary.ExternalAccessPolicies | Should -Be 3
        $summary.AcsResources | Should -Be 3
        $summary.CollectionErrors | Should -Be 0
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $json.schemaVersion | Should -Be '1.1'
        $json.metadata.environment | Should -Be 'Emulator'
        $json.metadata.tenantDomain | Should -Be 'contoso.onmicrosoft.com'
        $json.metadata.moduleVersion | Should -Match '^\d+\.\d+\.\d+'
        ($json.meetingPolicies | Where-Object { $_.settings.Identity -eq 'Global' }).userCount | Should -BeGreaterThan 0
        ($json.acsResources | Where-Object Name -EQ 'contoso-acs').DisableLocalAuth | Should -BeFalse
        ($json.acsResources | Where-Object Name -EQ 'contoso-acs-secure').AuthLogsCollected | Should -BeTrue
        $json.tenant.AllowedAcsResources | Should -Contain '1475c6ac-baa0-425c-8df5-77d8766e3c25'
        $text = Get-Content -Raw $path
        $fixture = Get-Content -Raw (Get-FixturePath)  | ConvertFrom-Json
        foreach ($resource in $fixture.tenants[0].acsResources) {
            $text | Should -Not -Match ([regex]::Escape($resource.accessKeys.primary))
            $text | Should -Not -Match ([regex]::Escape($resource.accessKeys.secondary))
        }
        $text | Should -Not -Match ([regex]::Escape($script:Id.ReaderAppSecret))
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
    }

    It 'records a subscription it cannot read as a collection error and still writes the snapshot' {
        $path = Join-Path $script:Dir 'partial.json'
        $summary = Export-ExternalUserConfiguration -Path $path -SubscriptionId $script:Prod, $script:Dev -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CollectionFailed,*'
        $err[0].Exception.Message | Should -Match 'Reader'
        # The role comes from Export-ExternalUserConfiguration's [RequiredPermission] (the running cmdlet), the scope from the client.
        $err[0].Exception.Message | Should -Match "This needs the Azure role Reader .*on subscription $script:Dev"
        $summary.CollectionErrors | Should -Be 1
        $summary.AcsResources | Should -Be 3
        (Get-Content -Raw $path | ConvertFrom-Json).collectionErrors[0].plane | Should -Be 'AcsResource'
    }

    It 'checks subscription ids before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'x.json') -SubscriptionId 'prod' -ErrorAction Stop } | Should -Throw -ErrorId 'SubscriptionIdInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'reads and writes nothing under -WhatIf, and honours -NoClobber' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $path = Join-Path $script:Dir 'whatif.json'
        Export-ExternalUserConfiguration -Path $path -WhatIf | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        { Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'export.json') -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'OutputFileExists,*'
    }

    It 'says OutputWriteFailed when the file cannot be written, and keeps the old one' {
        $locked = Join-Path $script:Dir 'readonly'
        New-Item -ItemType Directory -Path $locked | Out-Null
        $path = Join-Path $locked 'export.json'
        Set-Content -Path $path -Value 'previous'
        # A directory in place of the temporary file's target makes the final rename fail for root as well.
        Remove-Item $path
        New-Item -ItemType Directory -Path $path | Out-Null
        { Export-ExternalUserConfiguration -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'OutputWriteFailed,*'
        Test-Path $path -PathType Container | Should -BeTrue
        @(Get-ChildItem $locked -Force).Count | Should -Be 1 -Because 'the temporary file is removed'
    }

    It 'refuses a folder that does not exist' {
        { Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'no/such/folder/s.json') -ErrorAction Stop } | Should -Throw -ErrorId 'OutputFolderNotFound,*'
    }
}

Describe 'Test-ExternalUserSecurity' {
    BeforeAll {
        Reset-Emulator
        $script:Snapshot = Join-Path $script:Dir 'audit.json'
        Export-ExternalUserConfiguration -Path $script:Snapshot -SubscriptionId $script:Prod | Out-Null
        $script:Live = @(Test-ExternalUserSecurity -SubscriptionId $script:Prod)
    }

    It 'finds the deliberate problems of the test tenant' {
        $script:Live[0] | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserSecurityFinding])
        $open = $script:Live | Where-Object { $_.RuleId -eq 'ATS.ACS.5' -and $_.Scope -eq 'Tag:OpenDoors' }
        $open.Status | Should -Be 'Fail'
        $open.Remediation | Should -Be "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:OpenDoors' -AllowAnonymousUsersToStartMeeting `$false"
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.RES.1' -and $_.Scope -eq 'contoso-acs' }).Status | Should -Be 'Fail'
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.RES.1' -and $_.Scope -eq 'contoso-acs-secure' }).Status | Should -Be 'Pass'
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.RES.2' -and $_.Scope -eq 'contoso-acs-chat' }).Status | Should -Be 'Fail'
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.ACS.1' }).Status | Should -Be 'Pass'
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.ACS.4' -and $_.Scope -eq 'Tag:ExternalLockdown' }).Status | Should -Be 'Warning'
        ($script:Live | Where-Object { $_.RuleId -eq 'ATS.MTG.1' -and $_.Scope -eq 'Global' }).AffectedUsers | Should -BeGreaterThan 0
    }

    It 'gives identical findings live and from a snapshot of the same tenant' {
        $offline = @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot)
        $offline.Count | Should -Be $script:Live.Count
        $offline[0].Source | Should -Be $script:Snapshot
        $script:Live[0].Source | Should -Be 'Live'
        Compare-Object ($script:Live | ForEach-Object { Get-Key $_ }) ($offline | ForEach-Object { Get-Key $_ }) -SyncWindow 0 | Should -BeNullOrEmpty
    }

    It 'evaluates a snapshot without any connection, in a fresh process' {
        $manifest = Get-ModuleManifestPath
        $run = Invoke-FreshPwsh -Script @"
Import-Module '$manifest'
`$f = @(Test-ExternalUserSecurity -SnapshotPath '$($script:Snapshot)' -Status Fail)
'{0}|{1}' -f `$f.Count, ((`$f | Where-Object Status -NE 'Fail').Count)
"@
        $run.ExitCode | Should -Be 0
        $line = $run.Output[-1] -split '\|'
        [int]$line[0] | Should -Be @($script:Live | Where-Object Status -EQ 'Fail').Count
        [int]$line[1] | Should -Be 0
    }

    It 'filters by rule, severity, framework, mapping and status' {
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -RuleId 'ATS.RES.*' | Where-Object RuleId -NotLike 'ATS.RES.*').Count | Should -Be 0
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -Severity Critical).RuleId | Sort-Object -Unique | Should -Be 'ATS.ACS.5'
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -Framework Maester).RuleId | Sort-Object -Unique | Should -Be @('ATS.MTG.1', 'ATS.MTG.10', 'ATS.MTG.2', 'ATS.MTG.5', 'ATS.MTG.8', 'ATS.MTG.9')
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -MappingId 'MS.TEAMS.2.*').RuleId | Sort-Object -Unique | Should -Be @('ATS.EXT.1', 'ATS.EXT.2', 'ATS.EXT.3')
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -Status Pass | Where-Object Status -NE 'Pass').Count | Should -Be 0
        @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -RuleId 'ATS.RES.4' -AllowedDataLocation 'Europe' | Where-Object Status -EQ 'Fail').Scope | Should -Contain 'contoso-acs'
    }

    It 'accepts a snapshot summary from the pipeline' {
        $piped = @(Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'piped.json') | Test-ExternalUserSecurity -RuleId 'ATS.MTG.1')
        $piped.Count | Should -Be 4
        $piped[0].Source | Should -BeLike '*piped.json'
    }

    It 'writes HTML, JSON and CSV reports whose counts match the findings' {
        $findings = @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath (Join-Path $script:Dir 'report.json'))
        $report = Get-Content -Raw (Join-Path $script:Dir 'report.json') | ConvertFrom-Json
        $report.findings.Count | Should -Be $findings.Count
        $report.summary.byStatus.Fail | Should -Be @($findings | Where-Object Status -EQ 'Fail').Count
        Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath (Join-Path $script:Dir 'report.csv') | Out-Null
        @(Import-Csv (Join-Path $script:Dir 'report.csv')).Count | Should -Be $findings.Count
        Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath (Join-Path $script:Dir 'report.html') | Out-Null
        $html = Get-Content -Raw (Join-Path $script:Dir 'report.html')
        ([regex]::Matches($html, 'data-status="Fail"')).Count | Should -Be @($findings | Where-Object Status -EQ 'Fail').Count
        $html | Should -Not -Match '(src|href)="https?:'
    }

    It 'writes an HTML report that headless Chromium renders with counts matching the findings' {
        $chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        $chromium | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test installs Debian''s chromium package'
        $html = Join-Path $script:Dir 'chromium.html'
        $findings = @(Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath $html)
        $profileDir = Join-Path $script:Dir 'chromium-profile'
        $uri = [Uri]::new([IO.Path]::GetFullPath($html), [UriKind]::Absolute).AbsoluteUri
        $dom = & $chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-extensions "--user-data-dir=$profileDir" --dump-dom $uri 2>$null | Out-String
        $dom | Should -Match '</html>'
        foreach ($status in 'Pass', 'Fail', 'Warning', 'NotApplicable', 'Error') {
            $expected = @($findings | Where-Object Status -EQ $status).Count
            ([regex]::Matches($dom, "<article[^>]*data-status=""$status""")).Count | Should -Be $expected -Because "the report shows every $status finding"
            $summary = [regex]::Match($dom, "data-count-status=""$status""[^>]*>(\d+)<")
            $summary.Success | Should -BeTrue
            [int]$summary.Groups[1].Value | Should -Be $expected -Because "the summary counts $status findings"
        }
    }

    It 'refuses an unknown report extension before reading the tenant' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Test-ExternalUserSecurity -ReportPath (Join-Path $script:Dir 'report.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFormatUnsupported,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'refuses damaged, foreign and missing snapshots with clear errors' {
        $damaged = Join-Path $script:Dir 'damaged.json'
        (Get-Content -Raw $script:Snapshot) -replace '"AutoAdmittedUsers": "EveryoneInCompany"', '"AutoAdmittedUsers": "Anybody"' | Set-Content $damaged
        $e = { Test-ExternalUserSecurity -SnapshotPath $damaged -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotInvalid,*' -PassThru
        $e.Exception.Message | Should -Match '/meetingPolicies/\d+/settings/AutoAdmittedUsers'
        Set-Content -Path $damaged -Value '{"schemaVersion":"1.0", "metadata": '
        { Test-ExternalUserSecurity -SnapshotPath $damaged -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotInvalid,*'
        { Test-ExternalUserSecurity -SnapshotPath (Join-Path $script:Dir 'none.json') -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotNotFound,*'
    }

    It 'reports Error findings for a plane the snapshot could not read' {
        $partial = @(Test-ExternalUserSecurity -SnapshotPath (Join-Path $script:Dir 'partial.json') -RuleId 'ATS.RES.1')
        ($partial | Where-Object Status -EQ 'Error').Evidence | Should -Match $script:Dev
    }

    It 'formats findings as a table that fits 120 columns' {
        $text = $script:Live | Format-Table | Out-String -Width 120
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }).Count | Should -Be 0
    }

    It 'says NotConnected for a live audit without a context' {
        Disconnect-AcsTeamsSecurity
        try { { Test-ExternalUserSecurity -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*' }
        finally { $script:Admin = Connect-TestTenant }
    }
}

Describe 'Compare-ExternalUserConfiguration and Restore-ExternalUserConfiguration' {
    BeforeAll {
        Reset-Emulator
        $script:Before = Join-Path $script:Dir 'before.json'
        Export-ExternalUserConfiguration -Path $script:Before | Out-Null
    }

    It 'shows no drift between a snapshot and the unchanged tenant' {
        Compare-ExternalUserConfiguration -Reference $script:Before | Should -BeNullOrEmpty
    }

    It 'marks loosening and tightening changes, live and between snapshots' {
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone -AllowAnonymousUsersToStartMeeting $true -Force -Confirm:$false
        Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External -AddAllowedAcsResource 'faced04c-2ced-433d-90db-063e424b87b1' -Force -Confirm:$false
        Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity 'Tag:NoAcs' -EnableTeamsConsumerAccess $false -Confirm:$false
        $live = @(Compare-ExternalUserConfiguration -Reference $script:Before)
        $live[0] | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserConfigurationChange])
        ($live | Where-Object { $_.Scope -eq 'Global' -and $_.Setting -eq 'AutoAdmittedUsers' }).Direction | Should -Be 'Loosening'
        ($live | Where-Object Setting -EQ 'AllowAnonymousUsersToStartMeeting').Direction | Should -Be 'Loosening'
        ($live | Where-Object Setting -EQ 'AllowedAcsResources').Direction | Should -Be 'Loosening'
        ($live | Where-Object Setting -EQ 'EnableTeamsConsumerAccess').Direction | Should -Be 'Tightening'
        $after = Join-Path $script:Dir 'after.json'
        Export-ExternalUserConfiguration -Path $after | Out-Null
        $files = @(Compare-ExternalUserConfiguration -Reference $script:Before -Difference $after)
        Compare-Object ($live | ForEach-Object { "$_" }) ($files | ForEach-Object { "$_" }) | Should -BeNullOrEmpty
        @(Compare-ExternalUserConfiguration -Reference $script:Before -Difference $after -Direction Loosening).Count | Should -Be @($live | Where-Object Direction -EQ 'Loosening').Count
        $text = $files | Format-Table | Out-String -Width 120
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }).Count | Should -Be 0
    }

    It 'shows every change under -WhatIf and sends no write' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $transcript = Join-Path $script:Dir 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { Restore-ExternalUserConfiguration -Path $script:Before -WhatIf } finally { Stop-Transcript | Out-Null }
        $out = Get-Content -Raw $transcript
        @(Get-Writes).Count | Should -Be 0
        $out | Should -Match 'AutoAdmittedUsers: Everyone -> EveryoneInCompany'
        $out | Should -Match 'AllowedAcsResources'
        $out | Should -Match 'EnableTeamsConsumerAccess: False -> True'
    }

    It 'puts the snapshot back exactly' {
        Restore-ExternalUserConfiguration -Path $script:Before -Force -Confirm:$false -WarningAction SilentlyContinue
        @(Get-Writes).Count | Should -Be 3
        Compare-ExternalUserConfiguration -Reference $script:Before | Should -BeNullOrEmpty
        $again = Join-Path $script:Dir 'restored.json'
        Export-ExternalUserConfiguration -Path $again | Out-Null
        Compare-ExternalUserConfiguration -Reference $script:Before -Difference $again | Should -BeNullOrEmpty
    }

    It 'restores only the instances named with -Identity, and returns them with -PassThru' {
        Set-LobbyBypass -Identity 'Tag:BlockAcs' -AutoAdmittedUsers OrganizerOnly -Confirm:$false
        Set-LobbyBypass -Identity 'Tag:OpenDoors' -AutoAdmittedUsers OrganizerOnly -Confirm:$false
        $restored = @(Restore-ExternalUserConfiguration -Path $script:Before -Identity 'BlockAcs' -Plane MeetingPolicy -PassThru -Force -Confirm:$false)
        $restored.Identity | Should -Be @('Tag:BlockAcs')
        (Get-ExternalUserPolicy -Identity 'Tag:OpenDoors' -PolicyType TeamsMeetingPolicy).AutoAdmittedUsers | Should -Be 'OrganizerOnly'
        Restore-ExternalUserConfiguration -Path $script:Before -Force -Confirm:$false -WarningAction SilentlyContinue
        Compare-ExternalUserConfiguration -Reference $script:Before | Should -BeNullOrEmpty
    }

    It 'writes PolicyNotFound for an instance that no longer exists and restores the rest' {
        $ghost = Get-Content -Raw $script:Before | ConvertFrom-Json
        $copy = $ghost.meetingPolicies[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $copy.settings.Identity = 'Tag:Ghost'
        $ghost.meetingPolicies += $copy
        $path = Join-Path $script:Dir 'ghost.json'
        $ghost | ConvertTo-Json -Depth 10 | Set-Content $path
        Set-LobbyBypass -Identity 'Tag:BlockAcs' -AutoAdmittedUsers OrganizerOnly -Confirm:$false
        Restore-ExternalUserConfiguration -Path $path -Plane MeetingPolicy -Force -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound,*'
        $err[0].Exception.Message | Should -Match 'Tag:Ghost.*New-CsTeamsMeetingPolicy'
        (Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy).AutoAdmittedUsers | Should -Not -Be 'OrganizerOnly'
    }

    It 'warns about the external domain lists it cannot write' {
        $doc = Get-Content -Raw $script:Before | ConvertFrom-Json
        ($doc.externalAccessPolicies | Where-Object { $_.settings.Identity -eq 'Tag:Partners' }).settings.AllowedExternalDomains = [object[]]@('other.example')
        $path = Join-Path $script:Dir 'domains.json'
        $doc | ConvertTo-Json -Depth 10 | Set-Content $path
        Clear-EmulatorRequest -Emulator $script:Emu
        Restore-ExternalUserConfiguration -Path $path -Plane ExternalAccessPolicy -Force -Confirm:$false -WarningVariable warn -WarningAction SilentlyContinue
        ($warn -join "`n") | Should -Match 'Tag:Partners AllowedExternalDomains was \[other\.example\] and is now \[fabrikam\.com\].*Set-CsExternalAccessPolicy'
        @(Get-Writes).Count | Should -Be 0
    }

    It 'refuses a snapshot of another tenant and changes nothing' {
        $fabrikam = Connect-TestTenant -Tenant Fabrikam
        try {
            $path = Join-Path $script:Dir 'fabrikam.json'
            Export-ExternalUserConfiguration -Path $path -Context $fabrikam | Out-Null
            Clear-EmulatorRequest -Emulator $script:Emu
            { Restore-ExternalUserConfiguration -Path $path -Context $script:Admin -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotTenantMismatch,*'
            @(Get-Writes).Count | Should -Be 0
            @(Compare-ExternalUserConfiguration -Reference $path -Difference $script:Before -WarningVariable warn -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
            $warn[0] | Should -Match 'different tenants'
        }
        finally {
            $fabrikam | Disconnect-AcsTeamsSecurity
            $script:Admin = Connect-TestTenant
        }
    }

    It 'is ConfirmImpact High and Export supports -WhatIf' {
        (Get-Command Restore-ExternalUserConfiguration).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Export-ExternalUserConfiguration).Parameters.ContainsKey('WhatIf') | Should -BeTrue
    }
}
