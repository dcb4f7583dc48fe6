using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.MTG.14: the Global live-events policy does not record every event.</summary>
    internal sealed class LiveEventRecordingEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = "TeamsMeetingBroadcastPolicy.BroadcastRecordingMode";
            if (Failed(snapshot, AuditPlane.BroadcastPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", Setting, "(not read)", error.Message);
                yield break;
            }

            var global = snapshot.BroadcastPolicies.FirstOrDefault(p => string.Equals(p.Settings.Identity, "Global", StringComparison.OrdinalIgnoreCase));
            if (global is null)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", Setting, "(missing)", "The snapshot has no Global live-events policy.");
                yield break;
            }

            var mode = global.Settings.BroadcastRecordingMode;
            var actual = Show(mode);
            var fix = rule.Definition.Remediation;
            yield return mode switch
            {
                null => new RuleResult(FindingStatus.Warning, "Global", Setting, actual, "The service did not report BroadcastRecordingMode; the rule cannot be evaluated.", fix, global.UserCount),
                BroadcastRecordingMode.AlwaysEnabled => new RuleResult(FindingStatus.Fail, "Global", Setting, actual, "Every live event of the Global policy's organizers is recorded.", fix, global.UserCount),
                _ => new RuleResult(FindingStatus.Pass, "Global", Setting, actual, $"BroadcastRecordingMode is {actual}.", string.Empty, global.UserCount),
            };
        }
    }
}
