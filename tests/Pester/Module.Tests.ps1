# The built module as users get it: manifest, exports, format views, import cost-free of SDK loads.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-ModuleManifestPath
    Import-Module $script:Manifest -Force
}

Describe 'Module manifest and layout' {
    It 'passes Test-ModuleManifest with a stamped version' {
        $info = Test-ModuleManifest -Path $script:Manifest
        $info.Version | Should -Not -Be ([version]'0.0.0')
        $info.CompatiblePSEditions | Should -Contain 'Core'
        $info.Author | Should -Not -BeNullOrEmpty
        $info.Description | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets the assembly declares, and nothing else' {
        $module = Get-Module AcsTeamsSecurity
        $declared = [AcsTeamsSecurity.ModuleLifetime].Assembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($declared)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'keeps third-party assemblies under dependencies/ and out of RequiredAssemblies' {
        $dir = Split-Path $script:Manifest
        Test-Path (Join-Path $dir 'dependencies/Azure.Core.dll') | Should -BeTrue
        # Graph is called through the module's own JSON client: the Graph SDK and Kiota are not shipped.
        @(Get-ChildItem (Join-Path $dir 'dependencies') -Filter '*.dll' | Where-Object Name -Match '^Microsoft\.(Graph|Kiota)').Name | Should -BeNullOrEmpty
        @(Get-ChildItem $dir -Filter '*.dll' -File).Name | Should -Be @('AcsTeamsSecurity.dll')
        (Import-PowerShellDataFile $script:Manifest).RequiredAssemblies | Should -BeNullOrEmpty
        Test-Path (Join-Path $dir 'en-US/AcsTeamsSecurity.dll-Help.xml') | Should -BeTrue
    }

    It 'has a format view for every output type' {
        $formats = (Get-FormatData -TypeName AcsTeamsSecurity.*).TypeNames
        $outputTypes = Get-Command -Module AcsTeamsSecurity | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -and $_ -ne 'System.Void' } | Sort-Object -Unique
        $outputTypes | Should -Not -BeNullOrEmpty
        foreach ($type in $outputTypes) { $formats | Should -Contain $type }
        (Get-FormatData -TypeName AcsTeamsSecurity.Models.TokenState) | Should -Not -BeNullOrEmpty
    }

    It 'has a table view for every output type, and Detail list views for findings, rules and access results' {
        $outputTypes = Get-Command -Module AcsTeamsSecurity | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -and $_ -ne 'System.Void' } | Sort-Object -Unique
        foreach ($type in $outputTypes) {
            $controls = @((Get-FormatData -TypeName $type).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name })
            $controls | Should -Contain 'TableControl' -Because "$type needs a table view for Format-Table"
        }
        foreach ($type in 'ExternalUserSecurityFinding', 'ExternalUserSecurityRule', 'ExternalUserAccessResult') {
            $views = (Get-FormatData -TypeName "AcsTeamsSecurity.Models.$type").FormatViewDefinition
            ($views | Where-Object Name -EQ 'Detail').Control | Should -BeOfType [System.Management.Automation.ListControl]
        }
    }

    It 'imports in a fresh process with autoloading off and loads no SDK assembly until needed' {
        # Its own empty cache folder: pwsh replays the JIT startup profile an earlier process left in
        # ~/.cache/powershell on a background thread, and that replay can ask the runtime for Azure.Core and MSAL by
        # name (earlier tests load them into the default context) after the module's resolver is registered. That is
        # the host's warm-up, not the module loading anything; seen intermittently on PowerShell 7.4 under load.
        $cache = Join-Path ([IO.Path]::GetTempPath()) ('acsts-cache-' + [guid]::NewGuid().ToString('N'))
        $result = Invoke-FreshPwsh -Environment @{ XDG_CACHE_HOME = $cache } -Script @"
`$PSModuleAutoLoadingPreference = 'None'
Import-Module '$($script:Manifest)' -ErrorAction Stop
Get-AcsTeamsEnvironment | Out-Null
([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'Azure.Core','Microsoft.Identity.Client' }).Count
"@
        Remove-Item -Recurse -Force $cache -ErrorAction SilentlyContinue
        $result.ExitCode | Should -Be 0
        $result.Output[-1] | Should -Be '0'
    }
}
