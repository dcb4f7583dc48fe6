using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Serves a contract report (written by <c>Test-AcsTeamsSecurityContract -ReportPath</c>, format <c>acsts-contract-report/1</c>)
/// as an emulator mode, so a report from a real tenant becomes a test: for every contract the report answered with 2xx, the
/// emulator's own answer to a matching request is reshaped the way the report says — body shape (object, array,
/// <c>{"value":[…]}</c>, <c>{"value":{…}}</c>, empty), property names absent from the report dropped, names the report has and the
/// emulator lacks added with a placeholder value of the reported type, unknown enum values the report saw put in, ETag and the
/// Teams warning header added or removed. Loaded with <c>POST /_emulator/contract-variant</c> (the report as the body),
/// <c>--contract-variant &lt;file&gt;</c> or <c>$ACSTS_EMULATOR_CONTRACT_VARIANT</c>; <c>GET</c> shows it, <c>DELETE</c> drops it.
/// <c>/_emulator/reset</c> keeps it (like fixtures, it is the mode the emulator was started in). Requests inside a Graph
/// <c>$batch</c> are not reshaped.
/// </summary>
internal sealed class ContractVariant
{
    public const string EnvironmentVariable = "ACSTS_EMULATOR_CONTRACT_VARIANT";
    public const string Format = "acsts-contract-report/1";
    public const string WarningHeader = "X-Ms-ConfigApi-PowerShell-WarningMessage";

    private readonly object _gate = new();
    private JsonObject? _report;
    private List<Rule> _rules = [];

