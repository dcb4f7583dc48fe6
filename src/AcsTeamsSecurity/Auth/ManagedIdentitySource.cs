using System;
using System.IO;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Where a managed-identity sign-in gets its tokens, found the way MSAL's ManagedIdentityApplication (inside
    /// Azure.Identity's ManagedIdentityCredential) finds it, from the process environment: so Connect can say which
    /// one it used. Reading the environment sends nothing.
    /// </summary>
    internal static class ManagedIdentitySource
    {
        /// <summary>App Service, Azure Functions, Azure Automation and Container Apps: IDENTITY_ENDPOINT with IDENTITY_HEADER.</summary>
        internal const string AppService = "AppService";

        /// <summary>Service Fabric: IDENTITY_ENDPOINT, IDENTITY_HEADER and IDENTITY_SERVER_THUMBPRINT.</summary>
        internal const string ServiceFabric = "ServiceFabric";

        /// <summary>Azure Machine Learning: MSI_ENDPOINT with MSI_SECRET.</summary>
        internal const string MachineLearning = "MachineLearning";

        /// <summary>Azure Cloud Shell: MSI_ENDPOINT alone.</summary>
        internal const string CloudShell = "CloudShell";

        /// <summary>Azure Arc-enabled servers: IDENTITY_ENDPOINT with IMDS_ENDPOINT, or the Arc agent installed.</summary>
        internal const string AzureArc = "AzureArc";

        /// <summary>Azure VMs and scale sets: the Instance Metadata Service (the default when nothing else is set).</summary>
        internal const string Imds = "Imds";

        /// <summary>The default IMDS address; AZURE_POD_IDENTITY_AUTHORITY_HOST overrides it (Azure.Identity and MSAL honour it).</summary>
        internal const string DefaultImdsHost = "http://169.254.169.254";

        /// <summary>The source, and the endpoint it will call (without any secret: the identity header is never read out).</summary>
        internal static (string Source, string Endpoint, string Description) Detect(Func<string, string?>? variables = null)
        {
            variables ??= Environment.GetEnvironmentVariable;
            bool Has(string name) => !string.IsNullOrEmpty(variables(name));
            var identityEndpoint = variables("IDENTITY_ENDPOINT");

            if (Has("IDENTITY_ENDPOINT") && Has("IDENTITY_HEADER"))
            {
                return Has("IDENTITY_SERVER_THUMBPRINT")
                    ? (ServiceFabric, identityEndpoint!, "Service Fabric (IDENTITY_ENDPOINT, IDENTITY_HEADER, IDENTITY_SERVER_THUMBPRINT)")
                    : (AppService, identityEndpoint!, "App Service, Azure Functions or Azure Automation (IDENTITY_ENDPOINT and IDENTITY_HEADER)");
            }

            if (Has("MSI_ENDPOINT"))
            {
                return Has("MSI_SECRET")
                    ? (MachineLearning, variables("MSI_ENDPOINT")!, "Azure Machine Learning (MSI_ENDPOINT and MSI_SECRET)")
                    : (CloudShell, variables("MSI_ENDPOINT")!, "Azure Cloud Shell (MSI_ENDPOINT)");
            }

            if ((Has("IDENTITY_ENDPOINT") && Has("IMDS_ENDPOINT")) || File.Exists("/opt/azcmagent/bin/himds"))
            {
                return (AzureArc, identityEndpoint ?? "http://localhost:40342", "Azure Arc (IDENTITY_ENDPOINT and IMDS_ENDPOINT, or the Arc agent)");
            }

            var podHost = variables("AZURE_POD_IDENTITY_AUTHORITY_HOST");
            var imdsHost = string.IsNullOrEmpty(podHost) ? DefaultImdsHost : podHost!.TrimEnd('/');
            return (Imds, imdsHost + "/metadata/identity/oauth2/token", string.IsNullOrEmpty(podHost)
                ? "the Azure Instance Metadata Service (Azure VM or scale set; no managed-identity variables are set)"
                : "the Azure Instance Metadata Service at the address in AZURE_POD_IDENTITY_AUTHORITY_HOST");
        }
    }
}
