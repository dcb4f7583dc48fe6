using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Signs out: drops the context's credential, cached tokens and ACS key from memory.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AcsTeamsSecurity")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAcsTeamsSecurityCommand : AcsTeamsCmdlet
    {
        /// <summary>The context to disconnect; defaults to the current one.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public AcsTeamsSecurityContext? Context { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = Context ?? ContextStore.Current;
            if (context is null)
            {
                WriteVerbose(Strings.Verbose_NoContextIsConnected);
                return;
            }

            context.Disconnect();
            ContextStore.ClearIfCurrent(context);
            WriteVerbose(Strings.Format(Strings.Verbose_DisconnectedItsCredentialAnd, context));
        }
    }
}
