using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

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
                throw new AcsTeamsSecurityException(
                    ErrorIds.UserSignInRequired,
                    ErrorCategory.AuthenticationError,
                    $"This context was connected with access tokens and cannot request the scopes {string.Join(" ", scopes)}. Connect with -DeviceCode or interactively, or pass the token yourself.");
            }

            var scope = scopes.Count > 0 ? scopes[0] : string.Empty;
            if (!_tokens.TryGetValue(service, out var token))
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.AccessTokenMissing,
                    ErrorCategory.AuthenticationError,
                    $"This context was connected with access tokens, and none is for {service} (audience '{scope.Replace("/.default", string.Empty)}'). Reconnect with a token for it, or with a sign-in that can acquire tokens.")
                {
                    Service = service.ToString(),
                };
            }

            if (DateTimeOffset.UtcNow >= token.ExpiresOn)
            {
                throw Expired(service, token.ExpiresOn);
            }

            return Task.FromResult(token);
        }

        internal static AcsTeamsSecurityException Expired(AcsTeamsService service, DateTimeOffset expiresOn) =>
            new AcsTeamsSecurityException(
                ErrorIds.AccessTokenExpired,
                ErrorCategory.AuthenticationError,
                $"The {service} access token you supplied expired at {expiresOn:u}. Tokens passed with -AccessToken cannot be refreshed: get a new one and run Connect-AcsTeamsSecurity again, or connect with a sign-in the module can renew.")
            {
                Service = service.ToString(),
            };
    }
}
