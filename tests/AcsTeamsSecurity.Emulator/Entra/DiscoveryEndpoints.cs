using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>OpenID configuration and JWKS, so a test can validate emulator tokens like a real resource server would.</summary>
internal sealed class DiscoveryEndpoints(FixtureStore fixtures, EmulatorClock clock, ServerInfo server, JwtIssuer issuer)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", OpenIdConfigurationAsync);
        app.MapGet("/{tenant}/discovery/v2.0/keys", KeysAsync);
        app.MapGet("/{tenant}/discovery/keys", KeysAsync);
    }

    private Task OpenIdConfigurationAsync(HttpContext context)
    {
        var segment = context.GetRouteValue("tenant") as string ?? string.Empty;
        var resolution = TenantResolution.Resolve(fixtures, segment);
        if (resolution.Error is not null)
        {
            return EntraErrors.WriteAsync(context, resolution.Error, server, clock);
        }

        var b = server.BaseUrl;
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
            ["issuer"] = resolution.Tenant is { } t ? server.IssuerFor(t.Id) : $"{b}/{{tenantid}}/v2.0",
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
