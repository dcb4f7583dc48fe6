using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary><c>POST /{tenant}/oauth2/v2.0/devicecode</c>: starts the device code flow for a public-client app.</summary>
internal sealed class DeviceCodeEndpoint(FixtureStore fixtures, EmulatorClock clock, ServerInfo server, DeviceCodeStore deviceCodes)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", HandleAsync);
        app.MapGet("/devicelogin", DeviceLoginPageAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segment = context.GetRouteValue("tenant") as string ?? string.Empty;
        var annotations = RequestAnnotations.Get(context);
        annotations.GrantType = "device_code_request";
        if (!context.Request.HasFormContentType)
        {
            await FailAsync(context, EntraErrors.MissingParameter("client_id")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        annotations.ClientId = clientId;
        annotations.Resource = scope;

        var resolution = TenantResolution.Resolve(fixtures, segment);
        if (resolution.Error is not null)
        {
            await FailAsync(context, resolution.Error).ConfigureAwait(false);
            return;
        }

        annotations.TenantId = resolution.Tenant?.Id;
        if (string.IsNullOrEmpty(clientId))
        {
            await FailAsync(context, EntraErrors.MissingParameter("client_id")).ConfigureAwait(false);
            return;
        }

        (TenantFixture Tenant, ApplicationFixture App)? found = resolution.Tenant is { } t
            ? t.FindApplication(clientId) is { } a ? (t, a) : null
            : fixtures.FindApplicationAnyTenant(clientId);
        if (found is not { } hit)
        {
            await FailAsync(context, EntraErrors.ApplicationNotFound(clientId, resolution.DisplayName(segment))).ConfigureAwait(false);
            return;
        }

        if (!hit.App.IsPublicClient)
        {
            // INFERRED: real Entra fails later, at redemption; failing here gives tests a faster, clearer error.
            await FailAsync(context, EntraErrors.NotPublicClient()).ConfigureAwait(false);
            return;
        }

        if (ResourceCatalog.Parse(scope, appOnly: false, hit.Tenant.DisplayName, out var scopeError) is null)
        {
            await FailAsync(context, scopeError!).ConfigureAwait(false);
            return;
        }

        var entry = deviceCodes.Create(hit.App.ClientId, segment, resolution.Tenant?.Id, scope, clock.UtcNow);
        var uri = $"{server.BaseUrl}/devicelogin";
        var body = new JsonObject
        {
            ["user_code"] = entry.UserCode,
            ["device_code"] = entry.DeviceCode,
            ["verification_uri"] = uri,
            ["expires_in"] = DeviceCodeStore.LifetimeSeconds,
            ["interval"] = (resolution.Tenant ?? hit.Tenant).DeviceCodeIntervalSeconds,
            ["message"] = $"To sign in, use a web browser to open the page {uri} and enter the code {entry.UserCode} to authenticate.",
        };
        EntraErrors.NoCache(context);
        await JsonResponses.WriteAsync(context, 200, body).ConfigureAwait(false);
    }

    private static Task DeviceLoginPageAsync(HttpContext context) => JsonResponses.WriteRawAsync(
        context,
        200,
        "<!DOCTYPE html><html><head><title>Emulator device login</title></head><body><h1>AcsTeamsSecurity emulator</h1>" +
        "<p>Device codes are approved through the control API: <code>POST /_emulator/devicecodes/approve</code>.</p></body></html>",
        "text/html; charset=utf-8");

    private Task FailAsync(HttpContext context, EntraError error) => EntraErrors.WriteAsync(context, error, server, clock);
}
