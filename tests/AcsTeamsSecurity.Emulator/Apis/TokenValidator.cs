using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

internal enum TokenFailure
{
    None,
    Missing,
    Malformed,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    UnknownTenant,
}

/// <summary>A bearer token that passed validation, with the claims APIs authorise on.</summary>
internal sealed class ValidatedToken(JsonObject claims)
{
    public JsonObject Claims { get; } = claims;

    public string TenantId => Jwt.GetString(Claims, "tid") ?? string.Empty;

    public string ObjectId => Jwt.GetString(Claims, "oid") ?? string.Empty;

    public string AppId => Jwt.GetString(Claims, "appid") ?? Jwt.GetString(Claims, "azp") ?? string.Empty;

    public bool IsUser => Jwt.GetString(Claims, "idtyp") == "user" || Claims.ContainsKey("scp");

    public string? UserPrincipalName => Jwt.GetString(Claims, "upn") ?? Jwt.GetString(Claims, "preferred_username");

    public string Audience => Jwt.GetStrings(Claims, "aud") is [var first, ..] ? first : string.Empty;

    public IReadOnlyList<string> Roles => Jwt.GetStrings(Claims, "roles");

    public IReadOnlyList<string> Scopes => (Jwt.GetString(Claims, "scp") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> Wids => Jwt.GetStrings(Claims, "wids");

    public bool HasAnyRole(params string[] roles) => Roles.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase));

    public bool HasAnyScope(params string[] scopes) => Scopes.Any(s => scopes.Contains(s, StringComparer.OrdinalIgnoreCase));

    public bool HasAnyWid(params string[] templateIds) => Wids.Any(w => templateIds.Contains(w, StringComparer.OrdinalIgnoreCase));
}

internal sealed class TokenValidationResult
{
    public TokenFailure Failure { get; init; }

    public ValidatedToken? Token { get; init; }

    /// <summary>Claims of a token that parsed and was signed by the emulator, even when later checks failed.</summary>
    public JsonObject? Claims { get; init; }

    public DateTimeOffset Now { get; init; }

    public DateTimeOffset? Expiry { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public string? Audience { get; init; }

    public bool IsValid => Failure == TokenFailure.None;
}

/// <summary>
/// Bearer-token validation shared by every emulated API: signature (emulator key), exp/nbf against the emulator clock
/// with the fixture clock skew, audience, issuer and tenant. Each API maps failures to its own error format.
/// </summary>
internal sealed class TokenValidator(JwtIssuer issuer, EmulatorClock clock, ServerInfo server, FixtureStore fixtures)
{
    public TokenValidationResult Validate(HttpContext context, IReadOnlyCollection<string> audiences)
    {
        var now = clock.UtcNow;
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return new TokenValidationResult { Failure = TokenFailure.Missing, Now = now };
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return new TokenValidationResult { Failure = TokenFailure.Malformed, Now = now };
        }

        return ValidateCore(header["Bearer ".Length..].Trim(), audiences, RequestAnnotations.Get(context), now);
    }

    /// <summary>
    /// Validates a token that arrived somewhere other than the Authorization header (e.g. the Entra token in the ACS
    /// Teams exchange body) with the same rules; the request log is not annotated with its identity.
    /// </summary>
    public TokenValidationResult ValidateToken(string? token, IReadOnlyCollection<string> audiences)
    {
        var now = clock.UtcNow;
        return string.IsNullOrWhiteSpace(token)
            ? new TokenValidationResult { Failure = TokenFailure.Missing, Now = now }
            : ValidateCore(token.Trim(), audiences, null, now);
    }

    private TokenValidationResult ValidateCore(string raw, IReadOnlyCollection<string> audiences, RequestAnnotations? annotations, DateTimeOffset now)
    {
        var jwt = ParsedJwt.TryParse(raw);
        if (jwt is null)
        {
            return new TokenValidationResult { Failure = TokenFailure.Malformed, Now = now };
        }

        if (!issuer.VerifyEmulatorSignature(jwt))
        {
            return new TokenValidationResult { Failure = TokenFailure.BadSignature, Now = now };
        }

        var claims = jwt.Payload;
        var token = new ValidatedToken(claims);
        if (annotations is not null)
        {
            annotations.TenantId = token.TenantId;
            annotations.AppId = token.AppId;
            annotations.PrincipalId = token.ObjectId;
            annotations.ClientId ??= token.AppId;
        }

        var exp = Jwt.GetLong(claims, "exp") is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : (DateTimeOffset?)null;
        var nbf = Jwt.GetLong(claims, "nbf") is { } n ? DateTimeOffset.FromUnixTimeSeconds(n) : (DateTimeOffset?)null;
        var aud = token.Audience;
        TokenValidationResult Fail(TokenFailure f) => new() { Failure = f, Claims = claims, Now = now, Expiry = exp, NotBefore = nbf, Audience = aud };

        var skew = fixtures.ClockSkew;
        if (exp is null || now - skew >= exp)
        {
            return Fail(TokenFailure.Expired);
        }

        if (nbf is not null && now + skew < nbf)
        {
            return Fail(TokenFailure.NotYetValid);
        }

        if (!audiences.Contains(aud, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(TokenFailure.WrongAudience);
        }

        if (fixtures.FindTenant(token.TenantId) is null || !Guid.TryParse(token.TenantId, out _))
        {
            return Fail(TokenFailure.UnknownTenant);
        }

        var expectedIssuer = Jwt.GetString(claims, "ver") == "1.0" ? ServerInfo.V1IssuerFor(token.TenantId) : server.IssuerFor(token.TenantId);
        if (!string.Equals(Jwt.GetString(claims, "iss"), expectedIssuer, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(TokenFailure.WrongIssuer);
        }

        return new TokenValidationResult { Failure = TokenFailure.None, Token = token, Claims = claims, Now = now, Expiry = exp, NotBefore = nbf, Audience = aud };
    }
}
