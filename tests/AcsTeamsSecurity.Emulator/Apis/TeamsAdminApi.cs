using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The Teams tenant admin ("config") API under <c>/teams</c> (real host api.interfaces.records.teams.microsoft.com,
/// api-facts.md §5.1 and §10.1): reads of every configuration type the store knows; changes as the public client
/// validated against the live service makes them (PUB): <c>PUT …/configuration/{Identity}</c> with only the settings
/// being changed, answered with an object, a one-element array or nothing (control API switch); PATCH on the instance
/// is 405 (not evidenced). No ETag unless the control API turns them on. The connect handshake
/// <c>GET /Teams.Tenant/serviceDiscovery</c> is served; X-MS-Target-Uri is recorded in the request log, not required
/// (whether the real service needs it is unknown).
/// </summary>
internal sealed class TeamsAdminApi(TokenValidator validator, FixtureStore fixtures, TeamsPolicyStore policies)
{
    /// <summary>Directory roles that may read through the Teams admin API (template ids).</summary>
    public static readonly string[] AllowedRoles =
    [
        DirectoryRoles.TeamsAdministrator,
        DirectoryRoles.TeamsCommunicationsAdministrator,
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.GlobalReader,
        DirectoryRoles.SkypeForBusinessAdministrator,
    ];

    /// <summary>INFERRED: roles that may write every writable type.</summary>
    public static readonly string[] WriterRoles =
    [
        DirectoryRoles.TeamsAdministrator,
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.SkypeForBusinessAdministrator,
    ];

    /// <summary>INFERRED: the admin endpoint the emulated handshake names (real ones are regional hosts).</summary>
    public const string AdminServiceEndpoint = "admin.teams.emulator.test";

    private const string InstancePath = "/teams/Skype.Policy/configurations/{configType}/configuration/{identity}";
    private const string TypePath = "/teams/Skype.Policy/configurations/{configType}";
    private static readonly IReadOnlyCollection<string> Audiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Teams);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(TypePath, ListAsync);
        app.MapGet(InstancePath, GetAsync);
        app.MapPut(InstancePath, PutAsync);
        app.MapGet("/teams/Teams.Tenant/serviceDiscovery", DiscoveryAsync);
        // PATCH on an instance is not evidenced (api-facts.md §10.1); creating (POST on the type) and removing
        // (DELETE) are, but the module does neither and the emulator does not implement them. INFERRED: 405 with Allow.
        app.MapMethods(TypePath, ["POST", "PUT", "PATCH", "DELETE"], context => MethodNotAllowedAsync(context, "GET"));
        app.MapMethods(InstancePath, ["POST", "PATCH", "DELETE"], context =>
            MethodNotAllowedAsync(context, TeamsPolicyDefaults.Find(context.GetRouteValue("configType") as string) is { Writable: false } ? "GET" : "GET, PUT"));
    }

    /// <summary>
    /// INFERRED: the real API's error bodies are not documented; the emulator uses <c>{"error":{"code","message"}}</c>
    /// (plus <c>"target"</c> for property errors) and an <c>x-ms-correlation-id</c> header.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? target = null) =>
        JsonResponses.WriteAsync(context, status, ErrorBody(code, message, target));

    public static JsonObject ErrorBody(string code, string message, string? target = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null)
        {
            error["target"] = target;
        }

        return new JsonObject { ["error"] = error };
    }

    public static JsonObject ForStatus(int status) => status switch
    {
        429 => ErrorBody("TooManyRequests", "Too many requests. Retry after the interval given in the Retry-After header."),
        401 => ErrorBody("Unauthorized", "Authorization has been denied for this request."),
        403 => ErrorBody("Forbidden", "The caller does not have a Teams administrator role."),
        404 => ErrorBody("NotFound", "The requested configuration was not found."),
        412 => ErrorBody("PreconditionFailed", "The configuration was changed by someone else."),
        _ => ErrorBody("InternalServerError", "An internal server error occurred."),
    };

    /// <summary>The header the MicrosoftTeams module prints as a warning (api-facts.md §10.1, PUB).</summary>
    public const string WarningHeader = "X-Ms-ConfigApi-PowerShell-WarningMessage";

    /// <summary>INFERRED: ETag value of an instance version (strong, quoted); sent only when the control API turns ETags on.</summary>
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private Task ListAsync(HttpContext context)
    {
        if (Authorize(context, out var tenant) is { } denied)
        {
            return denied;
        }

        var type = context.GetRouteValue("configType") as string ?? string.Empty;
        var known = TeamsPolicyDefaults.Find(type);
        if (known is null)
        {
            return WriteErrorAsync(context, 404, "NotFound", $"Configuration type '{type}' was not found.");
        }

        return JsonResponses.WriteAsync(context, 200, new JsonArray([.. policies.For(tenant).List(known.Name)]));
    }

    private Task GetAsync(HttpContext context)
    {
        if (Authorize(context, out var tenant) is { } denied)
        {
            return denied;
        }

        var (type, identity) = RouteTarget(context);
        var found = type is null ? null : policies.For(tenant).GetWithVersion(type.Name, identity);
        if (found is not { } instance)
        {
            return WriteErrorAsync(context, 404, "NotFound", $"Configuration '{identity}' of type '{type?.Name ?? RawType(context)}' was not found.");
        }

        if (policies.Writes.ETags)
        {
            context.Response.Headers.ETag = ETag(instance.Version);
        }

        // A concurrent admin (control API, one shot): the change lands right after this read was answered.
        var state = policies.For(tenant);
        foreach (var change in policies.Writes.TakeAfterRead(tenant.Id, type!.Name, TenantTeamsState.NormalizeIdentity(identity)))
        {
            state.Patch(type.Name, change.Identity, change.Set, null);
        }

        // api-facts.md §5.1: the /configuration/Global call may return a one-element array. Tag instances: a plain object.
        JsonNode body = TenantTeamsState.NormalizeIdentity(identity) == "Global" ? new JsonArray(instance.Body) : instance.Body;
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// <c>GET /Teams.Tenant/serviceDiscovery</c> (api-facts.md §10.1, PUB): <c>{"Endpoints":{"ConfigApiEndpoint",
    /// "AdminServiceEndpoint"},"Headers":{"X-MS-Forest"}}</c>. Any Teams admin reader may call it (INFERRED).
    /// </summary>
    private Task DiscoveryAsync(HttpContext context)
    {
        if (Authorize(context, out _) is { } denied)
        {
            return denied;
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject
        {
            ["Endpoints"] = new JsonObject
            {
                ["ConfigApiEndpoint"] = context.Request.Host.Value,
                ["AdminServiceEndpoint"] = AdminServiceEndpoint,
            },
            ["Headers"] = new JsonObject { ["X-MS-Forest"] = "emulator01" },
        });
    }

    /// <summary>
    /// <c>PUT …/configurations/{Type}/configuration/{Identity}</c> with only the settings being changed (PUB, api-facts.md
    /// §10.1). INFERRED: the order of checks: token → read role → type → writable (405) → write role (403) → instance
    /// (404) → If-Match (412, only when ETags are on) → body (400: not an object, empty, a property twice, an unknown
    /// or read-only property such as Identity, a wrong value). The answer's shape is the control API's choice.
    /// </summary>
    private async Task PutAsync(HttpContext context)
    {
        if (Authorize(context, out var tenant) is { } denied)
        {
            await denied.ConfigureAwait(false);
            return;
        }

        var (type, identity) = RouteTarget(context);
        if (type is null)
        {
            await WriteErrorAsync(context, 404, "NotFound", $"Configuration type '{RawType(context)}' was not found.").ConfigureAwait(false);
            return;
        }

        if (!type.Writable)
        {
            await MethodNotAllowedAsync(context, "GET").ConfigureAwait(false);
            return;
        }

        var token = RequestToken(context);
        var writers = type.CommunicationsAdminMayWrite ? [.. WriterRoles, DirectoryRoles.TeamsCommunicationsAdministrator] : WriterRoles;
        if (!token.HasAnyWid(writers))
        {
            var names = type.CommunicationsAdminMayWrite
                ? "Teams Administrator, Teams Communications Administrator, Global Administrator or Skype for Business Administrator"
                : "Teams Administrator, Global Administrator or Skype for Business Administrator";
            await WriteErrorAsync(context, 403, "Forbidden",
                $"The caller '{token.ObjectId}' is not allowed to change {type.Name} in tenant '{token.TenantId}': this needs the {names} role.").ConfigureAwait(false);
            return;
        }

        var state = policies.For(tenant);
        var current = state.GetWithVersion(type.Name, identity);
        if (current is null)
        {
            await WriteErrorAsync(context, 404, "NotFound", $"Configuration '{identity}' of type '{type.Name}' was not found.").ConfigureAwait(false);
            return;
        }

        var behavior = policies.Writes;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        Func<long, bool>? precondition = !behavior.ETags || string.IsNullOrWhiteSpace(ifMatch) ? null : version => IfMatchAccepts(ifMatch, version);
        if (precondition is not null && !precondition(current.Value.Version))
        {
            await PreconditionFailedAsync(context, type, identity, ifMatch, current.Value.Version).ConfigureAwait(false);
            return;
        }

        var (body, bodyError) = await ReadPatchBodyAsync(context).ConfigureAwait(false);
        if (bodyError is not null)
        {
            await WriteErrorAsync(context, 400, "InvalidRequestBody", bodyError).ConfigureAwait(false);
            return;
        }

        RequestAnnotations.Get(context).BodyProperties = string.Join(",", body!.Select(p => p.Key));
        var isGlobal = TenantTeamsState.NormalizeIdentity(identity) == "Global";
        var (changes, error) = TenantTeamsState.ValidateChanges(type, body!, isGlobal);
        if (error is not null)
        {
            await WriteErrorAsync(context, 400, error.Code, error.Message, error.Target).ConfigureAwait(false);
            return;
        }

        // Control API: settings a write accepts but does not apply (a write that "did not take").
        foreach (var ignored in behavior.IgnoredSettings)
        {
            changes!.Remove(changes.FirstOrDefault(p => p.Key.Equals(ignored, StringComparison.OrdinalIgnoreCase)).Key ?? string.Empty);
        }

        var (outcome, updated, version) = state.Patch(type.Name, identity, changes!, precondition);
        switch (outcome)
        {
            case PatchOutcome.NotFound:
                await WriteErrorAsync(context, 404, "NotFound", $"Configuration '{identity}' of type '{type.Name}' was not found.").ConfigureAwait(false);
                return;
            case PatchOutcome.PreconditionFailed:
                // Someone changed it between the check above and the write.
                await PreconditionFailedAsync(context, type, identity, ifMatch, version).ConfigureAwait(false);
                return;
        }

        if (behavior.ETags)
        {
            context.Response.Headers.ETag = ETag(version);
        }

        if (behavior.Warning is { } warning)
        {
            context.Response.Headers[WarningHeader] = warning;
        }

        switch (behavior.Shape)
        {
            case TeamsWriteShape.Empty:
                context.Response.StatusCode = 204;
                return;
            case TeamsWriteShape.Array:
                await JsonResponses.WriteAsync(context, 200, new JsonArray(updated)).ConfigureAwait(false);
                return;
            default:
                await JsonResponses.WriteAsync(context, 200, updated).ConfigureAwait(false);
                return;
        }
    }

    private static Task PreconditionFailedAsync(HttpContext context, TeamsConfigType type, string identity, string ifMatch, long version)
    {
        context.Response.Headers.ETag = ETag(version);
        return WriteErrorAsync(context, 412, "PreconditionFailed",
            $"The configuration '{TenantTeamsState.NormalizeIdentity(identity)}' of type '{type.Name}' was changed: If-Match {ifMatch} does not match the current ETag {ETag(version)}.");
    }

    /// <summary>INFERRED: If-Match is a list of entity tags or "*"; weak tags (W/"n") compare by their value.</summary>
    private static bool IfMatchAccepts(string header, long version)
    {
        var current = ETag(version);
        foreach (var raw in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = raw.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? raw[2..] : raw;
            if (tag == "*" || tag == current)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body must be one JSON object with at least one property and no property twice (any casing).</summary>
    private static async Task<(JsonObject? Body, string? Error)> ReadPatchBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = false });
        }
        catch (JsonException ex)
        {
            return (null, $"The request body is not valid JSON: {ex.Message}");
        }

        if (node is not JsonObject body)
        {
            return (null, "The request body must be a JSON object of the properties to change.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in body)
        {
            if (!seen.Add(name))
            {
                return (null, $"Property '{name}' appears more than once in the request body.");
            }
        }

        return body.Count == 0 ? (null, "The request body must contain at least one property to change.") : (body, null);
    }

    private static Task MethodNotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return WriteErrorAsync(context, 405, "MethodNotAllowed", $"The method '{context.Request.Method}' is not allowed on '{context.Request.Path}'. Allowed: {allow}.");
    }

    private static (TeamsConfigType? Type, string Identity) RouteTarget(HttpContext context)
    {
        var identity = Uri.UnescapeDataString(context.GetRouteValue("identity") as string ?? string.Empty);
        var type = TeamsPolicyDefaults.Find(RawType(context));
        return (type, identity);
    }

    private static string RawType(HttpContext context) => context.GetRouteValue("configType") as string ?? string.Empty;

    private static ValidatedToken RequestToken(HttpContext context) => (ValidatedToken)context.Items[typeof(ValidatedToken)]!;

    /// <summary>Returns the error response task, or null when the caller may read.</summary>
    private Task? Authorize(HttpContext context, out TenantFixture tenant)
    {
        tenant = null!;
        var result = validator.Validate(context, Audiences);
        if (!result.IsValid)
        {
            var message = result.Failure switch
            {
                TokenFailure.Missing => "Authorization has been denied for this request. No bearer token was presented.",
                TokenFailure.Expired => "Authorization has been denied for this request. The token is expired.",
                TokenFailure.NotYetValid => "Authorization has been denied for this request. The token is not yet valid.",
                TokenFailure.WrongAudience => $"Authorization has been denied for this request. Invalid audience '{result.Audience}'.",
                _ => "Authorization has been denied for this request. The token is not valid.",
            };
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return WriteErrorAsync(context, 401, "Unauthorized", message);
        }

        var token = result.Token!;
        context.Items[typeof(ValidatedToken)] = token;
        tenant = fixtures.FindTenant(token.TenantId)!;
        if (!token.HasAnyWid(AllowedRoles))
        {
            return WriteErrorAsync(context, 403, "Forbidden",
                $"The caller '{token.ObjectId}' does not have a Teams administrator role (Teams Administrator, Teams Communications Administrator, Global Administrator, Global Reader or Skype for Business Administrator) in tenant '{token.TenantId}'.");
        }

        return null;
    }
}
