using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Graph
{
    /// <summary>
    /// Microsoft Graph over plain JSON on the module's pipeline (token, retries, -Debug wire log): JSON batching
    /// with per-item throttling, online meetings, Teams user configurations and the v1.0 policy-assignment API.
    /// The module ships no Graph SDK. Every request sends <c>Prefer: include-unknown-enum-members</c> so that
    /// evolvable enum values are read and written as they are.
    /// </summary>
    internal sealed class GraphJsonClient
    {
        internal static readonly IReadOnlyDictionary<string, string> PreferHeader = new Dictionary<string, string> { ["Prefer"] = "include-unknown-enum-members" };

        private readonly ServiceHttpClient _http;

        internal GraphJsonClient(ServiceHttpClient http) => _http = http;

        internal int MaxItemRetries { get; set; } = 4;

        /// <summary>Sends batches of at most 20 and returns every item's final answer. Throttled items are retried alone after their own Retry-After.</summary>
        internal async Task<IReadOnlyDictionary<string, GraphBatchResponse>> BatchAsync(string version, IReadOnlyList<GraphBatchRequest> requests, string activity, string permissionHint, Action<int>? progress, CancellationToken cancellationToken)
        {
            var results = new Dictionary<string, GraphBatchResponse>(StringComparer.OrdinalIgnoreCase);
            var pending = requests.ToList();
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                var throttled = new List<GraphBatchRequest>();
                var wait = TimeSpan.Zero;
                foreach (var chunk in GraphBatch.Split(pending))
                {
                    var response = await _http.SendForSuccessAsync(RequestMethod.Post, $"{version}/$batch", GraphBatch.Body(chunk), activity, permissionHint, cancellationToken, Headers()).ConfigureAwait(false);
                    IReadOnlyList<GraphBatchResponse> items;
                    try
                    {
                        items = GraphBatch.Parse(response.Body);
                    }
                    catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is InvalidOperationException || ex is FormatException)
                    {
                        throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Graph, response, activity, ex);
                    }

                    foreach (var item in items)
                    {
                        var request = chunk.FirstOrDefault(r => string.Equals(r.Id, item.Id, StringComparison.OrdinalIgnoreCase));
                        if (request is null)
                        {
                            continue;
                        }

                        if ((item.Status == 429 || item.Status == 503) && attempt < MaxItemRetries)
                        {
                            throttled.Add(request);
                            var delay = GraphBatch.RetryDelay(item.Headers, attempt, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60));
                            wait = delay > wait ? delay : wait;
                            continue;
                        }

                        results[item.Id] = item;
                    }

                    progress?.Invoke(results.Count);
                }

                if (throttled.Count > 0)
                {
                    OperationLog.Current.Debug($"Graph throttled {throttled.Count} batch item(s); retrying them after {wait.TotalSeconds:0.###} s (attempt {attempt + 1} of {MaxItemRetries}).");
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                pending = throttled;
            }

            return results;
        }

        /// <summary>GET a JSON object; 404 gives null.</summary>
        internal async Task<JsonObject?> GetAsync(string relative, string activity, string permissionHint, CancellationToken cancellationToken)
        {
            var response = await _http.SendAsync(RequestMethod.Get, relative, null, activity, cancellationToken, Headers()).ConfigureAwait(false);
            if (response.Status == 404)
            {
                return null;
            }

            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, response, activity, permissionHint, _http.MaxRetries);
            }

            return Parse(response, activity);
        }

        /// <summary>POST a JSON body; returns the body (may be empty for 204).</summary>
        internal async Task<JsonObject?> PostAsync(string relative, JsonNode body, string activity, string permissionHint, CancellationToken cancellationToken)
        {
            var response = await _http.SendForSuccessAsync(RequestMethod.Post, relative, body.ToJsonString(), activity, permissionHint, cancellationToken, Headers()).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Body) ? null : Parse(response, activity);
        }

        /// <summary>An error from a batch item, mapped like a direct response.</summary>
        internal AcsTeamsSecurityException ItemError(GraphBatchResponse item, string activity, string permissionHint) =>
            ServiceErrorMapper.FromResponse(
                AcsTeamsService.Graph,
                new ServiceResponse(item.Status, item.Body?.ToJsonString() ?? string.Empty, item.Headers.TryGetValue("request-id", out var id) ? id : null, item.Headers),
                activity,
                permissionHint,
                MaxItemRetries);

        private static Dictionary<string, string> Headers() => new Dictionary<string, string>(PreferHeader.ToDictionary(p => p.Key, p => p.Value));

        private static JsonObject Parse(ServiceResponse response, string activity)
        {
            try
            {
                return JsonNode.Parse(response.Body) as JsonObject ?? throw new System.Text.Json.JsonException("not an object");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Graph, response, activity, ex);
            }
        }
    }
}