    /// <summary>Loads the file named by the option or the environment variable, if any; returns an error message or null.</summary>
    public string? LoadStartup(string? optionPath)
    {
        var path = optionPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return Load(JsonNode.Parse(File.ReadAllText(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return $"Cannot load the contract variant '{path}': {ex.Message}";
        }
    }

    /// <summary>Replaces the variant; returns an error message (and keeps the old one) when the report is not usable.</summary>
    public string? Load(JsonNode? report)
    {
        if (report is not JsonObject o || o["format"]?.GetValue<string>() != Format || o["contracts"] is not JsonArray contracts)
        {
            return $"A contract variant is a report written by Test-AcsTeamsSecurityContract -ReportPath (\"format\": \"{Format}\" and a \"contracts\" array).";
        }

        var rules = new List<Rule>();
        foreach (var c in contracts.OfType<JsonObject>())
        {
            var status = c["status"] is JsonValue s && s.TryGetValue<int>(out var n) ? n : 0;
            var shape = c["shape"]?.GetValue<string>();
            if (status < 200 || status > 299 || shape is null || c["skipped"] is not null)
            {
                continue;
            }

            var service = c["service"]?.GetValue<string>() switch
            {
                "Graph" => EmulatorService.Graph,
                "TeamsAdmin" => EmulatorService.Teams,
                "Arm" => EmulatorService.Arm,
                _ => (EmulatorService?)null,
            };
            var path = c["path"]?.GetValue<string>();
            var method = c["method"]?.GetValue<string>();
            if (service is null || path is null || method is null)
            {
                continue;
            }

            foreach (var p in (c["parameters"] as JsonObject) ?? [])
            {
                path = path.Replace("{" + p.Key + "}", p.Value?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
            }

            rules.Add(new Rule(
                c["id"]?.GetValue<string>() ?? path,
                service.Value,
                method.ToUpperInvariant(),
                path.Trim('/').Split('/'),
                shape,
                status,
                c["items"]?.GetValue<string>() != "0" ? (c["properties"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "<null>", StringComparer.Ordinal) : null,
                ((c["unknownEnumValues"] as JsonArray) ?? []).Select(v => v?.GetValue<string>()).OfType<string>().ToList(),
                c["etag"]?.GetValue<bool>() ?? false,
                c["warningHeader"]?.GetValue<bool>() ?? false));
        }

        lock (_gate)
        {
            _report = (JsonObject)o.DeepClone();
            _rules = rules;
        }

        return null;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _report = null;
            _rules = [];
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["loaded"] = _report is not null,
                ["contracts"] = JsonResponses.Array(_rules.Select(r => r.Id)),
            };
        }
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/contract-variant", context => JsonResponses.WriteAsync(context, 200, ToJson()));
        app.MapPost("/_emulator/contract-variant", async context =>
        {
            var error = Load(await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false));
            await JsonResponses.WriteAsync(context, error is null ? 200 : 400, error is null ? ToJson() : new JsonObject { ["error"] = error }).ConfigureAwait(false);
        });
        app.MapDelete("/_emulator/contract-variant", context =>
        {
            Clear();
            return JsonResponses.WriteAsync(context, 200, ToJson());
        });
    }

    /// <summary>Runs after <see cref="EmulatorMiddleware"/>: reshapes the answer of a request a loaded contract matches.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        Rule? rule;
        lock (_gate)
        {
            rule = _rules.Count == 0 ? null : Match(context);
        }

        if (rule is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var status = context.Response.StatusCode;
        if (status < 200 || status > 299)
        {
            await WriteAsync(context, status, text).ConfigureAwait(false);
            return;
        }

        JsonNode? node = null;
        try
        {
            node = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            await WriteAsync(context, status, text).ConfigureAwait(false);
            return;
        }

        var items = Items(node);
        foreach (var item in items)
        {
            Reshape(item, rule);
        }

        var headers = context.Response.Headers;
        if (rule.ETag)
        {
            headers.ETag = "\"contract-variant\"";
        }
        else
        {
            headers.Remove("ETag");
        }

        if (rule.Warning)
        {
            headers[WarningHeader] = "This answer comes from a loaded contract variant.";
        }
        else
        {
            headers.Remove(WarningHeader);
        }

        JsonNode? body = rule.Shape switch
        {
            "object" => items.Count > 0 ? items[0] : new JsonObject(),
            "array" => new JsonArray([.. items]),
            "valueArray" => Wrap(node, new JsonArray([.. items])),
            "valueObject" => Wrap(node, items.Count > 0 ? items[0] : new JsonObject()),
            _ => null,
        };
        if (body is null)
        {
            context.Response.ContentLength = null;
            context.Response.StatusCode = 204;
            context.Response.ContentType = null;
            return;
        }

        await WriteAsync(context, rule.Status is >= 200 and < 300 and not 204 ? rule.Status : 200, body.ToJsonString()).ConfigureAwait(false);
    }

    private Rule? Match(HttpContext context)
    {
        var service = ServiceClassifier.Classify(context);
        var raw = context.Request.Path.Value ?? "/";
        var path = service switch
        {
            EmulatorService.Teams => raw.StartsWith("/teams", StringComparison.OrdinalIgnoreCase) ? raw[6..] : raw,
            EmulatorService.Arm => raw.StartsWith("/arm", StringComparison.OrdinalIgnoreCase) ? raw[4..] : raw,
            EmulatorService.Compliance => raw.StartsWith("/compliance", StringComparison.OrdinalIgnoreCase) ? raw[11..] : raw,
            EmulatorService.Exchange => raw.StartsWith("/exchange", StringComparison.OrdinalIgnoreCase) ? raw[9..] : raw,
            _ => raw,
        };
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return _rules.FirstOrDefault(r => r.Service == service
            && string.Equals(r.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase)
            && r.Segments.Length == segments.Length
            && r.Segments.Zip(segments).All(p => (p.First.StartsWith('{') && p.First.EndsWith('}') && p.Second.Length > 0) || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)));
    }

    private static Task WriteAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = null;
        return text.Length == 0 ? Task.CompletedTask : context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    private static List<JsonObject> Items(JsonNode? node)
    {
        var value = node is JsonObject o && o.TryGetPropertyValue("value", out var v) ? v : null;
        var list = node switch
        {
            JsonArray a => a.OfType<JsonObject>(),
            JsonObject when value is JsonArray va => va.OfType<JsonObject>(),
            JsonObject when value is JsonObject vo => [vo],
            JsonObject single => [single],
            _ => [],
        };
        return [.. list.Select(i => (JsonObject)i.DeepClone())];
    }

