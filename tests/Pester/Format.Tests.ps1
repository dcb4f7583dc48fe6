# The format file against real output from the emulator: every table fits a 120-column console without
# dropping a column, and the Detail list views show what they promise.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    # The Purview plane needs its own endpoints and app; connected first so the reader's context stays current.
    $base = $script:Emu.BaseUrl
    Add-AcsTeamsEnvironment -Name PurviewEmulator -AuthorityHost $base -GraphEndpoint $base -TeamsAdminEndpoint "$base/teams" -ArmEndpoint "$base/arm" -ComplianceEndpoint "$base/compliance" -ExchangeEndpoint "$base/exchange" -Force | Out-Null
    $purviewCtx = Connect-AcsTeamsSecurity -TenantId contoso.onmicrosoft.com -ClientId '9f3c2b7e-1d4a-4e8f-a6b5-3c2d1e0f9a8b' -ClientSecret (ConvertTo-TestSecureString 'Cto8Q~EmuSecret-PurviewApp-5e1a9c3f7b2d4e6a8c0e2b4d6f8a1c3e5b7d9f0a') -Environment PurviewEmulator -PassThru
    $dataProtection = Get-ExternalUserDataProtection -Context $purviewCtx
    $id = Get-TestIdentity
    $endpoint = (Get-TestAcsEndpoint $script:Emu contoso-acs)
    $script:Ctx = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -AcsEndpoint $endpoint -PassThru
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-fmt-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    $range = @{ StartDateTime = (Get-Date).AddDays(-60); EndDateTime = (Get-Date).AddDays(400) }
    $guest = New-AcsGuestToken -Count 1
    $access = @(Test-ExternalUserAccess -Organizer 'lockdown.organizer@contoso.onmicrosoft.com', 'events.organizer@contoso.onmicrosoft.com' -AcsResourceId '64a11489-1ac1-4d7a-9575-50ba9a248104')
    $summary = Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'before.json')
    Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -Force -Confirm:$false
    # Every cmdlet output type, from real calls (AcsTeamsUserToken needs a Teams user's own token: view only).
    $script:Samples = [ordered]@{
        AcsTeamsSecurityContext          = @($script:Ctx)
        TokenState                       = @($script:Ctx.Tokens)
        AcsTeamsEnvironment              = @(Get-AcsTeamsEnvironment)
        ConnectionTestResult             = @(Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin)
        ContractCheckResult              = @(Test-AcsTeamsSecurityContract)
        ExternalUserDataProtection       = @($dataProtection)
        AcsIdentity                      = @(New-AcsIdentity -Count 2)
        AcsGuestToken                    = @($guest)
        AcsTokenInfo                     = @($guest | ConvertFrom-AcsToken)
        MeetingPolicySettings            = @(Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy)
        ExternalAccessPolicySettings     = @(Get-ExternalUserPolicy -PolicyType ExternalAccessPolicy)
        AcsFederationConfiguration       = @(Get-AcsFederationConfiguration)
        ExternalUserAccessResult         = $access
        AccessDecision                   = @($access.Decisions)
        MeetingExternalAccess            = @(Get-MeetingExternalAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' @range)
        ExternalUserSecurityRule         = @(Get-ExternalUserSecurityRule)
        ExternalUserSecurityFinding      = @(Test-ExternalUserSecurity)
        ExternalUserConfigurationSummary = @($summary)
        ExternalUserFleetTenant          = @(Test-ExternalUserSecurity -ThrottleLimit 1 -InformationAction Ignore)
        ExternalUserConfigurationChange  = @(Compare-ExternalUserConfiguration -Reference (Join-Path $script:Dir 'before.json'))
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Remove-AcsTeamsEnvironment -Name PurviewEmulator -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Default table output' {
    It 'covers every output type of every cmdlet' {
        $outputTypes = Get-Command -Module AcsTeamsSecurity | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -and $_ -ne 'System.Void' } | ForEach-Object { $_.Split('.')[-1] } | Sort-Object -Unique
        $missing = $outputTypes | Where-Object { $_ -notin $script:Samples.Keys -and $_ -ne 'AcsTeamsUserToken' }
        $missing | Should -BeNullOrEmpty
    }

    It '<_> fits 120 columns and shows every column' -ForEach @(
        'AcsTeamsSecurityContext', 'TokenState', 'AcsTeamsEnvironment', 'ConnectionTestResult', 'AcsIdentity', 'AcsGuestToken',
        'AcsTokenInfo', 'MeetingPolicySettings', 'ExternalAccessPolicySettings', 'AcsFederationConfiguration',
        'ExternalUserAccessResult', 'AccessDecision', 'MeetingExternalAccess', 'ExternalUserSecurityRule',
        'ExternalUserSecurityFinding', 'ExternalUserConfigurationSummary', 'ExternalUserConfigurationChange', 'ContractCheckResult',
        'ExternalUserFleetTenant'
    ) {
        $items = $script:Samples[$_]
        $items | Should -Not -BeNullOrEmpty -Because "the emulator should produce a $_"
        $text = $items | Format-Table | Out-String -Width 120
        $lines = $text -split "`r?`n"
        $long = @($lines | Where-Object { $_.Length -gt 120 })
        $long | Should -BeNullOrEmpty -Because "every line of the $_ table must fit 120 columns"
        $table = (Get-FormatData -TypeName $items[0].GetType().FullName).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $header = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
        foreach ($label in $table.Control.Headers.Label) {
            $header | Should -Match ([regex]::Escape($label)) -Because "the $_ table must not drop the $label column at 120 columns"
        }
    }
}

Describe 'Detail list views' {
    It 'shows evidence, remediation and mappings of a finding' {
        $finding = $script:Samples.ExternalUserSecurityFinding | Where-Object { $_.Mappings.Count -gt 0 -and $_.Status -eq 'Fail' } | Select-Object -First 1
        $text = $finding | Format-List -View Detail | Out-String -Width 120
        $text | Should -Match 'Evidence\s+:'
        $text | Should -Match 'Remediation\s+:'
        $text | Should -Match ([regex]::Escape("$($finding.Mappings[0].Framework): $($finding.Mappings[0].Id)"))
    }

    It 'shows the rationale, check and remediation of a rule' {
        $text = Get-ExternalUserSecurityRule -Id ATS.MTG.1 | Format-List -View Detail | Out-String -Width 120
        $text | Should -Match 'Rationale\s+:'
        $text | Should -Match 'Check\s+:'
        $text | Should -Match 'Remediation\s+:'
    }

    It 'shows what blocks an organizer and the fix' {
        $blocked = $script:Samples.ExternalUserAccessResult | Where-Object { $_.BlockedBy.Count -gt 0 } | Select-Object -First 1
        $blocked | Should -Not -BeNullOrEmpty
        $text = $blocked | Format-List -View Detail | Out-String -Width 120
        $text | Should -Match 'BlockedBy\s+:\s+\S'
        $text | Should -Match ([regex]::Escape($blocked.BlockedBy[0].Setting))
    }
}
