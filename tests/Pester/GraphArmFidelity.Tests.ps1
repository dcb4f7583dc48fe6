# Issue 12 (field fidelity), Graph and ARM: user configurations wrapped and plain, never a silent Global, nothing sent
# for them in sovereign clouds; short /meet/ links and channel meetings found or reported; ARM's GA api-version.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:ContosoAcs = '1475c6ac-baa0-425c-8df5-77d8766e3c25'
    Connect-TestTenant | Out-Null

    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
    function Set-GraphVariant([hashtable] $Body) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'graph' -Body $Body | Out-Null }
    function Get-UserConfigurationRequest {
        @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.path -like '*admin/teams/userConfigurations*' })
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Graph user configurations: wrapped and plain' {
    BeforeEach { Reset-Emulator }

    It 'the emulator serves the documented wrapped form by default and the plain form on request' {
        (Invoke-EmulatorControl -Emulator $script:Emu -Path 'graph').userConfigurationShape | Should -Be 'wrapped'
        Set-GraphVariant @{ userConfigurationShape = 'plain' }
        (Invoke-EmulatorControl -Emulator $script:Emu -Path 'graph').userConfigurationShape | Should -Be 'plain'
        Reset-Emulator
        (Invoke-EmulatorControl -Emulator $script:Emu -Path 'graph').userConfigurationShape | Should -Be 'wrapped'
        { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'graph' -Body @{ userConfigurationShape = 'other' } } | Should -Throw
    }

    It 'gives the same Test-ExternalUserAccess answer for <Organizer> with either shape' -ForEach @(
        @{ Organizer = 'events.organizer@contoso.onmicrosoft.com'; Policy = 'Tag:OpenDoors \(group ' }
        @{ Organizer = 'lockdown.organizer@contoso.onmicrosoft.com'; Policy = 'Tag:ExternalLockdown \(direct\)' }
        @{ Organizer = 'user@contoso.onmicrosoft.com'; Policy = 'Global' }
    ) {
        $wrapped = Test-ExternalUserAccess -Organizer $Organizer -AcsResourceId $script:ContosoAcs -WarningVariable w1
        Set-GraphVariant @{ userConfigurationShape = 'plain' }
        $plain = Test-ExternalUserAccess -Organizer $Organizer -AcsResourceId $script:ContosoAcs -WarningVariable w2
        $w1 | Should -BeNullOrEmpty
        $w2 | Should -BeNullOrEmpty
        $wrapped.Source | Should -Be 'EffectivePolicies'
        $wrapped.MeetingPolicy | Should -Match $Policy
        ($plain | Select-Object CanJoin, JoinPath, WaitsInLobby, CanStartMeeting, CanChat, CanPresent, CanDialOut, Label, MeetingPolicy, ExternalAccessPolicy, Source | ConvertTo-Json) |
            Should -Be ($wrapped | Select-Object CanJoin, JoinPath, WaitsInLobby, CanStartMeeting, CanChat, CanPresent, CanDialOut, Label, MeetingPolicy, ExternalAccessPolicy, Source | ConvertTo-Json)
    }

    It 'reports an unreadable user configuration as Unknown with a warning, never as Global' {
        # Graph answers 200 with an entity that has no effectivePolicyAssignments.
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = 'admin/teams/userConfigurations/'; status = 200; body = '{"value":{"id":"x","accountType":"user"}}' } | Out-Null
        $r = Test-ExternalUserAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs -WarningVariable w -WarningAction SilentlyContinue -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        $w | Should -HaveCount 1
        "$w" | Should -Match 'effective policies are unknown'
        $r.Source | Should -Be 'Unknown'
        $r.MeetingPolicy | Should -Be 'Unknown'
        $r.CanJoin | Should -BeNullOrEmpty
        $r.JoinPath | Should -Be 'Unknown'
        $r.WaitsInLobby | Should -BeNullOrEmpty
        $r.CanStartMeeting | Should -BeNullOrEmpty
        ($r.Decisions | Where-Object Question -EQ 'CanJoin').AssignmentType | Should -Be 'Unknown'
        $r.Decisions.AssignmentType | Should -Not -Contain 'Global'
        # Tenant-wide answers are still given.
        ($r.Decisions | Where-Object Question -EQ 'Federation').Answer | Should -Be 'Yes'
    }

    It 'knows No without the organizer''s policies when the tenant closes both join paths' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = 'admin/teams/userConfigurations/'; status = 200; body = '{"id":"x"}' } | Out-Null
        Set-AcsFederationConfiguration -DisableAnonymousJoin $true -Force -Confirm:$false | Out-Null
        $r = Test-ExternalUserAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' -WarningAction SilentlyContinue
        $r.Source | Should -Be 'Unknown'
        $r.CanJoin | Should -BeFalse
        $r.CanJoin | Should -Not -BeNullOrEmpty
        $r.BlockedBy.Setting | Should -Contain 'TeamsMeetingConfiguration.DisableAnonymousJoin'
    }

    It 'the snapshot has no user counts when a user configuration is unreadable' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = 'admin/teams/userConfigurations$'; status = 200; body = '{"value":[{"id":"x"}]}' } | Out-Null
        $path = Join-Path ([IO.Path]::GetTempPath()) "graph-fidelity-$([guid]::NewGuid()).json"
        try {
            Export-ExternalUserConfiguration -Path $path -WarningVariable w -WarningAction SilentlyContinue | Out-Null
            "$w" | Should -Match 'User counts are not in the snapshot'
            $snapshot = Get-Content -Raw $path | ConvertFrom-Json
            @($snapshot.meetingPolicies | Where-Object { $null -ne $_.userCount }).Count | Should -Be 0
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }
}

