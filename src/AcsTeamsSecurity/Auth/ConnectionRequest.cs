using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>Everything Connect-AcsTeamsSecurity collected, in one place, before a credential is built.</summary>
    internal sealed class ConnectionRequest
    {
        internal ConnectionRequest(AuthMode mode, AcsTeamsEnvironment environment)
        {
            Mode = mode;
            Environment = environment;
        }

        internal AuthMode Mode { get; }

        internal AcsTeamsEnvironment Environment { get; }

        internal string? TenantId { get; set; }

        internal string? ClientId { get; set; }

        internal SecureString? ClientSecret { get; set; }

        internal X509Certificate2? Certificate { get; set; }

        /// <summary>A PEM file (certificate and key) handed to Azure.Identity as a path.</summary>
        internal string? CertificatePemPath { get; set; }

        internal string? FederatedTokenFile { get; set; }

        internal IReadOnlyList<SecureString> AccessTokens { get; set; } = new List<SecureString>();

        /// <summary>Retries for Entra ID token requests (429/5xx/dropped connections).</summary>
        internal int MaxRetries { get; set; } = 3;

        /// <summary>The proxy from -Proxy, shared by every request of the context; null for .NET's default proxy.</summary>
        internal ContextProxy? Proxy { get; set; }
    }
}
