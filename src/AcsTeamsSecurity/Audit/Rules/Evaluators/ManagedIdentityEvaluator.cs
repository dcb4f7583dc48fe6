using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.RES.3: every ACS resource has a managed identity.</summary>
    internal sealed class ManagedIdentityEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            EveryResource(snapshot, rule, "identity.type", r =>
            {
                var actual = r.ManagedIdentityType ?? "(none)";
                var ok = !string.IsNullOrEmpty(r.ManagedIdentityType) && !string.Equals(r.ManagedIdentityType, "None", StringComparison.OrdinalIgnoreCase);
                return ok ? (FindingStatus.Pass, actual, "The resource has a managed identity.") : (FindingStatus.Fail, actual, "The resource has no managed identity.");
            });
    }
}
