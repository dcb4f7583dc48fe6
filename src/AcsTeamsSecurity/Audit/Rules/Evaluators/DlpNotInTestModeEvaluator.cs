using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.PurviewScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.PRV.3: every Teams DLP policy is enforced (test modes fail, Disable or an unknown mode warns).</summary>
    internal sealed class DlpNotInTestModeEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "DlpCompliancePolicy.Mode";
            return Plane(snapshot, Setting, p =>
            {
                if (p.DlpPolicies.Count == 0)
                {
                    return new[] { new RuleResult(FindingStatus.NotApplicable, "(Teams DLP policies)", Setting, "(none)", "No DLP policy covers Teams (see ATS.PRV.1).") };
                }

                return p.DlpPolicies.Select(d => d.Mode switch
                {
                    DlpPolicyMode.Enable => new RuleResult(FindingStatus.Pass, d.Name, Setting, "Enable", "The policy is enforced."),
                    DlpPolicyMode.TestWithNotifications or DlpPolicyMode.TestWithoutNotifications => new RuleResult(FindingStatus.Fail, d.Name, Setting, d.Mode.ToString(), "The policy is only in test mode: it blocks nothing for external participants.", rule.FixFor(d.Name)),
                    _ => new RuleResult(FindingStatus.Warning, d.Name, Setting, d.ModeText ?? d.Mode.ToString(), "The policy is turned off (or its mode is unknown): it protects nothing.", rule.FixFor(d.Name)),
                }).ToList();
            });
        }
    }
}
