using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Answers whether an ACS user (from a given resource) can join an organizer's meetings, waits in the lobby, can start, chat or present, how it is labelled, and why.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ExternalUserAccess")]
    [OutputType(typeof(ExternalUserAccessResult))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
    public sealed class TestExternalUserAccessCommand : ConnectedCmdlet
    {
        private readonly List<string> _organizers = new List<string>();

        /// <summary>Meeting organizers by user principal name or object id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "UserId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.OrganizerCompleter))]
        public string[]? Organizer { get; set; }

        /// <summary>The ACS resource the user comes from (decides federation and the label): its immutable id, ARM id or name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AllowedAcsResourceCompleter))]
        public string? AcsResourceId { get; set; }

        /// <summary>The Azure subscription to look an ACS resource name up in; without it, names resolve among the resources this context has read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SubscriptionIdCompleter))]
        public string? SubscriptionId { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessingCore()
        {
            if (AcsResourceId is not null)
            {
                try
                {
                    AcsResourceInput.Validate(nameof(AcsResourceId), new[] { AcsResourceId });
                    var input = AcsResourceInput.For(ActiveContext);
                    var given = AcsResourceId;
                    var subscription = SubscriptionId;
                    var resolved = Run(ct => input.ResolveAsync(nameof(AcsResourceId), new[] { given }, subscription, ct))[0];
                    if (!Guid.TryParse(given, out _))
                    {
                        WriteVerbose($"-AcsResourceId '{given}' is {resolved.Display}.");
                    }

                    AcsResourceId = resolved.ImmutableId;
                }
                catch (AcsTeamsSecurityException ex)
                {
                    ThrowFailure(ex);
                }
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            foreach (var organizer in Organizer!)
            {
                if (!UserInput.IsUser(organizer))
                {
                    WriteFailure(new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, $"'{organizer}' is not a user principal name (user@domain) or an object id.") { Target = organizer });
                    continue;
                }

                _organizers.Add(organizer);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            if (_organizers.Count == 0)
            {
                return;
            }

            var service = new TeamsPolicyService(ActiveContext.Clients);
            var resource = AcsResourceId;
            var organizers = _organizers;
            RunStreaming(async (sink, ct) =>
            {
                var gates = await service.TenantGatesAsync(includeFederation: false, ct).ConfigureAwait(false);
                var resolved = await service.ResolveUsersAsync(organizers, ct).ConfigureAwait(false);
                var users = resolved.Where(r => r.User is not null).Select(r => r.User!).ToList();
                var total = users.Count;
                var effective = await service.EffectivePoliciesAsync(users, done => sink.Progress("Resolving organizers' Teams policies", $"{done} of {total}", total == 0 ? 100 : Math.Min(99, done * 100 / total)), ct).ConfigureAwait(false);
                sink.Progress("Resolving organizers' Teams policies", "Done", 100);
                foreach (var (input, user, error) in resolved)
                {
                    if (user is null)
                    {
                        sink.Error(error!);
                        continue;
                    }

                    var (meeting, access, failure) = effective[user.Id];
                    if (failure is not null && failure.ErrorId == ErrorIds.EffectivePolicyUnknown)
                    {
                        // docs/CONTRACTS.md, "Graph": never fall back to Global; answer what the tenant decides, the rest is unknown.
                        sink.Warning($"{failure.Message} Only the tenant-wide answers are given (Source Unknown).");
                        sink.Output(ExternalAccessEvaluator.EvaluateUnknown(input, user.Id, gates, resource, failure.Message));
                        continue;
                    }

                    if (failure is not null)
                    {
                        sink.Error(failure);
                        continue;
                    }

                    if (meeting is null || access is null)
                    {
                        sink.Error(new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"The tenant returned no Global meeting or external access policy; cannot evaluate {input}.") { Target = input });
                        continue;
                    }

                    sink.Output(ExternalAccessEvaluator.Evaluate(input, user.Id, gates, meeting, access, resource));
                }
            });
        }
    }
}
