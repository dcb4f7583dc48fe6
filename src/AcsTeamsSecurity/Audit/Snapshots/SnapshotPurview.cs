using System.Collections.Generic;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// The snapshot's Purview plane (schema 1.1): the DLP policies that cover Teams, the Customer Key status, and for each
    /// user a Teams DLP policy excludes, the meeting and external access policies in effect for that user (so the audit
    /// can tell whether the excluded users organize meetings ACS users can join). Read only: Restore never writes it.
    /// </summary>
    internal sealed class SnapshotPurview
    {
        internal List<ExternalUserDlpPolicy> DlpPolicies { get; } = new List<ExternalUserDlpPolicy>();

        internal ExternalUserCustomerKeyStatus CustomerKey { get; set; } = new ExternalUserCustomerKeyStatus();

        internal List<SnapshotDlpExclusion> ExcludedUsers { get; } = new List<SnapshotDlpExclusion>();
    }

    /// <summary>One user or group excluded from a Teams DLP policy, with the policies in effect for it (null: not known).</summary>
    internal sealed class SnapshotDlpExclusion
    {
        /// <summary>The exclusion as the DLP policy lists it (a user principal name, an address or a group).</summary>
        public string Identity { get; set; } = string.Empty;

        /// <summary>The meeting policy instance in effect for the user (Global or Tag:Name); null when it could not be resolved (a group, an unknown user, no Graph access).</summary>
        public string? MeetingPolicy { get; set; }

        /// <summary>The external access policy instance in effect for the user; null when not resolved.</summary>
        public string? ExternalAccessPolicy { get; set; }
    }
}
