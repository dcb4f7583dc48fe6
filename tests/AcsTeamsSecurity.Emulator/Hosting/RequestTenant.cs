using AcsTeamsSecurity.Emulator.Entra;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// The tenant a request belongs to, for tenant-scoped faults: the first path segment of an Entra request
/// (<c>/{tenant}/oauth2/v2.0/token</c>), otherwise the <c>tid</c> of the bearer token (read, not validated: the API
/// validates it afterwards). Null when neither is there.
/// </summary>
internal static class RequestTenant
{
    public static string? Of(HttpContext context, EmulatorService service)
    {
        if (service == EmulatorService.Entra)
        {
            var path = context.Request.Path.Value ?? "/";
            var segment = path.TrimStart('/').Split('/')[0];
            return segment.Length > 0 ? segment : null;
        }

        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var jwt = ParsedJwt.TryParse(authorization["Bearer ".Length..].Trim());
        return jwt is null ? null : Jwt.GetString(jwt.Payload, "tid");
    }
}
