using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;

namespace AcsTeamsSecurity.Clients.Teams
{
    /// <summary>A resolved user: what was given, the object id, the UPN.</summary>
    internal sealed class ResolvedUser
    {
        internal ResolvedUser(string input, string id, string? userPrincipalName)
        {
            Input = input;
            Id = id;
            UserPrincipalName = userPrincipalName;
        }

        internal string Input { get; }

        internal string Id { get; }

        internal string? UserPrincipalName { get; }
    }

    /// <summary>
    /// Reads and resolves Teams policies for the cmdlets: every instance of both policy types in two requests,
    /// tenant gates, users by UPN and their effective assignments through Graph JSON batches of 20. One
    /// instance per invocation, so many organizers never refetch the same policy instance.
    /// </summary>
    internal sealed class TeamsPolicyService
    {
        internal const string MeetingPolicyType = "TeamsMeetingPolicy";
        internal const string ExternalAccessPolicyType = "ExternalAccessPolicy";
        internal const string AcsFederationType = "TeamsAcsFederationConfiguration";
        internal const string MeetingConfigurationType = "TeamsMeetingConfiguration";
        internal const string TenantFederationType = "TenantFederationSettings";
        internal const string BroadcastPolicyType = "TeamsMeetingBroadcastPolicy";
        internal const string UserConfigurationPermission = "the Graph application permission TeamsUserConfiguration.Read.All (and User.Read.All to look users up by UPN)";

        private static readonly string[] CountedPolicyTypes = { MeetingPolicyType, ExternalAccessPolicyType, BroadcastPolicyType };

        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;
        private IReadOnlyList<MeetingPolicySettings>? _meeting;
        private IReadOnlyList<ExternalAccessPolicySettings>? _access;

        internal TeamsPolicyService(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
        }

        internal TeamsAdminClient Teams => _clients.TeamsAdmin();

        internal async Task<IReadOnlyList<MeetingPolicySettings>> MeetingPoliciesAsync(CancellationToken cancellationToken)
        {
            if (_meeting is null)
            {
                _meeting = (await Teams.ListAsync(MeetingPolicyType, cancellationToken).ConfigureAwait(false)).Select(PolicyMapper.Read<MeetingPolicySettings>).ToList();
                _context.Names.RememberPolicies(MeetingPolicyType, _meeting.Select(p => p.Identity));
            }

            return _meeting;
        }

        internal async Task<IReadOnlyList<ExternalAccessPolicySettings>> ExternalAccessPoliciesAsync(CancellationToken cancellationToken)
        {
            if (_access is null)
            {
                _access = (await Teams.ListAsync(ExternalAccessPolicyType, cancellationToken).ConfigureAwait(false)).Select(PolicyMapper.Read<ExternalAccessPolicySettings>).ToList();
                _context.Names.RememberPolicies(ExternalAccessPolicyType, _access.Select(p => p.Identity));
            }

            return _access;
        }

        internal async Task<IReadOnlyList<MeetingBroadcastPolicySettings>> BroadcastPoliciesAsync(CancellationToken cancellationToken) =>
            (await Teams.ListAsync(BroadcastPolicyType, cancellationToken).ConfigureAwait(false)).Select(PolicyMapper.Read<MeetingBroadcastPolicySettings>).ToList();

        internal async Task<AcsFederationConfiguration> TenantGatesAsync(bool includeFederation, CancellationToken cancellationToken)
        {
            var (acs, _) = await Teams.GetAsync(AcsFederationType, "Global", cancellationToken).ConfigureAwait(false);
            var (meeting, _) = await Teams.GetAsync(MeetingConfigurationType, "Global", cancellationToken).ConfigureAwait(false);
            var merged = new JsonObject();
            Merge(merged, acs);
            Merge(merged, meeting);
            if (includeFederation)
            {
                var (federation, _) = await Teams.GetAsync(TenantFederationType, "Global", cancellationToken).ConfigureAwait(false);
                Merge(merged, federation);
            }

            var gates = PolicyMapper.Read<AcsFederationConfiguration>(merged);
            _context.Names.RememberAllowedAcsResources(gates.AllowedAcsResources);
            return gates;
        }

