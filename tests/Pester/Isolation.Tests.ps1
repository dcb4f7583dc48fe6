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
