using System;

namespace AcsTeamsSecurity.Models
{
    /// <summary>What Export-ExternalUserConfiguration wrote (pipe it to Test-ExternalUserSecurity or Compare-ExternalUserConfiguration).</summary>
    public sealed class ExternalUserConfigurationSummary
    {
        /// <summary>The snapshot file.</summary>
        public string Path { get; internal set; } = string.Empty;

        /// <summary>The tenant exported.</summary>
        public string TenantId { get; internal set; } = string.Empty;

        /// <summary>The cloud environment.</summary>
        public string Environment { get; internal set; } = string.Empty;

        /// <summary>When the snapshot was taken (UTC).</summary>
        public DateTimeOffset CreatedAt { get; internal set; }

        /// <summary>The snapshot schema version.</summary>
        public string SchemaVersion { get; internal set; } = string.Empty;

        /// <summary>Meeting policy instances in the snapshot.</summary>
        public int MeetingPolicies { get; internal set; }

        /// <summary>External access policy instances in the snapshot.</summary>
        public int ExternalAccessPolicies { get; internal set; }

        /// <summary>ACS resources on the federation allow-list.</summary>
        public int AllowedAcsResources { get; internal set; }

        /// <summary>ACS resources exported from the subscriptions given; null when no subscription was given.</summary>
        public int? AcsResources { get; internal set; }

        /// <summary>The detached signature file (&lt;Path&gt;.sig) when -SigningCertificate was given, else null.</summary>
        public string? SignaturePath { get; internal set; }

        /// <summary>The signer (subject and thumbprint) when the snapshot was signed, else null.</summary>
        public string? SignedBy { get; internal set; }

        /// <summary>Parts of the tenant that could not be read (each was also written as an error).</summary>
        public int CollectionErrors { get; internal set; }
    }
}
