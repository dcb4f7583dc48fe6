# Test-AcsTeamsSecurityContract (issue 19): the read-only contract self-check, the opt-in no-op write, the redacted report,
# and reports turned into emulator modes (POST /_emulator/contract-variant; docs/EMULATOR.md "Contract variants").
# With $env:ACSTS_EMULATOR_CONTRACT_VARIANT naming a saved report, every emulator of the run serves that report's variant and
# the first Describe fails, listing what the module must learn, if the report differs from every variant the module knows.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('acsts-contract-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    Connect-TestTenant | Out-Null
    $script:ReadCount = 13

    function Clear-Variant { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'contract-variant' | Out-Null }
    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
    function Read-Report([string] $Path) { Get-Content -Raw -Path $Path | ConvertFrom-Json -Depth 30 }
    function Send-Variant($Report) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'contract-variant' -Body $Report | Out-Null }
    function Get-Row($Report, [string] $Id) { $Report.contracts | Where-Object id -EQ $Id }
    function Get-Writes { @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object { $_.service -in 'graph', 'teams', 'arm' -and $_.method -ne 'GET' -and -not ($_.service -eq 'graph' -and $_.path -like '*$batch') }) }
    function Get-Outcome($Rows) { $Rows | ForEach-Object { "$($_.ContractId)=$($_.Result)" } }
    function Assert-AllMatch($Rows) {
        $bad = @($Rows | Where-Object { $_.Outcome -notin 'Matches', 'MatchesVariant' } | ForEach-Object { "$($_.ContractId): $($_.Result) $($_.Summary)" })
        $bad | Should -BeNullOrEmpty
    }

    # The report of the emulator as it is: the base every variant below is derived from.
    Clear-Variant
    $script:BasePath = Join-Path $script:Dir 'base.json'
    Test-AcsTeamsSecurityContract -ReportPath $script:BasePath | Out-Null
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force -Path $script:Dir -ErrorAction SilentlyContinue
}

Describe 'The contract variant this run was started with ($env:ACSTS_EMULATOR_CONTRACT_VARIANT)' -Skip:(-not $env:ACSTS_EMULATOR_CONTRACT_VARIANT) {
    It 'matches a variant the module knows, row by row' {
        $emu = Start-TestEmulator
        try {
            Register-EmulatorEnvironment -Emulator $emu -Name 'EmulatorVariant' | Out-Null
            $context = Connect-TestTenant -Environment 'EmulatorVariant'
            $rows = @(Test-AcsTeamsSecurityContract -Context $context -WarningAction SilentlyContinue)
            $differs = @($rows | Where-Object Outcome -EQ 'Differs')
            if ($differs.Count -gt 0) {
                $lines = $differs | ForEach-Object { "  $($_.ContractId) (docs/CONTRACTS.md#$($_.Anchor)): $($_.Differences -join '; ')" }
                throw ("The contract report $env:ACSTS_EMULATOR_CONTRACT_VARIANT differs from every variant the module knows. The module must learn:`n" + ($lines -join "`n"))
            }
            $rows.Count | Should -Be $script:ReadCount
        }
        finally {
            Stop-TestEmulator -Emulator $emu
            Connect-TestTenant | Out-Null
        }
    }
}

