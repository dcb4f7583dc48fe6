using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>The outcome of Test-AcsTeamsSecurityConnection for one service.</summary>
    public sealed class ConnectionTestResult
    {
        internal ConnectionTestResult(AcsTeamsService service, Uri? endpoint)
        {
            Service = service;
            Endpoint = endpoint;
        }

        /// <summary>The service tested.</summary>
        public AcsTeamsService Service { get; }

        /// <summary>Where the probe was sent.</summary>
        public Uri? Endpoint { get; }

        /// <summary>A token was acquired for the service.</summary>
        public bool SignedIn { get; internal set; }

        /// <summary>The service answered over HTTPS (any status).</summary>
        public bool Reachable { get; internal set; }

        /// <summary>The service accepted the token for a read call.</summary>
        public bool Authorized { get; internal set; }

        /// <summary>Application roles in the token.</summary>
        public IReadOnlyList<string> Roles { get; internal set; } = Array.Empty<string>();

        /// <summary>Delegated scopes in the token.</summary>
        public IReadOnlyList<string> Scopes { get; internal set; } = Array.Empty<string>();

        /// <summary>When the token expires.</summary>
        public DateTimeOffset? TokenExpiresOn { get; internal set; }

        /// <summary>The stable error id when a step failed.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>What was checked, or what went wrong and what to do.</summary>
        public string? Detail { get; internal set; }

        /// <summary>True when every step succeeded.</summary>
        public bool Success => SignedIn && Reachable && Authorized;
    }
}
