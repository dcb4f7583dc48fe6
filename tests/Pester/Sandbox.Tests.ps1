# build.ps1 -Task Sandbox, non-interactively (-Command), as CI runs it: the README's sandbox-runnable tour lines,
# run as printed in the sandbox pwsh. The module and the emulator are already built by the Test task.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Get-RepoRoot
    $script:Configuration = if ($env:ACSTS_CONFIGURATION) { $env:ACSTS_CONFIGURATION } else { 'Release' }
    $script:Tour = & {
        $inside = $false
        foreach ($line in Get-Content (Join-Path $script:Root 'README.md')) {
            if ($line -match '^```powershell sandbox\s*$') { $inside = $true; continue }
            if ($inside -and $line -match '^```\s*$') { $inside = $false; continue }
            if ($inside) { $line }
        }
    }
}

Describe 'The sandbox (build/Sandbox.ps1, behind build.ps1 -Task Sandbox)' {
    It 'runs every README tour line marked sandbox-runnable, as printed, then stops the emulator' {
        @($script:Tour | Where-Object { $_ -match '^\S' -and $_ -notmatch '^#' }).Count | Should -BeGreaterOrEqual 12
        $probe = @(
            $script:Tour
            "'EMULATOR-PID=' + `$SandboxInfo.pid"
            "if (`$IsLinux) { 'EMULATOR-SID=' + (Get-Content /proc/`$(`$SandboxInfo.pid)/stat).Split(' ')[5]; 'SESSION-SID=' + (Get-Content /proc/`$PID/stat).Split(' ')[5] }"
            "'TOUR-DONE'"
        ) -join "`n"
        $output = @(& (Join-Path $script:Root 'build/Sandbox.ps1') -Configuration $script:Configuration -Command $probe *>&1 | ForEach-Object { "$_" })
        $text = $output -join "`n"
        $text | Should -Match 'PS> Connect-AcsTeamsSecurity -Environment Sandbox -TenantId northwindtraders\.onmicrosoft\.com -ClientId 36a6b5b0-22e7-4f70-a1ea-99b0ef9426e0 -ClientSecret \$secret'
        $text | Should -Match 'Connected to tenant 3493ae3c-e24f-4a96-8776-6d2e0a600e02'
        # The tour it prints is the README's.
        $text | Should -Match ([regex]::Escape('  Test-ExternalUserSecurity -Framework ''CISA SCuBA'' -Status Fail'))
        $output | Should -Contain 'TOUR-DONE'
        $output | Should -Not -Match 'Sandbox command failed'
        # The emulator ran in its own session (a Ctrl+C in the sandbox pwsh does not reach it) and is gone now.
        if ($IsLinux) {
            $emulatorSid = ($output | Where-Object { $_ -like 'EMULATOR-SID=*' }) -replace '^EMULATOR-SID='
            $sessionSid = ($output | Where-Object { $_ -like 'SESSION-SID=*' }) -replace '^SESSION-SID='
            $emulatorSid | Should -Not -BeNullOrEmpty
            $emulatorSid | Should -Not -Be $sessionSid
        }
        $emulatorPid = [int](($output | Where-Object { $_ -like 'EMULATOR-PID=*' }) -replace '^EMULATOR-PID=')
        Get-Process -Id $emulatorPid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Join-Path $script:Root 'artifacts/emulator-ready.json' | Should -Not -Exist
    }

    It 'fails (non-zero) when a command fails, and still stops the emulator' {
        { & (Join-Path $script:Root 'build/Sandbox.ps1') -Configuration $script:Configuration -Command 'Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Tag:NoSuchPolicy' *>&1 | Out-Null } |
            Should -Throw '*sandbox commands failed*'
        Join-Path $script:Root 'artifacts/emulator-ready.json' | Should -Not -Exist
    }
}