Describe 'The read-only self-check' {
    BeforeEach { Clear-Variant }

    It 'checks every read of the catalogue, each Matches or MatchesVariant, and sends no write' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $rows = @(Test-AcsTeamsSecurityContract)
        $rows.Count | Should -Be $script:ReadCount
        Assert-AllMatch $rows
        $served = (Invoke-EmulatorControl -Emulator $script:Emu -Path 'graph').userConfigurationShape
        ($rows | Where-Object ContractId -EQ 'graph-user-configuration').Result | Should -Be ($(if ($served -eq 'wrapped') { 'Matches' } else { 'MatchesVariant plain' }))
        ($rows | Where-Object ContractId -EQ 'teams-list-configurations:TeamsMeetingPolicy').Result | Should -Be 'Matches'
        $rows | ForEach-Object { $_.Anchor | Should -Not -BeNullOrEmpty; $_.Status | Should -Be 200; $_.Latency | Should -BeIn '<100ms', '<500ms', '<2s', '<10s', '>=10s' }
        Get-Writes | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object path -EQ '/teams/Skype.Policy/configurations/TeamsMeetingPolicy').Count | Should -Be 1
    }

    It 'reports <Name> as <Expected> for <Id>' -TestCases @(
        @{ Name = 'a Teams instance as an object'; Id = 'teams-get-configuration:TeamsAcsFederationConfiguration'; Shape = 'object'; Expected = 'Matches' }
        @{ Name = 'a Teams instance as a one-element array'; Id = 'teams-get-configuration:TeamsAcsFederationConfiguration'; Shape = 'array'; Expected = 'MatchesVariant array' }
        @{ Name = 'a user configuration wrapped in value'; Id = 'graph-user-configuration'; Shape = 'valueObject'; Expected = 'Matches' }
        @{ Name = 'a plain user configuration'; Id = 'graph-user-configuration'; Shape = 'object'; Expected = 'MatchesVariant plain' }
    ) {
        $report = Read-Report $script:BasePath
        foreach ($row in $report.contracts | Where-Object { $_.id -like ($Id -replace ':.*', '*') }) { $row.shape = $Shape }
        Send-Variant $report
        $rows = @(Test-AcsTeamsSecurityContract)
        Assert-AllMatch $rows
        ($rows | Where-Object ContractId -EQ $Id).Result | Should -Be $Expected
        ($rows | Where-Object ContractId -EQ $Id).Shape | Should -Be $Shape
    }

    It 'reports the emulator''s own Graph switch (<Shape> user configurations) as <Expected>' -TestCases @(
        @{ Shape = 'wrapped'; Expected = 'Matches' }
        @{ Shape = 'plain'; Expected = 'MatchesVariant plain' }
    ) {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'graph' -Body @{ userConfigurationShape = $Shape } | Out-Null
        try {
            $rows = @(Test-AcsTeamsSecurityContract)
            Assert-AllMatch $rows
            ($rows | Where-Object ContractId -EQ 'graph-user-configuration').Result | Should -Be $Expected
        }
        finally { Reset-Emulator }
    }

    It 'reports Differs naming a property the module relies on when the service renamed it' {
        $report = Read-Report $script:BasePath
        $row = Get-Row $report 'teams-get-configuration:TeamsAcsFederationConfiguration'
        $row.properties.PSObject.Properties.Remove('AllowedAcsResources')
        $row.properties | Add-Member -NotePropertyName 'AllowedAcsResourceIds' -NotePropertyValue '<array>'
        Send-Variant $report
        $rows = @(Test-AcsTeamsSecurityContract -WarningVariable warnings -WarningAction SilentlyContinue)
        $changed = $rows | Where-Object ContractId -EQ 'teams-get-configuration:TeamsAcsFederationConfiguration'
        $changed.Outcome | Should -Be 'Differs'
        $changed.MissingProperties | Should -Be @('AllowedAcsResources')
        $changed.Differences | Should -Contain 'missing property AllowedAcsResources'
        $changed.PropertyNames | Should -Contain 'AllowedAcsResourceIds'
        @($rows | Where-Object Outcome -EQ 'Differs').Count | Should -Be 1
        "$warnings" | Should -Match 'differ from every variant'
    }

    It 'reports Differs naming an enum value the module does not know, and an unexpected shape' {
        $report = Read-Report $script:BasePath
        (Get-Row $report 'teams-list-configurations:TeamsMeetingPolicy').unknownEnumValues = @('AutoAdmittedUsers=EveryoneInTheGalaxy')
        (Get-Row $report 'arm-subscriptions').shape = 'array'
        Send-Variant $report
        $rows = @(Test-AcsTeamsSecurityContract -WarningAction SilentlyContinue)
        $policy = $rows | Where-Object ContractId -EQ 'teams-list-configurations:TeamsMeetingPolicy'
        $policy.Outcome | Should -Be 'Differs'
        $policy.UnknownEnumValues | Should -Be @('AutoAdmittedUsers=EveryoneInTheGalaxy')
        $arm = $rows | Where-Object ContractId -EQ 'arm-subscriptions'
        $arm.Outcome | Should -Be 'Differs'
        $arm.Summary | Should -Match 'shape array, evidenced: valueWrapped \(valueArray\)'
    }

    It 'skips, with a reason, what the context cannot reach' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'arm'; method = 'GET'; pathPattern = '^/arm/subscriptions$'; status = 403; count = 100 } | Out-Null
        try {
            $rows = @(Test-AcsTeamsSecurityContract)
            ($rows | Where-Object ContractId -EQ 'arm-subscriptions').Outcome | Should -Be 'Failed'
            ($rows | Where-Object ContractId -EQ 'arm-subscriptions').ErrorId | Should -Be 'PermissionDenied'
            $rows | Where-Object ContractId -In 'arm-list-communication', 'arm-diagnostic-settings' | ForEach-Object {
                $_.Outcome | Should -Be 'Skipped'
                $_.Detail | Should -Match 'No subscription|No Communication Services resource'
            }
        }
        finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }
    }

    It 'Test-AcsTeamsSecurityConnection points to the self-check when an answer has a shape the module cannot read' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = '^/v1.0/organization$'; status = 200; body = '<html>a captive portal</html>'; contentType = 'text/html'; count = 10 } | Out-Null
        try {
            $result = Test-AcsTeamsSecurityConnection -Service Graph
            $result.ErrorId | Should -Be 'ServiceResponseInvalid'
            $result.Detail | Should -Match 'Test-AcsTeamsSecurityContract -ReportPath'
        }
        finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }
        (Test-AcsTeamsSecurityConnection -Service Graph).Detail | Should -Not -Match 'Test-AcsTeamsSecurityContract'
    }

    It 'stops with NotConnected without a context' {
        Disconnect-AcsTeamsSecurity
        try {
            { Test-AcsTeamsSecurityContract -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,AcsTeamsSecurity.Commands.Connection.TestAcsTeamsSecurityContractCommand'
        }
        finally { Connect-TestTenant | Out-Null }
    }
}

