using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Control endpoints for the ACS data plane (test-only, no real service has them): list identities with their
/// revocation state, validate an ACS token (so tests can prove revoke and delete really invalidate), and the JWKS of
/// the ACS signing key.
/// </summary>
internal sealed class AcsControlApi(FixtureStore fixtures, AcsIdentityStore store, AcsTokenIssuer issuer)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/acs/identities", ListAsync);
        app.MapPost("/_emulator/acs/validateToken", ValidateAsync);
        app.MapGet("/_emulator/acs/keys", context => JsonResponses.WriteAsync(context, 200, issuer.Jwks()));
    }

    private Task ListAsync(HttpContext context)
    {
        var name = context.Request.Query["resource"].FirstOrDefault();
        if (!string.IsNullOrEmpty(name) && fixtures.FindAcsResource(name) is null)
        {
            return JsonResponses.WriteAsync(context, 404, new JsonObject { ["error"] = $"No ACS resource named '{name}'." });
        }

        var list = store.List(string.IsNullOrEmpty(name) ? null : name);
        return JsonResponses.WriteAsync(context, 200, new JsonArray([.. list.Select(i => (JsonNode)i.ToJson())]));
    }

    private async Task ValidateAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        if (body?["token"] is not JsonValue v || !v.TryGetValue<string>(out var token))
        {
            await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = "Body must be {\"token\": \"<ACS access token>\"}." }).ConfigureAwait(false);
            return;
        }

        var result = store.ValidateToken(token);
        var answer = new JsonObject
        {
            ["valid"] = result.Valid,
            ["reason"] = result.Reason,
            ["identity"] = result.Identity,
            ["resource"] = result.Record?.ResourceName,
            ["resourceId"] = result.Claims is { } c ? Jwt.GetString(c, "resourceId") : null,
            ["acsScope"] = result.Claims is { } s ? Jwt.GetString(s, "acsScope") : null,
            ["expiresOn"] = result.Record is { } r ? AcsTokenIssuer.FormatExpiresOn(r.ExpiresOn) : null,
        };
        await JsonResponses.WriteAsync(context, 200, answer).ConfigureAwait(false);
    }
}
