# The Azure Automation package: build/New-RunbookZip.ps1 (what build.ps1 -Task Package writes to artifacts/) makes a
# .zip with the module folder at its root; it is unpacked and imported on PowerShell 7.4 (Automation's engine), and a
# runbook-like script signs in there with a managed identity (App Service/Automation protocol) against the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Emu = Start-TestEmulator
    $script:Id = Get-TestIdentity
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('acsts-zip-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $script:Version = (Import-PowerShellDataFile (Get-ModuleManifestPath)).ModuleVersion
    $script:Zip = & (Join-Path (Get-RepoRoot) 'build/New-RunbookZip.ps1') -ModulePath (Split-Path (Get-ModuleManifestPath)) -DestinationPath (Join-Path $script:Work "AcsTeamsSecurity-$($script:Version).zip")
    $script:Pwsh74 = Join-Path (Get-RepoRoot) 'build/pwsh74/out/pwsh74'
    Add-Type -AssemblyName System.IO.Compression.FileSystem
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'The Azure Automation zip' {
    It 'is named after the module and its version' {
        $script:Zip.Name | Should -Be "AcsTeamsSecurity-$($script:Version).zip"
        $script:Zip.Length | Should -BeGreaterThan 1MB
    }

    It 'has the module folder at its root, with no version folder, and every file of the built module' {
        $archive = [IO.Compression.ZipFile]::OpenRead($script:Zip.FullName)
        try { $entries = @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
        $entries | Where-Object { $_ -notlike 'AcsTeamsSecurity/*' } | Should -BeNullOrEmpty
        $entries | Should -Contain 'AcsTeamsSecurity/AcsTeamsSecurity.psd1'
        $entries | Should -Contain 'AcsTeamsSecurity/AcsTeamsSecurity.dll'
        $entries | Should -Contain 'AcsTeamsSecurity/dependencies/Azure.Core.dll'
        $entries | Should -Contain 'AcsTeamsSecurity/en-US/AcsTeamsSecurity.dll-Help.xml'
        $entries | Where-Object { $_ -match '^AcsTeamsSecurity/\d+\.\d+' } | Should -BeNullOrEmpty
        $built = @(Get-ChildItem -Recurse -File (Split-Path (Get-ModuleManifestPath))).Count
        @($entries | Where-Object { -not $_.EndsWith('/') }).Count | Should -Be $built
        ($entries | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 100
    }

    It 'refuses a folder that is not a built module' {
        { & (Join-Path (Get-RepoRoot) 'build/New-RunbookZip.ps1') -ModulePath $script:Work -DestinationPath (Join-Path $script:Work 'x.zip') } | Should -Throw '*has no*psd1*'
    }

    It 'unpacked, imports by name on PowerShell 7.4 and runs a managed-identity runbook' {
        Test-Path $script:Pwsh74 | Should -BeTrue -Because 'build.ps1 -Task Test builds the PowerShell 7.4 test host (build/pwsh74)'
        $modules = Join-Path $script:Work 'Modules'
        [IO.Compression.ZipFile]::ExtractToDirectory($script:Zip.FullName, $modules)
        $snapshot = Join-Path (Get-RepoRoot) 'tests/AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot.json'
        $runbook = Join-Path $script:Work 'runbook.ps1'
        Set-Content -Path $runbook -Value @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
'ENGINE ' + `$PSVersionTable.PSVersion + ' ' + [Environment]::Version
Import-Module AcsTeamsSecurity
`$module = Get-Module AcsTeamsSecurity
'MODULE ' + `$module.Version + ' ' + `$module.ModuleBase
'FINDINGS ' + @(Test-ExternalUserSecurity -SnapshotPath '$snapshot').Count
# The runbook: sign in with the Automation account's managed identity, check Graph.
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '$($script:Emu.BaseUrl)' -GraphEndpoint '$($script:Emu.BaseUrl)' -TeamsAdminEndpoint '$($script:Emu.BaseUrl)/teams' -ArmEndpoint '$($script:Emu.BaseUrl)/arm' -Force | Out-Null
`$context = Connect-AcsTeamsSecurity -ManagedIdentity -Environment Emulator -PassThru
'SOURCE ' + `$context.ManagedIdentitySource
Test-AcsTeamsSecurityConnection -Service Graph | ForEach-Object { 'GRAPH ' + `$_.Success }
"@
        $saved = @{ IDENTITY_ENDPOINT = $env:IDENTITY_ENDPOINT; IDENTITY_HEADER = $env:IDENTITY_HEADER }
        try {
            $env:IDENTITY_ENDPOINT = "$($script:Emu.BaseUrl)/msi/token"
            $env:IDENTITY_HEADER = $script:Id.MiHeader
            $output = @(& $script:Pwsh74 -NoProfile -NonInteractive -File $runbook 2>&1 | ForEach-Object { "$_" })
            $exit = $LASTEXITCODE
        }
        finally {
            $env:IDENTITY_ENDPOINT = $saved.IDENTITY_ENDPOINT
            $env:IDENTITY_HEADER = $saved.IDENTITY_HEADER
        }
        $text = $output -join "`n"
        $exit | Should -Be 0 -Because $text
        $text | Should -Match 'ENGINE 7\.4\.\d+ 8\.0\.'
        $output | Should -Contain "MODULE $($script:Version) $(Join-Path $modules 'AcsTeamsSecurity')"
        [int](($output | Where-Object { $_ -like 'FINDINGS *' }) -replace 'FINDINGS ') | Should -BeGreaterOrEqual 28
        $output | Should -Contain 'SOURCE AppService'
        $output | Should -Contain 'GRAPH True'
    }
}
