# Issue 14, end to end: each finding of the independent security review, reproduced as it was reported and now failing
# safely, and signed snapshots. Certificates are made at run time; no private key is committed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('acsts-security-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
    $script:Admin = Connect-TestTenant
    $script:Snapshot = Join-Path $script:Dir 'contoso.json'
    Export-ExternalUserConfiguration -Path $script:Snapshot -Context $script:Admin | Out-Null
    $script:TeamsScope = '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default'

    function Add-Fault([hashtable] $Fault) { Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body $Fault | Out-Null }
    function Clear-Fault { Invoke-EmulatorControl -Emulator $script:Emu -Method Delete -Path 'faults' | Out-Null }
    function Get-Writes { @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object { $_.method -in 'PATCH', 'PUT', 'POST', 'DELETE' -and $_.service -in 'teams', 'graph' -and $_.path -notmatch '\$batch$' }) }
    function Get-VerboseText([scriptblock] $Script) { (& $Script 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n" }
}

AfterAll {
    Clear-Fault
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Finding 1: one context, one tenant' {
    It 'the attack verbatim (Graph token of A + Teams admin token of B, Restore of A''s snapshot with -Force) fails and writes nothing' {
        $graphA = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        $teamsB = Get-TestAccessToken -Emulator $script:Emu -Scope $script:TeamsScope -TenantId $script:Id.FabrikamDomain -ClientId $script:Id.FabrikamAppId -Secret $script:Id.FabrikamAppSecret
        Disconnect-AcsTeamsSecurity
        Clear-EmulatorRequest -Emulator $script:Emu
        { Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $graphA), (ConvertTo-TestSecureString $teamsB) -Environment Emulator -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenTenantMismatch,*'
        { Restore-ExternalUserConfiguration -Path $script:Snapshot -Plane Tenant -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'
        @(Get-Writes).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -Be 0
        $script:Admin = Connect-TestTenant
    }

    It 'a -TenantId given as a domain is checked against the tokens'' tenant (OpenID discovery)' {
        $graphA = Get-TestAccessToken -Emulator $script:Emu -Scope 'https://graph.microsoft.com/.default'
        { Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $graphA) -TenantId $script:Id.FabrikamDomain -Environment Emulator -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenTenantMismatch,*'
        $context = Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $graphA) -TenantId $script:Id.ContosoDomain -Environment Emulator -WarningAction SilentlyContinue -PassThru
        $context.TenantId | Should -Be $script:Id.ContosoId
        { Connect-AcsTeamsSecurity -AccessToken (ConvertTo-TestSecureString $graphA) -TenantId 'nobody.invalid' -Environment Emulator -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'TenantNotFound,*'
        $script:Admin = Connect-TestTenant
    }
}

Describe 'Finding 2: credentials go only to the service''s own base address' {
    It 'a Graph @odata.nextLink to another https host is not followed, and that host receives nothing' {
        # 127.0.0.1 and localhost are the same emulator under two host names: a request to "the other host" would be logged.
        $other = $script:Emu.BaseUrl -replace '://127\.0\.0\.1', '://localhost'
        $other | Should -Not -Be $script:Emu.BaseUrl
        $page = @{ value = @(); '@odata.nextLink' = "$other/v1.0/users/nextlink-probe/calendar/calendarView?`$skiptoken=2" } | ConvertTo-Json -Compress
        Add-Fault @{ service = 'graph'; method = 'GET'; pathPattern = 'calendarView'; status = 200; body = $page; contentType = 'application/json'; count = 1 }
        Clear-EmulatorRequest -Emulator $script:Emu
        try {
            { Get-MeetingExternalAccess -Organizer 'events.organizer@contoso.onmicrosoft.com' -StartDateTime (Get-Date).AddDays(-30) -EndDateTime (Get-Date).AddDays(60) -ErrorAction Stop } |
                Should -Throw -ErrorId 'CredentialDestinationRefused,*'
        }
        finally { Clear-Fault }
        $requests = @(Get-EmulatorRequest -Emulator $script:Emu -Service graph)
        @($requests | Where-Object path -Match 'calendarView').Count | Should -Be 1 -Because 'the first page was read'
        @($requests | Where-Object path -Match 'nextlink-probe').Count | Should -Be 0 -Because 'the link to the other host was refused before it was sent'
    }
}

Describe 'Finding 3: generated commands keep a hostile name as one argument' {
    It 'the remediation of a snapshot whose policy is named with Unicode quotes parses as one command' {
        $name = "Tag:x$([char]0x2019); Write-Host PWNED; $([char]0x2019)"
        $doc = Get-Content -Raw $script:Snapshot | ConvertFrom-Json
        $policy = $doc.meetingPolicies | Where-Object { $_.settings.Identity -ne 'Global' } | Select-Object -First 1
        $policy.settings.Identity = $name
        $policy.settings.AllowAnonymousUsersToStartMeeting = $true
        $policy.settings.AllowPSTNUsersToBypassLobby = $true
        $path = Join-Path $script:Dir 'hostile.json'
        $doc | ConvertTo-Json -Depth 20 | Set-Content -Path $path -Encoding utf8NoBOM
        $fixes = @(Test-ExternalUserSecurity -SnapshotPath $path | Where-Object { $_.Remediation -match 'PWNED' } | ForEach-Object Remediation)
        $fixes.Count | Should -BeGreaterThan 0
        foreach ($fix in $fixes) {
            $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($fix, [ref] $null, [ref] $errors)
            $errors.Count | Should -Be 0
            $commands = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true))
            $commands.Count | Should -Be 1 -Because $fix
            @($commands[0].CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $_.Value -eq $name }).Count | Should -Be 1
        }
    }
}

