# No secret, key or token in any stream: every sign-in mode and cmdlet runs with -Verbose -Debug inside a
# transcript; then every stream, $Error (with inner exceptions) and the transcript are searched for every
# secret the test used and every token the emulator issued.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Secrets never reach an output stream' {
    It 'finds zero secrets in streams, $Error and the transcript' {
        $id = $script:Id
        $pfxPassword = 'Leak-Pfx-Password-5f2e'
        $acsKey = (Get-Fixture).tenants[0].acsResources[0].accessKeys.primary
        $acsConnection = "endpoint=$(Get-TestAcsEndpoint $script:Emu (Get-Fixture).tenants[0].acsResources[0].name);accesskey=$acsKey"
        $cert = New-TestCertificate
        Register-TestCertificate -Emulator $script:Emu -Certificate $cert
        $pfx = Join-Path ([IO.Path]::GetTempPath()) ("acsts-leak-" + [guid]::NewGuid().ToString('N') + '.pfx')
        [IO.File]::WriteAllBytes($pfx, $cert.Export('Pfx', $pfxPassword))
        $federated = (Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'federation/token' -Body @{ issuer = $id.FederatedIssuer; subject = $id.FederatedSubject; audience = 'api://AzureADTokenExchange'; lifetimeSeconds = 3600 }).token
        $federatedFile = Join-Path ([IO.Path]::GetTempPath()) ("acsts-leak-" + [guid]::NewGuid().ToString('N'))
        Set-Content -Path $federatedFile -Value $federated -NoNewline
        $byo = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'devicecodes/autoApprove' -Body @{ userPrincipalName = $id.AdminUpn } | Out-Null
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-leak-" + [guid]::NewGuid().ToString('N') + '.txt')
        $snapshot = Join-Path ([IO.Path]::GetTempPath()) ("acsts-leak-" + [guid]::NewGuid().ToString('N') + '.json')
        $report = [IO.Path]::ChangeExtension($snapshot, '.html')
        $reportJson = [IO.Path]::ChangeExtension($snapshot, '.report.json')
        $Error.Clear()

        # PowerShell 7.4 makes -Debug imply -Confirm for compiled cmdlets (7.6 does not): there every state-changing
        # call below would prompt, which a non-interactive session refuses. Answer it up front on that engine.
        if ($PSVersionTable.PSVersion -lt [version]'7.5') { $PSDefaultParameterValues['*:Confirm'] = $false }
        Start-Transcript -Path $transcript -IncludeInvocationHeader | Out-Null
        try {
            $streams = & {
                $common = @{ Verbose = $true; Debug = $true; Environment = 'Emulator' }
                Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -AcsConnectionString (ConvertTo-TestSecureString $acsConnection) -PassThru @common | Format-List | Out-String
                Get-AcsTeamsSecurityContext | Format-List | Out-String
                Test-AcsTeamsSecurityConnection -Verbose -Debug | Format-List | Out-String
                # ACS tokens appear only as SecureString unless -AsPlainText is asked for.
                New-AcsGuestToken -Count 3 -Verbose -Debug | Format-List * | Out-String
                $guest = New-AcsGuestToken -Verbose -Debug
                $guest | Format-Table | Out-String
                $guest | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                $guest | ConvertFrom-AcsToken -Verbose -Debug | Format-List * | Out-String
                $guest | Revoke-AcsToken -Confirm:$false -Verbose -Debug -PassThru | Out-String
                $guest | Remove-AcsIdentity -Force -Verbose -Debug
                # Policies and meetings.
                Get-ExternalUserPolicy -Verbose -Debug | Format-List * | Out-String
                Get-AcsFederationConfiguration -Verbose -Debug | Format-List * | Out-String
                Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId '1475c6ac-baa0-425c-8df5-77d8766e3c25' -Verbose -Debug | Format-List * | Out-String
                Set-LobbyBypass -Identity 'Tag:OpenDoors' -AutoAdmittedUsers EveryoneInCompany -Verbose -Debug -PassThru | Format-List * | Out-String
                Grant-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoors -User 'user@contoso.onmicrosoft.com' -Force -Verbose -Debug
                $meetings = Get-MeetingExternalAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' -StartDateTime (Get-Date).AddDays(-30) -EndDateTime (Get-Date).AddDays(60) -Verbose -Debug
                $meetings | Format-List * | Out-String
                $meetings | Set-MeetingExternalAccess -AllowedPresenters Organization -Force -Verbose -Debug -PassThru | Out-String
                Set-LobbyBypass -JoinWebUrl $meetings[0].JoinWebUrl -Scope Organizer -Verbose -Debug -PassThru | Out-String
                Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:BlockAcs' -AllowTranscription $false -Verbose -Debug -PassThru | Out-String
                Set-AcsFederationConfiguration -RequireAcsFederationForMeeting $true -Verbose -Debug -PassThru | Out-String
                New-AcsIdentity -Verbose -Debug | Out-String
                # The audit: the snapshot and report files are searched too.
                Export-ExternalUserConfiguration -Path $snapshot -SubscriptionId '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a' -Verbose -Debug | Format-List * | Out-String
                Test-ExternalUserSecurity -SnapshotPath $snapshot -ReportPath $report -Verbose -Debug | Format-List * | Out-String
                Test-ExternalUserSecurity -SubscriptionId '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a' -RuleId 'ATS.RES.*' -ReportPath $reportJson -Verbose -Debug | Out-String
                Compare-ExternalUserConfiguration -Reference $snapshot -Verbose -Debug | Format-List * | Out-String
                Restore-ExternalUserConfiguration -Path $snapshot -WhatIf -Verbose -Debug | Out-String
                Get-AcsTeamsEnvironment -Verbose -Debug | Out-String
                (Get-AcsTeamsSecurityContext).Tokens | Format-Table | Out-String
                Get-AcsTeamsSecurityContext | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.CertAppId -CertificatePath $pfx -CertificatePassword (ConvertTo-TestSecureString $pfxPassword) @common
                Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin -Verbose -Debug | Out-String
                Connect-AcsTeamsSecurity -TenantId $id.ContosoId -ClientId $id.FederatedAppId -FederatedTokenFile $federatedFile @common
                Test-AcsTeamsSecurityConnection -Service Arm -Verbose -Debug | Out-String
                Connect-AcsTeamsSecurity -DeviceCode -TenantId $id.ContosoDomain -ClientId $id.PublicClientId -AcsConnectionString (ConvertTo-TestSecureString $acsConnection) @common
                Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin -Verbose -Debug | Out-String
                Get-AcsTeamsUserToken -Verbose -Debug | Format-List * | Out-String
                Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $byo) @common
                Test-AcsTeamsSecurityConnection -Verbose -Debug | Out-String
                # Failures must not echo secrets either (a failed Connect is terminating: catch and print it).
                try { Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString ($id.ReaderAppSecret + 'x')) -MaxRetries 0 @common } catch { $_ | Format-List * -Force | Out-String }
                try { Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.CertAppId -CertificatePath $pfx -CertificatePassword (ConvertTo-TestSecureString ($pfxPassword + 'x')) @common } catch { $_ | Format-List * -Force | Out-String }
                try { Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -AcsConnectionString (ConvertTo-TestSecureString "endpoint=https://x/;accesskey=$acsKey;bogus=1") @common } catch { $_ | Format-List * -Force | Out-String }
                Disconnect-AcsTeamsSecurity -Verbose -Debug
            } *>&1 | ForEach-Object { $_ | Out-String }
        }
        finally {
            Stop-Transcript | Out-Null
            $PSDefaultParameterValues.Remove('*:Confirm')
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'devicecodes/autoApprove' -Body @{ userPrincipalName = $null } | Out-Null
        }

        $errors = $Error | ForEach-Object { ($_ | Out-String); $_.Exception.ToString(); if ($_.ErrorDetails) { $_.ErrorDetails.Message } }
        $haystack = ($streams -join "`n") + "`n" + ($errors -join "`n") + "`n" + (Get-Content -Raw $transcript) + "`n" + (Get-Content -Raw $snapshot) + "`n" + (Get-Content -Raw $report) + "`n" + (Get-Content -Raw $reportJson)
        $issued = @(Invoke-EmulatorControl -Emulator $script:Emu -Path 'issuedTokens')
        $issued.Count | Should -BeGreaterThan 5 -Because 'every sign-in mode acquired tokens'
        $secrets = @($id.ReaderAppSecret, $pfxPassword, $acsKey, $federated, $byo) + $issued
        $leaks = @($secrets | Where-Object { $haystack.Contains($_) })
        Remove-Item $pfx, $federatedFile, $transcript, $snapshot, $report, $reportJson -ErrorAction SilentlyContinue

        # The search itself must be able to fail: the haystack really contains the verbose and debug story.
        $haystack | Should -Match 'Acquiring a Graph token'
        $haystack | Should -Match 'TeamsAdmin GET https://'
        $haystack | Should -Match 'Graph POST https://.*\$batch'
        $haystack | Should -Match 'ClientSecretInvalid|client secret'
        $haystack | Should -Match '"schemaVersion": "1.1"'
        $haystack | Should -Match 'data-status="Fail"'
        $haystack | Should -Match 'Arm GET https://.*communicationServices'
        Write-Host "Searched $($haystack.Length) characters for $($secrets.Count) secrets and tokens: $($leaks.Count) found."
        $leaks.Count | Should -Be 0 -Because 'no secret, key or token may appear in any stream'
    }
}

