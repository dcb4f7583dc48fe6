using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Control;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Graph JSON batching (api-facts.md §3.5): <c>POST /v1.0/$batch</c> and <c>/beta/$batch</c>. Inner requests go to the
/// same handler functions through <see cref="GraphRouter"/> on a private <see cref="DefaultHttpContext"/> (no second
/// trip through the HTTP pipeline), with the outer Authorization and Prefer headers. Graph faults are matched against
/// each inner request; latency applies once, to the outer request (middleware).
/// </summary>
internal sealed class GraphBatch(TokenValidator validator, GraphRouter router, FaultInjection faults, RequestLog log, EmulatorClock clock)
{
    /// <summary>"JSON batch requests are currently limited to 20 individual requests." (api-facts.md §3.5)</summary>
    public const int MaxRequests = 20;

    private static readonly IReadOnlyCollection<string> Audiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Graph);
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var version in GraphRouter.AllVersions)
        {
            app.MapPost($"/{version}/$batch", context => BatchAsync(context, version));
        }
    }

    private async Task BatchAsync(HttpContext context, string version)
    {
        // INFERRED: the outer request needs a valid token (401 for the whole batch); permissions are per inner request.
        var auth = validator.Validate(context, Audiences);
        if (!auth.IsValid)
        {
            await GraphErrors.WriteAsync(context, clock, 401, "InvalidAuthenticationToken", GraphErrors.TokenFailureMessage(auth.Failure)).ConfigureAwait(false);
            return;
        }

        var (requests, error) = await ParseAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            // "If the batch request itself is malformed, the status code is 400." Messages INFERRED.
            await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", error).ConfigureAwait(false);
            return;
        }

        var annotations = RequestAnnotations.Get(context);
        annotations.Seq ??= log.NextSeq();
        annotations.InnerEntries = [];
        var results = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        var statuses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var request in ExecutionOrder(requests!))
        {
            JsonObject response;
            var failed = request.DependsOn.FirstOrDefault(d => statuses[d] is < 200 or > 299);
            if (failed is not null)
            {
                // api-facts.md §3.5: a dependsOn failure → 424 for the dependent request. Body INFERRED.
                response = InnerResponse(request.Id, 424, new JsonObject { ["Content-Type"] = "application/json" },
                    ErrorOnly("FailedDependency", $"The request '{request.Id}' depends on request '{failed}', which failed."));
                annotations.InnerEntries.Add(Entry(log.NextSeq(), request, InnerPath(version, request.Url).Path, 424, null, false, 0, annotations.Seq.Value));
            }
            else
            {
                var inner = await ExecuteAsync(context, version, request, annotations.Seq.Value).ConfigureAwait(false);
                if (inner is null)
                {
                    return; // a drop fault aborted the connection
                }

                response = inner;
            }

            statuses[request.Id] = response["status"]!.GetValue<int>();
            results[request.Id] = response;
        }

        // The documentation allows any order; the emulator keeps request order.
        var body = new JsonObject { ["responses"] = new JsonArray([.. requests!.Select(r => (JsonNode)results[r.Id])]) };
        await JsonResponses.WriteAsync(context, 200, body).ConfigureAwait(false);
    }

    /// <summary>Runs one inner request; null when a drop fault aborted the outer connection.</summary>
    private async Task<JsonObject?> ExecuteAsync(HttpContext outer, string version, BatchItem request, long outerSeq)
    {
        var watch = Stopwatch.StartNew();
        var seq = log.NextSeq();
        var inner = CreateInnerContext(outer, version, request);
        var annotations = RequestAnnotations.Get(inner);
        var path = inner.Request.Path.Value ?? "/";
        var fault = faults.Match(EmulatorService.Graph, request.Method, path, () => Hosting.RequestTenant.Of(outer, EmulatorService.Graph));
        if (fault is not null)
        {
            annotations.FaultInjected = true;
            if (fault.DelayMs > 0)
            {
                await Task.Delay(fault.DelayMs, outer.RequestAborted).ConfigureAwait(false);
            }

            if (fault.Drop)
            {
                // INFERRED: a drop fault on an inner request drops the whole batch connection.
                var outerAnnotations = RequestAnnotations.Get(outer);
                outerAnnotations.Dropped = true;
                outerAnnotations.InnerEntries!.Add(Entry(seq, request, path, 0, annotations, true, watch.ElapsedMilliseconds, outerSeq));
                outer.Abort();
                return null;
            }
        }

        if (fault?.Status is { } status)
        {
            // Graph puts Retry-After in the inner response's headers (api-facts.md §3.5).
            if (!string.IsNullOrEmpty(fault.RetryAfter))
            {
                inner.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            if (fault.Body is not null)
            {
                await JsonResponses.WriteRawAsync(inner, status, fault.Body, fault.ContentType ?? "application/json").ConfigureAwait(false);
            }
            else
            {
                await JsonResponses.WriteAsync(inner, status, GraphErrors.ForStatus(inner, clock, status), fault.ContentType ?? "application/json; charset=utf-8").ConfigureAwait(false);
            }
        }
        else
        {
            var relative = path[(version.Length + 1)..];
            var handler = router.Resolve(version, request.Method, relative, inner.Request.RouteValues, out var pathKnown);
            if (handler is not null)
            {
                await handler(inner, version).ConfigureAwait(false);
            }
            else if (pathKnown)
            {
                // INFERRED: Graph's 405 wording.
                await GraphErrors.WriteAsync(inner, clock, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.").ConfigureAwait(false);
            }
            else
            {
                await GraphErrors.UnknownSegmentAsync(inner, clock).ConfigureAwait(false);
            }
        }

        await inner.Response.Body.FlushAsync(outer.RequestAborted).ConfigureAwait(false);
        var response = ToInnerResponse(request.Id, inner);
        RequestAnnotations.Get(outer).InnerEntries!.Add(Entry(seq, request, path, inner.Response.StatusCode, annotations, annotations.FaultInjected, watch.ElapsedMilliseconds, outerSeq));
        return response;
    }

    private static DefaultHttpContext CreateInnerContext(HttpContext outer, string version, BatchItem request)
    {
        var inner = new DefaultHttpContext { RequestServices = outer.RequestServices };
        inner.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = outer.RequestAborted });
        inner.Connection.RemoteIpAddress = outer.Connection.RemoteIpAddress;
        var r = inner.Request;
        r.Method = request.Method;
        r.Scheme = outer.Request.Scheme;
        r.Host = outer.Request.Host;
        (r.Path, r.QueryString) = InnerPath(version, request.Url);
        foreach (var (name, value) in request.Headers)
        {
            r.Headers[name] = value;
        }

        // The outer request's credentials and preferences apply to every inner request.
        r.Headers.Authorization = outer.Request.Headers.Authorization;
        var prefer = string.Join(", ", new[] { outer.Request.Headers["Prefer"].ToString(), r.Headers["Prefer"].ToString() }.Where(p => p.Length > 0));
        if (prefer.Length > 0)
        {
            r.Headers["Prefer"] = prefer;
        }

        var bytes = request.Body switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var s) && !(r.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase) => Encoding.UTF8.GetBytes(s),
            var node => Encoding.UTF8.GetBytes(node.ToJsonString()),
        };
        r.Body = new MemoryStream(bytes);
        r.ContentLength = bytes.Length;
        inner.Response.Body = new MemoryStream();
        RequestAnnotations.Set(inner, new RequestAnnotations { Service = EmulatorService.Graph });
        return inner;
    }

    /// <summary>"/users/x?$select=id" → path "/v1.0/users/x" (decoded, as the request log shows it) and the query.</summary>
    private static (PathString Path, QueryString Query) InnerPath(string version, string relativeUrl)
    {
        var url = relativeUrl.StartsWith('/') ? relativeUrl : "/" + relativeUrl;
        var q = url.IndexOf('?', StringComparison.Ordinal);
        return (PathString.FromUriComponent("/" + version + (q >= 0 ? url[..q] : url)), q >= 0 ? new QueryString(url[q..]) : QueryString.Empty);
    }

    private static JsonObject ToInnerResponse(string id, HttpContext inner)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in inner.Response.Headers)
        {
            headers[name] = value.ToString();
        }

        var bytes = ((MemoryStream)inner.Response.Body).ToArray();
        JsonNode? body = null;
        if (bytes.Length > 0)
        {
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                body = (inner.Response.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : text;
            }
            catch (JsonException)
            {
                body = text; // e.g. a fault's deliberately broken JSON
            }
        }

        return InnerResponse(id, inner.Response.StatusCode, headers, body, bytes.Length > 0);
    }

    private static JsonObject InnerResponse(string id, int status, JsonObject headers, JsonNode? body, bool hasBody = true)
    {
        var response = new JsonObject { ["id"] = id, ["status"] = status, ["headers"] = headers };
        if (hasBody)
        {
            response["body"] = body;
        }

        return response;
    }

    private static JsonObject ErrorOnly(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static RequestLogEntry Entry(long seq, BatchItem request, string path, int status, RequestAnnotations? a, bool faulted, long durationMs, long outerSeq) =>
        new(seq, DateTimeOffset.UtcNow, "graph", request.Method, path, status, a?.TenantId, a?.ClientId, null, null, a?.PrincipalId, a?.AppId, null, faulted, durationMs, outerSeq);

    /// <summary>Dependencies first; otherwise request order. Cycles were rejected by <see cref="ParseAsync"/>.</summary>
    private static List<BatchItem> ExecutionOrder(List<BatchItem> requests)
    {
        var order = new List<BatchItem>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (order.Count < requests.Count)
        {
            var progressed = false;
            foreach (var r in requests)
            {
                if (!done.Contains(r.Id) && r.DependsOn.All(done.Contains))
                {
                    order.Add(r);
                    done.Add(r.Id);
                    progressed = true;
                }
            }

            if (!progressed)
            {
                break;
            }
        }

        return order;
    }

    /// <summary>Parses and checks the whole batch (api-facts.md §3.5 rules; messages INFERRED).</summary>
    private static async Task<(List<BatchItem>? Requests, string? Error)> ParseAsync(HttpContext context)
    {
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, "Invalid batch payload format.");
        }

        if (Prop(root as JsonObject, "requests") is not JsonArray array)
        {
            return (null, "Invalid batch payload format: the body must be an object with a 'requests' array.");
        }

        if (array.Count == 0)
        {
            return (null, "Invalid batch payload format: the batch contains no requests.");
        }

        if (array.Count > MaxRequests)
        {
            return (null, $"The number of requests in the batch ({array.Count}) exceeds the limit of {MaxRequests}.");
        }

        var items = new List<BatchItem>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in array)
        {
            if (node is not JsonObject o)
            {
                return (null, "Invalid batch payload format: every request must be an object.");
            }

            var id = Str(Prop(o, "id"));
            if (string.IsNullOrWhiteSpace(id))
            {
                return (null, "Every request in the batch needs a non-empty string 'id'.");
            }

            if (!ids.Add(id))
            {
                // "Not case-sensitive", duplicate → batch fails 400.
                return (null, $"The batch contains more than one request with the id '{id}' (ids are not case-sensitive).");
            }

            var method = Str(Prop(o, "method"))?.ToUpperInvariant();
            if (method is null || !Methods.Contains(method))
            {
                return (null, $"Request '{id}': 'method' must be one of {string.Join(", ", Methods)}.");
            }

            var url = Str(Prop(o, "url"));
            if (string.IsNullOrWhiteSpace(url) || url.Contains("://", StringComparison.Ordinal))
            {
                return (null, $"Request '{id}': 'url' must be a relative URL such as '/users/{{id}}'.");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            switch (Prop(o, "headers"))
            {
                case null:
                    break;
                case JsonObject h:
                    foreach (var (name, value) in h)
                    {
                        headers[name] = value is JsonValue v ? v.ToString() : value?.ToJsonString() ?? string.Empty;
                    }

                    break;
                default:
                    return (null, $"Request '{id}': 'headers' must be an object.");
            }

            var body = Prop(o, "body");
            if (body is not null && !headers.ContainsKey("Content-Type"))
            {
                // api-facts.md §3.5: "If body is present, headers must include Content-Type." (batch-level 400 INFERRED)
                return (null, $"Request '{id}' has a body but no Content-Type header.");
            }

            var dependsOn = new List<string>();
            switch (Prop(o, "dependsOn"))
            {
                case null:
                    break;
                case JsonArray deps:
                    foreach (var d in deps)
                    {
                        if (Str(d) is not { Length: > 0 } dep)
                        {
                            return (null, $"Request '{id}': 'dependsOn' must be an array of request ids.");
                        }

                        dependsOn.Add(dep);
                    }

                    break;
                default:
                    return (null, $"Request '{id}': 'dependsOn' must be an array of request ids.");
            }

            items.Add(new BatchItem(id, method, url.Trim(), headers, body?.DeepClone(), dependsOn));
        }

        foreach (var item in items)
        {
            foreach (var dep in item.DependsOn)
            {
                if (!ids.Contains(dep) || dep.Equals(item.Id, StringComparison.OrdinalIgnoreCase))
                {
                    return (null, $"Request '{item.Id}' depends on '{dep}', which is not another request of this batch.");
                }
            }
        }

        if (ExecutionOrder(items).Count < items.Count)
        {
            return (null, "The dependsOn references of the batch form a cycle.");
        }

        // Canonical ids for dependency lookups.
        return ([.. items.Select(i => i with { DependsOn = [.. i.DependsOn.Select(d => items.First(x => x.Id.Equals(d, StringComparison.OrdinalIgnoreCase)).Id)] })], null);
    }

    private static JsonNode? Prop(JsonObject? o, string name) =>
        o?.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private sealed record BatchItem(string Id, string Method, string Url, Dictionary<string, string> Headers, JsonNode? Body, List<string> DependsOn);
}
