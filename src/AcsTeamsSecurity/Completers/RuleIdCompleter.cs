using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>Completes the ids of the audit rules (ATS.MTG.1 ...), with each rule's title as the tooltip. Offline.</summary>
    public sealed class RuleIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Safely(() =>
            {
                var rules = RuleCatalog.All.Select(r => r.Definition).ToList();
                return CompletionSupport.Results(rules.Select(r => r.Id), wordToComplete, id => id + ": " + rules.First(r => r.Id == id).Title);
            });
    }
}
