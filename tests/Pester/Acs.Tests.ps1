# The ACS identity plane end to end, with both auth modes (Entra ID bearer and the access key's HMAC).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $fixture = Get-Fixture
    $script:Resource = $fixture.tenants[0].acsResources | Where-Object name -EQ 'contoso-acs'
    $script:Endpoint = (Get-TestAcsEndpoint $script:Emu contoso-acs)
    $script:ConnectionString = "endpoint=$($script:Endpoint);accesskey=$($script:Resource.accessKeys.primary)"

    $secret = ConvertTo-TestSecureString $script:Id.ReaderAppSecret
    $script:Contexts = @{
        EntraId   = Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $script:Id.ReaderAppId -ClientSecret $secret -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        AccessKey = Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $script:Id.ReaderAppId -ClientSecret $secret -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString $script:ConnectionString) -PassThru
    }

    function Test-AcsTokenValid([securestring] $Token) {
        $plain = [System.Net.NetworkCredential]::new('', $Token).Password
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'acs/validateToken' -Body @{ token = $plain }
    }

    function Get-AcsRequest { @(Get-EmulatorRequest -Emulator $script:Emu -Service acs) }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    foreach ($c in $script:Contexts.Values) { $c | Disconnect-AcsTeamsSecurity }
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'ACS identity plane with <Mode>' -ForEach @(@{ Mode = 'EntraId' }, @{ Mode = 'AccessKey' }) {
    BeforeAll { $script:Ctx = $script:Contexts[$Mode] }

    It 'uses the expected authentication' {
        $script:Ctx.AcsAuthentication | Should -Be $Mode
        $script:Ctx.AcsApiVersion | Should -Be '2023-10-01'
    }

    It 'New-AcsGuestToken creates an identity with a least-privilege, one-hour token' {
        $guest = New-AcsGuestToken -Context $script:Ctx
        $guest.Identity.Kind | Should -Be 'AcsUser'
        $guest.Identity.Id | Should -BeLike "8:acs:$($script:Resource.immutableResourceId)_*"
        $guest.ResourceId | Should -Be ([guid]$script:Resource.immutableResourceId)
        $guest.Scopes | Should -Be @('voip.join', 'chat.join.limited')
        $guest.Token | Should -BeOfType [securestring]
        $guest.TokenText | Should -BeNullOrEmpty
        ($guest.ExpiresOn - [DateTimeOffset]::UtcNow).TotalMinutes | Should -BeGreaterThan 55
        ($guest.ExpiresOn - [DateTimeOffset]::UtcNow).TotalMinutes | Should -BeLessOrEqual 61
        (Test-AcsTokenValid $guest.Token).valid | Should -BeTrue
        $info = $guest | ConvertFrom-AcsToken
        $info.Identity.Id | Should -Be $guest.Identity.Id
        $info.Scopes | Should -Be @('voip.join', 'chat.join.limited')
        [int]$info.Lifetime.TotalMinutes | Should -Be 60
        $last = Get-AcsRequest | Select-Object -Last 1
        $last.method | Should -Be 'POST'
        $last.path | Should -Be '/identities'
    }

    It 'New-AcsGuestToken -Count issues many distinct guests, with -AsPlainText when asked' {
        $guests = New-AcsGuestToken -Context $script:Ctx -Count 12 -ThrottleLimit 4 -AsPlainText -ExpiresInMinutes 1440
        $guests.Count | Should -Be 12
        @($guests.Identity.Id | Sort-Object -Unique).Count | Should -Be 12
        foreach ($g in $guests) {
            $g.TokenText | Should -Not -BeNullOrEmpty
            [System.Net.NetworkCredential]::new('', $g.Token).Password | Should -Be $g.TokenText
        }
        [int]((ConvertFrom-AcsToken -Token $guests[0].TokenText).Lifetime.TotalMinutes) | Should -Be 1440
    }

    It 'New-AcsIdentity creates identities and New-AcsGuestToken -Identity issues tokens for them by pipeline' {
        $identities = New-AcsIdentity -Context $script:Ctx -Count 3
        $identities.Count | Should -Be 3
        $tokens = $identities | New-AcsGuestToken -Context $script:Ctx -Scope voip.join
        $tokens.Count | Should -Be 3
        ($tokens.Identity.Id | Sort-Object) | Should -Be ($identities.Id | Sort-Object)
        $tokens[0].Scopes | Should -Be @('voip.join')
    }

    It 'Revoke-AcsToken really invalidates earlier tokens (tokens piped in), and later tokens work' {
        $guest = New-AcsGuestToken -Context $script:Ctx
        $second = New-AcsGuestToken -Context $script:Ctx -Identity $guest.Identity.Id
        (Test-AcsTokenValid $guest.Token).valid | Should -BeTrue
        $revoked = $guest | Select-Object Token | Revoke-AcsToken -Context $script:Ctx -Confirm:$false -PassThru
        $revoked.Id | Should -Be $guest.Identity.Id
        $check = Test-AcsTokenValid $guest.Token
        $check.valid | Should -BeFalse
        $check.reason | Should -Be 'revoked'
        (Test-AcsTokenValid $second.Token).valid | Should -BeFalse
        Start-Sleep -Milliseconds 1100
        $fresh = New-AcsGuestToken -Context $script:Ctx -Identity $guest.Identity.Id
        (Test-AcsTokenValid $fresh.Token).valid | Should -BeTrue
    }

    It 'Remove-AcsIdentity deletes the identity; later use gives AcsIdentityNotFound' {
        $guest = New-AcsGuestToken -Context $script:Ctx
        $guest | Remove-AcsIdentity -Context $script:Ctx -Force
        (Test-AcsTokenValid $guest.Token).reason | Should -Be 'deleted'
        $null = New-AcsGuestToken -Context $script:Ctx -Identity $guest.Identity.Id -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'AcsIdentityNotFound,AcsTeamsSecurity.Commands.Acs.NewAcsGuestTokenCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'ACS bounds and validation before any request' {
    BeforeAll { $script:Ctx = $script:Contexts.AccessKey }
    BeforeEach { Clear-EmulatorRequest -Emulator $script:Emu }

    It 'expiry <Minutes> minutes is refused before any request' -TestCases @(@{ Minutes = 59 }, @{ Minutes = 1441 }, @{ Minutes = 0 }) {
        { New-AcsGuestToken -Context $script:Ctx -ExpiresInMinutes $Minutes -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AcsTeamsSecurity.Commands.Acs.NewAcsGuestTokenCommand'
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It 'expiry at the bounds (60, 1440) is accepted' -TestCases @(@{ Minutes = 60 }, @{ Minutes = 1440 }) {
        $guest = New-AcsGuestToken -Context $script:Ctx -ExpiresInMinutes $Minutes
        [int]($guest | ConvertFrom-AcsToken).Lifetime.TotalMinutes | Should -Be $Minutes
    }

    It 'an unknown scope is refused before any request' {
        { New-AcsGuestToken -Context $script:Ctx -Scope 'voip.join', 'admin' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It 'full chat or voip scopes warn' {
        $null = New-AcsGuestToken -Context $script:Ctx -Scope chat, voip.join -WarningVariable warn -WarningAction SilentlyContinue
        ($warn -join ' ') | Should -Match "'chat'"
    }

    It 'a malformed identity gives AcsIdentityInvalid before any request: <Value>' -TestCases @(
        @{ Value = 'garbage' }, @{ Value = '8:orgid:32c0a5db-05ec-78ea-51ab-3f06b329397e' }, @{ Value = '8:acs:not-a-guid_1' }, @{ Value = "8:acs:1475c6ac-baa0-425c-8df5-77d8766e3c25_x'; DROP" }
    ) {
        $null = Revoke-AcsToken -Context $script:Ctx -Identity $Value -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AcsIdentityInvalid,*'
        $null = Remove-AcsIdentity -Context $script:Ctx -Identity $Value -Force -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'AcsIdentityInvalid,*'
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It '-WhatIf sends nothing: New-AcsGuestToken, Revoke-AcsToken, Remove-AcsIdentity' {
        $id = "8:acs:$($script:Resource.immutableResourceId)_00000005-0000-0000-0000-000000000001"
        New-AcsGuestToken -Context $script:Ctx -Count 3 -WhatIf | Should -BeNullOrEmpty
        Revoke-AcsToken -Context $script:Ctx -Identity $id -WhatIf
        Remove-AcsIdentity -Context $script:Ctx -Identity $id -WhatIf
        Remove-AcsIdentity -Context $script:Ctx -Identity $id -WhatIf -Force
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It '$WhatIfPreference counts as -WhatIf, even with -Force (second review)' {
        $id = "8:acs:$($script:Resource.immutableResourceId)_00000005-0000-0000-0000-000000000002"
        & {
            $WhatIfPreference = $true
            Remove-AcsIdentity -Context $script:Ctx -Identity $id -Force
        }
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It 'Remove-AcsIdentity is high impact' {
        (Get-Command Remove-AcsIdentity).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'High'
    }
}

Describe 'ACS authentication failures' {
    AfterEach { Disconnect-AcsTeamsSecurity }

    It 'a wrong access key gives ServiceUnauthorized without showing the key' {
        $wrongKey = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('definitely-not-the-key-0123456789'))
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString "endpoint=$script:Endpoint;accesskey=$wrongKey") -PassThru
        $err = $null
        try { New-AcsGuestToken -Context $ctx -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ServiceUnauthorized,*'
        $err.Exception.Message | Should -Match 'Acs'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($wrongKey))
    }

    It 'a token for the wrong audience gives ServiceUnauthorized' {
        Add-AcsTeamsEnvironment -Name WrongAcsAudience -AuthorityHost $script:Emu.BaseUrl -GraphEndpoint $script:Emu.BaseUrl -AcsResource 'https://graph.microsoft.com/' -Force | Out-Null
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment WrongAcsAudience -AcsEndpoint $script:Endpoint -PassThru
        { New-AcsGuestToken -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceUnauthorized,*'
    }

    It 'an identity without a role on the resource gives PermissionDenied naming the roles' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.NoPermsAppId -ClientSecret (ConvertTo-TestSecureString $Id.NoPermsAppSecret) -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        $err = $null
        try { New-AcsIdentity -Context $ctx -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $err.Exception.Message | Should -Match 'Contributor'
    }

    It 'an access key of a resource with local authentication disabled gives PermissionDenied that says so' {
        # contoso-acs-secure has disableLocalAuth true in ARM (the audit's ATS.RES.1 passes for it): its keys mint nothing.
        $secure = (Get-Fixture).tenants[0].acsResources | Where-Object name -EQ 'contoso-acs-secure'
        $key = $secure.accessKeys.primary
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString "endpoint=$(Get-TestAcsEndpoint $script:Emu contoso-acs-secure);accesskey=$key") -PassThru
        $err = $null
        try { New-AcsGuestToken -Context $ctx -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $err.Exception.Message | Should -Match 'disableLocalAuth'
        $err.Exception.Message | Should -Match 'without -AcsConnectionString'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($key))
    }

    It 'a context without an ACS endpoint gives AcsEndpointMissing' {
        $ctx = Connect-TestTenant
        { New-AcsGuestToken -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'AcsEndpointMissing,*'
    }
}

Describe 'Get-AcsTeamsUserToken' {
    AfterEach { Disconnect-AcsTeamsSecurity }

    It 'exchanges the signed-in Teams user''s token for an ACS token with the same expiry' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'devicecodes/autoApprove' -Body @{ userPrincipalName = $Id.AdminUpn } | Out-Null
        try {
            # The user signs in (device code) for the Teams scopes; the ACS call itself is signed with the access key.
            $ctx = Connect-AcsTeamsSecurity -DeviceCode -TenantId $Id.ContosoDomain -ClientId $Id.PublicClientId -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString $script:ConnectionString) -PassThru -WarningAction SilentlyContinue
            $result = Get-AcsTeamsUserToken -Context $ctx
        }
        finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'devicecodes/autoApprove' -Body @{ userPrincipalName = $null } | Out-Null }
        $result.AppId | Should -Be $Id.PublicClientId
        $result.TokenText | Should -BeNullOrEmpty
        $info = $result | ConvertFrom-AcsToken
        $info.Identity.Kind | Should -Be 'TeamsUser'
        $info.Identity.Id | Should -Be "8:orgid:$($result.UserObjectId)"
        $info.ExpiresOn | Should -Be $result.ExpiresOn.ToUniversalTime().AddTicks(-($result.ExpiresOn.Ticks % [TimeSpan]::TicksPerSecond))
        $entra = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object resource -Like 'https://auth.msft.communication.azure.com*')
        $entra.Count | Should -Be 1
    }

    It 'an app-only context gives UserSignInRequired before any request' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        Clear-EmulatorRequest -Emulator $script:Emu
        { Get-AcsTeamsUserToken -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'UserSignInRequired,*'
        Get-AcsRequest | Should -BeNullOrEmpty
    }

    It 'a -UserToken that is not a JWT gives AccessTokenInvalid' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        { Get-AcsTeamsUserToken -Context $ctx -UserToken (ConvertTo-TestSecureString 'nope') -ErrorAction Stop } | Should -Throw -ErrorId 'AccessTokenInvalid,*'
    }

    It 'an expired Teams user token gives ServiceUnauthorized (recorded InvalidAccessToken)' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        $graph = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        $err = $null
        try { Get-AcsTeamsUserToken -Context $ctx -UserToken (ConvertTo-TestSecureString $graph) -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ServiceUnauthorized,*'
        $err.Exception.ServiceErrorCode | Should -Be 'InvalidAccessToken'
    }
}

Describe 'ConvertFrom-AcsToken' {
    It 'refuses something that is not an ACS token' {
        { ConvertFrom-AcsToken -Token 'abc' -ErrorAction Stop } | Should -Throw -ErrorId 'AcsTokenInvalid,*'
        $entra = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        { ConvertFrom-AcsToken -Token $entra -ErrorAction Stop } | Should -Throw -ErrorId 'AcsTokenInvalid,*'
        { ConvertFrom-AcsToken -Token 42 -ErrorAction Stop } | Should -Throw -ErrorId 'AcsTokenInvalid,*'
    }
}

Describe 'Creating identities is not blindly replayed' {
    BeforeAll { $script:Ctx = $script:Contexts.AccessKey }
    AfterEach { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }

    It 'a dropped connection on create is reported, not retried (the identity may exist)' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'acs'; method = 'POST'; pathPattern = '/identities$'; drop = $true; count = 1 } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        { New-AcsIdentity -Context $script:Ctx -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceUnreachable,*'
        @(Get-AcsRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/identities' }).Count | Should -Be 1
    }

    It 'a 429 on create is retried (the service said it did nothing)' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'acs'; method = 'POST'; pathPattern = '/identities$'; status = 429; retryAfter = '1'; count = 1 } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        (New-AcsIdentity -Context $script:Ctx).Kind | Should -Be 'AcsUser'
        @(Get-AcsRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/identities' }).status | Should -Be @(429, 201)
    }
}
