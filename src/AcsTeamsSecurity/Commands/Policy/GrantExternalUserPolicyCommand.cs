using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Assigns a Teams meeting or external access policy to users (Global removes the direct assignment).</para>
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "ExternalUserPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsPolicyUserAssign.ReadWrite.All" }, Delegated = new[] { "TeamsPolicyUserAssign.ReadWrite.All" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    public sealed class GrantExternalUserPolicyCommand : ConnectedCmdlet
    {
        private const string Permission = "the Graph permission TeamsPolicyUserAssign.ReadWrite.All (and User.Read.All to look users up by UPN)";
        private readonly List<string> _users = new List<string>();

        /// <summary>The policy type.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public ExternalUserPolicyType PolicyType { get; set; }

        /// <summary>The instance to assign (Tag:Name or Name); Global removes the users' direct assignment.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("PolicyName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string Identity { get; set; } = string.Empty;

        /// <summary>Skip the extra confirmation when the assignment gives users a looser policy (never -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Users by user principal name or object id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "UserId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.OrganizerCompleter))]
        public string[]? User { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            foreach (var user in User!)
            {
                if (!UserInput.IsUser(user))
                {
                    WriteFailure(new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, $"'{user}' is not a user principal name (user@domain) or an object id.") { Target = user });
                    continue;
                }

                _users.Add(user);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            if (_users.Count == 0)
            {
                return;
            }

            var context = ActiveContext; // NotConnected before -WhatIf could pretend
            var cloud = context.Environment;
            if (cloud.IsBuiltIn && cloud.Name != "Global" && cloud.Name != "GCC")
            {
                // api-facts §10.2: the Graph v1.0 policy-assignment API (assign, unassign, getPolicyId) is documented for the global service only.
                ThrowFailure(new AcsTeamsSecurityException(ErrorIds.ServiceNotAvailableInEnvironment, ErrorCategory.NotEnabled, $"The Graph Teams policy assignment API is documented for the global service only, not for '{cloud.Name}'. Assign policies with the MicrosoftTeams module's Grant-Cs* cmdlets there. Nothing was sent."));
            }

            var identity = Domain.Policy.PolicyIdentity.Normalize(Identity);
            var unassign = string.Equals(identity, "Global", StringComparison.OrdinalIgnoreCase);
            var type = PolicyType.ToString();
            var action = unassign ? $"Remove the direct {type} assignment (a group assignment, or Global, applies instead)" : $"Assign {type} {identity}";
            if (!ShouldProcess($"{_users.Count} user(s): {string.Join(", ", _users.Take(5))}{(_users.Count > 5 ? ", ..." : string.Empty)}", action))
            {
                return;
            }

            var service = new TeamsPolicyService(context.Clients);
            var graph = context.Clients.GraphJson();
            string? policyId = null;
            if (!unassign)
            {
                var name = identity.Substring("Tag:".Length);
                // Contract: docs/CONTRACTS.md, Graph, GET getPolicyId (DOC, v1.0).
                // Each literal is URL-encoded: a name with '#', '?', '/' or '%' must not cut or reshape the request.
                var lookup = Run(ct => graph.GetAsync($"v1.0/admin/teams/policy/getPolicyId(type={Uri.EscapeDataString(Security.CommandText.ODataLiteral(type))},name={Uri.EscapeDataString(Security.CommandText.ODataLiteral(name))})", $"finding the id of {type} {identity}", Permission, ct));
                // Only the instance that was asked for counts (the answer names it as Tag:<name> or <name>).
                policyId = (lookup?["value"] as JsonArray)?
                    .FirstOrDefault(v => v?["name"]?.GetValue<string>() is { } found && (string.Equals(found, identity, StringComparison.OrdinalIgnoreCase) || string.Equals(found, name, StringComparison.OrdinalIgnoreCase)))?
                    ["policyId"]?.GetValue<string>();
                if (policyId is null)
                {
                    ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"There is no {type} instance '{identity}'. Get-ExternalUserPolicy lists the instances.") { Target = identity });
                }
            }

            var resolved = Run(ct => service.ResolveUsersAsync(_users, ct));
            foreach (var failed in resolved.Where(r => r.User is null))
            {
                WriteFailure(failed.Error!);
            }

            var targets = resolved.Where(r => r.User is not null).Select(r => r.User!).GroupBy(u => u.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
            if (targets.Count == 0)
            {
                return;
            }

            if (!Force)
            {
                var loosening = PolicyType == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? Loosening<MeetingPolicySettings>(service, targets, identity, unassign)
                    : Loosening<ExternalAccessPolicySettings>(service, targets, identity, unassign);
                if (loosening is not null && !ConfirmLoosening($"{action} for {targets.Count} user(s). {loosening}{System.Environment.NewLine}Continue?", Force))
                {
                    return;
                }
            }

            var ids = targets.Select(u => u.Id).ToList();
            RunStreaming(async (sink, ct) =>
            {
                var done = 0;

                // INFERRED: the assign API takes a list; it is sent in chunks of 20 like Graph batches.
                foreach (var chunk in GraphBatch.Split(ids))
                {
                    var value = new JsonArray(chunk.Select(id =>
                    {
                        var item = new JsonObject
                        {
                            ["@odata.type"] = "#microsoft.graph.teamsAdministration.teamsPolicyUserAssignment",
                            ["userId"] = id,
                            ["policyType"] = type,
                        };
                        if (policyId is not null)
                        {
                            item["policyId"] = policyId;
                        }

                        return (JsonNode)item;
                    }).ToArray());
                    var verb = unassign ? "unassign" : "assign";
                    // Contract: docs/CONTRACTS.md, Graph, POST userAssignments/assign and /unassign (DOC, v1.0; 204).
                    await graph.PostAsync($"v1.0/admin/teams/policy/userAssignments/{verb}", new JsonObject { ["value"] = value }, $"{verb}ing {type} {identity}", Permission, ct).ConfigureAwait(false);
                    done += chunk.Count;
                    sink.Progress($"{action}", $"{done} of {ids.Count}", done * 100 / Math.Max(1, ids.Count));
                    sink.Verbose($"{action}: {done} of {ids.Count} user(s) done.");
                }
            });
        }

        /// <summary>
        /// Null when no user gets a looser policy; otherwise the settings that loosen, in words. Compares each user's
        /// effective instance now with the one assigned (for Global: the Global instance, though a group's policy may
        /// apply instead). When the effective policies cannot be read the assignment counts as loosening: the
        /// confirmation is the safe side of not knowing.
        /// </summary>
        private string? Loosening<T>(TeamsPolicyService service, IReadOnlyList<ResolvedUser> users, string identity, bool unassign)
            where T : class
        {
            try
            {
                var instances = typeof(T) == typeof(MeetingPolicySettings)
                    ? Run(ct => service.MeetingPoliciesAsync(ct)).Cast<object>().ToList()
                    : Run(ct => service.ExternalAccessPoliciesAsync(ct)).Cast<object>().ToList();
                var target = instances.FirstOrDefault(i => string.Equals((string?)PolicyMapper.Value(i, "Identity"), unassign ? "Global" : identity, StringComparison.OrdinalIgnoreCase));
                if (target is null)
                {
                    return null;
                }

                var effective = Run(ct => service.EffectivePoliciesAsync(users, null, ct));
                var settings = new SortedSet<string>(StringComparer.Ordinal);
                var loosened = 0;
                foreach (var user in users)
                {
                    if (!effective.TryGetValue(user.Id, out var now) || now.Error is not null)
                    {
                        throw now.Error ?? new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"No effective policy was read for {user.Input}.");
                    }

                    object? current = typeof(T) == typeof(MeetingPolicySettings) ? now.Meeting?.Settings : now.Access?.Settings;
                    var any = false;
                    foreach (var property in typeof(T).GetProperties().Where(p => p.SetMethod is not null && p.Name != "Identity"))
                    {
                        var before = current is null ? null : property.GetValue(current);
                        var after = property.GetValue(target);
                        if (after is not null && AcsTeamsSecurity.Domain.Policy.ChangeImpact.Classify(property.Name, before, after) == ChangeDirection.Loosening)
                        {
                            settings.Add(property.Name);
                            any = true;
                        }
                    }

                    loosened += any ? 1 : 0;
                }

                return loosened == 0 ? null : $"It LOOSENS security for {loosened} of them: {string.Join(", ", settings)}.";
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId != ErrorIds.NotConnected && ex.ErrorId != ErrorIds.ContextDisconnected)
            {
                WriteWarning($"Could not compare the users' current policies with {identity}: {ex.Message}");
                return "Whether it loosens security could not be checked (see the warning); it is treated as loosening.";
            }
        }
    }
}
