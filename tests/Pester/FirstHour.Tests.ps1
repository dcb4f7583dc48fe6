# Issue 18, "the first hour of a new admin": failures that cannot hit the wrong tenant, sign-in that never
# hangs silently, untrusted certificates that fail at once. Built module, fresh pwsh, local cloud emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    function Get-TeamsWrite { @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object method -In 'PATCH', 'PUT', 'POST', 'DELETE') }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'A failed Connect leaves no tenant current' {
    AfterEach { Disconnect-AcsTeamsSecurity }

    It 'a bad secret for a second tenant: later cmdlets say NotConnected, name that tenant, and read nothing from the first' {
        $contoso = Connect-TestTenant
        $contoso.TenantId | Should -Be $Id.ContosoId
        { Connect-AcsTeamsSecurity -TenantId $Id.FabrikamDomain -ClientId $Id.FabrikamAppId -ClientSecret (ConvertTo-TestSecureString 'Fab8Q~a-typo') -Environment Emulator -MaxRetries 0 -WarningAction SilentlyContinue } |
            Should -Throw
        Clear-EmulatorRequest -Emulator $script:Emu
        # A script without -ErrorAction Stop: the failure is terminating for the cmdlet, and nothing is read.
        $policies = @(); $failure = $null
        try { $policies = @(Get-ExternalUserPolicy) } catch { $failure = $_ }
        $policies.Count | Should -Be 0
        $failure.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $failure.Exception.Message | Should -BeLike "*$($Id.FabrikamDomain)*"
        @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object service -NE 'control').Count | Should -Be 0
        Get-AcsTeamsSecurityContext | Should -BeNullOrEmpty
        # The first connection still works when named.
        @(Get-ExternalUserPolicy -Context $contoso -PolicyType TeamsMeetingPolicy -Identity Global).Count | Should -Be 1
        $contoso | Disconnect-AcsTeamsSecurity
    }

    It 'says which connection stopped being current' {
        Connect-TestTenant | Out-Null
        try { Connect-AcsTeamsSecurity -TenantId $Id.FabrikamDomain -ClientId $Id.FabrikamAppId -ClientSecret (ConvertTo-TestSecureString 'Fab8Q~a-typo') -Environment Emulator -MaxRetries 0 -WarningVariable said -WarningAction SilentlyContinue -ErrorAction Stop } catch { }
        "$said" | Should -BeLike '*no longer the current one*'
    }

    It 'a later successful Connect clears the failure' {
        try { Connect-AcsTeamsSecurity -TenantId $Id.FabrikamDomain -ClientId $Id.FabrikamAppId -ClientSecret (ConvertTo-TestSecureString 'Fab8Q~a-typo') -Environment Emulator -MaxRetries 0 -ErrorAction Stop } catch { }
        Connect-TestTenant | Out-Null
        @(Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global).Count | Should -Be 1
    }
}

