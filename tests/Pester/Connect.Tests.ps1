# Every sign-in mode except the interactive browser (see docs/ARCHITECTURE.md for the manual check),
# end to end through the built module against the emulator's Entra token service.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity

    function Assert-SignedIn([string] $ExpectedTenant) {
        $context = Get-AcsTeamsSecurityContext
        $context | Should -Not -BeNullOrEmpty
        $context.IsConnected | Should -BeTrue
        $context.TenantId | Should -Be $ExpectedTenant
        $graph = Test-AcsTeamsSecurityConnection -Service Graph
        $graph.SignedIn | Should -BeTrue
        $graph.Authorized | Should -BeTrue
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Connect-AcsTeamsSecurity sign-in modes' {
    AfterEach { Disconnect-AcsTeamsSecurity }

    It 'client secret (SecureString)' {
        $context = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -PassThru
        $context.AuthMode | Should -Be 'ClientSecret'
        # The domain given at sign-in is replaced by the tenant id the token carries.
        Assert-SignedIn $Id.ContosoId
    }

    It 'client secret (PSCredential with the client id as user name)' {
        $credential = [pscredential]::new($Id.ReaderAppId, (ConvertTo-TestSecureString $Id.ReaderAppSecret))
        Connect-AcsTeamsSecurity -TenantId $Id.ContosoId -Credential $credential -Environment Emulator
        (Get-AcsTeamsSecurityContext).ClientId | Should -Be $Id.ReaderAppId
        Assert-SignedIn $Id.ContosoId
    }

    Context 'certificate' {
        BeforeAll {
            $script:Cert = New-TestCertificate
            Register-TestCertificate -Emulator $script:Emu -Certificate $script:Cert
            $script:CertDir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-cert-" + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $script:CertDir | Out-Null
        }
        AfterAll { Remove-Item -Recurse -Force $script:CertDir -ErrorAction SilentlyContinue }

        It 'X509Certificate2 object' {
            Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -Certificate $script:Cert -Environment Emulator
            (Get-AcsTeamsSecurityContext).AuthMode | Should -Be 'Certificate'
            Assert-SignedIn $Id.ContosoId
        }

        It 'PFX file with a password' {
            $path = Join-Path $script:CertDir 'app.pfx'
            [IO.File]::WriteAllBytes($path, $script:Cert.Export('Pfx', 'pfx-pass-Ab12!'))
            Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificatePath $path -CertificatePassword (ConvertTo-TestSecureString 'pfx-pass-Ab12!') -Environment Emulator
            Assert-SignedIn $Id.ContosoId
        }

        It 'PEM file with certificate and key' {
            $path = Join-Path $script:CertDir 'app.pem'
            $pem = $script:Cert.ExportCertificatePem() + "`n" + [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($script:Cert).ExportPkcs8PrivateKeyPem()
            Set-Content -Path $path -Value $pem
            Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificatePath $path -Environment Emulator
            Assert-SignedIn $Id.ContosoId
        }

        It 'thumbprint from the CurrentUser My store' {
            $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
            $store.Open('ReadWrite')
            try {
                $store.Add($script:Cert)
                Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificateThumbprint $script:Cert.Thumbprint -Environment Emulator
                Assert-SignedIn $Id.ContosoId
            }
            finally {
                $store.Remove($script:Cert)
                $store.Close()
            }
        }

        It 'a certificate the app does not know gives CertificateNotRegistered' {
            $unknown = New-TestCertificate -Subject 'CN=Not registered'
            { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -Certificate $unknown -Environment Emulator -MaxRetries 0 -ErrorAction Stop } |
                Should -Throw -ErrorId 'CertificateNotRegistered,AcsTeamsSecurity.Commands.Connection.ConnectAcsTeamsSecurityCommand'
        }

        It 'a missing thumbprint or file gives CertificateUnavailable before any request' {
            Clear-EmulatorRequest -Emulator $script:Emu
            { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificateThumbprint ('AB' * 20) -Environment Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'CertificateUnavailable,*'
            { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificatePath (Join-Path $script:CertDir 'missing.pfx') -Environment Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'CertificateUnavailable,*'
            @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0
        }

        It 'a wrong PFX password gives CertificateUnavailable without echoing it' {
            $path = Join-Path $script:CertDir 'app2.pfx'
            [IO.File]::WriteAllBytes($path, $script:Cert.Export('Pfx', 'right-pass-Zz9'))
            $err = $null
            try { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.CertAppId -CertificatePath $path -CertificatePassword (ConvertTo-TestSecureString 'wrong-pass-Qq7') -Environment Emulator -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'CertificateUnavailable,*'
            ($err | Out-String) | Should -Not -Match 'wrong-pass-Qq7|right-pass-Zz9'
        }
    }

    Context 'managed identity (Azure Automation / App Service protocol)' {
        BeforeAll {
            $env:IDENTITY_ENDPOINT = "$($script:Emu.BaseUrl)/msi/token"
            $env:IDENTITY_HEADER = $Id.MiHeader
        }
        AfterAll {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
        }

        It 'system-assigned: the tenant is learned from the token' {
            Connect-AcsTeamsSecurity -ManagedIdentity -Environment Emulator
            $context = Get-AcsTeamsSecurityContext
            $context.AuthMode | Should -Be 'ManagedIdentity'
            Assert-SignedIn $Id.ContosoId
        }

        It 'user-assigned by client id' {
            Connect-AcsTeamsSecurity -ManagedIdentity -ClientId $Id.MiUserClientId -Environment Emulator
            Assert-SignedIn $Id.ContosoId
            (Test-AcsTeamsSecurityConnection -Service TeamsAdmin).Authorized | Should -BeTrue
            $msi = @(Get-EmulatorRequest -Emulator $script:Emu -Service msi)
            $msi.Count | Should -BeGreaterThan 0
        }

        It 'an unknown user-assigned identity gives ManagedIdentityUnavailable' {
            { Connect-AcsTeamsSecurity -ManagedIdentity -ClientId ([guid]::NewGuid()) -Environment Emulator -MaxRetries 0 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ManagedIdentityUnavailable,*'
        }
    }

    Context 'federated token (workload identity)' {
        BeforeAll {
            $token = (Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'federation/token' -Body @{ issuer = $Id.FederatedIssuer; subject = $Id.FederatedSubject; audience = 'api://AzureADTokenExchange'; lifetimeSeconds = 3600 }).token
            $script:TokenFile = Join-Path ([IO.Path]::GetTempPath()) ("acsts-fed-" + [guid]::NewGuid().ToString('N'))
            Set-Content -Path $script:TokenFile -Value $token -NoNewline
            $bad = (Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'federation/token' -Body @{ issuer = $Id.FederatedIssuer; subject = 'repo:someone/else:ref:refs/heads/main'; audience = 'api://AzureADTokenExchange'; lifetimeSeconds = 3600 }).token
            $script:BadTokenFile = Join-Path ([IO.Path]::GetTempPath()) ("acsts-fed-" + [guid]::NewGuid().ToString('N'))
            Set-Content -Path $script:BadTokenFile -Value $bad -NoNewline
        }
        AfterAll { Remove-Item $script:TokenFile, $script:BadTokenFile -ErrorAction SilentlyContinue }

        It '-FederatedTokenFile' {
            Connect-AcsTeamsSecurity -TenantId $Id.ContosoId -ClientId $Id.FederatedAppId -FederatedTokenFile $script:TokenFile -Environment Emulator
            (Get-AcsTeamsSecurityContext).AuthMode | Should -Be 'FederatedToken'
            Assert-SignedIn $Id.ContosoId
        }

        It '-WorkloadIdentity from AZURE_* variables' {
            $env:AZURE_TENANT_ID = $Id.ContosoId; $env:AZURE_CLIENT_ID = $Id.FederatedAppId; $env:AZURE_FEDERATED_TOKEN_FILE = $script:TokenFile
            try {
                Connect-AcsTeamsSecurity -WorkloadIdentity -Environment Emulator
                Assert-SignedIn $Id.ContosoId
            }
            finally { Remove-Item Env:AZURE_TENANT_ID, Env:AZURE_CLIENT_ID, Env:AZURE_FEDERATED_TOKEN_FILE -ErrorAction SilentlyContinue }
        }

        It 'a token whose subject matches no federated credential gives FederatedTokenRejected' {
            { Connect-AcsTeamsSecurity -TenantId $Id.ContosoId -ClientId $Id.FederatedAppId -FederatedTokenFile $script:BadTokenFile -Environment Emulator -MaxRetries 0 -ErrorAction Stop } |
                Should -Throw -ErrorId 'FederatedTokenRejected,*'
        }

        It 'a missing token file gives FederatedTokenFileUnavailable before any request' {
            { Connect-AcsTeamsSecurity -TenantId $Id.ContosoId -ClientId $Id.FederatedAppId -FederatedTokenFile '/nonexistent/token' -Environment Emulator -ErrorAction Stop } |
                Should -Throw -ErrorId 'FederatedTokenFileUnavailable,*'
            Remove-Item Env:AZURE_FEDERATED_TOKEN_FILE -ErrorAction SilentlyContinue
            { Connect-AcsTeamsSecurity -WorkloadIdentity -Environment Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'FederatedTokenFileUnavailable,*'
        }
    }

    Context 'device code' {
        It 'shows the instructions, waits for approval, then serves every service silently' {
            Clear-EmulatorRequest -Emulator $script:Emu
            $approver = Start-ThreadJob -ArgumentList $script:Emu.BaseUrl, $Id.AdminUpn -ScriptBlock {
                param($base, $upn)
                for ($i = 0; $i -lt 200; $i++) {
                    $pending = @(Invoke-RestMethod -Uri "$base/_emulator/devicecodes")
                    if ($pending.Count -gt 0) {
                        $body = @{ userCode = $pending[0].userCode; userPrincipalName = $upn } | ConvertTo-Json
                        Invoke-RestMethod -Method Post -Uri "$base/_emulator/devicecodes/approve" -Body $body -ContentType 'application/json' | Out-Null
                        return 'approved'
                    }
                    Start-Sleep -Milliseconds 100
                }
                'timed out'
            }
            Connect-AcsTeamsSecurity -DeviceCode -TenantId $Id.ContosoDomain -ClientId $Id.PublicClientId -Environment Emulator -WarningVariable instructions -WarningAction SilentlyContinue
            $approver | Wait-Job -Timeout 30 | Receive-Job | Should -Be 'approved'
            ($instructions -join ' ') | Should -Match 'enter the code'
            $context = Get-AcsTeamsSecurityContext
            $context.AuthMode | Should -Be 'DeviceCode'
            $context.Account | Should -Be $Id.AdminUpn
            $results = Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin
            $results.SignedIn | Should -Be @($true, $true)
            ($results | Where-Object Service -EQ TeamsAdmin).Scopes | Should -Contain 'user_impersonation'
            # One device-code grant, then the refresh token serves the other service.
            $grants = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object status -EQ 200).grantType
            ($grants | Where-Object { $_ -like '*device_code' }).Count | Should -Be 1
            $grants | Should -Contain 'refresh_token'
        }

        It 'an app that is not a public client cannot use device code' {
            { Connect-AcsTeamsSecurity -DeviceCode -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -Environment Emulator -MaxRetries 0 -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw
        }
    }

    Context 'bring-your-own access tokens' {
        It 'uses tokens for the services they are for, says it cannot refresh them, and reports the missing ones' {
            $graph = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
            $teams = Get-TestAccessToken -Emulator $script:Emu -Scope '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default'
            Clear-EmulatorRequest -Emulator $script:Emu
            Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $graph), (ConvertTo-TestSecureString $teams) -Environment Emulator -WarningVariable warn -WarningAction SilentlyContinue
            ($warn -join ' ') | Should -Match 'cannot be refreshed'
            $context = Get-AcsTeamsSecurityContext
            $context.AuthMode | Should -Be 'AccessToken'
            $context.TenantId | Should -Be $Id.ContosoId
            ($context.Tokens | Where-Object Service -EQ Graph).CanRefresh | Should -BeFalse
            $results = Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm
            ($results | Where-Object Service -EQ Graph).Authorized | Should -BeTrue
            ($results | Where-Object Service -EQ TeamsAdmin).Authorized | Should -BeTrue
            ($results | Where-Object Service -EQ Arm).ErrorId | Should -Be 'AccessTokenMissing'
            @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0
        }

        It 'an expired token gives AccessTokenExpired at connect' {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 1 } | Out-Null
            try { $expiring = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default' }
            finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 3600 } | Out-Null }
            Start-Sleep -Milliseconds 2100
            { Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $expiring) -Environment Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'AccessTokenExpired,*'
        }

        It 'a token that expires after connect gives AccessTokenExpired from the cmdlet' {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 2 } | Out-Null
            try { $expiring = Get-TestAccessToken -Emulator $script:Emu -Scope '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default' }
            finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 3600 } | Out-Null }
            Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $expiring) -Environment Emulator -WarningAction SilentlyContinue
            Start-Sleep -Milliseconds 2500
            (Test-AcsTeamsSecurityConnection -Service TeamsAdmin).ErrorId | Should -Be 'AccessTokenExpired'
        }

        It 'something that is not an access token gives AccessTokenInvalid' {
            { Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString 'not-a-jwt') -Environment Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'AccessTokenInvalid,*'
        }
    }
}

