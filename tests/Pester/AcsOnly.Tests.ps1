# ACS-only sign-in: an app backend with nothing but an ACS connection string mints guest tokens, with the
# emulator's Entra side switched off; every other cmdlet says ServiceNotConnected and names the sign-in it needs.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:Resource = (Get-Fixture).tenants[0].acsResources | Where-Object name -EQ 'contoso-acs'
    $script:Endpoint = Get-TestAcsEndpoint $script:Emu 'contoso-acs'
    $script:Key = $script:Resource.accessKeys.primary
    $script:ConnectionString = "endpoint=$($script:Endpoint);accesskey=$($script:Key)"

    function Stop-Entra {
        # The Entra side switched off: every token request (Entra ID and the managed-identity endpoint) is dropped.
        foreach ($service in 'entra', 'msi') {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = $service; drop = $true } | Out-Null
        }
    }
    function Start-Entra { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }
    function Test-AcsTokenValid([securestring] $Token) {
        $plain = [System.Net.NetworkCredential]::new('', $Token).Password
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'acs/validateToken' -Body @{ token = $plain }
    }
}

AfterAll {
    Start-Entra
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Connect-AcsTeamsSecurity -AcsConnectionString alone, Entra switched off' {
    BeforeAll {
        Stop-Entra
        Clear-EmulatorRequest -Emulator $script:Emu
        $script:ConnectVerbose = @()
        $script:Ctx = Connect-AcsTeamsSecurity -AcsConnectionString (ConvertTo-TestSecureString $script:ConnectionString) -PassThru -Verbose 4>&1 |
            ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $script:ConnectVerbose += @("$_") } else { $_ } }
    }

    It 'the Entra side really is off' {
        { Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $script:Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $script:Id.ReaderAppSecret) -Environment Emulator -MaxRetries 0 -ErrorAction Stop } | Should -Throw
        # The failed Entra sign-in above must not have replaced the ACS-only context for the tests below.
        Connect-AcsTeamsSecurity -AcsConnectionString (ConvertTo-TestSecureString $script:ConnectionString)
        Clear-EmulatorRequest -Emulator $script:Emu
    }

    It 'gives a context that covers ACS only, without Entra, and says so' {
        $script:Ctx.AuthMode | Should -Be 'AcsAccessKey'
        $script:Ctx.Services | Should -Be @('Acs')
        $script:Ctx.AcsAuthentication | Should -Be 'AccessKey'
        $script:Ctx.AcsEndpoint | Should -Be $script:Endpoint
        $script:Ctx.TenantId | Should -BeNullOrEmpty
        $script:ConnectVerbose -join "`n" | Should -Match 'no Entra ID sign-in'
        $shown = Get-AcsTeamsSecurityContext | Format-List | Out-String
        $shown | Should -Match 'Services\s+: Acs'
        $shown | Should -Not -Match ([regex]::Escape($script:Key))
    }

    It 'New-AcsGuestToken mints a valid guest token, and nothing is asked of Entra' {
        $guest = New-AcsGuestToken
        (Test-AcsTokenValid $guest.Token).valid | Should -BeTrue
        $guest.Scopes | Should -Be @('voip.join', 'chat.join.limited')
        $requests = @(Get-EmulatorRequest -Emulator $script:Emu)
        @($requests | Where-Object service -In 'entra', 'msi') | Should -BeNullOrEmpty
        @($requests | Where-Object service -EQ 'acs')[0].authKind | Should -Be 'hmac'
    }

    It 'every ACS identity cmdlet works: New-AcsIdentity, New-AcsGuestToken -Identity, Revoke-AcsToken, Remove-AcsIdentity' {
        $identity = New-AcsIdentity
        $token = $identity | New-AcsGuestToken -Scope voip.join
        (Test-AcsTokenValid $token.Token).valid | Should -BeTrue
        $identity | Revoke-AcsToken -Confirm:$false
        (Test-AcsTokenValid $token.Token).reason | Should -Be 'revoked'
        $identity | Remove-AcsIdentity -Force
        { New-AcsGuestToken -Identity $identity.Id -ErrorAction Stop } | Should -Throw -ErrorId 'AcsIdentityNotFound,*'
        ConvertFrom-AcsToken -Token $token.Token | Select-Object -ExpandProperty Scopes | Should -Be @('voip.join')
    }

    It '<Command> says ServiceNotConnected, names the Connect command, and sends nothing' -TestCases @(
        @{ Command = 'Get-ExternalUserPolicy'; Call = { Get-ExternalUserPolicy -ErrorAction Stop } }
        @{ Command = 'Get-AcsFederationConfiguration'; Call = { Get-AcsFederationConfiguration -ErrorAction Stop } }
        @{ Command = 'Set-AcsFederationConfiguration'; Call = { Set-AcsFederationConfiguration -EnableAcsUsers $false -Force -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Export-ExternalUserConfiguration'; Call = { Export-ExternalUserConfiguration -Path (Join-Path ([IO.Path]::GetTempPath()) 'acsonly.json') -ErrorAction Stop } }
        @{ Command = 'Test-ExternalUserSecurity'; Call = { Test-ExternalUserSecurity -ErrorAction Stop } }
        @{ Command = 'Get-MeetingExternalAccess'; Call = { Get-MeetingExternalAccess -Organizer $script:Id.AdminUpn -ErrorAction Stop } }
        @{ Command = 'Test-ExternalUserAccess'; Call = { Test-ExternalUserAccess -Organizer $script:Id.AdminUpn -ErrorAction Stop } }
    ) {
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { & $Call } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "ServiceNotConnected,AcsTeamsSecurity.Commands.$((Get-Command $Command).ImplementingType.FullName -replace '^AcsTeamsSecurity\.Commands\.')"
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match "^$Command needs"
        $err.Exception.Message | Should -Match 'Connect-AcsTeamsSecurity -TenantId'
        $err.ErrorDetails.RecommendedAction | Should -Match '^Connect-AcsTeamsSecurity '
        @(Get-EmulatorRequest -Emulator $script:Emu) | Should -BeNullOrEmpty
    }

    It 'an offline audit of a snapshot still works (it needs no service)' {
        $snapshot = Join-Path (Get-RepoRoot) 'tests/AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot.json'
        @(Test-ExternalUserSecurity -SnapshotPath $snapshot).Count | Should -BeGreaterOrEqual 28
    }

    It 'Test-AcsTeamsSecurityConnection tests ACS by default, and reports other services as not connected' {
        $default = @(Test-AcsTeamsSecurityConnection)
        $default.Service | Should -Be @('Acs')
        $default[0].Authorized | Should -BeTrue
        $default[0].Detail | Should -Match 'Access key present'
        $graph = Test-AcsTeamsSecurityConnection -Service Graph, Arm
        $graph.Service | Should -Be @('Graph', 'Arm')
        $graph | ForEach-Object { $_.SignedIn | Should -BeFalse; $_.ErrorId | Should -Be 'ServiceNotConnected'; $_.Detail | Should -Match 'Connect-AcsTeamsSecurity' }
        @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object service -In 'entra', 'msi', 'graph', 'arm') | Should -BeNullOrEmpty
    }

    It 'never shows the access key in any stream, and Disconnect drops it' {
        $all = & {
            Get-AcsTeamsSecurityContext | Format-List * | Out-String
            Get-AcsTeamsSecurityContext | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
            try { Get-ExternalUserPolicy -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
        } *>&1 | Out-String
        $all | Should -Not -Match ([regex]::Escape($script:Key))
        $all | Should -Not -Match 'accesskey='
        $ctx = Get-AcsTeamsSecurityContext
        Disconnect-AcsTeamsSecurity
        { New-AcsGuestToken -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'ContextDisconnected,*'
    }

    It 'refuses a malformed connection string before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Connect-AcsTeamsSecurity -AcsConnectionString (ConvertTo-TestSecureString 'endpoint=https://x.communication.azure.com/') -ErrorAction Stop } | Should -Throw -ErrorId 'AcsConnectionStringInvalid,*'
        { Connect-AcsTeamsSecurity -AcsConnectionString (ConvertTo-TestSecureString $script:ConnectionString) -AcsEndpoint 'https://other.communication.azure.com' -ErrorAction Stop } | Should -Throw -ErrorId 'AcsEndpointInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu) | Should -BeNullOrEmpty
    }

    AfterAll { Start-Entra }
}

Describe 'Connect with an Entra ID credential and -AcsEndpoint proves the sign-in with ACS' {
    BeforeAll { Start-Entra }

    It 'asks Entra for an ACS token first (an ACS-only identity may have no Graph permission)' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $ctx = Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $script:Id.NoPermsAppId -ClientSecret (ConvertTo-TestSecureString $script:Id.NoPermsAppSecret) -Environment Emulator -AcsEndpoint $script:Endpoint -PassThru
        $tokenRequests = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object { $_.path -like '*/token' })
        $tokenRequests.Count | Should -Be 1
        $tokenRequests[0].resource | Should -Match 'communication'
        ($ctx.Tokens | Where-Object Acquired).Service | Should -Be @('Acs')
        $ctx.Services | Should -Contain 'Acs'
        $ctx.Services | Should -Contain 'Graph'
        $ctx | Disconnect-AcsTeamsSecurity
    }

    It 'without -AcsEndpoint still proves it with the first service of the cloud (Graph)' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $ctx = Connect-TestTenant
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object { $_.path -like '*/token' })[0].resource | Should -Match 'graph'
        $ctx.Services | Should -Not -Contain 'Acs'
        $ctx | Disconnect-AcsTeamsSecurity
    }
}
