using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.ACS.5: where anonymous or ACS users can join a policy's meetings, they cannot both bypass the lobby and
    /// start the meeting.
    /// </summary>
    internal sealed class ExternalStartWithoutLobbyEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            TenantDependent(snapshot, "AutoAdmittedUsers, AllowAnonymousUsersToStartMeeting") ?? EveryMeetingPolicy(snapshot, "AutoAdmittedUsers, AllowAnonymousUsersToStartMeeting", p =>
            {
                var actual = $"AutoAdmittedUsers {Show(p.AutoAdmittedUsers)}; AllowAnonymousUsersToStartMeeting {Show(p.AllowAnonymousUsersToStartMeeting)}";
                var way = ExternalJoinPath(snapshot.Tenant, p);
                if (way is null)
                {
                    return (FindingStatus.NotApplicable, actual, "Neither anonymous nor ACS users can join meetings of this policy's organizers.", string.Empty);
                }

                var both = p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone && p.AllowAnonymousUsersToStartMeeting == true;
                return both
                    ? (FindingStatus.Fail, actual, $"{way}, bypass the lobby and can start the meeting alone.", rule.FixFor(p.Identity))
                    : (FindingStatus.Pass, actual, "External users cannot start a meeting and skip the lobby together.", string.Empty);
            });
    }
}