Describe 'Sovereign clouds: user configurations are global-only' {
    BeforeAll {
        Reset-Emulator
        # The emulator registered as a GCC High environment: API availability comes from -BasedOn, endpoints and token
        # resources are the emulator's.
        Add-AcsTeamsEnvironment -Name EmulatorGccHigh -BasedOn GCCHigh -AuthorityHost $script:Emu.BaseUrl -GraphEndpoint $script:Emu.BaseUrl `
            -TeamsAdminEndpoint "$($script:Emu.BaseUrl)/teams" -ArmEndpoint "$($script:Emu.BaseUrl)/arm" `
            -GraphResource 'https://graph.microsoft.com' -ArmResource 'https://management.azure.com' -AcsResource 'https://communication.azure.com/' -Force | Out-Null
        $script:High = Connect-TestTenant -Environment EmulatorGccHigh
    }
    AfterAll {
        $script:High | Disconnect-AcsTeamsSecurity
        Remove-AcsTeamsEnvironment -Name EmulatorGccHigh -ErrorAction SilentlyContinue
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $script:Emu }

    It 'the custom environment takes its API availability from -BasedOn' {
        (Get-AcsTeamsEnvironment -Name EmulatorGccHigh).TeamsUserConfigurations | Should -BeFalse
        (Get-AcsTeamsEnvironment -Name GCCHigh).TeamsUserConfigurations | Should -BeFalse
        (Get-AcsTeamsEnvironment -Name DoD).TeamsUserConfigurations | Should -BeFalse
        (Get-AcsTeamsEnvironment -Name China).TeamsUserConfigurations | Should -BeFalse
        (Get-AcsTeamsEnvironment -Name Global).TeamsUserConfigurations | Should -BeTrue
        (Get-AcsTeamsEnvironment -Name GCC).TeamsUserConfigurations | Should -BeTrue
        (Get-AcsTeamsEnvironment -Name Emulator).TeamsUserConfigurations | Should -BeTrue
    }

    It 'Test-ExternalUserAccess sends no user-configuration request and answers Unknown with a warning' {
        $r = Test-ExternalUserAccess -Context $script:High -Organizer 'events.organizer@contoso.onmicrosoft.com' -AcsResourceId $script:ContosoAcs -WarningVariable w -WarningAction SilentlyContinue
        Get-UserConfigurationRequest | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -BeGreaterThan 0 -Because 'the tenant gates are still read'
        "$w" | Should -Match "global service only, not for 'EmulatorGccHigh'"
        $r.Source | Should -Be 'Unknown'
        $r.CanJoin | Should -BeNullOrEmpty
    }

    It 'Export-ExternalUserConfiguration sends no user-configuration request and says the counts are absent' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "graph-fidelity-$([guid]::NewGuid()).json"
        try {
            Export-ExternalUserConfiguration -Context $script:High -Path $path -WarningVariable w -WarningAction SilentlyContinue | Out-Null
            Get-UserConfigurationRequest | Should -BeNullOrEmpty
            "$w" | Should -Match 'User counts are not in the snapshot: .*global service only'
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }

    It 'Set-ExternalUserPolicy -WhatIf sends no user-configuration request' {
        Set-ExternalUserPolicy -Context $script:High -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -WhatIf
        Get-UserConfigurationRequest | Should -BeNullOrEmpty
    }

    It 'the emulator playing GCC High answers user-configuration calls with Graph''s unknown-segment error' {
        Set-GraphVariant @{ cloud = 'GCCHigh' }
        try {
            $token = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
            $response = Invoke-WebRequest -Uri "$($script:Emu.BaseUrl)/v1.0/admin/teams/userConfigurations/978a857d-9ea4-4a76-ba43-69881d052cc6" -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck
            $response.StatusCode | Should -Be 400
            ($response.Content | ConvertFrom-Json).error.code | Should -Be 'BadRequest'
        }
        finally { Set-GraphVariant @{ cloud = 'Global' } }
    }
}

