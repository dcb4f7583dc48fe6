using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>Azure Resource Manager error body <c>{"error":{"code","message"}}</c> and its 401 variants.</summary>
internal static class ArmErrors
{
    public static JsonObject Body(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public static Task WriteAsync(HttpContext context, int status, string code, string message) =>
        JsonResponses.WriteAsync(context, status, Body(code, message));

    public static Task WriteUnauthorizedAsync(HttpContext context, ServerInfo server, TokenValidationResult result)
    {
        var (code, message) = result.Failure switch
        {
            TokenFailure.Missing => ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
            TokenFailure.Malformed => ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format."),
            TokenFailure.Expired => ("ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{ArmTime(result.Expiry ?? DateTimeOffset.UnixEpoch)}' is earlier than current UTC time '{ArmTime(result.Now)}'."),
            TokenFailure.WrongAudience => ("InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{result.Audience}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'."),
            // INFERRED: message for a token that is not yet valid.
            TokenFailure.NotYetValid => ("InvalidAuthenticationToken", "The access token is not yet valid."),
            _ => ("InvalidAuthenticationToken", "The access token is invalid."),
        };
        var description = result.Failure == TokenFailure.Missing
            ? "The authentication failed because of missing 'Authorization' header."
            : "The access token is invalid.";
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization_uri=\"{server.BaseUrl}/\", error=\"invalid_token\", error_description=\"{description}\"";
        return WriteAsync(context, 401, code, message);
    }

    public static JsonObject ForStatus(int status) => status switch
    {
        429 => Body("TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Read. Please retry after the time given in the Retry-After header."),
        401 => Body("InvalidAuthenticationToken", "The access token is invalid."),
        403 => Body("AuthorizationFailed", "The client does not have authorization to perform this action."),
        404 => Body("NotFound", "The resource was not found."),
        503 => Body("ServiceUnavailable", "The service is temporarily unavailable."),
        504 => Body("GatewayTimeout", "The gateway did not receive a response within the specified time period."),
        _ => Body("InternalServerError", "Encountered internal server error."),
    };

    /// <summary>ARM prints times like '11/15/2019 6:22:36 AM'.</summary>
    public static string ArmTime(DateTimeOffset t) => t.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
}
