using System.Management.Automation;
using System.Threading;
using System;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>The interactive (browser) sign-in: never a silent wait.</summary>
    public sealed partial class ConnectAcsTeamsSecurityCommand
    {
        /// <summary>How long an interactive sign-in waits for the browser before it gives up.</summary>
        internal static readonly TimeSpan BrowserWait = TimeSpan.FromMinutes(5);

        private void SignInInteractively(TokenBroker broker, AcsTeamsService first, ConnectionRequest request)
        {
            var deviceCode = $"Connect-AcsTeamsSecurity -DeviceCode -TenantId {CommandText.Argument(request.TenantId)} -ClientId {CommandText.Argument(request.ClientId)}" +
                (string.Equals(Environment, "Global", StringComparison.OrdinalIgnoreCase) ? string.Empty : $" -Environment {CommandText.Argument(Environment)}");
            var why = BrowserAvailability.WhyUnavailable();
            if (why is not null)
            {
                throw ErrorFactory.BrowserUnavailable(Strings.BrowserUnavailable_InteractiveSignInNeeds, why, deviceCode).With(target: request.TenantId, recommendedAction: deviceCode);
            }

            WriteWarning(Strings.Format(Strings.Warning_OpeningABrowserTo, request.TenantId, BrowserWait.TotalMinutes, deviceCode));
            Run(async ct =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(BrowserWait);
                try
                {
                    await broker.GetTokenAsync(first, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw ErrorFactory.SignInTimedOut(Strings.SignInTimedOut_TheBrowserSignIn, BrowserWait.TotalMinutes, deviceCode).With(target: request.TenantId, recommendedAction: deviceCode);
                }
            });
        }
    }
}
