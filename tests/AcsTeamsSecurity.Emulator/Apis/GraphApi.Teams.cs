using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Graph Teams administration: <c>admin/teams/userConfigurations/{id}</c> (api-facts.md §9, v1.0 and beta) and the
/// policy-assignment API (api-facts.md §5.2 beta, §10.2 documented in v1.0 too): <c>userAssignments/assign</c>, <c>/unassign</c>, <c>getPolicyId(…)</c>.
/// Effective policies come from the <see cref="TeamsPolicyStore"/> (direct, then group by rank, then Global).
/// </summary>
internal sealed partial class GraphApi
{
    public const string UserConfigurationReadRole = "TeamsUserConfiguration.Read.All";
    public const string PolicyAssignPermission = "TeamsPolicyUserAssign.ReadWrite.All";
    private const string AssignmentODataType = "#microsoft.graph.teamsAdministration.teamsPolicyUserAssignment";
    private const string PolicyIdentifierODataType = "#microsoft.graph.teamsAdministration.policyIdentifierDetail";

    /// <summary>INFERRED: delegated callers that may assign need a Teams writer role (as in the Teams admin center).</summary>
    private static readonly string[] AssignerRoles =
    [
        DirectoryRoles.TeamsAdministrator,
        DirectoryRoles.TeamsCommunicationsAdministrator,
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.SkypeForBusinessAdministrator,
    ];

    private void AddTeamsRoutes()
    {
        router.Add("GET", "admin/teams/userConfigurations/{id}", UserConfigurationAsync);
        router.Add("GET", "admin/teams/userConfigurations", UserConfigurationListAsync);
        router.Add("POST", "admin/teams/policy/userAssignments/assign", (context, version) => AssignAsync(context, assign: true), "v1.0", "beta");
        router.Add("POST", "admin/teams/policy/userAssignments/unassign", (context, version) => AssignAsync(context, assign: false), "v1.0", "beta");
        router.Add("GET", "admin/teams/policy/{function}", GetPolicyIdAsync, "v1.0", "beta");
    }

