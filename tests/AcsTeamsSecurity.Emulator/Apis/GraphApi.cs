using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Microsoft Graph under <c>/v1.0</c> and <c>/beta</c>: organization, users/{id|upn}, me, the Teams administration
/// endpoints (GraphApi.Teams.cs) and online meetings with the calendar view (GraphApi.Meetings.cs). Routes live in <see cref="GraphRouter"/> so <c>$batch</c> reuses the handlers.
/// </summary>
internal sealed partial class GraphApi(TokenValidator validator, FixtureStore fixtures, ServerInfo server, EmulatorClock clock, TeamsPolicyStore teams, OnlineMeetingStore meetings, GraphRouter router, GraphVariants variants)
{
    private static readonly IReadOnlyCollection<string> Audiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Graph);
    private static readonly string[] UserDefaultProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];

    public void Map(IEndpointRouteBuilder app)
    {
        router.Add("GET", "organization", OrganizationAsync);
        router.Add("GET", "users/{id}", (context, version) => UserAsync(context, version, context.GetRouteValue("id") as string));
        router.Add("GET", "me", MeAsync);
        AddTeamsRoutes();
        AddMeetingRoutes();
        router.Map(app);
    }

    private Task OrganizationAsync(HttpContext context, string version)
    {
        if (Authorize(context, out _, out var tenant, "Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All") is { } denied)
        {
            return FailAsync(context, denied);
        }

        var domains = new JsonArray();
        domains.Add(new JsonObject
        {
            ["capabilities"] = "Email, OfficeCommunicationsOnline",
            ["isDefault"] = tenant.Domains.Count == 0,
            ["isInitial"] = true,
            ["name"] = tenant.InitialDomain,
            ["type"] = "Managed",
        });
        for (var i = 0; i < tenant.Domains.Count; i++)
        {
            domains.Add(new JsonObject
            {
                ["capabilities"] = "Email, OfficeCommunicationsOnline",
                ["isDefault"] = i == 0,
                ["isInitial"] = false,
                ["name"] = tenant.Domains[i],
                ["type"] = "Managed",
            });
        }

        var org = new JsonObject
        {
            ["id"] = tenant.Id,
            ["displayName"] = tenant.DisplayName,
            ["tenantType"] = "AAD",
            ["verifiedDomains"] = domains,
        };
        var body = new JsonObject
        {
            ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#organization",
            ["value"] = new JsonArray(org),
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    private Task UserAsync(HttpContext context, string version, string? id)
    {
        if (Authorize(context, out _, out var tenant, "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All") is { } denied)
        {
            return FailAsync(context, denied);
        }

        var user = tenant.FindUser(Uri.UnescapeDataString(id ?? string.Empty));
        if (user is null)
        {
            return GraphErrors.WriteAsync(context, clock, 404, "Request_ResourceNotFound",
                $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
        }

        return JsonResponses.WriteAsync(context, 200, UserBody(context, version, user));
    }

    private Task MeAsync(HttpContext context, string version)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return FailAsync(context, denied);
        }

        if (!token.IsUser)
        {
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }

        var user = tenant.FindUser(token.ObjectId);
        if (user is null)
        {
            return GraphErrors.WriteAsync(context, clock, 404, "Request_ResourceNotFound",
                $"Resource '{token.ObjectId}' does not exist or one of its queried reference-property objects are not present.");
        }

        return JsonResponses.WriteAsync(context, 200, UserBody(context, version, user));
    }

    private JsonObject UserBody(HttpContext context, string version, UserFixture user)
    {
        var all = new JsonObject
        {
            ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#users/$entity",
            ["businessPhones"] = Extra(user, "businessPhones") ?? new JsonArray(),
            ["displayName"] = user.DisplayName,
            ["givenName"] = Extra(user, "givenName"),
            ["jobTitle"] = Extra(user, "jobTitle"),
            ["mail"] = user.Mail,
            ["mobilePhone"] = Extra(user, "mobilePhone"),
            ["officeLocation"] = Extra(user, "officeLocation"),
            ["preferredLanguage"] = Extra(user, "preferredLanguage"),
            ["surname"] = Extra(user, "surname"),
            ["userPrincipalName"] = user.UserPrincipalName,
            ["id"] = user.Id,
        };

        var select = context.Request.Query["$select"].ToString();
        if (select.Length == 0)
        {
            return all;
        }

        var wanted = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new JsonObject { ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#users({string.Join(',', wanted)})/$entity" };
        foreach (var name in wanted)
        {
            if (UserDefaultProperties.Contains(name, StringComparer.OrdinalIgnoreCase) && all.TryGetPropertyValue(UserDefaultProperties.First(p => p.Equals(name, StringComparison.OrdinalIgnoreCase)), out var v))
            {
                result[name] = v?.DeepClone();
            }
            else
            {
                result[name] = Extra(user, name);
            }
        }

        return result;
    }

    private static JsonNode? Extra(UserFixture user, string name) =>
        user.Extra is { } extra && extra.TryGetPropertyValue(name, out var v) ? v?.DeepClone() : null;

    /// <summary>
    /// Validates the token. App tokens need one of <paramref name="appRoles"/> (none given: any app token passes);
    /// delegated tokens are accepted (the user's consent is assumed). Returns the Graph error to send, or null.
    /// </summary>
    private (int Status, string Code, string Message)? Authorize(HttpContext context, out ValidatedToken token, out TenantFixture tenant, params string[] appRoles)
    {
        if (AuthenticateToken(context, out token, out tenant) is { } invalid)
        {
            return invalid;
        }

        if (!token.IsUser && appRoles.Length > 0 && !token.HasAnyRole(appRoles))
        {
            return (403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        return null;
    }

    /// <summary>Validates the bearer token only. Returns the 401 to send, or null.</summary>
    private (int Status, string Code, string Message)? AuthenticateToken(HttpContext context, out ValidatedToken token, out TenantFixture tenant)
    {
        token = null!;
        tenant = null!;
        var result = validator.Validate(context, Audiences);
        if (!result.IsValid)
        {
            return (401, "InvalidAuthenticationToken", GraphErrors.TokenFailureMessage(result.Failure));
        }

        token = result.Token!;
        tenant = fixtures.FindTenant(token.TenantId)!;
        return null;
    }

    private Task FailAsync(HttpContext context, (int Status, string Code, string Message) error) =>
        GraphErrors.WriteAsync(context, clock, error.Status, error.Code, error.Message);
}
