using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Acs
{
    /// <summary>
    /// <para type="synopsis">Deletes ACS identities: revokes their tokens and deletes their data.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AcsIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    [RequiredPermission(AcsTeamsService.Acs, Roles = new[] { "Contributor", "Owner", "Communication and Email Service Owner" })]
    public sealed class RemoveAcsIdentityCommand : ConnectedCmdlet
    {
        /// <summary>The identities to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[]? Identity { get; set; }

        /// <summary>Skip the confirmation prompt (never -WhatIf; an explicit -Confirm still asks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var client = context.Clients.Acs(); // one AcsEndpointMissing for the call, not one per identity
            foreach (var value in Identity!)
            {
                try
                {
                    var identity = AcsIdentityInput.Parse(value);
                    if (!ShouldProcessOrForce(identity.Id, "Delete the identity, revoke all its tokens and delete all its data", Force))
                    {
                        continue;
                    }

                    Run(ct => client.DeleteAsync(identity, ct));
                    WriteVerbose($"Deleted {identity.Id}.");
                }
                catch (AcsTeamsSecurityException ex)
                {
                    WriteFailure(ex, value);
                }
            }
        }
    }
}