Describe '-IncludeNoOpWrite' {
    BeforeEach { Clear-Variant }
    AfterEach { Reset-Emulator }

    It 'writes one setting back with its current value: exactly one PUT, nothing changes' {
        $before = Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' | ConvertTo-Json -Depth 5
        Clear-EmulatorRequest -Emulator $script:Emu
        $rows = @(Test-AcsTeamsSecurityContract -IncludeNoOpWrite -PolicyType TeamsMeetingPolicy -Identity BlockAcs -Force)
        $rows.Count | Should -Be ($script:ReadCount + 1)
        $write = $rows[-1]
        $write.ContractId | Should -Be 'teams-put-configuration'
        $write.Result | Should -Be 'Matches'
        $write.Status | Should -Be 200
        $write.ETagPresent | Should -BeFalse
        $writes = @(Get-Writes)
        $writes.Count | Should -Be 1
        $writes[0].method | Should -Be 'PUT'
        $writes[0].path | Should -Be '/teams/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:BlockAcs'
        $writes[0].bodyProperties | Should -Be 'AllowAnonymousUsersToJoinMeeting'
        Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' | ConvertTo-Json -Depth 5 | Should -Be $before
    }

    It 'records how the service answered: <Shape>, ETag <ETag>, warning header' -TestCases @(
        @{ Shape = 'object'; Expected = 'Matches'; ETag = $false }
        @{ Shape = 'array'; Expected = 'MatchesVariant array'; ETag = $true }
        @{ Shape = 'empty'; Expected = 'MatchesVariant empty'; ETag = $false }
    ) {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'teams/writeBehavior' -Body @{ responseShape = $Shape; etag = $ETag; warning = 'Contract check warning' } | Out-Null
        $write = @(Test-AcsTeamsSecurityContract -IncludeNoOpWrite -PolicyType ExternalAccessPolicy -Identity 'Tag:NoAcs' -Force -WarningAction SilentlyContinue)[-1]
        $write.Result | Should -Be $Expected
        $write.ETagPresent | Should -Be $ETag
        $write.WarningHeaderPresent | Should -BeTrue
        $write.Status | Should -Be ($(if ($Shape -eq 'empty') { 204 } else { 200 }))
    }

    It 'sends no write under -WhatIf and says what it would have written' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $rows = @(Test-AcsTeamsSecurityContract -IncludeNoOpWrite -PolicyType TeamsMeetingPolicy -Identity Global -WhatIf)
        $rows[-1].Outcome | Should -Be 'Skipped'
        $rows[-1].Detail | Should -Match 'AllowAnonymousUsersToJoinMeeting: true -> true'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'refuses an instance that does not exist, and writes nothing' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $rows = @(Test-AcsTeamsSecurityContract -IncludeNoOpWrite -PolicyType TeamsMeetingPolicy -Identity 'Tag:NoSuchPolicy' -Force -ErrorVariable failed -ErrorAction SilentlyContinue)
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound,*'
        $rows[-1].Outcome | Should -Be 'Failed'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'needs -PolicyType and -Identity' {
        { Test-AcsTeamsSecurityContract -IncludeNoOpWrite -Identity Global -Force -ErrorAction Stop } | Should -Throw
    }
}

