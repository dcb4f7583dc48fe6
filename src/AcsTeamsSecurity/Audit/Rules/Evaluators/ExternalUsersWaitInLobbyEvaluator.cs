using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.ACS.6: where anonymous or ACS users can join a policy's meetings, they wait in the lobby.</summary>
    internal sealed class ExternalUsersWaitInLobbyEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            TenantDependent(snapshot, "AutoAdmittedUsers") ?? EveryMeetingPolicy(snapshot, "AutoAdmittedUsers", p =>
            {
                var actual = Show(p.AutoAdmittedUsers);
                var way = ExternalJoinPath(snapshot.Tenant, p);
                if (way is null)
                {
                    return (FindingStatus.NotApplicable, actual, "Neither anonymous nor ACS users can join meetings of this policy's organizers.", string.Empty);
                }

                if (p.AutoAdmittedUsers is null)
                {
                    return (FindingStatus.Warning, actual, "The service did not report AutoAdmittedUsers; the rule cannot be evaluated.", string.Empty);
                }

                return p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone
                    ? (FindingStatus.Fail, actual, $"{way} and bypass the lobby.", rule.FixFor(p.Identity))
                    : (FindingStatus.Pass, actual, "Anonymous and ACS users wait in the lobby.", string.Empty);
            });
    }
}
