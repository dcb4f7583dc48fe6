# Dependency isolation: the module works next to OLDER copies of Azure.Core and MSAL loaded by another module,
# in either order, and shows which load context each copy lives in; and it depends on no JSON-schema library, so
# the copy PowerShell ships (7.0.4 on 7.4, 7.4.0 on 7.6) or a newer one another module loaded cannot break it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Emu = Start-TestEmulator
    $script:Id = Get-TestIdentity
    $packages = Join-Path (Get-RepoRoot) 'build/tools/packages'
    $script:OldAzureCore = Join-Path $packages 'azure.core/1.38.0/lib/netstandard2.0/Azure.Core.dll'
    $script:OldMsal = Join-Path $packages 'microsoft.identity.client/4.60.4/lib/netstandard2.0/Microsoft.Identity.Client.dll'
    $script:NewJsonSchema = Join-Path $packages 'jsonschema.net/8.0.5/lib/netstandard2.0/JsonSchema.Net.dll'
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('acsts-iso-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    $script:Preamble = @"
`$ErrorActionPreference = 'Stop'
function Show-Copies {
    [AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { `$_.GetName().Name -in 'Azure.Core', 'Microsoft.Identity.Client' } |
        ForEach-Object { 'COPY {0} {1} {2}' -f `$_.GetName().Name, `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).ToString() }
}
function Use-Ours {
    Import-Module '$(Get-ModuleManifestPath)'
    `$null = Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '$($script:Emu.BaseUrl)' -GraphEndpoint '$($script:Emu.BaseUrl)' -TeamsAdminEndpoint '$($script:Emu.BaseUrl)/teams' -ArmEndpoint '$($script:Emu.BaseUrl)/arm' -Force
    Connect-AcsTeamsSecurity -TenantId '$($script:Id.ContosoDomain)' -ClientId '$($script:Id.ReaderAppId)' -ClientSecret (ConvertTo-SecureString '$($script:Id.ReaderAppSecret)' -AsPlainText -Force) -Environment Emulator
    Test-AcsTeamsSecurityConnection -Service Graph, TeamsAdmin | ForEach-Object { 'OURS {0} {1}' -f `$_.Service, `$_.Authorized }
}
function Show-JsonSchemaCopies {
    [AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { `$_.GetName().Name -in 'JsonSchema.Net', 'JsonPointer.Net', 'Json.More' } |
        ForEach-Object { 'JSONCOPY {0} {1} {2}' -f `$_.GetName().Name, `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
}
function Use-Theirs {
    `$core = [Reflection.Assembly]::LoadFrom('$($script:OldAzureCore)')
    `$msal = [Reflection.Assembly]::LoadFrom('$($script:OldMsal)')
    # Use the older copies the way another module would.
    `$token = [Activator]::CreateInstance(`$core.GetType('Azure.Core.AccessToken'), @('theirs', [DateTimeOffset]::UtcNow.AddHours(1)))
    'THEIRS AccessToken from {0}' -f `$token.GetType().Assembly.GetName().Version
    'THEIRS MSAL {0}' -f `$msal.GetType('Microsoft.Identity.Client.PublicClientApplicationOptions').Assembly.GetName().Version
}
"@

    # The audit plane the snapshot schema guards: Export writes (and validates), Test and Compare read, Restore
    # reads the snapshot and the live tenant (-WhatIf: the write path is Audit.Tests.ps1's, on both engines).
    $script:AuditPlane = @"
