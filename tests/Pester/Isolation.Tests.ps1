# Dependency isolation: the module works next to OLDER copies of Azure.Core and MSAL loaded by another module,
# in either order, and shows which load context each copy lives in.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Emu = Start-TestEmulator
    $script:Id = Get-TestIdentity
    $packages = Join-Path (Get-RepoRoot) 'build/tools/packages'
    $script:OldAzureCore = Join-Path $packages 'azure.core/1.38.0/lib/netstandard2.0/Azure.Core.dll'
    $script:OldMsal = Join-Path $packages 'microsoft.identity.client/4.60.4/lib/netstandard2.0/Microsoft.Identity.Client.dll'

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
function Use-Theirs {
    `$core = [Reflection.Assembly]::LoadFrom('$($script:OldAzureCore)')
    `$msal = [Reflection.Assembly]::LoadFrom('$($script:OldMsal)')
    # Use the older copies the way another module would.
    `$token = [Activator]::CreateInstance(`$core.GetType('Azure.Core.AccessToken'), @('theirs', [DateTimeOffset]::UtcNow.AddHours(1)))
    'THEIRS AccessToken from {0}' -f `$token.GetType().Assembly.GetName().Version
    'THEIRS MSAL {0}' -f `$msal.GetType('Microsoft.Identity.Client.PublicClientApplicationOptions').Assembly.GetName().Version
}
"@
}

AfterAll { Stop-TestEmulator -Emulator $script:Emu }

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

    It 'shares the JSON-schema libraries PowerShell itself ships, only at the major versions the module was built against' {
        # pwsh 7.4+ ships JsonSchema.Net, JsonPointer.Net, Json.More and Humanizer (Test-Json): the runtime resolves
        # them from its trusted platform list before any resolver runs, so the module uses the host's copies. This
        # fails the day PowerShell moves one of them to another major version, before users meet it.
        $snapshot = Join-Path (Get-RepoRoot) 'tests/AcsTeamsSecurity.Tests/Audit/Fixtures/secure-snapshot.json'
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleManifestPath)'
'FINDINGS ' + @(Test-ExternalUserSecurity -SnapshotPath '$snapshot').Count
`$refs = [AcsTeamsSecurity.ModuleLifetime].Assembly.GetReferencedAssemblies()
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'JsonSchema.Net', 'JsonPointer.Net', 'Json.More' }) {
    `$ref = `$refs | Where-Object Name -EQ `$a.GetName().Name
    `$shipped = [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path '$(Split-Path (Get-ModuleManifestPath))/dependencies' (`$a.GetName().Name + '.dll'))).FileVersion
    'LIB {0} loaded {1} referenced {2} file {3} shipped {4} context {5}' -f `$a.GetName().Name, `$a.GetName().Version.Major, (`$(if (`$ref) { `$ref.Version.Major } else { 'none' })), ([Diagnostics.FileVersionInfo]::GetVersionInfo(`$a.Location).FileVersion), `$shipped, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name
}
"@
        $result = Invoke-FreshPwsh -Script $script
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        [int](($result.Output | Where-Object { $_ -like 'FINDINGS *' }) -replace 'FINDINGS ') | Should -BeGreaterOrEqual 28
        $libs = @($result.Output | Where-Object { $_ -like 'LIB *' })
        $libs.Count | Should -Be 3 -Because $text
        foreach ($line in $libs) {
            $f = $line -split ' '
            # LIB <name> loaded <major> referenced <major|none> file <version> shipped <version> context <name>
            if ($f[5] -ne 'none') { $f[3] | Should -Be $f[5] -Because "the host's $($f[1]) must be the major version the module was compiled against" }
            [version]$f[7] | Should -BeGreaterOrEqual ([version]$f[9]) -Because "the host's $($f[1]) must not be older than the copy the module ships"
        }
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
