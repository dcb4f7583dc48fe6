using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>
    /// Completes the immutable ids of the ACS resources in the tenant's ACS federation allow-list: as earlier
    /// cmdlets of the context read it, or, for app and managed-identity sign-ins, one time-boxed read. Each GUID is listed with
    /// the resource's name (list item text and tooltip) when the context has read that resource from ARM.
    /// </summary>
    public sealed class AllowedAcsResourceCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Safely(() =>
            {
                var context = CompletionSupport.ResolveContext(fakeBoundParameters);
                return context is null ? Array.Empty<CompletionResult>() : Complete(context, wordToComplete, CompletionSupport.Budget);
            });

        /// <summary>The completions for one context; reads the allow-list only when it was never read and that cannot prompt.</summary>
        internal static IEnumerable<CompletionResult> Complete(AcsTeamsSecurityContext context, string? wordToComplete, TimeSpan budget)
        {
            if (context.Completions.AllowedAcsResources is null && CompletionSupport.MayCallService(context, AcsTeamsService.TeamsAdmin))
            {
                var service = new TeamsPolicyService(context.Clients); // the read fills the cache
                CompletionSupport.TryRun(ct => service.TenantGatesAsync(includeFederation: false, ct), budget);
            }

            // Names come from ACS resources this context has already read from ARM (an audit, or a name or ARM id resolved
            // by an earlier command); completion never asks ARM for them.
            var cache = context.Completions;
            return CompletionSupport.Results(context.Completions.AllowedAcsResources ?? Array.Empty<string>(), wordToComplete).Select(r =>
            {
                var name = cache.AcsResourceName(r.CompletionText.Trim('\''));
                return name is null
                    ? new CompletionResult(r.CompletionText, r.ListItemText, r.ResultType, "An ACS resource in the ACS federation allow-list (name not known to this context)")
                    : new CompletionResult(r.CompletionText, $"{r.ListItemText} ({name})", r.ResultType, $"{name}: an ACS resource in the ACS federation allow-list");
            }).ToList();
        }
    }
}
