using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Arm
{
    /// <summary>
    /// Azure Resource Manager reads for the audit: the <c>Microsoft.Communication/communicationServices</c> resources of a
    /// subscription (api-facts §7.2) and their <c>Microsoft.Insights/diagnosticSettings</c> (§7.4). Read-only: it never
    /// calls listKeys or regenerateKey, so no access key passes through it.
    /// </summary>
    internal sealed class ArmClient
    {
        /// <summary>
        /// The default api-version for Microsoft.Communication/communicationServices: the GA version that carries
        /// disableLocalAuth and publicNetworkAccess (DOC: azure-rest-api-specs stable/2025-09-01/openapi.json; docs/CONTRACTS.md,
        /// "ARM"). Preview versions get retired, so one is used only when the caller asks (Connect-AcsTeamsSecurity -ArmApiVersion).
        /// </summary>
        internal const string DefaultCommunicationApiVersion = "2025-09-01";

        /// <summary>
        /// The diagnostic settings version (Microsoft.Insights provider, not the Communication one): DOC, azure-rest-api-specs
        /// monitor preview/2021-05-01-preview; docs/CONTRACTS.md, "ARM".
        /// </summary>
        internal const string DiagnosticsApiVersion = "2021-05-01-preview";

        /// <summary>The ACS log category that covers identity and token operations (api-facts §7.4).</summary>
        internal const string AuthLogCategory = "AuthOperational";

        /// <summary>A guard against a service that keeps answering with a nextLink.</summary>
        internal const int MaxPages = 1000;

        /// <summary>
        /// Category groups counted as collecting <see cref="AuthLogCategory"/>. <c>allLogs</c> is every category of the
        /// resource type by Azure Monitor's definition. INFERRED choice: <c>audit</c> is NOT counted, because whether
        /// ACS puts AuthOperational in its audit group is UNCONFIRMED, and an audit must not claim logs it cannot confirm.
        /// </summary>
        internal static readonly IReadOnlyCollection<string> AuthLogCategoryGroups = new[] { "allLogs" };

        private static readonly string[] Destinations = { "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId" };

        private static readonly char[] Slash = { '/' };

        private static readonly char[] ForbiddenInId = { '?', '#', '\\' };

        private readonly ServiceHttpClient _http;

        private readonly string _apiVersion;

        internal ArmClient(ServiceHttpClient http, string apiVersion = DefaultCommunicationApiVersion)
        {
            _http = http;
            _apiVersion = apiVersion;
        }

        /// <summary>The api-version this client reads Communication Services resources with.</summary>
        internal string CommunicationApiVersion => _apiVersion;

        /// <summary>
        /// Every Communication Services resource of the subscription that the caller can read, following nextLink (which
        /// must stay on the configured ARM endpoint).
        /// </summary>
        internal async Task<IReadOnlyList<AcsResourceSettings>> ListCommunicationServicesAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var subscription = ValidateSubscriptionId(subscriptionId);
            var activity = $"listing Communication Services resources in subscription {subscription}";
            var permission = $"the Reader role (Microsoft.Communication/communicationServices/read) on subscription {subscription}";
            var resources = new List<AcsResourceSettings>();
            string? next = ServiceHttpClient.Combine(_http.BaseUri, $"subscriptions/{subscription}/providers/Microsoft.Communication/communicationServices?api-version={CommunicationApiVersion}").AbsoluteUri;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 0; next is not null; page++)
            {
                if (page >= MaxPages || !seen.Add(next))
                {
                    throw Invalid($"ARM kept returning pages while {activity} (page {page + 1}); the listing was stopped.");
                }

                var response = await _http.SendForSuccessAsync(RequestMethod.Get, next, null, activity, permission, cancellationToken).ConfigureAwait(false);
                var body = ParseObject(response, activity);
                if (!(body["value"] is JsonArray value))
                {
                    throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity);
                }

                foreach (var item in value)
                {
                    resources.Add(item is JsonObject o ? MapResource(o) ?? throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity) : throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity));
                }

                next = ReadString(body, "nextLink") is { Length: > 0 } link ? CheckNextLink(_http.BaseUri, link, activity) : null;
            }

            return resources;
        }

        /// <summary>
        /// One Communication Services resource by its ARM id (docs/CONTRACTS.md, "ARM", <c>arm-get-communication</c>), read
        /// with the context's api-version; used to turn an ARM id into the resource's immutable id.
        /// </summary>
        internal async Task<AcsResourceSettings> GetCommunicationServiceAsync(string resourceId, CancellationToken cancellationToken)
        {
            var id = ValidateResourceId(resourceId);
            var activity = $"reading the Communication Services resource {NameOf(id)}";
            var permission = $"the Reader role (Microsoft.Communication/communicationServices/read) on {id} or a parent scope";
            var response = await _http.SendForSuccessAsync(RequestMethod.Get, $"{id}?api-version={CommunicationApiVersion}", null, activity, permission, cancellationToken).ConfigureAwait(false);
            var body = ParseObject(response, activity);
            return MapResource(body) ?? throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity);
        }

        /// <summary>
        /// The diagnostic settings of one resource, each with whether it collects the AuthOperational log somewhere: an
        /// enabled entry for the category (or a counted category group) and at least one destination.
        /// </summary>
        internal async Task<IReadOnlyList<(string Name, bool AuthLogsCollected)>> GetDiagnosticSettingsAsync(string resourceId, CancellationToken cancellationToken)
        {
            var id = ValidateResourceId(resourceId);
            var activity = $"reading the diagnostic settings of {NameOf(id)}";
            var permission = $"the Reader or Monitoring Reader role (Microsoft.Insights/diagnosticSettings/read) on {id} or a parent scope";
            var response = await _http.SendForSuccessAsync(RequestMethod.Get, $"{id}/providers/Microsoft.Insights/diagnosticSettings?api-version={DiagnosticsApiVersion}", null, activity, permission, cancellationToken).ConfigureAwait(false);
            var body = ParseObject(response, activity);
            if (!(body["value"] is JsonArray value))
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity);
            }

            var settings = new List<(string, bool)>();
            foreach (var item in value)
            {
                if (!(item is JsonObject setting) || !(ReadString(setting, "name") is { Length: > 0 } name))
                {
                    throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity);
                }

                settings.Add((name, CollectsAuthLogs(setting)));
            }

            return settings;
        }

        /// <summary>
        /// Sets <see cref="AcsResourceSettings.DiagnosticSettings"/> and <see cref="AcsResourceSettings.AuthLogsCollected"/>.
        /// A failure (403 included) propagates and leaves both unchanged: the caller records it, AuthLogsCollected stays null.
        /// </summary>
        internal async Task EnrichWithDiagnosticsAsync(AcsResourceSettings resource, CancellationToken cancellationToken)
        {
            var settings = await GetDiagnosticSettingsAsync(resource.Id, cancellationToken).ConfigureAwait(false);
            resource.DiagnosticSettings = settings.Select(s => s.Name).ToList();
            resource.AuthLogsCollected = settings.Any(s => s.AuthLogsCollected);
        }

        /// <summary>Maps one ARM resource; null when it has no usable id or name. Properties the api-version does not return stay null.</summary>
        internal static AcsResourceSettings? MapResource(JsonObject resource)
        {
            var id = ReadString(resource, "id");
            var name = ReadString(resource, "name");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name) || !TryParseId(id!, out var subscription, out var group))
            {
                return null;
            }

            var properties = resource["properties"] as JsonObject ?? new JsonObject();
            return new AcsResourceSettings
            {
                Id = id!,
                Name = name!,
                SubscriptionId = subscription,
                ResourceGroup = group,
                Location = ReadString(resource, "location"),
                DataLocation = ReadString(properties, "dataLocation"),
                HostName = ReadString(properties, "hostName"),
                ImmutableResourceId = ReadString(properties, "immutableResourceId"),
                ProvisioningState = ReadString(properties, "provisioningState"),
                DisableLocalAuth = ReadBool(properties, "disableLocalAuth"),
                ManagedIdentityType = resource["identity"] is JsonObject identity ? ReadString(identity, "type") : null,
                PublicNetworkAccess = ReadString(properties, "publicNetworkAccess"),
                LinkedDomains = properties["linkedDomains"] is JsonArray domains
                    ? domains.Select(d => d is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList()
                    : (IReadOnlyList<string>)Array.Empty<string>(),
            };
        }

        /// <summary>True when the setting sends the AuthOperational log (directly or through a counted group) to a destination.</summary>
        internal static bool CollectsAuthLogs(JsonObject setting)
        {
            var properties = setting["properties"] as JsonObject;
            if (properties is null || !Destinations.Any(d => !string.IsNullOrWhiteSpace(ReadString(properties, d))))
            {
                return false;
            }

            return properties["logs"] is JsonArray logs && logs.OfType<JsonObject>().Any(log =>
                ReadBool(log, "enabled") == true &&
                (string.Equals(ReadString(log, "category"), AuthLogCategory, StringComparison.OrdinalIgnoreCase) ||
                 (ReadString(log, "categoryGroup") is { } group && AuthLogCategoryGroups.Contains(group, StringComparer.OrdinalIgnoreCase))));
        }

        /// <summary>
        /// nextLink is absolute; it is followed only when it has the scheme, host and port of the configured ARM endpoint and
        /// stays under its path (<see cref="RequestAuthorizationPolicy.IsWithin"/>, the rule the pipeline enforces for every
        /// request), so a tampered or misrouted answer is reported with ARM's own words before any request is made.
        /// </summary>
        internal static string CheckNextLink(Uri armEndpoint, string nextLink, string activity)
        {
            if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next) || !RequestAuthorizationPolicy.IsWithin(armEndpoint, next))
            {
                var where = Uri.TryCreate(nextLink, UriKind.Absolute, out var shown) ? shown.GetLeftPart(UriPartial.Authority) : "a value that is not an absolute URL";
                throw Invalid($"ARM answered with a nextLink to {where} while {activity}, which is not the configured ARM endpoint {armEndpoint.GetLeftPart(UriPartial.Authority)}; it was not followed.");
            }

            return next.AbsoluteUri;
        }

        /// <summary>Subscription id and resource group from <c>/subscriptions/{id}/resourceGroups/{name}/…</c> (segment names case-insensitive).</summary>
        internal static bool TryParseId(string id, out string subscriptionId, out string resourceGroup)
        {
            subscriptionId = string.Empty;
            resourceGroup = string.Empty;
            var segments = id.Split(Slash, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length < 4 ||
                !string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(segments[2], "resourceGroups", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            subscriptionId = segments[1];
            resourceGroup = segments[3];
            return true;
        }

        internal static string ValidateSubscriptionId(string? subscriptionId)
        {
            var value = subscriptionId?.Trim() ?? string.Empty;
            if (!Guid.TryParse(value, out var guid) || value.Length != 36)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.SubscriptionIdInvalid,
                    ErrorCategory.InvalidArgument,
                    $"'{Shorten(value)}' is not an Azure subscription id (a GUID such as 00000000-0000-0000-0000-000000000000).")
                {
                    Target = subscriptionId,
                };
            }

            return guid.ToString("D");
        }

        /// <summary>Resource ids come from ARM's own answers; anything else is a programming error.</summary>
        private static string ValidateResourceId(string? resourceId)
        {
            var id = resourceId?.Trim() ?? string.Empty;
            if (!TryParseId(id, out _, out _) || !id.StartsWith("/", StringComparison.Ordinal) ||
                id.IndexOfAny(ForbiddenInId) >= 0 || id.Contains("//") ||
                id.Split('/').Any(s => s == "." || s == ".."))
            {
                throw new ArgumentException($"'{Shorten(id)}' is not an ARM resource id.", nameof(resourceId));
            }

            return id.TrimEnd('/');
        }

        private static string NameOf(string resourceId) => resourceId.Substring(resourceId.LastIndexOf('/') + 1);

        private static JsonObject ParseObject(ServiceResponse response, string activity)
        {
            try
            {
                return JsonNode.Parse(response.Body) as JsonObject ?? throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Arm, response, activity, ex);
            }
        }

        private static string? ReadString(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static bool? ReadBool(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : (bool?)null;

        private static string Shorten(string value) => value.Length <= 80 ? value : value.Substring(0, 80) + "…";

        private static AcsTeamsSecurityException Invalid(string message) =>
            new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, message)
            {
                Service = nameof(AcsTeamsService.Arm),
            };
    }
}
