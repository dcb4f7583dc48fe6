using System;
using System.Threading;
using System.Threading.Tasks;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>A token as the broker caches it.</summary>
    internal sealed class CachedToken
    {
        internal CachedToken(string value, DateTimeOffset expiresOn, DateTimeOffset acquiredOn)
        {
            Value = value;
            ExpiresOn = expiresOn;
            AcquiredOn = acquiredOn;
        }

        /// <summary>The raw token. Never logged or returned to users.</summary>
        internal string Value { get; }

        internal DateTimeOffset ExpiresOn { get; }

        internal DateTimeOffset AcquiredOn { get; }
    }

    /// <summary>Where tokens come from: an Entra credential, or tokens the caller brought.</summary>
    internal interface ITokenSource
    {
        /// <summary>False when tokens cannot be renewed (bring-your-own tokens).</summary>
        bool CanRefresh { get; }

        /// <summary>
        /// Gets a token for <paramref name="scopes"/> (one service's <c>/.default</c> scope, or delegated scopes when <paramref name="service"/> is null). With <paramref name="bypassCache"/> the source must not
        /// return a token from its own cache (the service has just rejected the cached one).
        /// </summary>
        Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(Models.AcsTeamsService? service, System.Collections.Generic.IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken);
    }
}
