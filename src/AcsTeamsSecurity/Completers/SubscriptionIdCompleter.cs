using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>Completes the Azure subscription ids this context has already read ACS resources from, most recent first.</summary>
    public sealed class SubscriptionIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Safely(() =>
            {
                var context = CompletionSupport.ResolveContext(fakeBoundParameters);
                return context is null
                    ? Array.Empty<CompletionResult>()
                    : CompletionSupport.Results(context.Completions.Subscriptions, wordToComplete, _ => "A subscription this context has read");
            });
    }
}
