namespace AcsTeamsSecurity.Models
{
    // Allowed values from the MicrosoftTeams cmdlet documentation (api-facts §4.2). Names match the service's
    // strings exactly, so they round-trip unchanged.

    /// <summary>Who bypasses the lobby (CsTeamsMeetingPolicy AutoAdmittedUsers).</summary>
    public enum AutoAdmittedUsers
    {
        /// <summary>People in my org and guests (the Global default).</summary>
        EveryoneInCompany,

        /// <summary>People in my org, trusted orgs and guests.</summary>
        EveryoneInSameAndFederatedCompany,

        /// <summary>Everyone: anonymous and ACS users bypass the lobby.</summary>
        Everyone,

        /// <summary>Only organizers and co-organizers.</summary>
        OrganizerOnly,

        /// <summary>People in my org, excluding guests.</summary>
        EveryoneInCompanyExcludingGuests,

        /// <summary>People who were invited.</summary>
        InvitedUsers,
    }

    /// <summary>Meeting chat (MeetingChatEnabledType).</summary>
    public enum MeetingChatEnabledType
    {
        /// <summary>No meeting chat.</summary>
        Disabled,

        /// <summary>Chat for everyone.</summary>
        Enabled,

        /// <summary>Chat for everyone except anonymous (and ACS) users.</summary>
        EnabledExceptAnonymous,
    }

    /// <summary>Who can present by default (DesignatedPresenterRoleMode).</summary>
    public enum DesignatedPresenterRoleMode
    {
        /// <summary>Everyone, including anonymous users.</summary>
        EveryoneUserOverride,

        /// <summary>People in the organization.</summary>
        EveryoneInCompanyUserOverride,

        /// <summary>People in the organization and trusted organizations.</summary>
        EveryoneInSameAndFederatedCompanyUserOverride,

        /// <summary>Only the organizer.</summary>
        OrganizerOnlyUserOverride,
    }

    /// <summary>How anonymous users authenticate (AnonymousUserAuthenticationMethod).</summary>
    public enum AnonymousUserAuthenticationMethod
    {
        /// <summary>A one-time passcode.</summary>
        OneTimePasscode,

        /// <summary>No extra authentication.</summary>
        None,
    }

    /// <summary>CAPTCHA before joining (CaptchaVerificationForMeetingJoin).</summary>
    public enum CaptchaVerificationForMeetingJoin
    {
        /// <summary>No CAPTCHA.</summary>
        NotRequired,

        /// <summary>Anonymous users and users from untrusted organizations solve a CAPTCHA.</summary>
        AnonymousUsersAndUntrustedOrganizations,
    }

    /// <summary>Which external meetings users may join (ExternalMeetingJoin).</summary>
    public enum ExternalMeetingJoin
    {
        /// <summary>Any external meeting.</summary>
        EnabledForAnyone,

        /// <summary>Meetings of trusted organizations only.</summary>
        EnabledForTrustedOrgs,

        /// <summary>None.</summary>
        Disabled,
    }

    /// <summary>Bots from outside the organization in meetings (ExternalBotAccessMode).</summary>
    public enum ExternalBotAccessMode
    {
        /// <summary>Detected bots wait for approval (the default).</summary>
        RequireApprovalWhenDetected,

        /// <summary>All bots can join.</summary>
        AllowAllBots,
    }

    /// <summary>Who sees meeting details such as the join link and dial-in (AllowedUsersForMeetingDetails).</summary>
    public enum AllowedUsersForMeetingDetails
    {
        /// <summary>Only people who can bypass the lobby (the default).</summary>
        UsersAllowedToByPassTheLobby,

        /// <summary>Everyone, anonymous and ACS users included.</summary>
        Everyone,
    }

    /// <summary>Enabled or Disabled settings (LobbyChat, ParticipantNameChange, AttendeeIdentityMasking).</summary>
    public enum FeatureState
    {
        /// <summary>On.</summary>
        Enabled,

        /// <summary>Off.</summary>
        Disabled,
    }

    /// <summary>How Teams labels users of allowed ACS resources (LabelForAllowedAcsUsers).</summary>
    public enum AcsUserLabel
    {
        /// <summary>"Unverified" (the default).</summary>
        Unverified,

        /// <summary>"External": only for users of resources in AllowedAcsResources.</summary>
        External,
    }

    /// <summary>Anonymous join client types that can be blocked (BlockedAnonymousJoinClientTypes).</summary>
    public enum AnonymousJoinClientType
    {
        /// <summary>Apps built on Azure Communication Services.</summary>
        ACS,

        /// <summary>The Teams clients.</summary>
        Teams,
    }

    /// <summary>Who users may communicate with (ExternalAccessPolicy CommunicationWithExternalOrgs).</summary>
    public enum CommunicationWithExternalOrgs
    {
        /// <summary>Follow the organization's settings.</summary>
        OrganizationDefault,

        /// <summary>All external domains.</summary>
        AllowAllExternalDomains,

        /// <summary>Only the allowed domains.</summary>
        AllowSpecificExternalDomains,

        /// <summary>All but the blocked domains.</summary>
        BlockSpecificExternalDomains,

        /// <summary>No external domain.</summary>
        BlockAllExternalDomains,
    }

    /// <summary>The policy types that govern Teams external users.</summary>
    public enum ExternalUserPolicyType
    {
        /// <summary>CsTeamsMeetingPolicy.</summary>
        TeamsMeetingPolicy,

        /// <summary>CsExternalAccessPolicy.</summary>
        ExternalAccessPolicy,
    }

    /// <summary>How a policy reached a user.</summary>
    public enum PolicyAssignmentType
    {
        /// <summary>Assigned to the user.</summary>
        Direct,

        /// <summary>Inherited from a group.</summary>
        Group,

        /// <summary>The organization-wide default (no assignment).</summary>
        Global,

        /// <summary>A tenant-wide configuration, not a policy.</summary>
        Tenant,

        /// <summary>Not known: the user's effective policies could not be read (never assumed to be Global).</summary>
        Unknown,
    }
}
