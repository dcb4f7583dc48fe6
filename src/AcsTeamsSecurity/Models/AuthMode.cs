namespace AcsTeamsSecurity.Models
{
    /// <summary>How a context signs in.</summary>
    public enum AuthMode
    {
        /// <summary>A user signs in through the system browser.</summary>
        Interactive,

        /// <summary>A user signs in on another device with a code.</summary>
        DeviceCode,

        /// <summary>An application with a client secret.</summary>
        ClientSecret,

        /// <summary>An application with a certificate.</summary>
        Certificate,

        /// <summary>A managed identity (Azure Automation, App Service, Functions, VMs).</summary>
        ManagedIdentity,

        /// <summary>An application with a federated token (workload identity, GitHub Actions OIDC).</summary>
        FederatedToken,

        /// <summary>Access tokens supplied by the caller; they cannot be refreshed.</summary>
        AccessToken,

        /// <summary>Only an ACS connection string (access key): the ACS identity cmdlets, and no Entra ID sign-in at all.</summary>
        AcsAccessKey,
    }
}
