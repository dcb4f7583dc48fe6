using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// The service clients of one context, created on first use and shared by every cmdlet and runspace
    /// that uses the context. Creating them loads no SDK until a cmdlet actually needs one.
    /// </summary>
    internal sealed class ServiceClients : IDisposable
    {
        private readonly IServiceConnection _context;
        private readonly ConcurrentDictionary<AcsTeamsService, ServiceHttpClient> _http = new ConcurrentDictionary<AcsTeamsService, ServiceHttpClient>();
        private readonly object _acsGate = new object();
        private Acs.AcsIdentityClient? _acs;
        private Acs.AcsAccessKey? _hmac;
        private Teams.TeamsServiceDiscovery _teamsDiscovery = new Teams.TeamsServiceDiscovery();

        private Purview.PurviewClients? _purview;

        internal ServiceClients(IServiceConnection connection) => _context = connection;

        /// <summary>The context these clients serve: its cloud, sign-in and the names its services read.</summary>
        internal IServiceConnection Connection => _context;

        /// <summary>Security &amp; Compliance and Exchange Online InvokeCommand clients (read only), made per call.</summary>
        internal Purview.PurviewClients Purview() => LazyInitializer.EnsureInitialized(ref _purview, () => new Purview.PurviewClients(this))!;

        /// <summary>Retries per request for every service of this context.</summary>
        internal int MaxRetries { get; set; } = 4;

        /// <summary>The JSON client for a service with a fixed base URL (Graph, Teams admin, ARM).</summary>
        internal ServiceHttpClient Http(AcsTeamsService service)
        {
            EnsureConnected();
            if (!_context.Covers(service))
            {
                throw Auth.NoEntraTokenSource.NotConnected(service.ToString());
            }

            return _http.GetOrAdd(service, s =>
            {
                var endpoint = _context.Environment.EndpointFor(s) ?? throw NotAvailable(s);
                return new ServiceHttpClient(s, endpoint, _context.Broker, MaxRetries, proxy: _context.HttpProxy);
            });
        }

        public void Dispose() => Clear();

        /// <summary>The Teams tenant admin API client.</summary>
        /// <remarks>The connect handshake (serviceDiscovery) runs once per context, on the first Teams admin request, and is kept here.</remarks>
        internal Teams.TeamsAdminClient TeamsAdmin() => new Teams.TeamsAdminClient(Http(AcsTeamsService.TeamsAdmin), _teamsDiscovery);

        /// <summary>Azure Resource Manager: Communication Services resources and their diagnostic settings.</summary>
        internal Arm.ArmClient Arm() => new Arm.ArmClient(Http(AcsTeamsService.Arm), _context.ArmApiVersion);

        /// <summary>Graph as JSON (batching, Teams user configurations, policy assignment).</summary>
        internal Graph.GraphJsonClient GraphJson() => new Graph.GraphJsonClient(Http(AcsTeamsService.Graph));

        /// <summary>
        /// The ACS Identity client for the context's ACS endpoint: signed with the access key when the context
        /// has a connection string, otherwise with the context's Entra token for ACS.
        /// </summary>
        internal Acs.AcsIdentityClient Acs()
        {
            EnsureConnected();
            lock (_acsGate)
            {
                if (_acs is null)
                {
                    var endpoint = _context.AcsEndpoint ?? throw ErrorFactory.AcsEndpointMissing(Strings.AcsEndpointMissing_ThisContextHasNo);
                    ServiceHttpClient http;
                    if (_context.AcsConnectionString is { } secure)
                    {
                        var parsed = Auth.AcsConnectionString.Parse(Auth.SecureStrings.Reveal(secure));
                        _hmac = new Acs.AcsAccessKey(parsed.Key);
                        http = new ServiceHttpClient(AcsTeamsService.Acs, endpoint, broker: null, MaxRetries, RequestAuthorizationPolicy.AccessKey(endpoint, _hmac), _context.HttpProxy);
                    }
                    else
                    {
                        if (_context.Environment.AcsResource is null)
                        {
                            throw NotAvailable(AcsTeamsService.Acs);
                        }

                        http = new ServiceHttpClient(AcsTeamsService.Acs, endpoint, _context.Broker, MaxRetries, proxy: _context.HttpProxy);
                    }

                    _acs = new Acs.AcsIdentityClient(http, _context.AcsApiVersion, _context.AcsConnectionString is not null);
                }

                return _acs;
            }
        }

        internal void Clear()
        {
            _http.Clear();
            _teamsDiscovery = new Teams.TeamsServiceDiscovery();
            _purview = null;
            lock (_acsGate)
            {
                _acs = null;
                _hmac?.Dispose();
                _hmac = null;
            }
        }

        private void EnsureConnected()
        {
            if (!_context.IsConnected)
            {
                throw ErrorFactory.ContextDisconnected(Strings.ContextDisconnected_ThisContextWasDisconnectedAnd);
            }
        }

        private AcsTeamsSecurityException NotAvailable(AcsTeamsService service) =>
            ErrorFactory.ServiceNotAvailableInEnvironment(Strings.ServiceNotAvailableInEnvironment_NotInEnvironment, service, _context.Environment.Name, _context.Environment.Notes)
                .With(service: service.ToString());
    }
}
