using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// ACS data plane under <c>/acs/{resourceName}/...</c>. Reserved: a later task implements identities and tokens.
/// Errors use CommunicationErrorResponse <c>{"error":{"code","message"}}</c> (api-facts.md §1.7).
/// </summary>
internal static class AcsApi
{
    public static JsonObject ErrorBody(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public static JsonObject ForStatus(int status) => status switch
    {
        // INFERRED: ACS throttling body.
        429 => ErrorBody("TooManyRequests", "Too many requests. Please retry after the interval given in the Retry-After header."),
        401 => ErrorBody("InvalidAccessToken", "Provided access token is not valid."),
        404 => ErrorBody("NotFound", "The requested resource was not found."),
        _ => ErrorBody("InternalServerError", "An internal server error occurred."),
    };

    public static void Map(IEndpointRouteBuilder app) =>
        app.Map("/acs/{**rest}", context => JsonResponses.WriteAsync(context, 404,
            ErrorBody("NotFound", "The ACS data plane is not emulated yet (reserved prefix /acs/{resourceName}/)."), "application/json"));
}
