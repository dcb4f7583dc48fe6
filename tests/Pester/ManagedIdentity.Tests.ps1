# Managed identity everywhere it exists: App Service / Azure Automation (IDENTITY_ENDPOINT + IDENTITY_HEADER) and
# Azure VMs (IMDS: plain HTTP, Metadata: true). Connect says which source it used, in Verbose and on the context.
# Only loopback is ever called: IMDS is pointed at the emulator's plain-HTTP listener with
# AZURE_POD_IDENTITY_AUTHORITY_HOST, the IMDS address override that Azure.Identity and MSAL honour.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:MiVariables = 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST'

    function Invoke-ImdsPwsh {
        # A fresh pwsh (MSAL keeps the IMDS address for the process) with only the IMDS override set.
        param([string] $Body)
        $environment = @{}
        foreach ($name in $script:MiVariables) { $environment[$name] = $null }
        $environment['AZURE_POD_IDENTITY_AUTHORITY_HOST'] = $script:Emu.ImdsUrl
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleManifestPath)'
Add-AcsTeamsEnvironment -Name Emulator -AuthorityHost '$($script:Emu.BaseUrl)' -GraphEndpoint '$($script:Emu.BaseUrl)' -TeamsAdminEndpoint '$($script:Emu.BaseUrl)/teams' -ArmEndpoint '$($script:Emu.BaseUrl)/arm' -Force | Out-Null
$Body
"@
        Invoke-FreshPwsh -Script $script -Environment $environment
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'The emulator serves IMDS as Azure does' {
    It 'on a plain-HTTP loopback listener that serves the IMDS token path and nothing else' {
        $script:Emu.ImdsUrl | Should -Match '^http://127\.0\.0\.1:\d+$'
        $token = Invoke-RestMethod -Uri "$($script:Emu.ImdsUrl)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://graph.microsoft.com" -Headers @{ Metadata = 'true' }
        $token.token_type | Should -Be 'Bearer'
        $token.client_id | Should -Be $script:Id.MiSystemClientId
        { Invoke-RestMethod -Uri "$($script:Emu.ImdsUrl)/v1.0/organization" } | Should -Throw
        { Invoke-RestMethod -Uri "$($script:Emu.ImdsUrl)/_emulator/info" } | Should -Throw
    }

    It 'refuses a request without Metadata: true, or one that came through a proxy' {
        $uri = "$($script:Emu.ImdsUrl)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://graph.microsoft.com"
        $r = Invoke-WebRequest -Uri $uri -SkipHttpErrorCheck
        $r.StatusCode | Should -Be 400
        $r.Content | Should -Match 'metadata header'
        (Invoke-WebRequest -Uri $uri -Headers @{ Metadata = 'true'; 'X-Forwarded-For' = '10.0.0.1' } -SkipHttpErrorCheck).StatusCode | Should -Be 400
        (Invoke-WebRequest -Uri "$($script:Emu.BaseUrl)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://graph.microsoft.com" -Headers @{ Metadata = 'true' } -SkipHttpErrorCheck).StatusCode | Should -Be 400
    }
}

Describe 'Connect-AcsTeamsSecurity -ManagedIdentity on an Azure VM (IMDS)' {
    It 'signs in with the system-assigned identity through IMDS and says so' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $result = Invoke-ImdsPwsh -Body @'
$context = Connect-AcsTeamsSecurity -ManagedIdentity -Environment Emulator -PassThru -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE $_" } else { $_ } }
$ctx = $context | Where-Object { $_ -isnot [string] }
$context | Where-Object { $_ -is [string] }
"SOURCE $($ctx.ManagedIdentitySource)"
"TENANT $($ctx.TenantId)"
"CLIENT $(($ctx.Tokens | Where-Object Acquired | Select-Object -First 1).Service)"
Get-AcsTeamsSecurityContext | Format-List | Out-String
'@
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'SOURCE Imds'
        $result.Output | Should -Contain "TENANT $($script:Id.ContosoId)"
        $text | Should -Match 'VERBOSE Managed identity source: Imds, the Azure Instance Metadata Service at the address in AZURE_POD_IDENTITY_AUTHORITY_HOST, at http://127\.0\.0\.1:\d+/metadata/identity/oauth2/token\.'
        $text | Should -Match 'ManagedIdentitySource\s+: Imds'
        $imds = @(Get-EmulatorRequest -Emulator $script:Emu -Service msi)
        $imds.Count | Should -BeGreaterOrEqual 1
        $imds | ForEach-Object { $_.path | Should -Be '/metadata/identity/oauth2/token'; $_.status | Should -Be 200; $_.clientId | Should -Be $script:Id.MiSystemClientId }
        @(Get-EmulatorRequest -Emulator $script:Emu -Service entra) | Should -BeNullOrEmpty -Because 'IMDS tokens come from the VM, not from Entra ID'
    }

    It 'uses a user-assigned identity with -ClientId, and its token works against Graph' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $result = Invoke-ImdsPwsh -Body @"
`$ctx = Connect-AcsTeamsSecurity -ManagedIdentity -ClientId '$($script:Id.MiUserClientId)' -Environment Emulator -PassThru
"SOURCE `$(`$ctx.ManagedIdentitySource)"
Test-AcsTeamsSecurityConnection -Service Graph | ForEach-Object { "GRAPH `$(`$_.Success) `$(`$_.Detail)" }
"@
        $text = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $text
        $result.Output | Should -Contain 'SOURCE Imds'
        $text | Should -Match 'GRAPH True'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service msi | Where-Object clientId -EQ $script:Id.MiUserClientId).Count | Should -BeGreaterOrEqual 1
    }

    It 'an identity the VM does not have gives ManagedIdentityUnavailable' {
        $result = Invoke-ImdsPwsh -Body @"
try { Connect-AcsTeamsSecurity -ManagedIdentity -ClientId '$([guid]::NewGuid())' -Environment Emulator -MaxRetries 0 -ErrorAction Stop; 'CONNECTED' }
catch { "ERROR `$(`$_.FullyQualifiedErrorId)" }
"@
        $text = $result.Output -join "`n"
        $text | Should -Match 'ERROR ManagedIdentityUnavailable,' -Because $text
    }
}

Describe 'Connect-AcsTeamsSecurity -ManagedIdentity in App Service or Azure Automation' {
    BeforeAll {
        $script:Saved = @{}
        foreach ($name in $script:MiVariables) { $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
        $env:IDENTITY_ENDPOINT = "$($script:Emu.BaseUrl)/msi/token"
        $env:IDENTITY_HEADER = $script:Id.MiHeader
    }
    AfterAll {
        foreach ($name in $script:MiVariables) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    }

    It 'reports the AppService source in Verbose and on the context, and never the identity header' {
        $verbose = Connect-AcsTeamsSecurity -ManagedIdentity -Environment Emulator -Verbose 4>&1 | Out-String
        $context = Get-AcsTeamsSecurityContext
        $context.ManagedIdentitySource | Should -Be 'AppService'
        $verbose | Should -Match 'Managed identity source: AppService, App Service, Azure Functions or Azure Automation'
        $verbose | Should -Match ([regex]::Escape("$($script:Emu.BaseUrl)/msi/token"))
        ($verbose + ($context | Format-List * | Out-String)) | Should -Not -Match ([regex]::Escape($script:Id.MiHeader))
        Disconnect-AcsTeamsSecurity
    }

    It 'other sign-ins have no managed-identity source' {
        (Connect-TestTenant).ManagedIdentitySource | Should -BeNullOrEmpty
        Disconnect-AcsTeamsSecurity
    }
}