Describe 'The redacted report' {
    BeforeAll { Clear-Variant }
    AfterAll { Reset-Emulator }

    It 'holds shapes, names, statuses and enum values, and none of the tenant''s values' {
        # A tenant full of distinctive values: the fixture with marker names, policy names, domains and ids.
        $text = Get-Content -Raw (Get-FixturePath)
        $markers = [ordered]@{ 'ExternalLockdown' = 'ZqxPolicyNameMarker'; 'Alex Admin' = 'Zqx Person Marker'; '"Contoso"' = '"ZqxOrgNameMarker"'; 'Contoso Production' = 'ZqxSubscriptionMarker'; 'rg-communication' = 'zqx-rg-marker' }
        foreach ($m in $markers.GetEnumerator()) { $text = $text.Replace($m.Key, $m.Value) }
        Invoke-RestMethod -Method Post -Uri "$($script:Emu.BaseUrl)/_emulator/fixtures" -Body $text -ContentType 'application/json' | Out-Null
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:ZqxPolicyNameMarker' -AllowTranscription $false -Confirm:$false
        $path = Join-Path $script:Dir 'leak.json'
        Test-AcsTeamsSecurityContract -ReportPath $path -IncludeNoOpWrite -PolicyType TeamsMeetingPolicy -Identity 'Tag:ZqxPolicyNameMarker' -Force | Out-Null
        $report = Get-Content -Raw $path

        $distinct = @('Zqx', 'contoso', 'fabrikam', 'onmicrosoft', '127.0.0.1', 'eyJ', 'Bearer', 'secret')
        $distinct += [regex]::Matches($text, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}').Value | Sort-Object -Unique
        $distinct += [regex]::Matches($text, '[\w.+-]+@[\w.-]+').Value | Sort-Object -Unique
        $found = @($distinct | Where-Object { $report.IndexOf($_, [StringComparison]::OrdinalIgnoreCase) -ge 0 })
        $found | Should -BeNullOrEmpty -Because 'the report must hold no tenant value'
        [regex]::Matches($report, '\d+\s*ms"').Value | Where-Object { $_ -notmatch '^(100|500)ms' } | Should -BeNullOrEmpty -Because 'timings are bucketed'

        $json = $report | ConvertFrom-Json -Depth 30
        $json.format | Should -Be 'acsts-contract-report/1'
        $json.cloud | Should -Be '<custom>'
        $json.contracts.Count | Should -Be ($script:ReadCount + 1)
        $org = Get-Row $json 'graph-organization'
        $org.properties.id | Should -Be '<guid>'
        $org.properties.displayName | Should -Be '<string>'
        $org.headers | Should -Contain 'request-id'
        (Get-Row $json 'graph-user-configurations').properties.userPrincipalName | Should -Be '<upn>'
        (Get-Row $json 'teams-list-configurations:TeamsMeetingPolicy').enumValues.AutoAdmittedUsers | Should -Contain 'OrganizerOnly'
        (Get-Row $json 'teams-list-configurations:TeamsMeetingPolicy').parameters.Type | Should -Be 'TeamsMeetingPolicy'
        (Get-Row $json 'teams-put-configuration').status | Should -Be 200
    }

    It 'refuses a folder that does not exist' {
        { Test-AcsTeamsSecurityContract -ReportPath (Join-Path $script:Dir 'missing/report.json') -ErrorAction Stop } | Should -Throw -ErrorId 'OutputFolderNotFound,AcsTeamsSecurity.Commands.Connection.TestAcsTeamsSecurityContractCommand'
    }
}

