using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
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
            WhereExternalUsersJoin(
                snapshot,
                "AutoAdmittedUsers, AllowAnonymousUsersToStartMeeting",
                p => $"AutoAdmittedUsers {Show(p.AutoAdmittedUsers)}; AllowAnonymousUsersToStartMeeting {Show(p.AllowAnonymousUsersToStartMeeting)}",
                (p, way) => p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone && p.AllowAnonymousUsersToStartMeeting == true
                    ? (FindingStatus.Fail, $"{way}, bypass the lobby and can start the meeting alone.", rule.FixFor(p.Identity))
                    : (FindingStatus.Pass, "External users cannot start a meeting and skip the lobby together.", string.Empty));
    }
}
