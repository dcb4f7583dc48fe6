# Every view in AcsTeamsSecurity.Format.ps1xml rendered at 120 and 80 columns over real emulator output (a synthetic
# object only for AcsTeamsUserToken, which needs a Teams user's own Entra token). The views are enumerated from the
# format file, so a new view without a sample here fails. For each view and width: no line is longer than the width,
# a table shows every column header whole (PowerShell drops the columns that do not fit), and no word of any value
# is cut (a table column truncated with '…' or a value wrapped in the middle of a word fails), except, in the one
# table column without a fixed width, a single word longer than the rest of the line (an ACS id, a long UPN).
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
    $script:Ctx = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -AcsEndpoint (Get-TestAcsEndpoint $script:Emu 'contoso-acs') -PassThru
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-views-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    $range = @{ StartDateTime = (Get-Date).AddDays(-60); EndDateTime = (Get-Date).AddDays(400) }
    $guest = New-AcsGuestToken -Count 1
    $access = @(Test-ExternalUserAccess -Organizer 'lockdown.organizer@contoso.onmicrosoft.com', 'events.organizer@contoso.onmicrosoft.com' -AcsResourceId '64a11489-1ac1-4d7a-9575-50ba9a248104')
    $summary = Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'before.json')
    Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -Force -Confirm:$false
    $script:Samples = @{
        'AcsTeamsSecurity.Session.AcsTeamsSecurityContext'       = @($script:Ctx)
        'AcsTeamsSecurity.Models.TokenState'                     = @($script:Ctx.Tokens)
        'AcsTeamsSecurity.Models.AcsTeamsEnvironment'            = @(Get-AcsTeamsEnvironment)
        'AcsTeamsSecurity.Models.ConnectionTestResult'           = @(Test-AcsTeamsSecurityConnection)
        'AcsTeamsSecurity.Models.ContractCheckResult'            = @(Test-AcsTeamsSecurityContract)
        'AcsTeamsSecurity.Models.AcsIdentity'                    = @(New-AcsIdentity -Count 2)
        'AcsTeamsSecurity.Models.AcsGuestToken'                  = @($guest)
        'AcsTeamsSecurity.Models.ExternalUserDataProtection'     = @($dataProtection)
        'AcsTeamsSecurity.Models.ExternalUserDlpPolicy'          = @($dataProtection.DlpPolicies)
        'AcsTeamsSecurity.Models.ExternalUserCustomerKeyStatus'  = @($dataProtection.CustomerKey)
        'AcsTeamsSecurity.Models.AcsTokenInfo'                   = @($guest | ConvertFrom-AcsToken)
        'AcsTeamsSecurity.Models.MeetingPolicySettings'          = @(Get-ExternalUserPolicy -PolicyType TeamsMeetingPolicy)
        'AcsTeamsSecurity.Models.ExternalAccessPolicySettings'   = @(Get-ExternalUserPolicy -PolicyType ExternalAccessPolicy)
        'AcsTeamsSecurity.Models.AcsFederationConfiguration'     = @(Get-AcsFederationConfiguration)
        'AcsTeamsSecurity.Models.ExternalUserAccessResult'       = $access
        'AcsTeamsSecurity.Models.AccessDecision'                 = @($access.Decisions)
        'AcsTeamsSecurity.Models.MeetingExternalAccess'          = @(Get-MeetingExternalAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' @range)
        'AcsTeamsSecurity.Models.ExternalUserSecurityRule'       = @(Get-ExternalUserSecurityRule)
        'AcsTeamsSecurity.Models.ExternalUserSecurityFinding'    = @(Test-ExternalUserSecurity)
        'AcsTeamsSecurity.Models.ExternalUserConfigurationSummary' = @($summary)
        # A fleet run of the one connected tenant (-ThrottleLimit makes it a fleet run).
        'AcsTeamsSecurity.Models.ExternalUserFleetTenant'        = @(Test-ExternalUserSecurity -ThrottleLimit 1 -InformationAction Ignore)
        'AcsTeamsSecurity.Models.ExternalUserConfigurationChange' = @(Compare-ExternalUserConfiguration -Reference (Join-Path $script:Dir 'before.json'))
        # Synthetic: no cmdlet outputs ACS resource settings yet (the audit reads them internally); values as the emulator's ARM serves them.
        'AcsTeamsSecurity.Models.AcsResourceSettings'            = @([pscustomobject]@{
                PSTypeName = 'AcsTeamsSecurity.Models.AcsResourceSettings'; Name = 'contoso-acs-secure'; DataLocation = 'United States'
                DisableLocalAuth = $true; ManagedIdentityType = 'SystemAssigned'; PublicNetworkAccess = 'Enabled'; AuthLogsCollected = $false })
        # Synthetic: a Teams user's ACS token needs that user's own Entra token (the view selects by type name).
        'AcsTeamsSecurity.Models.AcsTeamsUserToken'              = @([pscustomobject]@{
                PSTypeName = 'AcsTeamsSecurity.Models.AcsTeamsUserToken'
                UserObjectId = '5a8c2f0e-7d1b-4c3e-9f6a-2b4d8e1c0a97'; AppId = '1f3e5d7c-9b2a-4c6e-8d0f-a1b3c5d7e9f2'
                ExpiresOn = [datetimeoffset]::UtcNow.AddHours(1) })
    }
    # Every view of the format file: name, the type names it is selected by, table or list.
    $xml = [xml](Get-Content -Raw (Join-Path (Split-Path (Get-ModuleManifestPath)) 'AcsTeamsSecurity.Format.ps1xml'))
    $script:Views = foreach ($v in $xml.Configuration.ViewDefinitions.View) {
        [pscustomobject]@{ Name = $v.Name; TypeNames = @($v.ViewSelectedBy.TypeName); IsTable = $null -ne $v.TableControl }
    }

    function Get-CellValue($Item, $DisplayEntry) {
        $_ = $Item
        if ("$($DisplayEntry.ValueType)" -eq 'ScriptBlock') { & ([scriptblock]::Create($DisplayEntry.Value)) } else { $Item.($DisplayEntry.Value) }
    }
    function Get-Word([object[]] $Values, [int] $MaxLength) {
        foreach ($v in $Values) { foreach ($w in ("$v" -split '\s+')) { if ($w -and $w.Length -le $MaxLength) { $w } } }
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Remove-AcsTeamsEnvironment -Name PurviewEmulator -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Every format view at 120 and 80 columns' {
    It 'every view of the format file has a sample' {
        $script:Views.Count | Should -BeGreaterThan 20
        foreach ($v in $script:Views) {
            $sample = $v.TypeNames | Where-Object { $script:Samples.ContainsKey($_) -and $script:Samples[$_].Count -gt 0 }
            $sample | Should -Not -BeNullOrEmpty -Because "view $($v.Name) ($($v.TypeNames -join ', ')) needs a sample in this test"
        }
    }

    It 'every column and list item reads properties that exist (strict mode; a misspelt property would show nothing)' {
        foreach ($v in $script:Views) {
            foreach ($typeName in $v.TypeNames) {
                $definition = (Get-FormatData -TypeName $typeName).FormatViewDefinition | Where-Object Name -EQ $v.Name
                foreach ($item in $script:Samples[$typeName]) {
                    # A table row selected for another type reads that type's properties.
                    $entries = if ($v.IsTable) {
                        $row = $definition.Control.Rows | Where-Object { -not $_.SelectedBy -or ($_.SelectedBy.TypeNames | Where-Object { $_ -in $item.PSObject.TypeNames }) } | Select-Object -Last 1
                        $row.Columns.DisplayEntry
                    } else { $definition.Control.Entries.Items.DisplayEntry }
                    foreach ($entry in $entries) {
                        if ("$($entry.ValueType)" -eq 'Property') { $item.PSObject.Properties.Name | Should -Contain $entry.Value -Because "$($v.Name) shows $($entry.Value)" }
                        else { { Set-StrictMode -Version Latest; Get-CellValue $item $entry } | Should -Not -Throw -Because "$($v.Name): $($entry.Value)" }
                    }
                }
            }
        }
    }

    It '<View> for <Type> at <Width> columns' -ForEach @(
        $xmlPath = Join-Path $PSScriptRoot '../../src/AcsTeamsSecurity/AcsTeamsSecurity.Format.ps1xml'
        foreach ($v in ([xml](Get-Content -Raw $xmlPath)).Configuration.ViewDefinitions.View) {
            foreach ($t in $v.ViewSelectedBy.TypeName) { foreach ($w in 120, 80) { @{ View = $v.Name; Type = $t; Width = $w } } }
        }
    ) {
        $items = $script:Samples[$Type]
        $items | Should -Not -BeNullOrEmpty -Because "the emulator should produce a $Type"
        $definition = (Get-FormatData -TypeName $Type).FormatViewDefinition | Where-Object Name -EQ $View
        $definition | Should -Not -BeNullOrEmpty
        $isTable = $definition.Control -is [System.Management.Automation.TableControl]
        $text = if ($isTable) { $items | Format-Table -View $View | Out-String -Width $Width } else { $items | Format-List -View $View | Out-String -Width $Width }
        $lines = $text -split "`r?`n"
        @($lines | Where-Object { $_.Length -gt $Width }) | Should -BeNullOrEmpty -Because "no line of $View may be longer than $Width"
        $text | Should -Not -Match '…' -Because "$View must not truncate a value at $Width columns"
        if ($isTable) {
            $headers = $definition.Control.Headers
            $header = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
            foreach ($h in $headers) { $header | Should -Match "(^|\s)$([regex]::Escape($h.Label))(\s|$)" -Because "$View must not drop or cut the $($h.Label) column at $Width" }
            $fixed = ($headers | Where-Object Width -GT 0 | Measure-Object Width -Sum).Sum
            foreach ($item in $items) {
                $row = $definition.Control.Rows | Where-Object { -not $_.SelectedBy -or ($_.SelectedBy.TypeNames | Where-Object { $_ -in $item.PSObject.TypeNames }) } | Select-Object -Last 1
                for ($i = 0; $i -lt $headers.Count; $i++) {
                    # A fixed column must hold every word of its values; the one column without a width takes the rest
                    # of the line, and only there may a single word longer than that rest (an ACS id, a long UPN) wrap.
                    $columnWidth = if ($headers[$i].Width -gt 0) { [int]::MaxValue } else { $Width - 1 - $fixed - ($headers.Count - 1) }
                    foreach ($word in Get-Word @(Get-CellValue $item $row.Columns[$i].DisplayEntry) $columnWidth) {
                        $text | Should -Match ([regex]::Escape($word)) -Because "'$word' ($View, $($headers[$i].Label)) must not be cut at $Width columns"
                    }
                }
            }
        }
        else {
            $entry = $definition.Control.Entries[0]
            $labelWidth = ($entry.Items | ForEach-Object { if ($_.Label) { $_.Label } else { "$($_.DisplayEntry.Value)" } } | Measure-Object Length -Maximum).Maximum
            foreach ($item in $items) {
                foreach ($li in $entry.Items) {
                    foreach ($word in Get-Word @(Get-CellValue $item $li.DisplayEntry) ($Width - $labelWidth - 4)) {
                        $text | Should -Match ([regex]::Escape($word)) -Because "'$word' ($View, $($li.Label)) must not be cut at $Width columns"
                    }
                }
            }
        }
    }
}

Describe 'One Get-ExternalUserPolicy table' {
    It 'both policy types in one table at <_> columns, headers real property names, with a PolicyType column' -ForEach 120, 80 {
        $all = @(Get-ExternalUserPolicy)
        ($all.PolicyType | Sort-Object -Unique).Count | Should -Be 2
        $lines = ($all | Out-String -Width $_) -split "`r?`n"
        $headers = @($lines | Where-Object { $_ -match '^PolicyType\s' })
        $headers.Count | Should -Be 1 -Because 'one table, not a table per type or a list fallback'
        foreach ($label in -split $headers[0]) { $all[0].PSObject.Properties.Name + $all[-1].PSObject.Properties.Name | Should -Contain $label }
        @($lines | Where-Object { $_ -match ':\s' }) | Should -BeNullOrEmpty -Because 'no list fallback'
        foreach ($p in $all) { ($lines -match "^$($p.PolicyType)\s.*\s$([regex]::Escape("$($p.Identity)".Substring(0, [Math]::Min(12, "$($p.Identity)".Length))))").Count | Should -BeGreaterOrEqual 1 }
    }
}
