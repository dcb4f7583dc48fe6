using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Test-only switches of the emulated Teams admin API (no real service has them), reset with the emulator:
/// <list type="bullet">
/// <item><c>GET|POST /_emulator/teams/writeBehavior</c> <c>{"responseShape":"object|array|empty","etag":bool,"warning":"text"|null,"ignoreSettings":["Name"]}</c>
/// (properties left out stay as they are).</item>
/// <item><c>POST /_emulator/teams/changeAfterRead</c> <c>{"tenant":"key, id or domain","type":"TeamsMeetingPolicy","identity":"Tag:Name","set":{"Setting":value}}</c>:
/// once, right after the next read of that instance is answered, another admin changes it.</item>
/// </list>
/// </summary>
internal sealed class TeamsControlApi(FixtureStore fixtures, TeamsPolicyStore policies)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/teams/writeBehavior", context => JsonResponses.WriteAsync(context, 200, policies.Writes.ToJson()));
        app.MapPost("/_emulator/teams/writeBehavior", WriteBehaviorAsync);
        app.MapPost("/_emulator/teams/changeAfterRead", ChangeAfterReadAsync);
    }

    private async Task WriteBehaviorAsync(HttpContext context)
    {
        if (await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject body)
        {
            await Error(context, 400, "Body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var error = policies.Writes.Update(body);
        await (error is null ? JsonResponses.WriteAsync(context, 200, policies.Writes.ToJson()) : Error(context, 400, error)).ConfigureAwait(false);
    }

    private async Task ChangeAfterReadAsync(HttpContext context)
    {
        if (await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject body)
        {
            await Error(context, 400, "Body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var tenant = fixtures.FindTenantForControl(body["tenant"]?.GetValue<string>());
        var type = TeamsPolicyDefaults.Find(body["type"]?.GetValue<string>());
        var identity = body["identity"]?.GetValue<string>();
        if (tenant is null || type is null || string.IsNullOrWhiteSpace(identity) || body["set"] is not JsonObject set || set.Count == 0)
        {
            await Error(context, 400, "Body must be {\"tenant\": \"<key, id or domain>\", \"type\": \"<configuration type>\", \"identity\": \"Global or Tag:Name\", \"set\": {\"<Setting>\": <value>}} naming a known tenant and type.").ConfigureAwait(false);
            return;
        }

        var normalized = TenantTeamsState.NormalizeIdentity(identity);
        if (policies.For(tenant).Get(type.Name, normalized) is null)
        {
            await Error(context, 404, $"{type.Name} has no instance '{normalized}'.").ConfigureAwait(false);
            return;
        }

        var (changes, problem) = TenantTeamsState.ValidateChanges(type, (JsonObject)set.DeepClone(), normalized == "Global");
        if (problem is not null)
        {
            await Error(context, 400, problem.Message).ConfigureAwait(false);
            return;
        }

        policies.Writes.AddChangeAfterRead(new ChangeAfterRead(tenant.Id, type.Name, normalized, changes!));
        await JsonResponses.WriteAsync(context, 200, policies.Writes.ToJson()).ConfigureAwait(false);
    }

    private static Task Error(HttpContext context, int status, string message) =>
        JsonResponses.WriteAsync(context, status, new JsonObject { ["error"] = message });
}
