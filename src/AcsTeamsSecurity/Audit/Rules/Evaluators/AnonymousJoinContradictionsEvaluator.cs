using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.ACS.4: the anonymous-join settings of a meeting policy and the tenant gates do not contradict each other.
    /// The fixes never lift an ACS block that keeps federated ACS users out.
    /// </summary>
    internal sealed class AnonymousJoinContradictionsEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            var s = snapshot;
            return TenantDependent(s, "AllowAnonymousUsersToJoinMeeting, BlockedAnonymousJoinClientTypes") ?? EveryMeetingPolicy(s, "AllowAnonymousUsersToJoinMeeting, BlockedAnonymousJoinClientTypes", p =>
            {
                var blocked = p.BlockedAnonymousJoinClientTypes;
                var actual = $"AllowAnonymousUsersToJoinMeeting {Show(p.AllowAnonymousUsersToJoinMeeting)}; BlockedAnonymousJoinClientTypes {Clients.Teams.PolicyMapper.Display(blocked)}; tenant DisableAnonymousJoin {Show(s.Tenant.DisableAnonymousJoin)}";
                var blocksAcs = blocked.Contains(AnonymousJoinClientType.ACS);
                var blocksTeams = blocked.Contains(AnonymousJoinClientType.Teams);
                var federates = s.Tenant.EnableAcsUsers == true && s.Tenant.AllowedAcsResources.Count > 0;
                var joinOff = rule.FixFor(p.Identity);
                var problems = new List<string>();
                var fix = string.Empty;
                if (blocksAcs && blocksTeams && p.AllowAnonymousUsersToJoinMeeting == true)
                {
                    // The fix keeps every block that still matters: ACS stays blocked when the tenant federates ACS,
                    // because the block is what keeps federated ACS users out of these meetings.
                    problems.Add("anonymous join is allowed but both client types (ACS, Teams) are blocked, so nobody can join anonymously");
                    fix = joinOff;
                }
                else if (blocksAcs && s.Tenant.EnableAcsUsers == true && s.Tenant.AllowedAcsResources.Count > 0 && p.AllowAnonymousUsersToJoinMeeting != false)
                {
                    // No remediation: the secure state is the current one. Opening it is a decision, not a fix.
                    problems.Add($"the tenant federates ACS resources, but this policy blocks the ACS client type, so their users still cannot join these organizers' meetings (if they should, '{Fix(p, "-BlockedAnonymousJoinClientTypes Teams")}' opens them, which loosens security)");
                }

                if (s.Tenant.DisableAnonymousJoin == true && p.AllowAnonymousUsersToJoinMeeting == true)
                {
                    problems.Add("the tenant's DisableAnonymousJoin is True, so this policy's AllowAnonymousUsersToJoinMeeting True has no effect");
                    fix = fix.Length > 0 ? fix : joinOff;
                }

                // With anonymous join off, an ACS block still keeps federated ACS users out when the tenant federates
                // ACS; only a Teams block, or any block without federation, has no effect.
                var inert = p.AllowAnonymousUsersToJoinMeeting == false && (blocksTeams || (blocksAcs && !federates));
                if (inert && !(blocksAcs && blocksTeams && p.AllowAnonymousUsersToJoinMeeting == true))
                {
                    problems.Add(federates && blocksAcs
                        ? "Teams is blocked although anonymous join is off, so that entry has no effect (the ACS entry still keeps federated ACS users out)"
                        : "client types are blocked although anonymous join is off, so the list has no effect");
                }

                return problems.Count == 0
                    ? (FindingStatus.Pass, actual, "The anonymous-join settings agree.", string.Empty)
                    : (FindingStatus.Warning, actual, char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems).Substring(1) + ".", fix);
            });
        }
    }
}
