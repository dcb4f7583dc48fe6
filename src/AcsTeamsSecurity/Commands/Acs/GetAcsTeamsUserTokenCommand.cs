using System;
using System.Management.Automation;
using System.Security;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Acs
{
    /// <summary>
    /// <para type="synopsis">Exchanges a Teams user's Entra ID token for an ACS token (Teams Phone / custom Teams clients).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcsTeamsUserToken", DefaultParameterSetName = ContextSet)]
    [OutputType(typeof(AcsTeamsUserToken))]
    [RequiredPermission(AcsTeamsService.Acs, Delegated = new[] { "Teams.ManageCalls", "Teams.ManageChats" }, Roles = new[] { "Contributor", "Owner", "Communication and Email Service Owner" })]
    public sealed class GetAcsTeamsUserTokenCommand : ConnectedCmdlet
    {
        /// <summary>The delegated scopes of the ACS "Teams user" API (auth.msft.communication.azure.com).</summary>
        internal static readonly string[] TeamsUserScopes =
        {
            "https://auth.msft.communication.azure.com/Teams.ManageCalls",
            "https://auth.msft.communication.azure.com/Teams.ManageChats",
        };

        private const string ContextSet = "Context";
        private const string TokenSet = "UserToken";

        /// <summary>A Teams user's Entra ID access token for the Teams.ManageCalls / Teams.ManageChats scopes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString? UserToken { get; set; }

        /// <summary>The Entra application the user's token was issued to (default: the token's appid claim).</summary>
        [Parameter(ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>The Teams user's Entra object id (default: the token's oid claim).</summary>
        [Parameter(ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string? UserObjectId { get; set; }

        /// <summary>Also return the ACS token as plain text (TokenText).</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            string entraToken;
            if (ParameterSetName == TokenSet)
            {
                entraToken = SecureStrings.Reveal(UserToken!).Trim();
                if (entraToken.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    entraToken = entraToken.Substring(7).Trim();
                }
            }
            else
            {
                if (context.AuthMode != AuthMode.DeviceCode && context.AuthMode != AuthMode.Interactive)
                {
                    throw ErrorFactory.UserSignInRequired(Strings.UserSignInRequired_ExchangingATeamsUser, context.AuthMode);
                }

                entraToken = Run(ct => context.Broker.GetTokenForScopesAsync(TeamsUserScopes, ct));
            }

            if (!JwtClaims.TryParse(entraToken, out var claims))
            {
                throw ErrorFactory.AccessTokenInvalid(Strings.AccessTokenInvalid_UserTokenIsNotAn);
            }

            var appId = ClientId ?? claims.AppId;
            var userId = UserObjectId ?? claims.ObjectId;
            if (!Guid.TryParse(appId, out _) || !Guid.TryParse(userId, out _))
            {
                throw ErrorFactory.AccessTokenInvalid(Strings.AccessTokenInvalid_TheUserSToken);
            }

            var client = context.Clients.Acs();
            if (string.CompareOrdinal(client.ApiVersion, "2022-06-01") < 0)
            {
                throw ErrorFactory.AcsApiVersionUnsupported(Strings.AcsApiVersionUnsupported_TheTeamsUserToken, client.ApiVersion);
            }

            WriteVerbose(Strings.Format(Strings.Verbose_ExchangingTheEntraToken, userId, appId, client.Endpoint.Host));
            string token;
            DateTimeOffset expiresOn;
            try
            {
                (token, expiresOn) = Run(ct => client.ExchangeTeamsUserTokenAsync(entraToken, appId!, userId!, ct));
            }
            catch (AcsTeamsSecurityException ex) when (ex.Status == 401 && string.Equals(ex.ServiceErrorCode, "InvalidAccessToken", StringComparison.Ordinal))
            {
                // The service rejected the user's token, not ours: say so instead of "reconnect".
                throw ErrorFactory.ServiceUnauthorized(ex, Strings.ServiceUnauthorized_ACSRejectedTheTeams).With(service: ex.Service, status: ex.Status, requestId: ex.RequestId, serviceErrorCode: ex.ServiceErrorCode);
            }

            WriteObject(new AcsTeamsUserToken(userId!, appId!, SecureStrings.Protect(token), AsPlainText ? token : null, expiresOn));
        }
    }
}
