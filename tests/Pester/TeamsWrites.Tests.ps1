# The Teams admin write contract (api-facts.md §10.1, docs/CONTRACTS.md "Teams admin"): a PUT of only the changed settings,
# every evidenced answer shape, the client-side lost-update guard, verify-after-write, the warning header and the handshake.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('acsts-writes-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    Connect-TestTenant | Out-Null

    function Get-Writes { @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -EQ 'PUT') }
    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
    function Set-WriteBehavior([hashtable] $Behavior) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'teams/writeBehavior' -Body $Behavior | Out-Null }
    function Get-Properties($Write) { @($Write.bodyProperties -split ',' | Sort-Object) }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force -Path $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Changes are a PUT of only the changed settings, whatever the answer shape' {
    AfterEach { Reset-Emulator }

    It '<Shape> answers: Set-ExternalUserPolicy, Set-LobbyBypass -Identity and Set-AcsFederationConfiguration' -TestCases @(
        @{ Shape = 'object' }, @{ Shape = 'array' }, @{ Shape = 'empty' }
    ) {
        Set-WriteBehavior @{ responseShape = $Shape }
        Clear-EmulatorRequest -Emulator $script:Emu
        $p = Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -MeetingChatEnabledType EnabledExceptAnonymous -PassThru
        $p.AllowTranscription | Should -BeFalse
        $p.MeetingChatEnabledType | Should -Be 'EnabledExceptAnonymous'
        (Set-LobbyBypass -Identity 'Tag:OpenDoors' -AutoAdmittedUsers EveryoneInCompany -PassThru).AutoAdmittedUsers | Should -Be 'EveryoneInCompany'
        $c = Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External -DisableAnonymousJoin $true -Force -PassThru
        $c.LabelForAllowedAcsUsers | Should -Be 'External'
        $c.DisableAnonymousJoin | Should -BeTrue

        $writes = Get-Writes
        $writes.Count | Should -Be 4
        $writes[0].path | Should -Be '/teams/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:BlockAcs'
        Get-Properties $writes[0] | Should -Be @('AllowTranscription', 'MeetingChatEnabledType')
        $writes[1].path | Should -Be '/teams/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:OpenDoors'
        Get-Properties $writes[1] | Should -Be @('AutoAdmittedUsers')
        $writes[2].path | Should -Be '/teams/Skype.Policy/configurations/TeamsAcsFederationConfiguration/configuration/Global'
        Get-Properties $writes[2] | Should -Be @('LabelForAllowedAcsUsers')
        $writes[3].path | Should -Be '/teams/Skype.Policy/configurations/TeamsMeetingConfiguration/configuration/Global'
        Get-Properties $writes[3] | Should -Be @('DisableAnonymousJoin')
        $writes.status | ForEach-Object { $_ | Should -Be ($(if ($Shape -eq 'empty') { 204 } else { 200 })) }
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -EQ 'PATCH').Count | Should -Be 0
    }

    It '<Shape> answers: Restore-ExternalUserConfiguration writes one PUT per changed instance, only the changed settings' -TestCases @(
        @{ Shape = 'object' }, @{ Shape = 'array' }, @{ Shape = 'empty' }
    ) {
        $snapshot = Join-Path $script:Dir "before-$Shape.json"
        Export-ExternalUserConfiguration -Path $snapshot | Out-Null
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly -AllowTranscription $false
        Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity 'Tag:NoAcs' -EnableTeamsConsumerAccess $false
        Set-WriteBehavior @{ responseShape = $Shape }
        Clear-EmulatorRequest -Emulator $script:Emu
        Restore-ExternalUserConfiguration -Path $snapshot -Force -Confirm:$false -WarningAction SilentlyContinue
        $writes = Get-Writes
        $writes.Count | Should -Be 2
        Get-Properties ($writes | Where-Object path -EQ '/teams/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global') | Should -Be @('AllowTranscription', 'AutoAdmittedUsers')
        Get-Properties ($writes | Where-Object path -EQ '/teams/Skype.Policy/configurations/ExternalAccessPolicy/configuration/Tag:NoAcs') | Should -Be @('EnableTeamsConsumerAccess')
        Compare-ExternalUserConfiguration -Reference $snapshot | Should -BeNullOrEmpty
    }

    It '-WhatIf reads but sends no write' {
        Clear-EmulatorRequest -Emulator $script:Emu
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -WhatIf
        Set-AcsFederationConfiguration -DisableAnonymousJoin $true -WhatIf
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -NE 'GET').Count | Should -Be 0
        (Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy).AllowTranscription | Should -BeTrue
    }

    It 'an ETag, when the service sends one, goes back as If-Match and the write still succeeds' {
        Set-WriteBehavior @{ etag = $true }
        (Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -PassThru).AllowTranscription | Should -BeFalse
        (Get-Writes | Select-Object -Last 1).status | Should -Be 200
    }
}

