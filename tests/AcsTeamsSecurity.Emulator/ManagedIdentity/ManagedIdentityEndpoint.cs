using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.ManagedIdentity;

/// <summary>
/// App Service / Azure Automation managed-identity protocol (api-version 2019-08-01), as MSAL's
/// AppServiceManagedIdentitySource calls it: <c>GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&amp;resource=...</c>
/// with <c>X-IDENTITY-HEADER: {IDENTITY_HEADER}</c> and optionally client_id / mi_res_id / object_id.
/// </summary>
internal sealed class ManagedIdentityEndpoint(FixtureStore fixtures, AccessTokenFactory tokens)
{
    public const string IdentityHeaderName = "X-IDENTITY-HEADER";

    public void Map(IEndpointRouteBuilder app) => app.MapGet("/msi/token", HandleAsync);

    /// <summary>
    /// INFERRED: App Service's error body shape <c>{"statusCode","message","correlationId"}</c>.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        JsonResponses.WriteAsync(context, status, ErrorBody(context, status, message));

    public static JsonObject ErrorBody(HttpContext context, int status, string message) => new()
    {
        ["statusCode"] = status,
        ["message"] = message,
        ["correlationId"] = RequestAnnotations.Get(context).RequestId,
    };

    private Task HandleAsync(HttpContext context)
    {
        var annotations = RequestAnnotations.Get(context);
        annotations.GrantType = "managed_identity";
        var query = context.Request.Query;
        var header = context.Request.Headers[IdentityHeaderName].ToString();
        if (string.IsNullOrEmpty(header))
        {
            return WriteErrorAsync(context, 400, $"The request is missing the '{IdentityHeaderName}' header.");
        }

        var found = fixtures.FindManagedIdentityHost(header);
        if (found is not { } host)
        {
            return WriteErrorAsync(context, 401, $"The '{IdentityHeaderName}' header value is not valid for this host.");
        }

        annotations.TenantId = host.Tenant.Id;
        if (string.IsNullOrEmpty(query["api-version"]))
        {
            return WriteErrorAsync(context, 400, "The 'api-version' query parameter is required.");
        }

        var resource = query["resource"].ToString();
        // Azure.Core/MSAL convert the scope to a resource, but accept a "/.default" scope too.
        if (resource.EndsWith("/.default", StringComparison.Ordinal))
        {
            resource = resource[..^"/.default".Length];
        }

        annotations.Resource = resource;
        if (string.IsNullOrEmpty(resource))
        {
            return WriteErrorAsync(context, 400, "The 'resource' query parameter is required.");
        }

        var identity = SelectIdentity(host.Host, query);
        if (identity is null)
        {
            return WriteErrorAsync(context, 400, "Unable to load requested managed identity.");
        }

        annotations.ClientId = identity.ClientId;
        annotations.AppId = identity.ClientId;
        annotations.PrincipalId = identity.PrincipalId;
        var info = ResourceCatalog.FindResource(resource);
        if (info is null)
        {
            return WriteErrorAsync(context, 400, EntraErrors.InvalidResource(resource, host.Tenant.DisplayName).Description);
        }

        var issued = tokens.CreateAccessToken(TokenSubject.ForManagedIdentity(host.Tenant, identity, info.Service), info, host.Tenant.TokenLifetimeSeconds);
        var body = new JsonObject
        {
            ["access_token"] = issued.Token,
            ["expires_on"] = issued.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = query["resource"].ToString(),
            ["token_type"] = "Bearer",
            ["client_id"] = identity.ClientId,
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    private static ManagedIdentityFixture? SelectIdentity(ManagedIdentityHostFixture host, IQueryCollection query)
    {
        var clientId = query["client_id"].ToString();
        var resourceId = FirstNonEmpty(query["mi_res_id"], query["msi_res_id"]);
        var objectId = FirstNonEmpty(query["object_id"], query["principal_id"]);
        var all = host.UserAssigned.Prepend(host.SystemAssigned).OfType<ManagedIdentityFixture>().ToList();
        if (clientId.Length > 0)
        {
            return all.Find(m => string.Equals(m.ClientId, clientId, StringComparison.OrdinalIgnoreCase));
        }

        if (resourceId.Length > 0)
        {
            return all.Find(m => string.Equals(m.ResourceId, resourceId, StringComparison.OrdinalIgnoreCase));
        }

        if (objectId.Length > 0)
        {
            return all.Find(m => string.Equals(m.PrincipalId, objectId, StringComparison.OrdinalIgnoreCase));
        }

        return host.SystemAssigned;
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? string.Empty;
}