Describe 'ARM api-versions' {
    BeforeAll {
        Reset-Emulator
        $script:Production = '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a'
        $script:ArmToken = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://management.azure.com/.default'
        function Invoke-Arm([string] $Path, [string] $ApiVersion) {
            $status = 0
            $body = Invoke-RestMethod -Uri "$($script:Emu.BaseUrl)/arm/$Path`?api-version=$ApiVersion" -Headers @{ Authorization = "Bearer $script:ArmToken" } -SkipHttpErrorCheck -StatusCodeVariable status
            [pscustomobject]@{ Status = $status; Body = $body }
        }
        function Export-Arm($Context) {
            $path = Join-Path ([IO.Path]::GetTempPath()) "arm-fidelity-$([guid]::NewGuid()).json"
            try { Export-ExternalUserConfiguration -Context $Context -Path $path -SubscriptionId $script:Production -NoUserCount -ErrorVariable +script:ExportErrors -ErrorAction SilentlyContinue | Out-Null }
            finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
        }
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $script:Emu; $script:ExportErrors = @() }

    It 'the emulator refuses an api-version the provider does not list, with ARM''s InvalidResourceType body' {
        $r = Invoke-Arm "subscriptions/$script:Production/providers/Microsoft.Communication/communicationServices" -ApiVersion '2019-01-01'
        $r.Status | Should -Be 400
        $r.Body.error.code | Should -Be 'InvalidResourceType'
        $r.Body.error.message | Should -BeLike "The resource type 'communicationServices' could not be found in the namespace 'Microsoft.Communication' for api version '2019-01-01'. The supported api-versions are '*2025-09-01*'."
        (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication/providers/Microsoft.Communication/communicationServices/contoso-acs" -ApiVersion '2025-09-02').Status | Should -Be 400
        (Invoke-Arm "subscriptions/$script:Production/providers/Microsoft.Communication/communicationServices" -ApiVersion '2025-09-01').Status | Should -Be 200
    }

    It 'diagnostic settings are checked against their own provider''s versions' {
        $path = "subscriptions/$script:Production/resourceGroups/rg-communication/providers/Microsoft.Communication/communicationServices/contoso-acs/providers/Microsoft.Insights/diagnosticSettings"
        (Invoke-Arm $path -ApiVersion '2021-05-01-preview').Status | Should -Be 200
        $r = Invoke-Arm $path -ApiVersion '2025-09-01'
        $r.Status | Should -Be 400
        $r.Body.error.message | Should -BeLike "*'diagnosticSettings' could not be found in the namespace 'Microsoft.Insights' for api version '2025-09-01'*"
    }

    It 'the module reads communicationServices with the GA version 2025-09-01 by default' {
        $ctx = Connect-TestTenant
        $ctx.ArmApiVersion | Should -Be '2025-09-01'
        Export-Arm $ctx
        $script:ExportErrors | Should -BeNullOrEmpty
        $arm = @(Get-EmulatorRequest -Emulator $script:Emu -Service arm)
        $list = @($arm | Where-Object { $_.path -like '*/communicationServices' })
        $list.Count | Should -BeGreaterThan 0
        $list.apiVersion | Sort-Object -Unique | Should -Be '2025-09-01'
        ($arm | Where-Object { $_.path -like '*/diagnosticSettings' }).apiVersion | Sort-Object -Unique | Should -Be '2021-05-01-preview'
    }

    It 'sends a preview version only when asked, and reports a version the provider refuses' {
        $id = Get-TestIdentity
        $preview = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -ArmApiVersion '2025-05-01-preview' -PassThru
        $refused = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -ArmApiVersion '2019-01-01' -PassThru
        try {
            Export-Arm $preview
            $script:ExportErrors | Should -BeNullOrEmpty
            (@(Get-EmulatorRequest -Emulator $script:Emu -Service arm) | Where-Object { $_.path -like '*/communicationServices' }).apiVersion | Sort-Object -Unique | Should -Be '2025-05-01-preview'
            Export-Arm $refused
            $script:ExportErrors | Should -Not -BeNullOrEmpty
            $script:ExportErrors[0].FullyQualifiedErrorId | Should -BeLike 'CollectionFailed,*'
            "$($script:ExportErrors[0])" | Should -Match "for api version '2019-01-01'"
        }
        finally {
            $preview | Disconnect-AcsTeamsSecurity
            $refused | Disconnect-AcsTeamsSecurity
            Connect-TestTenant | Out-Null
        }
        { Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -ArmApiVersion 'latest' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Join URLs: short links, channel and legacy meetings' {
    BeforeAll {
        Reset-Emulator
        $script:Comms = 'comms@contoso.onmicrosoft.com'
        $script:Range = @{ StartDateTime = (Get-Date).AddDays(-60); EndDateTime = (Get-Date).AddDays(400) }
        $script:Short = 'https://teams.microsoft.com/meet/2723456789012?p=Xy7KpQ2mNs'
    }
    BeforeEach { Clear-EmulatorRequest -Emulator $script:Emu }
    AfterEach { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }

    It 'finds the short-link, channel and legacy meetings of an organizer''s calendar' {
        $meetings = @(Get-MeetingExternalAccess -Organizer $script:Comms @script:Range -WarningVariable w -ErrorVariable e)
        $w | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
        $meetings.Count | Should -Be 3
        $meetings.JoinWebUrl | Should -Contain $script:Short
        ($meetings | Where-Object JoinWebUrl -EQ $script:Short).LobbyBypassScope | Should -Be 'Everyone'
        $meetings.JoinWebUrl | Should -Contain ($meetings.JoinWebUrl | Where-Object { $_ -like '*thread.tacv2*' })
        @($meetings.JoinWebUrl | Where-Object { $_ -like '*thread.skype*' }).Count | Should -Be 1
        # The short link is looked up among this organizer's meetings by its join meeting id (documented filter).
        $filters = @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.path -like '*/onlineMeetings' -and $null -ne $_.batch })
        $filters.Count | Should -Be 3
    }

    It 'a short-link meeting that cannot be resolved is a warning and an error record, never skipped silently' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = 'aa9328d2-8f76-49b7-b30f-f7d88ea6ec75/onlineMeetings$'; status = 200; body = '{"value":[]}' } | Out-Null
        $meetings = @(Get-MeetingExternalAccess -Organizer $script:Comms @script:Range -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $meetings.Count | Should -Be 0
        $e.Count | Should -Be 3
        $w.Count | Should -Be 3
        $e | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'MeetingNotResolved,*' }
        ($e | Where-Object { $_.TargetObject -eq $script:Short }) | Should -Not -BeNullOrEmpty
        "$w" | Should -Match ([regex]::Escape($script:Short))
    }

    It 'a calendar link the module cannot read is reported as MeetingNotResolved with a warning' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'GET'; pathPattern = 'aa9328d2-8f76-49b7-b30f-f7d88ea6ec75/calendar/calendarView$'; status = 200; body = '{"value":[{"id":"e1","isOnlineMeeting":true,"onlineMeeting":{"joinUrl":"https://teams.microsoft.com/meet/abc"}}]}' } | Out-Null
        $null = Get-MeetingExternalAccess -Organizer $script:Comms @script:Range -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'MeetingNotResolved,*'
        $e[0].TargetObject | Should -Be 'https://teams.microsoft.com/meet/abc'
        $w.Count | Should -Be 1
    }

    It 'a short link given alone names no organizer: warning and MeetingNotResolved, nothing sent' {
        $null = Get-MeetingExternalAccess -JoinWebUrl $script:Short -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'MeetingNotResolved,*'
        "$w" | Should -Match 'does not name its organizer'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        $null = Set-LobbyBypass -JoinWebUrl $script:Short -Scope Organizer -WarningAction SilentlyContinue -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'MeetingNotResolved,*'
    }

    It 'a channel meeting given by its join URL is found with the JoinWebUrl filter and can be changed' {
        $channel = (Get-MeetingExternalAccess -Organizer $script:Comms @script:Range | Where-Object { $_.JoinWebUrl -like '*thread.tacv2*' }).JoinWebUrl
        $m = Get-MeetingExternalAccess -JoinWebUrl $channel
        $m.JoinWebUrl | Should -Be $channel
        $changed = Set-LobbyBypass -JoinWebUrl $channel -Scope Organizer -PassThru
        $changed.LobbyBypassScope | Should -Be 'Organizer'
    }
}
