using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>
    /// The security-relevant properties of one Azure Communication Services resource, as Azure Resource Manager
    /// reports them (api-facts §7.2), and whether its authentication logs are collected (§7.4). A null value means
    /// the property was not returned (an older api-version, or not set).
    /// </summary>
    public sealed class AcsResourceSettings
    {
        /// <summary>The ARM resource id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The resource name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The subscription that holds the resource.</summary>
        public string SubscriptionId { get; internal set; } = string.Empty;

        /// <summary>The resource group.</summary>
        public string ResourceGroup { get; internal set; } = string.Empty;

        /// <summary>The ARM location (usually "global").</summary>
        public string? Location { get; internal set; }

        /// <summary>Where the resource stores data at rest.</summary>
        public string? DataLocation { get; internal set; }

        /// <summary>The data-plane host name.</summary>
        public string? HostName { get; internal set; }

        /// <summary>The GUID used in ACS identities and in the Teams ACS federation allow-list.</summary>
        public string? ImmutableResourceId { get; internal set; }

        /// <summary>The ARM provisioning state.</summary>
        public string? ProvisioningState { get; internal set; }

        /// <summary>True when access keys (HMAC) cannot be used; false or null means keys can still mint tokens.</summary>
        public bool? DisableLocalAuth { get; internal set; }

        /// <summary>The managed identity type (None, SystemAssigned, UserAssigned, "SystemAssigned,UserAssigned"); null when absent.</summary>
        public string? ManagedIdentityType { get; internal set; }

        /// <summary>Enabled, Disabled or SecuredByPerimeter; null when the api-version does not report it.</summary>
        public string? PublicNetworkAccess { get; internal set; }

        /// <summary>Linked email domains.</summary>
        public IReadOnlyList<string> LinkedDomains { get; internal set; } = Array.Empty<string>();

        /// <summary>Names of the diagnostic settings on the resource.</summary>
        public IReadOnlyList<string> DiagnosticSettings { get; internal set; } = Array.Empty<string>();

        /// <summary>True when a diagnostic setting collects the AuthOperational log category; null when the settings could not be read.</summary>
        public bool? AuthLogsCollected { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
