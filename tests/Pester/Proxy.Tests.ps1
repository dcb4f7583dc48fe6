# HTTP proxies, against a REAL proxy: tinyproxy on 127.0.0.1 with Basic authentication (build.ps1 -Task Test
# installs it; without it BeforeAll fails, it does not skip). -Proxy/-ProxyCredential route every request of a
# context (Entra tokens, Graph, Teams admin, ARM, ACS) through it; a 407 becomes ProxyAuthenticationRequired;
# the password appears nowhere; and without -Proxy, .NET's default proxy (HTTPS_PROXY, NO_PROXY) applies.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-ModuleManifestPath
    Import-Module $script:Manifest -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:EmuPort = ([uri]$script:Emu.BaseUrl).Port
    $script:AcsEndpoint = (Get-TestAcsEndpoint $script:Emu contoso-acs)
    $script:Id = Get-TestIdentity

    $script:ProxyUser = 'acsts-proxy'
    $script:ProxyPassword = 'PxPass-' + [guid]::NewGuid().ToString('N')
    $script:WrongPassword = 'PxWrong-' + [guid]::NewGuid().ToString('N')
    $script:Proxy = Start-TestProxy -User $script:ProxyUser -Password $script:ProxyPassword
    $script:Good = [pscredential]::new($script:ProxyUser, (ConvertTo-TestSecureString $script:ProxyPassword))
    $script:Wrong = [pscredential]::new($script:ProxyUser, (ConvertTo-TestSecureString $script:WrongPassword))

    function Connect-ViaProxy {
        # Client-secret sign-in to contoso with the ACS endpoint, through -Proxy, plus any extra parameters.
        param([hashtable] $Extra = @{}, [string] $Proxy = $script:Proxy.Uri)
        $parameters = @{
            TenantId = $script:Id.ContosoDomain; ClientId = $script:Id.ReaderAppId; ClientSecret = (ConvertTo-TestSecureString $script:Id.ReaderAppSecret)
            Environment = 'Emulator'; AcsEndpoint = $script:AcsEndpoint; Proxy = $Proxy; PassThru = $true; ErrorAction = 'Stop'
        }
        foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
        Connect-AcsTeamsSecurity @parameters
    }

    function Get-OpenTunnel {
        # File descriptors of tunnels the proxy established since $Since and has not closed yet.
        param($Proxy, [int] $Since)
        $open = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($line in Get-TestProxyLog -Proxy $Proxy -Since $Since) {
            if ($line -match 'Established connection to host "127\.0\.0\.1" using file descriptor (\d+)') { [void]$open.Add($Matches[1]) }
            elseif ($line -match 'Closed connection between local client \(fd:\d+\) and remote client \(fd:(\d+)\)') { [void]$open.Remove($Matches[1]) }
        }
        @($open)
    }

    function Invoke-DefaultProxyPwsh {
        # A fresh pwsh with only the given proxy variables (upper and lower case cleared first), which connects
        # WITHOUT -Proxy and calls every service. Returns its output lines.
        param([hashtable] $Variables)
        $environment = @{}
        foreach ($name in 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy') { $environment[$name] = $null }
        foreach ($key in $Variables.Keys) { $environment[$key] = $Variables[$key] }
        $script = @'
Import-Module '__MANIFEST__'
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '__BASE__' -GraphEndpoint '__BASE__' -TeamsAdminEndpoint '__BASE__/teams' -ArmEndpoint '__BASE__/arm' -Force | Out-Null
try {
    $secret = ConvertTo-SecureString '__SECRET__' -AsPlainText -Force
    $context = Connect-AcsTeamsSecurity -TenantId '__TENANT__' -ClientId '__CLIENT__' -ClientSecret $secret -Environment Emulator -AcsEndpoint '__ACS__' -MaxRetries 0 -PassThru -ErrorAction Stop
    "PROXY-PROPERTY <$($context.Proxy)>"
    foreach ($r in Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm, Acs) { "RESULT $($r.Service) $($r.Authorized) $($r.Detail)" }
}
catch {
    "ERROR $($_.FullyQualifiedErrorId)"
    "MESSAGE $($_.Exception.Message)"
    $_ | Format-List * -Force | Out-String
    for ($e = $_.Exception; $e; $e = $e.InnerException) { "CHAIN $($e.ToString())" }
    $Error | ForEach-Object { "ERRORVAR $($_ | Out-String)" }
}
'@
        $script = $script.Replace('__MANIFEST__', $script:Manifest).Replace('__BASE__', $script:Emu.BaseUrl).Replace('__ACS__', $script:AcsEndpoint).
            Replace('__SECRET__', $script:Id.ReaderAppSecret).Replace('__TENANT__', $script:Id.ContosoDomain).Replace('__CLIENT__', $script:Id.ReaderAppId)
        (Invoke-FreshPwsh -Script $script -Environment $environment).Output
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestProxy -Proxy $script:Proxy
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Connect-AcsTeamsSecurity -Proxy -ProxyCredential' {
    It 'signs in and calls Graph, TeamsAdmin, ARM and ACS through the authenticating proxy' {
        $mark = Get-TestProxyLogMark -Proxy $script:Proxy
        Clear-EmulatorRequest -Emulator $script:Emu
        $context = Connect-ViaProxy -Extra @{ ProxyCredential = $script:Good }
        try {
            $context.Proxy | Should -Be ([uri]"$($script:Proxy.Uri)/")
            $results = @(Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm, Acs -Context $context)
            $results.Count | Should -Be 4
            foreach ($r in $results) { $r.Authorized | Should -BeTrue -Because "$($r.Service): $($r.Detail)" }
            (New-AcsIdentity -Context $context).Kind | Should -Be 'AcsUser'

            $requests = @(Get-EmulatorRequest -Emulator $script:Emu)
            foreach ($service in 'entra', 'graph', 'teams', 'arm', 'acs') {
                @($requests | Where-Object service -EQ $service).Count | Should -BeGreaterThan 0 -Because "$service answered through the proxy"
            }
            @(Get-TestProxyConnect -Proxy $script:Proxy -Port $script:EmuPort -Since $mark).Count | Should -BeGreaterThan 0 -Because 'the proxy log shows CONNECT to the emulator'
            @(Get-TestProxyLog -Proxy $script:Proxy -Since $mark | Where-Object { $_ -match 'Established connection to host "127\.0\.0\.1"' }).Count | Should -BeGreaterThan 0 -Because 'the proxy accepted the credentials and opened tunnels'
        }
        finally { $context | Disconnect-AcsTeamsSecurity }
    }

    It 'sends every service''s requests through the proxy: once it stops, each one fails and names it' {
        $second = Start-TestProxy -User $script:ProxyUser -Password $script:ProxyPassword
        $context = $null
        try {
            $context = Connect-ViaProxy -Proxy $second.Uri -Extra @{ ProxyCredential = $script:Good; MaxRetries = 0 }
            # Every token is acquired while the proxy runs; then it goes away (with the tunnels it held).
            foreach ($r in Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm, Acs -Context $context) { $r.Authorized | Should -BeTrue -Because $r.Detail }
            Stop-TestProxy -Proxy $second
            Clear-EmulatorRequest -Emulator $script:Emu

            $results = @(Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm -Context $context)
            foreach ($r in $results) {
                $r.Authorized | Should -BeFalse
                $r.ErrorId | Should -Be 'ServiceUnreachable'
                # Every service goes through Azure.Core on the context's proxy handler; the message names the proxy.
                $r.Detail | Should -Match "127\.0\.0\.1:$($second.Port)" -Because "$($r.Service) must use the proxy"
            }
            $err = $null
            try { New-AcsIdentity -Context $context -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'ServiceUnreachable,*'
            $err.Exception.Message | Should -Match ([regex]::Escape("through the proxy $($second.Uri)"))
            @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0 -Because 'nothing went around the proxy'
        }
        finally {
            if ($context) { $context | Disconnect-AcsTeamsSecurity }
            Stop-TestProxy -Proxy $second
        }
    }

    It 'keeps one handler per context and closes its tunnels on Disconnect' {
        $mark = Get-TestProxyLogMark -Proxy $script:Proxy
        $context = Connect-ViaProxy -Extra @{ ProxyCredential = $script:Good }
        Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm -Context $context | Out-Null
        @(Get-OpenTunnel -Proxy $script:Proxy -Since $mark).Count | Should -BeGreaterThan 0 -Because 'pooled connections stay open while connected'
        $context | Disconnect-AcsTeamsSecurity
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-OpenTunnel -Proxy $script:Proxy -Since $mark).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-OpenTunnel -Proxy $script:Proxy -Since $mark).Count | Should -Be 0 -Because 'Disconnect disposes the handler and its connections'
    }

    It 'shows the proxy on the context, never the credential' {
        $context = Connect-ViaProxy -Extra @{ ProxyCredential = $script:Good }
        try {
            (Get-AcsTeamsSecurityContext).Proxy | Should -Be ([uri]"$($script:Proxy.Uri)/")
            $context.PSObject.Properties.Name | Should -Not -Contain 'ProxyCredential'
            $text = (Get-AcsTeamsSecurityContext | Format-List * | Out-String) + ($context | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
            $text | Should -Match "127\.0\.0\.1:$($script:Proxy.Port)"
            $text | Should -Not -Match ([regex]::Escape($script:ProxyPassword))
        }
        finally { $context | Disconnect-AcsTeamsSecurity }
    }

    It '-ProxyBypassList sends the listed hosts direct (loopback is proxied only because it is not listed)' {
        foreach ($bypass in '127.0.0.1', '127.0.0.*') {
            $mark = Get-TestProxyLogMark -Proxy $script:Proxy
            # No credentials: a request that went through the proxy would get 407.
            $context = Connect-ViaProxy -Extra @{ ProxyBypassList = $bypass }
            try {
                foreach ($r in Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm, Acs -Context $context) { $r.Authorized | Should -BeTrue -Because "$bypass / $($r.Service): $($r.Detail)" }
                @(Get-TestProxyConnect -Proxy $script:Proxy -Port $script:EmuPort -Since $mark).Count | Should -Be 0 -Because "$bypass is bypassed"
            }
            finally { $context | Disconnect-AcsTeamsSecurity }
        }
    }
}

Describe 'Proxy failures' {
    It 'without -ProxyCredential: ProxyAuthenticationRequired at once (the 407 path), and nothing reached the token endpoint' {
        $before = Connect-TestTenant
        $mark = Get-TestProxyLogMark -Proxy $script:Proxy
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Connect-ViaProxy } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ProxyAuthenticationRequired,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match ([regex]::Escape($script:Proxy.Uri))
        $err.Exception.Message | Should -Match '407 Proxy Authentication Required'
        $err.Exception.Message | Should -Match '-ProxyCredential'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
        # The default -MaxRetries is 4: a proxy's refusal is not retried.
        @(Get-TestProxyConnect -Proxy $script:Proxy -Port $script:EmuPort -Since $mark).Count | Should -Be 1
        # A failed Connect leaves no context current (a script must not carry on against the previous tenant);
        # the previous context itself stays usable with -Context.
        Get-AcsTeamsSecurityContext | Should -BeNullOrEmpty -Because 'a failed connect leaves no context current'
        $before.IsConnected | Should -BeTrue
        $before | Disconnect-AcsTeamsSecurity
    }

    It 'with a wrong password: ProxyAuthenticationRequired, and the password is nowhere in the error, the streams or the transcript' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("acsts-proxy-" + [guid]::NewGuid().ToString('N') + '.txt')
        $Error.Clear()
        $err = $null
        Start-Transcript -Path $transcript -IncludeInvocationHeader | Out-Null
        try {
            $streams = & {
                try { Connect-ViaProxy -Extra @{ ProxyCredential = $script:Wrong; Verbose = $true; Debug = $true } }
                catch { $script:ProxyError = $_; $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
            } *>&1 | ForEach-Object { $_ | Out-String }
        }
        finally { Stop-Transcript | Out-Null }
        $err = $script:ProxyError
        $err.FullyQualifiedErrorId | Should -BeLike 'ProxyAuthenticationRequired,*'
        $err.Exception.Message | Should -Match 'rejected the credentials given with -ProxyCredential'
        $err.Exception.Message | Should -Match ([regex]::Escape($script:Proxy.Uri))
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0

        $chain = for ($e = $err.Exception; $e; $e = $e.InnerException) { $e.ToString(); $e | Format-List * -Force | Out-String }
        $errors = $Error | ForEach-Object { ($_ | Out-String); $_.Exception.ToString(); if ($_.ErrorDetails) { $_.ErrorDetails.Message } }
        $haystack = (@($streams) + $chain + $errors + ($err | Format-List * -Force | Out-String) + (Get-Content -Raw $transcript)) -join "`n"
        Remove-Item $transcript -ErrorAction SilentlyContinue
        # The search must be able to fail: the verbose story and the error are in it.
        $haystack | Should -Match 'goes through the proxy'
        $haystack | Should -Match 'ProxyAuthenticationRequired'
        $haystack | Should -Match ([regex]::Escape($script:ProxyUser))
        $haystack.Contains($script:WrongPassword) | Should -BeFalse -Because 'the wrong password must not be echoed'
        $haystack.Contains($script:ProxyPassword) | Should -BeFalse
    }

    It 'an unreachable proxy: ServiceUnreachable naming the proxy' {
        $port = Get-FreeTcpPort
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        try { Connect-ViaProxy -Proxy "http://127.0.0.1:$port" -Extra @{ ProxyCredential = $script:Good; MaxRetries = 0 } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ServiceUnreachable,*'
        $err.Exception.Message | Should -Match ([regex]::Escape("through the proxy http://127.0.0.1:$port"))
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'rejects a proxy URI with user info without echoing the password, and other schemes' {
        $err = $null
        $withUserInfo = "http://$($script:ProxyUser):$($script:ProxyPassword)@127.0.0.1:$($script:Proxy.Port)"
        try { Connect-ViaProxy -Proxy $withUserInfo } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ProxyInvalid,*'
        $err.Exception.Message | Should -Match '-ProxyCredential'
        ($err | Format-List * -Force | Out-String) + $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($script:ProxyPassword))
        foreach ($bad in 'socks5://127.0.0.1:1080', 'ftp://127.0.0.1:21') {
            { Connect-ViaProxy -Proxy $bad } | Should -Throw -ErrorId 'ProxyInvalid,*'
        }
        { Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $script:Id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $script:Id.ReaderAppSecret) -Environment Emulator -ProxyCredential $script:Good -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProxyInvalid,*'
    }
}

Describe 'Without -Proxy: .NET''s default proxy (environment variables)' {
    # .NET reads HTTPS_PROXY/HTTP_PROXY/ALL_PROXY/NO_PROXY once per process, so each case runs in a fresh pwsh.
    It 'honours HTTPS_PROXY with credentials in its URL, loopback included (.NET does not bypass loopback for it)' {
        $mark = Get-TestProxyLogMark -Proxy $script:Proxy
        $url = "http://$($script:ProxyUser):$($script:ProxyPassword)@127.0.0.1:$($script:Proxy.Port)"
        $output = Invoke-DefaultProxyPwsh -Variables @{ HTTPS_PROXY = $url }
        $text = $output -join "`n"
        $text | Should -Match 'PROXY-PROPERTY <>' -Because "the context has no -Proxy: $text"
        foreach ($service in 'Graph', 'TeamsAdmin', 'Arm', 'Acs') { $text | Should -Match "RESULT $service True" }
        @(Get-TestProxyConnect -Proxy $script:Proxy -Port $script:EmuPort -Since $mark).Count | Should -BeGreaterThan 0 -Because 'Azure.Identity and Azure.Core used HTTPS_PROXY'
    }

    It 'maps the default proxy''s 407 to ProxyAuthenticationRequired, and never echoes a wrong password from HTTPS_PROXY' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $text = (Invoke-DefaultProxyPwsh -Variables @{ HTTPS_PROXY = "http://127.0.0.1:$($script:Proxy.Port)" }) -join "`n"
        $text | Should -Match 'ERROR ProxyAuthenticationRequired,'
        $text | Should -Match ([regex]::Escape("The proxy http://127.0.0.1:$($script:Proxy.Port)"))

        $text = (Invoke-DefaultProxyPwsh -Variables @{ HTTPS_PROXY = "http://$($script:ProxyUser):$($script:WrongPassword)@127.0.0.1:$($script:Proxy.Port)" }) -join "`n"
        $text | Should -Match 'ERROR ProxyAuthenticationRequired,'
        $text | Should -Match 'CHAIN '
        $text.Contains($script:WrongPassword) | Should -BeFalse -Because '.NET quotes the proxy URL, user info included; the module strips it'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0
    }

    It 'NO_PROXY with 127.0.0.1 bypasses HTTPS_PROXY' {
        $mark = Get-TestProxyLogMark -Proxy $script:Proxy
        # No credentials in the URL: anything sent through the proxy would fail with 407.
        $text = (Invoke-DefaultProxyPwsh -Variables @{ HTTPS_PROXY = "http://127.0.0.1:$($script:Proxy.Port)"; NO_PROXY = 'localhost,127.0.0.1' }) -join "`n"
        foreach ($service in 'Graph', 'TeamsAdmin', 'Arm', 'Acs') { $text | Should -Match "RESULT $service True" -Because $text }
        @(Get-TestProxyConnect -Proxy $script:Proxy -Port $script:EmuPort -Since $mark).Count | Should -Be 0
    }
}
