using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Tokens the caller brought (-AccessToken). They are matched to services by their audience and
    /// cannot be renewed: once one expires, the cmdlet says so and asks for a new connection.
    /// </summary>
    internal sealed class StaticTokenSource : ITokenSource
    {
        private readonly Dictionary<AcsTeamsService, (string Token, DateTimeOffset ExpiresOn)> _tokens;

        internal StaticTokenSource(Dictionary<AcsTeamsService, (string Token, DateTimeOffset ExpiresOn)> tokens) => _tokens = tokens;

        public bool CanRefresh => false;

        internal IReadOnlyDictionary<AcsTeamsService, (string Token, DateTimeOffset ExpiresOn)> Tokens => _tokens;

        public Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? requested, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken)
        {
            if (requested is not { } service)
            {
                throw ErrorFactory.UserSignInRequired(Strings.UserSignInRequired_ThisContextWasConnected, string.Join(" ", scopes));
            }

            var scope = scopes.Count > 0 ? scopes[0] : string.Empty;
            if (!_tokens.TryGetValue(service, out var token))
            {
                throw ErrorFactory.AccessTokenMissing(Strings.AccessTokenMissing_ThisContextWasConnected, service, scope.Replace("/.default", string.Empty)).With(service: service.ToString());
            }

            if (DateTimeOffset.UtcNow >= token.ExpiresOn)
            {
                throw Expired(service, token.ExpiresOn);
            }

            return Task.FromResult(token);
        }

        internal static AcsTeamsSecurityException Expired(AcsTeamsService service, DateTimeOffset expiresOn) =>
            ErrorFactory.AccessTokenExpired(Strings.AccessTokenExpired_TheAccessTokenYou, service, expiresOn).With(service: service.ToString());
    }
}
