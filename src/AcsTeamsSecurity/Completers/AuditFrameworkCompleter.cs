using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>Completes the catalogue names rules are mapped to (CISA SCuBA, Maester, CIS M365, Azure Policy).</summary>
    public sealed class AuditFrameworkCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return new[] { RuleCatalog.Scuba, RuleCatalog.Maester, RuleCatalog.Cis, RuleCatalog.AzurePolicy }
                .Where(f => f.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(f => new CompletionResult(CommandText.Literal(f), f, CompletionResultType.ParameterValue, f));
        }
    }
}
