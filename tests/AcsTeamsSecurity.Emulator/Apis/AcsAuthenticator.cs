using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>Result of checking an HMAC-SHA256 Authorization header.</summary>
internal enum HmacResult
{
    Ok,
    Malformed,
    ContentHashMismatch,
    MissingDate,
    BadDate,
    DateOutOfWindow,
    BadSignature,
}

/// <summary>
/// Authenticates ACS data-plane requests: access-key HMAC-SHA256 (api-facts.md §2.2) or an Entra bearer token with
/// aud <c>https://communication.azure.com</c> (§2.6) whose principal holds a data-plane role on the resource.
/// Writes the 401/403 itself and returns false when the request must stop.
/// </summary>
internal sealed class AcsAuthenticator(TokenValidator validator, EmulatorClock clock)
{
    /// <summary>aud of data-plane bearer tokens (scope <c>https://communication.azure.com//.default</c>).</summary>
    public const string DataPlaneAudience = "https://communication.azure.com";

    /// <summary>The two SignedHeaders forms accepted (§2.2: current x-ms-date, older date).</summary>
    public const string SignedHeadersXmsDate = "x-ms-date;host;x-ms-content-sha256";
    public const string SignedHeadersDate = "date;host;x-ms-content-sha256";

    /// <summary>
    /// INFERRED: allowed distance between the signed date and the emulator clock. ACS documents none; Azure App
    /// Configuration's HMAC scheme documents 15 minutes.
    /// </summary>
    public static readonly TimeSpan DateWindow = TimeSpan.FromMinutes(15);

    /// <summary>INFERRED: Azure roles that allow Entra callers to use the identity API.</summary>
    public static readonly string[] DataPlaneRoles = ["Owner", "Contributor", "Communication and Email Service Owner"];

    private const string HmacScheme = "HMAC-SHA256";

