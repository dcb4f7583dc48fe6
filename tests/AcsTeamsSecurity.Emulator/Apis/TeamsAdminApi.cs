using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The Teams tenant admin ("config") API under <c>/teams</c> (real host api.interfaces.records.teams.microsoft.com,
/// api-facts.md §5.1). Reads only for now; a later task adds writes and more configuration types.
/// </summary>
internal sealed class TeamsAdminApi(TokenValidator validator, FixtureStore fixtures, TeamsPolicyStore policies)
{
    /// <summary>Directory roles that may use the Teams admin API (template ids, api-facts.md / brief).</summary>
    public static readonly string[] AllowedRoles =
    [
        DirectoryRoles.TeamsAdministrator,
        DirectoryRoles.TeamsCommunicationsAdministrator,
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.GlobalReader,
        DirectoryRoles.SkypeForBusinessAdministrator,
    ];

    private static readonly IReadOnlyCollection<string> Audiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Teams);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/teams/Skype.Policy/configurations/{configType}", ListAsync);
        app.MapGet("/teams/Skype.Policy/configurations/{configType}/configuration/{identity}", GetAsync);
    }

    /// <summary>
    /// INFERRED: the real API's error bodies are not documented; the emulator uses <c>{"error":{"code","message"}}</c>
    /// plus an <c>x-ms-correlation-id</c> header.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonResponses.WriteAsync(context, status, ErrorBody(code, message));

    public static JsonObject ErrorBody(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public static JsonObject ForStatus(int status) => status switch
    {
        429 => ErrorBody("TooManyRequests", "Too many requests. Retry after the interval given in the Retry-After header."),
        401 => ErrorBody("Unauthorized", "Authorization has been denied for this request."),
        403 => ErrorBody("Forbidden", "The caller does not have a Teams administrator role."),
        404 => ErrorBody("NotFound", "The requested configuration was not found."),
        _ => ErrorBody("InternalServerError", "An internal server error occurred."),
    };

    private Task ListAsync(HttpContext context)
    {
        if (Authorize(context, out var tenant) is { } denied)
        {
            return denied;
        }

        var type = context.GetRouteValue("configType") as string ?? string.Empty;
        var state = policies.For(tenant);
        if (!state.KnowsType(type))
        {
            return WriteErrorAsync(context, 404, "NotFound", $"Configuration type '{type}' was not found.");
        }

        return JsonResponses.WriteAsync(context, 200, new JsonArray([.. state.List(type)]));
    }

    private Task GetAsync(HttpContext context)
    {
        if (Authorize(context, out var tenant) is { } denied)
        {
            return denied;
        }

        var type = context.GetRouteValue("configType") as string ?? string.Empty;
        var identity = Uri.UnescapeDataString(context.GetRouteValue("identity") as string ?? string.Empty);
        var state = policies.For(tenant);
        var instance = state.KnowsType(type) ? state.Get(type, identity) : null;
        if (instance is null)
        {
            return WriteErrorAsync(context, 404, "NotFound", $"Configuration '{identity}' of type '{type}' was not found.");
        }

        // api-facts.md §5.1: the /configuration/{identity} call may return a one-element array.
        return JsonResponses.WriteAsync(context, 200, new JsonArray(instance));
    }

    /// <summary>Returns the error response task, or null when the caller may proceed.</summary>
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
        tenant = fixtures.FindTenant(token.TenantId)!;
        if (!token.HasAnyWid(AllowedRoles))
        {
            return WriteErrorAsync(context, 403, "Forbidden",
                $"The caller '{token.ObjectId}' does not have a Teams administrator role (Teams Administrator, Teams Communications Administrator, Global Administrator, Global Reader or Skype for Business Administrator) in tenant '{token.TenantId}'.");
        }

        return null;
    }
}
