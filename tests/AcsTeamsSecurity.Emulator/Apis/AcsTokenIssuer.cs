using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Control;
using AcsTeamsSecurity.Emulator.Entra;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>An ACS access token as the identity API returns it.</summary>
internal sealed record AcsIssuedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresOn);

/// <summary>
/// Signs ACS access tokens with a dedicated RSA key (not the Entra key, so an ACS token never passes as an Entra token
/// and vice versa). Shape from the Azure CLI test recording: header <c>{"alg","kid":"1","x5t","typ"}</c>, payload
/// <c>{"skypeid","scp","csi","exp","acsScope","resourceId","iat"}</c> plus <c>resourceLocation</c>.
/// </summary>
internal sealed class AcsTokenIssuer : IDisposable
{
    /// <summary>Recorded header value.</summary>
    public const string KeyId = "1";

    // INFERRED: the recording shows scp 1792 for acsScope "chat"; the emulator writes it for every scope set.
    private const int ScpValue = 1792;

    private readonly RSA _key = RSA.Create(2048);
    private readonly byte[] _certificate;
    private readonly IssuedSecrets _issued;

    public AcsTokenIssuer(IssuedSecrets issued)
    {
        _issued = issued;
        var request = new CertificateRequest("CN=AcsTeamsSecurity Emulator ACS token signing", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _certificate = cert.RawData;
        X5t = Base64Url.EncodeToString(cert.GetCertHash());
    }

    /// <summary>base64url SHA-1 thumbprint of the signing certificate (the x5t header).</summary>
    public string X5t { get; }

    /// <summary>Formats like the recordings: 7 fractional digits and <c>+00:00</c>.</summary>
    public static string FormatExpiresOn(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>INFERRED: resourceLocation claim = data location, lower case without spaces ("United States" → "unitedstates").</summary>
    public static string ResourceLocation(string dataLocation) =>
        new([.. dataLocation.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);

    /// <summary>
    /// Signs a token and registers it with the leak suite's list of issued secrets. <c>skypeid</c> is the identity id
    /// without the <c>8:</c> prefix (<c>acs:&lt;rid&gt;_&lt;id&gt;</c>, or <c>orgid:&lt;oid&gt;</c> for Teams users).
    /// </summary>
    public AcsIssuedToken Issue(string skypeId, string immutableResourceId, string dataLocation, IEnumerable<string> scopes, DateTimeOffset issuedAt, DateTimeOffset expiresOn)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["x5t"] = X5t, ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["skypeid"] = skypeId,
            ["scp"] = ScpValue,
            ["csi"] = iat.ToString(CultureInfo.InvariantCulture),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["acsScope"] = string.Join(',', scopes),
            ["resourceId"] = immutableResourceId,
            ["resourceLocation"] = ResourceLocation(dataLocation),
            ["iat"] = iat,
        };
        var token = Jwt.Encode(header, payload, _key);
        _issued.Add(token);
        return new AcsIssuedToken(token, issuedAt, expiresOn);
    }

    /// <summary>Parses a token and checks the ACS signature. Null = not a JWT; false signature = not signed by this key.</summary>
    public ParsedJwt? Parse(string token, out bool signatureValid)
    {
        var jwt = ParsedJwt.TryParse(token);
        signatureValid = jwt is not null && jwt.Algorithm == "RS256" && jwt.VerifyRsa(_key);
        return jwt;
    }

    /// <summary>JWKS of the ACS signing key (control API, for tests that validate ACS tokens themselves).</summary>
    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["x5t"] = X5t,
                ["n"] = Base64Url.EncodeToString(p.Modulus),
                ["e"] = Base64Url.EncodeToString(p.Exponent),
                ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate)),
            }),
        };
    }

    public void Dispose() => _key.Dispose();
}
