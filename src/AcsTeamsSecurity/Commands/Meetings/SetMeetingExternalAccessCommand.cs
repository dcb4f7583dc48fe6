using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Meetings
{
    /// <summary>
    /// <para type="synopsis">Changes online meetings' presenters, chat, camera and mic, renaming and announcements, one meeting or thousands.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MeetingExternalAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(MeetingExternalAccess))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "OnlineMeetings.ReadWrite.All" }, Delegated = new[] { "OnlineMeetings.ReadWrite" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
    public sealed class SetMeetingExternalAccessCommand : ConnectedCmdlet
    {
        private const string JoinUrlSet = MeetingInput.JoinUrlSet;
        private const string MeetingIdSet = MeetingInput.MeetingIdSet;
        private const string ObjectSet = MeetingInput.ObjectSet;
        private readonly List<MeetingTarget> _targets = new List<MeetingTarget>();

        /// <summary>Join URLs of the meetings.</summary>
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

        /// <summary>Who can present.</summary>
        [Parameter] public OnlineMeetingPresenters AllowedPresenters { get; set; }

        /// <summary>Meeting chat.</summary>
        [Parameter] public MeetingChatMode AllowMeetingChat { get; set; }

        /// <summary>Attendees can turn on their camera.</summary>
        [Parameter] public bool AllowAttendeeToEnableCamera { get; set; }

        /// <summary>Attendees can unmute.</summary>
        [Parameter] public bool AllowAttendeeToEnableMic { get; set; }

        /// <summary>Participants can rename themselves.</summary>
        [Parameter] public bool AllowParticipantsToChangeName { get; set; }

        /// <summary>Entry and exit are announced.</summary>
        [Parameter] public bool IsEntryExitAnnounced { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Return each meeting after the change.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == MeetingIdSet && !UserInput.IsUser(Organizer!))
            {
                throw new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, $"'{Organizer}' is not a user principal name (user@domain) or an object id.") { Target = Organizer };
            }

            _targets.AddRange(MeetingInput.Targets(this, JoinWebUrl, MeetingId, Organizer, InputObject is null ? null : new[] { InputObject }));
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            var bound = MyInvocation.BoundParameters;
            var settings = new List<MeetingSetting>();
            if (bound.ContainsKey(nameof(AllowedPresenters)))
            {
                settings.Add(Enum(nameof(AllowedPresenters), AllowedPresenters, "allowedPresenters"));
            }

            if (bound.ContainsKey(nameof(AllowMeetingChat)))
            {
                settings.Add(Enum(nameof(AllowMeetingChat), AllowMeetingChat, "allowMeetingChat"));
            }

            AddBool(settings, bound, nameof(AllowAttendeeToEnableCamera), AllowAttendeeToEnableCamera, "allowAttendeeToEnableCamera");
            AddBool(settings, bound, nameof(AllowAttendeeToEnableMic), AllowAttendeeToEnableMic, "allowAttendeeToEnableMic");
            AddBool(settings, bound, nameof(AllowParticipantsToChangeName), AllowParticipantsToChangeName, "allowParticipantsToChangeName");
            AddBool(settings, bound, nameof(IsEntryExitAnnounced), IsEntryExitAnnounced, "isEntryExitAnnounced");
            if (settings.Count == 0)
            {
                ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "Name at least one setting to change (for example -AllowedPresenters Organization)."));
            }

            if (AllowedPresenters == OnlineMeetingPresenters.UnknownFutureValue || AllowMeetingChat == MeetingChatMode.UnknownFutureValue)
            {
                ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "UnknownFutureValue is what Graph reports for values it did not name; it cannot be set."));
            }

            MeetingEditor.Run(this, ActiveContext, _targets, settings, Force, PassThru);
        }

        private static MeetingSetting Enum<T>(string name, T value, string wire)
            where T : struct, System.Enum =>
            new MeetingSetting(name, value, (patch, v) => patch[wire] = OnlineMeetingMapper.Wire((System.Enum)v));

        private static void AddBool(List<MeetingSetting> settings, Dictionary<string, object> bound, string name, bool value, string wire)
        {
            if (bound.ContainsKey(name))
            {
                settings.Add(new MeetingSetting(name, value, (patch, v) => patch[wire] = JsonValue.Create((bool)v)));
            }
        }
    }
}