Use-Ours | Out-Null
`$dir = Join-Path '$($script:Work)' ([guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path `$dir | Out-Null
`$snapshot = Join-Path `$dir 'snapshot.json'
Export-ExternalUserConfiguration -Path `$snapshot | Out-Null
`$findings = @(Test-ExternalUserSecurity -SnapshotPath `$snapshot)
if (`$findings.Count -lt 28) { throw "Test-ExternalUserSecurity gave `$(`$findings.Count) findings" }
`$drift = @(Compare-ExternalUserConfiguration -Reference `$snapshot -Difference `$snapshot)
if (`$drift.Count -ne 0) { throw "Compare found `$(`$drift.Count) differences between a snapshot and itself" }
Restore-ExternalUserConfiguration -Path `$snapshot -WhatIf -WarningAction SilentlyContinue
try { Test-ExternalUserSecurity -SnapshotPath '$($script:Work)/no-such.json' -ErrorAction Stop } catch { if (`$_.FullyQualifiedErrorId -notlike 'SnapshotNotFound,*') { throw } }
'AUDIT ok'
"@
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Coexistence with older Azure.Core and MSAL' {
    It 'the older copies exist in the tools restore' {
        Test-Path $script:OldAzureCore | Should -BeTrue
        Test-Path $script:OldMsal | Should -BeTrue
    }

    It 'works when another module loaded older copies first' {
        $result = Invoke-FreshPwsh -Script ($script:Preamble + "`nUse-Theirs`nUse-Ours`nShow-Copies")
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match 'THEIRS AccessToken from 1\.38\.0'
        $result.Output | Should -Contain 'OURS Graph True'
        $result.Output | Should -Contain 'OURS TeamsAdmin True'
        # Both copies of each assembly are loaded, in different load contexts.
        $text | Should -Match 'COPY Azure\.Core 1\.38\.0\.0 "Default"'
        $text | Should -Match 'COPY Azure\.Core 1\.53\.0\.0 AcsTeamsSecurity\.Dependencies'
        $text | Should -Match 'COPY Microsoft\.Identity\.Client 4\.60\.4\.0 "Default"'
        $text | Should -Match 'COPY Microsoft\.Identity\.Client 4\.83\.1\.0 AcsTeamsSecurity\.Dependencies'
        Write-Host ($result.Output | Where-Object { $_ -like 'COPY*' } | Out-String)
    }

    It 'works when our module was loaded and used first' {
        $result = Invoke-FreshPwsh -Script ($script:Preamble + "`nUse-Ours`nUse-Theirs`nTest-AcsTeamsSecurityConnection -Service Arm | ForEach-Object { 'OURS {0} {1}' -f `$_.Service, `$_.Authorized }`nShow-Copies")
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'OURS Graph True'
        $result.Output | Should -Contain 'OURS Arm True'
        $text | Should -Match 'THEIRS AccessToken from 1\.38\.0'
        $text | Should -Match 'COPY Azure\.Core 1\.53\.0\.0 AcsTeamsSecurity\.Dependencies'
        $text | Should -Match 'COPY Azure\.Core 1\.38\.0\.0 "Default"'
    }

    It 'the newer JSON-schema library exists in the tools restore' {
        Test-Path $script:NewJsonSchema | Should -BeTrue
    }

    It 'references no JSON-schema library: snapshots are validated by the module itself' {
        $script = @"
Import-Module '$(Get-ModuleManifestPath)'
[AcsTeamsSecurity.ModuleLifetime].Assembly.GetReferencedAssemblies() | ForEach-Object { 'REF ' + `$_.Name }
Get-ChildItem '$(Split-Path (Get-ModuleManifestPath))/dependencies' -Filter *.dll | ForEach-Object { 'SHIPS ' + `$_.BaseName }
"@
        $result = Invoke-FreshPwsh -Script $script
        $result.Output | Should -Contain 'REF Azure.Core' -Because 'the listing must work for the check below to mean anything'
        $result.Output | Where-Object { $_ -match '^(REF|SHIPS) (JsonSchema\.Net|JsonPointer\.Net|Json\.More|Humanizer)' } | Should -BeNullOrEmpty
    }

    It 'audits end to end (Export, Test from a snapshot, Compare, Restore) with no JSON-schema library loaded at all' {
        $result = Invoke-FreshPwsh -Script ($script:Preamble + "`n" + $script:AuditPlane + "`nShow-JsonSchemaCopies")
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'AUDIT ok' -Because $text
        $result.Output | Where-Object { $_ -like 'JSONCOPY *' } | Should -BeNullOrEmpty -Because 'the module loads no JSON-schema library'
    }

    It "audits end to end after the host's own JsonSchema.Net was loaded and used first (Test-Json: 7.0.x on PowerShell 7.4)" {
        $first = @'
if (-not (Test-Json -Json '{"a":1}' -Schema '{"type":"object","required":["a"]}')) { throw 'Test-Json failed' }
'@
        $result = Invoke-FreshPwsh -Script ($script:Preamble + "`n" + $first + "`nShow-JsonSchemaCopies`n" + $script:AuditPlane)
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'AUDIT ok' -Because $text
        $expected = if ($PSVersionTable.PSVersion -lt [version]'7.5') { '7\.0\.' } else { '7\.' }
        $text | Should -Match "JSONCOPY JsonSchema\.Net $expected\S* Default"
        Write-Host ($result.Output | Where-Object { $_ -like 'JSONCOPY*' } | Out-String)
    }

    It 'audits end to end after another module loaded a NEWER JsonSchema.Net (8.0) and used it first' -Skip:($PSVersionTable.PSVersion -lt [version]'7.5') {
        # A newer copy of a name on the trusted platform list cannot enter the default context (the binder refuses
        # it), so another module holds it in its own load context, as a module that isolates its dependencies would.
        # JsonSchema.Net 8 needs System.Text.Json 10: PowerShell 7.6 and later only (on 7.4 the case is the one above).
        $packages = Join-Path (Get-RepoRoot) 'build/tools/packages'
        $theirs = @"
`$files = @{ 'JsonSchema.Net' = '$($script:NewJsonSchema)'; 'JsonPointer.Net' = '$packages/jsonpointer.net/6.0.1/lib/netstandard2.0/JsonPointer.Net.dll'; 'Json.More' = '$packages/json.more.net/2.2.0/lib/netstandard2.0/Json.More.dll' }
`$alc = [System.Runtime.Loader.AssemblyLoadContext]::new('AnotherModule')
`$alc.add_Resolving({ param(`$context, `$name) if (`$files.ContainsKey(`$name.Name)) { `$context.LoadFromAssemblyPath(`$files[`$name.Name]) } })
`$schema = `$alc.LoadFromAssemblyPath(`$files['JsonSchema.Net']).GetType('Json.Schema.JsonSchema')::FromText('{"type":"object","required":["a"]}')
'THEIRS valid=' + `$schema.Evaluate([System.Text.Json.JsonDocument]::Parse('{}').RootElement, `$null).IsValid
"@
        $result = Invoke-FreshPwsh -Script ($script:Preamble + "`n" + $theirs + "`n" + $script:AuditPlane + "`nShow-JsonSchemaCopies")
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'THEIRS valid=False' -Because 'the newer copy must really be used'
        $result.Output | Should -Contain 'AUDIT ok' -Because $text
        $text | Should -Match 'JSONCOPY JsonSchema\.Net 8\.\S* AnotherModule'
        Write-Host ($result.Output | Where-Object { $_ -like 'JSONCOPY*' } | Out-String)
    }

    It 'removing the module unregisters the resolver' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleManifestPath)'
Remove-Module AcsTeamsSecurity
`$field = [AcsTeamsSecurity.ModuleLifetime].Assembly.GetType('AcsTeamsSecurity.Isolation.DependencyResolver').GetField('_registered', [Reflection.BindingFlags]'NonPublic,Static')
'REGISTERED ' + `$field.GetValue(`$null)
Import-Module '$(Get-ModuleManifestPath)'
'REGISTERED ' + `$field.GetValue(`$null)
"@
        $result = Invoke-FreshPwsh -Script $script
        $result.Output | Should -Contain 'REGISTERED False'
        $result.Output[-1] | Should -Be 'REGISTERED True'
    }
}
