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
    /// The token source of a context signed in with an ACS connection string alone: there is no Entra ID credential,
    /// so every token request fails with ServiceNotConnected (the ACS identity cmdlets sign with the access key and
    /// never ask). Nothing is sent anywhere.
    /// </summary>
    internal sealed class NoEntraTokenSource : ITokenSource
    {
        public bool CanRefresh => false;

        public Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken) =>
            throw NotConnected(service is { } s ? s.ToString() : "an Entra ID token for " + string.Join(" ", scopes));

        /// <summary>ServiceNotConnected for an ACS-connection-string-only context, naming the Connect command that would enable <paramref name="what"/>.</summary>
        internal static AcsTeamsSecurityException NotConnected(string what, string? command = null) =>
            new AcsTeamsSecurityException(
                ErrorIds.ServiceNotConnected,
                ErrorCategory.AuthenticationError,
                $"{(command is null ? what + " needs" : command + " needs " + what + ", which needs")} an Entra ID sign-in, and this context signed in with an ACS connection string only: it covers the ACS identity cmdlets and nothing else. Connect with an Entra ID credential, for example Connect-AcsTeamsSecurity -TenantId <tenant> -ClientId <app id> -ClientSecret <secret> (or -ManagedIdentity), and add -AcsConnectionString to keep signing ACS requests with the access key.")
            {
                RecommendedAction = "Connect-AcsTeamsSecurity -TenantId <tenant> -ClientId <app id> -ClientSecret <secret> -AcsConnectionString <connection string>",
            };
    }
}