Describe 'Piped policy objects carry their type and identity' {
    BeforeAll { Connect-TestTenant | Out-Null }
    AfterAll { Disconnect-AcsTeamsSecurity }
    BeforeEach { Clear-EmulatorRequest -Emulator $script:Emu }

    It 'Set-LobbyBypass refuses the external access policy named Global and writes nothing' {
        $access = Get-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global
        { $access | Set-LobbyBypass -AutoAdmittedUsers OrganizerOnly -Force -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyTypeMismatch,*'
        Get-TeamsWrite | Should -BeNullOrEmpty
    }

    It 'Set-LobbyBypass still takes a meeting policy from the pipeline' {
        $meeting = Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global
        $meeting | Set-LobbyBypass -AutoAdmittedUsers OrganizerOnly -WhatIf
        Get-TeamsWrite | Should -BeNullOrEmpty
    }

    It 'Set-ExternalUserPolicy refuses a piped object of another type than -PolicyType, or another identity than -Identity' {
        $access = Get-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global
        { $access | Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'PolicyTypeMismatch,*'
        $meeting = Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global
        { $meeting | Set-ExternalUserPolicy -Identity Tag:OpenDoors -AllowAnonymousUsersToJoinMeeting $false -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'PolicyTypeMismatch,*'
        Get-TeamsWrite | Should -BeNullOrEmpty
    }
}

Describe 'Interactive sign-in without a display' {
    It 'fails at once with the -DeviceCode command instead of waiting for a browser' {
        $script = @"
Import-Module '$(Get-ModuleManifestPath)'
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '$($script:Emu.BaseUrl)' -GraphEndpoint '$($script:Emu.BaseUrl)' -TeamsAdminEndpoint '$($script:Emu.BaseUrl)/teams' -ArmEndpoint '$($script:Emu.BaseUrl)/arm' -Force | Out-Null
try { Connect-AcsTeamsSecurity -TenantId $($Id.ContosoDomain) -ClientId $($Id.PublicClientId) -Environment Emulator -ErrorAction Stop }
catch { 'ID=' + `$_.FullyQualifiedErrorId; 'MSG=' + `$_.Exception.Message }
"@
        $env = @{ DISPLAY = $null; WAYLAND_DISPLAY = $null; BROWSER = $null }
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'the no-display check applies to Linux' ; return }
        $result = Invoke-FreshPwsh -Script $script -Environment $env
        $text = $result.Output -join "`n"
        $text | Should -Match 'ID=BrowserUnavailable,'
        $text | Should -Match ([regex]::Escape("Connect-AcsTeamsSecurity -DeviceCode -TenantId $($Id.ContosoDomain) -ClientId $($Id.PublicClientId) -Environment Emulator"))
        # Nothing was asked of Entra ID.
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object clientId -EQ $Id.PublicClientId).Count | Should -Be 0
    }
}

Describe 'An untrusted server certificate' {
    It 'fails with CertificateUntrusted, is not retried, and says how to trust the CA' {
        $token = Get-TestAccessToken -Emulator $script:Emu -Scope '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default'
        $script = @"
Import-Module '$(Get-ModuleManifestPath)'
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '$($script:Emu.BaseUrl)' -GraphEndpoint '$($script:Emu.BaseUrl)' -TeamsAdminEndpoint '$($script:Emu.BaseUrl)/teams' -ArmEndpoint '$($script:Emu.BaseUrl)/arm' -Force | Out-Null
try { Connect-AcsTeamsSecurity -TenantId $($Id.ContosoDomain) -ClientId $($Id.ReaderAppId) -ClientSecret (ConvertTo-SecureString '$($Id.ReaderAppSecret)' -AsPlainText -Force) -Environment Emulator -MaxRetries 4 -ErrorAction Stop }
catch { 'CONNECT=' + `$_.FullyQualifiedErrorId; 'MSG=' + `$_.Exception.Message }
Connect-AcsTeamsSecurity -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -Environment Emulator -MaxRetries 4 -WarningAction SilentlyContinue
`$DebugPreference = 'Continue'
try { Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -ErrorAction Stop 5>&1 | ForEach-Object { 'DEBUG=' + `$_ } }
catch { 'GET=' + `$_.FullyQualifiedErrorId }
"@
        if ($IsWindows) { Set-ItResult -Skipped -Because 'SSL_CERT_FILE is how Linux and macOS trust a CA'; return }
        $result = Invoke-FreshPwsh -Script $script -Environment @{ SSL_CERT_FILE = $null }
        $text = $result.Output -join "`n"
        $text | Should -Match 'CONNECT=CertificateUntrusted,'
        $text | Should -Match 'GET=CertificateUntrusted,'
        $text | Should -Match 'SSL_CERT_FILE'
        # One attempt per request, though -MaxRetries is 4: the wire log writes a line per attempt. (The Teams admin
        # service-discovery handshake is a request of its own: it fails the same way, and the read goes on without it.)
        $attempts = @($result.Output | Where-Object { $_ -like 'DEBUG=TeamsAdmin GET*failed after*' } | ForEach-Object { if ($_ -match 'GET (\S+)') { $Matches[1] } })
        @($attempts | Where-Object { $_ -like '*Skype.Policy*' }).Count | Should -Be 1
        @($attempts | Group-Object | Where-Object Count -GT 1).Count | Should -Be 0
    }
}

