using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.RES.2: a diagnostic setting collects the AuthOperational log of every ACS resource.</summary>
    internal sealed class AuthLogsCollectedEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            EveryResource(snapshot, rule, "diagnosticSettings (AuthOperational)", r =>
            {
                var actual = r.AuthLogsCollected is null ? "(not read)" : r.DiagnosticSettings.Count == 0 ? "no diagnostic setting" : $"{r.DiagnosticSettings.Count} setting(s): {string.Join(", ", r.DiagnosticSettings)}";
                return r.AuthLogsCollected switch
                {
                    true => (FindingStatus.Pass, actual, "A diagnostic setting collects the AuthOperational log."),
                    false => (FindingStatus.Fail, actual, "No diagnostic setting collects the AuthOperational log."),
                    _ => (FindingStatus.Error, actual, "The diagnostic settings could not be read (Reader on the resource is needed; see the export's collection errors)."),
                };
            });
    }
}
