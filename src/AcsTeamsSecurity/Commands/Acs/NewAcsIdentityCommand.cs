using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Acs
{
    /// <summary>
    /// <para type="synopsis">Creates ACS identities (users) without tokens.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AcsIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AcsIdentity))]
    [RequiredPermission(AcsTeamsService.Acs, Roles = new[] { "Contributor", "Owner", "Communication and Email Service Owner" })]
    public sealed class NewAcsIdentityCommand : ConnectedCmdlet
    {
        /// <summary>How many identities to create (default 1).</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1, 10000)]
        public int Count { get; set; } = 1;

        /// <summary>How many requests run at once (1-32, default 8).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var client = context.Clients.Acs(); // fails with AcsEndpointMissing before -WhatIf could pretend
            if (!ShouldProcess(client.Endpoint.Host, Strings.Format(Strings.Action_CreateACS, Count, (Count == 1 ? "identity" : "identities"))))
            {
                return;
            }

            RunStreaming(async (sink, ct) =>
            {
                using var gate = new SemaphoreSlim(ThrottleLimit);
                var done = 0;
                await Task.WhenAll(Enumerable.Range(0, Count).Select(async _ =>
                {
                    await gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        var (identity, _, _) = await client.CreateAsync(null, null, ct).ConfigureAwait(false);
                        sink.Output(identity);
                    }
                    catch (AcsTeamsSecurityException ex)
                    {
                        sink.Error(ex);
                    }
                    finally
                    {
                        gate.Release();
                        var n = Interlocked.Increment(ref done);
                        if (Count > 1)
                        {
                            sink.Progress(Strings.Progress_CreatingACSIdentities, Strings.Format(Strings.Progress_Of, n, Count), n * 100 / Count);
                        }
                    }
                })).ConfigureAwait(false);
            });
        }
    }
}
