using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// The control API under <c>/_emulator</c> (loopback only, JSON, never logged): fixtures, reset, tenant tweaks,
/// device-code approval, federated tokens, faults, latency, request log, clock, shutdown.
/// </summary>
internal sealed class ControlApi(
    FixtureStore fixtures,
    EmulatorClock clock,
    ServerInfo server,
    JwtIssuer issuer,
    DeviceCodeStore deviceCodes,
    RefreshTokenStore refreshTokens,
    TokenEndpoint tokenEndpoint,
    TeamsPolicyStore teamsPolicies,
    OnlineMeetingStore onlineMeetings,
    FaultInjection faults,
    RequestLog log,
    IssuedSecrets issued,
    IHostApplicationLifetime lifetime,
    GraphVariants graphVariants)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/info", InfoAsync);
        app.MapPost("/_emulator/fixtures", LoadFixturesAsync);
        app.MapPost("/_emulator/reset", ResetAsync);
        app.MapPost("/_emulator/tenants/{tenantId}/tokenLifetime", TokenLifetimeAsync);
        app.MapPost("/_emulator/tenants/{tenantId}/applications/{clientId}/certificates", AddCertificateAsync);
        app.MapGet("/_emulator/devicecodes", DeviceCodesAsync);
        app.MapPost("/_emulator/devicecodes/approve", ApproveAsync);
        app.MapPost("/_emulator/devicecodes/decline", DeclineAsync);
        app.MapPost("/_emulator/devicecodes/autoApprove", AutoApproveAsync);
        app.MapPost("/_emulator/federation/token", FederationTokenAsync);
        app.MapGet("/_emulator/federation/keys", context => JsonResponses.WriteAsync(context, 200, issuer.ExternalJwks()));
        app.MapPost("/_emulator/faults", AddFaultAsync);
        app.MapGet("/_emulator/faults", context => JsonResponses.WriteAsync(context, 200, new JsonArray([.. faults.List()])));
        app.MapDelete("/_emulator/faults", context =>
        {
            faults.Clear();
            return Ok(context);
        });
        app.MapDelete("/_emulator/faults/{id}", context =>
            faults.Remove(context.GetRouteValue("id") as string ?? string.Empty) ? Ok(context) : Error(context, 404, "No such fault."));
        app.MapPost("/_emulator/latency", LatencyAsync);
        app.MapGet("/_emulator/latency", context => JsonResponses.WriteAsync(context, 200, faults.LatencyJson()));
        app.MapGet("/_emulator/requests", context => JsonResponses.WriteAsync(context, 200, new JsonArray([.. log.Snapshot().Select(e => e.ToJson())])));
        app.MapDelete("/_emulator/requests", context =>
        {
            log.Clear();
            return Ok(context);
        });
        app.MapGet("/_emulator/clock", ClockAsync);
        app.MapPost("/_emulator/clock", SetClockAsync);
        app.MapPost("/_emulator/shutdown", ShutdownAsync);

        // Test-only: every access/refresh token issued so far, for the leak suite (no real service has this).
        app.MapGet("/_emulator/issuedTokens", context => JsonResponses.WriteAsync(context, 200, JsonResponses.Array(issued.Snapshot())));
        app.Map("/_emulator/{**rest}", context => Error(context, 404, $"Unknown control endpoint {context.Request.Method} {context.Request.Path}."));
    }

    /// <summary>Reloads the --fixtures file (or an empty directory) and clears all run-time state.</summary>
    public void Reset()
    {
        var document = server.FixturesPath is { } path ? FixtureStore.Load(path) : new FixtureDocument();
        fixtures.Replace(document);
        log.Clear();
        faults.Clear();
        deviceCodes.Clear();
        refreshTokens.Clear();
        teamsPolicies.Clear();
        onlineMeetings.Clear();
        graphVariants.Reset();
        clock.Reset();
        Resetting?.Invoke();
    }

    /// <summary>Run-time state kept outside this class (the Purview switches) clears itself here.</summary>
    public static event Action? Resetting;

    private Task InfoAsync(HttpContext context) => JsonResponses.WriteAsync(context, 200, new JsonObject
    {
        ["baseUrl"] = server.BaseUrl,
        ["pid"] = Environment.ProcessId,
        ["caFile"] = server.CaFile,
        ["bundleFile"] = server.BundleFile,
        ["fixturesPath"] = server.FixturesPath,
        ["acsEndpoints"] = server.AcsEndpoints?.ToJson(),
        ["tenants"] = new JsonArray([.. fixtures.Tenants.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["id"] = t.Id, ["initialDomain"] = t.InitialDomain })]),
        ["now"] = clock.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    });

    private async Task LoadFixturesAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            var document = FixtureStore.Parse(text);
            var merge = string.Equals(context.Request.Query["merge"], "true", StringComparison.OrdinalIgnoreCase);
            if (merge)
            {
                fixtures.Merge(document);
            }
            else
            {
                fixtures.Replace(document);
            }

            await JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["ok"] = true,
                ["merged"] = merge,
                ["tenants"] = JsonResponses.Array(fixtures.Tenants.Select(t => t.Id)),
            }).ConfigureAwait(false);
        }
        catch (FixtureException ex)
        {
            await Error(context, 400, ex.Message).ConfigureAwait(false);
        }
    }

    private Task ResetAsync(HttpContext context)
    {
        try
        {
            Reset();
            return Ok(context);
        }
        catch (Exception ex) when (ex is FixtureException or IOException)
        {
            return Error(context, 500, ex.Message);
        }
    }

    private async Task TokenLifetimeAsync(HttpContext context)
    {
        var tenant = fixtures.FindTenantForControl(context.GetRouteValue("tenantId") as string);
        if (tenant is null)
        {
            await Error(context, 404, "Unknown tenant.").ConfigureAwait(false);
            return;
        }

        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        if (body?["seconds"] is not JsonValue v || !v.TryGetValue<int>(out var seconds) || seconds <= 0)
        {
            await Error(context, 400, "Body must be {\"seconds\": <positive integer>}.").ConfigureAwait(false);
            return;
        }

        tenant.TokenLifetimeSeconds = seconds;
        await JsonResponses.WriteAsync(context, 200, new JsonObject { ["tenantId"] = tenant.Id, ["tokenLifetimeSeconds"] = seconds }).ConfigureAwait(false);
    }

    private async Task AddCertificateAsync(HttpContext context)
    {
        var tenant = fixtures.FindTenantForControl(context.GetRouteValue("tenantId") as string);
        var app = tenant?.FindApplication(context.GetRouteValue("clientId") as string);
        if (app is null)
        {
            await Error(context, 404, "Unknown tenant or application.").ConfigureAwait(false);
            return;
        }

        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var certificate = body?["certificate"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(certificate))
        {
            await Error(context, 400, "Body must be {\"certificate\": \"<base64 DER or PEM public certificate>\"}.").ConfigureAwait(false);
            return;
        }

        try
        {
            var thumbprint = fixtures.AddCertificate(app, certificate);
            await JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["clientId"] = app.ClientId,
                ["thumbprint"] = thumbprint,
                ["certificateCount"] = app.Certificates.Count,
            }).ConfigureAwait(false);
        }
        catch (FixtureException ex)
        {
            await Error(context, 400, ex.Message).ConfigureAwait(false);
        }
    }

    private Task DeviceCodesAsync(HttpContext context)
    {
        var list = new JsonArray();
        foreach (var e in deviceCodes.Pending(clock.UtcNow))
        {
            list.Add(new JsonObject
            {
                ["userCode"] = e.UserCode,
                ["clientId"] = e.ClientId,
                ["tenant"] = e.TenantSegment,
                ["tenantId"] = e.TenantId,
                ["scope"] = e.Scope,
                ["expiresAt"] = e.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        return JsonResponses.WriteAsync(context, 200, list);
    }

    private async Task ApproveAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var entry = deviceCodes.FindByUserCode(body?["userCode"]?.GetValue<string>());
        var upn = body?["userPrincipalName"]?.GetValue<string>();
        if (entry is null || entry.Status != DeviceCodeStatus.Pending || clock.UtcNow >= entry.ExpiresAt)
        {
            await Error(context, 404, "No pending device code with that userCode.").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(upn))
        {
            await Error(context, 400, "userPrincipalName is required.").ConfigureAwait(false);
            return;
        }

        var error = tokenEndpoint.Approve(entry, upn);
        await (error is null ? Ok(context) : Error(context, 400, error)).ConfigureAwait(false);
    }

    private async Task DeclineAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var entry = deviceCodes.FindByUserCode(body?["userCode"]?.GetValue<string>());
        if (entry is null || entry.Status != DeviceCodeStatus.Pending)
        {
            await Error(context, 404, "No pending device code with that userCode.").ConfigureAwait(false);
            return;
        }

        entry.Status = DeviceCodeStatus.Declined;
        await Ok(context).ConfigureAwait(false);
    }

    private async Task AutoApproveAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var upn = body?["userPrincipalName"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        if (upn is not null && fixtures.FindUserAnyTenant(upn) is null)
        {
            await Error(context, 400, $"User '{upn}' was not found in any tenant.").ConfigureAwait(false);
            return;
        }

        deviceCodes.AutoApproveUser = upn;
        await JsonResponses.WriteAsync(context, 200, new JsonObject { ["autoApprove"] = upn }).ConfigureAwait(false);
    }

    private async Task FederationTokenAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject;
        var iss = body?["issuer"]?.GetValue<string>();
        var sub = body?["subject"]?.GetValue<string>();
        if (string.IsNullOrEmpty(iss) || string.IsNullOrEmpty(sub))
        {
            await Error(context, 400, "issuer and subject are required.").ConfigureAwait(false);
            return;
        }

        var aud = body?["audience"]?.GetValue<string>() ?? "api://AzureADTokenExchange";
        var lifetime = body?["lifetimeSeconds"] is JsonValue lv && lv.TryGetValue<int>(out var l) ? l : 600;
        var now = clock.UnixNow;
        var payload = new JsonObject
        {
            ["iss"] = iss,
            ["sub"] = sub,
            ["aud"] = aud,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + lifetime,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        await JsonResponses.WriteAsync(context, 200, new JsonObject { ["token"] = issuer.SignExternal(payload) }).ConfigureAwait(false);
    }

    private async Task AddFaultAsync(HttpContext context)
    {
        if (await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject body)
        {
            await Error(context, 400, "Body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var error = faults.TryAdd(body, out var rule);
        await (error is null
            ? JsonResponses.WriteAsync(context, 200, new JsonObject { ["id"] = rule!.Id })
            : Error(context, 400, error)).ConfigureAwait(false);
    }

    private async Task LatencyAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var name = body?["service"] is JsonValue sv ? sv.ToString() : null;
        if (!ServiceClassifier.TryParse(name, out var service))
        {
            await Error(context, 400, "service must be one of entra, msi, graph, teams, arm, acs, any.").ConfigureAwait(false);
            return;
        }

        var delay = body?["delayMs"] is JsonValue dv && dv.TryGetValue<int>(out var d) ? d : 0;
        faults.SetLatency(service, delay);
        await JsonResponses.WriteAsync(context, 200, faults.LatencyJson()).ConfigureAwait(false);
    }

    private Task ClockAsync(HttpContext context) => JsonResponses.WriteAsync(context, 200, new JsonObject
    {
        ["now"] = clock.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["unixNow"] = clock.UnixNow,
        ["offsetSeconds"] = (long)clock.Offset.TotalSeconds,
    });

    private async Task SetClockAsync(HttpContext context)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        if (body?["advanceSeconds"] is JsonValue a && a.TryGetValue<long>(out var advance))
        {
            clock.Advance(TimeSpan.FromSeconds(advance));
        }
        else if (body?["offsetSeconds"] is JsonValue o && o.TryGetValue<long>(out var offset))
        {
            clock.SetOffset(TimeSpan.FromSeconds(offset));
        }
        else
        {
            await Error(context, 400, "Body must be {\"advanceSeconds\": N} or {\"offsetSeconds\": N}.").ConfigureAwait(false);
            return;
        }

        await ClockAsync(context).ConfigureAwait(false);
    }

    private Task ShutdownAsync(HttpContext context)
    {
        context.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return JsonResponses.WriteAsync(context, 200, new JsonObject { ["shuttingDown"] = true });
    }

    private static Task Ok(HttpContext context) => JsonResponses.WriteAsync(context, 200, new JsonObject { ["ok"] = true });

    private static Task Error(HttpContext context, int status, string message) =>
        JsonResponses.WriteAsync(context, status, new JsonObject { ["error"] = message });
}
