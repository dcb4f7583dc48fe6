using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Sets who bypasses the lobby: in a Teams meeting policy, or in online meetings (one or thousands). Only Everyone lets ACS and anonymous users in directly.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "LobbyBypass", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PolicySet)]
    [OutputType(typeof(MeetingPolicySettings), typeof(MeetingExternalAccess))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "OnlineMeetings.ReadWrite.All" }, Delegated = new[] { "OnlineMeetings.ReadWrite" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
    public sealed class SetLobbyBypassCommand : ConnectedCmdlet
    {
        private const string PolicySet = "Policy";
        private const string JoinUrlSet = MeetingInput.JoinUrlSet;
        private const string MeetingIdSet = MeetingInput.MeetingIdSet;
        private const string ObjectSet = MeetingInput.ObjectSet;
        private readonly List<MeetingTarget> _targets = new List<MeetingTarget>();

        /// <summary>The meeting policy instance: Global or Tag:Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PolicySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string Identity { get; set; } = string.Empty;

        /// <summary>The policy type of a piped policy object (bound by property name): anything but TeamsMeetingPolicy is refused.</summary>
        [Parameter(ParameterSetName = PolicySet, ValueFromPipelineByPropertyName = true)]
        public ExternalUserPolicyType? PolicyType { get; set; }

        /// <summary>Who bypasses the lobby (policy).</summary>
        [Parameter(ParameterSetName = PolicySet)]
        public AutoAdmittedUsers AutoAdmittedUsers { get; set; }

        /// <summary>Dial-in callers bypass the lobby (policy).</summary>
        [Parameter(ParameterSetName = PolicySet)]
        public bool AllowPSTNUsersToBypassLobby { get; set; }

        /// <summary>Join URLs of the meetings to change.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JoinUrlSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? JoinWebUrl { get; set; }

        /// <summary>Online meeting ids (with -Organizer).</summary>
        [Parameter(Mandatory = true, ParameterSetName = MeetingIdSet)]
        [ValidateNotNullOrEmpty]
        public string[]? MeetingId { get; set; }

        /// <summary>The organizer of the meetings named with -MeetingId (UPN or object id).</summary>
        [Parameter(Mandatory = true, ParameterSetName = MeetingIdSet)]
        [ValidateNotNullOrEmpty]
        [Alias("UserPrincipalName", "UserId")]
        [ArgumentCompleter(typeof(Completers.OrganizerCompleter))]
        public string? Organizer { get; set; }

        /// <summary>A meeting from Get-MeetingExternalAccess, usually piped (its current values are the "before", so nothing is read again).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public MeetingExternalAccess? InputObject { get; set; }

        /// <summary>Who bypasses the lobby of the meetings (Graph lobbyBypassSettings.scope).</summary>
        [Parameter(ParameterSetName = JoinUrlSet)]
        [Parameter(ParameterSetName = MeetingIdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        public LobbyBypassScope Scope { get; set; }

        /// <summary>Dial-in callers always bypass the lobby of the meetings.</summary>
        [Parameter(ParameterSetName = JoinUrlSet)]
        [Parameter(ParameterSetName = MeetingIdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        public bool IsDialInBypassEnabled { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the policy, or each meeting, after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == PolicySet)
            {
                ChangePolicy();
                return;
            }

            if (ParameterSetName == MeetingIdSet && !UserInput.IsUser(Organizer!))
            {
                throw new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, $"'{Organizer}' is not a user principal name (user@domain) or an object id.") { Target = Organizer };
            }

            _targets.AddRange(MeetingInput.Targets(this, JoinWebUrl, MeetingId, Organizer, InputObject is null ? null : new[] { InputObject }));
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            if (ParameterSetName == PolicySet)
            {
                return;
            }

            var bound = MyInvocation.BoundParameters;
            var settings = new List<MeetingSetting>();
            if (bound.ContainsKey(nameof(Scope)))
            {
                if (Scope == LobbyBypassScope.UnknownFutureValue)
                {
                    ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "UnknownFutureValue is what Graph reports for values it did not name; it cannot be set."));
                }

                settings.Add(new MeetingSetting(nameof(MeetingExternalAccess.LobbyBypassScope), Scope, (patch, v) => Lobby(patch)["scope"] = OnlineMeetingMapper.Wire((LobbyBypassScope)v)));
            }

            if (bound.ContainsKey(nameof(IsDialInBypassEnabled)))
            {
                settings.Add(new MeetingSetting(nameof(IsDialInBypassEnabled), IsDialInBypassEnabled, (patch, v) => Lobby(patch)["isDialInBypassEnabled"] = (bool)v));
            }

            if (settings.Count == 0)
            {
                ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "Give -Scope, -IsDialInBypassEnabled or both."));
            }

            MeetingEditor.Run(this, ActiveContext, _targets, settings, Force, PassThru);
        }

        private static JsonObject Lobby(JsonObject patch)
        {
            if (patch["lobbyBypassSettings"] is not JsonObject lobby)
            {
                lobby = new JsonObject();
                patch["lobbyBypassSettings"] = lobby;
            }

            return lobby;
        }

        private void ChangePolicy()
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

            PipedPolicy.RequireType("Set-LobbyBypass", ExternalUserPolicyType.TeamsMeetingPolicy, PolicyType, Identity);
            var identity = PolicyIdentity.Normalize(Identity);
            var context = ActiveContext;
            MeetingPolicySettings? result;
            try
            {
                result = new PolicyEditor(this, context, Force).ChangePolicy<MeetingPolicySettings>(nameof(ExternalUserPolicyType.TeamsMeetingPolicy), identity, desired);
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.PolicyNotFound)
            {
                throw PolicyNotFoundHint.Enrich(this, context, ExternalUserPolicyType.TeamsMeetingPolicy, identity, ex);
            }

            if (PassThru && result is not null)
            {
                WriteObject(result);
            }
        }
    }
}
