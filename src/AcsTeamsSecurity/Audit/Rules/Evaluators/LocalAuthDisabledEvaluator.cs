using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.RES.1: local authentication (access keys) is off on every ACS resource.</summary>
    internal sealed class LocalAuthDisabledEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            EveryResource(snapshot, rule, "disableLocalAuth", r =>
            {
                var actual = Show(r.DisableLocalAuth);
                return r.DisableLocalAuth == true
                    ? (FindingStatus.Pass, actual, "Only Entra ID callers with a data-plane role can use the resource.")
                    : (FindingStatus.Fail, actual, r.DisableLocalAuth is null ? "ARM did not report disableLocalAuth, so local authentication is on: the access keys can mint tokens." : "Local authentication is on: the access keys can mint tokens.");
            });
    }
}
