using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>
    /// The settings of one Teams meeting policy instance (CsTeamsMeetingPolicy) that affect Teams external users.
    /// Property names are the service's; a null value means the service did not return the setting.
    /// </summary>
    public sealed class MeetingPolicySettings
    {
        /// <summary>Global, or Tag:&lt;name&gt;.</summary>
        public string Identity { get; internal set; } = string.Empty;

        /// <summary>Always TeamsMeetingPolicy.</summary>
        public ExternalUserPolicyType PolicyType { get; } = ExternalUserPolicyType.TeamsMeetingPolicy;

        /// <summary>Anonymous (and ACS) users can join meetings organized by users with this policy.</summary>
        public bool? AllowAnonymousUsersToJoinMeeting { get; internal set; }

        /// <summary>Anonymous users can start a meeting without a Teams user (only when AutoAdmittedUsers is Everyone).</summary>
        public bool? AllowAnonymousUsersToStartMeeting { get; internal set; }

        /// <summary>Anonymous users can add phone participants.</summary>
        public bool? AllowAnonymousUsersToDialOut { get; internal set; }

        /// <summary>Who bypasses the lobby; only Everyone lets anonymous and ACS users in directly.</summary>
        public AutoAdmittedUsers? AutoAdmittedUsers { get; internal set; }

        /// <summary>Dial-in callers bypass the lobby.</summary>
        public bool? AllowPSTNUsersToBypassLobby { get; internal set; }

        /// <summary>Anonymous join client types that are blocked (ACS, Teams); both blocks anonymous join entirely.</summary>
        public IReadOnlyList<AnonymousJoinClientType> BlockedAnonymousJoinClientTypes { get; internal set; } = Array.Empty<AnonymousJoinClientType>();

        /// <summary>Meeting chat for everyone, everyone but anonymous users, or nobody.</summary>
        public MeetingChatEnabledType? MeetingChatEnabledType { get; internal set; }

        /// <summary>Who can present by default.</summary>
        public DesignatedPresenterRoleMode? DesignatedPresenterRoleMode { get; internal set; }

        /// <summary>External participants can give or request control of shared content.</summary>
        public bool? AllowExternalParticipantGiveRequestControl { get; internal set; }

        /// <summary>Participants can give or request control of shared content.</summary>
        public bool? AllowParticipantGiveRequestControl { get; internal set; }

        /// <summary>How anonymous users authenticate.</summary>
        public AnonymousUserAuthenticationMethod? AnonymousUserAuthenticationMethod { get; internal set; }

        /// <summary>Users from untrusted organizations can use meeting chat.</summary>
        public bool? AllowExternalNonTrustedMeetingChat { get; internal set; }

        /// <summary>CAPTCHA for anonymous and untrusted users before they join.</summary>
        public CaptchaVerificationForMeetingJoin? CaptchaVerificationForMeetingJoin { get; internal set; }

        /// <summary>Which external meetings the policy's users may join.</summary>
        public ExternalMeetingJoin? ExternalMeetingJoin { get; internal set; }

        /// <summary>Whether external bots join freely or need approval.</summary>
        public ExternalBotAccessMode? ExternalBotAccessMode { get; internal set; }

        /// <summary>Who sees meeting details (join link, dial-in) in the meeting.</summary>
        public AllowedUsersForMeetingDetails? AllowedUsersForMeetingDetails { get; internal set; }

        /// <summary>Chat in the lobby.</summary>
        public FeatureState? LobbyChat { get; internal set; }

        /// <summary>Participants can rename themselves.</summary>
        public FeatureState? ParticipantNameChange { get; internal set; }

        /// <summary>Attendee identities are masked.</summary>
        public FeatureState? AttendeeIdentityMasking { get; internal set; }

        /// <summary>Meetings can be recorded in the cloud.</summary>
        public bool? AllowCloudRecording { get; internal set; }

        /// <summary>Meetings can be transcribed.</summary>
        public bool? AllowTranscription { get; internal set; }

        /// <summary>Reactions are available.</summary>
        public bool? AllowMeetingReactions { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => Identity;
    }

    /// <summary>The settings of one external access policy instance (CsExternalAccessPolicy).</summary>
    public sealed class ExternalAccessPolicySettings
    {
        /// <summary>Global, or Tag:&lt;name&gt;.</summary>
        public string Identity { get; internal set; } = string.Empty;

        /// <summary>Always ExternalAccessPolicy.</summary>
        public ExternalUserPolicyType PolicyType { get; } = ExternalUserPolicyType.ExternalAccessPolicy;

        /// <summary>ACS users can join meetings of this policy's users (when ACS federation is on for the tenant).</summary>
        public bool? EnableAcsFederationAccess { get; internal set; }

        /// <summary>Users can communicate with federated organizations.</summary>
        public bool? EnableFederationAccess { get; internal set; }

        /// <summary>Users can communicate with unmanaged Teams accounts.</summary>
        public bool? EnableTeamsConsumerAccess { get; internal set; }

        /// <summary>Unmanaged Teams accounts can start conversations with users.</summary>
        public bool? EnableTeamsConsumerInbound { get; internal set; }

        /// <summary>Who users may communicate with.</summary>
        public CommunicationWithExternalOrgs? CommunicationWithExternalOrgs { get; internal set; }

        /// <summary>Allowed external domains (custom policies).</summary>
        public IReadOnlyList<string> AllowedExternalDomains { get; internal set; } = Array.Empty<string>();

        /// <summary>Blocked external domains (custom policies).</summary>
        public IReadOnlyList<string> BlockedExternalDomains { get; internal set; } = Array.Empty<string>();

        /// <inheritdoc />
        public override string ToString() => Identity;
    }

    /// <summary>
    /// Tenant-wide gates for Teams external users: ACS federation (CsTeamsAcsFederationConfiguration), the
    /// anonymous-join switch (CsTeamsMeetingConfiguration) and, read-only, tenant federation.
    /// </summary>
    public sealed class AcsFederationConfiguration
    {
        /// <summary>ACS users can join meetings as Communication Services users even when anonymous join is off.</summary>
        public bool? EnableAcsUsers { get; internal set; }

        /// <summary>Immutable ids of the ACS resources whose users are federated.</summary>
        public IReadOnlyList<string> AllowedAcsResources { get; internal set; } = Array.Empty<string>();

        /// <summary>Only federated (allowed) ACS resources may join.</summary>
        public bool? RequireAcsFederationForMeeting { get; internal set; }

        /// <summary>How Teams labels users of allowed ACS resources.</summary>
        public AcsUserLabel? LabelForAllowedAcsUsers { get; internal set; }

        /// <summary>The "limited call features" banner is hidden for allowed ACS users.</summary>
        public bool? HideBannerForAllowedAcsUsers { get; internal set; }

        /// <summary>Tenant-wide: anonymous users (including ACS users without federation) cannot join any meeting.</summary>
        public bool? DisableAnonymousJoin { get; internal set; }

        /// <summary>Tenant-wide: anonymous users cannot interact with meeting apps.</summary>
        public bool? DisableAppInteractionForAnonymousUsers { get; internal set; }

        /// <summary>Read-only: federation with other organizations is on.</summary>
        public bool? AllowFederatedUsers { get; internal set; }

        /// <summary>Read-only: users can talk with unmanaged Teams accounts.</summary>
        public bool? AllowTeamsConsumer { get; internal set; }

        /// <summary>Read-only: unmanaged Teams accounts can start conversations.</summary>
        public bool? AllowTeamsConsumerInbound { get; internal set; }

        /// <summary>Read-only: allowed federated domains (empty with AllowFederatedUsers means all).</summary>
        public IReadOnlyList<string> AllowedDomains { get; internal set; } = Array.Empty<string>();

        /// <summary>Read-only: blocked federated domains.</summary>
        public IReadOnlyList<string> BlockedDomains { get; internal set; } = Array.Empty<string>();
    }
}
