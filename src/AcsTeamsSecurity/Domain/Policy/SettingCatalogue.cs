using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Domain.Policy
{
    /// <summary>
    /// The settings this module writes, per policy or configuration type, in the order they are shown and offered:
    /// what Set-ExternalUserPolicy's parameter sets hold, what Restore-ExternalUserConfiguration puts back and what a
    /// no-op contract write may pick.
    /// </summary>
    internal static class SettingCatalogue
    {
        /// <summary>The writable settings of a Teams meeting policy instance (Set-CsTeamsMeetingPolicy).</summary>
        internal static readonly IReadOnlyList<string> MeetingPolicy = new[]
        {
            nameof(MeetingPolicySettings.AllowAnonymousUsersToJoinMeeting), nameof(MeetingPolicySettings.AllowAnonymousUsersToStartMeeting), nameof(MeetingPolicySettings.AllowAnonymousUsersToDialOut),
            nameof(MeetingPolicySettings.AutoAdmittedUsers), nameof(MeetingPolicySettings.AllowPSTNUsersToBypassLobby), nameof(MeetingPolicySettings.BlockedAnonymousJoinClientTypes), nameof(MeetingPolicySettings.MeetingChatEnabledType),
            nameof(MeetingPolicySettings.DesignatedPresenterRoleMode), nameof(MeetingPolicySettings.AllowExternalParticipantGiveRequestControl), nameof(MeetingPolicySettings.AllowParticipantGiveRequestControl),
            nameof(MeetingPolicySettings.AnonymousUserAuthenticationMethod), nameof(MeetingPolicySettings.AllowExternalNonTrustedMeetingChat), nameof(MeetingPolicySettings.CaptchaVerificationForMeetingJoin),
            nameof(MeetingPolicySettings.ExternalMeetingJoin), nameof(MeetingPolicySettings.ExternalBotAccessMode), nameof(MeetingPolicySettings.AllowedUsersForMeetingDetails), nameof(MeetingPolicySettings.LobbyChat),
            nameof(MeetingPolicySettings.ParticipantNameChange), nameof(MeetingPolicySettings.AttendeeIdentityMasking),
            nameof(MeetingPolicySettings.AllowCloudRecording), nameof(MeetingPolicySettings.AllowTranscription), nameof(MeetingPolicySettings.AllowMeetingReactions),
        };

        /// <summary>The writable settings of an external access policy instance (Set-CsExternalAccessPolicy).</summary>
        internal static readonly IReadOnlyList<string> ExternalAccessPolicy = new[]
        {
            nameof(ExternalAccessPolicySettings.EnableAcsFederationAccess), nameof(ExternalAccessPolicySettings.EnableFederationAccess), nameof(ExternalAccessPolicySettings.EnableTeamsConsumerAccess),
            nameof(ExternalAccessPolicySettings.EnableTeamsConsumerInbound), nameof(ExternalAccessPolicySettings.CommunicationWithExternalOrgs),
        };

        /// <summary>The writable settings of the tenant's ACS federation configuration (TeamsAcsFederationConfiguration).</summary>
        internal static readonly IReadOnlyList<string> AcsFederation = new[]
        {
            nameof(AcsFederationConfiguration.EnableAcsUsers), nameof(AcsFederationConfiguration.AllowedAcsResources), nameof(AcsFederationConfiguration.RequireAcsFederationForMeeting),
            nameof(AcsFederationConfiguration.LabelForAllowedAcsUsers), nameof(AcsFederationConfiguration.HideBannerForAllowedAcsUsers),
        };

        /// <summary>The writable settings of the tenant's meeting configuration (TeamsMeetingConfiguration).</summary>
        internal static readonly IReadOnlyList<string> MeetingConfiguration = new[]
        {
            nameof(AcsFederationConfiguration.DisableAnonymousJoin), nameof(AcsFederationConfiguration.DisableAppInteractionForAnonymousUsers),
        };

        /// <summary>The writable settings of a policy type.</summary>
        internal static IReadOnlyList<string> For(ExternalUserPolicyType type) =>
            type == ExternalUserPolicyType.TeamsMeetingPolicy ? MeetingPolicy : ExternalAccessPolicy;

        /// <summary>The policy type a setting belongs to, or null for a name that is no writable policy setting.</summary>
        internal static ExternalUserPolicyType? TypeOf(string setting) =>
            MeetingPolicy.Contains(setting, StringComparer.OrdinalIgnoreCase) ? ExternalUserPolicyType.TeamsMeetingPolicy
            : ExternalAccessPolicy.Contains(setting, StringComparer.OrdinalIgnoreCase) ? ExternalUserPolicyType.ExternalAccessPolicy
            : null;
    }
}
