using System;
using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Acs
{
    /// <summary>
    /// Holds an ACS resource's access key for one context. Signing and disposal are serialized, so a Disconnect while
    /// requests run in other runspaces never hands a half-cleared key to HMAC: a signature after Disconnect fails with
    /// ContextDisconnected, never with ObjectDisposedException or a wrong signature.
    /// </summary>
    internal sealed class AcsAccessKey : IDisposable
    {
        private readonly object _gate = new object();
        private byte[]? _key;

        internal AcsAccessKey(byte[] key) => _key = key;

        /// <summary>Base64(HMAC-SHA256(key, ASCII(stringToSign))).</summary>
        /// <exception cref="AcsTeamsSecurityException">ContextDisconnected once the key was cleared.</exception>
        internal string Sign(string stringToSign)
        {
            lock (_gate)
            {
                var key = _key ?? throw ErrorFactory.ContextDisconnected(Strings.ContextDisconnected_ThisContextWasDisconnected);
                return HmacSigner.Sign(key, stringToSign);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                var key = _key;
                _key = null;
                if (key is not null)
                {
                    Array.Clear(key, 0, key.Length);
                }
            }
        }
    }
}
