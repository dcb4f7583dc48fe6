using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// Presents the context's token cache as a <see cref="TokenCredential"/> for SDK clients (the Graph
    /// SDK), so they share the one cached token per service instead of acquiring their own.
    /// </summary>
    internal sealed class BrokerCredential : TokenCredential
    {
        private readonly TokenBroker _broker;
        private readonly AcsTeamsService _service;

        internal BrokerCredential(TokenBroker broker, AcsTeamsService service)
        {
            _broker = broker;
            _service = service;
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var token = await _broker.GetTokenAsync(_service, cancellationToken).ConfigureAwait(false);
            var expires = JwtClaims.TryParse(token, out var claims) && claims.ExpiresOn is { } e ? e : DateTimeOffset.UtcNow.AddMinutes(5);
            return new AccessToken(token, expires);
        }
    }
}
