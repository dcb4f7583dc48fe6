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
        [ValidateRange(60, 1440)]
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
            RunStreaming((sink, ct) => IssueAllAsync(client, work, scopes, minutes, plain, sink, ct));
        }

        private async Task IssueAllAsync(AcsIdentityClient client, IReadOnlyList<AcsIdentity?> work, string[] scopes, int minutes, bool plain, IPipelineSink sink, CancellationToken cancellationToken)
        {
            const string Activity = "Issuing ACS guest tokens";
            using var gate = new SemaphoreSlim(ThrottleLimit);
            var done = 0;
            var tasks = work.Select(async identity =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    AcsGuestToken result;
                    if (identity is null)
                    {
                        var (created, token, expiresOn) = await client.CreateAsync(scopes, minutes, cancellationToken).ConfigureAwait(false);
                        if (token is null || expiresOn is null)
                        {
                            throw new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"ACS created {created.Id} but returned no token. Issue one with New-AcsGuestToken -Identity {CommandText.Argument(created.Id)}.") { Target = created.Id };
                        }

                        result = new AcsGuestToken(created, SecureStrings.Protect(token), plain ? token : null, expiresOn.Value, scopes);
                    }
                    else
                    {
                        var (token, expiresOn) = await client.IssueTokenAsync(identity, scopes, minutes, cancellationToken).ConfigureAwait(false);
                        result = new AcsGuestToken(identity, SecureStrings.Protect(token), plain ? token : null, expiresOn, scopes);
                    }

                    sink.Output(result);
                }
                catch (AcsTeamsSecurityException ex)
                {
                    sink.Error(ex);
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
