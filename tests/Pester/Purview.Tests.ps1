# The Purview plane end to end on the emulator: Get-ExternalUserDataProtection over the Security & Compliance and
# Exchange Online InvokeCommand endpoints (envelope, paging, anchor mailbox, location variants), a missing role, a cloud
# without the host (refused before sending) and a redirect to anything but the service's regional host (never followed,
# so the token never leaves the service's host).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $base = $script:Emu.BaseUrl
    Add-AcsTeamsEnvironment -Name PurviewEmulator -AuthorityHost $base -GraphEndpoint $base -TeamsAdminEndpoint "$base/teams" `
        -ArmEndpoint "$base/arm" -ComplianceEndpoint "$base/compliance" -ExchangeEndpoint "$base/exchange" -Force | Out-Null
    $script:Id = Get-TestIdentity
    $script:PurviewApp = @{ ClientId = '9f3c2b7e-1d4a-4e8f-a6b5-3c2d1e0f9a8b'; Secret = 'Cto8Q~EmuSecret-PurviewApp-5e1a9c3f7b2d4e6a8c0e2b4d6f8a1c3e5b7d9f0a' }
    $script:NoRoleApp = @{ ClientId = '2a7e4c1b-8f3d-4b6a-9c5e-0d1f2e3a4b5c'; Secret = 'Cto8Q~EmuSecret-PurviewNoRole-8b2d4f6a0c1e3a5c7e9b1d3f5a7c9e0b2d4f6a8c' }

    function Connect-Purview([hashtable] $App = $script:PurviewApp, [string] $Environment = 'PurviewEmulator') {
        Connect-AcsTeamsSecurity -TenantId $script:Id.ContosoDomain -ClientId $App.ClientId -ClientSecret (ConvertTo-TestSecureString $App.Secret) -Environment $Environment -PassThru
    }
    function Set-PurviewBehavior([hashtable] $Body) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'purview/behavior' -Body $Body }
}

AfterAll {
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Remove-AcsTeamsEnvironment -Name PurviewEmulator -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-ExternalUserDataProtection' {
    BeforeEach {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null
        $script:Ctx = Connect-Purview
    }

    It 'returns the Teams DLP policies with their mode, scope, blocked types and external blocking' {
        $result = Get-ExternalUserDataProtection
        $result | Should -BeOfType ([AcsTeamsSecurity.Models.ExternalUserDataProtection])
        $result.TenantId | Should -Be $script:Id.ContosoId
        @($result.DlpPolicies.Name) | Should -Be @('Teams PII', 'Teams financial data (pilot)')   # 'Mail only' has no Teams location
        $pii = $result.DlpPolicies[0]
        $pii.Mode | Should -Be ([AcsTeamsSecurity.Models.DlpPolicyMode]::Enable)
        $pii.Enforced | Should -BeTrue
        $pii.CoversAllTeamsUsers | Should -BeTrue
        $pii.TeamsLocationException | Should -BeNullOrEmpty
        $pii.BlocksExternalParticipants | Should -BeTrue
        @($pii.BlockedInformationTypes) | Should -Be @('Credit Card Number', 'U.S. Individual Taxpayer Identification Number (ITIN)', 'U.S. Social Security Number (SSN)')
        $pilot = $result.DlpPolicies[1]
        $pilot.Mode | Should -Be ([AcsTeamsSecurity.Models.DlpPolicyMode]::TestWithNotifications)
        $pilot.Enforced | Should -BeFalse
        @($pilot.TeamsLocationException) | Should -Be @('events.organizer@contoso.onmicrosoft.com')
        @($pilot.BlockedInformationTypes) | Should -Be @('ABA Routing Number', 'International Banking Account Number (IBAN)')
        $result.TeamsDlpEnforced | Should -BeTrue
        $result.CustomerKey.State | Should -Be ([AcsTeamsSecurity.Models.CustomerKeyState]::NotAssigned)
        @($result.CustomerKey.Policies) | Should -Be @('Contoso M365 DEP')
    }

    It 'sends the CmdletInput envelope with the anchor mailbox, one POST per cmdlet' {
        Get-ExternalUserDataProtection | Out-Null
        $compliance = @(Get-EmulatorRequest -Emulator $script:Emu -Service compliance)
        $compliance.Count | Should -Be 2
        $compliance | ForEach-Object { $_.method | Should -Be 'POST'; $_.path | Should -Be "/compliance/adminapi/beta/$($script:Id.ContosoId)/InvokeCommand" }
        @(Get-EmulatorRequest -Emulator $script:Emu -Service exchange).Count | Should -Be 2
        (Invoke-EmulatorControl -Emulator $script:Emu -Path 'purview/behavior').lastAnchorMailbox |
            Should -Be 'UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@contoso.onmicrosoft.com'
    }

    It 'follows @odata.nextLink pages to the same result' {
        $whole = Get-ExternalUserDataProtection | ConvertTo-Json -Depth 6
        Clear-EmulatorRequest -Emulator $script:Emu
        Set-PurviewBehavior @{ pageSize = 1 } | Out-Null
        Get-ExternalUserDataProtection | ConvertTo-Json -Depth 6 | Should -Be $whole
        @(Get-EmulatorRequest -Emulator $script:Emu -Service compliance).Count | Should -Be 6   # 3 policies + 3 rules, one per page
    }

    It 'reads locations served as objects as well as strings' {
        $strings = Get-ExternalUserDataProtection -SkipCustomerKey | ConvertTo-Json -Depth 6
        Set-PurviewBehavior @{ locationShape = 'object' } | Out-Null
        Get-ExternalUserDataProtection -SkipCustomerKey | ConvertTo-Json -Depth 6 | Should -Be $strings
    }

    It 'filters policies with -Identity and reads nothing from Exchange Online with -SkipCustomerKey' {
        $result = Get-ExternalUserDataProtection -Identity '*pilot*' -SkipCustomerKey
        @($result.DlpPolicies.Name) | Should -Be @('Teams financial data (pilot)')
        $result.CustomerKey.State | Should -Be ([AcsTeamsSecurity.Models.CustomerKeyState]::NotCollected)
        @(Get-EmulatorRequest -Emulator $script:Emu -Service exchange).Count | Should -Be 0
    }

    It 'shows the summary, the policy table and the Customer Key status' {
        $result = Get-ExternalUserDataProtection
        $text = $result | Out-String -Width 120
        $text | Should -Match 'TeamsDlpEnforced\s+: True'
        $text | Should -Match 'Teams PII \(Enable\)'
        $text | Should -Match 'CustomerKey\s+: NotAssigned'
        $result.DlpPolicies | Out-String -Width 80 | Should -Match 'BlocksExternal'
        $result.CustomerKey | Out-String -Width 80 | Should -Match 'Contoso M365 DEP'
    }
}

Describe 'Failures' {
    BeforeEach { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null }

    It 'maps a missing Purview role to PermissionDenied naming the permission and the role' {
        Connect-Purview -App $script:NoRoleApp | Out-Null
        $err = $null
        Get-ExternalUserDataProtection -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*GetExternalUserDataProtectionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].Exception.Message | Should -Match 'Exchange\.ManageAsApp'
        $err[0].Exception.Message | Should -Match 'Compliance Administrator'
    }

    It 'Test-AcsTeamsSecurityConnection names the permission and role for Compliance' {
        $ctx = Connect-Purview -App $script:NoRoleApp
        $denied = Test-AcsTeamsSecurityConnection -Service Compliance -Context $ctx
        $denied.Authorized | Should -BeFalse
        $denied.ErrorId | Should -Be 'PermissionDenied'
        $denied.Detail | Should -Match 'Exchange\.ManageAsApp'
        $ok = Test-AcsTeamsSecurityConnection -Service Compliance, ExchangeOnline -Context (Connect-Purview)
        $ok.Authorized | Should -Be @($true, $true)
    }

    It 'refuses a cloud without the Security & Compliance host before sending anything' {
        $ctx = Connect-Purview -Environment Emulator
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        Get-ExternalUserDataProtection -Context $ctx -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotAvailableInEnvironment,*'
        @(Get-EmulatorRequest -Emulator $script:Emu).Count | Should -Be 0
    }

    It 'never follows a redirect to another host, so the token stays with the service' {
        Connect-Purview | Out-Null
        $port = ([uri] $script:Emu.BaseUrl).Port
        Set-PurviewBehavior @{ redirectTo = "https://localhost:$port/compliance" } | Out-Null
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = $null
        Get-ExternalUserDataProtection -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CredentialDestinationRefused,*'
        $err[0].Exception.Message | Should -Match 'localhost'
        # One request reached the front door (answered 307); none followed the Location with the token.
        $compliance = @(Get-EmulatorRequest -Emulator $script:Emu -Service compliance)
        $compliance.Count | Should -Be 1
        $compliance[0].status | Should -Be 307
    }

    It 'knows the evidenced Security & Compliance hosts of the sovereign clouds and no Exchange host there' {
        (Get-AcsTeamsEnvironment -Name GCCHigh).ComplianceEndpoint.Host | Should -Be 'ps.compliance.protection.office365.us'
        (Get-AcsTeamsEnvironment -Name DoD).ComplianceEndpoint.Host | Should -Be 'l5.ps.compliance.protection.office365.us'
        (Get-AcsTeamsEnvironment -Name GCCHigh).ExchangeEndpoint | Should -BeNullOrEmpty
        (Get-AcsTeamsEnvironment -Name Global).ExchangeEndpoint.Host | Should -Be 'outlook.office365.com'
    }
}

Describe 'The Purview plane in snapshots and the audit' {
    BeforeAll {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'reset' | Out-Null
        Connect-Purview | Out-Null
        $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-purview-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:Dir | Out-Null
        $script:File = Join-Path $script:Dir 'purview.json'
        Export-ExternalUserConfiguration -Path $script:File | Out-Null
        $script:Json = Get-Content -Raw $script:File | ConvertFrom-Json -Depth 20
        $script:OneZero = Join-Path $PSScriptRoot '../AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot-1.0.json'
    }
    AfterAll { Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue }

    It 'exports schema 1.1 with the Purview plane and the excluded organizer joined with the Teams policies' {
        $script:Json.schemaVersion | Should -Be '1.1'
        @($script:Json.purview.dlpPolicies.Name) | Should -Be @('Teams PII', 'Teams financial data (pilot)')
        $script:Json.purview.customerKey.State | Should -Be 'NotAssigned'
        $excluded = @($script:Json.purview.excludedUsers)
        $excluded.Count | Should -Be 1
        $excluded[0].Identity | Should -Be 'events.organizer@contoso.onmicrosoft.com'
        $excluded[0].MeetingPolicy | Should -Not -BeNullOrEmpty
        $excluded[0].ExternalAccessPolicy | Should -Not -BeNullOrEmpty
    }

    It 'evaluates the Purview rules on the snapshot' {
        $findings = @(Test-ExternalUserSecurity -SnapshotPath $script:File -RuleId 'ATS.PRV.*')
        ($findings | Where-Object RuleId -EQ 'ATS.PRV.1').Status | Should -Be 'Pass'
        ($findings | Where-Object RuleId -EQ 'ATS.PRV.2').Status | Should -Be 'Pass'
        $pilot = $findings | Where-Object { $_.RuleId -eq 'ATS.PRV.3' -and $_.Scope -eq 'Teams financial data (pilot)' }
        $pilot.Status | Should -Be 'Fail'
        $pilot.Remediation | Should -Match "Set-DlpCompliancePolicy -Identity 'Teams financial data \(pilot\)' -Mode Enable"
        $excluded = $findings | Where-Object RuleId -EQ 'ATS.PRV.4'
        $excluded.Status | Should -Be 'Fail'
        $excluded.Scope | Should -Match 'events\.organizer@contoso\.onmicrosoft\.com'
        ($findings | Where-Object RuleId -EQ 'ATS.PRV.5').Status | Should -Be 'Fail'
    }

    It 'lists the SCuBA MS.TEAMS.6.1 and 6.2 mappings' {
        (Get-ExternalUserSecurityRule -MappingId 'MS.TEAMS.6.1v1').Id | Should -Be 'ATS.PRV.1'
        (Get-ExternalUserSecurityRule -MappingId 'MS.TEAMS.6.2v1').Id | Should -Be 'ATS.PRV.2'
        @(Get-ExternalUserSecurityRule -Id 'ATS.PRV.*').Count | Should -Be 5
    }

    It 'still loads a 1.0 snapshot, whose Purview rules are not applicable' {
        $findings = @(Test-ExternalUserSecurity -SnapshotPath $script:OneZero -RuleId 'ATS.PRV.*' -ErrorAction Stop)
        $findings.Count | Should -Be 5
        $findings.Status | Sort-Object -Unique | Should -Be 'NotApplicable'
        @(Test-ExternalUserSecurity -SnapshotPath $script:OneZero -ErrorAction Stop).Count | Should -BeGreaterThan 20
    }

    It 'reports Purview drift in Compare' {
        $changed = Join-Path $script:Dir 'changed.json'
        $text = (Get-Content -Raw $script:File) -replace '"Mode": "Enable"', '"Mode": "TestWithoutNotifications"'
        Set-Content -Path $changed -Value $text -NoNewline
        $drift = @(Compare-ExternalUserConfiguration -Reference $script:File -Difference $changed | Where-Object Plane -EQ 'Purview')
        $mode = $drift | Where-Object { $_.Scope -eq 'Teams PII' -and $_.Setting -eq 'Mode' }
        $mode.ReferenceValue | Should -Be 'Enable'
        $mode.DifferenceValue | Should -Be 'TestWithoutNotifications'
        $mode.Direction | Should -Be 'Loosening'
    }

    It 'Restore skips the Purview plane and says so, sending nothing to Purview' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $warnings = @()
        Restore-ExternalUserConfiguration -Path $script:File -WhatIf -WarningVariable warnings 3>$null | Out-Null
        ($warnings -join "`n") | Should -Match 'Purview plane .* is not restored: the module never writes Microsoft Purview'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service compliance).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $script:Emu -Service exchange).Count | Should -Be 0
    }

    It 'does not collect the plane in a cloud without Security & Compliance, and says nothing was sent' {
        $ctx = Connect-Purview -Environment Emulator
        $file = Join-Path $script:Dir 'no-purview.json'
        Clear-EmulatorRequest -Emulator $script:Emu
        Export-ExternalUserConfiguration -Path $file -Context $ctx | Out-Null
        (Get-Content -Raw $file | ConvertFrom-Json -Depth 20).purview | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $script:Emu -Service compliance).Count | Should -Be 0
        Connect-Purview | Out-Null
    }
}
