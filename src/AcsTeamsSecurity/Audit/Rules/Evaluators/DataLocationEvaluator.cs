using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.RES.4: every ACS resource stores its data in one of the locations given with -AllowedDataLocation.</summary>
    internal sealed class DataLocationEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            EveryResource(snapshot, rule, "dataLocation", r =>
            {
                var actual = r.DataLocation ?? "(not reported)";
                if (options.AllowedDataLocations.Count == 0)
                {
                    return (FindingStatus.NotApplicable, actual, "No allowed data locations were given (-AllowedDataLocation).");
                }

                return options.AllowedDataLocations.Contains(r.DataLocation ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                    ? (FindingStatus.Pass, actual, "The data location is allowed.")
                    : (FindingStatus.Fail, actual, $"The data location is not one of: {string.Join(", ", options.AllowedDataLocations)}.");
            });
    }
}