    /// <summary>Keeps the wrapper's other members (@odata.context, nextLink) when the answer was already wrapped.</summary>
    private static JsonObject Wrap(JsonNode? original, JsonNode value)
    {
        var wrapper = original is JsonObject o && o.ContainsKey("value") ? (JsonObject)o.DeepClone() : new JsonObject();
        wrapper["value"] = value;
        return wrapper;
    }

    private static void Reshape(JsonObject item, Rule rule)
    {
        if (rule.Properties is { } properties)
        {
            var topLevel = properties.Keys.Where(k => !k.Contains('.', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in item.Select(p => p.Key).ToList())
            {
                if (!topLevel.Contains(name))
                {
                    item.Remove(name);
                }
            }

            foreach (var name in topLevel.Where(n => !n.StartsWith('<') && !item.ContainsKey(n)))
            {
                item[name] = Placeholder(properties[name]);
            }

            foreach (var parent in topLevel.Where(n => item[n] is JsonObject))
            {
                var child = (JsonObject)item[parent]!;
                var listed = properties.Keys.Where(k => k.StartsWith(parent + ".", StringComparison.Ordinal)).Select(k => k[(parent.Length + 1)..]).ToHashSet(StringComparer.Ordinal);
                // A report names nested properties only where the module relies on them; the others are withheld as
                // "<name>" (they may be customer-chosen keys such as ARM tags). Withheld names are kept as served.
                foreach (var name in child.Select(p => p.Key).ToList().Where(n => !listed.Contains(n) && !listed.Contains("<name>")))
                {
                    child.Remove(name);
                }

                foreach (var name in listed.Where(n => !n.StartsWith('<') && !child.ContainsKey(n)))
                {
                    child[name] = Placeholder(properties[parent + "." + name]);
                }
            }
        }

        foreach (var pair in rule.UnknownEnumValues)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !pair[(eq + 1)..].StartsWith('<'))
            {
                Set(item, pair[..eq].Split('.'), pair[(eq + 1)..]);
            }
        }
    }

    /// <summary>Puts a value at a dotted path; a segment ending in [] sets (or fills) every element of an array.</summary>
    private static void Set(JsonObject node, string[] path, string value)
    {
        var head = path[0];
        var each = head.EndsWith("[]", StringComparison.Ordinal);
        var name = each ? head[..^2] : head;
        var key = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
        if (path.Length == 1)
        {
            node[key] = each ? new JsonArray(JsonValue.Create(value)) : JsonValue.Create(value);
            return;
        }

        var rest = path[1..];
        if (each)
        {
            foreach (var element in (node[key] as JsonArray ?? []).OfType<JsonObject>())
            {
                Set(element, rest, value);
            }
        }
        else if (node[key] is JsonObject child)
        {
            Set(child, rest, value);
        }
    }

    private static JsonNode? Placeholder(string type) => type switch
    {
        "<bool>" => JsonValue.Create(false),
        "<number>" => JsonValue.Create(0),
        "<array>" => new JsonArray(),
        "<object>" => new JsonObject(),
        "<null>" => null,
        "<guid>" => JsonValue.Create("00000000-0000-0000-0000-000000000000"),
        "<upn>" => JsonValue.Create("placeholder@example.invalid"),
        "<domain>" => JsonValue.Create("example.invalid"),
        "<url>" => JsonValue.Create("https://example.invalid/"),
        "<datetime>" => JsonValue.Create("2000-01-01T00:00:00Z"),
        "<empty>" => JsonValue.Create(string.Empty),
        _ => JsonValue.Create("placeholder"),
    };

    private sealed record Rule(
        string Id,
        EmulatorService Service,
        string Method,
        string[] Segments,
        string Shape,
        int Status,
        Dictionary<string, string>? Properties,
        List<string> UnknownEnumValues,
        bool ETag,
        bool Warning);
}