        /// <summary>Resolves UPNs and ids to users: GUIDs pass through unchanged; UPNs are looked up in Graph batches.</summary>
        internal async Task<IReadOnlyList<(string Input, ResolvedUser? User, AcsTeamsSecurityException? Error)>> ResolveUsersAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
        {
            var results = new List<(string, ResolvedUser?, AcsTeamsSecurityException?)>();
            var lookups = new List<GraphBatchRequest>();
            var byId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var input in inputs.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (Guid.TryParse(input, out _))
                {
                    continue;
                }

                var id = "u" + lookups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                byId[id] = input;
                lookups.Add(new GraphBatchRequest(id, "GET", $"/users/{Uri.EscapeDataString(input)}?$select=id,userPrincipalName"));
            }

            var found = new Dictionary<string, ResolvedUser>(StringComparer.OrdinalIgnoreCase);
            var failures = new Dictionary<string, AcsTeamsSecurityException>(StringComparer.OrdinalIgnoreCase);
            if (lookups.Count > 0)
            {
                var graph = _clients.GraphJson();
                var answers = await graph.BatchAsync("v1.0", lookups, "looking up users", UserConfigurationPermission, null, cancellationToken).ConfigureAwait(false);
                foreach (var pair in byId)
                {
                    if (answers.TryGetValue(pair.Key, out var answer) && answer.IsSuccess && answer.Body?["id"]?.GetValue<string>() is { } oid)
                    {
                        var resolved = new ResolvedUser(pair.Value, oid, answer.Body?["userPrincipalName"]?.GetValue<string>());
                        found[pair.Value] = resolved;
                        _context.Names.RememberOrganizer(resolved.UserPrincipalName ?? pair.Value);
                    }
                    else if (answer is not null && answer.Status == 404)
                    {
                        failures[pair.Value] = UserNotFound(pair.Value);
                    }
                    else if (answer is not null)
                    {
                        failures[pair.Value] = graph.ItemError(answer, $"looking up user {pair.Value}", UserConfigurationPermission);
                    }
                }
            }

            foreach (var input in inputs)
            {
                if (Guid.TryParse(input, out var guid))
                {
                    results.Add((input, new ResolvedUser(input, guid.ToString(), null), null));
                }
                else if (found.TryGetValue(input, out var user))
                {
                    results.Add((input, user, null));
                }
                else
                {
                    results.Add((input, null, failures.TryGetValue(input, out var error) ? error : UserNotFound(input)));
                }
            }

            return results;
        }

