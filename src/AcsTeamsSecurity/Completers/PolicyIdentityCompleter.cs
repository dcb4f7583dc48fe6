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
    /// Completes Teams policy instance names (Global, Tag:Name) of the context's tenant: the names earlier
    /// cmdlets of that context read, or, for app and managed-identity sign-ins, one time-boxed read. A bare
    /// name matches Tag:name. Never prompts, never fails.
    /// </summary>
    public sealed class PolicyIdentityCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Safely(() =>
            {
                var context = CompletionSupport.ResolveContext(fakeBoundParameters);
                return context is null ? Array.Empty<CompletionResult>() : Complete(context, PolicyTypes(commandName, fakeBoundParameters), wordToComplete, CompletionSupport.Budget);
            });

        /// <summary>The completions for one context; reads the tenant only when nothing is cached and that cannot prompt.</summary>
        internal static IEnumerable<CompletionResult> Complete(AcsTeamsSecurityContext context, IReadOnlyList<string> policyTypes, string? wordToComplete, TimeSpan budget)
        {
            var cache = context.Completions;
            var missing = policyTypes.Where(t => !cache.HasPolicies(t)).ToList();
            if (missing.Count > 0 && CompletionSupport.MayCallService(context, AcsTeamsService.TeamsAdmin))
            {
                var service = new TeamsPolicyService(context.Clients); // its reads fill the cache
                CompletionSupport.TryRun(
                    async ct =>
                    {
                        foreach (var type in missing)
                        {
                            if (string.Equals(type, TeamsPolicyService.MeetingPolicyType, StringComparison.Ordinal))
                            {
                                await service.MeetingPoliciesAsync(ct).ConfigureAwait(false);
                            }
                            else
                            {
                                await service.ExternalAccessPoliciesAsync(ct).ConfigureAwait(false);
                            }
                        }
                    },
                    budget);
            }

            return CompletionSupport.Results(cache.PolicyIdentities(policyTypes), wordToComplete, matches: Matches);
        }

        /// <summary>The policy types the command line asks for: -PolicyType when given, meeting policies for Set-LobbyBypass, else both.</summary>
        internal static IReadOnlyList<string> PolicyTypes(string? commandName, IDictionary? fakeBoundParameters)
        {
            if (string.Equals(commandName, "Set-LobbyBypass", StringComparison.OrdinalIgnoreCase))
            {
                return new[] { TeamsPolicyService.MeetingPolicyType };
            }

            var all = new[] { TeamsPolicyService.MeetingPolicyType, TeamsPolicyService.ExternalAccessPolicyType };
            var given = fakeBoundParameters is not null && fakeBoundParameters.Contains("PolicyType") ? fakeBoundParameters["PolicyType"] : null;
            if (given is PSObject pso)
            {
                given = pso.BaseObject;
            }

            var values = given is null ? Array.Empty<object>() : given is IEnumerable list && !(given is string) ? list.Cast<object?>().Where(v => v is not null).Cast<object>() : new[] { given };
            var named = values
                .Select(v => (v is PSObject p ? p.BaseObject : v)?.ToString())
                .Select(v => all.FirstOrDefault(t => string.Equals(t, v, StringComparison.OrdinalIgnoreCase)))
                .Where(t => t is not null)
                .Cast<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return named.Count > 0 ? named : all;
        }

        private static bool Matches(string identity, string typed) =>
            identity.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ||
            (identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) && identity.Substring(4).StartsWith(typed, StringComparison.OrdinalIgnoreCase));
    }
}
