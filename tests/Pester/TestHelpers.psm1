# Shared helpers for the Pester suite: start/stop the local cloud emulator, drive its control API,
# and point the module at it through a custom environment (no hidden test hooks in product code).
Set-StrictMode -Version Latest

$script:RepoRoot = if ($env:ACSTS_REPO_ROOT) { $env:ACSTS_REPO_ROOT } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
$script:Configuration = if ($env:ACSTS_CONFIGURATION) { $env:ACSTS_CONFIGURATION } else { 'Release' }

function Get-RepoRoot { $script:RepoRoot }

function Get-ModuleManifestPath { Join-Path $script:RepoRoot 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1' }

function Get-FixturePath([string] $Name = 'test-tenants.json') {
    Join-Path $script:RepoRoot "tests/AcsTeamsSecurity.Emulator/Fixtures/$Name"
}

function Get-Fixture([string] $Name = 'test-tenants.json') {
    Get-Content -Raw (Get-FixturePath $Name) | ConvertFrom-Json -Depth 20
}

function Start-TestEmulator {
    [CmdletBinding()]
    param([string] $Fixture = 'test-tenants.json')
    $dll = Join-Path $script:RepoRoot "tests/AcsTeamsSecurity.Emulator/bin/$script:Configuration/net10.0/AcsTeamsSecurity.Emulator.dll"
    $caDir = Join-Path $script:RepoRoot 'artifacts/emulator-ca'
    $work = Join-Path ([IO.Path]::GetTempPath()) ("acsts-emu-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $ready = Join-Path $work 'ready.json'
    $arguments = @($dll, '--fixtures', (Get-FixturePath $Fixture), '--ca-dir', $caDir, '--port', '0', '--ready-file', $ready)
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $work 'stdout.log') -RedirectStandardError (Join-Path $work 'stderr.log')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $ready)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $work 'stderr.log'))" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not become ready within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    Start-Sleep -Milliseconds 50
    $info = Get-Content -Raw $ready | ConvertFrom-Json
    # Each ACS resource has its own port and no path prefix (Microsoft's SDKs reject an endpoint with a path).
    $acs = @{}
    if ($info.acsEndpoints) { foreach ($p in $info.acsEndpoints.PSObject.Properties) { $acs[$p.Name] = $p.Value } }
    [pscustomobject]@{ BaseUrl = $info.baseUrl.TrimEnd('/'); AcsEndpoints = $acs; ImdsUrl = $info.imdsUrl; Process = $process; WorkDir = $work }
}

function Get-TestAcsEndpoint {
    # The data-plane endpoint of a fixture ACS resource, "https://127.0.0.1:<port>/".
    param($Emulator, [string] $Name = 'contoso-acs')
    $endpoint = $Emulator.AcsEndpoints[$Name]
    if (-not $endpoint) { throw "The emulator serves no ACS resource named '$Name'." }
    $endpoint
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param($Emulator)
    if (-not $Emulator) { return }
    try { Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/shutdown" -TimeoutSec 5 | Out-Null } catch { }
    if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill() }
    Remove-Item -Recurse -Force $Emulator.WorkDir -ErrorAction SilentlyContinue
}

function Invoke-EmulatorControl {
    [CmdletBinding()]
    param($Emulator, [string] $Method = 'Get', [string] $Path, $Body)
    $parameters = @{ Method = $Method; Uri = "$($Emulator.BaseUrl)/_emulator/$($Path.TrimStart('/'))"; TimeoutSec = 30 }
    if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Depth 20 -Compress); $parameters.ContentType = 'application/json' }
    # Invoke-RestMethod emits a JSON array as one object; assigning and returning it enumerates the items.
    $response = Invoke-RestMethod @parameters
    $response
}

