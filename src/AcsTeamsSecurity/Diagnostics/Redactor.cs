using System;
using System.Text.RegularExpressions;

namespace AcsTeamsSecurity.Diagnostics
{
    /// <summary>
    /// Last line of defence for log text: removes anything shaped like a bearer token, a JWT, an HMAC
    /// signature, an access key or a secret-bearing query parameter. The module never formats secrets
    /// into messages on purpose; this catches what a service might echo back.
    /// </summary>
    internal static class Redactor
    {
        private const string Mask = "***";

        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex Bearer = new Regex(@"(?i)\b(bearer|hmac-sha256)\s+[^\s""',;]+", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex SecretPair = new Regex(@"(?i)\b(accesskey|access_token|refresh_token|id_token|client_secret|client_assertion|password|sig|signature|code|token|secret)=([^&;\s""']+)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>Returns <paramref name="text"/> with secret-shaped parts masked.</summary>
        internal static string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = Jwt.Replace(text!, Mask);
            result = Bearer.Replace(result, m => m.Groups[1].Value + " " + Mask);
            result = SecretPair.Replace(result, m => m.Groups[1].Value + "=" + Mask);
            return result;
        }

        /// <summary>The path and query of <paramref name="uri"/> with secret-bearing query values masked.</summary>
        internal static string SafeUrl(Uri uri) => Redact(uri.GetLeftPart(UriPartial.Path) + uri.Query);
    }
}
