using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>Completes the GA ACS Identity api-versions, newest first.</summary>
    public sealed class AcsApiVersionCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Clients.Acs.AcsIdentityClient.KnownApiVersions
                .Reverse()
                .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(CommandText.Argument(v), v, CompletionResultType.ParameterValue, v))
                .ToList();
        }
    }
}