function Get-EmulatorRequest {
    [CmdletBinding()]
    param($Emulator, [string] $Service)
    # Normalise: every entry gets every field (the emulator omits empty ones), nulls are dropped.
    $fields = 'seq', 'time', 'service', 'method', 'path', 'status', 'tenantId', 'clientId', 'grantType', 'resource', 'principalId', 'appId', 'faultInjected', 'durationMs', 'batch', 'authKind', 'targetUri', 'cmdletName', 'correlationId', 'bodyProperties', 'apiVersion'
    $all = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'requests' | ForEach-Object { $_ } | Where-Object { $null -ne $_ } | Select-Object -Property $fields)
    if ($Service) { $all = @($all | Where-Object { $_.service -eq $Service }) }
    $all
}

function Clear-EmulatorRequest { param($Emulator) Invoke-EmulatorControl -Emulator $Emulator -Method Delete -Path 'requests' | Out-Null }

function Register-EmulatorEnvironment {
    [CmdletBinding()]
    param($Emulator, [string] $Name = 'Emulator', [switch] $WithPurview)
    # -WithPurview adds the Security & Compliance and Exchange Online endpoints (the Purview plane).
    $purview = if ($WithPurview) { @{ ComplianceEndpoint = "$($Emulator.BaseUrl)/compliance"; ExchangeEndpoint = "$($Emulator.BaseUrl)/exchange" } } else { @{} }
    Add-AcsTeamsEnvironment -Name $Name -AuthorityHost $Emulator.BaseUrl -GraphEndpoint $Emulator.BaseUrl `
        -TeamsAdminEndpoint "$($Emulator.BaseUrl)/teams" -ArmEndpoint "$($Emulator.BaseUrl)/arm" -Force @purview
}

function ConvertTo-TestSecureString([string] $Value) { ConvertTo-SecureString -String $Value -AsPlainText -Force }

function Get-TestPwshCommand {
    # The command line that starts the same PowerShell this suite runs in: the dotnet tool (7.6) runs pwsh.dll
    # on its runtime; the 7.4 test host (build/pwsh74) is a self-contained executable whose $PSHOME has no pwsh.dll.
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $process = [Environment]::ProcessPath
    if ((Test-Path $pwshDll) -and [IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, $pwshDll) }
    return @($process)
}

function Invoke-FreshPwsh {
    # Runs a script in a brand-new pwsh (same SSL_CERT_FILE) and returns its output lines.
    [CmdletBinding()]
    param([string] $Script, [hashtable] $Environment = @{})
    $file = Join-Path ([IO.Path]::GetTempPath()) ("acsts-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $pwsh = @(Get-TestPwshCommand)
        $hostArgs = @($pwsh | Select-Object -Skip 1)
        $output = & $pwsh[0] @hostArgs -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}


function Get-TestIdentity {
    # The fixture's principals (tests/AcsTeamsSecurity.Emulator/Fixtures/test-tenants.json). Secrets are
    # emulator-only values; the leak suite searches every output stream for them.
    [pscustomobject]@{
        ContosoId          = '50e2e533-9dab-4904-a828-039ffb9dc1d0'
        ContosoDomain      = 'contoso.onmicrosoft.com'
        FabrikamId         = '0ab20214-5607-4b88-a368-12d909175c05'
        FabrikamDomain     = 'fabrikam.onmicrosoft.com'
        ReaderAppId        = '4b306ca2-55cc-4ab6-bba1-1c854cdca6a3'
        ReaderAppSecret    = 'Cto8Q~EmuSecret-ReaderApp-7d3f1a9c5e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f'
        NoPermsAppId       = 'd6ccb17c-aaee-4ce1-809d-ce23bbd14565'
        NoPermsAppSecret   = 'Cto8Q~EmuSecret-NoPermsApp-3b9e1f5a7c2d4e6f8b0a1c3e5f7d9b2a4c6e8f0d'
        CertAppId          = 'd10e093b-dee5-4c8b-8a94-bd4925cf58e6'
        FederatedAppId     = '705655d4-e886-4f66-9a93-8fbbca9cef56'
        FederatedIssuer    = 'https://token.actions.githubusercontent.com'
        FederatedSubject   = 'repo:contoso/ops:ref:refs/heads/main'
        PublicClientId     = '201648da-8dbd-4225-8b63-01b43e7f3421'
        AdminUpn           = 'admin@contoso.onmicrosoft.com'
        MiHeader           = 'emu-mi-header-contoso-automation-5f1c9e2a7b3d'
        MiSystemClientId   = '35ebb87d-c36c-49b4-b1c7-57b8da798bc1'
        MiUserClientId     = '19d3ec0b-574f-4ce5-bbe6-373323c21ba1'
        FabrikamAppId      = 'b70e1a71-3094-4606-a632-27bc56c99878'
        FabrikamAppSecret  = 'Fab8Q~EmuSecret-ReaderApp-9c2e4a6f8b1d3f5a7c9e0b2d4f6a8c1e3b5d7f9a'
    }
}

function Connect-TestTenant {
    # Client-secret sign-in to contoso (or fabrikam) in the emulator environment; returns the context.
    [CmdletBinding()]
    param([ValidateSet('Contoso', 'Fabrikam')] [string] $Tenant = 'Contoso', [string] $Environment = 'Emulator', [switch] $NoPermissions)
    $id = Get-TestIdentity
    if ($Tenant -eq 'Fabrikam') { $tenantId = $id.FabrikamDomain; $clientId = $id.FabrikamAppId; $secret = $id.FabrikamAppSecret }
    elseif ($NoPermissions) { $tenantId = $id.ContosoDomain; $clientId = $id.NoPermsAppId; $secret = $id.NoPermsAppSecret }
    else { $tenantId = $id.ContosoDomain; $clientId = $id.ReaderAppId; $secret = $id.ReaderAppSecret }
    Connect-AcsTeamsSecurity -TenantId $tenantId -ClientId $clientId -ClientSecret (ConvertTo-TestSecureString $secret) -Environment $Environment -PassThru
}

function New-TestCertificate {
    # A self-signed RSA certificate with its private key, made at run time (no key is ever committed).
    param([string] $Subject = 'CN=AcsTeamsSecurity Pester')
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddMinutes(-5), [DateTimeOffset]::UtcNow.AddDays(1))
    # Round-trip through PKCS#12 so the key is usable for signing on every platform.
    $pfx = $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, 'pester')
    [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfx, 'pester', [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
}

function Register-TestCertificate {
    param($Emulator, $Certificate, [string] $TenantId = '50e2e533-9dab-4904-a828-039ffb9dc1d0', [string] $ClientId = 'd10e093b-dee5-4c8b-8a94-bd4925cf58e6')
    $der = [Convert]::ToBase64String($Certificate.RawData)
    Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path "tenants/$TenantId/applications/$ClientId/certificates" -Body @{ certificate = $der } | Out-Null
}

function Get-TestAccessToken {
    # A client-credentials token straight from the emulator's token endpoint (for -AccessToken tests).
    param($Emulator, [string] $Scope, [string] $TenantId = 'contoso.onmicrosoft.com', [string] $ClientId = '4b306ca2-55cc-4ab6-bba1-1c854cdca6a3', [string] $Secret = 'Cto8Q~EmuSecret-ReaderApp-7d3f1a9c5e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f')
    $body = @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $Secret; scope = $Scope }
    (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/$TenantId/oauth2/v2.0/token" -Body $body -ContentType 'application/x-www-form-urlencoded').access_token
}


# --- A second PowerShell with the module, for tests that stop an invocation (as Ctrl+C does) ---
# The stopped invocation must be one statement on a runspace that already has the module: a batch (AddStatement) that is
# stopped and disposed races PowerShell's own batch worker, which then writes to the closed error buffer on a thread-pool
# thread and ends the whole test process (seen on 7.4 and 7.6 under load).
function New-ModulePowerShell {
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $import = [powershell]::Create()
    try {
        $import.Runspace = $runspace
        $null = $import.AddCommand('Import-Module').AddArgument((Get-ModuleManifestPath)).Invoke()
    }
    finally { $import.Dispose() }
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $ps
}

# Stops the invocation and waits until PowerShell has finished with it, so nothing still writes when it is disposed.
function Stop-ModulePowerShell($PowerShell, $Handle) {
    $PowerShell.Stop()
    try { $null = $PowerShell.EndInvoke($Handle) } catch [System.Management.Automation.PipelineStoppedException] { }
}

function Remove-ModulePowerShell($PowerShell) {
    $runspace = $PowerShell.Runspace
    $PowerShell.Dispose()
    $runspace.Dispose()
}

Export-ModuleMember -Function *

# --- A real HTTP proxy (tinyproxy) for Proxy.Tests.ps1. build.ps1 -Task Test installs tinyproxy when it is missing. ---

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestProxy {
    # tinyproxy in the foreground on a free 127.0.0.1 port, with Basic authentication, clients from 127.0.0.1 only,
    # no ConnectPort line (so CONNECT reaches the emulator's random port) and a log file the tests read.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $User, [Parameter(Mandatory)] [string] $Password)
    $exe = Get-Command tinyproxy -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $exe) {
        throw 'tinyproxy is not installed, so the proxy tests cannot run. build.ps1 -Task Test installs it (apt-get install -y tinyproxy, as root); elsewhere install it yourself.'
    }
    $work = Join-Path ([IO.Path]::GetTempPath()) ("acsts-proxy-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $port = Get-FreeTcpPort
    $log = Join-Path $work 'tinyproxy.log'
    $config = Join-Path $work 'tinyproxy.conf'
    @(
        "Port $port"
        'Listen 127.0.0.1'
        'Timeout 120'
        "LogFile `"$log`""
        'LogLevel Info'
        'MaxClients 100'
        'Allow 127.0.0.1'
        "BasicAuth $User $Password"
        'DisableViaHeader Yes'
    ) | Set-Content -Path $config -Encoding utf8NoBOM
    $process = Start-Process -FilePath $exe.Source -ArgumentList '-d', '-c', $config -PassThru -RedirectStandardOutput (Join-Path $work 'stdout.log') -RedirectStandardError (Join-Path $work 'stderr.log')
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while ($true) {
        if ($process.HasExited) {
            throw "tinyproxy exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $work 'stderr.log') -ErrorAction SilentlyContinue) $(Get-Content -Raw (Join-Path $work 'stdout.log') -ErrorAction SilentlyContinue)"
        }
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); break } catch { } finally { $client.Dispose() }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw "tinyproxy did not listen on 127.0.0.1:$port within 20 s." }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{ Uri = "http://127.0.0.1:$port"; Port = $port; User = $User; LogFile = $log; Process = $process; WorkDir = $work }
}

