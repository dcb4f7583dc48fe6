using System;
using System.Collections.Generic;
using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// An ACS connection string, <c>endpoint=https://x.communication.azure.com/;accesskey=&lt;base64&gt;</c>.
    /// Key names are case-insensitive (the SDKs accept <c>accesskey</c> and <c>accessKey</c>); both parts
    /// are required; the key must be base64. Errors describe the problem and never contain the key.
    /// </summary>
    internal sealed class AcsConnectionString
    {
        private AcsConnectionString(Uri endpoint, byte[] key)
        {
            Endpoint = endpoint;
            Key = key;
        }

        internal Uri Endpoint { get; }

        /// <summary>The decoded access key. Kept only as long as the context that owns it.</summary>
        internal byte[] Key { get; }

        internal static AcsConnectionString Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Invalid(Strings.Reason_ItIsEmpty);
            }

            if (value!.Length > 4096)
            {
                throw Invalid(Strings.Reason_ItIsLongerThan);
            }

            var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var segment in value.Split(';'))
            {
                if (segment.Trim().Length == 0)
                {
                    continue;
                }

                var equals = segment.IndexOf('=');
                if (equals <= 0)
                {
                    throw Invalid(Strings.Reason_EveryPartMustLook);
                }

                var name = segment.Substring(0, equals).Trim();
                var part = segment.Substring(equals + 1).Trim();
                if (parts.ContainsKey(name))
                {
                    throw Invalid(IsKnown(name) ? Strings.Format(Strings.Reason_PartAppearsTwice, name) : Strings.Reason_APartAppearsTwice);
                }

                parts[name] = part;
            }

            if (!parts.TryGetValue("endpoint", out var endpointText) || endpointText.Length == 0)
            {
                throw Invalid(Strings.Reason_ItHasNoEndpoint);
            }

            if (!parts.TryGetValue("accesskey", out var keyText) || keyText.Length == 0)
            {
                throw Invalid(Strings.Reason_ItHasNoAccesskey);
            }

            foreach (var name in parts.Keys)
            {
                if (!IsKnown(name))
                {
                    // The name is not repeated: a key pasted without "accesskey=" ends in '=' padding and reads as a name.
                    throw Invalid(Strings.Reason_ItHasAPart);
                }
            }

            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.UserInfo))
            {
                throw Invalid(Strings.Reason_TheEndpointIsNot);
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                throw Invalid(Strings.Reason_TheAccessKeyIsNot);
            }

            if (key.Length == 0)
            {
                throw Invalid(Strings.Reason_TheAccessKeyIs);
            }

            return new AcsConnectionString(endpoint, key);
        }

        private static bool IsKnown(string name) =>
            string.Equals(name, "endpoint", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "accesskey", StringComparison.OrdinalIgnoreCase);

        private static AcsTeamsSecurityException Invalid(string reason) =>
            ErrorFactory.AcsConnectionStringInvalid(Strings.AcsConnectionStringInvalid_TheACSConnectionString, reason);
    }
}
