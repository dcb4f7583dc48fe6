using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.RES.5: public network access to every ACS resource is disabled or secured by a perimeter.</summary>
    internal sealed class PublicNetworkAccessEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            EveryResource(snapshot, rule, "publicNetworkAccess", r =>
            {
                var actual = r.PublicNetworkAccess ?? "(not reported)";
                if (r.PublicNetworkAccess is null)
                {
                    return (FindingStatus.NotApplicable, actual, "ARM did not report publicNetworkAccess for this resource.");
                }

                return string.Equals(r.PublicNetworkAccess, "Enabled", StringComparison.OrdinalIgnoreCase)
                    ? (FindingStatus.Fail, actual, "The data plane is reachable from any network.")
                    : (FindingStatus.Pass, actual, "Public network access is restricted.");
            });
    }
}
