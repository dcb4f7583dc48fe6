using System.Collections.Generic;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Sets who bypasses the lobby in a Teams meeting policy (only Everyone lets ACS and anonymous users in directly).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "LobbyBypass", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PolicySet)]
    [OutputType(typeof(MeetingPolicySettings))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Administrator" })]
    public sealed class SetLobbyBypassCommand : ConnectedCmdlet
    {
        private const string PolicySet = "Policy";

        /// <summary>The meeting policy instance: Global or Tag:Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PolicySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Identity { get; set; } = string.Empty;

        /// <summary>Who bypasses the lobby.</summary>
        [Parameter(ParameterSetName = PolicySet)]
        public AutoAdmittedUsers AutoAdmittedUsers { get; set; }

        /// <summary>Dial-in callers bypass the lobby.</summary>
        [Parameter(ParameterSetName = PolicySet)]
        public bool AllowPSTNUsersToBypassLobby { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the policy after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var desired = new Dictionary<string, object?>();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(AutoAdmittedUsers)))
            {
                desired[nameof(AutoAdmittedUsers)] = AutoAdmittedUsers;
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(AllowPSTNUsersToBypassLobby)))
            {
                desired[nameof(AllowPSTNUsersToBypassLobby)] = AllowPSTNUsersToBypassLobby;
            }

            if (desired.Count == 0)
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "Give -AutoAdmittedUsers, -AllowPSTNUsersToBypassLobby or both.") { Target = Identity };
            }

            var identity = GetExternalUserPolicyCommand.Normalize(Identity);
            var context = ActiveContext;
            var result = PolicyChange.Apply<MeetingPolicySettings>(this, context.Clients.TeamsAdmin(), "TeamsMeetingPolicy", identity, desired, null, Force, PolicyChange.AppliesTo(identity), PolicyChange.UserCounter(context, "TeamsMeetingPolicy", identity));
            if (PassThru && result is not null)
            {
                WriteObject(result);
            }
        }
    }
}
