using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>
/// Validates <c>client_assertion</c> (jwt-bearer): either signed by a certificate registered on the app
/// (iss = sub = client_id) or a federated token from an external issuer matched against the app's federated credentials.
/// </summary>
internal sealed class ClientAssertionValidator(JwtIssuer issuer, EmulatorClock clock, ServerInfo server)
{
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Returns null when the assertion authenticates <paramref name="app"/>; otherwise the Entra error.</summary>
    public EntraError? Validate(string assertion, TenantFixture tenant, ApplicationFixture app, string tenantSegment, HttpContext context)
    {
        var jwt = ParsedJwt.TryParse(assertion);
        if (jwt is null)
        {
            return EntraErrors.MalformedAssertion("The client assertion is not a compact JWS.");
        }

        var iss = Jwt.GetString(jwt.Payload, "iss") ?? string.Empty;
        var sub = Jwt.GetString(jwt.Payload, "sub") ?? string.Empty;
        return string.Equals(iss, app.ClientId, StringComparison.OrdinalIgnoreCase)
            ? ValidateCertificateAssertion(jwt, sub, tenant, app, tenantSegment, context)
            : ValidateFederatedAssertion(jwt, iss, sub, app);
    }

    private EntraError? ValidateCertificateAssertion(ParsedJwt jwt, string sub, TenantFixture tenant, ApplicationFixture app, string tenantSegment, HttpContext context)
    {
        if (jwt.Algorithm is not ("RS256" or "PS256"))
        {
            return EntraErrors.MalformedAssertion($"Unsupported signing algorithm '{jwt.Algorithm}'.");
        }

        var registered = app.ParsedCertificates;
        var (thumbprintHex, matchesCertificate) = HeaderKeyIdentifier(jwt.Header);
        if (matchesCertificate is not null)
        {
            var cert = registered.FirstOrDefault(matchesCertificate);
            if (cert is null)
            {
                return EntraErrors.CertificateNotRegistered(thumbprintHex, app.ClientId);
            }

            if (!Verify(jwt, cert))
            {
                return EntraErrors.BadAssertionSignature();
            }
        }
        else if (!registered.Any(c => Verify(jwt, c)))
        {
            return EntraErrors.CertificateNotRegistered(thumbprintHex, app.ClientId);
        }

        if (!string.Equals(sub, app.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return EntraErrors.MalformedAssertion("The assertion subject must equal the client id.");
        }

        var audiences = Jwt.GetStrings(jwt.Payload, "aud");
        var allowed = AllowedAudiences(tenant, tenantSegment, context);
        if (!audiences.Any(a => allowed.Contains(a.TrimEnd('/'))))
        {
            // INFERRED: error for an assertion addressed to another token endpoint.
            return EntraErrors.MalformedAssertion($"The client assertion audience '{string.Join(",", audiences)}' is not this token endpoint.");
        }

        return CheckTimes(jwt.Payload);
    }

    private EntraError? ValidateFederatedAssertion(ParsedJwt jwt, string iss, string sub, ApplicationFixture app)
    {
        var audiences = Jwt.GetStrings(jwt.Payload, "aud");
        var match = app.FederatedCredentials.Find(f =>
            string.Equals(f.Issuer, iss, StringComparison.Ordinal) &&
            string.Equals(f.Subject, sub, StringComparison.Ordinal) &&
            audiences.Contains(f.Audience, StringComparer.Ordinal));
        if (match is null)
        {
            return EntraErrors.NoFederatedMatch(iss, sub, string.Join(",", audiences));
        }

        if (!issuer.VerifyExternalSignature(jwt))
        {
            return EntraErrors.FederatedSignature();
        }

        return CheckTimes(jwt.Payload);
    }

    private EntraError? CheckTimes(JsonObject payload)
    {
        var now = clock.UtcNow;
        var nbf = Jwt.GetLong(payload, "nbf") is { } n ? DateTimeOffset.FromUnixTimeSeconds(n) : (DateTimeOffset?)null;
        var exp = Jwt.GetLong(payload, "exp") is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : (DateTimeOffset?)null;
        if (exp is null || now - Skew > exp || (nbf is not null && now + Skew < nbf))
        {
            return EntraErrors.AssertionTimeRange(now, nbf, exp);
        }

        return null;
    }

    private HashSet<string> AllowedAudiences(TenantFixture tenant, string tenantSegment, HttpContext context)
    {
        var bases = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { server.BaseUrl };
        if (context.Request.Host.HasValue)
        {
            bases.Add($"https://{context.Request.Host.Value}");
        }

        var tenants = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { tenantSegment, tenant.Id };
        tenants.UnionWith(tenant.AllDomains());
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in bases)
        {
            foreach (var t in tenants)
            {
                allowed.Add($"{b}/{t}/oauth2/v2.0/token");
                allowed.Add($"{b}/{t}");
                allowed.Add($"{b}/{t}/v2.0");
            }
        }

        return allowed;
    }

    private static bool Verify(ParsedJwt jwt, X509Certificate2 cert)
    {
        using var rsa = cert.GetRSAPublicKey();
        return rsa is not null && jwt.VerifyRsa(rsa);
    }

    // x5t is by definition (RFC 7515 §4.1.7) the SHA-1 thumbprint of the certificate; it identifies, it does not protect.
#pragma warning disable CA5350
    /// <summary>Reads x5t#S256 / x5t / x5c from the header: the thumbprint to report, and a matcher for registered certs.</summary>
    private static (string ThumbprintHex, Func<X509Certificate2, bool>? Matches) HeaderKeyIdentifier(JsonObject header)
    {
        try
        {
            if (Jwt.GetString(header, "x5t#S256") is { Length: > 0 } s256)
            {
                var bytes = Base64Url.DecodeFromChars(s256);
                return (Convert.ToHexString(bytes), c => SHA256.HashData(c.RawData).AsSpan().SequenceEqual(bytes));
            }

            if (Jwt.GetString(header, "x5t") is { Length: > 0 } x5t)
            {
                var bytes = Base64Url.DecodeFromChars(x5t);
                return (Convert.ToHexString(bytes), c => SHA1.HashData(c.RawData).AsSpan().SequenceEqual(bytes));
            }

            if (header["x5c"] is JsonArray { Count: > 0 } chain && chain[0]?.GetValue<string>() is { } leaf)
            {
                var der = Convert.FromBase64String(leaf);
                return (Convert.ToHexString(SHA1.HashData(der)), c => c.RawData.AsSpan().SequenceEqual(der));
            }
        }
        catch (FormatException)
        {
            return (string.Empty, _ => false);
        }

        return (string.Empty, null);
    }
#pragma warning restore CA5350
}
