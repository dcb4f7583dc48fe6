using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>What a context holds for one service: never the token itself, only what it says.</summary>
    public sealed class TokenState
    {
        internal TokenState(AcsTeamsService service, bool acquired, DateTimeOffset? expiresOn, DateTimeOffset? acquiredOn, IReadOnlyList<string> roles, IReadOnlyList<string> scopes, string? audience, bool canRefresh)
        {
            Service = service;
            Acquired = acquired;
            ExpiresOn = expiresOn;
            AcquiredOn = acquiredOn;
            Roles = roles;
            Scopes = scopes;
            Audience = audience;
            CanRefresh = canRefresh;
        }

        /// <summary>The service the token is for.</summary>
        public AcsTeamsService Service { get; }

        /// <summary>True once a token has been acquired (tokens are acquired on first use).</summary>
        public bool Acquired { get; }

        /// <summary>When the cached token expires.</summary>
        public DateTimeOffset? ExpiresOn { get; }

        /// <summary>When the cached token was acquired.</summary>
        public DateTimeOffset? AcquiredOn { get; }

        /// <summary>Application roles the token carries (app-only sign-in).</summary>
        public IReadOnlyList<string> Roles { get; }

        /// <summary>Delegated scopes the token carries (user sign-in).</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>The token's audience.</summary>
        public string? Audience { get; }

        /// <summary>False for bring-your-own tokens, which the module cannot renew.</summary>
        public bool CanRefresh { get; }
    }
}
