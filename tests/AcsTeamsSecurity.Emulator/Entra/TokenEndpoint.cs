using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c> as MSAL 4.83 (Azure.Core 1.53) calls it: client_credentials with a secret
/// or a client assertion (certificate or federated), device_code, and refresh_token.
/// </summary>
internal sealed class TokenEndpoint(
    FixtureStore fixtures,
    EmulatorClock clock,
    ServerInfo server,
    AccessTokenFactory tokens,
    DeviceCodeStore deviceCodes,
    RefreshTokenStore refreshTokens,
    ClientAssertionValidator assertions)
{
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>MSAL.NET sends the short form (its OAuth2GrantType.DeviceCode); Entra accepts both.</summary>
    public const string DeviceCodeGrantShort = "device_code";

    public void Map(IEndpointRouteBuilder app) => app.MapPost("/{tenant}/oauth2/v2.0/token", HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var segment = context.GetRouteValue("tenant") as string ?? string.Empty;
        var annotations = RequestAnnotations.Get(context);
        if (!context.Request.HasFormContentType)
        {
            await FailAsync(context, EntraErrors.MissingParameter("grant_type")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var grantType = form["grant_type"].ToString();
        var clientId = form["client_id"].ToString();
        annotations.GrantType = grantType;
        annotations.ClientId = clientId;
        annotations.Resource = form["scope"].ToString();

        var resolution = TenantResolution.Resolve(fixtures, segment);
        if (resolution.Error is not null)
        {
            await FailAsync(context, resolution.Error).ConfigureAwait(false);
            return;
        }

        annotations.TenantId = resolution.Tenant?.Id;
        if (string.IsNullOrEmpty(grantType))
        {
            await FailAsync(context, EntraErrors.MissingParameter("grant_type")).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(clientId))
        {
            await FailAsync(context, EntraErrors.MissingParameter("client_id")).ConfigureAwait(false);
            return;
        }

        var task = grantType switch
        {
            "client_credentials" => ClientCredentialsAsync(context, form, resolution, segment),
            DeviceCodeGrant or DeviceCodeGrantShort => DeviceCodeAsync(context, form, resolution),
            "refresh_token" => RefreshAsync(context, form, resolution, segment),
            _ => FailAsync(context, EntraErrors.UnsupportedGrantType(grantType)),
        };
        await task.ConfigureAwait(false);
    }

    private Task ClientCredentialsAsync(HttpContext context, IFormCollection form, TenantResolution resolution, string segment)
    {
        if (resolution.Tenant is not { } tenant)
        {
            return FailAsync(context, EntraErrors.NoTenantInformation());
        }

        var clientId = form["client_id"].ToString();
        var app = tenant.FindApplication(clientId);
        if (app is null)
        {
            return FailAsync(context, EntraErrors.ApplicationNotFound(clientId, tenant.DisplayName));
        }

        var authError = AuthenticateClient(context, form, tenant, app, segment, allowPublic: false, out var authMethod);
        if (authError is not null)
        {
            return FailAsync(context, authError);
        }

        var scope = ResourceCatalog.Parse(form["scope"], appOnly: true, tenant.DisplayName, out var scopeError);
        if (scope is null)
        {
            return FailAsync(context, scopeError!);
        }

        var annotations = RequestAnnotations.Get(context);
        annotations.AppId = app.ClientId;
        annotations.PrincipalId = app.ServicePrincipalObjectId;
        annotations.Resource = scope.Resource.Identifier;
        var issued = tokens.CreateAccessToken(TokenSubject.ForApplication(tenant, app, scope.Resource.Service, authMethod), scope.Resource, tenant.TokenLifetimeSeconds);
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = issued.ExpiresIn,
            ["ext_expires_in"] = issued.ExpiresIn,
            ["access_token"] = issued.Token,
        };
        EntraErrors.NoCache(context);
        return JsonResponses.WriteAsync(context, 200, body);
    }

    private Task DeviceCodeAsync(HttpContext context, IFormCollection form, TenantResolution resolution)
    {
        var deviceCode = form["device_code"].ToString();
        if (string.IsNullOrEmpty(deviceCode))
        {
            return FailAsync(context, EntraErrors.MissingParameter("device_code"));
        }

        var entry = deviceCodes.FindByDeviceCode(deviceCode);
        var clientId = form["client_id"].ToString();
        if (entry is null ||
            !string.Equals(entry.ClientId, clientId, StringComparison.OrdinalIgnoreCase) ||
            (resolution.Tenant is not null && entry.TenantId is not null && !string.Equals(entry.TenantId, resolution.Tenant.Id, StringComparison.OrdinalIgnoreCase)))
        {
            return FailAsync(context, EntraErrors.BadVerificationCode());
        }

        if (clock.UtcNow >= entry.ExpiresAt)
        {
            deviceCodes.Remove(entry);
            return FailAsync(context, EntraErrors.DeviceCodeExpired());
        }

        if (entry.Status == DeviceCodeStatus.Pending && deviceCodes.AutoApproveUser is { } autoUser)
        {
            Approve(entry, autoUser);
        }

        switch (entry.Status)
        {
            case DeviceCodeStatus.Pending:
                return FailAsync(context, EntraErrors.AuthorizationPending());
            case DeviceCodeStatus.Declined:
                deviceCodes.Remove(entry);
                return FailAsync(context, EntraErrors.AuthorizationDeclined());
        }

        if (!deviceCodes.Remove(entry))
        {
            return FailAsync(context, EntraErrors.BadVerificationCode());
        }

        var found = FindUser(entry.TenantId, entry.UserPrincipalName);
        if (found is not { } u)
        {
            return FailAsync(context, EntraErrors.BadVerificationCode());
        }

        var app = u.Tenant.FindApplication(clientId) ?? fixtures.FindApplicationAnyTenant(clientId)?.App;
        if (app is null)
        {
            return FailAsync(context, EntraErrors.ApplicationNotFound(clientId, u.Tenant.DisplayName));
        }

        var scope = form["scope"].ToString();
        return IssueUserTokensAsync(context, u.Tenant, app, u.User, string.IsNullOrWhiteSpace(scope) ? entry.Scope : scope, "0");
    }

    private Task RefreshAsync(HttpContext context, IFormCollection form, TenantResolution resolution, string segment)
    {
        var refreshToken = form["refresh_token"].ToString();
        if (string.IsNullOrEmpty(refreshToken))
        {
            return FailAsync(context, EntraErrors.MissingParameter("refresh_token"));
        }

        var clientId = form["client_id"].ToString();
        var entry = refreshTokens.Find(refreshToken);
        if (entry is null ||
            !string.Equals(entry.ClientId, clientId, StringComparison.OrdinalIgnoreCase) ||
            (resolution.Tenant is not null && !string.Equals(resolution.Tenant.Id, entry.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return FailAsync(context, EntraErrors.InvalidRefreshToken());
        }

        if (clock.UtcNow - entry.IssuedAt > RefreshTokenStore.Lifetime)
        {
            return FailAsync(context, EntraErrors.RefreshTokenExpired(entry.IssuedAt));
        }

        var tenant = fixtures.FindTenant(entry.TenantId);
        var user = tenant?.FindUser(entry.UserId);
        if (tenant is null || user is null)
        {
            return FailAsync(context, EntraErrors.InvalidRefreshToken());
        }

        var app = tenant.FindApplication(clientId) ?? fixtures.FindApplicationAnyTenant(clientId)?.App;
        if (app is null)
        {
            return FailAsync(context, EntraErrors.ApplicationNotFound(clientId, tenant.DisplayName));
        }

        var authError = AuthenticateClient(context, form, tenant, app, segment, allowPublic: true, out var authMethod);
        if (authError is not null)
        {
            return FailAsync(context, authError);
        }

        return IssueUserTokensAsync(context, tenant, app, user, form["scope"], authMethod);
    }

    private Task IssueUserTokensAsync(HttpContext context, TenantFixture tenant, ApplicationFixture app, UserFixture user, string? scopeText, string authMethod)
    {
        var scope = ResourceCatalog.Parse(scopeText, appOnly: false, tenant.DisplayName, out var scopeError);
        if (scope is null)
        {
            return FailAsync(context, scopeError!);
        }

        var annotations = RequestAnnotations.Get(context);
        annotations.TenantId = tenant.Id;
        annotations.AppId = app.ClientId;
        annotations.PrincipalId = user.Id;
        annotations.Resource = scope.Resource.Identifier;

        var service = scope.Resource.Service;
        IReadOnlyList<string> granted = scope.ScopeNames.Contains(".default")
            ? DelegatedPermissionsFor(app, scope.Resource) is { Count: > 0 } configured
                ? configured
                : [service == ResourceCatalog.Graph ? "User.Read" : "user_impersonation"]
            : scope.ScopeNames;

        var subject = new TokenSubject
        {
            TenantId = tenant.Id,
            ObjectId = user.Id,
            ClientId = app.ClientId,
            IsUser = true,
            Scopes = granted,
            DirectoryRoles = user.DirectoryRoles,
            UserPrincipalName = user.UserPrincipalName,
            Name = user.DisplayName,
            ClientAuthMethod = authMethod,
        };
        var issued = tokens.CreateAccessToken(subject, scope.Resource, tenant.TokenLifetimeSeconds);
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            // INFERRED: the requested resource scopes are echoed so MSAL's cache lookup for the same scopes matches.
            ["scope"] = string.Join(' ', scope.RequestedScopes),
            ["expires_in"] = issued.ExpiresIn,
            ["ext_expires_in"] = issued.ExpiresIn,
            ["access_token"] = issued.Token,
        };
        if (scope.OfflineAccess)
        {
            body["refresh_token"] = refreshTokens.Issue(tenant.Id, app.ClientId, user.Id, clock.UtcNow);
        }

        body["id_token"] = tokens.CreateIdToken(tenant, user, app.ClientId, tenant.TokenLifetimeSeconds);
        body["client_info"] = AccessTokenFactory.ClientInfo(user.Id, tenant.Id);
        EntraErrors.NoCache(context);
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// The delegated permissions an app holds on a resource: keyed by the resource identifier (e.g.
    /// "https://auth.msft.communication.azure.com", which shares the "acs" service key with the data plane), else by
    /// the service key ("graph", "teams", "acs", "arm").
    /// </summary>
    private static List<string>? DelegatedPermissionsFor(ApplicationFixture app, ResourceInfo resource) =>
        app.DelegatedPermissions.TryGetValue(resource.Identifier, out var byResource) ? byResource
        : app.DelegatedPermissions.TryGetValue(resource.Identifier + "/", out var bySlash) ? bySlash
        : app.DelegatedPermissions.TryGetValue(resource.Service, out var byService) ? byService
        : null;

    /// <summary>Checks client_secret or client_assertion; public clients may send neither when allowed.</summary>
    private EntraError? AuthenticateClient(HttpContext context, IFormCollection form, TenantFixture tenant, ApplicationFixture app, string segment, bool allowPublic, out string authMethod)
    {
        var secret = form["client_secret"].ToString();
        var assertion = form["client_assertion"].ToString();
        if (secret.Length > 0)
        {
            authMethod = "1";
            var presented = Encoding.UTF8.GetBytes(secret);
            return app.Secrets.Exists(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), presented))
                ? null
                : EntraErrors.InvalidSecret(app.ClientId);
        }

        if (assertion.Length > 0)
        {
            authMethod = "2";
            if (form["client_assertion_type"].ToString() != ClientAssertionValidator.JwtBearerType)
            {
                return EntraErrors.UnsupportedAssertionType();
            }

            return assertions.Validate(assertion, tenant, app, segment, context);
        }

        authMethod = "0";
        return allowPublic && app.IsPublicClient ? null : EntraErrors.CredentialRequired();
    }

    /// <summary>Approves a pending device code for a user. Returns an error message, or null on success.</summary>
    public string? Approve(DeviceCodeEntry entry, string userPrincipalName)
    {
        if (FindUser(entry.TenantId, userPrincipalName) is null)
        {
            return entry.TenantId is null
                ? $"User '{userPrincipalName}' was not found in any tenant."
                : $"User '{userPrincipalName}' was not found in tenant '{entry.TenantId}'.";
        }

        entry.UserPrincipalName = userPrincipalName;
        entry.Status = DeviceCodeStatus.Approved;
        return null;
    }

    private (TenantFixture Tenant, UserFixture User)? FindUser(string? tenantId, string? upn)
    {
        if (tenantId is null)
        {
            return fixtures.FindUserAnyTenant(upn);
        }

        var tenant = fixtures.FindTenant(tenantId);
        var user = tenant?.FindUser(upn);
        return tenant is not null && user is not null ? (tenant, user) : null;
    }

    private Task FailAsync(HttpContext context, EntraError error) => EntraErrors.WriteAsync(context, error, server, clock);
}
