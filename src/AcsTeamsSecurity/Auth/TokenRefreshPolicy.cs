using System;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>When a cached token is renewed: pure arithmetic, unit tested.</summary>
    internal static class TokenRefreshPolicy
    {
        /// <summary>Tokens are renewed at most this long before they expire.</summary>
        internal static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The margin before expiry at which a token is renewed: five minutes, or a quarter of the
        /// token's lifetime when that is shorter (so a 5-second test token is used for about 3.75 s
        /// and never sent after it expires).
        /// </summary>
        internal static TimeSpan MarginFor(DateTimeOffset acquiredOn, DateTimeOffset expiresOn)
        {
            var lifetime = expiresOn - acquiredOn;
            if (lifetime <= TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            var quarter = TimeSpan.FromTicks(lifetime.Ticks / 4);
            return quarter < MaxMargin ? quarter : MaxMargin;
        }

        /// <summary>True while the token can be used without renewing it.</summary>
        internal static bool IsFresh(CachedToken token, DateTimeOffset now) =>
            now < token.ExpiresOn - MarginFor(token.AcquiredOn, token.ExpiresOn);

        /// <summary>True once the token is past its expiry.</summary>
        internal static bool IsExpired(CachedToken token, DateTimeOffset now) => now >= token.ExpiresOn;
    }
}
