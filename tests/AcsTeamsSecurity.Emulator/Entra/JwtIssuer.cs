using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>
/// The emulator's signing keys: one for every Entra token it issues (published as JWKS), one playing an external
/// OIDC issuer (GitHub Actions, Kubernetes, ...) for workload identity federation. Both live in memory per instance.
/// </summary>
internal sealed class JwtIssuer : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _externalKey = RSA.Create(2048);

    public JwtIssuer()
    {
        Kid = KeyIdFor(_key);
        ExternalKid = KeyIdFor(_externalKey);
    }

    public string Kid { get; }

    public string ExternalKid { get; }

    public string Sign(JsonObject payload) =>
        Jwt.Encode(new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = Kid }, payload, _key);

    public string SignExternal(JsonObject payload) =>
        Jwt.Encode(new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = ExternalKid }, payload, _externalKey);

    public bool VerifyEmulatorSignature(ParsedJwt jwt) => jwt.Algorithm == "RS256" && jwt.VerifyRsa(_key);

    public bool VerifyExternalSignature(ParsedJwt jwt) => jwt.Algorithm is "RS256" or "PS256" && jwt.VerifyRsa(_externalKey);

    public JsonObject Jwks() => new() { ["keys"] = new JsonArray(JwkFor(_key, Kid)) };

    public JsonObject ExternalJwks() => new() { ["keys"] = new JsonArray(JwkFor(_externalKey, ExternalKid)) };

    public void Dispose()
    {
        _key.Dispose();
        _externalKey.Dispose();
    }

    private static JsonObject JwkFor(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = kid,
            ["n"] = Base64Url.EncodeToString(p.Modulus),
            ["e"] = Base64Url.EncodeToString(p.Exponent),
        };
    }

    private static string KeyIdFor(RSA key)
    {
        var hash = SHA256.HashData(key.ExportParameters(false).Modulus!);
        return Base64Url.EncodeToString(hash.AsSpan(0, 20));
    }
}
