using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>The result of one rule for one scope (Test-ExternalUserSecurity).</summary>
    public sealed class ExternalUserSecurityFinding
    {
        /// <summary>The rule id.</summary>
        public string RuleId { get; internal set; } = string.Empty;

        /// <summary>The rule title.</summary>
        public string Title { get; internal set; } = string.Empty;

        /// <summary>The rule severity.</summary>
        public AuditSeverity Severity { get; internal set; }

        /// <summary>Pass, Fail, Warning, NotApplicable or Error.</summary>
        public FindingStatus Status { get; internal set; }

        /// <summary>Where the rule looked.</summary>
        public AuditPlane Plane { get; internal set; }

        /// <summary>What was evaluated: Tenant, a policy instance (Global, Tag:Name) or an ACS resource name.</summary>
        public string Scope { get; internal set; } = string.Empty;

        /// <summary>The setting(s) checked, as Type.Property.</summary>
        public string Setting { get; internal set; } = string.Empty;

        /// <summary>The value found.</summary>
        public string Actual { get; internal set; } = string.Empty;

        /// <summary>The value the rule expects.</summary>
        public string Expected { get; internal set; } = string.Empty;

        /// <summary>How many users the scope applies to, when known (policy instances).</summary>
        public int? AffectedUsers { get; internal set; }

        /// <summary>Why the status is what it is, in a sentence.</summary>
        public string Evidence { get; internal set; } = string.Empty;

        /// <summary>A command of this module that fixes a failure for this scope; empty for passing findings.</summary>
        public string Remediation { get; internal set; } = string.Empty;

        /// <summary>The rule's mappings to other catalogues.</summary>
        public IReadOnlyList<RuleMapping> Mappings { get; internal set; } = Array.Empty<RuleMapping>();

        /// <summary>The tenant evaluated.</summary>
        public string TenantId { get; internal set; } = string.Empty;

        /// <summary>Live, or the snapshot file evaluated.</summary>
        public string Source { get; internal set; } = string.Empty;

        /// <inheritdoc />
        public override string ToString() => $"{RuleId} {Scope}: {Status}";
    }
}
