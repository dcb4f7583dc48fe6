# A bad day: throttling, dropped connections, services that stay down, broken bodies, Ctrl+C, many tenants at
# once in parallel runspaces, and a long run with short-lived tokens.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-ModuleManifestPath
    Import-Module $script:Manifest -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $acs = (Get-Fixture).tenants[0].acsResources[0]
    $script:AcsConnection = "endpoint=$(Get-TestAcsEndpoint $script:Emu $acs.name);accesskey=$($acs.accessKeys.primary)"

    function Add-Fault([hashtable] $Fault) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body $Fault | Out-Null }
    function Clear-Fault { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }

    # About 30 % of a service's requests fail: a third each 429 (with Retry-After), 503 and a dropped connection.
    function Add-FlakyService([string] $Service, [string] $Method = 'any', [string] $PathPattern = '.*', [int] $Seed = 7) {
        Add-Fault @{ service = $Service; method = $Method; pathPattern = $PathPattern; status = 429; retryAfter = '0'; percentage = 11; seed = $Seed }
        Add-Fault @{ service = $Service; method = $Method; pathPattern = $PathPattern; status = 503; percentage = 11; seed = $Seed + 1 }
        Add-Fault @{ service = $Service; method = $Method; pathPattern = $PathPattern; drop = $true; percentage = 11; seed = $Seed + 2 }
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = $Service; delayMs = 10 } | Out-Null
    }

    function Get-Log([string] $Service) { @(Get-EmulatorRequest -Emulator $script:Emu -Service $Service | Where-Object { $null -eq $_.batch }) }
}

AfterAll {
    Clear-Fault
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Retries under 30 % failures' {
    AfterEach {
        Clear-Fault
        foreach ($s in 'entra', 'graph', 'teams', 'acs', 'arm') { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = $s; delayMs = 0 } | Out-Null }
    }

    It '<Service>: every operation completes, and each failed attempt is followed by a retry' -TestCases @(
        @{ Service = 'entra'; Operation = { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -MaxRetries 6 -PassThru } }
        @{ Service = 'teams'; Operation = { Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx } }
        @{ Service = 'arm'; Operation = { $r = Test-AcsTeamsSecurityConnection -Service Arm -Context $ctx; if (-not $r.Authorized) { throw $r.Detail }; $r } }
        @{ Service = 'graph'; Operation = { Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -Context $ctx } }
        @{ Service = 'acs'; Operation = { New-AcsGuestToken -Identity $identity -Context $ctx } }
    ) {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString $script:AcsConnection) -MaxRetries 6 -PassThru
        $null = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -Context $ctx   # warm every token first
        $null = Test-AcsTeamsSecurityConnection -Context $ctx -Service Arm
        $identity = (New-AcsIdentity -Context $ctx).Id
        Add-FlakyService -Service $Service
        Clear-EmulatorRequest -Emulator $script:Emu
        $results = foreach ($i in 1..16) { & $Operation }
        @($results).Count | Should -BeGreaterOrEqual 16
        $log = Get-Log $Service
        $faulted = @($log | Where-Object faultInjected)
        $faulted.Count | Should -BeGreaterThan 0 -Because 'the fault rules must actually fire'
        ($faulted.Count / $log.Count) | Should -BeLessThan 0.6
        # Every request either succeeded or was faulted and then retried: none failed for another reason.
        @($log | Where-Object { -not $_.faultInjected -and $_.status -ge 400 }).Count | Should -Be 0
        Write-Host ("{0}: {1} requests, {2} injected failures, all {3} operations completed" -f $Service, $log.Count, $faulted.Count, @($results).Count)
    }

    It 'honours Retry-After as an HTTP date as well as seconds' {
        $ctx = Connect-TestTenant
        $null = Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx
        Add-Fault @{ service = 'teams'; status = 429; retryAfter = [DateTimeOffset]::UtcNow.AddSeconds(2).ToString('r'); count = 1 }
        Clear-EmulatorRequest -Emulator $script:Emu
        $debug = Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message
        ($debug -join "`n") | Should -Match '-> 429 .*Retry-After: .*GMT'
        ($debug -join "`n") | Should -Match '-> 200'
        $log = Get-Log 'teams'
        $log.status | Should -Be @(429, 200)
        ([DateTimeOffset]$log[1].time - [DateTimeOffset]$log[0].time).TotalSeconds | Should -BeGreaterThan 0.5
    }
}

