using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using static AcsTeamsSecurity.Audit.Rules.PurviewScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.PRV.5: Customer Key (a multi-workload data-at-rest encryption policy) is assigned while external users can
    /// chat in meetings; NotApplicable (informational) without the licence or without external chat.
    /// </summary>
    internal sealed class CustomerKeyAssignedEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "M365DataAtRestEncryptionPolicyAssignment";
            return Plane(snapshot, Setting, p =>
            {
                var s = snapshot;
                var ck = p.CustomerKey;
                var chat = s.Tenant.EnableAcsUsers == true || (s.Tenant.DisableAnonymousJoin != true && s.MeetingPolicies.Any(m => m.Settings.AllowAnonymousUsersToJoinMeeting == true));
                var actual = ck.State + (ck.AssignedPolicy is null ? string.Empty : $": {ck.AssignedPolicy}");
                return ck.State switch
                {
                    CustomerKeyState.Assigned => new[] { new RuleResult(FindingStatus.Pass, "Tenant", Setting, actual, "Teams chat is encrypted at rest with the organization's keys.") },
                    CustomerKeyState.NotLicensed => new[] { new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, actual, "Informational: the tenant has no Customer Key licence; Microsoft-managed keys encrypt Teams chat.") },
                    CustomerKeyState.NotCollected => new[] { new RuleResult(FindingStatus.Warning, "Tenant", Setting, actual, ck.Detail ?? "Customer Key was not read.", string.Empty) },
                    _ when !chat => new[] { new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, actual, "No data encryption policy is assigned, but external users cannot join meetings (ACS federation off, anonymous join off).") },
                    _ => new[]
                    {
                        new RuleResult(FindingStatus.Fail, "Tenant", Setting, actual,
                            $"Customer Key is available{(ck.Policies.Count > 0 ? $" ({string.Join(", ", ck.Policies)} exist)" : string.Empty)} but no data encryption policy is assigned, while external users can join meetings and chat.",
                            ck.Policies.Count > 0
                                ? $"Set-M365DataAtRestEncryptionPolicyAssignment -DataEncryptionPolicy {CommandText.Literal(ck.Policies[0])}  # Exchange Online PowerShell: this module never changes Purview. {CustomerKeyDocs}"
                                : "New-M365DataAtRestEncryptionPolicy -Name '<name>' -AzureKeyIDs '<key 1>', '<key 2>'  # Exchange Online PowerShell. " + CustomerKeyDocs),
                    },
                };
            });
        }
    }
}