function Stop-TestProxy {
    [CmdletBinding()]
    param($Proxy)
    if (-not $Proxy) { return }
    if (-not $Proxy.Process.HasExited) { $Proxy.Process.Kill(); $Proxy.Process.WaitForExit(5000) | Out-Null }
    Remove-Item -Recurse -Force $Proxy.WorkDir -ErrorAction SilentlyContinue
}

function Get-TestProxyLog {
    # The proxy's log lines after line number $Since (see Get-TestProxyLogMark).
    [CmdletBinding()]
    param($Proxy, [int] $Since = 0)
    @(Get-Content -Path $Proxy.LogFile -ErrorAction SilentlyContinue | Select-Object -Skip $Since)
}

function Get-TestProxyLogMark { param($Proxy) @(Get-Content -Path $Proxy.LogFile -ErrorAction SilentlyContinue).Count }

function Get-TestProxyConnect {
    # The CONNECT requests the proxy received for 127.0.0.1:$Port since $Since.
    [CmdletBinding()]
    param($Proxy, [int] $Port, [int] $Since = 0)
    @(Get-TestProxyLog -Proxy $Proxy -Since $Since | Where-Object { $_ -match "Request \(file descriptor \d+\): CONNECT 127\.0\.0\.1:$Port " })
}

Export-ModuleMember -Function *
