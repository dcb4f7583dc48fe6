using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>One logged request. Paths only, plus the api-version: other query values and bodies are never logged (they can carry secrets).</summary>
internal sealed record RequestLogEntry(
    long Seq,
    DateTimeOffset Time,
    string Service,
    string Method,
    string Path,
    int Status,
    string? TenantId,
    string? ClientId,
    string? GrantType,
    string? Resource,
    string? PrincipalId,
    string? AppId,
    string? AuthKind,
    bool FaultInjected,
    long DurationMs,
    long? Batch = null,
    string? TargetUri = null,
    string? CmdletName = null,
    string? CorrelationId = null,
    string? BodyProperties = null)
{
    /// <summary>The <c>api-version</c> query parameter (the one query value logged: it never carries a secret).</summary>
    public string? ApiVersion { get; init; }

    public JsonObject ToJson() => new()
    {
        ["seq"] = Seq,
        ["time"] = Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["service"] = Service,
        ["method"] = Method,
        ["path"] = Path,
        ["status"] = Status,
        ["tenantId"] = TenantId,
        ["clientId"] = ClientId,
        ["grantType"] = GrantType,
        ["resource"] = Resource,
        ["principalId"] = PrincipalId,
        ["appId"] = AppId,
        ["authKind"] = AuthKind,
        ["faultInjected"] = FaultInjected,
        ["durationMs"] = DurationMs,
        ["batch"] = Batch,
        ["targetUri"] = TargetUri,
        ["cmdletName"] = CmdletName,
        ["correlationId"] = CorrelationId,
        ["bodyProperties"] = BodyProperties,
        ["apiVersion"] = ApiVersion,
    };
}

/// <summary>Bounded in-memory log of emulated-service requests (control-API requests are not logged).</summary>
internal sealed class RequestLog(ContractLog? contract = null)
{
    // 10,000 by default; ACSTS_EMULATOR_REQUEST_LOG_CAPACITY raises it for benchmarks that count tens of thousands of requests.
    private static readonly int Capacity = int.TryParse(Environment.GetEnvironmentVariable("ACSTS_EMULATOR_REQUEST_LOG_CAPACITY"), out var capacity) && capacity > 0 ? capacity : 10_000;
    private readonly object _gate = new();
    private readonly Queue<RequestLogEntry> _entries = new();
    private long _seq;

    public long NextSeq() => Interlocked.Increment(ref _seq);

    public void Add(RequestLogEntry entry)
    {
        contract?.Add(entry.Service, entry.Method, entry.Path);
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
