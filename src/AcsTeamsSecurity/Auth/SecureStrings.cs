using System.Net;
using System.Security;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>SecureString helpers; the plain value is created only where a library needs it.</summary>
    internal static class SecureStrings
    {
        internal static string Reveal(SecureString value) => new NetworkCredential(string.Empty, value).Password;

        internal static SecureString Protect(string value)
        {
            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
