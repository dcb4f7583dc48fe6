using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Purview
{
    /// <summary>Test-AcsTeamsSecurityConnection for the Purview services: the same read the module's Purview cmdlets make.</summary>
    internal static class PurviewProbe
    {
        internal const string ComplianceProbeCmdlet = "Get-DlpCompliancePolicy";

        internal const string ExchangeProbeCmdlet = "Get-M365DataAtRestEncryptionPolicy";

        internal static async Task ProbeAsync(ServiceClients clients, AcsTeamsService service, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            var purview = clients.Purview();
            var client = service == AcsTeamsService.Compliance
                ? await purview.ComplianceAsync(cancellationToken).ConfigureAwait(false)
                : await purview.ExchangeOnlineAsync(cancellationToken).ConfigureAwait(false);
            var cmdlet = service == AcsTeamsService.Compliance ? ComplianceProbeCmdlet : ExchangeProbeCmdlet;
            try
            {
                var items = await client.InvokeAsync(cmdlet, null, cancellationToken).ConfigureAwait(false);
                result.Reachable = true;
                result.Authorized = true;
                result.Detail = Strings.Format(Strings.Detail_RanPurviewCmdlet, cmdlet, items.Count);
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.PermissionDenied)
            {
                result.Reachable = true;
                result.ErrorId = ex.ErrorId;
                result.Detail = ex.Message;
            }
        }
    }
}