Describe 'A service that stays down' {
    AfterEach { Clear-Fault }

    It '503 every time: ServiceThrottled after the bounded retries, not a hang' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -MaxRetries 2 -PassThru
        $null = Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx
        Add-Fault @{ service = 'teams'; status = 503 }
        Clear-EmulatorRequest -Emulator $script:Emu
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceThrottled,*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'the wait is bounded by -MaxRetries'
        (Get-Log 'teams').Count | Should -Be 3
    }

    It 'every connection dropped: ServiceUnreachable' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -MaxRetries 1 -PassThru
        $null = Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx
        Add-Fault @{ service = 'teams'; drop = $true }
        { Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceUnreachable,*'
    }

    It 'Entra down: Connect fails with ServiceUnreachable' {
        Add-Fault @{ service = 'entra'; drop = $true }
        { Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -MaxRetries 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceUnreachable,*'
    }
}

Describe 'Broken answers become clear errors' {
    BeforeAll {
        $script:Ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString $script:AcsConnection) -MaxRetries 1 -PassThru
        $null = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -Context $script:Ctx
    }
    AfterEach { Clear-Fault }

    It '<Service> answering <Case> gives <ErrorId>, never a raw parser or null-reference error' -TestCases @(
        @{ Service = 'teams'; Case = 'malformed JSON'; Status = 200; Body = '{"Identity": "Global", "AutoAdm'; ContentType = 'application/json'; ErrorId = 'ServiceResponseInvalid' }
        @{ Service = 'teams'; Case = 'an HTML page'; Status = 200; Body = '<html><body>Sign in to continue</body></html>'; ContentType = 'text/html'; ErrorId = 'ServiceResponseInvalid' }
        @{ Service = 'teams'; Case = 'an empty 500'; Status = 500; Body = ''; ContentType = 'application/json'; ErrorId = 'ServiceError' }
        @{ Service = 'teams'; Case = 'a JSON number'; Status = 200; Body = '42'; ContentType = 'application/json'; ErrorId = 'ServiceResponseInvalid' }
        @{ Service = 'graph'; Case = 'a truncated batch'; Status = 200; Body = '{"responses":[{"id":"c0","status":200,"bo'; ContentType = 'application/json'; ErrorId = 'ServiceResponseInvalid' }
        @{ Service = 'graph'; Case = 'an HTML gateway page'; Status = 502; Body = '<html><h1>502 Bad Gateway</h1></html>'; ContentType = 'text/html'; ErrorId = 'ServiceError' }
        @{ Service = 'acs'; Case = 'an HTML page'; Status = 201; Body = '<html>maintenance</html>'; ContentType = 'text/html'; ErrorId = 'ServiceResponseInvalid' }
        @{ Service = 'acs'; Case = 'JSON without the identity'; Status = 201; Body = '{"accessToken":null}'; ContentType = 'application/json'; ErrorId = 'ServiceResponseInvalid' }
    ) {
        Add-Fault @{ service = $Service; status = $Status; body = $Body; contentType = $ContentType }
        $err = $null
        try {
            switch ($Service) {
                'teams' { Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Context $script:Ctx -ErrorAction Stop }
                'graph' { Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -Context $script:Ctx -ErrorAction Stop }
                'acs' { New-AcsIdentity -Context $script:Ctx -ErrorAction Stop }
            }
        }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.Exception.GetType().Name | Should -Be 'AcsTeamsSecurityException'
        $err.Exception.Message | Should -Not -Match 'NullReference|Object reference|JsonReaderException|ExpectedStartOfValue'
    }
}

Describe 'Ctrl+C' {
    It 'stops a long bulk operation promptly and leaves no background work' {
        $ctx = Connect-AcsTeamsSecurity -TenantId $Id.ContosoDomain -ClientId $Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $Id.ReaderAppSecret) -Environment Emulator -AcsConnectionString (ConvertTo-TestSecureString $script:AcsConnection) -PassThru
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 500 } | Out-Null
        try {
            $ps = New-ModulePowerShell
            $null = $ps.AddCommand('New-AcsGuestToken').AddParameter('Count', 400).AddParameter('ThrottleLimit', 2).AddParameter('Context', $ctx)
            Clear-EmulatorRequest -Emulator $script:Emu
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 3
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Stop-ModulePowerShell $ps $async
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because '400 tokens at 2 x 500 ms would take 100 s'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $sent = @(Get-Log 'acs').Count
            $sent | Should -BeLessThan 400
            Start-Sleep -Seconds 2
            @(Get-Log 'acs').Count | Should -BeLessOrEqual ($sent + 2) -Because 'no background work keeps sending after the stop'
            Remove-ModulePowerShell $ps
        }
        finally {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'latency' -Body @{ service = 'acs'; delayMs = 0 } | Out-Null
        }
    }
}

