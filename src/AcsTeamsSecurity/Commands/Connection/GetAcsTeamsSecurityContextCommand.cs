using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Shows the current connection: tenant, client, sign-in mode, environment and per-service token state.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcsTeamsSecurityContext")]
    [OutputType(typeof(AcsTeamsSecurityContext))]
    public sealed class GetAcsTeamsSecurityContextCommand : AcsTeamsCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ContextStore.Current;
            if (context is null)
            {
                WriteVerbose(Strings.Verbose_NotConnectedRunConnect);
                return;
            }

            WriteObject(context);
        }
    }
}
