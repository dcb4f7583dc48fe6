using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.ACS.3: users of the allowed ACS resources are labelled External once resources are federated.</summary>
    internal sealed class AllowedAcsUserLabelEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            TenantOnly(snapshot, $"{AcsFed}.LabelForAllowedAcsUsers", t =>
            {
                var actual = Show(t.LabelForAllowedAcsUsers);
                if (t.EnableAcsUsers != true || t.AllowedAcsResources.Count == 0)
                {
                    return (FindingStatus.NotApplicable, actual, "No ACS resources are federated, so no ACS user gets the label.", string.Empty);
                }

                return t.LabelForAllowedAcsUsers switch
                {
                    AcsUserLabel.External => (FindingStatus.Pass, actual, "Users of allowed ACS resources show as External.", string.Empty),
                    null => (FindingStatus.Warning, actual, "The service did not report the label; the default is Unverified.", rule.Definition.Remediation),
                    _ => (FindingStatus.Fail, actual, "Users of the tenant's allowed ACS resources show as Unverified, like unknown ACS users.", rule.Definition.Remediation),
                };
            });
    }
}
