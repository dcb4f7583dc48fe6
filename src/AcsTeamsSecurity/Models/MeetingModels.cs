using System;

namespace AcsTeamsSecurity.Models
{
    // Graph evolvable enums (api-facts §3.3/§3.4). Values are sent and read in Graph's camelCase spelling;
    // UnknownFutureValue is what Graph returns for newer members when a client does not ask for them.

    /// <summary>Who bypasses the lobby of one meeting (lobbyBypassSettings.scope).</summary>
    public enum LobbyBypassScope
    {
        /// <summary>Only the organizer.</summary>
        Organizer,

        /// <summary>People in the organization and guests.</summary>
        Organization,

        /// <summary>The organization and federated (trusted) organizations.</summary>
        OrganizationAndFederated,

        /// <summary>Everyone: anonymous and ACS users bypass the lobby.</summary>
        Everyone,

        /// <summary>People who were invited.</summary>
        Invited,

        /// <summary>The organization without guests.</summary>
        OrganizationExcludingGuests,

        /// <summary>A value newer than this module (or one Graph hid because it was not asked for).</summary>
        UnknownFutureValue,
    }

    /// <summary>Who can present (allowedPresenters).</summary>
    public enum OnlineMeetingPresenters
    {
        /// <summary>Everyone (the default).</summary>
        Everyone,

        /// <summary>People in the organization.</summary>
        Organization,

        /// <summary>Only participants whose role is presenter.</summary>
        RoleIsPresenter,

        /// <summary>Only the organizer.</summary>
        Organizer,

        /// <summary>A newer value.</summary>
        UnknownFutureValue,
    }

    /// <summary>Meeting chat (allowMeetingChat).</summary>
    public enum MeetingChatMode
    {
        /// <summary>Chat on.</summary>
        Enabled,

        /// <summary>Chat off.</summary>
        Disabled,

        /// <summary>Chat only during the meeting.</summary>
        Limited,

        /// <summary>A newer value.</summary>
        UnknownFutureValue,
    }

    /// <summary>One online meeting's settings that matter for external (anonymous and ACS) participants.</summary>
    public sealed class MeetingExternalAccess
    {
        /// <summary>The organizer as given (UPN or object id).</summary>
        public string Organizer { get; internal set; } = string.Empty;

        /// <summary>The organizer's object id.</summary>
        public string OrganizerId { get; internal set; } = string.Empty;

        /// <summary>The onlineMeeting id.</summary>
        public string MeetingId { get; internal set; } = string.Empty;

        /// <summary>The subject.</summary>
        public string? Subject { get; internal set; }

        /// <summary>Start time.</summary>
        public DateTimeOffset? StartDateTime { get; internal set; }

        /// <summary>End time.</summary>
        public DateTimeOffset? EndDateTime { get; internal set; }

        /// <summary>The link participants use.</summary>
        public string? JoinWebUrl { get; internal set; }

        /// <summary>Who bypasses the lobby.</summary>
        public LobbyBypassScope? LobbyBypassScope { get; internal set; }

        /// <summary>Dial-in callers always bypass the lobby.</summary>
        public bool? IsDialInBypassEnabled { get; internal set; }

        /// <summary>Anonymous and ACS participants go straight in (only with scope Everyone, per the lobby table).</summary>
        public bool AnonymousUsersBypassLobby => LobbyBypassScope == Models.LobbyBypassScope.Everyone;

        /// <summary>Who can present.</summary>
        public OnlineMeetingPresenters? AllowedPresenters { get; internal set; }

        /// <summary>Meeting chat.</summary>
        public MeetingChatMode? AllowMeetingChat { get; internal set; }

        /// <summary>Attendees can turn on their camera.</summary>
        public bool? AllowAttendeeToEnableCamera { get; internal set; }

        /// <summary>Attendees can unmute.</summary>
        public bool? AllowAttendeeToEnableMic { get; internal set; }

        /// <summary>Participants can rename themselves.</summary>
        public bool? AllowParticipantsToChangeName { get; internal set; }

        /// <summary>Entry and exit are announced.</summary>
        public bool? IsEntryExitAnnounced { get; internal set; }

        /// <summary>The meeting is recorded automatically.</summary>
        public bool? RecordAutomatically { get; internal set; }

        /// <summary>Shared content is watermarked.</summary>
        public bool? WatermarkForContentSharing { get; internal set; }

        /// <summary>Video is watermarked.</summary>
        public bool? WatermarkForVideo { get; internal set; }

        /// <summary>A passcode is required to join by meeting id.</summary>
        public bool? IsPasscodeRequired { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => JoinWebUrl ?? MeetingId;
    }
}
