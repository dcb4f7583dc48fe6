using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using static AcsTeamsSecurity.Audit.Rules.PurviewScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.PRV.4: no Teams DLP policy excludes an organizer whose meetings ACS users can join. Joins each exclusion with
    /// the meeting and external access policies the snapshot recorded for that user.
    /// </summary>
    internal sealed class DlpExcludedOrganizersEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "DlpCompliancePolicy.TeamsLocationException";
            return Plane(snapshot, Setting, p => Exclusions(snapshot, p, Setting));
        }

        private static IEnumerable<RuleResult> Exclusions(ConfigurationSnapshot s, SnapshotPurview p, string setting)
        {
            var results = new List<RuleResult>();
            foreach (var policy in p.DlpPolicies.Where(d => d.Mode != DlpPolicyMode.Disable))
            {
                foreach (var identity in policy.TeamsLocationException)
                {
                    var scope = $"{policy.Name}: {identity}";
                    var fix = $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(policy.Name)} -RemoveTeamsLocationException {CommandText.Literal(identity)}  " + NotByThisModule;
                    var known = p.ExcludedUsers.FirstOrDefault(u => string.Equals(u.Identity, identity, StringComparison.OrdinalIgnoreCase));
                    if (known?.MeetingPolicy is null)
                    {
                        results.Add(new RuleResult(FindingStatus.Warning, scope, setting, identity, "Excluded from Teams DLP; the Teams policies in effect for it are not known (a group, an unknown user, or no Graph access), so whether ACS users join its meetings cannot be told.", fix));
                        continue;
                    }

                    var meeting = s.MeetingPolicies.FirstOrDefault(m => string.Equals(m.Settings.Identity, known.MeetingPolicy, StringComparison.OrdinalIgnoreCase))?.Settings;
                    var access = s.ExternalAccessPolicies.FirstOrDefault(a => string.Equals(a.Settings.Identity, known.ExternalAccessPolicy ?? "Global", StringComparison.OrdinalIgnoreCase))?.Settings;
                    var actual = $"excluded; meeting policy {known.MeetingPolicy}, external access policy {known.ExternalAccessPolicy ?? "(not known)"}";
                    var path = AcsJoinPath(s.Tenant, meeting, access);
                    results.Add(path is null
                        ? new RuleResult(FindingStatus.Pass, scope, setting, actual, "Excluded from Teams DLP, but ACS users cannot join this user's meetings.")
                        : new RuleResult(FindingStatus.Fail, scope, setting, actual, $"Excluded from Teams DLP while ACS users can join this user's meetings ({path}): their meeting chat is not inspected.", fix));
                }
            }

            if (results.Count == 0)
            {
                results.Add(new RuleResult(FindingStatus.Pass, "(Teams DLP policies)", setting, "(none)", p.DlpPolicies.Count == 0 ? "No DLP policy covers Teams (see ATS.PRV.1), so none excludes anyone." : "No Teams DLP policy excludes a user or group."));
            }

            return results;
        }
    }
}