    /// <summary>
    /// <c>GET /{version}/admin/teams/userConfigurations/{userId}</c>. App tokens need TeamsUserConfiguration.Read.All;
    /// INFERRED: delegated tokens need a Teams/Global admin or reader role (scopes are assumed consented, as elsewhere).
    /// </summary>
    private Task UserConfigurationAsync(HttpContext context, string version)
    {
        if (!variants.UserConfigurationsAvailable)
        {
            return UserConfigurationsUnavailableAsync(context);
        }

        if (AuthenticateToken(context, out var token, out var tenant) is { } invalid)
        {
            return FailAsync(context, invalid);
        }

        var allowed = token.IsUser ? token.HasAnyWid(TeamsAdminApi.AllowedRoles) : token.HasAnyRole(UserConfigurationReadRole);
        if (!allowed)
        {
            return GraphErrors.WriteAsync(context, clock, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        var id = Uri.UnescapeDataString(context.GetRouteValue("id") as string ?? string.Empty);
        var user = tenant.FindUser(id);
        if (user is null)
        {
            // INFERRED: code and message for an unknown user.
            return GraphErrors.WriteAsync(context, clock, 404, "NotFound", $"User '{id}' was not found in tenant '{tenant.Id}'.");
        }

        // DOC (teamsadministration-teamsuserconfiguration-get, docs/CONTRACTS.md "Graph"): the entity wrapped in "value".
        // The plain entity is served only when the control API asks for it (docs/EMULATOR.md, "Graph variants").
        var entity = UserConfiguration(tenant, user, version);
        var body = variants.UserConfigurationShape == GraphVariants.Plain ? entity : new JsonObject { ["value"] = entity };
        body["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#admin/teams/userConfigurations/$entity";
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// <c>GET /{version}/admin/teams/userConfigurations</c> (api-facts §9 lists it with $top/$filter/$select). Paged with
    /// <c>$top</c> (default 100, at most 999) and an opaque <c>$skiptoken</c>; INFERRED: page size limits and token shape;
    /// $filter/$select are accepted and ignored.
    /// </summary>
    private Task UserConfigurationListAsync(HttpContext context, string version)
    {
        if (!variants.UserConfigurationsAvailable)
        {
            return UserConfigurationsUnavailableAsync(context);
        }

        if (AuthenticateToken(context, out var token, out var tenant) is { } invalid)
        {
            return FailAsync(context, invalid);
        }

        var allowed = token.IsUser ? token.HasAnyWid(TeamsAdminApi.AllowedRoles) : token.HasAnyRole(UserConfigurationReadRole);
        if (!allowed)
        {
            return GraphErrors.WriteAsync(context, clock, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        var top = int.TryParse(context.Request.Query["$top"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var t) ? Math.Clamp(t, 1, 999) : 100;
        var skip = int.TryParse(context.Request.Query["$skiptoken"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var k) ? Math.Max(0, k) : 0;
        var users = tenant.Users;
        var page = new JsonArray();
        for (var i = skip; i < Math.Min(users.Count, skip + top); i++)
        {
            // Indexed, not Skip/Take: a 150,000-user tenant pages in constant time per page.
            page.Add(UserConfiguration(tenant, users[i], version));
        }

        var body = new JsonObject
        {
            ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#admin/teams/userConfigurations",
            ["value"] = page,
        };
        if (skip + top < users.Count)
        {
            body["@odata.nextLink"] = $"{server.BaseUrl}/{version}/admin/teams/userConfigurations?$top={top}&$skiptoken={skip + top}";
        }

        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// Outside the global service (control API <c>cloud</c>): Microsoft's availability table marks user configurations
    /// global-only (DOC); the answer is Graph's answer for a segment it does not serve (INFERRED: 400 BadRequest
    /// "Resource not found for the segment 'teams'.", as for any unknown segment).
    /// </summary>
    private Task UserConfigurationsUnavailableAsync(HttpContext context) =>
        GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "Resource not found for the segment 'teams'.");

    private JsonObject UserConfiguration(Fixtures.TenantFixture tenant, Fixtures.UserFixture user, string version)
    {
        var state = teams.For(tenant);
        var assignments = new JsonArray();
        foreach (var a in state.Effective(user.Id))
        {
            assignments.Add(new JsonObject
            {
                ["policyType"] = a.PolicyType,
                ["policyAssignment"] = new JsonObject
                {
                    ["assignmentType"] = a.AssignmentType,
                    ["displayName"] = TenantTeamsState.DisplayName(a.Identity),
                    ["groupId"] = a.GroupId,
                    ["policyId"] = state.PolicyId(a.PolicyType, a.Identity),
                },
            });
        }

        return new JsonObject
        {
            ["id"] = user.Id,
            ["tenantId"] = tenant.Id,
            ["userPrincipalName"] = user.UserPrincipalName,
            // INFERRED: fixture "accountType" / "createdDateTime" when given, else "user" and a fixed date.
            ["accountType"] = ExtraString(user, "accountType") ?? "user",
            ["createdDateTime"] = ExtraString(user, "createdDateTime") ?? "2024-01-01T00:00:00Z",
            ["effectivePolicyAssignments"] = assignments,
        };
    }

    /// <summary>
    /// <c>POST /{v1.0|beta}/admin/teams/policy/userAssignments/assign|unassign</c> → 204. INFERRED: the whole body is validated
    /// before anything changes; unknown user or policy id → 404, malformed items → 400.
    /// </summary>
    private async Task AssignAsync(HttpContext context, bool assign)
    {
        if (AuthorizeAssignment(context, write: true, out var tenant) is { } denied)
        {
            await FailAsync(context, denied).ConfigureAwait(false);
            return;
        }

        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (Property(root as JsonObject, "value") is not JsonArray items || items.Count == 0)
        {
            await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "The request body must be an object with a non-empty 'value' array of teamsPolicyUserAssignment objects.").ConfigureAwait(false);
            return;
        }

        var state = teams.For(tenant);
        var changes = new List<(string UserId, string PolicyType, string? Identity)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject;
            var odataType = Text(Property(item, "@odata.type"));
            if (item is null || (odataType is not null && !odataType.Equals(AssignmentODataType, StringComparison.OrdinalIgnoreCase)))
            {
                await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", $"value[{i}] must be a {AssignmentODataType} object.").ConfigureAwait(false);
                return;
            }

            var userId = Text(Property(item, "userId"));
            var policyTypeText = Text(Property(item, "policyType"));
            var policyId = Text(Property(item, "policyId"));
            if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(policyTypeText) || (assign && string.IsNullOrEmpty(policyId)))
            {
                await GraphErrors.WriteAsync(context, clock, 400, "BadRequest",
                    $"value[{i}]: userId and policyType are required{(assign ? ", and policyId" : string.Empty)}.").ConfigureAwait(false);
                return;
            }

            var type = TeamsPolicyDefaults.Find(policyTypeText);
            if (type is not { IsPolicy: true })
            {
                await GraphErrors.WriteAsync(context, clock, 400, "BadRequest",
                    $"value[{i}]: policyType '{policyTypeText}' is not supported (supported: {string.Join(", ", TeamsPolicyDefaults.PolicyTypes)}).").ConfigureAwait(false);
                return;
            }

            var user = tenant.FindUser(userId);
            if (user is null)
            {
                await GraphErrors.WriteAsync(context, clock, 404, "NotFound", $"value[{i}]: user '{userId}' was not found.").ConfigureAwait(false);
                return;
            }

            string? identity = null;
            if (assign)
            {
                identity = state.IdentityForPolicyId(type.Name, policyId!);
                if (identity is null)
                {
                    await GraphErrors.WriteAsync(context, clock, 404, "NotFound", $"value[{i}]: policy '{policyId}' of type '{type.Name}' was not found.").ConfigureAwait(false);
                    return;
                }
            }

            changes.Add((user.Id, type.Name, identity));
        }

        foreach (var (userId, policyType, identity) in changes)
        {
            // INFERRED: assigning the Global policy id removes the direct assignment.
            state.AssignDirect(userId, policyType, identity);
        }

        context.Response.StatusCode = 204;
    }

    /// <summary>
    /// <c>GET /{v1.0|beta}/admin/teams/policy/getPolicyId(type='TeamsMeetingPolicy',name='OpenDoors')</c>; the type matches
    /// case-insensitively, the name with or without "Tag:". Unknown type or name → 404.
    /// </summary>
    private Task GetPolicyIdAsync(HttpContext context, string version)
    {
        var segment = Uri.UnescapeDataString(context.GetRouteValue("function") as string ?? string.Empty);
        var call = Regex.Match(segment, @"^getPolicyId\((?<args>.*)\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!call.Success)
        {
            return GraphErrors.UnknownSegmentAsync(context, clock);
        }

        if (AuthorizeAssignment(context, write: false, out var tenant) is { } denied)
        {
            return FailAsync(context, denied);
        }

        var args = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Regex.Matches(call.Groups["args"].Value, @"(?<k>\w+)\s*=\s*'(?<v>(?:[^']|'')*)'", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            args[m.Groups["k"].Value] = m.Groups["v"].Value.Replace("''", "'", StringComparison.Ordinal);
        }

        if (!args.TryGetValue("type", out var typeText) || !args.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name))
        {
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "getPolicyId needs the parameters type='<policy type>' and name='<policy name>'.");
        }

        var type = TeamsPolicyDefaults.Find(typeText);
        var state = teams.For(tenant);
        var instance = type is { IsPolicy: true } ? state.Get(type.Name, name) : null;
        if (type is null || instance is null)
        {
            // INFERRED: code and message.
            return GraphErrors.WriteAsync(context, clock, 404, "NotFound", $"Policy '{name}' of type '{typeText}' was not found.");
        }

        var identity = instance["Identity"]!.GetValue<string>();
        var body = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = PolicyIdentifierODataType,
                ["name"] = identity,
                ["policyId"] = state.PolicyId(type.Name, identity),
            }),
        };
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// TeamsPolicyUserAssign.ReadWrite.All as an app role, or as a delegated scope (INFERRED: plus a Teams admin role
    /// for writes, any Teams admin or reader role for getPolicyId).
    /// </summary>
    private (int Status, string Code, string Message)? AuthorizeAssignment(HttpContext context, bool write, out TenantFixture tenant)
    {
        if (AuthenticateToken(context, out var token, out tenant) is { } invalid)
        {
            return invalid;
        }

        var allowed = token.IsUser
            ? token.HasAnyScope(PolicyAssignPermission) && token.HasAnyWid(write ? AssignerRoles : TeamsAdminApi.AllowedRoles)
            : token.HasAnyRole(PolicyAssignPermission);
        return allowed ? null : (403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    private static JsonNode? Property(JsonObject? obj, string name) =>
        obj?.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? ExtraString(UserFixture user, string name) => Text(Property(user.Extra, name));
}
