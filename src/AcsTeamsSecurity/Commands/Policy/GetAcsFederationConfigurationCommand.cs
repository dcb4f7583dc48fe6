using System.Management.Automation;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Gets the tenant-wide gates for ACS users: ACS federation and its allow-list, the anonymous-join switch, and tenant federation.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcsFederationConfiguration")]
    [OutputType(typeof(AcsFederationConfiguration))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    public sealed class GetAcsFederationConfigurationCommand : ConnectedCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var service = new TeamsPolicyService(ActiveContext.Clients);
            WriteObject(Run(ct => service.TenantGatesAsync(includeFederation: true, ct)));
        }
    }
}