Describe 'Lost-update guard and verify-after-write' {
    AfterEach { Reset-Emulator }

    It 'refuses a change when another admin changed the instance after it was shown, and loses nothing (<Cmdlet>)' -TestCases @(
        @{ Cmdlet = 'Set-ExternalUserPolicy'; Type = 'TeamsMeetingPolicy'; Identity = 'Tag:BlockAcs'; Set = @{ MeetingChatEnabledType = 'Disabled' }; Script = { Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -ErrorVariable err -ErrorAction SilentlyContinue; $err } }
        @{ Cmdlet = 'Set-LobbyBypass'; Type = 'TeamsMeetingPolicy'; Identity = 'Tag:OpenDoors'; Set = @{ AllowPSTNUsersToBypassLobby = $true }; Script = { Set-LobbyBypass -Identity 'Tag:OpenDoors' -AutoAdmittedUsers OrganizerOnly -ErrorVariable err -ErrorAction SilentlyContinue; $err } }
        @{ Cmdlet = 'Set-AcsFederationConfiguration'; Type = 'TeamsAcsFederationConfiguration'; Identity = 'Global'; Set = @{ HideBannerForAllowedAcsUsers = $true }; Script = { Set-AcsFederationConfiguration -EnableAcsUsers $false -ErrorVariable err -ErrorAction SilentlyContinue; $err } }
    ) {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'teams/changeAfterRead' -Body @{ tenant = 'contoso.onmicrosoft.com'; type = $Type; identity = $Identity; set = $Set } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = & $Script
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicyChangedConcurrently,*'
        $err[0].Exception.Message | Should -Match ([regex]::Escape(@($Set.Keys)[0]))
        @(Get-Writes).Count | Should -Be 0 -Because 'nothing is written over the other admin''s change'
        $reads = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/$Type/configuration/$Identity" })
        $reads.Count | Should -Be 2 -Because 'the instance is read to show the change and again right before the write'
        $now = Invoke-EmulatorControl -Emulator $script:Emu -Path 'teams/writeBehavior'
        $now.pendingChangesAfterRead | Should -Be 0
    }

    It 'the other admin''s change survives and a second attempt succeeds' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'teams/changeAfterRead' -Body @{ tenant = 'contoso.onmicrosoft.com'; type = 'TeamsMeetingPolicy'; identity = 'Tag:BlockAcs'; set = @{ MeetingChatEnabledType = 'Disabled' } } | Out-Null
        $null = Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -ErrorAction SilentlyContinue
        $p = Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy
        $p.MeetingChatEnabledType | Should -Be 'Disabled'
        $p.AllowTranscription | Should -BeTrue
        $again = Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -PassThru
        $again.AllowTranscription | Should -BeFalse
        $again.MeetingChatEnabledType | Should -Be 'Disabled'
    }

    It 'a write the service accepted but did not apply gives ChangeNotApplied naming the setting, expected and actual' {
        Set-WriteBehavior @{ ignoreSettings = @('AllowTranscription') }
        $null = Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -MeetingChatEnabledType EnabledExceptAnonymous -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ChangeNotApplied,*'
        $err[0].Exception.Message | Should -Match 'AllowTranscription is True, not False'
        $err[0].Exception.Message | Should -Not -Match 'MeetingChatEnabledType'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'Restore reports ChangeNotApplied per instance and goes on with the others' {
        $snapshot = Join-Path $script:Dir 'notapplied.json'
        Export-ExternalUserConfiguration -Path $snapshot | Out-Null
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowTranscription $false
        Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity 'Tag:NoAcs' -EnableTeamsConsumerAccess $false
        Set-WriteBehavior @{ ignoreSettings = @('AllowTranscription') }
        Restore-ExternalUserConfiguration -Path $snapshot -Force -Confirm:$false -WarningAction SilentlyContinue -ErrorVariable err -ErrorAction SilentlyContinue
        @($err | Where-Object FullyQualifiedErrorId -Like 'ChangeNotApplied,*').Count | Should -Be 1
        (Get-ExternalUserPolicy -Identity 'Tag:NoAcs' -PolicyType ExternalAccessPolicy).EnableTeamsConsumerAccess | Should -BeTrue
    }
}

