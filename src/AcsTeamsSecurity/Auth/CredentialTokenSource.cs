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

        public async Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService service, string scope, CancellationToken cancellationToken)
        {
            try
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext(new[] { scope }, tenantId: _request.TenantId), cancellationToken).ConfigureAwait(false);
                return (token.Token, token.ExpiresOn);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && AuthErrorTranslator.CanTranslate(ex))
            {
                throw AuthErrorTranslator.Translate(ex, _request, service);
            }
        }
    }
}
