using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Session
{
    /// <summary>
    /// A signed-in connection to one tenant in one environment. Every connected cmdlet uses the current
    /// context, or the one passed with -Context, so a script can drive several tenants at once. The
    /// object is safe to share between runspaces (ForEach-Object -Parallel with $using:). It holds no
    /// secret on its public surface: tokens stay inside and are described by <see cref="Tokens"/>.
    /// </summary>
    public sealed class AcsTeamsSecurityContext : IServiceConnection
    {
        private string? _tenantId;
        private int _connected = 1;

        internal AcsTeamsSecurityContext(ConnectionRequest request, TokenBroker broker, Uri? acsEndpoint, SecureString? acsConnectionString, string acsApiVersion = AcsTeamsSecurity.Clients.Acs.AcsIdentityClient.DefaultApiVersion, IEnumerable<AcsTeamsService>? signedInServices = null)
        {
            Services = CoveredServices(request, acsEndpoint, acsConnectionString is not null, signedInServices);
            AcsApiVersion = acsApiVersion;
            Id = Guid.NewGuid();
            _tenantId = request.TenantId;
            GivenTenant = request.TenantId;
            ClientId = request.ClientId;
            AuthMode = request.Mode;
            Environment = request.Environment;
            AcsEndpoint = acsEndpoint;
            AcsConnectionString = acsConnectionString;
            ConnectedOn = DateTimeOffset.UtcNow;
            HttpProxy = request.Proxy;
            Broker = broker;
            Clients = new ServiceClients(this);
            broker.TokenAcquired += OnTokenAcquired;
        }

        /// <summary>Identifies this context (several may exist in one session).</summary>
        public Guid Id { get; }

        /// <summary>The tenant id or domain given at sign-in; for managed identities, learned from the first token.</summary>
        public string? TenantId => Volatile.Read(ref _tenantId);

        /// <summary>The tenant exactly as given at sign-in (a domain stays a domain), or null for managed identities.</summary>
        internal string? GivenTenant { get; }

        /// <summary>The application (client) id, or the user-assigned managed identity's client id.</summary>
        public string? ClientId { get; }

        /// <summary>The signed-in user (delegated sign-in), once known.</summary>
        public string? Account { get; private set; }

        /// <summary>How this context signs in.</summary>
        public AuthMode AuthMode { get; }

        /// <summary>The cloud this context talks to.</summary>
        public AcsTeamsEnvironment Environment { get; }

        /// <summary>The ACS resource endpoint used by the ACS identity cmdlets, if one was given.</summary>
        public Uri? AcsEndpoint { get; }

        /// <summary>True when an ACS connection string (access key) was given; the key itself is never shown.</summary>
        public bool HasAcsAccessKey => AcsConnectionString is not null;

        /// <summary>How ACS requests authenticate: AccessKey (HMAC, when a connection string was given) or EntraId.</summary>
        public string AcsAuthentication => HasAcsAccessKey ? "AccessKey" : "EntraId";

        /// <summary>
        /// The services this context can call: those its sign-in covers (every service of the environment for an
        /// Entra ID credential; only the services of the tokens given with -AccessToken; none for an ACS connection
        /// string alone), plus ACS when an ACS endpoint or connection string was given.
        /// </summary>
        public IReadOnlyList<AcsTeamsService> Services { get; }

        /// <summary>
        /// For a managed-identity sign-in, where its tokens come from: AppService (App Service, Functions, Azure
        /// Automation), Imds (Azure VMs and scale sets), AzureArc, ServiceFabric, CloudShell or MachineLearning; null otherwise.
        /// </summary>
        public string? ManagedIdentitySource { get; internal set; }

        /// <summary>The ACS Identity api-version this context uses.</summary>
        public string AcsApiVersion { get; }

        /// <summary>The ARM api-version this context reads Communication Services resources with (default 2025-09-01, GA).</summary>
        public string ArmApiVersion { get; internal set; } = AcsTeamsSecurity.Clients.Arm.ArmClient.DefaultCommunicationApiVersion;

        /// <summary>The proxy every request of this context goes through (-Proxy), without credentials; null when .NET's default proxy settings apply.</summary>
        public Uri? Proxy => HttpProxy?.Address;

        /// <summary>When Connect-AcsTeamsSecurity created this context.</summary>
        public DateTimeOffset ConnectedOn { get; }

        /// <summary>False after Disconnect-AcsTeamsSecurity: the context holds no credentials any more.</summary>
        public bool IsConnected => Volatile.Read(ref _connected) == 1;

        /// <summary>Per-service token state: acquired or not, expiry, roles and scopes. Never the token.</summary>
        public IReadOnlyList<TokenState> Tokens => Broker.States();

        internal TokenBroker Broker { get; }

        internal ServiceClients Clients { get; }

        /// <summary>Names earlier cmdlet calls of this context read or resolved, for tab completion (no secrets).</summary>
        internal CompletionCache Completions { get; } = new CompletionCache();

        internal SecureString? AcsConnectionString { get; private set; }

        /// <summary>The -Proxy handler shared by every client of this context; disposed by <see cref="Disconnect"/>.</summary>
        internal ContextProxy? HttpProxy { get; }

        /// <summary>Drops the credential, every cached token and the ACS key.</summary>
        internal void Disconnect()
        {
            if (Interlocked.Exchange(ref _connected, 0) == 0)
            {
                return;
            }

            Broker.Clear();
            Clients.Clear();
            Completions.Clear();
            AcsConnectionString?.Dispose();
            AcsConnectionString = null;
            HttpProxy?.Dispose();
        }

        private void OnTokenAcquired(JwtClaims claims)
        {
            if (claims.TenantId is not null && (_tenantId is null || !Guid.TryParse(_tenantId, out _)))
            {
                // A managed identity's tenant, or the GUID behind a domain name: the token tells.
                Interlocked.Exchange(ref _tenantId, claims.TenantId);
            }

            if (Account is null && claims.UserPrincipalName is not null)
            {
                Account = claims.UserPrincipalName;
            }
        }

        /// <summary>True when the sign-in covers <paramref name="service"/> (see <see cref="Services"/>).</summary>
        internal bool Covers(AcsTeamsService service) => AuthMode != AuthMode.AcsAccessKey || service == AcsTeamsService.Acs;

        private static IReadOnlyList<AcsTeamsService> CoveredServices(ConnectionRequest request, Uri? acsEndpoint, bool hasAccessKey, IEnumerable<AcsTeamsService>? signedInServices)
        {
            var entra = request.Mode == AuthMode.AcsAccessKey
                ? Enumerable.Empty<AcsTeamsService>()
                : (signedInServices ?? request.Environment.AvailableServices);
            var covered = new HashSet<AcsTeamsService>(entra.Where(s => s != AcsTeamsService.Acs));
            if (acsEndpoint is not null && (hasAccessKey || entra.Contains(AcsTeamsService.Acs)))
            {
                covered.Add(AcsTeamsService.Acs);
            }

            return covered.OrderBy(s => s).ToArray();
        }

        AcsTeamsEnvironment IServiceConnection.Environment => Environment;

        TokenBroker IServiceConnection.Broker => Broker;

        ContextProxy? IServiceConnection.HttpProxy => HttpProxy;

        string? IServiceConnection.GivenTenant => GivenTenant;

        string? IServiceConnection.TenantId => TenantId;

        string? IServiceConnection.ClientId => ClientId;

        string? IServiceConnection.Account => Account;

        AuthMode IServiceConnection.AuthMode => AuthMode;

        IReadOnlyList<TokenState> IServiceConnection.Tokens => Tokens;

        Uri? IServiceConnection.AcsEndpoint => AcsEndpoint;

        SecureString? IServiceConnection.AcsConnectionString => AcsConnectionString;

        string IServiceConnection.AcsApiVersion => AcsApiVersion;

        string IServiceConnection.ArmApiVersion => ArmApiVersion;

        bool IServiceConnection.IsConnected => IsConnected;

        INameMemory IServiceConnection.Names => Completions;

        bool IServiceConnection.Covers(AcsTeamsService service) => Covers(service);

        /// <inheritdoc />
        public override string ToString() => $"{TenantId ?? AcsEndpoint?.Host} ({AuthMode}, {Environment.Name})";
    }
}
