<#
.SYNOPSIS
    The sandbox (build.ps1 -Task Sandbox): the local cloud emulator serving the Northwind Traders demo tenant, and a
    pwsh that trusts it, is signed in to it, and shows the tour commands that work there.

.DESCRIPTION
    Expects the module in out/ and the emulator built (build.ps1 -Task Sandbox does both first). Starts the emulator in
    the background in its own session (setsid where it exists), so Ctrl+C in the pwsh it opens does not stop it; the
    emulator writes artifacts/emulator-ready.json (its address and CA files) while it runs. Then starts a pwsh with
    SSL_CERT_FILE set to the emulator's CA bundle (.NET reads it only at process start), which loads
    build/SandboxSession.ps1: import the module, register the environment 'Sandbox', sign in, print the Connect line
    and the tour. When that pwsh exits, the emulator is stopped and the ready file removed.

    -Command runs commands in that pwsh instead of opening it for you, then exits with their result (for CI).
#>
param(
    [string] $Configuration = 'Release',

    # Run these commands in the signed-in sandbox pwsh, non-interactively, and exit (1 on any error).
    [string] $Command
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$artifacts = Join-Path $root 'artifacts'
$work = Join-Path $artifacts 'sandbox'
$ready = Join-Path $artifacts 'emulator-ready.json'
$caDir = Join-Path $artifacts 'emulator-ca'
$dll = Join-Path $root "tests/AcsTeamsSecurity.Emulator/bin/$Configuration/net10.0/AcsTeamsSecurity.Emulator.dll"
foreach ($needed in $dll, (Join-Path $root 'out/AcsTeamsSecurity/AcsTeamsSecurity.psd1')) {
    if (-not (Test-Path $needed)) { throw "$needed is missing: run build.ps1 -Task Sandbox, which builds it first." }
}
New-Item -ItemType Directory -Force -Path $work | Out-Null
Remove-Item $ready -ErrorAction SilentlyContinue

# The emulator: its own session, so a Ctrl+C meant for a command in the sandbox pwsh does not reach it.
$arguments = @($dll, '--fixtures', (Join-Path $root 'tests/AcsTeamsSecurity.Emulator/Fixtures/demo-tenant.json'), '--ca-dir', $caDir, '--port', '0', '--ready-file', $ready)
$setsid = if (-not $IsWindows) { Get-Command setsid -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
$start = @{ PassThru = $true; RedirectStandardOutput = (Join-Path $work 'emulator.log'); RedirectStandardError = (Join-Path $work 'emulator-error.log') }
$emulator = if ($setsid) {
    Start-Process -FilePath $setsid.Source -ArgumentList (@('dotnet') + $arguments) @start
}
else {
    Start-Process -FilePath 'dotnet' -ArgumentList $arguments @start
}

$previous = $env:SSL_CERT_FILE
try {
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $ready)) {
        if ($emulator.HasExited) { throw "The emulator exited with code $($emulator.ExitCode): $(Get-Content -Raw (Join-Path $work 'emulator-error.log'))" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not become ready within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    Start-Sleep -Milliseconds 50
    $info = Get-Content -Raw $ready | ConvertFrom-Json
    Write-Host "==> Sandbox emulator at $($info.baseUrl) (process $($emulator.Id)); address in $ready"

    # SSL_CERT_FILE must be set before the process starts; setting it inside pwsh has no effect on .NET's TLS.
    $env:SSL_CERT_FILE = $info.bundleFile
    $session = Join-Path $PSScriptRoot 'SandboxSession.ps1'
    # The pwsh this script runs in: the dotnet tool (dotnet <PSHOME>/pwsh.dll), or a self-contained host such as the
    # PowerShell 7.4 test host, whose PSHOME has no pwsh.dll (then the host's own executable).
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $hostCommand = @(if (Test-Path $pwshDll) { 'dotnet', $pwshDll } else { [Environment]::ProcessPath })
    $hostArgs = @($hostCommand | Select-Object -Skip 1)
    if ($Command) {
        $script = Join-Path $work 'command.ps1'
        @(
            '$ErrorActionPreference = ''Stop'''
            "try { . '$($session -replace "'", "''")' -Root '$($root -replace "'", "''")'"
            $Command
            '} catch { Write-Host ("Sandbox command failed: " + $_.Exception.Message + " (" + $_.FullyQualifiedErrorId + ")"); exit 1 }'
        ) | Set-Content -Path $script -Encoding utf8NoBOM
        & $hostCommand[0] @hostArgs -NoProfile -NonInteractive -File $script
        if ($LASTEXITCODE -ne 0) { throw "The sandbox commands failed (exit code $LASTEXITCODE)." }
    }
    else {
        Write-Host '==> Opening the sandbox pwsh; type exit to leave it and stop the emulator.'
        $child = Start-Process -FilePath $hostCommand[0] -ArgumentList @($hostArgs + @('-NoExit', '-NoProfile', '-Command', ". '$session' -Root '$root'")) -NoNewWindow -PassThru
        try {
            # Polling, so a Ctrl+C that also reaches this process lands here, not in the middle of a blocking wait.
            while (-not $child.WaitForExit(500)) { }
        }
        finally {
            # Whatever happened here, the sandbox pwsh keeps its emulator until the user leaves it.
            $child.WaitForExit()
        }
    }
}
finally {
    $env:SSL_CERT_FILE = $previous
    if (Test-Path $ready) {
        try { Invoke-RestMethod -Method Post -Uri "$(((Get-Content -Raw $ready) | ConvertFrom-Json).baseUrl.TrimEnd('/'))/_emulator/shutdown" -TimeoutSec 5 -SkipCertificateCheck | Out-Null } catch { }
    }
    if (-not $emulator.WaitForExit(5000)) { $emulator.Kill() }
    Remove-Item $ready -ErrorAction SilentlyContinue
    Write-Host '==> Sandbox emulator stopped.'
}
