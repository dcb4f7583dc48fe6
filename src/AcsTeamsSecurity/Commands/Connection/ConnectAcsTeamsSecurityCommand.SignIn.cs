using System.Management.Automation;
using System.Threading;
using System;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

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
                throw new AcsTeamsSecurityException(
                    ErrorIds.BrowserUnavailable,
                    ErrorCategory.ResourceUnavailable,
                    $"Interactive sign-in needs a browser, but {why}. Sign in with a code on another device instead: {deviceCode}")
                {
                    Target = request.TenantId,
                    RecommendedAction = deviceCode,
                };
            }

            WriteWarning($"Opening a browser to sign in to tenant '{request.TenantId}'. Waiting up to {BrowserWait.TotalMinutes:0} minutes; press Ctrl+C to cancel. No browser? Use: {deviceCode}");
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
                    throw new AcsTeamsSecurityException(
                        ErrorIds.SignInTimedOut,
                        ErrorCategory.OperationTimeout,
                        $"The browser sign-in did not complete within {BrowserWait.TotalMinutes:0} minutes. Run Connect-AcsTeamsSecurity again, or sign in with a code: {deviceCode}")
                    {
                        Target = request.TenantId,
                        RecommendedAction = deviceCode,
                    };
                }
            });
        }
    }
}