Describe 'Secrets a service echoes back in JSON never reach an output stream' {
    It 'masks JSON-shaped secrets, connection-string keys and URL passwords in error messages' {
        $secrets = @{
            accessKey    = 'Leak-Json-AccessKey-' + [guid]::NewGuid().ToString('N')
            refresh      = 'Leak-Json-Refresh-' + [guid]::NewGuid().ToString('N')
            clientSecret = 'Leak-Json-Secret-' + [guid]::NewGuid().ToString('N')
            accessToken  = 'Leak-Json-Access-' + [guid]::NewGuid().ToString('N')
            password     = 'Leak-Json-Password-' + [guid]::NewGuid().ToString('N')
            sharedKey    = 'Leak-Sas-Key-' + [guid]::NewGuid().ToString('N')
            urlPassword  = 'Leak-Url-Password-' + [guid]::NewGuid().ToString('N')
        }
        # The module keeps 400 characters of a service's message; the secrets come first so that all of them reach it.
        $echo = "SharedAccessKey=$($secrets.sharedKey) https://svc:$($secrets.urlPassword)@proxy.example {`"accessKey`":`"$($secrets.accessKey)`",`"refresh_token`":`"$($secrets.refresh)`",`"client_secret`": `"$($secrets.clientSecret)`", `"access_token`":`"$($secrets.accessToken)`", `"password`":`"$($secrets.password)`"}"
        $body = @{ error = @{ code = 'BadRequest'; message = $echo } } | ConvertTo-Json -Compress -Depth 4
        $context = Connect-TestTenant
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'teams'; method = 'GET'; status = 400; body = $body; contentType = 'application/json'; count = 20 } | Out-Null
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-leak-json-" + [guid]::NewGuid().ToString('N') + '.txt')
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $streams = & {
                try { Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Context $context -Verbose -Debug -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String }
                try { Get-AcsFederationConfiguration -Context $context -Verbose -Debug -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String }
            } *>&1 | ForEach-Object { $_ | Out-String }
        }
        finally {
            Stop-Transcript | Out-Null
            Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null
            $context | Disconnect-AcsTeamsSecurity
        }

        $errors = $Error | ForEach-Object { ($_ | Out-String); $_.Exception.ToString(); if ($_.ErrorDetails) { $_.ErrorDetails.Message } }
        $haystack = ($streams -join "`n") + "`n" + ($errors -join "`n") + "`n" + (Get-Content -Raw $transcript)
        Remove-Item $transcript -ErrorAction SilentlyContinue
        # The search can fail: the service's message reached the error, masked.
        $haystack | Should -Match 'accessKey\\?":\s*\\?"\*\*\*'
        $haystack | Should -Match 'SharedAccessKey=\*\*\*'
        $leaks = @($secrets.Values | Where-Object { $haystack.Contains($_) })
        $leaks | Should -BeNullOrEmpty -Because 'a JSON-shaped secret echoed by a service must be masked'
    }
}
