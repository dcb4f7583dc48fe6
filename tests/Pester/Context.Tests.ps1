# The shared auth context: one sign-in per session, tokens cached per service, -Context for several tenants,
# silent renewal, runspaces, disconnect.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-ModuleManifestPath
    Import-Module $script:Manifest -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Token reuse' {
    It 'sends exactly one token request per service for 50 cmdlet calls' {
        Clear-EmulatorRequest -Emulator $script:Emu
        Connect-TestTenant | Out-Null
        for ($i = 0; $i -lt 50; $i++) {
            $results = Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin, Arm
            $results.Authorized | Should -Be @($true, $true, $true)
        }
        $tokens = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra)
        $byResource = $tokens | Group-Object resource
        $byResource.Count | Should -Be 3
        foreach ($group in $byResource) { $group.Count | Should -Be 1 -Because "one token for $($group.Name)" }
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -Be 50
        @(Get-EmulatorRequest -Emulator $script:Emu -Service arm).Count | Should -Be 50
    }

    It 'reports per-service token state without the token' {
        $context = Get-AcsTeamsSecurityContext
        $graph = $context.Tokens | Where-Object Service -EQ Graph
        $graph.Acquired | Should -BeTrue
        $graph.Roles | Should -Contain 'Organization.Read.All'
        $graph.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(50))
        ($context.Tokens | Where-Object Service -EQ Acs).Acquired | Should -BeFalse
        ($context | Format-List | Out-String) | Should -Not -Match 'eyJ'
        ($context | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) | Should -Not -Match 'eyJ'
    }

    It 'renews tokens silently with a 5-second lifetime' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 5 } | Out-Null
        try {
            Connect-TestTenant | Out-Null
            Clear-EmulatorRequest -Emulator $script:Emu
            $deadline = [DateTime]::UtcNow.AddSeconds(12)
            $calls = 0
            while ([DateTime]::UtcNow -lt $deadline) {
                $r = Test-AcsTeamsSecurityConnection -Service TeamsAdmin
                $r.Authorized | Should -BeTrue -Because $r.Detail
                $calls++
                Start-Sleep -Milliseconds 250
            }
            $teamsTokens = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object resource -Like '48ac35b8*')
            $teamsTokens.Count | Should -BeGreaterOrEqual 3
            $teamsTokens.Count | Should -BeLessThan $calls
            @(Get-EmulatorRequest -Emulator $script:Emu -Service teams | Where-Object status -EQ 401).Count | Should -Be 0
        }
        finally {
            Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path "tenants/$($Id.ContosoId)/tokenLifetime" -Body @{ seconds = 3600 } | Out-Null
        }
    }

    It 'recovers from a token the service rejects (401) by renewing it once' {
        Connect-TestTenant | Out-Null
        (Test-AcsTeamsSecurityConnection -Service Arm).Authorized | Should -BeTrue
        # Move the emulator's clock past the token's expiry (plus its 5-minute skew allowance): the cached
        # token now looks valid to the module but expired to the service.
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'clock' -Body @{ advanceSeconds = 3600 + 400 } | Out-Null
        try {
            Clear-EmulatorRequest -Emulator $script:Emu
            $r = Test-AcsTeamsSecurityConnection -Service Arm
            $r.Authorized | Should -BeTrue -Because $r.Detail
            $arm = @(Get-EmulatorRequest -Emulator $script:Emu -Service arm)
            $arm.status | Should -Be @(401, 200)
        }
        finally { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'clock' -Body @{ offsetSeconds = 0 } | Out-Null }
    }
}

Describe 'Several tenants with -Context' {
    It 'drives two tenants side by side, each with its own tokens' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $contoso = Connect-TestTenant -Tenant Contoso
        $fabrikam = Connect-TestTenant -Tenant Fabrikam
        (Get-AcsTeamsSecurityContext).Id | Should -Be $fabrikam.Id
        $contoso.Id | Should -Not -Be $fabrikam.Id
        foreach ($round in 1..3) {
            (Test-AcsTeamsSecurityConnection -Service TeamsAdmin -Context $contoso).Authorized | Should -BeTrue
            (Test-AcsTeamsSecurityConnection -Service TeamsAdmin -Context $fabrikam).Authorized | Should -BeTrue
        }
        $teams = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams)
        @($teams | Where-Object tenantId -EQ $Id.ContosoId).Count | Should -Be 3
        @($teams | Where-Object tenantId -EQ $Id.FabrikamId).Count | Should -Be 3
        $tokens = @(Get-EmulatorRequest -Emulator $script:Emu -Service entra | Where-Object resource -Like '48ac35b8*')
        @($tokens | Where-Object clientId -EQ $Id.ReaderAppId).Count | Should -Be 1
        @($tokens | Where-Object clientId -EQ $Id.FabrikamAppId).Count | Should -Be 1
        $contoso.TenantId | Should -Be $Id.ContosoId
        $fabrikam.TenantId | Should -Be $Id.FabrikamId
    }
}

Describe 'Runspaces share a context' {
    It 'ForEach-Object -Parallel with $using:context acquires one token for 40 calls' {
        $context = Connect-TestTenant
        Clear-EmulatorRequest -Emulator $script:Emu
        $manifest = $script:Manifest
        $results = 1..40 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            Test-AcsTeamsSecurityConnection -Service Graph -Context $using:context
        }
        $results.Count | Should -Be 40
        @($results | Where-Object Authorized).Count | Should -Be 40
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra).Count | Should -Be 0 -Because 'the Graph token from Connect is reused'
    }

    It 'parallel runspaces see the session''s current context without -Context' {
        Connect-TestTenant | Out-Null
        $manifest = $script:Manifest
        $tenants = 1..8 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            (Get-AcsTeamsSecurityContext).TenantId
        }
        $tenants | Sort-Object -Unique | Should -Be $Id.ContosoId
    }
}

Describe 'Disconnect-AcsTeamsSecurity' {
    It 'drops tokens and makes the context unusable' {
        $context = Connect-TestTenant
        (Test-AcsTeamsSecurityConnection -Service Graph).Authorized | Should -BeTrue
        Disconnect-AcsTeamsSecurity
        Get-AcsTeamsSecurityContext | Should -BeNullOrEmpty
        $context.IsConnected | Should -BeFalse
        @($context.Tokens | Where-Object Acquired).Count | Should -Be 0
        { Test-AcsTeamsSecurityConnection -Context $context -ErrorAction Stop } | Should -Throw -ErrorId 'ContextDisconnected,*'
        { Test-AcsTeamsSecurityConnection -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'disconnecting a context that is not current leaves the current one alone' {
        $a = Connect-TestTenant -Tenant Contoso
        $b = Connect-TestTenant -Tenant Fabrikam
        $a | Disconnect-AcsTeamsSecurity
        (Get-AcsTeamsSecurityContext).Id | Should -Be $b.Id
        $a.IsConnected | Should -BeFalse
    }

    It 'is quiet when nothing is connected' {
        Disconnect-AcsTeamsSecurity
        { Disconnect-AcsTeamsSecurity -ErrorAction Stop } | Should -Not -Throw
    }
}
