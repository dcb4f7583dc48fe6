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
        /// <inheritdoc />
        internal override bool ChecksServiceCoverage => false;

        /// <summary>Which services to test. By default: every service the environment offers, and ACS when the context has an ACS endpoint.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public AcsTeamsService[]? Service { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var available = context.Environment.AvailableServices.ToList();
            if (context.HasAcsAccessKey && !available.Contains(AcsTeamsService.Acs))
            {
                available.Add(AcsTeamsService.Acs); // the access key works where no Entra resource is known
            }

            // By default, the services the context covers (an ACS-connection-string-only context: ACS alone); a
            // service named with -Service that the sign-in does not cover gives a result saying ServiceNotConnected.
            var services = Service?.Distinct().ToList()
                ?? available.Where(s => s != AcsTeamsService.Acs || context.AcsEndpoint is not null).Where(context.Covers).ToList();
            foreach (var service in services)
            {
                if (!available.Contains(service))
                {
                    WriteFailure(new Errors.AcsTeamsSecurityException(
                        Errors.ErrorIds.ServiceNotAvailableInEnvironment,
                        ErrorCategory.NotEnabled,
                        $"{service} is not available in the '{context.Environment.Name}' environment. {context.Environment.Notes}".TrimEnd())
                    {
                        Target = service,
                    });
                    continue;
                }

                WriteVerbose($"Testing {service}.");
                var result = Run(ct => ConnectionProbe.ProbeAsync(context.Clients, service, ct));
                WriteObject(result);
            }
        }
    }
}
