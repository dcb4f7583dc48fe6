# Teams policies for external users: reads, safe changes, ACS federation, assignments and "why can't they join?".
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:ContosoAcs = '1475c6ac-baa0-425c-8df5-77d8766e3c25'
    $script:ContosoAcsEu = '64a11489-1ac1-4d7a-9575-50ba9a248104'
    $script:Admin = Connect-TestTenant
    $script:ReaderApp = Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId '320ac1b7-49d2-44fa-a9ae-f9bcef6618c4' -ClientSecret (ConvertTo-TestSecureString 'Cto8Q~EmuSecret-GlobalReaderApp-b7cbecff0db10f43e98fdfecb37908ed07ad9a98') -Environment Emulator -PassThru
    Connect-TestTenant | Out-Null

    function Get-Writes { @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -EQ 'PUT') }
    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    $script:ReaderApp | Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-ExternalUserPolicy' {
    It 'lists every meeting and external access policy instance with typed settings' {
        $all = Get-ExternalUserPolicy
        $meeting = $all | Where-Object PolicyType -EQ 'TeamsMeetingPolicy'
        $access = $all | Where-Object PolicyType -EQ 'ExternalAccessPolicy'
        $meeting.Identity | Should -Contain 'Global'
        $meeting.Identity | Should -Contain 'Tag:OpenDoors'
        $access.Identity | Should -Contain 'Tag:NoAcs'
        $global = $meeting | Where-Object Identity -EQ 'Global'
        $global.AutoAdmittedUsers | Should -Be 'EveryoneInCompany'
        $global.AllowAnonymousUsersToJoinMeeting | Should -BeTrue
        $global.AutoAdmittedUsers | Should -BeOfType [AcsTeamsSecurity.Models.AutoAdmittedUsers]
        ($meeting | Where-Object Identity -EQ 'Tag:ExternalLockdown').BlockedAnonymousJoinClientTypes | Should -Be @('ACS', 'Teams')
        ($access | Where-Object Identity -EQ 'Tag:NoAcs').EnableAcsFederationAccess | Should -BeFalse
    }

    It 'filters by wildcard identity and type, and accepts a bare name for Tag:' {
        @(Get-ExternalUserPolicy -Identity '*Door*').Identity | Should -Be @('Tag:OpenDoors')
        @(Get-ExternalUserPolicy -Identity OpenDoors -PolicyType TeamsMeetingPolicy).Count | Should -Be 1
        @(Get-ExternalUserPolicy -PolicyType ExternalAccessPolicy).PolicyType | Sort-Object -Unique | Should -Be 'ExternalAccessPolicy'
    }

    It 'writes PolicyNotFound for an unknown name' {
        $null = Get-ExternalUserPolicy -Identity 'Tag:Nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound,*'
    }

    It 'works for a Global Reader' {
        @(Get-ExternalUserPolicy -Context $script:ReaderApp).Count | Should -BeGreaterThan 3
    }
}

Describe 'Get-AcsFederationConfiguration' {
    It 'shows ACS federation, the allow-list, anonymous join and tenant federation' {
        $c = Get-AcsFederationConfiguration
        $c.EnableAcsUsers | Should -BeTrue
        $c.AllowedAcsResources | Should -Contain $script:ContosoAcs
        $c.DisableAnonymousJoin | Should -BeFalse
        $c.LabelForAllowedAcsUsers | Should -Be 'Unverified'
        $c.AllowFederatedUsers | Should -BeTrue
    }
}

