using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients.Acs;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Acs
{
    /// <summary>
    /// <para type="synopsis">Creates ACS identities with short-lived, least-privilege tokens for Teams meeting guests.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AcsGuestToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = NewIdentitySet)]
    [OutputType(typeof(AcsGuestToken))]
    [RequiredPermission(AcsTeamsService.Acs, Roles = new[] { "Contributor", "Owner", "Communication and Email Service Owner" })]
    public sealed class NewAcsGuestTokenCommand : ConnectedCmdlet
    {
        private const string NewIdentitySet = "NewIdentity";
        private const string ExistingIdentitySet = "ExistingIdentity";
        private readonly List<AcsIdentity> _identities = new List<AcsIdentity>();
        private int _failed;

        /// <summary>Existing ACS identities to issue tokens for, instead of creating new ones.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ExistingIdentitySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[]? Identity { get; set; }

        /// <summary>How many guests (new identities, each with a token) to create.</summary>
        [Parameter(ParameterSetName = NewIdentitySet)]
        [ValidateRange(1, 10000)]
        public int Count { get; set; } = 1;

        /// <summary>What the tokens allow; by default the least a meeting guest needs: voip.join and chat.join.limited.</summary>
        [Parameter]
        [ValidateSet(AcsTokenScopes.Chat, AcsTokenScopes.Voip, AcsTokenScopes.ChatJoin, AcsTokenScopes.ChatJoinLimited, AcsTokenScopes.VoipJoin)]
        [ValidateCount(1, 5)]
        public string[] Scope { get; set; } = AcsTokenScopes.GuestDefault.ToArray();

        /// <summary>Token lifetime in minutes, 60 to 1440 (default 60).</summary>
        [Parameter]
        [ValidateRangeWithUnit(60, 1440, "minutes", " (1 to 24 hours), the token lifetimes ACS issues")]
        public int ExpiresInMinutes { get; set; } = 60;

        /// <summary>How many requests run at once for -Count or many identities (1-32, default 8).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Also return each token as plain text (TokenText). Without it the token is only a SecureString.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessingCore()
        {
            // ValidateSet ignores case; the service's scope names are lower case.
            var scopes = Scope.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
            Scope = scopes;
            var broad = scopes.Where(s => s == AcsTokenScopes.Chat || s == AcsTokenScopes.Voip).ToList();
            if (broad.Count > 0)
            {
                WriteWarning($"Guests get the full '{string.Join("' and '", broad)}' scope: they can create chat threads or start calls. A meeting guest needs only voip.join and chat.join.limited.");
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (ParameterSetName != ExistingIdentitySet)
            {
                return;
            }

            foreach (var value in Identity!)
            {
                try
                {
                    _identities.Add(AcsIdentityInput.Parse(value));
                }
                catch (AcsTeamsSecurityException ex)
                {
                    WriteFailure(ex);
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            var context = ActiveContext;
            var describe = $"tokens with scopes {string.Join(", ", Scope)}, valid {ExpiresInMinutes} minutes";
            var client = context.Clients.Acs(); // fails with AcsEndpointMissing before -WhatIf could pretend
            var endpoint = client.Endpoint.Host;
            List<AcsIdentity?> work;
            if (ParameterSetName == NewIdentitySet)
            {
                if (!ShouldProcess(endpoint, $"Create {Count} ACS {(Count == 1 ? "identity" : "identities")} with {describe}"))
                {
                    return;
                }

                work = Enumerable.Repeat<AcsIdentity?>(null, Count).ToList();
            }
            else
            {
                work = _identities.Where(i => ShouldProcess(i.Id, $"Issue {describe}")).Select(i => (AcsIdentity?)i).ToList();
                if (work.Count == 0)
                {
                    return;
                }
            }

            WriteVerbose($"Issuing {work.Count} guest token(s) at {client.Endpoint.Host} ({(client.UsesAccessKey ? "access key" : "Entra ID")}, api-version {client.ApiVersion}), {ThrottleLimit} at a time.");
            var scopes = Scope;
            var minutes = ExpiresInMinutes;
            var plain = AsPlainText.IsPresent;
            _failed = 0;
            try
            {
                RunStreaming((sink, ct) => IssueAllAsync(client, work, scopes, minutes, plain, sink, ct), finishOnStop: true);
            }
            catch (PipelineStoppedException)
            {
                AccountForStop(client, work.Count);
                throw;
            }

            if (_failed > 0 && work.Count > 1)
            {
                WriteWarning($"{WrittenCount} of {work.Count} guest tokens were issued and returned; {_failed} failed (see the errors). {(ParameterSetName == NewIdentitySet ? "Run New-AcsGuestToken again for the missing ones" : "Run New-AcsGuestToken -Identity again for the failed identities")}; keep long runs' results with -OutVariable.");
            }
        }

        /// <summary>
        /// Ctrl+C (or a downstream stop) part-way: what was returned before the stop stays with the caller (for
        /// example in -OutVariable). Identities ACS created after the stop cannot be returned any more, because the
        /// pipeline refuses writes once it stops, and ACS cannot list identities: they are deleted again, so nothing
        /// is left behind that the caller does not know of. The host is told the counts.
        /// </summary>
        private void AccountForStop(AcsIdentityClient client, int requested)
        {
            var late = TakeUnwritten().OfType<AcsGuestToken>().ToList();
            var written = WrittenCount;
            if (late.Count == 0)
            {
                TellHostWhileStopping($"New-AcsGuestToken stopped: {written} of {requested} guest token(s) were issued and returned before the stop (keep long runs' results with -OutVariable).");
                return;
            }

            var createdHere = ParameterSetName == NewIdentitySet;
            if (!createdHere)
            {
                TellHostWhileStopping($"New-AcsGuestToken stopped: {written} of {requested} guest token(s) were returned before the stop; tokens for {late.Count} more identities were issued after it and dropped: {string.Join(", ", late.Select(t => t.Identity.Id))}.");
                return;
            }

            var undeleted = new List<string>();
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                foreach (var token in late)
                {
                    try
                    {
                        client.DeleteAsync(token.Identity, grace.Token).GetAwaiter().GetResult();
                    }
                    catch (Exception ex) when (ex is AcsTeamsSecurityException || ex is OperationCanceledException)
                    {
                        undeleted.Add(token.Identity.Id);
                    }
                }
            }

            TellHostWhileStopping(
                $"New-AcsGuestToken stopped: {written} of {requested} guest(s) were created and returned before the stop (keep long runs' results with -OutVariable). " +
                $"{late.Count} more identities were created by requests already sent, but could not be returned after the stop, so they were deleted again" +
                (undeleted.Count == 0 ? "." : $"; {undeleted.Count} could not be: remove them with Remove-AcsIdentity -Identity {string.Join(",", undeleted.Select(CommandText.Literal))}."));
        }

        private async Task IssueAllAsync(AcsIdentityClient client, IReadOnlyList<AcsIdentity?> work, string[] scopes, int minutes, bool plain, IPipelineSink sink, CancellationToken cancellationToken)
        {
            const string Activity = "Issuing ACS guest tokens";
            using var gate = new SemaphoreSlim(ThrottleLimit);
            var done = 0;

            // Ctrl+C stops new requests at once; requests already sent are finished (for at most 30 s), so each
            // identity ACS creates is known here and either returned or, after the stop, deleted again.
            using var inFlight = new CancellationTokenSource();
            using var onStop = cancellationToken.Register(() =>
            {
                try
                {
                    inFlight.CancelAfter(TimeSpan.FromSeconds(30));
                }
                catch (ObjectDisposedException)
                {
                }
            });
            var tasks = work.Select(async identity =>
            {
                try
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                try
                {
                    AcsGuestToken result;
                    if (identity is null)
                    {
                        var (created, token, expiresOn) = await client.CreateAsync(scopes, minutes, inFlight.Token).ConfigureAwait(false);
                        if (token is null || expiresOn is null)
                        {
                            throw new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"ACS created {created.Id} but returned no token. Issue one with New-AcsGuestToken -Identity {CommandText.Argument(created.Id)}.") { Target = created.Id };
                        }

                        result = new AcsGuestToken(created, SecureStrings.Protect(token), plain ? token : null, expiresOn.Value, scopes);
                    }
                    else
                    {
                        var (token, expiresOn) = await client.IssueTokenAsync(identity, scopes, minutes, inFlight.Token).ConfigureAwait(false);
                        result = new AcsGuestToken(identity, SecureStrings.Protect(token), plain ? token : null, expiresOn, scopes);
                    }

                    sink.Output(result);
                }
                catch (AcsTeamsSecurityException ex)
                {
                    Interlocked.Increment(ref _failed);
                    sink.Error(ex);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _failed);
                }
                finally
                {
                    gate.Release();
                    var n = Interlocked.Increment(ref done);
                    if (work.Count > 1)
                    {
                        sink.Progress(Activity, $"{n} of {work.Count}", n * 100 / work.Count);
                    }
                }
            });
            await Task.WhenAll(tasks).ConfigureAwait(false);
            if (work.Count > 1)
            {
                sink.Progress(Activity, "Done", 100);
            }
        }
    }
}
