using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>Who a token is for. App tokens carry roles; user tokens carry scp.</summary>
internal sealed class TokenSubject
{
    public required string TenantId { get; init; }

    /// <summary>oid: service principal / managed identity principal / user object id.</summary>
    public required string ObjectId { get; init; }

    /// <summary>appid / azp.</summary>
    public required string ClientId { get; init; }

    public bool IsUser { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Directory role display names or template ids; mapped to template ids.</summary>
    public IReadOnlyList<string> DirectoryRoles { get; init; } = [];

    public string? UserPrincipalName { get; init; }

    public string? Name { get; init; }

    /// <summary>xms_mirid for managed identities.</summary>
    public string? ManagedIdentityResourceId { get; init; }

    /// <summary>azpacr: "0" public client, "1" secret, "2" certificate or federated assertion.</summary>
    public string ClientAuthMethod { get; init; } = "1";

    public static TokenSubject ForApplication(TenantFixture tenant, ApplicationFixture app, string service, string authMethod) => new()
    {
        TenantId = tenant.Id,
        ObjectId = app.ServicePrincipalObjectId,
        ClientId = app.ClientId,
        Roles = app.PermissionsFor(service),
        DirectoryRoles = app.DirectoryRoles,
        Name = app.DisplayName,
        ClientAuthMethod = authMethod,
    };

    public static TokenSubject ForManagedIdentity(TenantFixture tenant, ManagedIdentityFixture mi, string service) => new()
    {
        TenantId = tenant.Id,
        ObjectId = mi.PrincipalId,
        ClientId = mi.ClientId,
        Roles = mi.PermissionsFor(service),
        DirectoryRoles = mi.DirectoryRoles,
        Name = mi.DisplayName,
        ManagedIdentityResourceId = mi.ResourceId,
        ClientAuthMethod = "2",
    };
}

internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresOn, int ExpiresIn);

/// <summary>Builds and signs access tokens and id tokens (Entra v2 shape).</summary>
internal sealed class AccessTokenFactory(JwtIssuer issuer, EmulatorClock clock, ServerInfo server, Control.IssuedSecrets issued)
{
    public IssuedToken CreateAccessToken(TokenSubject subject, ResourceInfo resource, int lifetimeSeconds)
    {
        var now = clock.UtcNow;
        var iat = now.ToUnixTimeSeconds();
        var exp = iat + lifetimeSeconds;
        var payload = new JsonObject
        {
            ["aud"] = resource.Audience,
            ["iss"] = server.IssuerFor(subject.TenantId),
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = exp,
            ["aio"] = RandomId(),
            ["appid"] = subject.ClientId,
            ["appidacr"] = subject.ClientAuthMethod,
            ["azp"] = subject.ClientId,
            ["azpacr"] = subject.ClientAuthMethod,
            ["idp"] = server.IssuerFor(subject.TenantId),
            ["idtyp"] = subject.IsUser ? "user" : "app",
            ["oid"] = subject.ObjectId,
            ["rh"] = RandomId(),
        };

        if (subject.IsUser)
        {
            payload.Remove("idp");
            payload["name"] = subject.Name;
            payload["preferred_username"] = subject.UserPrincipalName;
            payload["upn"] = subject.UserPrincipalName;
            payload["unique_name"] = subject.UserPrincipalName;
            payload["scp"] = string.Join(' ', subject.Scopes);
        }
        else if (subject.Roles.Count > 0)
        {
            // Entra omits roles entirely when the app has no application permission on the resource.
            payload["roles"] = JsonResponses.Array(subject.Roles);
        }

        // INFERRED: sub equals oid here; real Entra uses a pairwise id for users.
        payload["sub"] = subject.ObjectId;
        payload["tid"] = subject.TenantId;
        payload["uti"] = RandomId();
        payload["ver"] = "2.0";
        var wids = Wids(subject);
        if (wids.Count > 0)
        {
            payload["wids"] = JsonResponses.Array(wids);
        }

        if (subject.ManagedIdentityResourceId is not null)
        {
            payload["xms_mirid"] = subject.ManagedIdentityResourceId;
        }

        if (!subject.IsUser && resource.Service == ResourceCatalog.Graph)
        {
            // Graph's app-only tokens are v1 tokens (issue 12, item 6c): iss https://sts.windows.net/<tid>/, appid and
            // appidacr, no azp/azpacr, ver 1.0. Delegated tokens and other resources keep the shape above.
            payload["iss"] = ServerInfo.V1IssuerFor(subject.TenantId);
            payload["idp"] = ServerInfo.V1IssuerFor(subject.TenantId);
            payload.Remove("azp");
            payload.Remove("azpacr");
            payload["ver"] = "1.0";
        }

        var token = issuer.Sign(payload);
        issued.Add(token);
        return new IssuedToken(token, DateTimeOffset.FromUnixTimeSeconds(exp), lifetimeSeconds);
    }

    public string CreateIdToken(TenantFixture tenant, UserFixture user, string clientId, int lifetimeSeconds)
    {
        var iat = clock.UnixNow;
        var payload = new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = server.IssuerFor(tenant.Id),
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = iat + lifetimeSeconds,
            ["name"] = user.DisplayName,
            ["oid"] = user.Id,
            ["preferred_username"] = user.UserPrincipalName,
            ["rh"] = RandomId(),
            ["sub"] = user.Id,
            ["tid"] = tenant.Id,
            ["uti"] = RandomId(),
            ["ver"] = "2.0",
        };
        return issuer.Sign(payload);
    }

    /// <summary>client_info as MSAL expects: base64url of {"uid":"&lt;oid&gt;","utid":"&lt;tid&gt;"}.</summary>
    public static string ClientInfo(string objectId, string tenantId) =>
        Jwt.Base64UrlJson(new JsonObject { ["uid"] = objectId, ["utid"] = tenantId });

    private static List<string> Wids(TokenSubject subject)
    {
        var wids = subject.DirectoryRoles.Select(DirectoryRoles.ToTemplateId).OfType<string>().ToList();
        if (subject.IsUser)
        {
            wids.Add(DirectoryRoles.DefaultUserRole);
        }

        return [.. wids.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string RandomId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
