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
                throw Invalid("it is empty");
            }

            if (value!.Length > 4096)
            {
                throw Invalid("it is longer than 4096 characters");
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
                    throw Invalid("every part must look like name=value");
                }

                var name = segment.Substring(0, equals).Trim();
                var part = segment.Substring(equals + 1).Trim();
                if (parts.ContainsKey(name))
                {
                    throw Invalid(IsKnown(name) ? $"'{name}' appears more than once" : "a part name appears more than once");
                }

                parts[name] = part;
            }

            if (!parts.TryGetValue("endpoint", out var endpointText) || endpointText.Length == 0)
            {
                throw Invalid("it has no endpoint=...");
            }

            if (!parts.TryGetValue("accesskey", out var keyText) || keyText.Length == 0)
            {
                throw Invalid("it has no accesskey=...");
            }

            foreach (var name in parts.Keys)
            {
                if (!IsKnown(name))
                {
                    // The name is not repeated: a key pasted without "accesskey=" ends in '=' padding and reads as a name.
                    throw Invalid("it has a part other than endpoint and accesskey");
                }
            }

            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.UserInfo))
            {
                throw Invalid("the endpoint is not an absolute https URL without query or user info");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                throw Invalid("the access key is not base64");
            }

            if (key.Length == 0)
            {
                throw Invalid("the access key is empty");
            }

            return new AcsConnectionString(endpoint, key);
        }

        private static bool IsKnown(string name) =>
            string.Equals(name, "endpoint", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "accesskey", StringComparison.OrdinalIgnoreCase);

        private static AcsTeamsSecurityException Invalid(string reason) =>
            ErrorFactory.AcsConnectionStringInvalid(Strings.AcsConnectionStringInvalid_TheACSConnectionString, reason);
    }
}
