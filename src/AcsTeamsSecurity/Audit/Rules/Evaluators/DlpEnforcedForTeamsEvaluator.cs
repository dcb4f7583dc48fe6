using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.PurviewScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.PRV.1 (SCuBA MS.TEAMS.6.1v1): at least one DLP policy on the Teams location is enforced.</summary>
    internal sealed class DlpEnforcedForTeamsEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "DlpCompliancePolicy.Mode (Teams)";
            return Plane(snapshot, Setting, p =>
            {
                var enforced = p.DlpPolicies.Where(d => d.Enforced).Select(d => d.Name).ToList();
                var actual = p.DlpPolicies.Count == 0 ? "no Teams DLP policy" : string.Join(", ", p.DlpPolicies.Select(d => $"{d.Name} ({d.Mode})"));
                if (enforced.Count > 0)
                {
                    return new[] { new RuleResult(FindingStatus.Pass, "Tenant", Setting, actual, $"Enforced on Teams: {string.Join(", ", enforced)}.") };
                }

                return new[]
                {
                    new RuleResult(FindingStatus.Fail, "Tenant", Setting, actual,
                        p.DlpPolicies.Count == 0 ? "No DLP policy covers the Teams location." : "No DLP policy that covers Teams is enforced: test modes only report.",
                        (p.DlpPolicies.Count == 0 ? NewPolicyCommand() : EnableCommand(p.DlpPolicies[0].Name)) + "  " + NotByThisModule),
                };
            });
        }
    }
}
