# Table-driven: every cmdlet parameter that takes user data refuses bad values with a stable error id before any
# request is sent, and leaves nothing half-changed.
BeforeDiscovery {
    $long = 'a' * 5000
    $script:Cases = @(
        # Connection
        @{ Name = 'tenant with spaces'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso .com' -ClientId $app -ClientSecret $secret -Environment Emulator }; Id = 'TenantIdInvalid' }
        @{ Name = 'tenant injection'; Script = { Connect-AcsTeamsSecurity -TenantId "contoso.com/../../x" -ClientId $app -ClientSecret $secret -Environment Emulator }; Id = 'TenantIdInvalid' }
        @{ Name = 'unicode tenant'; Script = { Connect-AcsTeamsSecurity -TenantId 'cöntoso.onmicrosoft.com' -ClientId $app -ClientSecret $secret -Environment Emulator }; Id = 'TenantIdInvalid' }
        @{ Name = 'client id not a GUID'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso.onmicrosoft.com' -ClientId 'my-app' -ClientSecret $secret -Environment Emulator }; Id = 'ClientIdInvalid' }
        @{ Name = 'empty tenant'; Script = { Connect-AcsTeamsSecurity -TenantId '' -ClientId $app -ClientSecret $secret -Environment Emulator }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'connection string without key'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso.onmicrosoft.com' -ClientId $app -ClientSecret $secret -Environment Emulator -AcsConnectionString (ConvertTo-SecureString 'endpoint=https://x.communication.azure.com/' -AsPlainText -Force) }; Id = 'AcsConnectionStringInvalid' }
        @{ Name = 'connection string http'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso.onmicrosoft.com' -ClientId $app -ClientSecret $secret -Environment Emulator -AcsConnectionString (ConvertTo-SecureString 'endpoint=http://x/;accesskey=S2V5' -AsPlainText -Force) }; Id = 'AcsConnectionStringInvalid' }
        @{ Name = 'api-version not a date'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso.onmicrosoft.com' -ClientId $app -ClientSecret $secret -Environment Emulator -AcsApiVersion '2023-13-45' }; Id = 'AcsApiVersionUnsupported' }
        @{ Name = 'ACS endpoint http'; Script = { Connect-AcsTeamsSecurity -TenantId 'contoso.onmicrosoft.com' -ClientId $app -ClientSecret $secret -Environment Emulator -AcsEndpoint 'http://x.communication.azure.com' }; Id = 'AcsEndpointInvalid' }
        # ACS
        @{ Name = 'expiry 59'; Script = { New-AcsGuestToken -ExpiresInMinutes 59 }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'expiry 1441'; Script = { New-AcsGuestToken -ExpiresInMinutes 1441 }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'unknown scope'; Script = { New-AcsGuestToken -Scope 'voip.admin' }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'count 0'; Script = { New-AcsGuestToken -Count 0 }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'count huge'; Script = { New-AcsIdentity -Count 10001 }; Id = 'ParameterArgumentValidationError' }
        @{ Name = 'identity of a Teams user'; Script = { New-AcsGuestToken -Identity '8:orgid:32c0a5db-05ec-78ea-51ab-3f06b329397e' }; Id = 'AcsIdentityInvalid' }
        @{ Name = 'identity with a quote'; Script = { Revoke-AcsToken -Identity "8:acs:1475c6ac-baa0-425c-8df5-77d8766e3c25_a'b" -Confirm:$false }; Id = 'AcsIdentityInvalid' }
        @{ Name = 'identity unicode'; Script = { Remove-AcsIdentity -Identity '8:acs:1475c6ac-baa0-425c-8df5-77d8766e3c25_ü' -Force }; Id = 'AcsIdentityInvalid' }
        @{ Name = 'identity huge'; Script = { Remove-AcsIdentity -Identity ('8:acs:1475c6ac-baa0-425c-8df5-77d8766e3c25_' + $long) -Force }; Id = 'AcsIdentityInvalid' }
        @{ Name = 'token garbage'; Script = { ConvertFrom-AcsToken -Token 'eyJ.garbage' }; Id = 'AcsTokenInvalid' }
        @{ Name = 'revoke by garbage token'; Script = { Revoke-AcsToken -Token 'x.y.z' -Confirm:$false }; Id = 'AcsTokenInvalid' }
        # Policies
        @{ Name = 'resource id not a GUID'; Script = { Set-AcsFederationConfiguration -AddAllowedAcsResource 'contoso acs' -Force }; Id = 'AcsResourceIdInvalid' }
        @{ Name = 'one bad GUID among good ones'; Script = { Set-AcsFederationConfiguration -AllowedAcsResources '1475c6ac-baa0-425c-8df5-77d8766e3c25', '1475c6ac' -Force }; Id = 'AcsResourceIdInvalid' }
        @{ Name = 'organizer injection'; Script = { Test-ExternalUserAccess -Organizer "a@b.com' or 1 eq 1" }; Id = 'UserIdInvalid' }
        @{ Name = 'organizer path traversal'; Script = { Test-ExternalUserAccess -Organizer '../admin@contoso.com/x' }; Id = 'UserIdInvalid' }
        @{ Name = 'resource id for access test'; Script = { Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId 'no/pe' }; Id = 'AcsResourceIdInvalid' }
        @{ Name = 'grant to a bad user'; Script = { Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoors -User 'not a user' }; Id = 'UserIdInvalid' }
        @{ Name = 'setting of the other type'; Script = { Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global -MeetingChatEnabledType Disabled }; Id = 'PolicySettingInvalid' }
        @{ Name = 'enum value unknown'; Script = { Set-LobbyBypass -Identity Global -AutoAdmittedUsers 'Anyone' }; Id = 'CannotConvertArgumentNoMessage' }
        # Meetings
        @{ Name = 'join URL other host'; Script = { Get-MeetingExternalAccess -JoinWebUrl 'https://teams.evil.example/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%7d' }; Id = 'JoinWebUrlInvalid' }
        @{ Name = 'join URL filter injection'; Script = { Set-LobbyBypass -JoinWebUrl "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x'%29%20or%20true%40thread.v2/0?context=%7b%7d" -Scope Organizer }; Id = 'JoinWebUrlInvalid' }
        @{ Name = 'join URL huge'; Script = { Get-MeetingExternalAccess -JoinWebUrl ('https://teams.microsoft.com/l/meetup-join/' + $long) }; Id = 'JoinWebUrlInvalid' }
        @{ Name = 'meeting id with a slash'; Script = { Get-MeetingExternalAccess -MeetingId 'abc/../def' -Organizer 'user@contoso.onmicrosoft.com' }; Id = 'MeetingIdInvalid' }
        @{ Name = 'organizer not a user'; Script = { Get-MeetingExternalAccess -Organizer 'nobody' }; Id = 'UserIdInvalid' }
        @{ Name = 'scope UnknownFutureValue'; Script = { Set-LobbyBypass -JoinWebUrl 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d' -Scope UnknownFutureValue }; Id = 'PolicySettingInvalid' }
        # Environments
        @{ Name = 'environment endpoint http'; Script = { Add-AcsTeamsEnvironment -Name BadInputEnv -AuthorityHost 'http://login.example.test' }; Id = 'EnvironmentEndpointInvalid' }
        @{ Name = 'environment name with spaces'; Script = { Add-AcsTeamsEnvironment -Name 'bad name' -AuthorityHost 'https://login.example.test' }; Id = 'ParameterArgumentValidationError' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $id = Get-TestIdentity
    $acs = (Get-Fixture).tenants[0].acsResources[0]
    # Connected again after each refused Connect, which leaves no context current (issue 18).
    $script:ConnectArgs = @{
        TenantId            = $id.ContosoDomain
        ClientId            = $id.ReaderAppId
        ClientSecret        = ConvertTo-TestSecureString $id.ReaderAppSecret
        Environment         = 'Emulator'
        AcsConnectionString = ConvertTo-TestSecureString "endpoint=$(Get-TestAcsEndpoint $script:Emu $acs.name);accesskey=$($acs.accessKeys.primary)"
        Quiet               = $true
    }
    Connect-AcsTeamsSecurity @script:ConnectArgs
    $script:Before = Get-ExternalUserPolicy | ConvertTo-Json -Depth 5
    $script:BeforeFederation = Get-AcsFederationConfiguration | ConvertTo-Json -Depth 5
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Bad input is refused before any request' {
    It '<Name>: <Id>' -ForEach $script:Cases {
        $app = '4b306ca2-55cc-4ab6-bba1-1c854cdca6a3'
        $secret = ConvertTo-SecureString 'irrelevant-secret' -AsPlainText -Force
        $current = Get-AcsTeamsSecurityContext
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        $ErrorActionPreference = 'Stop'   # non-terminating per-item errors count too
        try { $null = & $Script } catch { $err = $_ }
        $ErrorActionPreference = 'Continue'
        $err | Should -Not -BeNullOrEmpty -Because 'bad input must be refused'
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0 -Because 'nothing is sent for bad input'
        if ("$Script" -match '^\s*Connect-AcsTeamsSecurity' -and $Id -ne 'ParameterArgumentValidationError') {
            # A refused Connect is a failed Connect: no context is current, so nothing carries on against the previous tenant.
            Get-AcsTeamsSecurityContext | Should -BeNullOrEmpty -Because 'a failed Connect leaves no context current'
            $current.IsConnected | Should -BeTrue -Because 'the previous context itself stays usable with -Context'
            Connect-AcsTeamsSecurity @script:ConnectArgs
        }
        else {
            (Get-AcsTeamsSecurityContext).Id | Should -Be $current.Id
        }
    }

    It 'left no partial change behind' {
        Get-ExternalUserPolicy | ConvertTo-Json -Depth 5 | Should -Be $script:Before
        Get-AcsFederationConfiguration | ConvertTo-Json -Depth 5 | Should -Be $script:BeforeFederation
    }
}
