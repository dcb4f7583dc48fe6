#requires -Version 7.2
<#
.SYNOPSIS
    The one entry point for building, testing, demoing, benchmarking and packaging AcsTeamsSecurity.

.DESCRIPTION
    Build    publishes the importable module to out/AcsTeamsSecurity (stamped manifest, DLL, format file,
             MAML help, third-party DLLs under dependencies/).
    Test     Build, then xunit (module logic and help builder), then the whole Pester suite against out/ and the
             local cloud emulator, once on PowerShell 7.6 (the dotnet tool) and once on PowerShell 7.4 LTS (the
             test host build/pwsh74, built from NuGet in the tools restore), then the contract-coverage check (every
             request Pester made is in docs/CONTRACTS.md) and Microsoft's JS clients against the emulator
             (tests/official-clients; needs node 20+ and npm); prints one final line "N passed, N failed".
    Demo     Starts the sandbox (the emulator with the demo tenant) and runs the main job against it.
    Sandbox  Starts the emulator with the demo tenant in the background (address in artifacts/emulator-ready.json)
             and opens a pwsh that trusts it and is signed in to it, with the tour commands that work there; the
             emulator stops when that pwsh exits. With -Command, runs those commands there and exits (CI).
    Bench    Runs the benchmark harness and writes bench/results.json.
    Package  Builds the Gallery package, installs it from a local folder repository into a scratch
             module path and imports it from there; also writes artifacts/AcsTeamsSecurity-<version>.zip
             (the module folder at the zip root: what Azure Automation runtime environments accept).
    Clean    Removes out/ and artifacts/.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Sandbox', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Pester tag filter for quicker local runs (CI runs everything).
    [string[]] $PesterTag,

    # Quicker local runs: only these Pester files (paths or names under tests/Pester), and/or no xunit.
    [string[]] $PesterPath,
    [switch] $SkipXunit,

    # The PowerShell engines Pester runs on: both by default (7.6 from the dotnet tool, 7.4 LTS from build/pwsh74).
    [ValidateSet('All', '7.6', '7.4')]
    [string] $PesterEngine = 'All',

    # Sandbox: run these commands in the signed-in sandbox pwsh and exit, instead of opening it (for CI).
    [string] $Command
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'AcsTeamsSecurity'
$artifacts = Join-Path $root 'artifacts'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'
$env:NO_COLOR = '1'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    Write-Host "==> $What"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))
    $node = $props.Project.PropertyGroup | ForEach-Object { $_.VersionPrefix } | Where-Object { $_ } | Select-Object -First 1
    if (-not $node) { throw 'VersionPrefix not found in Directory.Build.props.' }
    return $node
}

function Get-ReleaseNote([string] $Version) {
    # The CHANGELOG.md section of this version, else the Unreleased one: the Gallery shows it as the release notes.
    $lines = Get-Content (Join-Path $root 'CHANGELOG.md')
    foreach ($heading in "## [$Version]", '## [Unreleased]') {
        $start = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.StartsWith($heading) })
        if ($start -lt 0) { continue }
        $end = [array]::FindIndex($lines, $start + 1, [Predicate[string]] { param($l) $l.StartsWith('## ') })
        if ($end -lt 0) { $end = $lines.Count }
        return (($lines[($start + 1)..($end - 1)] -join "`n").Trim())
    }
    throw "CHANGELOG.md has neither a '## [$Version]' nor a '## [Unreleased]' section."
}

