using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// The service clients of one context, created on first use and shared by every cmdlet and runspace
    /// that uses the context. Creating them loads no SDK until a cmdlet actually needs one.
    /// </summary>
    internal sealed class ServiceClients : IDisposable
    {
        private readonly AcsTeamsSecurityContext _context;
        private readonly ConcurrentDictionary<AcsTeamsService, ServiceHttpClient> _http = new ConcurrentDictionary<AcsTeamsService, ServiceHttpClient>();
        private readonly object _graphGate = new object();
        private GraphServiceClient? _graph;

        internal ServiceClients(AcsTeamsSecurityContext context) => _context = context;

        /// <summary>Retries per request for every service of this context.</summary>
        internal int MaxRetries { get; set; } = 4;

        /// <summary>The JSON client for a service with a fixed base URL (Graph, Teams admin, ARM).</summary>
        internal ServiceHttpClient Http(AcsTeamsService service)
        {
            EnsureConnected();
            return _http.GetOrAdd(service, s =>
            {
                var endpoint = _context.Environment.EndpointFor(s) ?? throw NotAvailable(s);
                return new ServiceHttpClient(s, endpoint, _context.Broker, MaxRetries);
            });
        }

        /// <summary>
        /// The Microsoft Graph SDK client (v1.0). Its authentication provider is told the configured
        /// Graph host explicitly: otherwise it silently sends no token to hosts outside Microsoft's list.
        /// </summary>
        internal GraphServiceClient Graph()
        {
            EnsureConnected();
            lock (_graphGate)
            {
                if (_graph is null)
                {
                    var environment = _context.Environment;
                    var endpoint = environment.GraphEndpoint ?? throw NotAvailable(AcsTeamsService.Graph);
                    var auth = new AzureIdentityAuthenticationProvider(
                        new BrokerCredential(_context.Broker, AcsTeamsService.Graph),
                        allowedHosts: new[] { endpoint.Host },
                        observabilityOptions: null,
                        isCaeEnabled: false,
                        scopes: environment.ScopeFor(AcsTeamsService.Graph)!);
                    _graph = new GraphServiceClient(auth, ServiceHttpClient.Combine(endpoint, "v1.0").AbsoluteUri);
                }

                return _graph;
            }
        }

        public void Dispose() => Clear();

        internal void Clear()
        {
            _http.Clear();
            lock (_graphGate)
            {
                _graph?.Dispose();
                _graph = null;
            }
        }

        private void EnsureConnected()
        {
            if (!_context.IsConnected)
            {
                throw new AcsTeamsSecurityException(ErrorIds.ContextDisconnected, ErrorCategory.InvalidOperation, "This context was disconnected and holds no credentials. Run Connect-AcsTeamsSecurity again.");
            }
        }

        private AcsTeamsSecurityException NotAvailable(AcsTeamsService service) =>
            new AcsTeamsSecurityException(
                ErrorIds.ServiceNotAvailableInEnvironment,
                ErrorCategory.NotEnabled,
                $"The {service} service is not available in the '{_context.Environment.Name}' environment. {_context.Environment.Notes}".TrimEnd())
            {
                Service = service.ToString(),
            };
    }
}