        /// <summary>
        /// Effective policies for users, from Graph user configurations in batches of 20 (docs/CONTRACTS.md, "Graph").
        /// A user whose effective policies cannot be read gets an <see cref="ErrorIds.EffectivePolicyUnknown"/> error (or
        /// the read's own error), never a silent Global: an unrecognised answer, a failed read, or a cloud without user
        /// configurations (then nothing is sent).
        /// </summary>
        internal async Task<IReadOnlyDictionary<string, (EffectivePolicy<MeetingPolicySettings>? Meeting, EffectivePolicy<ExternalAccessPolicySettings>? Access, AcsTeamsSecurityException? Error)>> EffectivePoliciesAsync(IReadOnlyList<ResolvedUser> users, Action<int>? progress, CancellationToken cancellationToken)
        {
            var results = new Dictionary<string, (EffectivePolicy<MeetingPolicySettings>?, EffectivePolicy<ExternalAccessPolicySettings>?, AcsTeamsSecurityException?)>(StringComparer.OrdinalIgnoreCase);
            var distinct = users.GroupBy(u => u.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
            if (!UserConfigurationsAvailable)
            {
                foreach (var user in distinct)
                {
                    results[user.Id] = (null, null, UserConfigurationsUnavailable(user.Input));
                }

                return results;
            }

            var meeting = await MeetingPoliciesAsync(cancellationToken).ConfigureAwait(false);
            var access = await ExternalAccessPoliciesAsync(cancellationToken).ConfigureAwait(false);
            var requests = distinct.Select((u, i) => new GraphBatchRequest("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "GET", $"/admin/teams/userConfigurations/{Uri.EscapeDataString(u.Id)}")).ToList();
            var graph = _clients.GraphJson();
            var answers = await graph.BatchAsync("v1.0", requests, "reading Teams user configurations", UserConfigurationPermission, progress, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < distinct.Count; i++)
            {
                var user = distinct[i];
                if (!answers.TryGetValue(requests[i].Id, out var answer))
                {
                    results[user.Id] = (null, null, new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"Graph returned no answer for user {user.Input} in a batch."));
                    continue;
                }

                if (answer.Status == 404)
                {
                    results[user.Id] = (null, null, UserNotFound(user.Input));
                    continue;
                }

                if (!answer.IsSuccess)
                {
                    results[user.Id] = (null, null, graph.ItemError(answer, $"reading the Teams configuration of {user.Input}", UserConfigurationPermission));
                    continue;
                }

                var entity = UserConfigurationEntity(answer.Body);
                if (entity?["effectivePolicyAssignments"] is not JsonArray)
                {
                    results[user.Id] = (null, null, new AcsTeamsSecurityException(ErrorIds.EffectivePolicyUnknown, ErrorCategory.InvalidResult, $"Graph answered for the Teams configuration of {user.Input} without a readable effectivePolicyAssignments list, so the user's effective policies are unknown (not assumed to be Global).") { Target = user.Input });
                    continue;
                }

                var (pickedMeeting, missingMeeting) = Pick(entity, MeetingPolicyType, meeting, m => m.Identity);
                var (pickedAccess, missingAccess) = Pick(entity, ExternalAccessPolicyType, access, a => a.Identity);
                var missing = missingMeeting ?? missingAccess;
                results[user.Id] = missing is null
                    ? (pickedMeeting, pickedAccess, null)
                    : (null, null, new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"{user.Input} is assigned {missing}, which was not in the policy list read moments ago (created since?). Run the cmdlet again.") { Target = user.Input });
            }

            return results;
        }

        /// <summary>Whether this context's cloud offers Graph's Teams user configurations (global-only per Microsoft's availability table).</summary>
        internal bool UserConfigurationsAvailable => _context.Environment.TeamsUserConfigurations;

        /// <summary>The error for a user whose effective policies cannot be read because the cloud does not offer user configurations.</summary>
        internal AcsTeamsSecurityException UserConfigurationsUnavailable(string target) =>
            new AcsTeamsSecurityException(ErrorIds.EffectivePolicyUnknown, ErrorCategory.NotEnabled, $"Graph's Teams user configurations (each user's effective policies) are documented for the global service only, not for '{_context.Environment.Name}', so the effective policies of {target} are unknown. Nothing was sent for them.") { Target = target };

        /// <summary>
        /// The user configuration entity of a single GET: documented wrapped in <c>value</c> (DOC), also accepted plain (the
        /// shape this module read before; docs/CONTRACTS.md, "Graph"). Null when the body is neither.
        /// </summary>
        internal static JsonObject? UserConfigurationEntity(JsonNode? body) =>
            body is JsonObject o ? (o["value"] is JsonObject wrapped ? wrapped : o) : null;

        /// <summary>
        /// How many users a policy instance applies to (Global: users with no other assignment of that type), from
        /// the paged Graph list of user configurations; null when Graph does not allow it (the count is a courtesy
        /// shown in confirmations, never a reason to fail).
        /// </summary>
        internal async Task<int?> CountUsersAsync(string policyType, string identity, CancellationToken cancellationToken)
        {
            var counts = await CountAllUsersAsync(cancellationToken).ConfigureAwait(false);
            return counts is null ? null : counts.TryGetValue(CountKey(policyType, identity), out var n) ? n : 0;
        }

        /// <summary>The key of <see cref="CountAllUsersAsync"/>'s answer for one instance.</summary>
        internal static string CountKey(string policyType, string identity) => policyType + "|" + identity.ToUpperInvariant();

        /// <summary>
        /// One paged pass over /admin/teams/userConfigurations counting the users of every instance of both policy
        /// types (an absent assignment means Global, INFERRED as in <see cref="Pick"/>); null when Graph refuses.
        /// </summary>
        internal async Task<IReadOnlyDictionary<string, int>?> CountAllUsersAsync(CancellationToken cancellationToken)
        {
            if (!UserConfigurationsAvailable)
            {
                Diagnostics.OperationLog.Current.Verbose($"User counts are not available in '{_context.Environment.Name}': Graph's Teams user configurations are documented for the global service only.");
                return null;
            }

            var graph = _clients.GraphJson();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            string? next = "v1.0/admin/teams/userConfigurations?$top=999";
            try
            {
                for (var page = 0; next is not null && page < 10000; page++)
                {
                    var body = await graph.GetAsync(next, "counting the users each policy applies to", UserConfigurationPermission, cancellationToken).ConfigureAwait(false);
                    if (body is null)
                    {
                        return null;
                    }

                    if (body["value"] is not JsonArray users)
                    {
                        Diagnostics.OperationLog.Current.Verbose("Could not count the users of each policy instance: Graph's list of user configurations had no value array.");
                        return null;
                    }

                    foreach (var user in users)
                    {
                        if (user?["effectivePolicyAssignments"] is not JsonArray)
                        {
                            // A user whose effective policies are unreadable makes every count unknown, not Global.
                            Diagnostics.OperationLog.Current.Verbose("Could not count the users of each policy instance: a user configuration had no effectivePolicyAssignments list.");
                            return null;
                        }

                        foreach (var type in CountedPolicyTypes)
                        {
                            var assigned = (user?["effectivePolicyAssignments"] as JsonArray)?
                                .FirstOrDefault(a => string.Equals(a?["policyType"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))?["policyAssignment"]?["displayName"]?.GetValue<string>();
                            var name = assigned is null || string.Equals(assigned, "Global", StringComparison.OrdinalIgnoreCase) ? "Global" : assigned.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? assigned : "Tag:" + assigned;
                            var key = CountKey(type, name);
                            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
                        }
                    }

                    next = body["@odata.nextLink"]?.GetValue<string>();
                }
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.PermissionDenied || ex.ErrorId == ErrorIds.ResourceNotFound || ex.ErrorId == ErrorIds.ServiceNotAvailableInEnvironment)
            {
                Diagnostics.OperationLog.Current.Verbose($"Could not count the users of each policy instance: {ex.Message}");
                return null;
            }

            return counts;
        }

        private static (EffectivePolicy<T>? Policy, string? Missing) Pick<T>(JsonNode? body, string policyType, IReadOnlyList<T> instances, Func<T, string> identity)
            where T : class
        {
            var global = instances.FirstOrDefault(i => string.Equals(identity(i), "Global", StringComparison.OrdinalIgnoreCase));
            if (body?["effectivePolicyAssignments"] is JsonArray assignments)
            {
                foreach (var node in assignments)
                {
                    if (!string.Equals(node?["policyType"]?.GetValue<string>(), policyType, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var assignment = node?["policyAssignment"];
                    var name = assignment?["displayName"]?.GetValue<string>() ?? "Global";
                    var tag = name.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Global", StringComparison.OrdinalIgnoreCase) ? name : "Tag:" + name;
                    if (string.Equals(tag, "Global", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }

                    var instance = instances.FirstOrDefault(i => string.Equals(identity(i), tag, StringComparison.OrdinalIgnoreCase));
                    if (instance is null)
                    {
                        return (null, $"{policyType} {tag}");
                    }

                    var kind = string.Equals(assignment?["assignmentType"]?.GetValue<string>(), "group", StringComparison.OrdinalIgnoreCase) ? PolicyAssignmentType.Group : PolicyAssignmentType.Direct;
                    return (new EffectivePolicy<T>(instance, identity(instance), kind, assignment?["groupId"]?.GetValue<string>()), null);
                }
            }

            // INFERRED: Graph omits policy types that resolve to the Global instance.
            return global is null ? (null, $"{policyType} Global") : (new EffectivePolicy<T>(global, "Global", PolicyAssignmentType.Global), null);
        }

        private static void Merge(JsonObject target, JsonObject source)
        {
            foreach (var pair in source)
            {
                if (!string.Equals(pair.Key, "Identity", StringComparison.OrdinalIgnoreCase) && !string.Equals(pair.Key, "Key", StringComparison.OrdinalIgnoreCase))
                {
                    target[pair.Key] = pair.Value?.DeepClone();
                }
            }
        }

        internal static AcsTeamsSecurityException UserNotFound(string input) =>
            new AcsTeamsSecurityException(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, $"There is no user '{input}' in this tenant. Give the user principal name or the object id.") { Target = input };
    }
}
