using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>Completes environment names: the built-in clouds and those added in this session. Never fails, never prompts.</summary>
    public sealed class EnvironmentNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
                return EnvironmentRegistry.All
                    .Where(e => e.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Select(e => new CompletionResult(CommandText.Argument(e.Name), e.Name, CompletionResultType.ParameterValue, e.Notes ?? e.Name))
                    .ToList();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
