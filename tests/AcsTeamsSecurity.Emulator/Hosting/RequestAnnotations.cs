namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// Per-request facts that handlers fill in and the request log records. Only identifiers go here, never a secret,
/// assertion, token or query string.
/// </summary>
internal sealed class RequestAnnotations
{
    private static readonly object Key = new();

    public EmulatorService Service { get; init; }

    /// <summary>Server-side request id; also returned as request-id / x-ms-request-id / trace_id.</summary>
    public string RequestId { get; init; } = Guid.NewGuid().ToString();

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? GrantType { get; set; }

    /// <summary>The resource or scope asked for (never secret).</summary>
    public string? Resource { get; set; }

    public string? PrincipalId { get; set; }

    public string? AppId { get; set; }

    /// <summary>ACS data plane: how the caller authenticated ("hmac" or "bearer").</summary>
    public string? AuthKind { get; set; }

    public bool FaultInjected { get; set; }

    /// <summary>Teams admin: the X-MS-Target-Uri, X-MS-CmdletName and X-MS-Correlation-Id request headers (api-facts.md §10.1).</summary>
    public string? TargetUri { get; set; }

    public string? CmdletName { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>Teams admin writes: the property names of the body (names only, never values).</summary>
    public string? BodyProperties { get; set; }

    /// <summary>Log sequence number reserved before the request completes (a $batch reserves it for its inner entries).</summary>
    public long? Seq { get; set; }

    /// <summary>The connection was aborted on purpose (a drop fault on an inner $batch request).</summary>
    public bool Dropped { get; set; }

    /// <summary>Log entries of inner $batch requests, written right after this request's own entry.</summary>
    public List<Control.RequestLogEntry>? InnerEntries { get; set; }

    public static RequestAnnotations Get(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var value) && value is RequestAnnotations a)
        {
            return a;
        }

        var created = new RequestAnnotations { Service = ServiceClassifier.Classify(context) };
        context.Items[Key] = created;
        return created;
    }

    public static void Set(HttpContext context, RequestAnnotations annotations) => context.Items[Key] = annotations;
}
