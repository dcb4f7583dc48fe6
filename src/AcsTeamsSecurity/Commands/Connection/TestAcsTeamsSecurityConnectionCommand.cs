using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Checks, per service, that a token can be acquired, the service is reachable and the token is accepted.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AcsTeamsSecurityConnection")]
    [OutputType(typeof(ConnectionTestResult))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "Organization.Read.All", "Directory.Read.All" }, Delegated = new[] { "User.Read" })]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader" })]
    [RequiredPermission(AcsTeamsService.Arm, Roles = new[] { "Reader" })]
    public sealed class TestAcsTeamsSecurityConnectionCommand : ConnectedCmdlet
    {
        /// <summary>Which services to test; all the environment offers by default.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public AcsTeamsService[]? Service { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var available = context.Environment.AvailableServices;
            var services = (Service ?? available.ToArray()).Distinct().ToList();
            foreach (var service in services)
            {
                if (!available.Contains(service))
                {
                    WriteWarning($"{service} is not available in the '{context.Environment.Name}' environment; skipped.");
                    continue;
                }

                WriteVerbose($"Testing {service}.");
                var result = Run(ct => ConnectionProbe.ProbeAsync(context, service, ct));
                WriteObject(result);
            }
        }
    }
}
