using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>A fault rule registered through <c>POST /_emulator/faults</c>.</summary>
internal sealed class FaultRule
{
    private readonly Random _random;

    public FaultRule(int? seed) => _random = seed is { } s ? new Random(s) : new Random();

    public required string Id { get; init; }

    public EmulatorService? Service { get; init; }

    public string? Method { get; init; }

    public string? PathPatternText { get; init; }

    /// <summary>Only requests of this tenant (the GUID in an Entra path, or the <c>tid</c> of the bearer token); null = any.</summary>
    public string? Tenant { get; init; }

    public Regex? PathPattern { get; init; }

    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    public int DelayMs { get; init; }

    public bool Drop { get; init; }

    /// <summary>Null: the service's own error body for <see cref="Status"/>. Empty: an empty body.</summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Remaining applications; null = unlimited.</summary>
    public int? Remaining { get; set; }

    public int Percentage { get; init; } = 100;

    public int? Seed { get; init; }

    public int Hits { get; set; }

    public bool Matches(EmulatorService service, string method, string path, Func<string?>? tenant = null) =>
        (Service is null || Service == service) &&
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (PathPattern is null || PathPattern.IsMatch(path)) &&
        (Tenant is null || string.Equals(Tenant, tenant?.Invoke(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Rolls the percentage (seeded, so runs repeat). Caller holds the store lock.</summary>
    public bool Roll() => Percentage >= 100 || _random.Next(100) < Percentage;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["service"] = Service is { } s ? ServiceClassifier.Name(s) : "any",
        ["method"] = Method ?? "any",
        ["pathPattern"] = PathPatternText,
        ["tenant"] = Tenant,
        ["status"] = Status,
        ["retryAfter"] = RetryAfter,
        ["delayMs"] = DelayMs,
        ["drop"] = Drop,
        ["body"] = Body,
        ["contentType"] = ContentType,
        ["count"] = Remaining,
        ["percentage"] = Percentage,
        ["seed"] = Seed,
        ["hits"] = Hits,
    };
}

/// <summary>Fault rules and per-service latency. Rules are tried in the order they were added.</summary>
internal sealed class FaultInjection
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, int> _latency = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;

    /// <summary>Parses a rule from the control-API JSON. Returns an error message or null.</summary>
    public string? TryAdd(JsonObject json, out FaultRule? rule)
    {
        rule = null;
        string? Str(string name) => json[name] is JsonValue v ? v.ToString() : null;
        int? Int(string name) => json[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

        if (!ServiceClassifier.TryParse(Str("service"), out var service))
        {
            return "service must be one of entra, msi, graph, teams, arm, acs, any.";
        }

        var method = Str("method");
        if (string.Equals(method, "any", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(method))
        {
            method = null;
        }

        Regex? pattern = null;
        var patternText = Str("pathPattern");
        if (!string.IsNullOrEmpty(patternText))
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                return $"pathPattern is not a valid regular expression: {ex.Message}";
            }
        }

        var tenant = Str("tenant");
        if (tenant is not null && !Guid.TryParse(tenant, out _))
        {
            return "tenant must be a tenant id (GUID).";
        }

        var status = Int("status");
        if (status is < 100 or > 599)
        {
            return "status must be an HTTP status code.";
        }

        var retryAfter = json["retryAfter"] is JsonValue ra ? ra.ToString() : null;
        var percentage = Int("percentage") ?? 100;
        var count = Int("count");
        if (percentage is < 0 or > 100 || count is < 1)
        {
            return "percentage must be 0-100 and count >= 1.";
        }

        lock (_gate)
        {
            rule = new FaultRule(Int("seed"))
            {
                Id = "fault-" + (++_nextId).ToString(CultureInfo.InvariantCulture),
                Service = service,
                Method = method,
                PathPatternText = patternText,
                PathPattern = pattern,
                Tenant = tenant,
                Status = status,
                RetryAfter = retryAfter,
                DelayMs = Math.Max(0, Int("delayMs") ?? 0),
                Drop = json["drop"] is JsonValue d && d.TryGetValue<bool>(out var drop) && drop,
                Body = json["body"] switch
                {
                    JsonValue b => b.ToString(),
                    JsonNode n => n.ToJsonString(),
                    null => null,
                },
                ContentType = Str("contentType"),
                Remaining = count,
                Percentage = percentage,
                Seed = Int("seed"),
            };
            _rules.Add(rule);
        }

        return null;
    }

    /// <summary>Finds the first matching rule that fires, consuming one of its count.</summary>
    public FaultRule? Match(EmulatorService service, string method, string path, Func<string?>? tenant = null)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (!rule.Matches(service, method, path, tenant) || !rule.Roll())
                {
                    continue;
                }

                rule.Hits++;
                if (rule.Remaining is { } left)
                {
                    rule.Remaining = left - 1;
                    if (rule.Remaining <= 0)
                    {
                        _rules.Remove(rule);
                    }
                }

                return rule;
            }
        }

        return null;
    }

    public IReadOnlyList<JsonObject> List()
    {
        lock (_gate)
        {
            return [.. _rules.Select(r => r.ToJson())];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    /// <summary>Sets the extra delay for a service ("any" applies to all); 0 clears it.</summary>
    public void SetLatency(EmulatorService? service, int delayMs)
    {
        var key = service is { } s ? ServiceClassifier.Name(s) : "any";
        lock (_gate)
        {
            if (delayMs <= 0)
            {
                _latency.Remove(key);
            }
            else
            {
                _latency[key] = delayMs;
            }
        }
    }

    public int LatencyFor(EmulatorService service)
    {
        lock (_gate)
        {
            return (_latency.TryGetValue(ServiceClassifier.Name(service), out var own) ? own : 0) +
                   (_latency.TryGetValue("any", out var any) ? any : 0);
        }
    }

    public JsonObject LatencyJson()
    {
        lock (_gate)
        {
            var o = new JsonObject();
            foreach (var (k, v) in _latency)
            {
                o[k] = v;
            }

            return o;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _latency.Clear();
        }
    }
}