function Invoke-Build {
    $version = Get-ModuleVersion
    $publish = Join-Path $artifacts 'publish'
    Remove-Item -Recurse -Force $publish, $moduleOut -ErrorAction SilentlyContinue
    Invoke-Native 'Publishing the module' { dotnet publish (Join-Path $root 'src/AcsTeamsSecurity/AcsTeamsSecurity.csproj') -c $Configuration -o $publish --nologo -v quiet }
    Invoke-Native 'Building the help builder' { dotnet build (Join-Path $root 'build/HelpBuilder/HelpBuilder.csproj') -c $Configuration --nologo -v quiet }

    # Every DLL of the publish output ships, with no allow or deny list: the output is exactly the runtime closure
    # of Azure.Core (with the Azure.Identity credentials, MSAL, System.ClientModel), and each
    # file in it is referenced by an assembly in that closure. Trimming happens at the package references instead
    # (no Graph SDK, no Azure.Identity facade). Why the rest stays:
    # - System.* and Microsoft.Bcl.AsyncInterfaces: Windows PowerShell 5.1 (.NET Framework 4.7.2, netstandard2.0)
    #   has none of them at these versions. On PowerShell 7 the resolver defers to the host's own newer copies
    #   (ResolverPolicy.ForPrivateContextLoad), so there they are inert but harmless.
    # - Microsoft.Extensions.* (and System.ComponentModel.Annotations under Options): Azure.Core and System.ClientModel
    #   reference them directly (logging, configuration, hosting integration). A normal session does not load them,
    #   but a code path that does would fail with FileNotFoundException, so they are kept (about 0.5 MB).
    # No JSON-schema library ships: snapshots are validated by the module's own code (docs/ARCHITECTURE.md).
    $deps = Join-Path $moduleOut 'dependencies'
    New-Item -ItemType Directory -Force -Path $deps | Out-Null
    foreach ($file in Get-ChildItem $publish -File) {
        switch -Regex ($file.Name) {
            '^AcsTeamsSecurity\.(dll|pdb)$' { Copy-Item $file.FullName $moduleOut; break }
            '^AcsTeamsSecurity\.(deps\.json|xml)$' { break }
            '^AcsTeamsSecurity\.Format\.ps1xml$' { break }
            '\.dll$' { Copy-Item $file.FullName $deps; break }
            default { }
        }
    }
    Copy-Item (Join-Path $root 'src/AcsTeamsSecurity/AcsTeamsSecurity.Format.ps1xml') $moduleOut

    # Stamp the version into the manifest copy.
    $manifest = Get-Content -Raw (Join-Path $root 'AcsTeamsSecurity.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'"
    # PowerShell's own single-quote escaping (also doubles the Unicode quotes ‘ ’ ‚ ‛, which end a quoted string too).
    $notes = [System.Management.Automation.Language.CodeGeneration]::EscapeSingleQuotedStringContent((Get-ReleaseNote -Version $version))
    $manifest = $manifest -replace "ReleaseNotes(\s*)=(\s*)'[^']*'", { "ReleaseNotes$($_.Groups[1].Value)=$($_.Groups[2].Value)'$notes'" }
    Set-Content -Path (Join-Path $moduleOut 'AcsTeamsSecurity.psd1') -Value $manifest -Encoding utf8NoBOM

    # Help: markdown in en-US/ -> MAML.
    $helpBuilder = Join-Path $root "build/HelpBuilder/bin/$Configuration/net10.0/HelpBuilder.dll"
    Invoke-Native 'Building MAML help' { dotnet $helpBuilder build --source (Join-Path $root 'en-US') --output (Join-Path $moduleOut 'en-US') }

    foreach ($notice in 'LICENSE', 'THIRD-PARTY-NOTICES.md') {
        $path = Join-Path $root $notice
        if (Test-Path $path) { Copy-Item $path $moduleOut }
    }

    $files = Get-ChildItem -Recurse -File $moduleOut
    $size = ($files | Measure-Object Length -Sum).Sum / 1MB
    Write-Host ("==> Module {0} in {1}: {2} files, {3:N1} MB" -f $version, $moduleOut, $files.Count, $size)
}

function Initialize-EmulatorCa {
    $caDir = Join-Path $artifacts 'emulator-ca'
    $emulator = Join-Path $root "tests/AcsTeamsSecurity.Emulator/bin/$Configuration/net10.0/AcsTeamsSecurity.Emulator.dll"
    Invoke-Native 'Preparing the emulator CA' { dotnet $emulator --init-ca $caDir | Out-Null }
    return (Join-Path $caDir 'bundle.pem')
}

function Read-TrxCounts([string] $Path) {
    $xml = [xml](Get-Content -Raw $Path)
    $c = $xml.TestRun.ResultSummary.Counters
    return [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Total = [int]$c.total }
}

function Install-TestTool {
    # Tests that need real programs. CI runs as root on Debian/Ubuntu: install each one when it is missing
    # (apt-get update only if the first attempt fails). When that is impossible, the tests that need it fail, loudly.
    #   tinyproxy: Proxy.Tests.ps1 runs a real proxy.
    #   chromium:  the HTML audit report is checked in a real headless browser (xunit Audit/ReportChromiumTests);
    #              the tests pass --no-sandbox, which Chromium needs when it runs as root.
    $tools = @(
        [pscustomobject]@{ Command = 'tinyproxy'; Package = 'tinyproxy'; For = 'Proxy.Tests.ps1' }
        [pscustomobject]@{ Command = 'chromium'; Package = 'chromium'; For = 'the HTML report tests (ReportChromiumTests)' }
    )
    $missing = @($tools | Where-Object { -not (Get-Command $_.Command -CommandType Application -ErrorAction SilentlyContinue) })
    if ($missing.Count -eq 0) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) {
        foreach ($tool in $missing) {
            Write-Host "==> $($tool.Command) is missing and apt-get is not available: install $($tool.Package), or $($tool.For) fails."
        }
        return
    }
    $asRoot = (id -u) -eq '0'
    function Invoke-AptGet { if ($asRoot) { & apt-get @args } else { & sudo -n apt-get @args } }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $updated = $false
    foreach ($tool in $missing) {
        Write-Host "==> Installing $($tool.Package) (for $($tool.For))"
        Invoke-AptGet install -y -qq $tool.Package
        if ($LASTEXITCODE -ne 0 -and -not $updated) {
            Invoke-AptGet update -qq
            $updated = $true
            Invoke-AptGet install -y -qq $tool.Package
        }
        if (-not (Get-Command $tool.Command -CommandType Application -ErrorAction SilentlyContinue)) {
            Write-Host "==> $($tool.Package) could not be installed: $($tool.For) will fail."
        }
    }
}

