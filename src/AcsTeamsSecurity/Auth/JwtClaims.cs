using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// The claims of a JWT access token that the module reports (never the token itself). Decoding does
    /// not validate the signature: the service does that. It is used to show roles and scopes, to tell
    /// which service a bring-your-own token is for, and to learn the tenant of a managed identity.
    /// </summary>
    internal sealed class JwtClaims
    {
        private static readonly char[] SpaceSeparator = { ' ' };

        private JwtClaims()
        {
        }

        internal string? Audience { get; private set; }

        internal string? TenantId { get; private set; }

        internal string? ObjectId { get; private set; }

        internal string? AppId { get; private set; }

        internal string? UserPrincipalName { get; private set; }

        internal IReadOnlyList<string> Roles { get; private set; } = Array.Empty<string>();

        internal IReadOnlyList<string> Scopes { get; private set; } = Array.Empty<string>();

        /// <summary>The directory roles (wids: role template ids) the token carries; see <see cref="DirectoryRoleNames"/>.</summary>
        internal IReadOnlyList<string> DirectoryRoleIds { get; private set; } = Array.Empty<string>();

        internal DateTimeOffset? ExpiresOn { get; private set; }

        internal DateTimeOffset? IssuedAt { get; private set; }

        /// <summary>Decodes the payload of <paramref name="token"/>; returns false for anything that is not a JWT with a JSON object payload.</summary>
        internal static bool TryParse(string? token, out JwtClaims claims)
        {
            claims = new JwtClaims();
            if (string.IsNullOrEmpty(token) || token!.Length > 64 * 1024)
            {
                return false;
            }

            var parts = token.Split('.');
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                return false;
            }

            byte[] payload;
            try
            {
                payload = Base64UrlDecode(parts[1]);
            }
            catch (FormatException)
            {
                return false;
            }

            try
            {
                using var document = JsonDocument.Parse(payload);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                claims.Audience = ReadAudience(root);
                claims.TenantId = ReadString(root, "tid");
                claims.ObjectId = ReadString(root, "oid");
                claims.AppId = ReadString(root, "appid") ?? ReadString(root, "azp");
                claims.UserPrincipalName = ReadString(root, "upn") ?? ReadString(root, "preferred_username");
                claims.Roles = ReadStringArray(root, "roles");
                claims.DirectoryRoleIds = ReadStringArray(root, "wids");
                var scp = ReadString(root, "scp");
                claims.Scopes = string.IsNullOrWhiteSpace(scp) ? Array.Empty<string>() : scp!.Split(SpaceSeparator, StringSplitOptions.RemoveEmptyEntries);
                claims.ExpiresOn = ReadUnixTime(root, "exp");
                claims.IssuedAt = ReadUnixTime(root, "iat");
                return true;
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                // InvalidOperationException: a string claim holding an escaped lone surrogate ("\ud800") cannot be read as text.
                return false;
            }
        }

        internal static byte[] Base64UrlDecode(string value)
        {
            var s = value.Replace('-', '+').Replace('_', '/');
            switch (s.Length % 4)
            {
                case 2: s += "=="; break;
                case 3: s += "="; break;
                case 1: throw new FormatException("Invalid base64url length.");
            }

            return Convert.FromBase64String(s);
        }

        private static string? ReadAudience(JsonElement root)
        {
            if (!root.TryGetProperty("aud", out var aud))
            {
                return null;
            }

            if (aud.ValueKind == JsonValueKind.String)
            {
                return aud.GetString();
            }

            if (aud.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in aud.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        return item.GetString();
                    }
                }
            }

            return null;
        }

        private static string? ReadString(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string> ReadStringArray(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
            {
                return Array.Empty<string>();
            }

            var list = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } s)
                {
                    list.Add(s);
                }
            }

            return list;
        }

        private static DateTimeOffset? ReadUnixTime(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
            {
                return SafeUnix(seconds);
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out seconds))
            {
                return SafeUnix(seconds);
            }

            return null;
        }

        /// <summary>Null for times DateTimeOffset cannot hold (FromUnixTimeSeconds would throw).</summary>
        private static DateTimeOffset? SafeUnix(long seconds) =>
            seconds >= -62135596800 && seconds <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

        /// <summary>UTF-8 helper for tests.</summary>
        internal static string Base64UrlEncode(string json) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
