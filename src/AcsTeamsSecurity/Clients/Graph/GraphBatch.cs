using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Clients.Graph
{
    /// <summary>One request inside a Graph JSON batch.</summary>
    internal sealed class GraphBatchRequest
    {
        internal GraphBatchRequest(string id, string method, string url, JsonNode? body = null)
        {
            Id = id;
            Method = method;
            Url = url;
            Body = body;
        }

        internal string Id { get; }

        internal string Method { get; }

        /// <summary>Relative to the version root, without it: /users/{id}.</summary>
        internal string Url { get; }

        internal JsonNode? Body { get; }
    }

    /// <summary>One answer inside a Graph JSON batch.</summary>
    internal sealed class GraphBatchResponse
    {
        internal GraphBatchResponse(string id, int status, JsonNode? body, IReadOnlyDictionary<string, string> headers)
        {
            Id = id;
            Status = status;
            Body = body;
            Headers = headers;
        }

        internal string Id { get; }

        internal int Status { get; }

        internal JsonNode? Body { get; }

        internal IReadOnlyDictionary<string, string> Headers { get; }

        internal bool IsSuccess => Status >= 200 && Status < 300;
    }

    /// <summary>
    /// Graph JSON batching (api-facts §3.5), pure parts: splitting into batches of at most 20, writing the
    /// request body, reading the responses, and the wait a throttled item asks for. Unit tested.
    /// </summary>
    internal static class GraphBatch
    {
        /// <summary>"JSON batch requests are currently limited to 20 individual requests."</summary>
        internal const int MaxRequests = 20;

        internal static IEnumerable<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> items, int size = MaxRequests)
        {
            for (var i = 0; i < items.Count; i += size)
            {
                yield return items.Skip(i).Take(size).ToList();
            }
        }

        internal static string Body(IReadOnlyList<GraphBatchRequest> requests)
        {
            if (requests.Count == 0 || requests.Count > MaxRequests)
            {
                throw new ArgumentOutOfRangeException(nameof(requests), $"A batch holds 1 to {MaxRequests} requests.");
            }

            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var array = new JsonArray();
            foreach (var request in requests)
            {
                if (!ids.Add(request.Id))
                {
                    throw new ArgumentException($"Duplicate batch id '{request.Id}' (ids are not case-sensitive).", nameof(requests));
                }

                var item = new JsonObject
                {
                    ["id"] = request.Id,
                    ["method"] = request.Method,
                    ["url"] = request.Url,
                };
                // Each item asks for evolvable enum members itself: the outer request's headers are not documented to apply inside.
                var headers = new JsonObject { ["Prefer"] = "include-unknown-enum-members" };
                if (request.Body is not null)
                {
                    // "If body is present, headers must include Content-Type."
                    item["body"] = request.Body.DeepClone();
                    headers["Content-Type"] = "application/json";
                }

                item["headers"] = headers;

                array.Add(item);
            }

            return new JsonObject { ["requests"] = array }.ToJsonString();
        }

        internal static IReadOnlyList<GraphBatchResponse> Parse(string body)
        {
            try
            {
                return ParseResponses(body);
            }
            catch (ArgumentException ex)
            {
                // A repeated property name (JsonObject materializes lazily) or a body that is not valid UTF-16: the caller handles JsonException.
                throw new JsonException("The batch response is not valid JSON: " + ex.Message, ex);
            }
        }

        private static IReadOnlyList<GraphBatchResponse> ParseResponses(string body)
        {
            var root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("The batch response is not a JSON object.");
            var responses = root["responses"] as JsonArray ?? throw new JsonException("The batch response has no responses array.");
            var list = new List<GraphBatchResponse>();
            foreach (var node in responses)
            {
                if (node is not JsonObject item)
                {
                    throw new JsonException("A batch response item is not an object.");
                }

                var id = item["id"]?.GetValue<string>() ?? throw new JsonException("A batch response item has no id.");
                var status = item["status"]?.GetValue<int>() ?? throw new JsonException("A batch response item has no status.");
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (item["headers"] is JsonObject h)
                {
                    foreach (var pair in h)
                    {
                        headers[pair.Key] = pair.Value?.ToString() ?? string.Empty;
                    }
                }

                list.Add(new GraphBatchResponse(id, status, item["body"]?.DeepClone(), headers));
            }

            return list;
        }

        /// <summary>
        /// How long a throttled item asks to wait: its Retry-After header in seconds (fractions allowed, e.g. 2.128)
        /// or an HTTP date, capped; otherwise exponential backoff from the attempt number.
        /// </summary>
        internal static TimeSpan RetryDelay(IReadOnlyDictionary<string, string> headers, int attempt, DateTimeOffset now, TimeSpan cap)
        {
            if (headers.TryGetValue("Retry-After", out var value) && !string.IsNullOrWhiteSpace(value))
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    var delay = TimeSpan.FromSeconds(seconds);
                    return delay > cap ? cap : delay;
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    var delay = date - now;
                    return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
                }
            }

            var backoff = TimeSpan.FromMilliseconds(500 * Math.Pow(2, Math.Min(attempt, 6)));
            return backoff > cap ? cap : backoff;
        }
    }
}
