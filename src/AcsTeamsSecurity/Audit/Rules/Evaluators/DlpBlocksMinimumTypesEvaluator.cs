using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.PurviewScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.PRV.2 (SCuBA MS.TEAMS.6.2v1): the enforced Teams DLP policies block credit card numbers, US ITINs and US SSNs
    /// for external participants. The fix adds a blocking rule to an enforced policy; with none enforced, it enables a
    /// policy that already blocks the missing types, or enables (or creates) one and adds the rule to it.
    /// </summary>
    internal sealed class DlpBlocksMinimumTypesEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "DlpComplianceRule.ContentContainsSensitiveInformation (Teams)";
            return Plane(snapshot, Setting, p =>
            {
                var blocking = p.DlpPolicies.Where(d => d.Enforced && d.BlocksExternalParticipants).ToList();
                var types = blocking.SelectMany(d => d.BlockedInformationTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var missing = MissingMinimumTypes(types);
                var actual = types.Count == 0 ? "(none blocked for external participants)" : string.Join(", ", types);
                if (missing.Count == 0)
                {
                    return new[] { new RuleResult(FindingStatus.Pass, "Tenant", Setting, actual, $"Blocked for external participants by: {string.Join(", ", blocking.Select(d => d.Name))}.") };
                }

                return new[] { new RuleResult(FindingStatus.Fail, "Tenant", Setting, actual, $"Not blocked for external participants by an enforced Teams DLP rule: {string.Join(", ", missing)}.", Fix(p, blocking, missing) + "  " + NotByThisModule) };
            });
        }

        private static string Fix(SnapshotPurview p, List<ExternalUserDlpPolicy> blocking, List<string> missing)
        {
            if ((blocking.FirstOrDefault() ?? p.DlpPolicies.FirstOrDefault(d => d.Enforced)) is { } enforced)
            {
                return BlockRuleCommand(enforced.Name, missing);
            }

            // Nothing is enforced: a policy in test mode that already blocks the missing types only needs enabling.
            var ready = p.DlpPolicies.FirstOrDefault(d => d.BlocksExternalParticipants && !MissingMinimumTypes(d.BlockedInformationTypes).Intersect(missing).Any());
            if (ready is not null)
            {
                return EnableCommand(ready.Name);
            }

            return p.DlpPolicies.FirstOrDefault() is { } first
                ? EnableCommand(first.Name) + "; " + BlockRuleCommand(first.Name, missing)
                : NewPolicyCommand() + "; " + BlockRuleCommand(NewPolicyName, missing);
        }
    }
}
