using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Clients.Arm;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Contracts
{
    /// <summary>The setting a no-op write will send back, read moments before.</summary>
    internal sealed class NoOpWritePlan
    {
        internal NoOpWritePlan(string type, string identity, string setting, JsonNode? value)
        {
            Type = type;
            Identity = identity;
            Setting = setting;
            Value = value;
        }

        internal string Type { get; }

        internal string Identity { get; }

        internal string Setting { get; }

        internal JsonNode? Value { get; }

        internal string ValueText => Value?.ToJsonString() ?? "null";
    }

    /// <summary>
    /// Runs the catalogue's reads with a context, through the context's own clients (same token broker, pipeline, proxy,
    /// retries and host restrictions as every other cmdlet), and inspects each answer. Never writes unless asked
    /// through <see cref="SendNoOpWriteAsync"/>.
    /// </summary>
    internal sealed class ContractChecker
    {
        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;
        private readonly Dictionary<string, string> _found = new Dictionary<string, string>(StringComparer.Ordinal);

        internal ContractChecker(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
        }

        /// <summary>Every read of the catalogue, in order (later reads use what earlier ones found: a user, a subscription, a resource).</summary>
        internal async Task<IReadOnlyList<ContractObservation>> CheckReadsAsync(IReadOnlyList<ContractEntry> catalogue, Action<ContractObservation>? done, CancellationToken cancellationToken)
        {
            var results = new List<ContractObservation>();
            foreach (var entry in catalogue.Where(e => !e.Write))
            {
                var observation = await CheckAsync(entry, cancellationToken).ConfigureAwait(false);
                results.Add(observation);
                done?.Invoke(observation);
            }

            return results;
        }

        internal async Task<ContractObservation> CheckAsync(ContractEntry entry, CancellationToken cancellationToken)
        {
            var o = new ContractObservation(entry);
            if (!Enum.TryParse<AcsTeamsService>(entry.Service, out var service) || _context.Environment.EndpointFor(service) is null)
            {
                o.Detail = $"{entry.Service} is not available in the '{_context.Environment.Name}' environment.";
                return o;
            }

            if (!_context.Covers(service))
            {
                o.Detail = $"This context is not signed in to {entry.Service} (connected with an ACS connection string only?); connect with an Entra sign-in to check it.";
                return o;
            }

            if (entry.GlobalOnly && !_context.Environment.TeamsUserConfigurations)
            {
                o.Detail = $"Not offered in the '{_context.Environment.Name}' environment (Microsoft documents it for the Global cloud only); the module does not call it there.";
                return o;
            }

            var missing = entry.Needs.FirstOrDefault(n => !_found.ContainsKey(n));
            if (missing is not null)
            {
                o.Detail = missing switch
                {
                    "user" => "No user configuration was listed, so there is no user to read.",
                    "subscription" => "No subscription is visible to this identity.",
                    "resource" => "No Communication Services resource was found in the first subscription.",
                    _ => $"Nothing found for '{missing}'.",
                };
                return o;
            }

            var relative = RelativeUrl(entry);
            o.RequestPath = "/" + relative;
            var activity = $"checking the contract {entry.Id}";
            ServiceResponse response;
            var watch = Stopwatch.StartNew();
            try
            {
                response = await SendAsync(service, RequestMethod.Parse(entry.Method), relative, null, activity, cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                o.Outcome = "Failed";
                o.ErrorId = ex.ErrorId;
                o.Detail = ex.Message;
                return o;
            }

            watch.Stop();
            Finish(o, service, response, activity, watch.ElapsedMilliseconds);
            if (response.IsSuccess)
            {
                Remember(entry, response);
            }

            return o;
        }

        /// <summary>Reads the instance and picks the first of its writable <paramref name="settings"/> that has a value: what a no-op write would send back.</summary>
        internal async Task<NoOpWritePlan> PlanNoOpWriteAsync(ExternalUserPolicyType policyType, string identity, IEnumerable<string> settings, CancellationToken cancellationToken)
        {
            var type = policyType.ToString();
            var (instance, _) = await _clients.TeamsAdmin().GetAsync(type, identity, cancellationToken).ConfigureAwait(false);
            foreach (var setting in settings)
            {
                var pair = instance.FirstOrDefault(p => string.Equals(p.Key, setting, StringComparison.OrdinalIgnoreCase));
                if (pair.Key is not null && pair.Value is JsonValue)
                {
                    return new NoOpWritePlan(type, identity, pair.Key, pair.Value.DeepClone());
                }
            }

            throw new AcsTeamsSecurityException(
                ErrorIds.ContractWriteNotPossible,
                ErrorCategory.InvalidData,
                $"{type} {identity} has none of the settings the module changes with a plain value, so there is nothing to write back unchanged. Name another instance with -Identity.")
            {
                Target = identity,
                Service = nameof(AcsTeamsService.TeamsAdmin),
            };
        }

        /// <summary>
        /// Writes the planned setting back with its current value through the Teams admin client's write path (PUT of that
        /// one setting), after re-reading it: if it changed since the plan, nothing is written (PolicyChangedConcurrently).
        /// </summary>
        internal async Task<ContractObservation> SendNoOpWriteAsync(ContractEntry entry, NoOpWritePlan plan, CancellationToken cancellationToken)
        {
            var teams = _clients.TeamsAdmin();
            var (now, _) = await teams.GetAsync(plan.Type, plan.Identity, cancellationToken).ConfigureAwait(false);
            var current = now.FirstOrDefault(p => string.Equals(p.Key, plan.Setting, StringComparison.Ordinal)).Value;
            if ((current?.ToJsonString() ?? "null") != plan.ValueText)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyChangedConcurrently,
                    ErrorCategory.ResourceBusy,
                    $"{plan.Type} {plan.Identity} setting {plan.Setting} changed between the read and the no-op write; nothing was written. Run the check again.")
                {
                    Target = plan.Identity,
                    Service = nameof(AcsTeamsService.TeamsAdmin),
                };
            }

            var o = new ContractObservation(entry);
            var relative = TeamsAdminClient.Path(plan.Type, plan.Identity);
            o.RequestPath = "/" + relative;
            var activity = $"writing {plan.Setting} of {plan.Type} {plan.Identity} back unchanged";
            var body = new JsonObject { [plan.Setting] = plan.Value?.DeepClone() };
            var watch = Stopwatch.StartNew();
            var response = await teams.SendForContractAsync(RequestMethod.Put, relative, body.ToJsonString(), activity, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            Finish(o, AcsTeamsService.TeamsAdmin, response, activity, watch.ElapsedMilliseconds);
            return o;
        }

        private void Finish(ContractObservation o, AcsTeamsService service, ServiceResponse response, string activity, long elapsed)
        {
            if (response.IsSuccess || (response.Status >= 300 && response.Status < 400))
            {
                ContractInspector.Inspect(o, response.Status, response.Body, response.Headers, elapsed);
                return;
            }

            ContractInspector.Inspect(o, response.Status, null, response.Headers, elapsed);
            var error = ServiceErrorMapper.FromResponse(service, response, activity, null, _clients.MaxRetries);
            o.Outcome = "Failed";
            o.Variant = null;
            o.Shape = null;
            o.Differences.Clear();
            o.MissingProperties.Clear();
            o.PropertyTypes.Clear();
            o.ErrorId = error.ErrorId;
            o.Detail = error.Message;
        }

        private Task<ServiceResponse> SendAsync(AcsTeamsService service, RequestMethod method, string relative, string? body, string activity, CancellationToken cancellationToken)
        {
            switch (service)
            {
                case AcsTeamsService.TeamsAdmin:
                    return _clients.TeamsAdmin().SendForContractAsync(method, relative, body, activity, cancellationToken);
                case AcsTeamsService.Graph:
                    return _clients.Http(service).SendAsync(method, relative, body, activity, cancellationToken, new Dictionary<string, string>(GraphJsonClient.PreferHeader.ToDictionary(p => p.Key, p => p.Value)));
                default:
                    return _clients.Http(service).SendAsync(method, relative, body, activity, cancellationToken);
            }
        }

        /// <summary>The request's relative URL: constant parameters, then what earlier reads found, then the query tokens.</summary>
        internal string RelativeUrl(ContractEntry entry)
        {
            var path = entry.Path;
            foreach (var pair in entry.Parameters)
            {
                path = path.Replace("{" + pair.Key + "}", entry.Service == nameof(AcsTeamsService.TeamsAdmin) ? TeamsAdminClient.PathSegment(pair.Value) : Uri.EscapeDataString(pair.Value));
            }

            if (_found.TryGetValue("user", out var user))
            {
                path = path.Replace("{user}", Uri.EscapeDataString(user));
            }

            if (_found.TryGetValue("subscription", out var subscription))
            {
                path = path.Replace("{subscription}", Uri.EscapeDataString(subscription));
            }

            if (entry.Needs.Contains("resource") && _found.TryGetValue("resource", out var resource))
            {
                var parts = resource.Trim('/').Split('/');
                string Segment(string after) => Uri.EscapeDataString(parts.SkipWhile(p => !string.Equals(p, after, StringComparison.OrdinalIgnoreCase)).Skip(1).FirstOrDefault() ?? string.Empty);
                path = path.Replace("{subscription}", Segment("subscriptions")).Replace("{resourceGroup}", Segment("resourceGroups")).Replace("{name}", Segment("communicationServices"));
            }

            var query = entry.Query?
                .Replace("{subscriptionsApiVersion}", ConnectionProbe.ArmSubscriptionsApiVersion)
                .Replace("{communicationApiVersion}", _context.ArmApiVersion)
                .Replace("{diagnosticsApiVersion}", ArmClient.DiagnosticsApiVersion);
            return path.TrimStart('/') + (string.IsNullOrEmpty(query) ? string.Empty : "?" + query);
        }

        private void Remember(ContractEntry entry, ServiceResponse response)
        {
            JsonNode? node;
            try
            {
                node = string.IsNullOrWhiteSpace(response.Body) ? null : JsonNode.Parse(response.Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return;
            }

            var items = ContractInspector.Items(node, ContractInspector.ShapeOf(node));
            var first = items.Count > 0 ? items[0] : null;
            string? Text(string name) => first is null ? null : ContractInspector.Resolve(first, name).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).FirstOrDefault();
            switch (entry.Id)
            {
                case "graph-user-configurations" when Text("id") is { } id:
                    _found["user"] = id;
                    break;
                case "arm-subscriptions" when Text("subscriptionId") is { } sub:
                    _found["subscription"] = sub;
                    break;
                case "arm-list-communication" when Text("id") is { } resource:
                    _found["resource"] = resource;
                    break;
            }
        }
    }
}
