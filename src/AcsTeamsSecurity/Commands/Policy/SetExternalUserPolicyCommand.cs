using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Changes the external-user settings of a Teams meeting or external access policy instance, safely.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ExternalUserPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MeetingSet)]
    [OutputType(typeof(MeetingPolicySettings), typeof(ExternalAccessPolicySettings))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Administrator" })]
    public sealed class SetExternalUserPolicyCommand : ConnectedCmdlet
    {
        private const string MeetingSet = nameof(ExternalUserPolicyType.TeamsMeetingPolicy);
        private const string AccessSet = nameof(ExternalUserPolicyType.ExternalAccessPolicy);

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
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowAnonymousUsersToJoinMeeting { get; set; }

        /// <summary>Meeting policy: anonymous users can start meetings (only with AutoAdmittedUsers Everyone).</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowAnonymousUsersToStartMeeting { get; set; }

        /// <summary>Meeting policy: anonymous users can dial out to phones.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowAnonymousUsersToDialOut { get; set; }

        /// <summary>Meeting policy: who bypasses the lobby.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public AutoAdmittedUsers AutoAdmittedUsers { get; set; }

        /// <summary>Meeting policy: dial-in callers bypass the lobby.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowPSTNUsersToBypassLobby { get; set; }

        /// <summary>Meeting policy: anonymous join client types to block (ACS, Teams); an empty array clears the list.</summary>
        [Parameter(ParameterSetName = MeetingSet)]
        [AllowEmptyCollection]
        public AnonymousJoinClientType[]? BlockedAnonymousJoinClientTypes { get; set; }

        /// <summary>Meeting policy: meeting chat.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public MeetingChatEnabledType MeetingChatEnabledType { get; set; }

        /// <summary>Meeting policy: who presents by default.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public DesignatedPresenterRoleMode DesignatedPresenterRoleMode { get; set; }

        /// <summary>Meeting policy: external participants can give or request control.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowExternalParticipantGiveRequestControl { get; set; }

        /// <summary>Meeting policy: participants can give or request control.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowParticipantGiveRequestControl { get; set; }

        /// <summary>Meeting policy: how anonymous users authenticate.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public AnonymousUserAuthenticationMethod AnonymousUserAuthenticationMethod { get; set; }

        /// <summary>Meeting policy: users from untrusted organizations can chat.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowExternalNonTrustedMeetingChat { get; set; }

        /// <summary>Meeting policy: CAPTCHA before joining.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public CaptchaVerificationForMeetingJoin CaptchaVerificationForMeetingJoin { get; set; }

        /// <summary>Meeting policy: which external meetings users may join.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public ExternalMeetingJoin ExternalMeetingJoin { get; set; }

        /// <summary>Meeting policy: whether external bots join freely or need approval.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public ExternalBotAccessMode ExternalBotAccessMode { get; set; }

        /// <summary>Meeting policy: who sees meeting details (join link, dial-in).</summary>
        [Parameter(ParameterSetName = MeetingSet)] public AllowedUsersForMeetingDetails AllowedUsersForMeetingDetails { get; set; }

        /// <summary>Meeting policy: lobby chat.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public FeatureState LobbyChat { get; set; }

        /// <summary>Meeting policy: participants can rename themselves.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public FeatureState ParticipantNameChange { get; set; }

        /// <summary>Meeting policy: attendee identities are masked.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public FeatureState AttendeeIdentityMasking { get; set; }

        /// <summary>Meeting policy: cloud recording.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowCloudRecording { get; set; }

        /// <summary>Meeting policy: transcription.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowTranscription { get; set; }

        /// <summary>Meeting policy: reactions.</summary>
        [Parameter(ParameterSetName = MeetingSet)] public bool AllowMeetingReactions { get; set; }

        /// <summary>External access policy: ACS users can join the policy's users' meetings.</summary>
        [Parameter(ParameterSetName = AccessSet)] public bool EnableAcsFederationAccess { get; set; }

        /// <summary>External access policy: federation with other organizations.</summary>
        [Parameter(ParameterSetName = AccessSet)] public bool EnableFederationAccess { get; set; }

        /// <summary>External access policy: unmanaged Teams accounts.</summary>
        [Parameter(ParameterSetName = AccessSet)] public bool EnableTeamsConsumerAccess { get; set; }

        /// <summary>External access policy: unmanaged Teams accounts can start conversations.</summary>
        [Parameter(ParameterSetName = AccessSet)] public bool EnableTeamsConsumerInbound { get; set; }

        /// <summary>External access policy: who users may communicate with.</summary>
        [Parameter(ParameterSetName = AccessSet)] public CommunicationWithExternalOrgs CommunicationWithExternalOrgs { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Return the instance after the change.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessingCore()
        {
            // A -PolicyType given on the command line is checked before the pipeline runs; a piped one with each object.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(PolicyType)) && SettingsOfAnotherType() is { } error)
            {
                ThrowFailure(error);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (SettingsOfAnotherType() is { } error)
            {
                throw error;
            }

            var bound = MyInvocation.BoundParameters;
            var settings = SettingCatalogue.For(PolicyType);
            var desired = settings.Where(bound.ContainsKey).ToDictionary(name => name, name => Normalize(bound[name]));
            if (desired.Count == 0)
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, $"Name at least one {PolicyType} setting to change (for example -{settings[0]}).") { Target = Identity };
            }

            var identity = PolicyIdentity.Normalize(Identity);
            PipedPolicy.RequireSame("Set-ExternalUserPolicy", PolicyType, identity, InputObject);
            var baseline = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (baseline is not null && !(baseline is MeetingPolicySettings || baseline is ExternalAccessPolicySettings))
            {
                baseline = null; // bound by property name from another kind of object: no snapshot to compare
            }

            var context = ActiveContext;
            var editor = new PolicyEditor(this, context, Force);
            var type = PolicyType.ToString();
            object? result;
            try
            {
                result = PolicyType == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? editor.ChangePolicy<MeetingPolicySettings>(type, identity, desired, baseline)
                    : editor.ChangePolicy<ExternalAccessPolicySettings>(type, identity, desired, baseline);
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

        /// <summary>
        /// The parameter set (chosen by the setting names given: PowerShell refuses settings of both types together)
        /// must be the set of -PolicyType: a setting of the other type is refused before anything is read.
        /// </summary>
        private AcsTeamsSecurityException? SettingsOfAnotherType()
        {
            var setType = ParameterSetName == AccessSet ? ExternalUserPolicyType.ExternalAccessPolicy : ExternalUserPolicyType.TeamsMeetingPolicy;
            var misplaced = SettingCatalogue.For(setType).Where(MyInvocation.BoundParameters.ContainsKey).ToList();
            if (setType == PolicyType || misplaced.Count == 0)
            {
                return null;
            }

            return new AcsTeamsSecurityException(
                ErrorIds.PolicySettingInvalid,
                ErrorCategory.InvalidArgument,
                $"{string.Join(", ", misplaced.Select(m => "-" + m))} {(misplaced.Count == 1 ? "is not a setting" : "are not settings")} of {PolicyType} but of {setType}. Nothing was changed. Use -PolicyType {setType} for {(misplaced.Count == 1 ? "it" : "them")}; Get-Help Set-ExternalUserPolicy lists the settings of each type.")
            {
                Target = Identity,
            };
        }

        private static object? Normalize(object? value) => value is SwitchParameter s ? s.IsPresent : value;
    }
}