Describe '50 tenants, 16 runspaces' {
    It 'no request carries another tenant''s token, no write is lost, one token per tenant per service' {
        $tenants = foreach ($n in 1..50) {
            $tid = '7e000000-0000-4000-8000-{0:D12}' -f $n
            [ordered]@{
                id = $tid; key = "load$n"; initialDomain = "load$n.onmicrosoft.com"; displayName = "Load tenant $n"
                applications = @([ordered]@{
                    clientId = '7e000001-0000-4000-8000-{0:D12}' -f $n; servicePrincipalObjectId = '7e000002-0000-4000-8000-{0:D12}' -f $n
                    displayName = "Load app $n"; secrets = @("Load-Secret-$n-0123456789abcdef0123456789"); directoryRoles = @('Teams Administrator')
                    applicationPermissions = [ordered]@{ graph = @('Organization.Read.All') }
                })
                users = @(); managedIdentities = @(); subscriptions = @()
            }
        }
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'fixtures?merge=true' -Body @{ tenants = @($tenants) } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $manifest = $script:Manifest
        $base = $script:Emu.BaseUrl
        $results = 1..50 | ForEach-Object -ThrottleLimit 16 -Parallel {
            $n = $_
            Import-Module $using:manifest
            $ctx = Connect-AcsTeamsSecurity -TenantId ("load$n.onmicrosoft.com") -ClientId ('7e000001-0000-4000-8000-{0:D12}' -f $n) -ClientSecret (ConvertTo-SecureString "Load-Secret-$n-0123456789abcdef0123456789" -AsPlainText -Force) -Environment Emulator -PassThru
            $want = if ($n % 2) { 'OrganizerOnly' } else { 'InvitedUsers' }
            foreach ($round in 1..3) {
                $null = Get-ExternalUserPolicy -Identity Global -Context $ctx
                $null = Get-AcsFederationConfiguration -Context $ctx
            }
            Set-LobbyBypass -Identity Global -AutoAdmittedUsers $want -Context $ctx
            [pscustomobject]@{ N = $n; Tenant = $ctx.TenantId; Want = $want; Got = (Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx).AutoAdmittedUsers.ToString() }
        }
        $results.Count | Should -Be 50
        foreach ($r in $results) { $r.Got | Should -Be $r.Want -Because "tenant $($r.N) keeps its own write" }
        $log = @(Get-EmulatorRequest -Emulator $script:Emu)
        foreach ($n in 1..50) {
            $tid = '7e000000-0000-4000-8000-{0:D12}' -f $n
            $client = '7e000001-0000-4000-8000-{0:D12}' -f $n
            $mine = @($log | Where-Object clientId -EQ $client)
            @($mine | Where-Object { $_.service -eq 'entra' -and $_.resource -like '48ac35b8*' }).Count | Should -Be 1 -Because "tenant $n asks once for a Teams token"
            @($mine | Where-Object { $_.service -eq 'entra' -and $_.resource -like 'https://graph*' }).Count | Should -Be 1 -Because "tenant $n asks once for a Graph token"
            @($mine | Where-Object { $_.service -eq 'teams' -and $_.tenantId -ne $tid }).Count | Should -Be 0 -Because "tenant $n's token is only ever sent for tenant $n"
        }
    }
}

Describe 'Soak' -Tag 'Soak' {
    It 'two minutes of calls with 10-second tokens: no 401 ever reaches the user' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 10 } | Out-Null
        try {
            $ctx = Connect-TestTenant
            Clear-EmulatorRequest -Emulator $script:Emu
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            $calls = 0; $failures = @()
            while ([DateTime]::UtcNow -lt $deadline) {
                try {
                    $null = Get-ExternalUserPolicy -Identity Global -PolicyType TeamsMeetingPolicy -Context $ctx -ErrorAction Stop
                    $null = Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -Context $ctx -ErrorAction Stop
                    $calls += 2
                }
                catch { $failures += $_.FullyQualifiedErrorId }
                Start-Sleep -Milliseconds 200
            }
            $failures | Should -BeNullOrEmpty
            $tokens = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra)
            Write-Host "Soak: $calls calls in 120 s, $($tokens.Count) token requests, 0 failures"
            $tokens.Count | Should -BeGreaterThan 10 -Because 'tokens were renewed many times'
            @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object { $_.service -in 'teams', 'graph' -and $_.status -eq 401 }).Count | Should -Be 0
        }
        finally {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 3600 } | Out-Null
        }
    }
}
