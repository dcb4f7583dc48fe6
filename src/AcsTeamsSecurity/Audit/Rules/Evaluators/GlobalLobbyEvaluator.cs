using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.MTG.3: in the Global meeting policy, anonymous users and dial-in callers wait in the lobby; the fix names only what fails.</summary>
    internal sealed class GlobalLobbyEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            GlobalMeetingPolicy(snapshot, "AutoAdmittedUsers, AllowPSTNUsersToBypassLobby", p =>
            {
                var actual = $"AutoAdmittedUsers {Show(p.AutoAdmittedUsers)}; AllowPSTNUsersToBypassLobby {Show(p.AllowPSTNUsersToBypassLobby)}";
                if (p.AutoAdmittedUsers is null || p.AllowPSTNUsersToBypassLobby is null)
                {
                    return (FindingStatus.Warning, actual, "The service did not report both settings; the rule cannot be evaluated.");
                }

                var ok = p.AutoAdmittedUsers != AutoAdmittedUsers.Everyone && p.AllowPSTNUsersToBypassLobby == false;
                return (ok ? FindingStatus.Pass : FindingStatus.Fail, actual, ok ? "Anonymous users and dial-in callers wait in the lobby." : "Anonymous users or dial-in callers bypass the lobby of meetings organized under the Global policy.");
            }, p => "Set-LobbyBypass -Identity Global"
                + (p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone ? " -AutoAdmittedUsers EveryoneInCompany" : string.Empty)
                + (p.AllowPSTNUsersToBypassLobby != false ? " -AllowPSTNUsersToBypassLobby $false" : string.Empty));
    }
}
