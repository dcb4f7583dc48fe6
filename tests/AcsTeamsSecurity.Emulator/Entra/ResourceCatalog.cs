namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>A resource (API) the emulator can issue tokens for.</summary>
/// <param name="Identifier">The resource identifier as the scope prefix names it, without trailing slash.</param>
/// <param name="Audience">The aud claim of tokens for it.</param>
/// <param name="Service">The fixture permission key ("graph", "teams", "acs", "arm").</param>
internal sealed record ResourceInfo(string Identifier, string Audience, string Service);

/// <summary>The result of reading a scope parameter.</summary>
internal sealed record ScopeRequest(ResourceInfo Resource, IReadOnlyList<string> ScopeNames, IReadOnlyList<string> RequestedScopes, bool OfflineAccess, bool OpenId);

/// <summary>Maps scopes to resources and audiences, for the public cloud and the sovereign clouds.</summary>
internal static class ResourceCatalog
{
    public const string Graph = "graph";
    public const string Teams = "teams";
    public const string Acs = "acs";
    public const string Arm = "arm";
    public const string Compliance = "compliance";
    public const string Exchange = "exchange";

    public const string TeamsAdminAppId = "48ac35b8-9aa8-4d74-927d-1f4a14a0b239";

    private static readonly string[] OidcScopes = ["openid", "profile", "offline_access", "email"];

    private static readonly ResourceInfo[] Known =
    [
        new("https://graph.microsoft.com", "https://graph.microsoft.com", Graph),
        new("00000003-0000-0000-c000-000000000000", "00000003-0000-0000-c000-000000000000", Graph),
        new("https://graph.microsoft.us", "https://graph.microsoft.us", Graph),
        new("https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us", Graph),
        new("https://microsoftgraph.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", Graph),
        new(TeamsAdminAppId, TeamsAdminAppId, Teams),
        // INFERRED: one third-party adapter asks for this scope instead of the app id (api-facts.md §5.1); aud assumed equal.
        new("https://api.interfaces.records.teams.microsoft.com", "https://api.interfaces.records.teams.microsoft.com", Teams),
        // api-facts.md §2.6: scope "https://communication.azure.com//.default" (double slash).
        new("https://communication.azure.com", "https://communication.azure.com", Acs),
        // INFERRED: Teams-user delegated scopes for the ACS token exchange (api-facts.md §1.5); aud assumed to be the host.
        new("https://auth.msft.communication.azure.com", "https://auth.msft.communication.azure.com", Acs),
        new("https://management.azure.com", "https://management.azure.com/", Arm),
        new("https://management.core.windows.net", "https://management.core.windows.net/", Arm),
        new("https://management.usgovcloudapi.net", "https://management.usgovcloudapi.net/", Arm),
        new("https://management.core.usgovcloudapi.net", "https://management.core.usgovcloudapi.net/", Arm),
        new("https://management.chinacloudapi.cn", "https://management.chinacloudapi.cn/", Arm),
        new("https://management.core.chinacloudapi.cn", "https://management.core.chinacloudapi.cn/", Arm),
        // api-facts §11: Security & Compliance PowerShell and Exchange Online (Customer Key) InvokeCommand; aud assumed to be the host (INF).
        new("https://ps.compliance.protection.outlook.com", "https://ps.compliance.protection.outlook.com", Compliance),
        new("https://ps.compliance.protection.office365.us", "https://ps.compliance.protection.office365.us", Compliance),
        new("https://l5.ps.compliance.protection.office365.us", "https://l5.ps.compliance.protection.office365.us", Compliance),
        new("https://ps.compliance.protection.partner.outlook.cn", "https://ps.compliance.protection.partner.outlook.cn", Compliance),
        new("https://outlook.office365.com", "https://outlook.office365.com", Exchange),
    ];

    /// <summary>All audiences that belong to a service (an emulated API accepts tokens for any cloud).</summary>
    public static IReadOnlyCollection<string> AudiencesFor(string service) =>
        [.. Known.Where(r => r.Service == service).Select(r => r.Audience)];

    public static ResourceInfo? FindResource(string resource)
    {
        var key = resource.Trim().TrimEnd('/');
        return Array.Find(Known, r => string.Equals(r.Identifier, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Splits "https://x.y/Name" into resource "https://x.y" and "Name"; a bare name belongs to Graph.</summary>
    public static (string Resource, string Name) SplitScope(string scope)
    {
        var slash = scope.LastIndexOf('/');
        if (slash < 0)
        {
            return ("https://graph.microsoft.com", scope);
        }

        return (scope[..slash], scope[(slash + 1)..]);
    }

    public static bool IsOidcScope(string scope) => OidcScopes.Contains(scope, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a scope parameter. App flows need exactly one "&lt;resource&gt;/.default"; delegated flows take scopes of one
    /// resource plus OIDC scopes. Returns an error description (AADSTS code, status, error) on failure.
    /// </summary>
    public static ScopeRequest? Parse(string? scope, bool appOnly, string tenantName, out EntraError? error)
    {
        error = null;
        var all = (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (all.Length == 0)
        {
            error = EntraErrors.MissingParameter("scope");
            return null;
        }

        var offline = all.Any(s => s.Equals("offline_access", StringComparison.OrdinalIgnoreCase));
        var openId = all.Any(s => s.Equals("openid", StringComparison.OrdinalIgnoreCase));
        var resourceScopes = all.Where(s => !IsOidcScope(s)).ToList();
        if (appOnly && (resourceScopes.Count != 1 || resourceScopes.Count != all.Length || !resourceScopes[0].EndsWith("/.default", StringComparison.Ordinal)))
        {
            error = EntraErrors.InvalidScope(scope!);
            return null;
        }

        if (resourceScopes.Count == 0)
        {
            // Only OIDC scopes: Entra answers with a Graph token (User.Read).
            resourceScopes.Add("https://graph.microsoft.com/User.Read");
        }

        ResourceInfo? resource = null;
        var names = new List<string>();
        foreach (var s in resourceScopes)
        {
            var (res, name) = SplitScope(s);
            var found = FindResource(res);
            if (found is null)
            {
                error = EntraErrors.InvalidResource(res, tenantName);
                return null;
            }

            if (resource is not null && resource.Service != found.Service)
            {
                error = EntraErrors.MultipleResources();
                return null;
            }

            if (string.IsNullOrEmpty(name))
            {
                error = EntraErrors.InvalidScope(scope!);
                return null;
            }

            resource ??= found;
            names.Add(name);
        }

        if (names.Contains(".default") && names.Count > 1)
        {
            // Real Entra rejects ".default" combined with other scopes of the same resource (AADSTS70011).
            error = EntraErrors.InvalidScope(scope!);
            return null;
        }

        return new ScopeRequest(resource!, names, resourceScopes, offline, openId);
    }
}
