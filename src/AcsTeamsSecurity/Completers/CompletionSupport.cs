using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Completers
{
    /// <summary>
    /// What every tenant-aware completer shares: which context to use, whether it may ask a service at all, a
    /// time box around any call, prefix matching and quoting. Completion never prompts, never signs in
    /// interactively and never fails: anything unexpected yields no completions.
    /// </summary>
    internal static class CompletionSupport
    {
        /// <summary>The longest a completer waits for a service before giving up (and offering what is cached).</summary>
        internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        private static readonly char[] OpeningQuotes = CommandText.SingleQuotes.Concat(new[] { '"', '\u201C', '\u201D', '\u201E' }).ToArray();

        /// <summary>
        /// The context named by -Context on the command line, else the current one; null when that is not a
        /// connected context (a -Context value completion cannot see is never replaced by another tenant's).
        /// </summary>
        internal static AcsTeamsSecurityContext? ResolveContext(IDictionary? fakeBoundParameters)
        {
            AcsTeamsSecurityContext? context;
            if (fakeBoundParameters is not null && fakeBoundParameters.Contains("Context"))
            {
                var given = fakeBoundParameters["Context"];
                context = (given is PSObject pso ? pso.BaseObject : given) as AcsTeamsSecurityContext;
            }
            else
            {
                context = ContextStore.Current;
            }

            return context is not null && context.IsConnected ? context : null;
        }

        /// <summary>
        /// True when asking <paramref name="service"/> cannot show a browser or a device code: an app or managed
        /// identity credential, or a token brought by the caller that is still fresh. Delegated sign-ins
        /// (interactive, device code) complete from the cache only, because any renewal could prompt.
        /// </summary>
        internal static bool MayCallService(AcsTeamsSecurityContext context, AcsTeamsService service)
        {
            switch (context.AuthMode)
            {
                case AuthMode.ClientSecret:
                case AuthMode.Certificate:
                case AuthMode.ManagedIdentity:
                case AuthMode.FederatedToken:
                    return context.Environment.ScopeFor(service) is not null;
                case AuthMode.AccessToken:
                    return context.Broker.HasFreshToken(service);
                default:
                    return false;
            }
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool for at most <paramref name="budget"/>; false on timeout or any failure.</summary>
        internal static bool TryRun(Func<CancellationToken, Task> work, TimeSpan budget)
        {
            using var cts = new CancellationTokenSource(budget);
            try
            {
                var task = Task.Run(() => work(cts.Token), cts.Token);
                if (!task.Wait(budget))
                {
                    cts.Cancel();
                    _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // observe a late failure
                    return false;
                }

                return true;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return false;
            }
        }

        /// <summary>What the user typed, without a leading or trailing quote.</summary>
        internal static string Prefix(string? wordToComplete) => (wordToComplete ?? string.Empty).Trim(OpeningQuotes);


        /// <summary>Completion results for <paramref name="values"/> that start with what was typed, quoted where needed.</summary>
        internal static List<CompletionResult> Results(IEnumerable<string> values, string? wordToComplete, Func<string, string>? toolTip = null, Func<string, string, bool>? matches = null)
        {
            var prefix = Prefix(wordToComplete);
            matches ??= (value, typed) => value.StartsWith(typed, StringComparison.OrdinalIgnoreCase);
            return values
                .Where(v => !string.IsNullOrEmpty(v) && matches(v, prefix))
                .Select(v => new CompletionResult(Quote(v, wordToComplete), v, CompletionResultType.ParameterValue, toolTip?.Invoke(v) ?? v))
                .ToList();
        }

        /// <summary>
        /// <paramref name="value"/> as command-line text (<see cref="CommandText"/>): as is when it has only characters
        /// PowerShell reads literally, else as a single-quoted literal. A word typed with an opening quote (single or
        /// double) is replaced by a single-quoted literal: the completion replaces the whole word, and single quotes
        /// expand nothing.
        /// </summary>
        internal static string Quote(string value, string? wordToComplete)
        {
            var typed = wordToComplete ?? string.Empty;
            var opened = typed.Length > 0 && (CommandText.SingleQuotes.Contains(typed[0]) || typed[0] == '"' || typed[0] == '\u201C' || typed[0] == '\u201D' || typed[0] == '\u201E');
            return opened ? CommandText.Literal(value) : CommandText.Argument(value);
        }

        /// <summary>Never let a completer fail: any exception means no completions.</summary>
        internal static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> complete)
        {
            try
            {
                return complete().ToList();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