Describe 'Finding 7: one atomic file writer' {
    It '-NoClobber on Test-ExternalUserSecurity -ReportPath refuses an existing report and leaves it as it was' {
        $report = Join-Path $script:Dir 'report.csv'
        Set-Content -Path $report -Value 'somebody else''s report'
        { Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath $report -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'OutputFileExists,*'
        Get-Content -Raw $report | Should -Match 'somebody else'
        @(Get-ChildItem -Path $script:Dir -Filter '.report.csv.*' -Force).Count | Should -Be 0
    }

    It 'overwriting a 0600 report or snapshot keeps 0600' -Skip:$IsWindows {
        $report = Join-Path $script:Dir 'private.html'
        Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath $report | Out-Null
        $snapshot = Join-Path $script:Dir 'private.json'
        Export-ExternalUserConfiguration -Path $snapshot | Out-Null
        foreach ($file in $report, $snapshot) { [System.IO.File]::SetUnixFileMode($file, [System.IO.UnixFileMode]'UserRead, UserWrite') }
        Test-ExternalUserSecurity -SnapshotPath $script:Snapshot -ReportPath $report | Out-Null
        Export-ExternalUserConfiguration -Path $snapshot | Out-Null
        foreach ($file in $report, $snapshot) { [System.IO.File]::GetUnixFileMode($file) | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }
}

Describe 'Finding 10: signed snapshots' {
    BeforeAll {
        $script:Signer = New-TestCertificate -Subject 'CN=Pester Snapshot Signer'
        $script:Signed = Join-Path $script:Dir 'signed.json'
        $script:Summary = Export-ExternalUserConfiguration -Path $script:Signed -SigningCertificate $script:Signer
    }

    It 'round trip: Export signs, Test and Compare say who signed, Restore -RequireSignature -TrustedSigner accepts it' {
        Test-Path "$script:Signed.sig" | Should -BeTrue
        $script:Summary.SignaturePath | Should -Be "$script:Signed.sig"
        $script:Summary.SignedBy | Should -Match 'CN=Pester Snapshot Signer'
        $expected = "is signed by CN=Pester Snapshot Signer \(thumbprint $($script:Signer.Thumbprint)\).*the signature matches the file"
        Get-VerboseText { Test-ExternalUserSecurity -SnapshotPath $script:Signed -Verbose | Out-Null } | Should -Match $expected
        Get-VerboseText { Compare-ExternalUserConfiguration -Reference $script:Signed -Difference $script:Signed -Verbose | Out-Null } | Should -Match $expected
        Get-VerboseText { Compare-ExternalUserConfiguration -Reference $script:Snapshot -Difference $script:Signed -Verbose | Out-Null } | Should -Match 'contoso\.json'' is not signed'
        Clear-EmulatorRequest -Emulator $script:Emu
        Restore-ExternalUserConfiguration -Path $script:Signed -RequireSignature -TrustedSigner $script:Signer.Thumbprint.ToLowerInvariant() -Force -Confirm:$false -ErrorAction Stop
        @(Get-Writes).Count | Should -Be 0 -Because 'the tenant still matches the snapshot'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service teams).Count | Should -BeGreaterThan 0 -Because 'the restore went on to read the tenant'
    }

    It 'one changed byte is refused before any setting is read or any request is sent' {
        $tampered = Join-Path $script:Dir 'tampered.json'
        $bytes = [System.IO.File]::ReadAllBytes($script:Signed)
        $text = [System.Text.Encoding]::UTF8.GetString($bytes)
        $at = $text.IndexOf('"EnableAcsUsers": ') + '"EnableAcsUsers": '.Length
        $bytes[$at + 1] = [byte][char]'X' # "true"/"false" -> "tXue"/"fXlse": one byte
        [System.IO.File]::WriteAllBytes($tampered, $bytes)
        Copy-Item "$script:Signed.sig" "$tampered.sig"
        Clear-EmulatorRequest -Emulator $script:Emu
        { Restore-ExternalUserConfiguration -Path $tampered -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotSignatureInvalid,*'
        { Restore-ExternalUserConfiguration -Path $tampered -RequireSignature -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotSignatureInvalid,*'
        @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object service -In 'teams', 'graph').Count | Should -Be 0

        # Read-only cmdlets warn. A byte that keeps the JSON valid shows the warning next to the findings.
        $bytes = [System.IO.File]::ReadAllBytes($script:Signed)
        $at = [System.Text.Encoding]::UTF8.GetString($bytes).IndexOf('"tenantDomain": "') + '"tenantDomain": "'.Length
        $bytes[$at] = [byte][char]'Z'
        [System.IO.File]::WriteAllBytes($tampered, $bytes)
        Test-ExternalUserSecurity -SnapshotPath $tampered -WarningVariable warn -WarningAction SilentlyContinue | Out-Null
        ($warn -join "`n") | Should -Match 'signature that does not verify: the snapshot was changed after it was signed'
    }

    It 'an unsigned snapshot with -RequireSignature is refused before anything is read' {
        Clear-EmulatorRequest -Emulator $script:Emu
        { Restore-ExternalUserConfiguration -Path $script:Snapshot -RequireSignature -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotUnsigned,*'
        @(Get-EmulatorRequest -Emulator $script:Emu | Where-Object service -In 'teams', 'graph').Count | Should -Be 0
    }

    It 'a signature by another certificate, or an untrusted self-signed one, is refused' {
        $mallory = New-TestCertificate -Subject 'CN=Mallory'
        $other = Join-Path $script:Dir 'mallory.json'
        Export-ExternalUserConfiguration -Path $other -SigningCertificate $mallory | Out-Null
        { Restore-ExternalUserConfiguration -Path $other -TrustedSigner $script:Signer.Thumbprint -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotSignatureInvalid,*'
        { Restore-ExternalUserConfiguration -Path $other -RequireSignature -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotSignatureInvalid,*'
    }

    It 'a certificate without its private key cannot sign, and nothing is written' {
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($script:Signer.RawData)
        $path = Join-Path $script:Dir 'nokey.json'
        { Export-ExternalUserConfiguration -Path $path -SigningCertificate $publicOnly -ErrorAction Stop } | Should -Throw -ErrorId 'SigningCertificateInvalid,*'
        Test-Path $path | Should -BeFalse
    }

    It 'an unsigned export over a signed one removes the stale signature' {
        $path = Join-Path $script:Dir 'resigned.json'
        Export-ExternalUserConfiguration -Path $path -SigningCertificate $script:Signer | Out-Null
        Test-Path "$path.sig" | Should -BeTrue
        Export-ExternalUserConfiguration -Path $path | Out-Null
        Test-Path "$path.sig" | Should -BeFalse
    }

    It 'help documents the parameters with examples' {
        $help = Get-Help Restore-ExternalUserConfiguration -Full
        ($help.parameters.parameter | Where-Object name -EQ 'RequireSignature') | Should -Not -BeNullOrEmpty
        ($help.parameters.parameter | Where-Object name -EQ 'TrustedSigner') | Should -Not -BeNullOrEmpty
        ($help.examples.example.code -join "`n") | Should -Match '-RequireSignature\s*`?\s*-TrustedSigner'
        ((Get-Help Export-ExternalUserConfiguration -Full).examples.example.code -join "`n") | Should -Match '-SigningCertificate'
    }
}
