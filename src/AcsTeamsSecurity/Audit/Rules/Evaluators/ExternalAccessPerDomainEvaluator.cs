using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.EXT.1: federation with other organizations is off, or limited to an allow-list of domains.</summary>
    internal sealed class ExternalAccessPerDomainEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            TenantOnly(snapshot, $"{TenantFed}.AllowFederatedUsers, AllowedDomains", t =>
            {
                var actual = $"AllowFederatedUsers {Show(t.AllowFederatedUsers)}; {t.AllowedDomains.Count} allowed domain(s)";
                if (t.AllowFederatedUsers is null)
                {
                    return (FindingStatus.Warning, actual, "The service did not report AllowFederatedUsers; the rule cannot be evaluated.", string.Empty);
                }

                if (t.AllowFederatedUsers == false)
                {
                    return (FindingStatus.Pass, actual, "Federation with other organizations is off.", string.Empty);
                }

                return t.AllowedDomains.Count > 0
                    ? (FindingStatus.Pass, actual, $"Federation is limited to {t.AllowedDomains.Count} allowed domain(s).", string.Empty)
                    : (FindingStatus.Fail, actual, "Federation is open to every external domain.", rule.Definition.Remediation);
            });
    }
}
