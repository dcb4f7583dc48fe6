#
# Source manifest. build.ps1 stamps ModuleVersion from Directory.Build.props and copies it to out/AcsTeamsSecurity/.
# Third-party assemblies are NOT listed in RequiredAssemblies on purpose: they live in dependencies/ and are
# loaded on demand into the module's private AssemblyLoadContext (see docs/ARCHITECTURE.md).
#
@{
    RootModule             = 'AcsTeamsSecurity.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '6f0c5f55-0d2e-4f61-9a39-2a8f8f3c6a1e'
    Author                 = 'AcsTeamsSecurity contributors'
    CompanyName            = 'AcsTeamsSecurity contributors'
    Copyright              = '(c) AcsTeamsSecurity contributors. MIT License.'
    Description            = 'Manage and audit the security of Teams external users who join Microsoft Teams meetings through Azure Communication Services (ACS) apps: one sign-in for Teams policies, Graph meeting settings, ACS identities and tokens, and audits.'
    # The minimum is the oldest engine the whole test suite runs on: PowerShell 7.4 LTS on .NET 8 (Azure Automation's
    # runtime); it also runs on 7.6. The assembly targets netstandard2.0 and has a resolver fallback for Windows
    # PowerShell 5.1, but 5.1 is not declared until it has been tested (docs/ARCHITECTURE.md lists what is missing).
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('AcsTeamsSecurity.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-AcsTeamsSecurity'
        'Disconnect-AcsTeamsSecurity'
        'Get-AcsTeamsSecurityContext'
        'Test-AcsTeamsSecurityConnection'
        'Test-AcsTeamsSecurityContract'
        'Add-AcsTeamsEnvironment'
        'Get-AcsTeamsEnvironment'
        'Remove-AcsTeamsEnvironment'
        'New-AcsGuestToken'
        'New-AcsIdentity'
        'Revoke-AcsToken'
        'Remove-AcsIdentity'
        'Get-AcsTeamsUserToken'
        'ConvertFrom-AcsToken'
        'Get-ExternalUserPolicy'
        'Set-ExternalUserPolicy'
        'Set-LobbyBypass'
        'Get-AcsFederationConfiguration'
        'Set-AcsFederationConfiguration'
        'Grant-ExternalUserPolicy'
        'Test-ExternalUserAccess'
        'Get-ExternalUserDataProtection'
        'Get-MeetingExternalAccess'
        'Set-MeetingExternalAccess'
        'Export-ExternalUserConfiguration'
        'Get-ExternalUserSecurityRule'
        'Test-ExternalUserSecurity'
        'Compare-ExternalUserConfiguration'
        'Restore-ExternalUserConfiguration'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Teams', 'MicrosoftTeams', 'AzureCommunicationServices', 'ACS', 'Security', 'Audit', 'ScubaGear', 'Maester', 'Compliance', 'Graph', 'Entra', 'PSEdition_Core', 'Linux')
            LicenseUri   = 'https://github.com/acsteamssecurity/AcsTeamsSecurity/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/acsteamssecurity/AcsTeamsSecurity'
            # build.ps1 replaces this with the CHANGELOG.md section of the version being built.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
