# Per-meeting settings through Graph: reads by URL, id or date range, bulk changes in batches, throttling, failures.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    Connect-TestTenant | Out-Null
    $script:Events = 'events.organizer@contoso.onmicrosoft.com'
    $script:Lockdown = 'lockdown.organizer@contoso.onmicrosoft.com'
    $script:Range = @{ StartDateTime = (Get-Date).AddDays(-60); EndDateTime = (Get-Date).AddDays(400) }

    function Get-Stored([string] $Organizer) { @(Invoke-EmulatorControl -Emulator $script:Emu -Path "meetings?organizer=$Organizer") }
    function Get-GraphPatch { @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.method -eq 'PATCH' }) }
    function Get-OuterBatch { @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.path -like '*$batch' }) }
    function Reset-Emulator { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }
    function Read-WhatIf([scriptblock] $Script) {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -Path $transcript | Out-Null
        try { & $Script } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $transcript
        Remove-Item $transcript
        $text
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-MeetingExternalAccess' {
    It 'finds an organizer''s meetings in a date range, with every lobby scope read correctly' {
        $meetings = Get-MeetingExternalAccess -Organizer $script:Events @script:Range
        $meetings.Count | Should -BeGreaterOrEqual 4
        $scopes = $meetings.LobbyBypassScope | ForEach-Object ToString
        foreach ($scope in 'Everyone', 'Organization', 'Invited', 'OrganizationExcludingGuests') { $scopes | Should -Contain $scope }
        $scopes | Should -Not -Contain 'UnknownFutureValue'
        ($meetings | Where-Object LobbyBypassScope -EQ 'Everyone').AnonymousUsersBypassLobby | Should -BeTrue
        ($meetings | Where-Object LobbyBypassScope -EQ 'Organization').AnonymousUsersBypassLobby | Should -BeFalse
        $meetings[0].OrganizerId | Should -Be 'fdcd883e-f32d-4549-bb81-297b8b0e2bfb'
    }

    It 'sweeps several organizers'' calendars in one Graph batch, one calendar view each' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $organizers = $script:Events, $script:Lockdown, 'user@contoso.onmicrosoft.com', 'comms@contoso.onmicrosoft.com'
        $meetings = @(Get-MeetingExternalAccess -Organizer $organizers @script:Range)
        @($meetings.OrganizerId | Sort-Object -Unique).Count | Should -Be 4
        $views = @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object { $_.path -match '/calendar/calendarView$' })
        $views.Count | Should -Be 4
        @($views | Where-Object { $null -eq $_.batch }).Count | Should -Be 0 -Because 'every calendar view is an inner request of a $batch'
        @($views.batch | Sort-Object -Unique).Count | Should -Be 1 -Because 'four calendars fit one batch of 20'
    }

    It 'reads one meeting by the join URL users paste (pipeline) and by id plus organizer' {
        $first = (Get-MeetingExternalAccess -Organizer $script:Events @script:Range)[0]
        $byUrl = $first.JoinWebUrl | Get-MeetingExternalAccess
        $byUrl.MeetingId | Should -Be $first.MeetingId
        (Get-MeetingExternalAccess -MeetingId $first.MeetingId -Organizer $script:Events).JoinWebUrl | Should -Be $first.JoinWebUrl
    }

    It 'Graph hides the newer scope values without the Prefer header; the module always asks for them' {
        $first = (Get-MeetingExternalAccess -Organizer $script:Events @script:Range) | Where-Object LobbyBypassScope -EQ 'Invited' | Select-Object -First 1
        $token = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        $uri = "$($script:Emu.BaseUrl)/v1.0/users/$($first.OrganizerId)/onlineMeetings/$([uri]::EscapeDataString($first.MeetingId))"
        (Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $token" }).lobbyBypassSettings.scope | Should -Be 'unknownFutureValue'
        (Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $token"; Prefer = 'include-unknown-enum-members' }).lobbyBypassSettings.scope | Should -Be 'invited'
    }

    It 'refuses malformed join URLs before any request: <Case>' -TestCases @(
        @{ Case = 'other host'; Url = 'https://evil.example/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d' }
        @{ Case = 'injection'; Url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x'%20or%201%20eq%201%40thread.v2/0?context=%7b%7d" }
        @{ Case = 'short link with a context'; Url = 'https://teams.microsoft.com/meet/123456789?p=abc&context=%7b%7d' }
        @{ Case = 'no context'; Url = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0' }
    ) {
        Clear-EmulatorRequest -Emulator $script:Emu
        $null = Get-MeetingExternalAccess -JoinWebUrl $Url -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'JoinWebUrlInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'an organizer without an application access policy gives ApplicationAccessPolicyMissing with the commands to fix it' {
        $null = Get-MeetingExternalAccess -MeetingId 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi' -Organizer 'partner.organizer@contoso.onmicrosoft.com' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApplicationAccessPolicyMissing,*'
        $err[0].Exception.Message | Should -Match 'Grant-CsApplicationAccessPolicy'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'Changing meetings' {
    AfterEach {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null
        Reset-Emulator
    }

    It 'bulk: every meeting from the pipeline changes in batches of 20, unchanged ones are skipped' {
        $meetings = Get-MeetingExternalAccess -Organizer $script:Lockdown @script:Range
        $meetings.Count | Should -BeGreaterOrEqual 21
        $target = $meetings | Where-Object { $_.LobbyBypassScope -ne 'Organizer' }
        Clear-EmulatorRequest -Emulator $script:Emu
        $changed = $meetings | Set-LobbyBypass -Scope Organizer -PassThru
        $changed.Count | Should -Be $meetings.Count
        # Piped meetings carry their current values: no meeting is read again, only PATCH batches go out.
        @(Get-OuterBatch).Count | Should -Be ([math]::Ceiling($target.Count / 20))
        @(Get-EmulatorRequest -Emulator $script:Emu -Service graph | Where-Object method -EQ 'GET').Count | Should -Be 0
        @(Get-GraphPatch).Count | Should -Be $target.Count
        (Get-Stored $script:Lockdown).lobbyBypassSettings.scope | Sort-Object -Unique | Should -Be 'organizer'
    }

    It 'throttled items are retried after their own Retry-After and all succeed' {
        $meetings = Get-MeetingExternalAccess -Organizer $script:Lockdown @script:Range | Select-Object -First 20
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'PATCH'; pathPattern = '/onlineMeetings/'; status = 429; retryAfter = '1'; count = 3 } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $changed = $meetings | Set-MeetingExternalAccess -AllowedPresenters RoleIsPresenter -PassThru -ErrorVariable err
        $err.Count | Should -Be 0
        $changed.Count | Should -Be 20
        $patches = Get-GraphPatch
        @($patches | Where-Object status -EQ 429).Count | Should -Be 3
        @($patches | Where-Object status -EQ 200).Count | Should -Be 20
        @(Get-OuterBatch).Count | Should -Be 2
    }

    It 'one failing meeting never stops the others, and gets its own error' {
        $meetings = @(Get-MeetingExternalAccess -Organizer $script:Lockdown @script:Range | Select-Object -First 5)
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'graph'; method = 'PATCH'; pathPattern = [regex]::Escape($meetings[2].MeetingId); status = 500; count = 50 } | Out-Null
        $changed = $meetings | Set-MeetingExternalAccess -AllowedPresenters Organizer -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $changed.Count | Should -Be 4
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Match ([regex]::Escape($meetings[2].JoinWebUrl))
    }

    It 'writes the newer scope values correctly (evolvable enum)' {
        $m = (Get-MeetingExternalAccess -Organizer $script:Events @script:Range) | Where-Object LobbyBypassScope -EQ 'Organization' | Select-Object -First 1
        Set-LobbyBypass -JoinWebUrl $m.JoinWebUrl -Scope OrganizationExcludingGuests -IsDialInBypassEnabled $false
        $stored = Get-Stored $script:Events | Where-Object id -EQ $m.MeetingId
        $stored.lobbyBypassSettings.scope | Should -Be 'organizationExcludingGuests'
        (Get-MeetingExternalAccess -JoinWebUrl $m.JoinWebUrl).LobbyBypassScope | Should -Be 'OrganizationExcludingGuests'
    }

    It 'letting everyone in needs confirmation: refused non-interactively, applied with -Force; -WhatIf sends nothing' {
        $m = (Get-MeetingExternalAccess -Organizer $script:Events @script:Range) | Where-Object LobbyBypassScope -EQ 'Organization' | Select-Object -First 1
        Clear-EmulatorRequest -Emulator $script:Emu
        $text = Read-WhatIf { $m | Set-LobbyBypass -Scope Everyone -WhatIf }
        $text | Should -Match '(?s)What if: LOOSEN meeting.*LobbyBypassScope: Organization -> Everyone'
        { $m | Set-LobbyBypass -Scope Everyone -ErrorAction Stop } | Should -Throw -ErrorId 'ConfirmationRequired,*'
        @(Get-GraphPatch).Count | Should -Be 0
        ($m | Set-LobbyBypass -Scope Everyone -Force -PassThru).AnonymousUsersBypassLobby | Should -BeTrue
    }

    It 'Set-MeetingExternalAccess changes presenters, chat, camera, mic, renaming and announcements' {
        $m = (Get-MeetingExternalAccess -Organizer 'user@contoso.onmicrosoft.com' @script:Range)[0]
        $after = Set-MeetingExternalAccess -JoinWebUrl $m.JoinWebUrl -AllowedPresenters Organizer -AllowMeetingChat Limited -AllowAttendeeToEnableCamera $false -AllowAttendeeToEnableMic $false -AllowParticipantsToChangeName $false -IsEntryExitAnnounced $true -PassThru
        $after.AllowedPresenters | Should -Be 'Organizer'
        $after.AllowMeetingChat | Should -Be 'Limited'
        $after.AllowAttendeeToEnableCamera | Should -BeFalse
        $after.AllowParticipantsToChangeName | Should -BeFalse
        $after.IsEntryExitAnnounced | Should -BeTrue
    }

    It 'refuses UnknownFutureValue and empty changes before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $url = (Get-MeetingExternalAccess -Organizer 'user@contoso.onmicrosoft.com' @script:Range)[0].JoinWebUrl
        Clear-EmulatorRequest -Emulator $script:Emu
        { Set-LobbyBypass -JoinWebUrl $url -Scope UnknownFutureValue -ErrorAction Stop } | Should -Throw -ErrorId 'PolicySettingInvalid,*'
        { Set-MeetingExternalAccess -JoinWebUrl $url -ErrorAction Stop } | Should -Throw -ErrorId 'PolicySettingInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }
}
