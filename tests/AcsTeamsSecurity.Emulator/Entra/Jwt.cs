using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>A compact JWS split into its parts. Parsing never validates anything.</summary>
internal sealed class ParsedJwt
{
    private ParsedJwt(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public string? Algorithm => Jwt.GetString(Header, "alg");

    public string? KeyId => Jwt.GetString(Header, "kid");

    public static ParsedJwt? TryParse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            if (header is null || payload is null)
            {
                return null;
            }

            return new ParsedJwt(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Verifies an RS256 or PS256 signature with <paramref name="key"/>.</summary>
    public bool VerifyRsa(RSA key)
    {
        var padding = Algorithm switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        return padding is not null && key.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, padding);
    }
}

internal static class Jwt
{
    public static string Encode(JsonObject header, JsonObject payload, RSA key)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
                           Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static string? GetString(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var n) && n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? GetLong(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        return v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    /// <summary>A claim that may be a string or an array of strings (aud, roles, wids).</summary>
    public static IReadOnlyList<string> GetStrings(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n is null)
        {
            return [];
        }

        if (n is JsonArray a)
        {
            return [.. a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).OfType<string>()];
        }

        return n is JsonValue v && v.TryGetValue<string>(out var one) ? [one] : [];
    }

    public static string Base64UrlJson(JsonObject obj) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(obj.ToJsonString()));
}
