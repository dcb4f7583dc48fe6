using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>A DLP policy's mode, as Security &amp; Compliance reports it (<c>Mode</c>).</summary>
    public enum DlpPolicyMode
    {
        /// <summary>The service returned no mode, or one the module does not know (see <see cref="ExternalUserDlpPolicy.ModeText"/>).</summary>
        Unknown,

        /// <summary>Enforced: the policy's actions (blocking included) apply.</summary>
        Enable,

        /// <summary>Test mode with policy tips and notifications: nothing is blocked.</summary>
        TestWithNotifications,

        /// <summary>Test mode, silent: nothing is blocked.</summary>
        TestWithoutNotifications,

        /// <summary>Turned off.</summary>
        Disable,
    }

    /// <summary>Customer Key (Microsoft 365 data-at-rest encryption) for Teams chat, as far as the module can tell.</summary>
    public enum CustomerKeyState
    {
        /// <summary>Not read: the cloud has no known Exchange Online host, the read failed, or it was skipped.</summary>
        NotCollected,

        /// <summary>The tenant is not offered the Customer Key cmdlets (no licence for Customer Key).</summary>
        NotLicensed,

        /// <summary>Customer Key is available but no multi-workload data encryption policy is assigned to the tenant.</summary>
        NotAssigned,

        /// <summary>A multi-workload data encryption policy is assigned: Teams chat (external users' messages included) is encrypted with the tenant's keys.</summary>
        Assigned,
    }

    /// <summary>One DLP policy that covers Teams, seen from the external (ACS) user's side.</summary>
    public sealed class ExternalUserDlpPolicy
    {
        /// <summary>The policy name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The policy's mode; only <see cref="DlpPolicyMode.Enable"/> blocks anything.</summary>
        public DlpPolicyMode Mode { get; internal set; }

        /// <summary>The mode exactly as the service sent it.</summary>
        public string? ModeText { get; internal set; }

        /// <summary>True when the mode is Enable (the policy acts); test modes and Disable block nothing.</summary>
        public bool Enforced => Mode == DlpPolicyMode.Enable;

        /// <summary>True when the Teams location is All (every Teams user, less <see cref="TeamsLocationException"/>).</summary>
        public bool CoversAllTeamsUsers { get; internal set; }

        /// <summary>The Teams locations (All, or the users and groups the policy is scoped to).</summary>
        public IReadOnlyList<string> TeamsLocation { get; internal set; } = Array.Empty<string>();

        /// <summary>Users and groups excluded from the Teams location.</summary>
        public IReadOnlyList<string> TeamsLocationException { get; internal set; } = Array.Empty<string>();

        /// <summary>Sensitive information types that an enabled blocking rule of the policy detects.</summary>
        public IReadOnlyList<string> BlockedInformationTypes { get; internal set; } = Array.Empty<string>();

        /// <summary>True when an enabled rule blocks access for people outside the organization (BlockAccess with scope All or PerUser).</summary>
        public bool BlocksExternalParticipants { get; internal set; }

        /// <summary>The names of the policy's rules (disabled ones included).</summary>
        public IReadOnlyList<string> Rules { get; internal set; } = Array.Empty<string>();

        /// <summary>The workloads the service lists for the policy.</summary>
        public string? Workload { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>The tenant's Customer Key status for Teams chat.</summary>
    public sealed class ExternalUserCustomerKeyStatus
    {
        /// <summary>What the module found.</summary>
        public CustomerKeyState State { get; internal set; }

        /// <summary>The assigned data encryption policy, when one is.</summary>
        public string? AssignedPolicy { get; internal set; }

        /// <summary>The tenant's multi-workload data encryption policies (assigned or not).</summary>
        public IReadOnlyList<string> Policies { get; internal set; } = Array.Empty<string>();

        /// <summary>Why the state is NotCollected or NotLicensed, in one sentence.</summary>
        public string? Detail { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => State.ToString();
    }

    /// <summary>
    /// What protects the content Teams external (ACS) users see and send: the DLP policies that cover Teams and the
    /// tenant's Customer Key status. Read from Microsoft Purview; the module never changes either.
    /// </summary>
    public sealed class ExternalUserDataProtection
    {
        /// <summary>The tenant id.</summary>
        public string? TenantId { get; internal set; }

        /// <summary>Every DLP policy that covers Teams.</summary>
        public IReadOnlyList<ExternalUserDlpPolicy> DlpPolicies { get; internal set; } = Array.Empty<ExternalUserDlpPolicy>();

        /// <summary>True when at least one Teams DLP policy is enforced (mode Enable).</summary>
        public bool TeamsDlpEnforced
        {
            get
            {
                foreach (var policy in DlpPolicies)
                {
                    if (policy.Enforced)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The Customer Key status for Teams chat.</summary>
        public ExternalUserCustomerKeyStatus CustomerKey { get; internal set; } = new ExternalUserCustomerKeyStatus();

        /// <inheritdoc />
        public override string ToString() => $"{DlpPolicies.Count} Teams DLP policies; Customer Key {CustomerKey.State}";
    }
}
