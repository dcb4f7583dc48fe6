namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>Facts about this running instance that handlers need (base URL for issuers, audiences, links).</summary>
internal sealed class ServerInfo
{
    private string _baseUrl = "https://127.0.0.1";

    /// <summary>For example <c>https://127.0.0.1:50123</c>, no trailing slash. Set once Kestrel has bound its port.</summary>
    public string BaseUrl
    {
        get => Volatile.Read(ref _baseUrl);
        set => Volatile.Write(ref _baseUrl, value.TrimEnd('/'));
    }

    /// <summary>The plain-HTTP loopback listener that serves the IMDS token path, for example <c>http://127.0.0.1:50124</c>.</summary>
    public string? ImdsUrl { get; set; }

    public string? FixturesPath { get; init; }

    public string? CaFile { get; init; }

    public string? BundleFile { get; init; }

    /// <summary>The ACS resources' ports (set once Kestrel has bound them).</summary>
    public AcsEndpoints? AcsEndpoints { get; set; }

    /// <summary>Issuer of Entra v2 tokens for a tenant: <c>{base}/{tid}/v2.0</c>.</summary>
    public string IssuerFor(string tenantId) => $"{BaseUrl}/{tenantId}/v2.0";

    /// <summary>
    /// Issuer of Entra v1 tokens: <c>https://sts.windows.net/{tid}/</c>, exactly as Entra writes it (Graph's app tokens
    /// are v1). It names no emulator host, as a real v1 issuer names none of Entra's login hosts.
    /// </summary>
    public static string V1IssuerFor(string tenantId) => $"https://sts.windows.net/{tenantId}/";
}
