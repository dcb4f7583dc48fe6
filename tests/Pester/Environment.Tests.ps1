# Environments: built-in clouds and custom ones (how tests and the sandbox point the module at the emulator).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Get-AcsTeamsEnvironment' {
    It 'lists the five built-in clouds with their services' {
        $all = Get-AcsTeamsEnvironment
        ($all | Where-Object IsBuiltIn).Name | Should -Be @('Global', 'GCC', 'GCCHigh', 'DoD', 'China')
        (Get-AcsTeamsEnvironment -Name GCCHigh).GraphEndpoint.Host | Should -Be 'graph.microsoft.us'
        (Get-AcsTeamsEnvironment -Name DoD).GraphEndpoint.Host | Should -Be 'dod-graph.microsoft.us'
        (Get-AcsTeamsEnvironment -Name China).AvailableServices | Should -Not -Contain 'TeamsAdmin'
    }

    It 'supports wildcards and pipeline input' {
        @(Get-AcsTeamsEnvironment -Name 'G*').Name | Should -Be @('Global', 'GCC', 'GCCHigh')
        @('DoD', 'China' | Get-AcsTeamsEnvironment).Count | Should -Be 2
    }

    It 'writes EnvironmentNotFound for an unknown exact name' {
        $null = Get-AcsTeamsEnvironment -Name 'Nowhere' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EnvironmentNotFound,*'
    }
}

Describe 'Add-AcsTeamsEnvironment / Remove-AcsTeamsEnvironment' {
    AfterEach { Get-AcsTeamsEnvironment | Where-Object { -not $_.IsBuiltIn -and $_.Name -like 'PesterEnv*' } | Remove-AcsTeamsEnvironment -Confirm:$false }

    It 'adds a custom environment whose token resources default to Global' {
        $e = Add-AcsTeamsEnvironment -Name PesterEnv1 -AuthorityHost https://login.example.test -GraphEndpoint https://graph.example.test
        $e.IsBuiltIn | Should -BeFalse
        $e.GraphResource | Should -Be 'https://graph.microsoft.com'
        $e.TeamsAdminResource | Should -Be '48ac35b8-9aa8-4d74-927d-1f4a14a0b239'
        $e.AvailableServices | Should -Be @('Graph', 'Acs')
        (Get-AcsTeamsEnvironment -Name PesterEnv1).AuthorityHost.Host | Should -Be 'login.example.test'
    }

    It 'takes token resources from -BasedOn and accepts pipeline input by property name' {
        $e = [pscustomobject]@{ Name = 'PesterEnv2'; AuthorityHost = 'https://login.example.test'; GraphEndpoint = 'https://g.example.test' } | Add-AcsTeamsEnvironment -BasedOn GCCHigh
        $e.GraphResource | Should -Be 'https://graph.microsoft.us'
    }

    It 'refuses a duplicate without -Force and replaces with it' {
        Add-AcsTeamsEnvironment -Name PesterEnv3 -AuthorityHost https://a.example.test | Out-Null
        { Add-AcsTeamsEnvironment -Name PesterEnv3 -AuthorityHost https://b.example.test -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentExists,AcsTeamsSecurity.Commands.Environment.AddAcsTeamsEnvironmentCommand'
        (Add-AcsTeamsEnvironment -Name PesterEnv3 -AuthorityHost https://b.example.test -Force).AuthorityHost.Host | Should -Be 'b.example.test'
    }

    It 'protects built-in environments' {
        { Add-AcsTeamsEnvironment -Name Global -AuthorityHost https://evil.example.test -Force -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentBuiltIn,*'
        { Remove-AcsTeamsEnvironment -Name Global -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentBuiltIn,*'
    }

    It 'rejects endpoints that are not absolute https URLs' -TestCases @(
        @{ Url = 'http://login.example.test' }
        @{ Url = 'https://login.example.test/?x=1' }
    ) {
        { Add-AcsTeamsEnvironment -Name PesterEnv4 -AuthorityHost $Url -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentEndpointInvalid,*'
    }

    It 'rejects a malformed name before doing anything' {
        { Add-AcsTeamsEnvironment -Name 'bad name!' -AuthorityHost https://a.example.test -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'honours -WhatIf on add and remove' {
        Add-AcsTeamsEnvironment -Name PesterEnv5 -AuthorityHost https://a.example.test -WhatIf | Should -BeNullOrEmpty
        Get-AcsTeamsEnvironment -Name PesterEnv5 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Add-AcsTeamsEnvironment -Name PesterEnv5 -AuthorityHost https://a.example.test | Out-Null
        Remove-AcsTeamsEnvironment -Name PesterEnv5 -WhatIf
        Get-AcsTeamsEnvironment -Name PesterEnv5 | Should -Not -BeNullOrEmpty
        Remove-AcsTeamsEnvironment -Name PesterEnv5 -Confirm:$false
        Get-AcsTeamsEnvironment -Name PesterEnv5 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'completes environment names' {
        Add-AcsTeamsEnvironment -Name PesterEnv6 -AuthorityHost https://a.example.test | Out-Null
        $line = 'Connect-AcsTeamsSecurity -Environment Pest'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'PesterEnv6'
        $line = 'Connect-AcsTeamsSecurity -Environment GCC'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('GCC', 'GCCHigh')
    }
}
