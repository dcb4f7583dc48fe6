using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>Tokens from an Azure.Identity credential (Entra ID), translated errors included.</summary>
    internal sealed class CredentialTokenSource : ITokenSource
    {
        private readonly TokenCredential _credential;
        private readonly ConnectionRequest _request;

        internal CredentialTokenSource(TokenCredential credential, ConnectionRequest request)
        {
            _credential = credential;
            _request = request;
        }

        public bool CanRefresh => true;

        public async Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, System.Collections.Generic.IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken)
        {
            try
            {
                // A claims challenge makes MSAL skip its cache: the standard way (CAE) to get a new token
                // after a service rejected the cached one while it still looks valid to this machine.
                var claims = bypassCache
                    ? "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}"
                    : null;
                var token = await _credential.GetTokenAsync(new TokenRequestContext(System.Linq.Enumerable.ToArray(scopes), claims: claims, tenantId: _request.TenantId), cancellationToken).ConfigureAwait(false);
                return (token.Token, token.ExpiresOn);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && AuthErrorTranslator.CanTranslate(ex))
            {
                throw AuthErrorTranslator.Translate(ex, _request, service ?? AcsTeamsService.Acs);
            }
        }
    }
}