Describe 'Bulk guest tokens never lose what ACS created' {
    BeforeAll {
        $endpoint = (Get-TestAcsEndpoint $script:Emu 'contoso-acs')
        $script:AcsContext = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsEndpoint $endpoint -PassThru
        function Get-AcsIdentityList { @(Invoke-EmulatorControl -Emulator $script:Emu -Path 'acs/identities' | ForEach-Object { $_ } | Where-Object { $null -ne $_ }) }
    }
    AfterAll {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 0 } | Out-Null
        $script:AcsContext | Disconnect-AcsTeamsSecurity
    }

    It 'stopped part-way (PowerShell.Stop, as Ctrl+C): every identity that still exists was returned before the stop' {
        $known = @(Get-AcsIdentityList).id
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 250 } | Out-Null
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddCommand('New-AcsGuestToken').AddParameter('Count', 60).AddParameter('ThrottleLimit', 3).AddParameter('Context', $script:AcsContext)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $in.Complete()
            $handle = $ps.BeginInvoke($in, $output)
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 4 -and -not $handle.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
            Stop-ModulePowerShell $ps $handle
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { Remove-ModulePowerShell $ps }
        $emitted = @($output | ForEach-Object { $_.Identity.Id })
        $emitted.Count | Should -BeGreaterOrEqual 4
        $emitted.Count | Should -BeLessThan 60
        $mine = @(Get-AcsIdentityList | Where-Object { $_.id -notin $known })
        $alive = @($mine | Where-Object { -not $_.deleted })
        # Nothing ACS keeps is unknown to the caller: the live identities are exactly the ones returned.
        @($alive.id | Sort-Object) | Should -Be @($emitted | Sort-Object)
    }

    It 'stopped while a slow consumer holds up the output: what was not returned does not stay behind in ACS' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 0 } | Out-Null
        $known = @(Get-AcsIdentityList).id
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddScript('param($c) New-AcsGuestToken -Count 60 -ThrottleLimit 4 -Context $c -OutVariable guests | ForEach-Object { Start-Sleep -Milliseconds 150; $_ }').AddArgument($script:AcsContext)
            $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $in.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke($in, $output)
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 3 -and -not $handle.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
            Stop-ModulePowerShell $ps $handle
            # -OutVariable holds everything the cmdlet returned before the stop.
            $returned = @($ps.Runspace.SessionStateProxy.GetVariable('guests') | ForEach-Object { $_.Identity.Id })
        }
        finally { Remove-ModulePowerShell $ps }
        $returned.Count | Should -BeGreaterOrEqual 3
        $returned.Count | Should -BeLessThan 60
        $alive = @(Get-AcsIdentityList | Where-Object { $_.id -notin $known -and -not $_.deleted })
        @($alive.id | Sort-Object) | Should -Be @($returned | Sort-Object)
    }

    It 'a failure part-way returns what was created and warns with the count' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 0 } | Out-Null
        $fault = Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'acs'; status = 500; count = 2 }
        try {
            $tokens = @(New-AcsGuestToken -Count 5 -ThrottleLimit 1 -Context $script:AcsContext -WarningVariable said -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        }
        finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }
        $tokens.Count | Should -Be 3
        $failed.Count | Should -Be 2
        "$said" | Should -BeLike '*3 of 5 guest tokens were issued*2 failed*'
    }
}

