using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>
/// OpenID configuration, instance discovery and JWKS, so MSAL and a test can use the emulator like Entra. The documents
/// name the host the client asked for (<c>localhost</c> or <c>127.0.0.1</c>), as Entra answers each of its aliases with
/// its own host: MSAL rejects a document whose endpoints are on another host than its authority.
/// </summary>
internal sealed class DiscoveryEndpoints(FixtureStore fixtures, EmulatorClock clock, ServerInfo server, JwtIssuer issuer)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", OpenIdConfigurationAsync);
        app.MapGet("/{tenant}/discovery/v2.0/keys", KeysAsync);
        app.MapGet("/{tenant}/discovery/keys", KeysAsync);
        app.MapGet("/{tenant}/discovery/instance", InstanceDiscoveryAsync);
    }

    /// <summary>The base URL as the client addressed it: its loopback host name and port, else the canonical base.</summary>
    internal static string BaseFor(HttpContext context, ServerInfo server)
    {
        var host = context.Request.Host;
        return host.HasValue && (string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase) || host.Host == "127.0.0.1" || host.Host == "[::1]")
            ? $"https://{host.Value}"
            : server.BaseUrl;
    }

    /// <summary>
    /// Instance discovery (<c>GET /common/discovery/instance?api-version=1.1&amp;authorization_endpoint=…</c>): the shape
    /// Entra answers (<c>tenant_discovery_endpoint</c>, <c>metadata</c> with the host as its only alias).
    /// </summary>
    private Task InstanceDiscoveryAsync(HttpContext context)
    {
        var b = BaseFor(context, server);
        var host = new Uri(b).Authority;
        var tenant = "common";
        if (context.Request.Query["authorization_endpoint"].FirstOrDefault() is { } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            var first = uri.AbsolutePath.Trim('/').Split('/')[0];
            tenant = first.Length > 0 ? first : tenant;
        }

        var body = new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{b}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = JsonResponses.Array([host]),
            }),
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    private Task OpenIdConfigurationAsync(HttpContext context)
    {
        var segment = context.GetRouteValue("tenant") as string ?? string.Empty;
        var resolution = TenantResolution.Resolve(fixtures, segment);
        if (resolution.Error is not null)
        {
            return EntraErrors.WriteAsync(context, resolution.Error, server, clock);
        }

        var b = BaseFor(context, server);
        var body = new JsonObject
        {
            ["token_endpoint"] = $"{b}/{segment}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = JsonResponses.Array(["client_secret_post", "private_key_jwt", "client_secret_basic"]),
            ["jwks_uri"] = $"{b}/{segment}/discovery/v2.0/keys",
            ["response_modes_supported"] = JsonResponses.Array(["query", "fragment", "form_post"]),
            ["subject_types_supported"] = JsonResponses.Array(["pairwise"]),
            ["id_token_signing_alg_values_supported"] = JsonResponses.Array(["RS256"]),
            ["response_types_supported"] = JsonResponses.Array(["code", "id_token", "code id_token", "id_token token"]),
            ["scopes_supported"] = JsonResponses.Array(["openid", "profile", "email", "offline_access"]),
            ["issuer"] = resolution.Tenant is { } t ? $"{b}/{t.Id}/v2.0" : $"{b}/{{tenantid}}/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = $"{b}/{segment}/oauth2/v2.0/authorize",
            ["device_authorization_endpoint"] = $"{b}/{segment}/oauth2/v2.0/devicecode",
            ["http_logout_supported"] = true,
            ["frontchannel_logout_supported"] = true,
            ["end_session_endpoint"] = $"{b}/{segment}/oauth2/v2.0/logout",
            ["claims_supported"] = JsonResponses.Array(["sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "preferred_username", "tid", "ver"]),
            ["tenant_region_scope"] = "NA",
            ["cloud_instance_name"] = "emulator",
            ["cloud_graph_host_name"] = "graph.windows.net",
            ["msgraph_host"] = "graph.microsoft.com",
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    private Task KeysAsync(HttpContext context)
    {
        var segment = context.GetRouteValue("tenant") as string ?? string.Empty;
        var resolution = TenantResolution.Resolve(fixtures, segment);
        return resolution.Error is not null
            ? EntraErrors.WriteAsync(context, resolution.Error, server, clock)
            : JsonResponses.WriteAsync(context, 200, issuer.Jwks());
    }
}
