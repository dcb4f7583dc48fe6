using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Changes the external-user settings of a Teams meeting or external access policy instance, safely.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ExternalUserPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MeetingPolicySettings), typeof(ExternalAccessPolicySettings))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Administrator" })]
    public sealed class SetExternalUserPolicyCommand : ConnectedCmdlet
    {
        internal static readonly string[] MeetingSettings =
        {
            nameof(AllowAnonymousUsersToJoinMeeting), nameof(AllowAnonymousUsersToStartMeeting), nameof(AllowAnonymousUsersToDialOut),
            nameof(AutoAdmittedUsers), nameof(AllowPSTNUsersToBypassLobby), nameof(BlockedAnonymousJoinClientTypes), nameof(MeetingChatEnabledType),
            nameof(DesignatedPresenterRoleMode), nameof(AllowExternalParticipantGiveRequestControl), nameof(AllowParticipantGiveRequestControl),
            nameof(AnonymousUserAuthenticationMethod), nameof(AllowExternalNonTrustedMeetingChat), nameof(CaptchaVerificationForMeetingJoin),
            nameof(ExternalMeetingJoin), nameof(ExternalBotAccessMode), nameof(AllowedUsersForMeetingDetails), nameof(LobbyChat), nameof(ParticipantNameChange), nameof(AttendeeIdentityMasking),
            nameof(AllowCloudRecording), nameof(AllowTranscription), nameof(AllowMeetingReactions),
        };

        internal static readonly string[] AccessSettings =
        {
            nameof(EnableAcsFederationAccess), nameof(EnableFederationAccess), nameof(EnableTeamsConsumerAccess), nameof(EnableTeamsConsumerInbound), nameof(CommunicationWithExternalOrgs),
        };

        /// <summary>The policy type.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public ExternalUserPolicyType PolicyType { get; set; }

        /// <summary>The instance: Global or Tag:Name (a bare name means Tag:Name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string Identity { get; set; } = string.Empty;

        /// <summary>The instance as you read it (from Get-ExternalUserPolicy): the change is refused if it has changed since.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        /// <summary>Meeting policy: anonymous and ACS users can join.</summary>
        [Parameter] public bool AllowAnonymousUsersToJoinMeeting { get; set; }

        /// <summary>Meeting policy: anonymous users can start meetings (only with AutoAdmittedUsers Everyone).</summary>
        [Parameter] public bool AllowAnonymousUsersToStartMeeting { get; set; }

        /// <summary>Meeting policy: anonymous users can dial out to phones.</summary>
        [Parameter] public bool AllowAnonymousUsersToDialOut { get; set; }

        /// <summary>Meeting policy: who bypasses the lobby.</summary>
        [Parameter] public AutoAdmittedUsers AutoAdmittedUsers { get; set; }

        /// <summary>Meeting policy: dial-in callers bypass the lobby.</summary>
        [Parameter] public bool AllowPSTNUsersToBypassLobby { get; set; }

        /// <summary>Meeting policy: anonymous join client types to block (ACS, Teams); an empty array clears the list.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public AnonymousJoinClientType[]? BlockedAnonymousJoinClientTypes { get; set; }

        /// <summary>Meeting policy: meeting chat.</summary>
        [Parameter] public MeetingChatEnabledType MeetingChatEnabledType { get; set; }

        /// <summary>Meeting policy: who presents by default.</summary>
        [Parameter] public DesignatedPresenterRoleMode DesignatedPresenterRoleMode { get; set; }

        /// <summary>Meeting policy: external participants can give or request control.</summary>
        [Parameter] public bool AllowExternalParticipantGiveRequestControl { get; set; }

        /// <summary>Meeting policy: participants can give or request control.</summary>
        [Parameter] public bool AllowParticipantGiveRequestControl { get; set; }

        /// <summary>Meeting policy: how anonymous users authenticate.</summary>
        [Parameter] public AnonymousUserAuthenticationMethod AnonymousUserAuthenticationMethod { get; set; }

        /// <summary>Meeting policy: users from untrusted organizations can chat.</summary>
        [Parameter] public bool AllowExternalNonTrustedMeetingChat { get; set; }

        /// <summary>Meeting policy: CAPTCHA before joining.</summary>
        [Parameter] public CaptchaVerificationForMeetingJoin CaptchaVerificationForMeetingJoin { get; set; }

        /// <summary>Meeting policy: which external meetings users may join.</summary>
        [Parameter] public ExternalMeetingJoin ExternalMeetingJoin { get; set; }

        /// <summary>Meeting policy: whether external bots join freely or need approval.</summary>
        [Parameter] public ExternalBotAccessMode ExternalBotAccessMode { get; set; }

        /// <summary>Meeting policy: who sees meeting details (join link, dial-in).</summary>
        [Parameter] public AllowedUsersForMeetingDetails AllowedUsersForMeetingDetails { get; set; }

        /// <summary>Meeting policy: lobby chat.</summary>
        [Parameter] public FeatureState LobbyChat { get; set; }

        /// <summary>Meeting policy: participants can rename themselves.</summary>
        [Parameter] public FeatureState ParticipantNameChange { get; set; }

        /// <summary>Meeting policy: attendee identities are masked.</summary>
        [Parameter] public FeatureState AttendeeIdentityMasking { get; set; }

        /// <summary>Meeting policy: cloud recording.</summary>
        [Parameter] public bool AllowCloudRecording { get; set; }

        /// <summary>Meeting policy: transcription.</summary>
        [Parameter] public bool AllowTranscription { get; set; }

        /// <summary>Meeting policy: reactions.</summary>
        [Parameter] public bool AllowMeetingReactions { get; set; }

        /// <summary>External access policy: ACS users can join the policy's users' meetings.</summary>
        [Parameter] public bool EnableAcsFederationAccess { get; set; }

        /// <summary>External access policy: federation with other organizations.</summary>
        [Parameter] public bool EnableFederationAccess { get; set; }

        /// <summary>External access policy: unmanaged Teams accounts.</summary>
        [Parameter] public bool EnableTeamsConsumerAccess { get; set; }

        /// <summary>External access policy: unmanaged Teams accounts can start conversations.</summary>
        [Parameter] public bool EnableTeamsConsumerInbound { get; set; }

        /// <summary>External access policy: who users may communicate with.</summary>
        [Parameter] public CommunicationWithExternalOrgs CommunicationWithExternalOrgs { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Return the instance after the change.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var bound = MyInvocation.BoundParameters;
            var allowed = PolicyType == ExternalUserPolicyType.TeamsMeetingPolicy ? MeetingSettings : AccessSettings;
            var other = PolicyType == ExternalUserPolicyType.TeamsMeetingPolicy ? AccessSettings : MeetingSettings;
            var misplaced = other.Where(bound.ContainsKey).ToList();
            if (misplaced.Count > 0)
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, $"{string.Join(", ", misplaced.Select(m => "-" + m))} {(misplaced.Count == 1 ? "is not a setting" : "are not settings")} of {PolicyType}. Nothing was changed.") { Target = Identity };
            }

            var desired = allowed.Where(bound.ContainsKey).ToDictionary(name => name, name => Normalize(bound[name]));
            if (desired.Count == 0)
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, $"Name at least one {PolicyType} setting to change (for example -{allowed[0]}).") { Target = Identity };
            }

            PipedPolicy.RequireSame("Set-ExternalUserPolicy", PolicyType, GetExternalUserPolicyCommand.Normalize(Identity), InputObject);
            var baseline = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (baseline is not null && !(baseline is MeetingPolicySettings || baseline is ExternalAccessPolicySettings))
            {
                baseline = null; // bound by property name from another kind of object: no snapshot to compare
            }

            var identity = GetExternalUserPolicyCommand.Normalize(Identity);
            var context = ActiveContext;
            var teams = context.Clients.TeamsAdmin();
            var type = PolicyType.ToString();
            object? result;
            try
            {
                result = PolicyType == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? PolicyChange.Apply<MeetingPolicySettings>(this, teams, type, identity, desired, baseline as MeetingPolicySettings, Force, PolicyChange.AppliesTo(identity), PolicyChange.UserCounter(context, type, identity))
                    : PolicyChange.Apply<ExternalAccessPolicySettings>(this, teams, type, identity, desired, baseline as ExternalAccessPolicySettings, Force, PolicyChange.AppliesTo(identity), PolicyChange.UserCounter(context, type, identity));
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.PolicyNotFound)
            {
                throw PolicyNotFoundHint.Enrich(this, context, PolicyType, identity, ex);
            }

            if (PassThru && result is not null)
            {
                WriteObject(result);
            }
        }

        private static object? Normalize(object? value) => value is SwitchParameter s ? s.IsPresent : value;
    }
}
