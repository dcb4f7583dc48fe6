# Tab completion against the emulator: what TabExpansion2 offers for tenant values, from which context, and
# that a device-code context (which could prompt) completes from memory only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:ContosoAcs = '1475c6ac-baa0-425c-8df5-77d8766e3c25'

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Completion without a connection' {
    It 'offers nothing tenant-specific and does not fail' {
        Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
        Get-Completion 'Get-ExternalUserPolicy -Identity ' | Should -BeNullOrEmpty
        Get-Completion 'Test-ExternalUserAccess -Organizer ' | Should -BeNullOrEmpty
    }

    It 'completes rule ids and environments offline' {
        Get-Completion 'Get-ExternalUserSecurityRule -Id ATS.MTG.1' | Should -Contain 'ATS.MTG.1'
        Get-Completion 'Test-ExternalUserSecurity -RuleId ats.acs.' | ForEach-Object { $_ | Should -BeLike 'ATS.ACS.*' }
        Get-Completion 'Connect-AcsTeamsSecurity -Environment Emu' | Should -Be @('Emulator')
    }
}

Describe 'Completion with an app sign-in' {
    BeforeAll {
        $script:Ctx = Connect-TestTenant
    }

    It 'reads policy instance names once, time-boxed, then completes from memory' {
        Clear-EmulatorRequest -Emulator $script:Emu
        Get-Completion 'Get-ExternalUserPolicy -Identity Tag:Open' | Should -Be @('Tag:OpenDoors')
        $reads = @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count
        $reads | Should -BeGreaterThan 0
        Get-Completion 'Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity NoA' | Should -Be @('Tag:NoAcs')
        Get-Completion 'Set-LobbyBypass -Identity Glo' | Should -Be @('Global')
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -Be $reads
    }

    It 'completes the ACS allow-list for -RemoveAllowedAcsResource and -AcsResourceId' {
        Get-Completion 'Set-AcsFederationConfiguration -RemoveAllowedAcsResource ' | Should -Contain $script:ContosoAcs
        Get-Completion "Test-ExternalUserAccess -AcsResourceId $($script:ContosoAcs.Substring(0, 6))" | Should -Be @($script:ContosoAcs)
    }

    It 'lists allow-list GUIDs with the resource name once the context has read the resource from ARM, without asking ARM' {
        $before = @((TabExpansion2 -inputScript ($l = "Test-ExternalUserAccess -AcsResourceId $script:ContosoAcs") -cursorColumn $l.Length).CompletionMatches)
        $before[0].ListItemText | Should -Be $script:ContosoAcs
        # The name resolves through one ARM list of the subscription; completion then shows it beside the GUID.
        Test-ExternalUserAccess -Organizer 'user@contoso.onmicrosoft.com' -AcsResourceId 'contoso-acs' -SubscriptionId '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a' | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $line = 'Set-AcsFederationConfiguration -RemoveAllowedAcsResource 1475'
        $match = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
        $match.CompletionText | Should -Be @($script:ContosoAcs)
        $match[0].ListItemText | Should -Be "$script:ContosoAcs (contoso-acs)"
        $match[0].ToolTip | Should -Match '^contoso-acs: '
        @(Get-EmulatorRequest -Emulator $script:Emu -Service arm).Count | Should -Be 0
    }

    It 'offers organizers only after the context resolved them' {
        Get-Completion 'Test-ExternalUserAccess -Organizer events' | Should -BeNullOrEmpty
        Test-ExternalUserAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' | Out-Null
        Get-Completion 'Get-MeetingExternalAccess -Organizer events' | Should -Be @('events.organizer@contoso.onmicrosoft.com')
        Get-Completion 'Set-LobbyBypass -MeetingId x -Organizer ev' | Should -Be @('events.organizer@contoso.onmicrosoft.com')
    }

    It 'uses the context given with -Context' {
        $other = Connect-TestTenant -Tenant Fabrikam
        try {
            Get-Completion 'Get-MeetingExternalAccess -Context $other -Organizer events' | Should -BeNullOrEmpty
            Get-Completion 'Get-MeetingExternalAccess -Context $script:Ctx -Organizer events' | Should -Be @('events.organizer@contoso.onmicrosoft.com')
        }
        finally { $other | Disconnect-AcsTeamsSecurity }
    }
}

Describe 'Completion with a device-code context' {
    It 'never starts a sign-in and offers only what earlier cmdlets cached' {
        $id = Get-TestIdentity
        $approver = Start-ThreadJob -ArgumentList $script:Emu.BaseUrl, $id.AdminUpn -ScriptBlock {
            param($base, $upn)
            for ($i = 0; $i -lt 200; $i++) {
                $pending = @(Invoke-RestMethod -Uri "$base/_emulator/devicecodes")
                if ($pending.Count -gt 0) {
                    $body = @{ userCode = $pending[0].userCode; userPrincipalName = $upn } | ConvertTo-Json
                    Invoke-RestMethod -Method Post -Uri "$base/_emulator/devicecodes/approve" -Body $body -ContentType 'application/json' | Out-Null
                    return 'approved'
                }
                Start-Sleep -Milliseconds 100
            }
            'timed out'
        }
        $device = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.PublicClientId -DeviceCode -Environment Emulator -PassThru -WarningAction SilentlyContinue
        $approver | Wait-Job -Timeout 30 | Receive-Job | Should -Be 'approved'
        try {
            Clear-EmulatorRequest -Emulator $script:Emu
            $started = [DateTime]::UtcNow
            Get-Completion 'Get-ExternalUserPolicy -Context $device -Identity ' | Should -BeNullOrEmpty
            ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 2
            @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object { $_.service -in 'entra', 'teams' }) | Should -BeNullOrEmpty
            # What an earlier cmdlet of this context read is offered (that read used the device-code sign-in).
            Get-ExternalUserPolicy -Context $device -Identity Global | Out-Null
            Get-Completion 'Get-ExternalUserPolicy -Context $device -Identity Tag:Op' | Should -Be @('Tag:OpenDoors')
        }
        finally { $device | Disconnect-AcsTeamsSecurity }
    }
}
