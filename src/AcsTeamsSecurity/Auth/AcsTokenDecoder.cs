using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Decodes an ACS access token locally. ACS tokens are JWTs whose payload carries <c>skypeid</c> (the
    /// identity without its <c>8:</c> prefix), <c>acsScope</c> (comma-separated scopes), <c>resourceId</c>,
    /// <c>iat</c> and <c>exp</c> (shape seen in the Azure CLI communication extension's test recording). The
    /// signature is not checked: only the service can say whether a token is still valid (revocation).
    /// </summary>
    internal static class AcsTokenDecoder
    {
        private static readonly char[] ScopeSeparators = { ',', ' ' };

        internal static AcsTokenInfo Decode(string? token, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(token) || token!.Length > 64 * 1024)
            {
                throw Invalid(Strings.Reason_ItIsEmptyOrToo);
            }

            var parts = token.Trim().Split('.');
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                throw Invalid(Strings.Reason_ItDoesNotHave);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(JwtClaims.Base64UrlDecode(parts[1]));
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                throw Invalid(Strings.Reason_ItsPayloadIsNotBase64url);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(Strings.Reason_ItsPayloadIsNot);
                }

                var skypeId = ReadString(root, "skypeid");
                if (skypeId is null)
                {
                    throw Invalid(Strings.Reason_ItHasNoSkypeid);
                }

                AcsIdentity.TryFromSkypeId(skypeId, out var identity);
                var scopes = new List<string>();
                var scopeText = ReadString(root, "acsScope");
                if (scopeText is not null)
                {
                    foreach (var scope in scopeText.Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries))
                    {
                        scopes.Add(scope.Trim());
                    }
                }

                return new AcsTokenInfo(
                    identity,
                    scopes,
                    ReadTime(root, "iat"),
                    ReadTime(root, "exp"),
                    ReadString(root, "resourceId"),
                    ReadString(root, "resourceLocation"),
                    now);
            }
        }

        private static string? ReadString(JsonElement root, string name) =>
            TryGet(root, name, out var value) && value.ValueKind == JsonValueKind.String ? Text(value, name) : null;

        // System.Text.Json throws InvalidOperationException for names and strings holding an escaped lone surrogate ("\ud800").
        private static bool TryGet(JsonElement root, string name, out JsonElement value)
        {
            try
            {
                return root.TryGetProperty(name, out value);
            }
            catch (InvalidOperationException)
            {
                throw Invalid(Strings.Reason_AClaimNameIs);
            }
        }

        private static string Text(JsonElement value, string name)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Invalid(Strings.Format(Strings.Reason_ItsClaimIsNot, name));
            }
        }

        private static DateTimeOffset? ReadTime(JsonElement root, string name)
        {
            if (!TryGet(root, name, out var value))
            {
                return null;
            }

            long seconds;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds))
            {
                return SafeUnix(seconds);
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(Text(value, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
            {
                return SafeUnix(seconds);
            }

            return null;
        }

        private static DateTimeOffset? SafeUnix(long seconds) =>
            seconds >= -62135596800 && seconds <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

        private static AcsTeamsSecurityException Invalid(string reason) =>
            ErrorFactory.AcsTokenInvalid(Strings.AcsTokenInvalid_ThisIsNotAn, reason);
    }
}
