using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// The logic of a rule that is more than "one setting has one of these values": a sealed class named
    /// <c>&lt;Name&gt;Evaluator</c> under <c>Evaluators/</c>, which a rule in <c>rules.json</c> names with
    /// <c>"evaluator": "&lt;Name&gt;"</c>. It must be pure (no I/O, no clock): the same snapshot gives the same results.
    /// </summary>
    internal interface IRuleEvaluator
    {
        /// <summary>The results of the rule for every scope it looks at, in a stable order.</summary>
        IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule);
    }
}
