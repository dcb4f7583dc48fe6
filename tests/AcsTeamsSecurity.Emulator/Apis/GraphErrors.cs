using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>Microsoft Graph error bodies (api-facts.md §3.6) and headers.</summary>
internal static class GraphErrors
{
    /// <summary>Generic Graph error: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
    public static JsonObject Body(HttpContext context, EmulatorClock clock, string code, string message)
    {
        var a = RequestAnnotations.Get(context);
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = Date(clock),
                    ["request-id"] = a.RequestId,
                    ["client-request-id"] = ClientRequestId(context),
                },
            },
        };
    }

    /// <summary>The 429 body exactly as api-facts.md §3.6 shows it.</summary>
    public static JsonObject TooManyRequests(HttpContext context, EmulatorClock clock) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = "TooManyRequests",
            ["innerError"] = new JsonObject
            {
                ["code"] = "429",
                ["date"] = Date(clock),
                ["message"] = "Please retry after",
                ["request-id"] = RequestAnnotations.Get(context).RequestId,
                ["status"] = "429",
            },
            ["message"] = "Please retry again later.",
        },
    };

    public static Task WriteAsync(HttpContext context, EmulatorClock clock, int status, string code, string message)
    {
        if (status == 401)
        {
            // INFERRED: Graph's challenge header.
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
        }

        return JsonResponses.WriteAsync(context, status, Body(context, clock, code, message));
    }

    /// <summary>Body for an injected fault with no explicit body.</summary>
    public static JsonObject ForStatus(HttpContext context, EmulatorClock clock, int status) => status switch
    {
        429 => TooManyRequests(context, clock),
        // INFERRED: codes for other injected statuses.
        400 => Body(context, clock, "BadRequest", "Bad request."),
        401 => Body(context, clock, "InvalidAuthenticationToken", "Access token validation failure."),
        403 => Body(context, clock, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
        404 => Body(context, clock, "Request_ResourceNotFound", "Resource not found."),
        503 => Body(context, clock, "serviceNotAvailable", "The service is temporarily unavailable."),
        504 => Body(context, clock, "gatewayTimeout", "The gateway did not receive a response in time."),
        _ => Body(context, clock, "generalException", "An unexpected error occurred."),
    };

    /// <summary>Graph's 401 message for a token that failed validation.</summary>
    public static string TokenFailureMessage(TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "Access token is empty.",
        TokenFailure.Malformed => "IDX14100: JWT is not well formed, there are no dots (.).",
        TokenFailure.Expired or TokenFailure.NotYetValid => "Access token has expired or is not yet valid.",
        TokenFailure.WrongAudience => "Access token validation failure. Invalid audience.",
        TokenFailure.WrongIssuer or TokenFailure.UnknownTenant => "Access token validation failure. Invalid issuer.",
        // INFERRED: message for a signature that does not verify.
        _ => "Access token validation failure. Invalid signature.",
    };

    /// <summary>Graph's answer for a path it does not know: 400 "Resource not found for the segment '…'."</summary>
    public static Task UnknownSegmentAsync(HttpContext context, EmulatorClock clock) =>
        JsonResponses.WriteAsync(context, 400, UnknownSegmentBody(context, clock));

    public static JsonObject UnknownSegmentBody(HttpContext context, EmulatorClock clock)
    {
        var path = context.Request.Path.Value ?? "/";
        return Body(context, clock, "BadRequest", $"Resource not found for the segment '{path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault()}'.");
    }

    /// <summary>Graph echoes client-request-id, or repeats request-id when the client sent none.</summary>
    public static string ClientRequestId(HttpContext context) =>
        context.Request.Headers["client-request-id"].FirstOrDefault() ?? RequestAnnotations.Get(context).RequestId;

    private static string Date(EmulatorClock clock) => clock.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