Describe 'Test-ExternalUserAccess' {
    BeforeAll { Reset-Emulator }

    It 'explains an organizer on Global: federated resource joins, waits in the lobby' {
        $r = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs
        $r.CanJoin | Should -BeTrue
        $r.JoinPath | Should -Be 'AcsFederation'
        $r.WaitsInLobby | Should -BeTrue
        $r.CanStartMeeting | Should -BeFalse
        $r.MeetingPolicy | Should -Match 'Global'
        $lobby = $r.Decisions | Where-Object Question -EQ 'Lobby'
        $lobby.Setting | Should -Be 'TeamsMeetingPolicy.AutoAdmittedUsers'
        $lobby.Value | Should -Be 'EveryoneInCompany'
        $lobby.AssignmentType | Should -Be 'Global'
    }

    It 'a group-assigned policy that lets everyone in: bypass and start' {
        $r = Test-ExternalUserAccess -Organizer 'events.organizer@contoso.onmicrosoft.com'
        $r.CanJoin | Should -BeTrue
        $r.JoinPath | Should -Be 'Anonymous'
        $r.WaitsInLobby | Should -BeFalse
        $r.CanStartMeeting | Should -BeTrue
        $r.MeetingPolicy | Should -Match 'Tag:OpenDoors \(group '
        ($r.Decisions | Where-Object Question -EQ 'CanStartMeeting').FixCommand | Should -Match 'AllowAnonymousUsersToStartMeeting \$false'
    }

    It 'a direct lockdown policy blocks non-federated ACS users but not federated ones' {
        $out = Test-ExternalUserAccess -Organizer 'lockdown.organizer@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcsEu
        $out.CanJoin | Should -BeFalse
        $out.BlockedBy.Setting | Should -Contain 'TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting'
        $out.BlockedBy.Setting | Should -Contain 'TeamsMeetingPolicy.BlockedAnonymousJoinClientTypes'
        ($out.BlockedBy | Select-Object -First 1).AssignmentType | Should -Be 'Direct'
        $in = Test-ExternalUserAccess -Organizer 'lockdown.organizer@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs
        $in.CanJoin | Should -BeTrue
        $in.JoinPath | Should -Be 'AcsFederation'
    }

    It 'an external access policy without ACS access blocks them, with the fix command' {
        $r = Test-ExternalUserAccess -Organizer 'partner.organizer@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs
        $r.CanJoin | Should -BeFalse
        $r.BlockedBy.Setting | Should -Be 'ExternalAccessPolicy.EnableAcsFederationAccess'
        $r.BlockedBy.FixCommand | Should -Match "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity 'Tag:NoAcs' -EnableAcsFederationAccess \`$true"
    }

    It 'many organizers through the pipeline: tenant gates, policies and configurations are read once, in batches' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $organizers = 'user@contoso.onmicrosoft.com', 'events.organizer@contoso.onmicrosoft.com', 'lockdown.organizer@contoso.onmicrosoft.com', 'partner.organizer@contoso.onmicrosoft.com', '978a857d-9ea4-4a76-ba43-69881d052cc6'
        $results = $organizers | Test-ExternalUserAccess -AcsResourceId $script:ContosoAcs
        $results.Count | Should -Be 5
        $teams = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams)
        $teams.Count | Should -Be 4 -Because 'two tenant gates and two policy lists'
        $outer = @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.path -like '*$batch' })
        $outer.Count | Should -Be 2 -Because 'one batch of UPN lookups and one of user configurations'
    }

    It 'bad input is refused before any request, and unknown users are reported per organizer' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $null = Test-ExternalUserAccess -Organizer "x' or 1 eq 1" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UserIdInvalid,*'
        { Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId 'not a guid' -ErrorAction Stop } | Should -Throw -ErrorId 'AcsResourceIdInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        $r = 'nobody@contoso.onmicrosoft.com', 'user@contoso.onmicrosoft.com' | Test-ExternalUserAccess -ErrorVariable err2 -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
    }
}

