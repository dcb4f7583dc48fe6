using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// One per context: acquires each service's token on first use, keeps it in memory only, renews it
    /// before it expires, and lets every runspace that shares the context use the same token. Exactly one
    /// acquisition runs per service at a time; concurrent callers wait for it.
    /// </summary>
    internal sealed class TokenBroker
    {
        private readonly ConcurrentDictionary<AcsTeamsService, Entry> _entries = new ConcurrentDictionary<AcsTeamsService, Entry>();
        private readonly ConcurrentDictionary<string, Entry> _scopeEntries = new ConcurrentDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<DateTimeOffset> _clock;
        private ITokenSource? _source;
        private string? _tenant;

        internal TokenBroker(ITokenSource source, AcsTeamsEnvironment environment, Func<DateTimeOffset>? clock = null)
        {
            _source = source;
            Environment = environment;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        internal AcsTeamsEnvironment Environment { get; }

        internal bool CanRefresh => _source?.CanRefresh ?? false;

        /// <summary>Raised once with the claims of the first token acquired (used to learn the tenant of a managed identity).</summary>
        internal event Action<JwtClaims>? TokenAcquired;

        /// <summary>The claims of the first token this broker acquired or was given, once there is one.</summary>
        internal JwtClaims? FirstClaims { get; private set; }

        /// <summary>
        /// The tenant every token of this context must belong to: the GUID given with -TenantId (or resolved from a domain),
        /// else the <c>tid</c> of the first token. A token of another tenant is refused (TokenTenantMismatch) and never cached,
        /// so one context can never read one tenant and write another.
        /// </summary>
        internal string? BoundTenant => Volatile.Read(ref _tenant);

        /// <summary>Binds the broker to <paramref name="tenantId"/> (a GUID) before any token is seeded or acquired.</summary>
        internal void BindTenant(string tenantId)
        {
            if (!Guid.TryParse(tenantId, out var guid))
            {
                throw new ArgumentException("A tenant binding is a GUID.", nameof(tenantId));
            }

            var bound = Interlocked.CompareExchange(ref _tenant, guid.ToString(), null);
            if (bound is not null && !SameTenant(bound, tenantId))
            {
                throw Mismatch(bound, tenantId, null);
            }
        }

        /// <summary>The tenant (<c>tid</c>) of the token cached for <paramref name="service"/>, or null when there is none or it has no tid.</summary>
        internal string? TenantOf(AcsTeamsService service) => _entries.TryGetValue(service, out var entry) ? entry.Claims?.TenantId : null;

        /// <summary>Number of tokens acquired from the source, per service (for diagnostics and tests).</summary>
        internal int AcquisitionCount(AcsTeamsService service) => _entries.TryGetValue(service, out var e) ? e.Acquisitions : 0;

        /// <summary>True when a token for <paramref name="service"/> is cached and fresh: using it asks the credential nothing.</summary>
        internal bool HasFreshToken(AcsTeamsService service) =>
            _source is not null && _entries.TryGetValue(service, out var entry) && entry.Token is { } token && TokenRefreshPolicy.IsFresh(token, _clock());

        /// <summary>Returns a usable token for <paramref name="service"/>, acquiring or renewing it when needed.</summary>
        internal Task<string> GetTokenAsync(AcsTeamsService service, CancellationToken cancellationToken)
        {
            if (_source is null)
            {
                throw Disconnected();
            }

            var scope = Environment.ScopeFor(service) ?? throw NotAvailable(service);
            return GetTokenCoreAsync(_entries.GetOrAdd(service, _ => new Entry()), service, new[] { scope }, service.ToString(), cancellationToken);
        }

        /// <summary>
        /// Returns a token for delegated <paramref name="scopes"/> that belong to no service of the environment
        /// (for example the ACS Teams.ManageCalls scope), cached like the per-service tokens.
        /// </summary>
        internal Task<string> GetTokenForScopesAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
        {
            if (_source is null)
            {
                throw Disconnected();
            }

            var key = string.Join(" ", scopes);
            return GetTokenCoreAsync(_scopeEntries.GetOrAdd(key, _ => new Entry()), null, scopes, key, cancellationToken);
        }

        private async Task<string> GetTokenCoreAsync(Entry entry, AcsTeamsService? service, IReadOnlyList<string> scopes, string label, CancellationToken cancellationToken)
        {
            var source = _source ?? throw Disconnected();
            var cached = entry.Token;
            if (cached is not null && TokenRefreshPolicy.IsFresh(cached, _clock()))
            {
                return cached.Value;
            }

            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                cached = entry.Token;
                var now = _clock();
                if (cached is not null && TokenRefreshPolicy.IsFresh(cached, now))
                {
                    return cached.Value;
                }

                if (!source.CanRefresh)
                {
                    // Bring-your-own tokens: use them until they expire, then say so.
                    if (cached is not null && !TokenRefreshPolicy.IsExpired(cached, now))
                    {
                        return cached.Value;
                    }
                }

                OperationLog.Current.Verbose(Strings.Format(Strings.Verbose_AcquiringAToken, label, cached is null ? Strings.Text_FirstUse : Strings.Text_Renewal));
                var started = _clock();
                var bypassCache = entry.BypassSourceCache;
                var (token, expiresOn) = await source.AcquireAsync(service, scopes, bypassCache, cancellationToken).ConfigureAwait(false);
                entry.BypassSourceCache = false;
                var parsed = JwtClaims.TryParse(token, out var claims) ? claims : null;
                CheckTenant(parsed, label);
                var fresh = new CachedToken(token, expiresOn, started);
                entry.Claims = parsed;
                entry.Token = fresh;
                Interlocked.Increment(ref entry.AcquisitionsField);
                OperationLog.Current.Debug($"{label} token acquired; expires {expiresOn:u}; roles [{string.Join(", ", claims.Roles)}]; scopes [{string.Join(" ", claims.Scopes)}].");
                if (entry.Claims is not null)
                {
                    FirstClaims ??= entry.Claims;
                    TokenAcquired?.Invoke(entry.Claims);
                }

                return token;
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        /// <summary>
        /// Drops the cached token for <paramref name="service"/> if it is still <paramref name="rejectedToken"/>
        /// (the service answered 401 to it). Returns true when a renewal is possible.
        /// </summary>
        internal bool Invalidate(AcsTeamsService service, string rejectedToken)
        {
            if (!CanRefresh || !_entries.TryGetValue(service, out var entry))
            {
                return false;
            }

            var current = entry.Token;
            if (current is not null && string.Equals(current.Value, rejectedToken, StringComparison.Ordinal))
            {
                entry.Token = null;
                entry.BypassSourceCache = true;
            }

            return true;
        }

        /// <summary>Seeds a token the caller brought (no acquisition, cannot be renewed).</summary>
        internal void Seed(AcsTeamsService service, string token, DateTimeOffset expiresOn)
        {
            var parsed = JwtClaims.TryParse(token, out var claims) ? claims : null;
            CheckTenant(parsed, service.ToString());
            var entry = _entries.GetOrAdd(service, _ => new Entry());
            entry.Claims = parsed;
            entry.Token = new CachedToken(token, expiresOn, _clock());
            if (entry.Claims is not null)
            {
                FirstClaims ??= entry.Claims;
                TokenAcquired?.Invoke(entry.Claims);
            }
        }

        /// <summary>What the broker holds per service, without the tokens.</summary>
        internal IReadOnlyList<TokenState> States()
        {
            var services = Environment.AvailableServices;
            return services.Select(service =>
            {
                _entries.TryGetValue(service, out var entry);
                var token = entry?.Token;
                var claims = entry?.Claims;
                return new TokenState(
                    service,
                    token is not null,
                    token?.ExpiresOn,
                    token?.AcquiredOn,
                    claims?.Roles ?? Array.Empty<string>(),
                    claims?.Scopes ?? Array.Empty<string>(),
                    claims?.Audience,
                    CanRefresh);
            }).ToList();
        }

        /// <summary>Forgets every token and the credential: the context can no longer call anything.</summary>
        internal void Clear()
        {
            _source = null;
            foreach (var entry in _entries.Values)
            {
                entry.Token = null;
                entry.Claims = null;
            }

            _entries.Clear();
            foreach (var entry in _scopeEntries.Values)
            {
                entry.Token = null;
                entry.Claims = null;
            }

            _scopeEntries.Clear();
        }

        /// <summary>Binds to the first token's tenant, or refuses a token of another tenant than the bound one.</summary>
        private void CheckTenant(JwtClaims? claims, string label)
        {
            var tid = claims?.TenantId;
            if (tid is null)
            {
                return; // an opaque token: its tenant cannot be read here (Restore refuses to write with such a token)
            }

            var bound = Interlocked.CompareExchange(ref _tenant, tid, null);
            if (bound is not null && !SameTenant(bound, tid))
            {
                throw Mismatch(bound, tid, label);
            }
        }

        private static bool SameTenant(string a, string b) =>
            Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static AcsTeamsSecurityException Mismatch(string bound, string other, string? label) =>
            (label is null
                ? ErrorFactory.TokenTenantMismatch(Strings.TokenTenantMismatch_ContextBelongsToTenant, bound, other)
                : ErrorFactory.TokenTenantMismatch(Strings.TokenTenantMismatch_TokenIsForTenant, label, other, bound))
            .With(target: other, recommendedAction: Strings.TokenTenantMismatch_Action);

        private AcsTeamsSecurityException NotAvailable(AcsTeamsService service) =>
            ErrorFactory.ServiceNotAvailableInEnvironment(Strings.ServiceNotAvailableInEnvironment_NotInEnvironment, service, Environment.Name, Environment.Notes)
                .With(target: service, service: service.ToString());

        private static AcsTeamsSecurityException Disconnected() =>
            ErrorFactory.ContextDisconnected(Strings.ContextDisconnected_ThisContextWasDisconnectedAnd);

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim only needs disposal when its AvailableWaitHandle is used, which it never is; disposing it could fail a concurrent waiter during Disconnect.")]
        private sealed class Entry
        {
            internal readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
            internal int AcquisitionsField;
            private volatile bool _bypassSourceCache;
            private CachedToken? _token;
            private JwtClaims? _claims;

            internal CachedToken? Token
            {
                get => Volatile.Read(ref _token);
                set => Volatile.Write(ref _token, value);
            }

            internal JwtClaims? Claims
            {
                get => Volatile.Read(ref _claims);
                set => Volatile.Write(ref _claims, value);
            }

            internal int Acquisitions => Volatile.Read(ref AcquisitionsField);

            internal bool BypassSourceCache
            {
                get => _bypassSourceCache;
                set => _bypassSourceCache = value;
            }
        }
    }
}
