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
    /// The token source of a context signed in with an ACS connection string alone: there is no Entra ID credential,
    /// so every token request fails with ServiceNotConnected (the ACS identity cmdlets sign with the access key and
    /// never ask). Nothing is sent anywhere.
    /// </summary>
    internal sealed class NoEntraTokenSource : ITokenSource
    {
        public bool CanRefresh => false;

        public Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken) =>
            throw NotConnected(service is { } s ? s.ToString() : Strings.Format(Strings.Text_EntraTokenFor, string.Join(" ", scopes)));

        /// <summary>ServiceNotConnected for an ACS-connection-string-only context, naming the Connect command that would enable <paramref name="what"/>.</summary>
        internal static AcsTeamsSecurityException NotConnected(string what, string? command = null) =>
            ErrorFactory.ServiceNotConnected(Strings.ServiceNotConnected_NeedsEntraSignIn, command is null ? Strings.Format(Strings.Text_NeedsWhat, what) : Strings.Format(Strings.Text_CommandNeedsWhat, command, what))
            .With(recommendedAction: Strings.ServiceNotConnected_Action);
    }
}