Describe 'Safe changes' {
    AfterEach { Reset-Emulator }

    It 'a tightening change applies without an extra prompt and shows in the result' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $p = Set-LobbyBypass -Identity 'Tag:OpenDoors' -AutoAdmittedUsers EveryoneInCompany -PassThru
        $p.AutoAdmittedUsers | Should -Be 'EveryoneInCompany'
        (Get-Writes).Count | Should -Be 1
        (Get-ExternalUserPolicy -Identity 'Tag:OpenDoors').AutoAdmittedUsers | Should -Be 'EveryoneInCompany'
    }

    It 'a loosening change needs confirmation: refused non-interactively, applied with -Force' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Set-LobbyBypass -Identity Global -AutoAdmittedUsers Everyone -ErrorAction Stop } | Should -Throw -ErrorId 'ConfirmationRequired,*'
        (Get-Writes).Count | Should -Be 0
        Set-LobbyBypass -Identity Global -AutoAdmittedUsers Everyone -Force
        (Get-Writes).Count | Should -Be 1
        (Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy).AutoAdmittedUsers | Should -Be 'Everyone'
    }

    It 'loosening changes <Case> prompt under -Confirm and write nothing under -WhatIf' -TestCases @(
        @{ Case = 'lobby Everyone'; Script = { param($c) Set-LobbyBypass -Identity Global -AutoAdmittedUsers Everyone @c } }
        @{ Case = 'anonymous start'; Script = { param($c) Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToStartMeeting $true @c } }
        @{ Case = 'add ACS resource'; Script = { param($c) Set-AcsFederationConfiguration -AddAllowedAcsResource '64a11489-1ac1-4d7a-9575-50ba9a248104' @c } }
        @{ Case = 'clear blocked client types'; Script = { param($c) Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -BlockedAnonymousJoinClientTypes @() @c } }
    ) {
        Clear-EmulatorRequest -Emulator $script:Emu
        # What-if lines go to the host, not to a stream: capture them with a transcript.
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -Path $transcript | Out-Null
        try { & $Script @{ WhatIf = $true } } finally { Stop-Transcript | Out-Null }
        $whatIf = Get-Content -Raw $transcript
        Remove-Item $transcript
        $whatIf | Should -Match '(?s)What if: .*->'
        if ($Case -ne 'add ACS resource') { $whatIf | Should -Match '\d+ user\(s\)' -Because 'loosening changes say how many users they affect' }
        $whatIf | Should -Match 'loosens security'
        { & $Script @{ Confirm = $true; ErrorAction = 'Stop' } } | Should -Throw '*NonInteractive*'
        (Get-Writes).Count | Should -Be 0
    }

    It 'refuses a change when the policy changed since it was read (no silent lost update)' {
        $read = Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy
        Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -MeetingChatEnabledType EnabledExceptAnonymous
        Clear-EmulatorRequest -Emulator $script:Emu
        $null = $read | Set-ExternalUserPolicy -AllowTranscription $false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicyChangedConcurrently,*'
        $err[0].Exception.Message | Should -Match 'MeetingChatEnabledType'
        (Get-Writes).Count | Should -Be 0
        $fresh = Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy
        ($fresh | Set-ExternalUserPolicy -AllowTranscription $false -PassThru).AllowTranscription | Should -BeFalse
    }

    It 'refuses settings of the other policy type, and no settings at all, before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global -AutoAdmittedUsers Everyone -ErrorAction Stop } | Should -Throw -ErrorId 'PolicySettingInvalid,*'
        { Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -ErrorAction Stop } | Should -Throw -ErrorId 'PolicySettingInvalid,*'
        { Set-LobbyBypass -Identity Global -AutoAdmittedUsers Sometimes -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'offers each policy type''s settings in a parameter set of its own, the meeting policy set by default' {
        $command = Get-Command Set-ExternalUserPolicy
        $command.DefaultParameterSet | Should -Be 'TeamsMeetingPolicy'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('ExternalAccessPolicy', 'TeamsMeetingPolicy')
        $meeting = ($command.ParameterSets | Where-Object Name -EQ 'TeamsMeetingPolicy').Parameters.Name
        $access = ($command.ParameterSets | Where-Object Name -EQ 'ExternalAccessPolicy').Parameters.Name
        $meeting | Should -Contain 'AutoAdmittedUsers'
        $meeting | Should -Not -Contain 'EnableAcsFederationAccess'
        $access | Should -Contain 'EnableAcsFederationAccess'
        $access | Should -Not -Contain 'AutoAdmittedUsers'
        foreach ($set in $meeting, $access) { $set | Should -Contain 'PolicyType'; $set | Should -Contain 'Identity'; $set | Should -Contain 'InputObject' }
        $syntax = (Get-Help Set-ExternalUserPolicy).syntax.syntaxItem
        @($syntax).Count | Should -Be 2
        $help = ($syntax | ForEach-Object { @($_.parameter.name) -join ' ' })
        @($help | Where-Object { $_ -match 'AutoAdmittedUsers' -and $_ -match 'EnableAcsFederationAccess' }).Count | Should -Be 0 -Because 'no syntax block mixes the two types'
    }

    It 'refuses settings of both policy types at parameter binding, before anything is read' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly -EnableAcsFederationAccess $false -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
        $err.Exception | Should -BeOfType [System.Management.Automation.ParameterBindingException]
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'refuses a setting of the other type than -PolicyType before the pipeline runs, naming the type it belongs to' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy | Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -EnableFederationAccess $false -AllowTranscription $false -Force -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty -Because 'a setting of the other type is refused'
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*' -Because 'one setting of each type cannot bind together'
        try { Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy | Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -AllowTranscription $false -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PolicySettingInvalid,*'
        $err.Exception.Message | Should -Match '-AllowTranscription is not a setting of ExternalAccessPolicy but of TeamsMeetingPolicy'
        $err.Exception.Message | Should -Match 'Nothing was changed'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0 -Because 'Set-ExternalUserPolicy stops in its begin block, before Get-ExternalUserPolicy reads anything'
    }

    It 'refuses a piped policy of the other type than the settings, each one before anything is written' {
        $access = Get-ExternalUserPolicy -Identity Global -PolicyType ExternalAccessPolicy
        Clear-EmulatorRequest -Emulator $script:Emu
        $null = $access | Set-ExternalUserPolicy -AutoAdmittedUsers OrganizerOnly -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicySettingInvalid,*'
        $err[0].Exception.Message | Should -Match '-AutoAdmittedUsers is not a setting of ExternalAccessPolicy but of TeamsMeetingPolicy'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        $meeting = Get-ExternalUserPolicy -Identity 'Tag:BlockAcs' -PolicyType TeamsMeetingPolicy
        ($meeting | Set-ExternalUserPolicy -AllowMeetingReactions $false -PassThru).AllowMeetingReactions | Should -BeFalse -Because 'a piped meeting policy still binds to the meeting policy set'
        $accessTag = Get-ExternalUserPolicy -Identity 'Tag:NoAcs' -PolicyType ExternalAccessPolicy
        ($accessTag | Set-ExternalUserPolicy -EnableTeamsConsumerInbound $false -PassThru).EnableTeamsConsumerInbound | Should -BeFalse -Because 'a piped external access policy binds to its set'
    }

    It 'an unknown policy gives PolicyNotFound' {
        { Set-LobbyBypass -Identity 'Tag:Nope' -AutoAdmittedUsers OrganizerOnly -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyNotFound,*'
    }

    It 'a Global Reader cannot change policies, and the error names the roles' {
        $err = $null
        try { Set-LobbyBypass -Context $script:ReaderApp -Identity 'Tag:OpenDoors' -AutoAdmittedUsers OrganizerOnly -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $err.Exception.Message | Should -Match 'Teams Administrator'
    }

    It 'the confirmation counts the users: Global is everyone without another assignment' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -Path $transcript | Out-Null
        try { Set-LobbyBypass -Identity Global -AutoAdmittedUsers Everyone -WhatIf; Set-LobbyBypass -Identity 'Tag:BlockAcs' -AutoAdmittedUsers Everyone -WhatIf } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $transcript
        Remove-Item $transcript
        $text | Should -Match 'Global \(applies to 4 user\(s\): every user without another assignment\)'
        $text | Should -Match 'Tag:BlockAcs \(applies to 1 user\(s\)'
    }

    It 'a change to what is already set writes nothing' {
        Clear-EmulatorRequest -Emulator $script:Emu
        Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompany
        (Get-Writes).Count | Should -Be 0
    }
}

Describe 'Set-AcsFederationConfiguration' {
    AfterEach { Reset-Emulator }

    It 'adds (ignoring duplicates) and removes allowed ACS resources' {
        Set-AcsFederationConfiguration -AddAllowedAcsResource $script:ContosoAcsEu, $script:ContosoAcsEu.ToUpperInvariant(), $script:ContosoAcs -Force
        (Get-AcsFederationConfiguration).AllowedAcsResources | Sort-Object | Should -Be (@($script:ContosoAcs, $script:ContosoAcsEu) | Sort-Object)
        Clear-EmulatorRequest -Emulator $script:Emu
        Set-AcsFederationConfiguration -AddAllowedAcsResource $script:ContosoAcsEu -Force
        (Get-Writes).Count | Should -Be 0
        Set-AcsFederationConfiguration -RemoveAllowedAcsResource $script:ContosoAcs
        (Get-AcsFederationConfiguration).AllowedAcsResources | Should -Be @($script:ContosoAcsEu)
    }

    It 'replaces the list, switches anonymous join, and makes the federated resource label External' {
        Set-AcsFederationConfiguration -AllowedAcsResources @($script:ContosoAcsEu) -LabelForAllowedAcsUsers External -Force
        Set-AcsFederationConfiguration -DisableAnonymousJoin $true
        $c = Get-AcsFederationConfiguration
        $c.AllowedAcsResources | Should -Be @($script:ContosoAcsEu)
        $c.DisableAnonymousJoin | Should -BeTrue
        $r = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcsEu
        $r.Label | Should -Be 'External'
        (Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs).CanJoin | Should -BeFalse
    }

    It 'refuses malformed resource ids and conflicting list parameters before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Set-AcsFederationConfiguration -AddAllowedAcsResource 'not a guid' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'AcsResourceIdInvalid,*'
        { Set-AcsFederationConfiguration -AllowedAcsResources @() -AddAllowedAcsResource $script:ContosoAcs -ErrorAction Stop } | Should -Throw -ErrorId 'PolicySettingInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

}

Describe 'ACS resources by name or ARM id' {
    BeforeAll {
        $script:Production = '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a'
        $script:ChatAcs = 'd8566a4d-bcf3-4e54-943a-cf2e57b1417e'
        $script:ChatArmId = "/subscriptions/$script:Production/resourceGroups/rg-communication/providers/Microsoft.Communication/communicationServices/contoso-acs-chat"
        function Get-ArmReads { @(Get-EmulatorRequest -Emulator $script:Emu -Service arm | Where-Object method -EQ 'GET') }
        function Get-WhatIf([scriptblock] $Command) {
            $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
            Start-Transcript -Path $transcript | Out-Null
            try { & $Command } finally { Stop-Transcript | Out-Null }
            $text = Get-Content -Raw $transcript
            Remove-Item $transcript
            $text
        }
    }

    # Each case signs in afresh (an empty per-context cache); the suite's usual context is current again afterwards.
    AfterEach { Reset-Emulator; Connect-TestTenant | Out-Null }

    It 'resolves an ARM id (any case) with one ARM GET and shows the GUID and name under -WhatIf' {
        $fresh = Connect-TestTenant
        Clear-EmulatorRequest -Emulator $script:Emu
        $whatIf = Get-WhatIf { Set-AcsFederationConfiguration -Context $fresh -AddAllowedAcsResource $script:ChatArmId.ToUpperInvariant().Replace('CONTOSO-ACS-CHAT', 'contoso-acs-chat') -WhatIf }
        $whatIf | Should -Match ([regex]::Escape("is $script:ChatAcs (contoso-acs-chat)"))
        (Get-Writes).Count | Should -Be 0
        $reads = @(Get-ArmReads)
        $reads.Count | Should -Be 1
        $reads[0].path | Should -BeLike '*/communicationServices/contoso-acs-chat'
        $reads[0].apiVersion | Should -Be '2025-09-01'
        Set-AcsFederationConfiguration -Context $fresh -AddAllowedAcsResource $script:ChatArmId -Force
        (Get-AcsFederationConfiguration -Context $fresh).AllowedAcsResources | Should -Contain $script:ChatAcs
    }

    It 'resolves a name by listing -SubscriptionId, then from what the context has read' {
        $fresh = Connect-TestTenant
        $r = Test-ExternalUserAccess -Context $fresh -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId 'contoso-acs-chat' -SubscriptionId $script:Production
        $r.AcsResourceId | Should -Be $script:ChatAcs
        Clear-EmulatorRequest -Emulator $script:Emu
        $whatIf = Get-WhatIf { Set-AcsFederationConfiguration -Context $fresh -AddAllowedAcsResource 'CONTOSO-ACS-CHAT' -WhatIf }
        $whatIf | Should -Match ([regex]::Escape("'CONTOSO-ACS-CHAT' is $script:ChatAcs (contoso-acs-chat)"))
        (Get-ArmReads).Count | Should -Be 0 -Because 'the name was read from ARM by the earlier command'
        (Get-Writes).Count | Should -Be 0
    }

    It 'says how to find the GUID for a name the context does not know, before any write' {
        $fresh = Connect-TestTenant
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Set-AcsFederationConfiguration -Context $fresh -AddAllowedAcsResource 'contoso-acs-chat' -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AcsResourceNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'immutableResourceId'
        $err.Exception.Message | Should -Match 'az communication show --name contoso-acs-chat'
        { Set-AcsFederationConfiguration -Context $fresh -AddAllowedAcsResource 'nowhere-acs' -SubscriptionId $script:Production -Force -ErrorAction Stop } | Should -Throw -ErrorId 'AcsResourceNotFound,*'
        { Test-ExternalUserAccess -Context $fresh -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId "/subscriptions/$script:Production/resourceGroups/rg-communication/providers/Microsoft.Communication/communicationServices/gone-acs" -ErrorAction Stop } | Should -Throw -ErrorId 'AcsResourceNotFound,*'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -Be 0
    }

    # An ambiguous name (AcsResourceNameAmbiguous) is covered by xunit (AcsResourceInputTests): ACS names are globally
    # unique (they are DNS names), so the emulator refuses a fixture with two, and only a context that remembers a
    # resource deleted and re-created elsewhere under the same name can meet one.

    It 'without ARM access the error names the way to the GUID and nothing is written' {
        $noArm = Connect-TestTenant -NoPermissions
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Set-AcsFederationConfiguration -Context $noArm -AddAllowedAcsResource $script:ChatArmId -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AcsResourceUnresolved,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -Match 'immutableResourceId'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -Be 0
        { Test-ExternalUserAccess -Context $noArm -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId 'contoso-acs-chat' -SubscriptionId $script:Production -ErrorAction Stop } | Should -Throw -ErrorId 'AcsResourceUnresolved,*'
    }
}

Describe 'Grant-ExternalUserPolicy' {
    AfterEach { Reset-Emulator }

    It 'assigns a policy to users from the pipeline, and Global removes it again' {
        'user@contoso.onmicrosoft.com' | Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoors -Force
        $r = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com'
        $r.MeetingPolicy | Should -Match 'Tag:OpenDoors \(direct\)'
        Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -User 'user@contoso.onmicrosoft.com'
        (Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com').MeetingPolicy | Should -Match 'Global'
    }

    It 'reports an unknown policy and honours -WhatIf' {
        { Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Nope' -User 'user@contoso.onmicrosoft.com' -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyNotFound,*'
        Clear-EmulatorRequest -Emulator $script:Emu
        Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoors -User 'user@contoso.onmicrosoft.com' -WhatIf
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'asks again when the assignment loosens security, and refuses in a non-interactive session' {
        # OpenDoors lets everyone bypass the lobby and anonymous users start meetings; the user has Global now.
        Clear-EmulatorRequest -Emulator $script:Emu
        $e = { Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoors -User 'user@contoso.onmicrosoft.com' -ErrorAction Stop } | Should -Throw -ErrorId 'ConfirmationRequired,*' -PassThru
        $e.Exception.Message | Should -Match 'loosens security'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.method -eq 'POST' -and $_.path -like '*userAssignments*' }).Count | Should -Be 0
        (Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com').MeetingPolicy | Should -Match 'Global'
    }

    It 'does not ask again for a tighter policy' {
        Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity ExternalLockdown -User 'user@contoso.onmicrosoft.com'
        (Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com').MeetingPolicy | Should -Match 'Tag:ExternalLockdown \(direct\)'
    }
}
