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

    /// <summary>The Azure Instance Metadata Service token path (Azure VMs and scale sets), served on the plain-HTTP listener only.</summary>
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/msi/token", HandleAsync);
        app.MapGet(ImdsPath, HandleImdsAsync);
    }

    /// <summary>
    /// IMDS (DOC: learn.microsoft.com "How to use managed identities for Azure resources on an Azure VM to acquire an
    /// access token"): <c>GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&amp;resource=...</c>
    /// with <c>Metadata: true</c>, plain HTTP, no secret: the VM's network position is the credential. The emulator's
    /// IMDS answers for the first managed-identity host of the fixture (its system-assigned identity, or a
    /// user-assigned one by client_id / mi_res_id / object_id). Requests that carry X-Forwarded-For are refused, as
    /// IMDS refuses proxied requests.
    /// </summary>
    private Task HandleImdsAsync(HttpContext context)
    {
        var annotations = RequestAnnotations.Get(context);
        annotations.GrantType = "managed_identity";
        if (context.Request.IsHttps)
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "IMDS is reached over plain HTTP only.");
        }

        if (!string.Equals(context.Request.Headers["Metadata"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Required metadata header not specified");
        }

        if (!string.IsNullOrEmpty(context.Request.Headers["X-Forwarded-For"].ToString()))
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Request contains X-Forwarded-For header and is rejected");
        }

        var query = context.Request.Query;
        if (string.IsNullOrEmpty(query["api-version"]))
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Required query variable 'api-version' is missing");
        }

        var resource = query["resource"].ToString();
        if (resource.EndsWith("/.default", StringComparison.Ordinal))
        {
            resource = resource[..^"/.default".Length];
        }

        annotations.Resource = resource;
        if (string.IsNullOrEmpty(resource))
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Required query variable 'resource' is missing");
        }

        var found = fixtures.FindImdsHost();
        if (found is not { } host)
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Identity not found");
        }

        annotations.TenantId = host.Tenant.Id;
        var identity = SelectIdentity(host.Host, query);
        if (identity is null)
        {
            return ImdsErrorAsync(context, 400, "invalid_request", "Identity not found");
        }

        annotations.ClientId = identity.ClientId;
        annotations.AppId = identity.ClientId;
        annotations.PrincipalId = identity.PrincipalId;
        var info = ResourceCatalog.FindResource(resource);
        if (info is null)
        {
            return ImdsErrorAsync(context, 400, "invalid_resource", EntraErrors.InvalidResource(resource, host.Tenant.DisplayName).Description);
        }

        var issued = tokens.CreateAccessToken(TokenSubject.ForManagedIdentity(host.Tenant, identity, info.Service), info, host.Tenant.TokenLifetimeSeconds);
        var lifetime = (long)(issued.ExpiresOn - DateTimeOffset.UtcNow).TotalSeconds;
        var body = new JsonObject
        {
            ["access_token"] = issued.Token,
            ["client_id"] = identity.ClientId,
            ["expires_in"] = Math.Max(lifetime, 0).ToString(CultureInfo.InvariantCulture),
            ["expires_on"] = issued.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["ext_expires_in"] = Math.Max(lifetime, 0).ToString(CultureInfo.InvariantCulture),
            ["not_before"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>INFERRED: IMDS's OAuth-style error body <c>{"error","error_description"}</c>.</summary>
    private static Task ImdsErrorAsync(HttpContext context, int status, string error, string description) =>
        JsonResponses.WriteAsync(context, status, new JsonObject { ["error"] = error, ["error_description"] = description });

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