Describe 'Connect-AcsTeamsSecurity failures' {
    AfterEach { Disconnect-AcsTeamsSecurity }

    It 'a wrong secret gives ClientSecretInvalid with an actionable message and no secret' {
        $err = $null
        try { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString 'Wrong-Secret-Value-123') -Environment Emulator -MaxRetries 0 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'ClientSecretInvalid,AcsTeamsSecurity.Commands.Connection.ConnectAcsTeamsSecurityCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'secret'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'Wrong-Secret-Value-123'
        Get-AcsTeamsSecurityContext | Should -BeNullOrEmpty
    }

    It 'an unknown tenant gives TenantNotFound' {
        { Connect-AcsTeamsSecurity -TenantId 'nowhere.onmicrosoft.com' -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -MaxRetries 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TenantNotFound,*'
    }

    It 'an unknown application gives ApplicationNotFound' {
        { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId ([guid]::NewGuid()) -ClientSecret (ConvertTo-TestSecureString 'x') -Environment Emulator -MaxRetries 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApplicationNotFound,*'
    }

    It 'bad input is refused before any request: <Case>' -TestCases @(
        @{ Case = 'tenant'; Tenant = 'not a tenant!'; Client = '4b306ca2-55cc-4ab6-bba1-1c854cdca6a3'; ErrorId = 'TenantIdInvalid' }
        @{ Case = 'client'; Tenant = 'contoso.onmicrosoft.com'; Client = 'my-app'; ErrorId = 'ClientIdInvalid' }
        @{ Case = 'environment'; Tenant = 'contoso.onmicrosoft.com'; Client = '4b306ca2-55cc-4ab6-bba1-1c854cdca6a3'; ErrorId = 'EnvironmentNotFound'; Environment = 'Atlantis' }
    ) {
        Clear-EmulatorRequest -Emulator $script:Emu
        $environment = if ($Environment) { $Environment } else { 'Emulator' }
        { Connect-AcsTeamsSecurity -TenantId $Tenant -ClientId $Client -ClientSecret (ConvertTo-TestSecureString 'x') -Environment $environment -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'a malformed ACS connection string gives AcsConnectionStringInvalid without the key' {
        $err = $null
        try { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString 'endpoint=https://x.communication.azure.com/;accesskey=S3cr3tNotBase64!') -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AcsConnectionStringInvalid,*'
        ($err | Out-String) | Should -Not -Match 'S3cr3tNotBase64'
    }

    It 'a cmdlet without a connection gives NotConnected' {
        Disconnect-AcsTeamsSecurity
        { Test-AcsTeamsSecurityConnection -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,AcsTeamsSecurity.Commands.Connection.TestAcsTeamsSecurityConnectionCommand'
    }

    It 'an app without permissions is signed in but not authorized, and the result says what is missing' {
        Connect-TestTenant -NoPermissions | Out-Null
        $graph = Test-AcsTeamsSecurityConnection -Service Graph
        $graph.SignedIn | Should -BeTrue
        $graph.Authorized | Should -BeFalse
        $graph.ErrorId | Should -Be 'PermissionDenied'
        $graph.Detail | Should -Match 'Organization.Read.All'
        $teams = Test-AcsTeamsSecurityConnection -Service TeamsAdmin
        $teams.ErrorId | Should -Be 'PermissionDenied'
        $teams.Detail | Should -Match 'Teams Administrator'
    }
}
