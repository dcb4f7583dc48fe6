using System;

namespace AcsTeamsSecurity.Models
{
    /// <summary>Whether a fleet run could audit a tenant.</summary>
    public enum FleetTenantStatus
    {
        /// <summary>The tenant was read (live or from its snapshot) and every selected rule ran.</summary>
        Audited,

        /// <summary>The tenant could not be audited (sign-in, every Teams read, or its snapshot failed); Error says why.</summary>
        Failed,
    }

    /// <summary>
    /// One tenant of a fleet audit (Test-ExternalUserSecurity with several contexts or a folder of snapshots): its rank in
    /// the fleet (1 = worst), its finding counts, its risk score and the change since the previous fleet run — or, for a
    /// tenant that could not be audited, the error.
    /// </summary>
    public sealed class ExternalUserFleetTenant
    {
        /// <summary>Position in the fleet, worst first: tenants that could not be audited, then by score, failures and tenant id.</summary>
        public int Rank { get; internal set; }

        /// <summary>The tenant id (or, when a sign-in failed before the id was known, the tenant as given).</summary>
        public string TenantId { get; internal set; } = string.Empty;

        /// <summary>The tenant's domain when it is known.</summary>
        public string? TenantDomain { get; internal set; }

        /// <summary>Audited, or Failed (see Error).</summary>
        public FleetTenantStatus Status { get; internal set; }

        /// <summary>
        /// Risk score: each failed finding weighs by severity (Critical 25, High 10, Medium 4, Low 1, Informational 0), each
        /// error finding 2. Higher is worse; 0 is a tenant with nothing failing.
        /// </summary>
        public int Score { get; internal set; }

        /// <summary>Findings that failed.</summary>
        public int Failed { get; internal set; }

        /// <summary>Failed findings of Critical or High severity.</summary>
        public int FailedCriticalOrHigh { get; internal set; }

        /// <summary>Findings that could not be evaluated (Error).</summary>
        public int Errors { get; internal set; }

        /// <summary>Findings with a warning.</summary>
        public int Warnings { get; internal set; }

        /// <summary>Findings that passed.</summary>
        public int Passed { get; internal set; }

        /// <summary>Findings that did not apply.</summary>
        public int NotApplicable { get; internal set; }

        /// <summary>Failed findings now minus in the previous fleet run (-PreviousReportPath); null without one or for a new tenant.</summary>
        public int? FailedChange { get; internal set; }

        /// <summary>Why the tenant could not be audited (Status Failed); null otherwise.</summary>
        public string? Error { get; internal set; }

        /// <summary>The stable error id of that failure.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>"Live" or the snapshot file.</summary>
        public string Source { get; internal set; } = string.Empty;

        /// <summary>When the tenant's configuration was read (UTC); null when it could not be.</summary>
        public DateTimeOffset? CollectedAt { get; internal set; }

        /// <summary>How long this tenant took.</summary>
        public TimeSpan Duration { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{TenantDomain ?? TenantId} ({Status})";
    }
}
