using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Purview
{
    /// <summary>
    /// Makes the InvokeCommand clients of one context (Security &amp; Compliance, Exchange Online): the tenant of the path,
    /// the anchor mailbox's domain (the tenant's initial onmicrosoft domain, read once from Graph's organization when the
    /// context can read it), and regional clients that carry the same service's token to the regional host only.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim only needs disposal when its AvailableWaitHandle is used, which it never is (as in TokenBroker).")]
    internal sealed class PurviewClients
    {
        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private string? _initialDomain;
        private bool _domainResolved;

        internal PurviewClients(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
        }

        /// <summary>The Security &amp; Compliance client (DLP).</summary>
        internal Task<InvokeCommandClient> ComplianceAsync(CancellationToken cancellationToken) =>
            CreateAsync(AcsTeamsService.Compliance, InvokeCommandClient.CompliancePermissions, cancellationToken);

        /// <summary>The Exchange Online client (Customer Key policies).</summary>
        internal Task<InvokeCommandClient> ExchangeOnlineAsync(CancellationToken cancellationToken) =>
            CreateAsync(AcsTeamsService.ExchangeOnline, InvokeCommandClient.ExchangePermissions, cancellationToken);

        private async Task<InvokeCommandClient> CreateAsync(AcsTeamsService service, string permissions, CancellationToken cancellationToken)
        {
            // Refused before sending when the cloud has no known host for the service (ServiceNotAvailableInEnvironment).
            var http = _clients.Http(service);
            var tenant = _context.TenantId ?? _context.Broker.BoundTenant;
            if (tenant is null)
            {
                await _context.Broker.GetTokenAsync(service, cancellationToken).ConfigureAwait(false);
                tenant = _context.Broker.BoundTenant ?? throw ErrorFactory.ServiceNotAvailableInEnvironment(Strings.ServiceNotAvailableInEnvironment_EndpointNeedsTheTenantId, service).With(service: service.ToString());
            }

            var domain = await InitialDomainAsync(cancellationToken).ConfigureAwait(false);
            var broker = _context.Broker;
            var proxy = _context.HttpProxy;
            var retries = _clients.MaxRetries;
            return new InvokeCommandClient(http, regional => new ServiceHttpClient(service, regional, broker, retries, proxy: proxy), tenant, domain, permissions);
        }

        /// <summary>The tenant's initial domain from Graph, once per context; null (no anchor header) when Graph cannot tell.</summary>
        private async Task<string?> InitialDomainAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _domainResolved))
            {
                return _initialDomain;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_domainResolved)
                {
                    return _initialDomain;
                }

                try
                {
                    if (_context.Covers(AcsTeamsService.Graph) && _context.Environment.EndpointFor(AcsTeamsService.Graph) is not null)
                    {
                        // Contract: docs/CONTRACTS.md, Graph, organization.
                        var response = await _clients.Http(AcsTeamsService.Graph).SendAsync(RequestMethod.Get, ConnectionProbe.GraphPath, null, "reading the organization's initial domain", cancellationToken).ConfigureAwait(false);
                        _initialDomain = response.IsSuccess ? ReadInitialDomain(response.Body) : null;
                    }
                }
                catch (AcsTeamsSecurityException ex)
                {
                    OperationLog.Current.Debug($"The tenant's initial domain could not be read ({ex.ErrorId}); InvokeCommand requests go without X-AnchorMailbox.");
                }

                Volatile.Write(ref _domainResolved, true);
                return _initialDomain;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The name of the verified domain marked isInitial in a Graph organization answer, or null.</summary>
        internal static string? ReadInitialDomain(string body)
        {
            try
            {
                var organizations = (JsonNode.Parse(body) as JsonObject)?["value"] as JsonArray;
                var domains = organizations?.OfType<JsonObject>().SelectMany(o => (o["verifiedDomains"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>());
                var initial = domains?.FirstOrDefault(d => d["isInitial"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);
                return initial?["name"] is JsonValue name && name.TryGetValue<string>(out var text) && IsDomainName(text) ? text : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        private static bool IsDomainName(string text) =>
            text.Length > 0 && text.Length <= 253 && text.All(c => char.IsLetterOrDigit(c) || c == '.' || c == '-');
    }
}
