using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Control;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.ManagedIdentity;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// Runs around every request: classifies the service, guards the control API (loopback only), adds each service's
/// request-id headers, applies latency and faults, turns unhandled exceptions into the service's 500 body, and writes
/// the request log.
/// </summary>
internal sealed class EmulatorMiddleware(FaultInjection faults, RequestLog log, EmulatorClock clock, ServerInfo server)
{
    /// <summary>Handles every request that arrives on an ACS port (any path: the port is the resource).</summary>
    public Func<HttpContext, Task>? AcsHandler { get; set; }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var service = ServiceClassifier.Classify(context);
        if (service == EmulatorService.Control)
        {
            if (context.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip))
            {
                await JsonResponses.WriteAsync(context, 403, new JsonObject { ["error"] = "The control API is loopback only." }).ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException && !context.Response.HasStarted)
            {
                // A control-API body with the wrong JSON types (e.g. a number where a string belongs).
                await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = ex.Message }).ConfigureAwait(false);
            }

            return;
        }

        var annotations = new RequestAnnotations { Service = service };
        if (service == EmulatorService.Teams)
        {
            // Identifiers only (api-facts.md §10.1 handshake and per-request headers), recorded for the tests.
            annotations.TargetUri = context.Request.Headers["X-MS-Target-Uri"].FirstOrDefault();
            annotations.CmdletName = context.Request.Headers["X-MS-CmdletName"].FirstOrDefault();
            annotations.CorrelationId = context.Request.Headers["X-MS-Correlation-Id"].FirstOrDefault();
        }

        RequestAnnotations.Set(context, annotations);
        AddServiceHeaders(context, service, annotations);
        var watch = Stopwatch.StartNew();
        if (service == EmulatorService.Acs)
        {
            // Recorded ACS responses carry X-Processing-Time (e.g. "92ms").
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Processing-Time"] = watch.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";
                return Task.CompletedTask;
            });
        }

        var dropped = false;
        try
        {
            var latency = faults.LatencyFor(service);
            if (latency > 0)
            {
                await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
            }

            var fault = faults.Match(service, context.Request.Method, context.Request.Path.Value ?? "/", () => RequestTenant.Of(context, service));
            if (fault is not null)
            {
                annotations.FaultInjected = true;
                if (fault.DelayMs > 0)
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted).ConfigureAwait(false);
                }

                if (fault.Drop)
                {
                    dropped = true;
                    context.Abort();
                    return;
                }

                if (fault.Status is { } status)
                {
                    await WriteFaultAsync(context, service, status, fault).ConfigureAwait(false);
                    return;
                }
            }

            await (service == EmulatorService.Acs && AcsHandler is { } acs ? acs(context) : next(context)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            await Console.Error.WriteLineAsync($"[emulator] unhandled {ex.GetType().Name} for {context.Request.Method} {context.Request.Path}: {ex.Message}").ConfigureAwait(false);
            context.Response.Clear();
            AddServiceHeaders(context, service, annotations);
            await WriteServiceErrorAsync(context, service, 500).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            dropped = true;
        }
        finally
        {
            dropped |= annotations.Dropped;
            log.Add(new RequestLogEntry(
                annotations.Seq ?? log.NextSeq(),
                DateTimeOffset.UtcNow,
                ServiceClassifier.Name(service),
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                dropped ? 0 : context.Response.StatusCode,
                annotations.TenantId,
                annotations.ClientId,
                annotations.GrantType,
                annotations.Resource,
                annotations.PrincipalId,
                annotations.AppId,
                annotations.AuthKind,
                annotations.FaultInjected,
                watch.ElapsedMilliseconds,
                TargetUri: annotations.TargetUri,
                CmdletName: annotations.CmdletName,
                CorrelationId: annotations.CorrelationId,
                BodyProperties: annotations.BodyProperties)
            {
                ApiVersion = context.Request.Query.TryGetValue("api-version", out var apiVersion) ? apiVersion.ToString() : null,
            });
            foreach (var inner in annotations.InnerEntries ?? [])
            {
                log.Add(inner);
            }
        }
    }

    private Task WriteFaultAsync(HttpContext context, EmulatorService service, int status, FaultRule fault)
    {
        if (!string.IsNullOrEmpty(fault.RetryAfter))
        {
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        }

        if (fault.Body is not null)
        {
            return JsonResponses.WriteRawAsync(context, status, fault.Body, fault.ContentType ?? "application/json");
        }

        return WriteServiceErrorAsync(context, service, status, fault.ContentType);
    }

    /// <summary>The service's own error body for a status (used by faults without a body and for crashes).</summary>
    private Task WriteServiceErrorAsync(HttpContext context, EmulatorService service, int status, string? contentType = null)
    {
        JsonNode body = service switch
        {
            EmulatorService.Graph => GraphErrors.ForStatus(context, clock, status),
            EmulatorService.Arm => ArmErrors.ForStatus(status),
            EmulatorService.Teams => TeamsAdminApi.ForStatus(status),
            EmulatorService.Acs => AcsApi.ForStatus(status),
            EmulatorService.Msi => ManagedIdentityEndpoint.ErrorBody(context, status, status == 429 ? "Too many requests." : "An unexpected error occurred."),
            _ => EntraErrors.Body(context, EntraErrors.ForStatus(status), server, clock),
        };
        // ACS error responses have no charset (api-facts.md §1.7).
        return JsonResponses.WriteAsync(context, status, body, contentType ?? (service == EmulatorService.Acs ? AcsApi.ErrorContentType : "application/json; charset=utf-8"));
    }

    private static void AddServiceHeaders(HttpContext context, EmulatorService service, RequestAnnotations a)
    {
        var headers = context.Response.Headers;
        switch (service)
        {
            case EmulatorService.Graph:
                headers["request-id"] = a.RequestId;
                headers["client-request-id"] = GraphErrors.ClientRequestId(context);
                break;
            case EmulatorService.Arm:
                headers["x-ms-request-id"] = a.RequestId;
                headers["x-ms-correlation-request-id"] = context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? a.RequestId;
                break;
            case EmulatorService.Entra:
                headers["x-ms-request-id"] = a.RequestId;
                headers["x-ms-ests-server"] = "2.1.emulator";
                break;
            case EmulatorService.Teams:
                // INFERRED: correlation header name for the Teams admin API.
                headers["x-ms-correlation-id"] = a.RequestId;
                break;
            case EmulatorService.Acs:
                headers["MS-CV"] = a.RequestId;
                headers["api-supported-versions"] = AcsApi.SupportedVersionsHeader;
                if (context.Request.Headers["x-ms-client-request-id"].FirstOrDefault() is { } cid)
                {
                    headers["x-ms-client-request-id"] = cid;
                }

                break;
            case EmulatorService.Msi:
                headers["x-ms-request-id"] = a.RequestId;
                break;
        }

    }
}
