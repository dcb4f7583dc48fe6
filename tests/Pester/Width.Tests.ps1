# Output designed at 120 columns (and readable at 80): every format view rendered over real emulator output with
# Out-String -Width 120 and 80. Tables keep every column at 120; list views (the default for Test-* results and
# comparisons) never cut a word of their key values, at either width; README's tour pipelines keep their columns.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $id = Get-TestIdentity
    $script:Ctx = Connect-AcsTeamsSecurity -TenantId $id.ContosoDomain -ClientId $id.ReaderAppId -ClientSecret (ConvertTo-TestSecureString $id.ReaderAppSecret) -Environment Emulator -AcsEndpoint (Get-TestAcsEndpoint $script:Emu 'contoso-acs') -PassThru
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ("acsts-width-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    $access = @(Test-ExternalUserAccess -Organizer 'lockdown.organizer@contoso.onmicrosoft.com', 'events.organizer@contoso.onmicrosoft.com' -AcsResourceId '64a11489-1ac1-4d7a-9575-50ba9a248104')
    Export-ExternalUserConfiguration -Path (Join-Path $script:Dir 'before.json') | Out-Null
    Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -Force -Confirm:$false
    $script:Samples = [ordered]@{
        ConnectionTestResult            = @(Test-AcsTeamsSecurityConnection)
        AccessDecision                  = @($access.Decisions)
        ExternalUserConfigurationChange = @(Compare-ExternalUserConfiguration -Reference (Join-Path $script:Dir 'before.json'))
    }
    # The values whose words must never be cut, per type.
    $script:KeyValues = @{
        ConnectionTestResult            = { param($o) @($o.Detail) + @($o.Roles) + @($o.Scopes) }
        AccessDecision                  = { param($o) @($o.Setting, $o.Value, $o.Source) }
        ExternalUserConfigurationChange = { param($o) @($o.Scope, $o.Setting, $o.ReferenceValue, $o.DifferenceValue) }
    }
    function Get-Word([object[]] $Values) {
        foreach ($v in $Values) { if ($null -ne $v) { "$v" -split '\s+' | Where-Object { $_ -and $_.Length -le 58 } } }
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Test-* results and comparisons read at 120 and 80 columns' {
    It '<Type> at <Width> columns: a list by default, no line too long, no word of a key value cut' -ForEach @(
        foreach ($t in 'ConnectionTestResult', 'AccessDecision', 'ExternalUserConfigurationChange') { foreach ($w in 120, 80) { @{ Type = $t; Width = $w } } }
    ) {
        $items = $script:Samples[$Type]
        $items | Should -Not -BeNullOrEmpty
        $text = $items | Out-String -Width $Width
        $text | Should -Not -Match '(?m)^-+\s+-+' -Because 'the default view is a list, not a table'
        $lines = $text -split "`r?`n"
        @($lines | Where-Object { $_.Length -gt $Width }) | Should -BeNullOrEmpty
        $flat = ($lines | ForEach-Object { $_.Trim() }) -join ' '
        foreach ($item in $items) {
            foreach ($word in Get-Word (& $script:KeyValues[$Type] $item)) {
                $flat | Should -Match ([regex]::Escape($word)) -Because "'$word' must not be cut at $Width columns"
            }
        }
    }

    It 'the table views stay available with Format-Table' {
        foreach ($type in $script:Samples.Keys) {
            $header = ($script:Samples[$type] | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1
            $header | Should -Match 'Setting|Service' -Because "$type still has its table"
        }
    }
}
