using System;
using System.Text.RegularExpressions;

namespace AcsTeamsSecurity.Diagnostics
{
    /// <summary>
    /// Last line of defence for log text: removes anything shaped like a bearer token, a JWT, an HMAC
    /// signature, an access key, a secret-bearing query parameter or connection-string part, a secret-named JSON property
    /// (<c>"accessKey":"…"</c>, <c>"refresh_token":"…"</c>, also when escaped inside another JSON string) and the password
    /// of a <c>user:password@</c> URL. The module never formats secrets
    /// into messages on purpose; this catches what a service might echo back.
    /// </summary>
    internal static class Redactor
    {
        private const string Mask = "***";

        /// <summary>Names whose value is a secret in name=value form (query strings, form bodies, connection strings).</summary>
        private const string SecretNames = @"accesskey|sharedaccesskey|sharedaccesssignature|accountkey|access_token|refresh_token|id_token|client_secret|client_assertion|password|pwd|sig|signature|code|token|secret";

        /// <summary>JSON property names whose value is a secret (not "code" or "key": service errors use them for plain words).</summary>
        private const string JsonSecretNames = @"accesskey|access_key|primarykey|secondarykey|sharedaccesskey|accountkey|connectionstring|primaryconnectionstring|secondaryconnectionstring|access_token|accesstoken|refresh_token|refreshtoken|id_token|idtoken|client_secret|clientsecret|client_assertion|clientassertion|password|secret|token|signature";

        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex Bearer = new Regex(@"(?i)\b(bearer|hmac-sha256)\s+[^\s""',;]+", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private static readonly Regex SecretPair = new Regex(@"(?i)(?<![A-Za-z0-9_])(" + SecretNames + @")\s*=\s*([^&;\s""']+)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>"name":"value" and "name": value in JSON, also when the JSON is itself inside a JSON string (\"name\":\"value\"), and a value cut off by truncation.</summary>
        private static readonly Regex JsonSecret = new Regex(@"(?i)(\\?""(?:" + JsonSecretNames + @")\\?""\s*:\s*)(\\?""(?:[^""\\]|\\(?!"")[^""])*(?:\\?""|\\?$)|[^\s,}\]""]+)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>user:password@ in a URL.</summary>
        private static readonly Regex UrlCredentials = new Regex(@"(?i)\b([a-z][a-z0-9+.\-]*://)([^/\s:@]+):([^/\s@]+)@", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>Returns <paramref name="text"/> with secret-shaped parts masked.</summary>
        internal static string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = Jwt.Replace(text!, Mask);
            result = Bearer.Replace(result, m => m.Groups[1].Value + " " + Mask);
            result = JsonSecret.Replace(result, m => m.Groups[1].Value + "\"" + Mask + "\"");
            result = SecretPair.Replace(result, m => m.Groups[1].Value + "=" + Mask);
            result = UrlCredentials.Replace(result, m => m.Groups[1].Value + m.Groups[2].Value + ":" + Mask + "@");
            return result;
        }

        /// <summary>The path and query of <paramref name="uri"/> with secret-bearing query values masked.</summary>
        internal static string SafeUrl(Uri uri) => Redact(uri.GetLeftPart(UriPartial.Path) + uri.Query);
    }
}
