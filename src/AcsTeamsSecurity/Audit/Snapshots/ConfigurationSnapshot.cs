using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>Who, where and when a snapshot was taken. Never a secret: the account is a UPN or an application id.</summary>
    internal sealed class SnapshotMetadata
    {
        internal string TenantId { get; set; } = string.Empty;

        internal string? TenantDomain { get; set; }

        internal string Environment { get; set; } = string.Empty;

        internal DateTimeOffset CreatedAt { get; set; }

        internal string ModuleVersion { get; set; } = string.Empty;

        internal string? Account { get; set; }

        internal IReadOnlyList<string> Subscriptions { get; set; } = Array.Empty<string>();
    }

    /// <summary>A part of the tenant that could not be read: rules on that plane report Error instead of guessing.</summary>
    internal sealed class CollectionError
    {
        /// <summary>
        /// The error id of diagnostic settings that could not be read: the resource itself was read, so the list of ACS
        /// resources is still complete (the collector records it, the rules and the comparer tell it apart).
        /// </summary>
        internal const string DiagnosticSettingsUnreadable = "DiagnosticSettingsUnreadable";

        internal CollectionError(AuditPlane plane, string message, string? errorId = null)
        {
            Plane = plane;
            Message = message;
            ErrorId = errorId;
        }

        internal AuditPlane Plane { get; }

        internal string Message { get; }

        internal string? ErrorId { get; }
    }

    /// <summary>A policy instance with the number of users it applies to (null when it could not be counted).</summary>
    internal sealed class SnapshotPolicy<T>
        where T : class
    {
        internal SnapshotPolicy(T settings, int? userCount)
        {
            Settings = settings;
            UserCount = userCount;
        }

        internal T Settings { get; }

        internal int? UserCount { get; }
    }

    /// <summary>
    /// Everything the audit evaluates, in memory: the tenant gates, every policy instance, the ACS resources. Live
    /// audits build one from the service and snapshot files load into one, so both are evaluated by the same code.
    /// </summary>
    internal sealed class ConfigurationSnapshot
    {
        internal const string CurrentSchemaVersion = "1.1";

        /// <summary>The versions Load reads: 1.0 (before the Purview plane; read with <see cref="Purview"/> null) and 1.1.</summary>
        internal static readonly string[] ReadableSchemaVersions = { "1.0", "1.1" };

        internal string SchemaVersion { get; set; } = CurrentSchemaVersion;

        internal SnapshotMetadata Metadata { get; set; } = new SnapshotMetadata();

        internal AcsFederationConfiguration Tenant { get; set; } = new AcsFederationConfiguration();

        internal List<SnapshotPolicy<MeetingPolicySettings>> MeetingPolicies { get; } = new List<SnapshotPolicy<MeetingPolicySettings>>();

        internal List<SnapshotPolicy<ExternalAccessPolicySettings>> ExternalAccessPolicies { get; } = new List<SnapshotPolicy<ExternalAccessPolicySettings>>();

        internal List<SnapshotPolicy<MeetingBroadcastPolicySettings>> BroadcastPolicies { get; } = new List<SnapshotPolicy<MeetingBroadcastPolicySettings>>();

        /// <summary>Null when no subscriptions were given (ACS resources were not collected).</summary>
        internal List<AcsResourceSettings>? AcsResources { get; set; }

        /// <summary>Microsoft Purview (schema 1.1); null when not collected (a 1.0 file, or a cloud or sign-in without Security &amp; Compliance).</summary>
        internal SnapshotPurview? Purview { get; set; }

        /// <summary>What could not be collected (for example a subscription without read access), by plane.</summary>
        internal List<CollectionError> CollectionErrors { get; } = new List<CollectionError>();
    }
}
