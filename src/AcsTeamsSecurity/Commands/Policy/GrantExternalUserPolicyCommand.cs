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

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Assigns a Teams meeting or external access policy to users (Global removes the direct assignment).</para>
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "ExternalUserPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsPolicyUserAssign.ReadWrite.All" }, Delegated = new[] { "TeamsPolicyUserAssign.ReadWrite.All" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
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
                // api-facts §9: the beta Teams administration APIs are documented for the global service only.
                ThrowFailure(new AcsTeamsSecurityException(ErrorIds.ServiceNotAvailableInEnvironment, ErrorCategory.NotEnabled, $"The Teams policy assignment API is a Graph beta API documented for the global service only, not for '{cloud.Name}'. Assign policies with the MicrosoftTeams module's Grant-Cs* cmdlets there. Nothing was sent."));
            }

            var identity = GetExternalUserPolicyCommand.Normalize(Identity);
            var unassign = string.Equals(identity, "Global", StringComparison.OrdinalIgnoreCase);
            var type = PolicyType.ToString();
            var action = unassign ? $"Remove the direct {type} assignment (a group assignment, or Global, applies instead)" : $"Assign {type} {identity}";
            if (!ShouldProcess($"{_users.Count} user(s): {string.Join(", ", _users.Take(5))}{(_users.Count > 5 ? ", ..." : string.Empty)}", action))
            {
                return;
            }

            var service = new TeamsPolicyService(context);
            var graph = context.Clients.GraphJson();
            var users = _users;
            RunStreaming(async (sink, ct) =>
            {
                string? policyId = null;
                if (!unassign)
                {
                    var name = identity.Substring("Tag:".Length);
                    var lookup = await graph.GetAsync($"beta/admin/teams/policy/getPolicyId(type='{type}',name='{name.Replace("'", "''")}')", $"finding the id of {type} {identity}", Permission, ct).ConfigureAwait(false);
                    policyId = (lookup?["value"] as JsonArray)?.FirstOrDefault()?["policyId"]?.GetValue<string>();
                    if (policyId is null)
                    {
                        throw new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"There is no {type} instance '{identity}'. Get-ExternalUserPolicy lists the instances.") { Target = identity };
                    }
                }

                var resolved = await service.ResolveUsersAsync(users, ct).ConfigureAwait(false);
                foreach (var failed in resolved.Where(r => r.User is null))
                {
                    sink.Error(failed.Error!);
                }

                var ids = resolved.Where(r => r.User is not null).Select(r => r.User!.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
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
                    await graph.PostAsync($"beta/admin/teams/policy/userAssignments/{verb}", new JsonObject { ["value"] = value }, $"{verb}ing {type} {identity}", Permission, ct).ConfigureAwait(false);
                    done += chunk.Count;
                    sink.Progress($"{action}", $"{done} of {ids.Count}", done * 100 / Math.Max(1, ids.Count));
                    sink.Verbose($"{action}: {done} of {ids.Count} user(s) done.");
                }
            });
        }
    }
}