Describe 'Reports become emulator modes' {
    BeforeEach { Clear-Variant }
    AfterAll { Clear-Variant; Reset-Emulator }

    It 'a saved report loaded into the emulator reproduces its variant, row by row, and the module works against it' {
        # A variant: Teams instances as objects, user configurations wrapped, an ETag on every Teams read.
        $report = Read-Report $script:BasePath
        foreach ($row in $report.contracts | Where-Object id -Like 'teams-get-configuration:*') { $row.shape = 'object'; $row.etag = $true }
        (Get-Row $report 'graph-user-configuration').shape = 'valueObject'
        Send-Variant $report
        $saved = Join-Path $script:Dir 'saved.json'
        $first = @(Test-AcsTeamsSecurityContract -ReportPath $saved)
        Assert-AllMatch $first
        ($first | Where-Object ContractId -Like 'teams-get-configuration:*').ETagPresent | Should -Not -Contain $false

        Clear-Variant
        Reset-Emulator
        Invoke-RestMethod -Method Post -Uri "$($script:Emu.BaseUrl)/_emulator/contract-variant" -InFile $saved -ContentType 'application/json' | Out-Null
        $second = @(Test-AcsTeamsSecurityContract)
        Get-Outcome $second | Should -Be (Get-Outcome $first)
        ($second | Where-Object ContractId -Like 'teams-get-configuration:*').ETagPresent | Should -Not -Contain $false

        # The module's own reads and a write against the loaded report.
        (Get-AcsFederationConfiguration).AllowedAcsResources | Should -Not -BeNullOrEmpty
        @(Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy).Count | Should -BeGreaterThan 1
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -Confirm:$false
        (Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs').AllowTranscription | Should -BeFalse
    }

    It 'an emulator started with a report (ACSTS_EMULATOR_CONTRACT_VARIANT) serves it from the start, and keeps it across resets' {
        $report = Read-Report $script:BasePath
        (Get-Row $report 'teams-service-discovery').properties | Add-Member -NotePropertyName 'ZNewHandshakeField' -NotePropertyValue '<string>'
        $file = Join-Path $script:Dir 'startup.json'
        $report | ConvertTo-Json -Depth 30 | Set-Content -Path $file
        $previous = $env:ACSTS_EMULATOR_CONTRACT_VARIANT
        $env:ACSTS_EMULATOR_CONTRACT_VARIANT = $file
        try { $emu = Start-TestEmulator } finally { $env:ACSTS_EMULATOR_CONTRACT_VARIANT = $previous }
        try {
            (Invoke-RestMethod -Uri "$($emu.BaseUrl)/_emulator/contract-variant").loaded | Should -BeTrue
            Invoke-RestMethod -Method Post -Uri "$($emu.BaseUrl)/_emulator/reset" | Out-Null
            Register-EmulatorEnvironment -Emulator $emu -Name 'EmulatorStartup' | Out-Null
            $context = Connect-TestTenant -Environment 'EmulatorStartup'
            $row = Test-AcsTeamsSecurityContract -Context $context | Where-Object ContractId -EQ 'teams-service-discovery'
            $row.PropertyNames | Should -Contain 'ZNewHandshakeField'
            $row.Outcome | Should -Be 'Matches'
        }
        finally {
            Stop-TestEmulator -Emulator $emu
            Connect-TestTenant | Out-Null
        }
    }

    It 'refuses a body that is not a contract report' {
        $answer = Invoke-WebRequest -Method Post -Uri "$($script:Emu.BaseUrl)/_emulator/contract-variant" -Body '{"contracts":[]}' -ContentType 'application/json' -SkipHttpErrorCheck
        $answer.StatusCode | Should -Be 400
        $answer.Content | Should -BeLike '*acsts-contract-report/1*'
        (Invoke-RestMethod -Uri "$($script:Emu.BaseUrl)/_emulator/contract-variant").loaded | Should -BeFalse
    }
}
