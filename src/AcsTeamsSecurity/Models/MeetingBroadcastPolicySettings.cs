namespace AcsTeamsSecurity.Models
{
    /// <summary>Whether live events are recorded (CsTeamsMeetingBroadcastPolicy BroadcastRecordingMode).</summary>
    public enum BroadcastRecordingMode
    {
        /// <summary>Every live event is recorded.</summary>
        AlwaysEnabled,

        /// <summary>No live event is recorded.</summary>
        AlwaysDisabled,

        /// <summary>The organizer decides.</summary>
        UserOverride,
    }

    /// <summary>Who can watch live events (CsTeamsMeetingBroadcastPolicy BroadcastAttendeeVisibilityMode).</summary>
    public enum BroadcastAttendeeVisibilityMode
    {
        /// <summary>Anyone, anonymous viewers included.</summary>
        Everyone,

        /// <summary>Everyone in the organization.</summary>
        EveryoneInCompany,

        /// <summary>Invited people in the organization.</summary>
        InvitedUsersInCompany,

        /// <summary>The organization and external (federated and guest) users.</summary>
        EveryoneInCompanyAndExternal,

        /// <summary>Invited people, in the organization or external.</summary>
        InvitedUsersInCompanyAndExternal,
    }

    /// <summary>
    /// The settings of one live-events policy instance (CsTeamsMeetingBroadcastPolicy) the audit reads: recording and
    /// who may watch. Allowed values from the MicrosoftTeams cmdlet documentation.
    /// </summary>
    public sealed class MeetingBroadcastPolicySettings
    {
        /// <summary>Global, or Tag:&lt;name&gt;.</summary>
        public string Identity { get; internal set; } = string.Empty;

        /// <summary>Users of this policy can schedule live events.</summary>
        public bool? AllowBroadcastScheduling { get; internal set; }

        /// <summary>Who can watch the policy's users' live events.</summary>
        public BroadcastAttendeeVisibilityMode? BroadcastAttendeeVisibilityMode { get; internal set; }

        /// <summary>Whether live events are always, never or optionally recorded.</summary>
        public BroadcastRecordingMode? BroadcastRecordingMode { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => Identity;
    }
}