Describe 'Warning header and connect handshake' {
    AfterEach { Reset-Emulator }

    It 'X-Ms-ConfigApi-PowerShell-WarningMessage becomes a PowerShell warning' {
        Set-WriteBehavior @{ warning = 'Policy changes can take up to 24 hours to take effect.' }
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -WarningVariable warn -WarningAction SilentlyContinue
        @($warn | Where-Object { "$_" -match 'Teams admin service warns: Policy changes can take up to 24 hours' }).Count | Should -Be 1
    }

    It 'discovers the service once per context and then sends X-MS-Target-Uri, a correlation id and the cmdlet name' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $context = Connect-TestTenant
        try {
            Get-ExternalUserPolicy -Context $context | Out-Null
            Set-LobbyBypass -Context $context -Identity 'Tag:OpenDoors' -AutoAdmittedUsers EveryoneInCompany
            $teams = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams)
            @($teams | Where-Object path -EQ '/teams/Teams.Tenant/serviceDiscovery').Count | Should -Be 1
            $teams[0].path | Should -Be '/teams/Teams.Tenant/serviceDiscovery'
            $rest = @($teams | Select-Object -Skip 1)
            $rest | ForEach-Object { $_.targetUri | Should -Be 'https://admin.teams.emulator.test/' }
            @($rest.correlationId | Sort-Object -Unique).Count | Should -Be $rest.Count -Because 'a new correlation id per request'
            ($rest | Where-Object method -EQ 'PUT').cmdletName | Should -Be 'Set-LobbyBypass'
            ($rest | Select-Object -First 1).cmdletName | Should -Be 'Get-ExternalUserPolicy'
        }
        finally { $context | Disconnect-AcsTeamsSecurity; Connect-TestTenant | Out-Null }
    }

    It 'a failed discovery is a verbose line, and reads and writes go on without X-MS-Target-Uri' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'teams'; method = 'GET'; pathPattern = 'serviceDiscovery'; status = 404; count = 5 } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $context = Connect-TestTenant
        try {
            $verbose = Set-LobbyBypass -Context $context -Identity 'Tag:OpenDoors' -AutoAdmittedUsers EveryoneInCompany -Verbose 4>&1
            @($verbose | Where-Object { "$_" -match 'discovery answered 404; continuing without X-MS-Target-Uri' }).Count | Should -Be 1
            (Get-ExternalUserPolicy -Context $context -Identity 'Tag:OpenDoors').AutoAdmittedUsers | Should -Be 'EveryoneInCompany'
            $teams = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams)
            @($teams | Where-Object path -Like '*serviceDiscovery').Count | Should -Be 1 -Because 'a failed handshake is not repeated for the context'
            @($teams | Where-Object { $_.path -notlike '*serviceDiscovery' -and $_.targetUri }).Count | Should -Be 0
            @($teams | Where-Object method -EQ 'PUT').Count | Should -Be 1
        }
        finally { $context | Disconnect-AcsTeamsSecurity; Connect-TestTenant | Out-Null }
    }
}

Describe 'The emulated Teams admin API is as strict as the evidence' {
    BeforeAll {
        $script:Token = Get-TestAccessToken -Emulator $script:Emu -Scope '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default'
        $script:Instance = "$($script:Emu.BaseUrl)/teams/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:BlockAcs"
        function Send-Teams([string] $Method, [string] $Uri, $Body) {
            $parameters = @{ Method = $Method; Uri = $Uri; Headers = @{ Authorization = "Bearer $script:Token" }; SkipHttpErrorCheck = $true }
            if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Compress); $parameters.ContentType = 'application/json' }
            Invoke-WebRequest @parameters
        }
    }
    AfterEach { Reset-Emulator }

    It 'PATCH on an instance is 405 and names GET, PUT; a partial PUT is accepted' {
        $patch = Send-Teams PATCH $script:Instance @{ AllowTranscription = $false }
        $patch.StatusCode | Should -Be 405
        (@($patch.Headers.Allow) -join ',') -replace '\s', '' | Should -Be 'GET,PUT'
        $put = Send-Teams PUT $script:Instance @{ AllowTranscription = $false }
        $put.StatusCode | Should -Be 200
        ($put.Content | ConvertFrom-Json).AllowTranscription | Should -BeFalse
    }

    It 'a PUT naming an unknown setting, or Identity, is 400 with the error shape and changes nothing' {
        $unknown = Send-Teams PUT $script:Instance @{ AllowTranscription = $false; NoSuchSetting = $true }
        $unknown.StatusCode | Should -Be 400
        ($unknown.Content | ConvertFrom-Json).error.code | Should -Be 'UnknownProperty'
        $identity = Send-Teams PUT $script:Instance @{ Identity = 'Tag:BlockAcs'; AllowTranscription = $false }
        $identity.StatusCode | Should -Be 400
        ($identity.Content | ConvertFrom-Json).error.code | Should -Be 'ReadOnlyProperty'
        (Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy).AllowTranscription | Should -BeTrue
    }

    It 'sends no ETag unless the control API turns ETags on' {
        (Send-Teams GET $script:Instance).Headers.ContainsKey('ETag') | Should -BeFalse
        Set-WriteBehavior @{ etag = $true }
        (Send-Teams GET $script:Instance).Headers.ContainsKey('ETag') | Should -BeTrue
    }

    It 'serves the documented serviceDiscovery shape' {
        $answer = (Send-Teams GET "$($script:Emu.BaseUrl)/teams/Teams.Tenant/serviceDiscovery").Content | ConvertFrom-Json
        $answer.Endpoints.AdminServiceEndpoint | Should -Be 'admin.teams.emulator.test'
        $answer.Endpoints.ConfigApiEndpoint | Should -Not -BeNullOrEmpty
        $answer.Headers.'X-MS-Forest' | Should -Not -BeNullOrEmpty
    }

    It 'rejects a bad write-behaviour switch' {
        $e = { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'teams/writeBehavior' -Body @{ responseShape = 'xml' } } | Should -Throw -PassThru
        $e.ErrorDetails.Message | Should -Match 'responseShape must be'
        (Invoke-EmulatorControl -Emulator $script:Emu -Path 'teams/writeBehavior').responseShape | Should -Be 'object'
    }
}
