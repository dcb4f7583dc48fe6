using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Teams
{
    /// <summary>
    /// The Teams admin API's connect handshake (api-facts §10.1, PUB): <c>GET /Teams.Tenant/serviceDiscovery</c> answers
    /// <c>{"Endpoints":{"ConfigApiEndpoint","AdminServiceEndpoint"},"Headers":{"X-MS-Forest"}}</c>, and later requests
    /// carry <c>X-MS-Target-Uri: https://{AdminServiceEndpoint}/</c> (regional routing). Done once per context, the first
    /// time the Teams admin API is used, and kept with the context's service clients. Whether the service needs it is
    /// not known (reads work without it), so a failed handshake (any error, 404 included) is a Verbose line and the
    /// requests go out without the header; it is not tried again for the context.
    /// Contract: docs/CONTRACTS.md, Teams admin, GET serviceDiscovery.
    /// </summary>
    internal sealed class TeamsServiceDiscovery
    {
        internal const string DiscoveryPath = "Teams.Tenant/serviceDiscovery";

        private static readonly char[] NotInHost = { '/', '\\', '?', '#', '@', ' ' };
        private readonly object _gate = new object();
        private Task<string?>? _discovery;

        /// <summary>The X-MS-Target-Uri value, or null when the handshake failed (or gave no admin endpoint).</summary>
        internal Task<string?> TargetUriAsync(ServiceHttpClient http, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                // One handshake per context; only a cancelled one is tried again.
                if (_discovery is null || _discovery.IsCanceled || _discovery.IsFaulted)
                {
                    _discovery = DiscoverAsync(http, cancellationToken);
                }

                return _discovery;
            }
        }

        /// <summary>The target URI from a discovery answer body, or null (with the reason) when it names no admin endpoint.</summary>
        internal static (string? TargetUri, string? Problem) Parse(string body)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                return (null, "the answer is not JSON");
            }

            var endpoint = (node?["Endpoints"] as JsonObject)?["AdminServiceEndpoint"] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
            if (string.IsNullOrEmpty(endpoint))
            {
                return (null, "the answer names no Endpoints.AdminServiceEndpoint");
            }

            // A host name (with an optional port), as in the public client; anything else is not sent on.
            if (Uri.CheckHostName(endpoint!.Split(':')[0]) == UriHostNameType.Unknown || endpoint.IndexOfAny(NotInHost) >= 0)
            {
                return (null, "Endpoints.AdminServiceEndpoint is not a host name");
            }

            return ("https://" + endpoint + "/", null);
        }

        private static async Task<string?> DiscoverAsync(ServiceHttpClient http, CancellationToken cancellationToken)
        {
            const string activity = "discovering the Teams admin service endpoint";
            try
            {
                var headers = TeamsAdminClient.RequestHeaders(null, OperationLog.CommandName);
                var response = await http.SendAsync(RequestMethod.Get, DiscoveryPath, null, activity, cancellationToken, headers).ConfigureAwait(false);
                TeamsAdminClient.SurfaceWarning(response);
                if (!response.IsSuccess)
                {
                    OperationLog.Current.Verbose($"The Teams admin service discovery answered {response.Status}; continuing without X-MS-Target-Uri (reads and writes are sent to the configured endpoint).");
                    return null;
                }

                var (target, problem) = Parse(response.Body);
                OperationLog.Current.Verbose(target is null
                    ? $"The Teams admin service discovery could not be used ({problem}); continuing without X-MS-Target-Uri."
                    : $"Teams admin service discovery: requests carry X-MS-Target-Uri {target}.");
                return target;
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId != ErrorIds.NotConnected && ex.ErrorId != ErrorIds.ContextDisconnected)
            {
                OperationLog.Current.Verbose($"The Teams admin service discovery failed ({ex.Message}); continuing without X-MS-Target-Uri.");
                return null;
            }
        }
    }
}