function Initialize-Pwsh74 {
    # The PowerShell 7.4 LTS test host (Azure Automation's engine): Microsoft.PowerShell.SDK 7.4.x, self-contained
    # on the .NET 8 runtime pack, all from NuGet (build/pwsh74). The SDK has no Modules/ folder, so the inbox module
    # manifests come from the pwsh tool package (they bind to the 7.4 assemblies beside them). Skipped when the
    # published host is newer than its sources. Returns the host's executable.
    $project = Join-Path $root 'build/pwsh74'
    $hostOut = Join-Path $project 'out'
    $exe = Join-Path $hostOut 'pwsh74'
    $sources = Get-ChildItem $project -File | Where-Object Extension -In '.csproj', '.cs', '.props'
    $stamp = Join-Path $hostOut 'pwsh74.stamp'
    $upToDate = (Test-Path $exe) -and (Test-Path $stamp) -and -not ($sources | Where-Object { $_.LastWriteTimeUtc -gt (Get-Item $stamp).LastWriteTimeUtc })
    if ($upToDate) { return $exe }
    Remove-Item -Recurse -Force $hostOut -ErrorAction SilentlyContinue
    Invoke-Native 'Publishing the PowerShell 7.4 test host' { dotnet publish (Join-Path $project 'Pwsh74.csproj') -c Release -o $hostOut --nologo -v quiet | Out-Host }
    $tool = (Get-Content -Raw (Join-Path $root 'dotnet-tools.json') | ConvertFrom-Json).tools.powershell.version
    $globalPackages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $inbox = Get-ChildItem -Directory -Path (Join-Path $globalPackages "powershell/$tool/tools") | ForEach-Object { Join-Path $_.FullName 'any/unix/Modules' } | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $inbox) { throw "The pwsh tool package $tool has no Modules folder under $globalPackages (run dotnet tool restore)." }
    $modules = New-Item -ItemType Directory -Force -Path (Join-Path $hostOut 'Modules')
    foreach ($name in 'Microsoft.PowerShell.Utility', 'Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Security', 'Microsoft.PowerShell.Host', 'Microsoft.PowerShell.ThreadJob', 'Microsoft.PowerShell.Archive') {
        Copy-Item -Recurse -Force (Join-Path $inbox $name) $modules
    }
    $version = & $exe -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString() + " on .NET " + [Environment]::Version'
    if ($LASTEXITCODE -ne 0 -or "$version" -notlike '7.4.*') { throw "The PowerShell 7.4 test host does not start: $version" }
    Write-Host "==> PowerShell 7.4 test host: $version"
    Set-Content -Path $stamp -Value $version
    return $exe
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native 'Building the emulator and test projects' { dotnet build (Join-Path $root 'AcsTeamsSecurity.sln') -c $Configuration --nologo -v quiet }

    Install-TestTool
    $passed = 0; $failed = 0
    $results = Join-Path $artifacts 'test-results'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    $xunitProjects = if ($SkipXunit) { @() } else { @('tests/AcsTeamsSecurity.Tests/AcsTeamsSecurity.Tests.csproj', 'tests/HelpBuilder.Tests/HelpBuilder.Tests.csproj') }
    foreach ($project in $xunitProjects) {
        $name = [IO.Path]::GetFileNameWithoutExtension($project)
        Write-Host "==> xunit: $name"
        dotnet test (Join-Path $root $project) -c $Configuration --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory $results
        $trx = Join-Path $results "$name.trx"
        if (-not (Test-Path $trx)) { Write-Host "no test results from $name"; $failed++; continue }
        $counts = Read-TrxCounts $trx
        Write-Host ("    {0}: {1} passed, {2} failed" -f $name, $counts.Passed, $counts.Failed)
        $passed += $counts.Passed; $failed += $counts.Failed
    }

    # Pester: a fresh pwsh that trusts the emulator's CA from the start (SSL_CERT_FILE must be set
    # before the process starts; setting it inside pwsh has no effect on .NET's TLS). The whole suite runs on
    # each engine, one after the other (2 cores: running them side by side would only slow both down).
    Invoke-Native 'Restoring Pester' { dotnet restore (Join-Path $root 'build/tools/Tools.csproj') --nologo -v quiet }
    $engines = [ordered]@{}
    if ($PesterEngine -in 'All', '7.6') { $engines['7.6'] = @('dotnet', 'pwsh') }
    if ($PesterEngine -in 'All', '7.4') { $engines['7.4'] = @(Initialize-Pwsh74) }
    $bundle = Initialize-EmulatorCa
    # Every emulator the suite starts appends each request's method and path template here (docs/CONTRACTS.md check).
    $contractLog = Join-Path $results 'contract-requests.tsv'
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    Remove-Item $contractLog -ErrorAction SilentlyContinue
    foreach ($engine in $engines.Keys) {
        $summary = Join-Path $results "pester-$engine-summary.json"
        $pesterArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1'), '-SummaryPath', $summary, '-Configuration', $Configuration)
        if ($PesterTag) { $pesterArgs += @('-Tag', ($PesterTag -join ',')) }
        if ($PesterPath) {
            $files = foreach ($p in $PesterPath) { if (Test-Path $p) { (Resolve-Path $p).Path } else { Join-Path $root "tests/Pester/$p" } }
            $pesterArgs += @('-Path', ($files -join ','))
        }
        Write-Host "==> Pester on PowerShell $engine (fresh pwsh, built module, local cloud emulator)"
        $previous = $env:SSL_CERT_FILE
        $started = [DateTime]::UtcNow
        try {
            $env:SSL_CERT_FILE = $bundle
            $env:ACSTS_EMULATOR_CONTRACT_LOG = $contractLog
            $command = @($engines[$engine])
            $hostArgs = @($command | Select-Object -Skip 1)
            & $command[0] @hostArgs @pesterArgs
        }
        finally {
            $env:SSL_CERT_FILE = $previous
            $env:ACSTS_EMULATOR_CONTRACT_LOG = $null
        }
        $elapsed = [DateTime]::UtcNow - $started
        if (Test-Path $summary) {
            $p = Get-Content -Raw $summary | ConvertFrom-Json
            $line = "    Pester on PowerShell {0}: {1} passed, {2} failed, {3} skipped ({4:mm\:ss})" -f $engine, $p.Passed, $p.Failed, $p.Skipped, $elapsed
            $passed += [int]$p.Passed; $failed += [int]$p.Failed
        }
        else {
            $line = "    Pester on PowerShell ${engine}: produced no summary."
            $failed++
        }
        Write-Host $line
    }

    # One test: every request the module sent is a row of docs/CONTRACTS.md (fails on an empty log too).
    $coverage = & (Join-Path $root 'build/Test-ContractCoverage.ps1') -LogPath $contractLog -TablePath (Join-Path $root 'docs/CONTRACTS.md')
    if ($coverage.Passed) { $passed++ } else { $failed++ }

    # Microsoft's own JS clients against the emulator (tests/official-clients).
    $official = & (Join-Path $root 'build/Invoke-OfficialClientTest.ps1') -Root $root -ResultsDir $results -CaDir (Join-Path $artifacts 'emulator-ca') `
        -EmulatorDll (Join-Path $root "tests/AcsTeamsSecurity.Emulator/bin/$Configuration/net10.0/AcsTeamsSecurity.Emulator.dll")
    Write-Host ("    Official clients: {0} passed, {1} failed" -f $official.Passed, $official.Failed)
    $passed += $official.Passed; $failed += $official.Failed

    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-WithSandbox {
    # Builds the module and the emulator, then runs a script in a fresh pwsh that trusts the emulator's CA
    # (SSL_CERT_FILE must be set before the process starts; setting it inside pwsh has no effect on .NET's TLS).
    param([string] $What, [string] $Script)
    Invoke-Build
    Invoke-Native 'Building the emulator' { dotnet build (Join-Path $root 'tests/AcsTeamsSecurity.Emulator/AcsTeamsSecurity.Emulator.csproj') -c $Configuration --nologo -v quiet }
    $bundle = Initialize-EmulatorCa
    $previous = $env:SSL_CERT_FILE
    try {
        $env:SSL_CERT_FILE = $bundle
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root $Script) -Configuration $Configuration
        if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
    }
    finally {
        $env:SSL_CERT_FILE = $previous
    }
}

function Invoke-Demo { Invoke-WithSandbox -What 'The demo' -Script 'build/Demo.ps1' }

function Invoke-Sandbox {
    Invoke-Build
    Invoke-Native 'Building the emulator' { dotnet build (Join-Path $root 'tests/AcsTeamsSecurity.Emulator/AcsTeamsSecurity.Emulator.csproj') -c $Configuration --nologo -v quiet }
    Initialize-EmulatorCa | Out-Null
    & (Join-Path $root 'build/Sandbox.ps1') -Configuration $Configuration -Command $Command
}

function Invoke-Bench { Invoke-WithSandbox -What 'The benchmark' -Script 'bench/Invoke-Benchmark.ps1' }

function Invoke-Package {
    Invoke-Build
    $repo = Join-Path $artifacts 'psrepo'
    $scratch = Join-Path $artifacts 'scratch-modules'
    Remove-Item -Recurse -Force $repo, $scratch -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $repo, $scratch | Out-Null
    & dotnet pwsh -NoProfile -NonInteractive -Command {
        param($moduleOut, $repo, $scratch, $snapshot)
        $ErrorActionPreference = 'Stop'
        Compress-PSResource -Path $moduleOut -DestinationPath $repo
        $nupkg = Get-ChildItem $repo -Filter '*.nupkg' | Select-Object -First 1
        Write-Host ("==> Package {0}: {1:N1} MB" -f $nupkg.Name, ($nupkg.Length / 1MB))
        Register-PSResourceRepository -Name AcsTeamsSecurityLocal -Uri $repo -Trusted -Force
        try {
            Save-PSResource -Name AcsTeamsSecurity -Repository AcsTeamsSecurityLocal -Path $scratch -TrustRepository
        }
        finally {
            Unregister-PSResourceRepository -Name AcsTeamsSecurityLocal
        }
        $installed = Get-ChildItem -Recurse -Path $scratch -Filter 'AcsTeamsSecurity.psd1' | Select-Object -First 1
        $files = Get-ChildItem -Recurse -File $installed.Directory
        Write-Host ("==> Installed to {0}: {1} files" -f $installed.Directory, $files.Count)
        Import-Module $installed.FullName -ErrorAction Stop
        $commands = Get-Command -Module AcsTeamsSecurity
        Write-Host ("==> Imported from the installed copy: {0} cmdlets" -f $commands.Count)
        if ((Get-Module AcsTeamsSecurity).ModuleBase -ne $installed.Directory.FullName) { throw 'The module did not load from the installed copy.' }
        # Smoke test without any network: help, the rule catalogue, and an offline audit of a snapshot fixture.
        $help = Get-Help Test-ExternalUserSecurity -Full
        if (-not $help.Synopsis -or @($help.Examples.Example).Count -lt 2) { throw 'Help is missing from the installed copy.' }
        $findings = @(Test-ExternalUserSecurity -SnapshotPath $snapshot)
        if ($findings.Count -lt 28 -or @($findings | Where-Object Status -EQ 'Error').Count) { throw "The offline audit from the installed copy gave $($findings.Count) findings." }
        Write-Host ("==> Smoke test: help, {0} rules, offline audit with {1} findings" -f @(Get-ExternalUserSecurityRule).Count, $findings.Count)
    } -args $moduleOut, $repo, $scratch, (Join-Path $root 'tests/AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot.json')
    if ($LASTEXITCODE -ne 0) { throw 'Packaging failed.' }

    # Azure Automation takes a .zip with the module folder at its root (docs/scenarios/monthly-audit-runbook.md).
    # tests/Pester/Package.Tests.ps1 makes the same zip, unpacks it and imports it on PowerShell 7.4.
    $zip = & (Join-Path $root 'build/New-RunbookZip.ps1') -ModulePath $moduleOut -DestinationPath (Join-Path $artifacts "AcsTeamsSecurity-$(Get-ModuleVersion).zip")
    Write-Host ("==> Azure Automation package {0}: {1:N1} MB" -f $zip.FullName, ($zip.Length / 1MB))
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Sandbox' { Invoke-Sandbox }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Remove-Item -Recurse -Force $out, $artifacts -ErrorAction SilentlyContinue }
}
