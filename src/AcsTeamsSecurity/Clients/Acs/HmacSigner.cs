using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AcsTeamsSecurity.Clients.Acs
{
    /// <summary>
    /// ACS access-key request signing, exactly as Azure.Communication's HMACAuthenticationPolicy does it:
    /// content hash = Base64(SHA256(body)); string to sign = "{METHOD}\n{pathAndQuery}\n{date};{host};{hash}";
    /// signature = Base64(HMACSHA256(Base64Decode(key), ASCII(stringToSign))).
    /// </summary>
    internal static class HmacSigner
    {
        /// <summary>The signed headers, in order.</summary>
        internal const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

        internal static string ContentHash(byte[] body)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(body));
        }

        /// <summary>RFC 1123 date, as the SDK sends in x-ms-date.</summary>
        internal static string FormatDate(DateTimeOffset now) => now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

        internal static string StringToSign(string method, string pathAndQuery, string date, string host, string contentHash) =>
            $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";

        /// <summary>Signs the ASCII bytes of the string to sign (as the SDK does: it is all ASCII once the path is percent-encoded).</summary>
        internal static string Sign(byte[] key, string stringToSign) => Sign(key, Encoding.ASCII.GetBytes(stringToSign));

        internal static string Sign(byte[] key, byte[] data)
        {
            using var hmac = new HMACSHA256(key);
            return Convert.ToBase64String(hmac.ComputeHash(data));
        }
    }
}
