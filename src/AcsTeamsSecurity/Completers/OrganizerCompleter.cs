using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>
    /// Completes user principal names this context has already resolved (organizers and users named to earlier
    /// cmdlets), most recent first. Only memory is used: no directory search is made while typing.
    /// </summary>
    public sealed class OrganizerCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Safely(() =>
            {
                var context = CompletionSupport.ResolveContext(fakeBoundParameters);
                return context is null
                    ? Array.Empty<CompletionResult>()
                    : CompletionSupport.Results(context.Completions.Organizers, wordToComplete, _ => "A user this context has resolved");
            });
    }
}