    public async Task<bool> AuthenticateAsync(HttpContext context, TenantFixture tenant, AcsResourceFixture resource, string pathAndQuery, byte[] body)
    {
        var header = context.Request.Headers.Authorization.ToString().Trim();
        var annotations = RequestAnnotations.Get(context);
        if (header.Length == 0)
        {
            // INFERRED: body for a request without credentials.
            await AcsApi.WriteErrorAsync(context, 401, "Denied", "Authorization header is missing. Sign the request with an access key (HMAC-SHA256) or send an Entra ID bearer token.").ConfigureAwait(false);
            return false;
        }

        if (header.StartsWith(HmacScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            annotations.AuthKind = "hmac";
            var (result, message) = VerifyHmac(
                context.Request.Method,
                pathAndQuery,
                context.Request.Headers.Host.ToString(),
                header,
                context.Request.Headers["x-ms-date"].FirstOrDefault(),
                context.Request.Headers.Date.FirstOrDefault(),
                context.Request.Headers["x-ms-content-sha256"].FirstOrDefault(),
                body,
                [resource.AccessKeys.Primary, resource.AccessKeys.Secondary],
                clock.UtcNow);
            if (result == HmacResult.Ok && resource.DisableLocalAuth == true)
            {
                // ARM disableLocalAuth (api-facts §7.2, §7.3) turns access keys off. INFERRED: the status and body of
                // the refusal (the reference records none); 403 with the recorded error shape.
                await AcsApi.WriteErrorAsync(context, 403, "Forbidden", "Local authentication is disabled for this Communication Services resource. Use Microsoft Entra ID authentication.").ConfigureAwait(false);
                return false;
            }

            if (result == HmacResult.Ok)
            {
                return true;
            }

            await AcsApi.WriteErrorAsync(context, 401, "Denied", message).ConfigureAwait(false);
            return false;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            annotations.AuthKind = "bearer";
            return await BearerAsync(context, tenant, resource).ConfigureAwait(false);
        }

        // INFERRED: body for an unknown Authorization scheme.
        await AcsApi.WriteErrorAsync(context, 401, "Denied", "Authorization header is malformed. Use 'HMAC-SHA256 SignedHeaders=…&Signature=…' or 'Bearer <token>'.").ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Checks an HMAC-SHA256 header exactly per api-facts.md §2.2. Order: header shape, content hash (recorded
    /// message), date present and parseable, date window, signature against either key.
    /// </summary>
    public static (HmacResult Result, string Message) VerifyHmac(
        string method, string pathAndQuery, string host, string authorization, string? xMsDate, string? date, string? contentHashHeader,
        byte[] body, IReadOnlyList<string> base64Keys, DateTimeOffset now)
    {
        // INFERRED: every message below except the content-hash one.
        const string Malformed = "Authorization header is malformed. Expected 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>'.";
        var parameters = authorization[HmacScheme.Length..].Trim().Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parameters.TryGetValue("SignedHeaders", out var signedHeaders) || !parameters.TryGetValue("Signature", out var signature) || signature.Length == 0)
        {
            return (HmacResult.Malformed, Malformed);
        }

        string dateHeaderName;
        string? dateValue;
        if (string.Equals(signedHeaders, SignedHeadersXmsDate, StringComparison.OrdinalIgnoreCase))
        {
            dateHeaderName = "x-ms-date";
            dateValue = xMsDate;
        }
        else if (string.Equals(signedHeaders, SignedHeadersDate, StringComparison.OrdinalIgnoreCase))
        {
            dateHeaderName = "Date";
            dateValue = date;
        }
        else
        {
            return (HmacResult.Malformed, Malformed);
        }

        // Recorded (api-facts.md §1.7, §2.5): a missing or wrong x-ms-content-sha256 both differ from the computed hash.
        var computedHash = Convert.ToBase64String(SHA256.HashData(body));
        if (!string.Equals(contentHashHeader, computedHash, StringComparison.Ordinal))
        {
            return (HmacResult.ContentHashMismatch, "Request 'x-ms-content-sha256' differs from generated content hash.");
        }

        if (string.IsNullOrWhiteSpace(dateValue))
        {
            return (HmacResult.MissingDate, $"Request '{dateHeaderName}' header is missing.");
        }

        if (!DateTimeOffset.TryParseExact(dateValue, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) &&
            !DateTimeOffset.TryParse(dateValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt))
        {
            return (HmacResult.BadDate, $"Request '{dateHeaderName}' header value '{dateValue}' is not a valid date.");
        }

        if ((signedAt - now).Duration() > DateWindow)
        {
            return (HmacResult.DateOutOfWindow,
                $"Request '{dateHeaderName}' value '{dateValue}' is more than {DateWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes away from the server time '{now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)}'.");
        }

        var stringToSign = $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{dateValue};{host};{contentHashHeader}";
        var data = Encoding.ASCII.GetBytes(stringToSign);
        var presented = TryBase64(signature);
        if (presented is not null)
        {
            foreach (var key in base64Keys)
            {
                if (TryBase64(key) is { Length: > 0 } keyBytes &&
                    CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(keyBytes, data), presented))
                {
                    return (HmacResult.Ok, string.Empty);
                }
            }
        }

        return (HmacResult.BadSignature, "The request signature does not match the signature computed with the resource's access keys.");
    }

    private async Task<bool> BearerAsync(HttpContext context, TenantFixture tenant, AcsResourceFixture resource)
    {
        var result = validator.Validate(context, [DataPlaneAudience]);

        // INFERRED: the Teams-exchange wording is reused for every bearer failure, including a token of another tenant.
        if (!result.IsValid || !string.Equals(result.Token!.TenantId, tenant.Id, StringComparison.OrdinalIgnoreCase))
        {
            await AcsApi.WriteErrorAsync(context, 401, "InvalidAccessToken", "Provided access token is not valid.").ConfigureAwait(false);
            return false;
        }

        var objectId = result.Token.ObjectId;
        var allowed = resource.RoleAssignments.Exists(a =>
            string.Equals(a.PrincipalId, objectId, StringComparison.OrdinalIgnoreCase) &&
            DataPlaneRoles.Contains(a.RoleDefinitionName, StringComparer.OrdinalIgnoreCase));
        if (!allowed)
        {
            // INFERRED: 403 body.
            await AcsApi.WriteErrorAsync(context, 403, "Forbidden",
                $"The principal '{objectId}' has no role on the Communication Services resource '{resource.Name}' that allows this operation. Accepted roles: {string.Join(", ", DataPlaneRoles)}.").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private static byte[]? TryBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
