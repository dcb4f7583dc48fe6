using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.ACS.6: where anonymous or ACS users can join a policy's meetings, they wait in the lobby.</summary>
    internal sealed class ExternalUsersWaitInLobbyEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            WhereExternalUsersJoin(snapshot, "AutoAdmittedUsers", p => Show(p.AutoAdmittedUsers), (p, way) => p.AutoAdmittedUsers switch
            {
                null => (FindingStatus.Warning, "The service did not report AutoAdmittedUsers; the rule cannot be evaluated.", string.Empty),
                AutoAdmittedUsers.Everyone => (FindingStatus.Fail, $"{way} and bypass the lobby.", rule.FixFor(p.Identity)),
                _ => (FindingStatus.Pass, "Anonymous and ACS users wait in the lobby.", string.Empty),
            });
    }
}