Describe 'Say what happened' {
    AfterAll { Disconnect-AcsTeamsSecurity }

    It 'Connect prints one line with tenant, account and environment; -Quiet and -PassThru do not' {
        $secret = ConvertTo-TestSecureString $Id.ReaderAppSecret
        $said = @(Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret $secret -Environment Emulator 6>&1 | ForEach-Object { "$_" })
        $said.Count | Should -Be 1
        $said[0] | Should -Be "Connected to tenant $($Id.ContosoId) as $($Id.ReaderAppId) (ClientSecret) in Emulator."
        @(Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret $secret -Environment Emulator -Quiet 6>&1).Count | Should -Be 0
        $passThru = @(Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret $secret -Environment Emulator -PassThru 6>&1)
        $passThru.Count | Should -Be 1
        $passThru[0] | Should -BeOfType [AcsTeamsSecurity.Session.AcsTeamsSecurityContext]
    }

    It '-WhatIf with nothing to change says so, and writes nothing' {
        Connect-TestTenant | Out-Null
        $current = (Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global).AutoAdmittedUsers
        Clear-EmulatorRequest -Emulator $script:Emu
        $said = @(Set-LobbyBypass -Identity Global -AutoAdmittedUsers $current -WhatIf 6>&1 | ForEach-Object { "$_" })
        $said | Should -Be @('What if: nothing to change: TeamsMeetingPolicy Global already has these settings')
        Get-TeamsWrite | Should -BeNullOrEmpty
    }

    It 'Restore says what it restored, what already matched and what it would change' {
        Connect-TestTenant | Out-Null
        $path = Join-Path ([IO.Path]::GetTempPath()) "acsts-firsthour-$([guid]::NewGuid().ToString('N')).json"
        try {
            Export-ExternalUserConfiguration -Path $path -WarningAction SilentlyContinue | Out-Null
            $said = @(Restore-ExternalUserConfiguration -Path $path -WhatIf -WarningAction SilentlyContinue 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
            $said[-1] | Should -Match '^Restore from acsts-firsthour-\w+\.json: (\d+) setting group\(s\) compared; 0 would change, \1 already matched the snapshot\.$'
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'Revoke says how many identities it revoked' {
        $context = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsEndpoint (Get-TestAcsEndpoint $script:Emu 'contoso-acs') -PassThru
        $guests = @(New-AcsGuestToken -Count 2 -Context $context)
        $said = @($guests.Identity.Id | Revoke-AcsToken -Context $context 6>&1 | ForEach-Object { "$_" })
        $said | Should -Be @('Revoked every token of 2 ACS identities: tokens issued to them before now no longer work.')
        $context | Disconnect-AcsTeamsSecurity
    }
}

Describe 'Clear messages for values out of range' {
    It '-ExpiresInMinutes 30 says the range in minutes (still ParameterArgumentValidationError, before any request)' {
        $err = $null
        try { New-AcsGuestToken -ExpiresInMinutes 30 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $err.Exception.Message | Should -BeLike '*30 is not allowed: give a value between 60 and 1440 minutes (1 to 24 hours)*'
    }
}

Describe 'Did you mean, framework ids, and what an export without subscriptions cannot audit' {
    BeforeAll { Connect-TestTenant | Out-Null }
    AfterAll { Disconnect-AcsTeamsSecurity }

    It 'an unknown policy identity suggests the closest one (Get and Set)' {
        $err = $null
        Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity OpenDoor -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound,*'
        $err[0].Exception.Message | Should -BeLike "*Did you mean 'Tag:OpenDoors'?*"
        $failure = $null
        try { Set-LobbyBypass -Identity OpenDoor -AutoAdmittedUsers OrganizerOnly -WhatIf -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound,*'
        $failure.Exception.Message | Should -BeLike "*Did you mean 'Tag:OpenDoors'?*"
    }

    It '-RuleId accepts a framework id, and an unknown rule id suggests the closest one' {
        $mapping = (Get-ExternalUserSecurityRule | ForEach-Object Mappings | Where-Object Id -Match '^MS\.TEAMS\.' | Select-Object -First 1).Id
        $mapping | Should -Not -BeNullOrEmpty
        $rules = @(Get-ExternalUserSecurityRule -RuleId $mapping)
        $rules.Count | Should -BeGreaterOrEqual 1
        $rules | ForEach-Object { $_.Mappings.Id | Should -Contain $mapping }
        $first = (Get-ExternalUserSecurityRule | Select-Object -First 1).Id
        $failure = $null
        try { Get-ExternalUserSecurityRule -RuleId ($first + 'x') -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AuditRuleNotFound,*'
        $failure.Exception.Message | Should -BeLike "*Did you mean '$first*'?*"
    }

    It 'Export without -SubscriptionId names the rules that will be NotApplicable' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "acsts-firsthour-$([guid]::NewGuid().ToString('N')).json"
        Export-ExternalUserConfiguration -Path $path -WhatIf -WarningVariable said -WarningAction SilentlyContinue
        $resourceRules = @(Get-ExternalUserSecurityRule | Where-Object Plane -EQ 'AcsResource')
        $resourceRules.Count | Should -BeGreaterThan 0
        "$said" | Should -BeLike '*NotApplicable*'
        foreach ($rule in $resourceRules) { "$said" | Should -BeLike "*$($rule.Id) ($($rule.Severity))*" }
        $path | Should -Not -Exist
    }
}

Describe 'The connection test shows the directory roles the Teams admin API authorizes by' {
    It 'TeamsAdmin lists the app''s Teams Administrator role' {
        $context = Connect-TestTenant
        try {
            $teams = Test-AcsTeamsSecurityConnection -Service TeamsAdmin -Context $context
            $teams.Authorized | Should -BeTrue
            $teams.Roles | Should -Contain 'Teams Administrator'
            (Test-AcsTeamsSecurityConnection -Service Graph -Context $context).Roles | Should -Not -Contain 'Teams Administrator'
        }
        finally { $context | Disconnect-AcsTeamsSecurity }
    }
}
