# Help as an admin meets it: Get-Help from the built module's MAML, for every exported cmdlet.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Cmdlets = @(Get-Command -Module AcsTeamsSecurity | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Get-Help <Name>' -ForEach $script:Cmdlets {
    BeforeAll { $script:Help = Get-Help $Name -Full }

    It 'has a synopsis and a description' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\[' -Because 'the synopsis must not be the auto-generated syntax'
        ($script:Help.description | Out-String).Trim().Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples with code' {
        @($script:Help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $script:Help.examples.example) { $example.code | Should -Not -BeNullOrEmpty }
    }

    It 'describes every parameter' {
        $command = Get-Command $Name
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = Get-Help $Name -Parameter $parameter -ErrorAction SilentlyContinue
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'states the required permissions' {
        ($script:Help.alertSet | Out-String) | Should -Match 'REQUIRED PERMISSIONS'
    }
}

Describe 'Get-Help about_AcsTeamsSecurity_Rules' {
    It 'describes every rule that Get-ExternalUserSecurityRule lists, with its fix' {
        $topic = Get-Help about_AcsTeamsSecurity_Rules | Out-String
        $topic | Should -Match 'about_AcsTeamsSecurity_Rules'
        foreach ($rule in Get-ExternalUserSecurityRule) {
            $topic | Should -Match ([regex]::Escape("$($rule.Id)  $($rule.Title)")) -Because "$($rule.Id) is a rule"
        }

        # The fix of a declared rule comes from its data; the topic and the rule object must show the same command.
        ($topic -replace '\s+', ' ') | Should -Match ([regex]::Escape((Get-ExternalUserSecurityRule -Id ATS.MTG.1).Remediation))
    }
}
