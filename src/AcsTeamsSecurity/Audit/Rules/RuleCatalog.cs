using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// The audit catalogue. Each rule is a pure function of a snapshot, so a live audit and an audit of the same
    /// tenant's snapshot give the same findings. Mappings: CISA SCuBA Teams baseline and Maester (api-facts §6),
    /// the Azure Policy built-ins for ACS (§7.3); the ATS.ACS and ATS.RES rules are the ACS-specific checks none of
    /// them has. Where a check interprets the documents (for example what counts as a contradiction), the rule's
    /// Check text says so.
    /// </summary>
    internal static class RuleCatalog
    {
        internal const string Scuba = "CISA SCuBA";
        internal const string Maester = "Maester";
        internal const string Cis = "CIS M365";
        internal const string AzurePolicy = "Azure Policy";

        private const string Meeting = "TeamsMeetingPolicy";
        private const string Access = "ExternalAccessPolicy";
        private const string AcsFed = "TeamsAcsFederationConfiguration";
        private const string TenantFed = "TenantFederationConfiguration";

        private static readonly Lazy<IReadOnlyList<AuditRule>> Rules = new Lazy<IReadOnlyList<AuditRule>>(Build);

        internal static IReadOnlyList<AuditRule> All => Rules.Value;

        private static IReadOnlyList<AuditRule> Build() => new List<AuditRule>
        {
            // ---- Meeting policies (SCuBA MS.TEAMS.1.x, Maester MT.10xx, CIS 8.5.3) ----
            Rule("ATS.MTG.1", "Anonymous users cannot start meetings", AuditSeverity.High, AuditPlane.MeetingPolicy,
                "Anonymous (and ACS) users who can start a meeting can hold it without anyone from the organization present (BOD 25-01 makes this a SHALL).",
                "AllowAnonymousUsersToStartMeeting is False in every meeting policy instance.", "False in every instance",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowAnonymousUsersToStartMeeting $false",
                Map(Scuba, "MS.TEAMS.1.2v2"), Map(Maester, "MT.1047")).With((s, o) =>
                    EveryMeetingPolicy(s, "AllowAnonymousUsersToStartMeeting", p => p.AllowAnonymousUsersToStartMeeting, v => v == false,
                        p => Fix(p, "-AllowAnonymousUsersToStartMeeting $false"), "anonymous users can start meetings of this policy's organizers")),

            Rule("ATS.MTG.2", "External participants cannot give or request control", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "Control of a shared desktop or window lets an outsider type and click on an organizer's machine.",
                "AllowExternalParticipantGiveRequestControl is False in every meeting policy instance.", "False in every instance",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowExternalParticipantGiveRequestControl $false",
                Map(Scuba, "MS.TEAMS.1.1v1"), Map(Maester, "MT.1048")).With((s, o) =>
                    EveryMeetingPolicy(s, "AllowExternalParticipantGiveRequestControl", p => p.AllowExternalParticipantGiveRequestControl, v => v == false,
                        p => Fix(p, "-AllowExternalParticipantGiveRequestControl $false"), "external participants can take control of shared content")),

            Rule("ATS.MTG.3", "Anonymous users and dial-in callers are not admitted automatically", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "People nobody verified should wait in the lobby until someone from the organization admits them.",
                "In the Global meeting policy, AutoAdmittedUsers is not Everyone and AllowPSTNUsersToBypassLobby is False.", "AutoAdmittedUsers not Everyone; AllowPSTNUsersToBypassLobby False",
                "Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompany -AllowPSTNUsersToBypassLobby $false",
                Map(Scuba, "MS.TEAMS.1.3v1")).With((s, o) =>
                    GlobalMeetingPolicy(s, "AutoAdmittedUsers, AllowPSTNUsersToBypassLobby", p =>
                    {
                        var actual = $"AutoAdmittedUsers {Show(p.AutoAdmittedUsers)}; AllowPSTNUsersToBypassLobby {Show(p.AllowPSTNUsersToBypassLobby)}";
                        if (p.AutoAdmittedUsers is null || p.AllowPSTNUsersToBypassLobby is null)
                        {
                            return (FindingStatus.Warning, actual, "The service did not report both settings; the rule cannot be evaluated.");
                        }

                        var ok = p.AutoAdmittedUsers != AutoAdmittedUsers.Everyone && p.AllowPSTNUsersToBypassLobby == false;
                        return (ok ? FindingStatus.Pass : FindingStatus.Fail, actual, ok ? "Anonymous users and dial-in callers wait in the lobby." : "Anonymous users or dial-in callers bypass the lobby of meetings organized under the Global policy.");
                    }, p => "Set-LobbyBypass -Identity Global"
                        + (p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone ? " -AutoAdmittedUsers EveryoneInCompany" : string.Empty)
                        + (p.AllowPSTNUsersToBypassLobby != false ? " -AllowPSTNUsersToBypassLobby $false" : string.Empty))),

            Rule("ATS.MTG.4", "Internal users are admitted automatically", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "When colleagues wait in the lobby, organizers admit everyone in bulk and stop looking at who they let in.",
                "In the Global meeting policy, AutoAdmittedUsers is EveryoneInCompany, EveryoneInSameAndFederatedCompany or EveryoneInCompanyExcludingGuests. The fix proposes EveryoneInCompanyExcludingGuests: it lets more colleagues skip the lobby than InvitedUsers or OrganizerOnly would, but no guest or external user.", "EveryoneInCompany, EveryoneInSameAndFederatedCompany or EveryoneInCompanyExcludingGuests",
                "Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests",
                Map(Scuba, "MS.TEAMS.1.4v1")).With((s, o) =>
                    GlobalSetting(s, "AutoAdmittedUsers", p => p.AutoAdmittedUsers,
                        v => v == AutoAdmittedUsers.EveryoneInCompany || v == AutoAdmittedUsers.EveryoneInSameAndFederatedCompany || v == AutoAdmittedUsers.EveryoneInCompanyExcludingGuests,
                        "Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests", "internal users wait in the lobby")),

            Rule("ATS.MTG.5", "Dial-in users cannot bypass the lobby", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "A phone number proves nothing about who is calling; dial-in callers should be admitted by a person.",
                "AllowPSTNUsersToBypassLobby is False in every meeting policy instance.", "False in every instance",
                "Set-LobbyBypass -Identity '<Identity>' -AllowPSTNUsersToBypassLobby $false",
                Map(Scuba, "MS.TEAMS.1.5v1"), Map(Maester, "MT.1042")).With((s, o) =>
                    EveryMeetingPolicy(s, "AllowPSTNUsersToBypassLobby", p => p.AllowPSTNUsersToBypassLobby, v => v == false,
                        p => $"Set-LobbyBypass -Identity {CommandText.Literal(p.Identity)} -AllowPSTNUsersToBypassLobby $false", "dial-in callers bypass the lobby")),

            Rule("ATS.MTG.6", "Meeting recording is off by default", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "Recordings keep what external participants said and showed; record only where a policy allows it.",
                "AllowCloudRecording is False in the Global meeting policy (custom policies may allow it for those who need it).", "False in Global",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowCloudRecording $false",
                Map(Scuba, "MS.TEAMS.1.6v1")).With((s, o) =>
                    GlobalSetting(s, "AllowCloudRecording", p => p.AllowCloudRecording, v => v == false,
                        "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowCloudRecording $false", "meetings can be recorded")),

            Rule("ATS.MTG.7", "Only people in the organization bypass the lobby", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "Guests and people from other organizations should be admitted by someone who knows they are expected.",
                "In the Global meeting policy, AutoAdmittedUsers is InvitedUsers, EveryoneInCompanyExcludingGuests or OrganizerOnly.", "InvitedUsers, EveryoneInCompanyExcludingGuests or OrganizerOnly",
                "Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests",
                Map(Cis, "8.5.3")).With((s, o) =>
                    GlobalSetting(s, "AutoAdmittedUsers", p => p.AutoAdmittedUsers,
                        v => v == AutoAdmittedUsers.InvitedUsers || v == AutoAdmittedUsers.EveryoneInCompanyExcludingGuests || v == AutoAdmittedUsers.OrganizerOnly,
                        "Set-LobbyBypass -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests", "people outside the organization bypass the lobby")),

            Rule("ATS.MTG.8", "Only invited users are admitted automatically", AuditSeverity.Informational, AuditPlane.MeetingPolicy,
                "The tightest lobby: only people the organizer invited (or forwarded the invitation to) skip it.",
                "In the Global meeting policy, AutoAdmittedUsers is InvitedUsers. This is Maester's stricter reading and cannot pass together with ATS.MTG.4 (SCuBA MS.TEAMS.1.4v1), which wants everyone in the organization admitted: a tenant follows one of the two, and -Framework selects the catalogue it follows.", "InvitedUsers",
                "Set-LobbyBypass -Identity Global -AutoAdmittedUsers InvitedUsers",
                Map(Maester, "MT.1045")).With((s, o) =>
                    GlobalSetting(s, "AutoAdmittedUsers", p => p.AutoAdmittedUsers, v => v == AutoAdmittedUsers.InvitedUsers,
                        "Set-LobbyBypass -Identity Global -AutoAdmittedUsers InvitedUsers", "people who were not invited bypass the lobby")),

            Rule("ATS.MTG.9", "Anonymous users cannot join meetings", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "Anonymous join admits anyone with the link. Tenants that meet people through their own ACS apps can turn it off and federate only their ACS resources instead (ATS.ACS.1), so ACS users still join.",
                "AllowAnonymousUsersToJoinMeeting is False in the Global meeting policy.", "False in Global",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false",
                Map(Maester, "MT.1046")).With((s, o) =>
                    GlobalSetting(s, "AllowAnonymousUsersToJoinMeeting", p => p.AllowAnonymousUsersToJoinMeeting, v => v == false,
                        "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false", "anonymous users can join meetings")),

            Rule("ATS.MTG.10", "Only presenters can give or request control", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "Attendees who can take control of shared content can act on the presenter's machine.",
                "AllowParticipantGiveRequestControl is False in the Global meeting policy.", "False in Global",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowParticipantGiveRequestControl $false",
                Map(Maester, "MT.1037")).With((s, o) =>
                    GlobalSetting(s, "AllowParticipantGiveRequestControl", p => p.AllowParticipantGiveRequestControl, v => v == false,
                        "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowParticipantGiveRequestControl $false", "every participant can give or request control")),

            Rule("ATS.MTG.11", "Anonymous and ACS users are not presenters by default", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "With EveryoneUserOverride, an anonymous or ACS user joins as a presenter and can share content and mute or remove others.",
                "DesignatedPresenterRoleMode is not EveryoneUserOverride in any meeting policy instance.", "EveryoneInCompanyUserOverride, EveryoneInSameAndFederatedCompanyUserOverride or OrganizerOnlyUserOverride",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -DesignatedPresenterRoleMode EveryoneInCompanyUserOverride").With((s, o) =>
                    EveryMeetingPolicy(s, "DesignatedPresenterRoleMode", p => p.DesignatedPresenterRoleMode, v => v != DesignatedPresenterRoleMode.EveryoneUserOverride,
                        p => Fix(p, "-DesignatedPresenterRoleMode EveryoneInCompanyUserOverride"), "anonymous and ACS users join as presenters")),

            Rule("ATS.MTG.12", "External bots need approval to join", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "Recording and note-taking bots from outside the organization capture everything said; someone should approve them.",
                "ExternalBotAccessMode is RequireApprovalWhenDetected in every meeting policy instance.", "RequireApprovalWhenDetected",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -ExternalBotAccessMode RequireApprovalWhenDetected").With((s, o) =>
                    EveryMeetingPolicy(s, "ExternalBotAccessMode", p => p.ExternalBotAccessMode, v => v == ExternalBotAccessMode.RequireApprovalWhenDetected,
                        p => Fix(p, "-ExternalBotAccessMode RequireApprovalWhenDetected"), "external bots join without approval")),

            Rule("ATS.MTG.13", "Meeting details are shown only to people who bypass the lobby", AuditSeverity.Low, AuditPlane.MeetingPolicy,
                "The join link and dial-in details let whoever sees them come back, and pass the meeting on.",
                "AllowedUsersForMeetingDetails is UsersAllowedToByPassTheLobby in every meeting policy instance.", "UsersAllowedToByPassTheLobby",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowedUsersForMeetingDetails UsersAllowedToByPassTheLobby").With((s, o) =>
                    EveryMeetingPolicy(s, "AllowedUsersForMeetingDetails", p => p.AllowedUsersForMeetingDetails, v => v == AllowedUsersForMeetingDetails.UsersAllowedToByPassTheLobby,
                        p => Fix(p, "-AllowedUsersForMeetingDetails UsersAllowedToByPassTheLobby"), "anonymous and ACS users see the meeting's join details")),

            Rule("ATS.MTG.14", "Live events are not always recorded", AuditSeverity.Low, AuditPlane.BroadcastPolicy,
                "An always-on recording keeps everything external attendees and presenters say; organizers should decide per event.",
                "BroadcastRecordingMode is not AlwaysEnabled in the Global live-events (meeting broadcast) policy.", "AlwaysDisabled or UserOverride",
                "Set-CsTeamsMeetingBroadcastPolicy -Identity Global -BroadcastRecordingMode UserOverride  # MicrosoftTeams module: this module reads live-events policies but does not change them",
                Map(Scuba, "MS.TEAMS.1.7v2")).With(LiveEventRecording),

            // ---- External access and tenant federation (SCuBA MS.TEAMS.2.x, CIS 8.2.x) ----
            Rule("ATS.EXT.1", "External access is allowed per domain only", AuditSeverity.High, AuditPlane.Tenant,
                "Open federation lets any Teams organization find and message users, the path of most Teams phishing (BOD 25-01 makes this a SHALL).",
                "In the tenant federation configuration, AllowFederatedUsers is False, or AllowedDomains lists the domains allowed.", "AllowFederatedUsers False, or an AllowedDomains list",
                "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @('partner.example')  # MicrosoftTeams module: this module reads tenant federation but does not change it",
                Map(Scuba, "MS.TEAMS.2.1v2")).With(ExternalAccessPerDomain),

            Rule("ATS.EXT.2", "Unmanaged Teams users cannot start conversations", AuditSeverity.High, AuditPlane.ExternalAccessPolicy,
                "Personal Teams accounts are free and anonymous; letting them open chats with staff invites phishing (BOD 25-01 makes this a SHALL).",
                "Tenant federation has AllowTeamsConsumer or AllowTeamsConsumerInbound False; otherwise every external access policy has EnableTeamsConsumerInbound False. Not applicable in GCC, GCC High and DoD, where unmanaged accounts are not available.", "Blocked in the tenant, or in every external access policy",
                "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity '<Identity>' -EnableTeamsConsumerInbound $false",
                Map(Scuba, "MS.TEAMS.2.2v2"), Map(Cis, "8.2.3")).With((s, o) => Consumer(s, inbound: true)),

            Rule("ATS.EXT.3", "Internal users cannot contact unmanaged Teams users", AuditSeverity.Medium, AuditPlane.ExternalAccessPolicy,
                "Conversations with personal Teams accounts leave the organization's control and compliance boundary.",
                "Tenant federation has AllowTeamsConsumer False; otherwise every external access policy has EnableTeamsConsumerAccess False. Not applicable in GCC, GCC High and DoD.", "Blocked in the tenant, or in every external access policy",
                "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity '<Identity>' -EnableTeamsConsumerAccess $false",
                Map(Scuba, "MS.TEAMS.2.3v2"), Map(Cis, "8.2.2")).With((s, o) => Consumer(s, inbound: false)),

            // ---- ACS-specific (no SCuBA, Maester or CIS control covers these) ----
            Rule("ATS.ACS.1", "ACS federation admits only the tenant's own ACS resources", AuditSeverity.High, AuditPlane.Tenant,
                "Every resource on the allow-list can mint identities that join meetings as federated ACS users, past a tenant-wide anonymous-join block. A resource the organization does not own is someone else's front door into its meetings.",
                "When EnableAcsUsers is True, every id in AllowedAcsResources is the immutableResourceId of an ACS resource found in the subscriptions exported. Without exported subscriptions the rule cannot confirm ownership and warns.", "Only immutable ids of the tenant's own ACS resources",
                "Set-AcsFederationConfiguration -RemoveAllowedAcsResource '<ResourceId>'").With(AllowListOwnership),

            Rule("ATS.ACS.2", "ACS federation names the resources it admits", AuditSeverity.Medium, AuditPlane.Tenant,
                "Federation switched on with an empty allow-list is a configuration nobody finished: the documentation requires at least one resource, and the effect of none is not documented.",
                "When EnableAcsUsers is True, AllowedAcsResources is not empty.", "At least one resource when EnableAcsUsers is True",
                "Set-AcsFederationConfiguration -AddAllowedAcsResource '<immutableResourceId>'   # or -EnableAcsUsers $false").With((s, o) => TenantOnly(s, "TeamsAcsFederationConfiguration.EnableAcsUsers, AllowedAcsResources", t =>
                {
                    var actual = $"EnableAcsUsers {Show(t.EnableAcsUsers)}; {t.AllowedAcsResources.Count} allowed resource(s)";
                    if (t.EnableAcsUsers != true)
                    {
                        return (FindingStatus.NotApplicable, actual, "ACS federation is off.", string.Empty);
                    }

                    return t.AllowedAcsResources.Count > 0
                        ? (FindingStatus.Pass, actual, "ACS federation lists the resources it admits.", string.Empty)
                        : (FindingStatus.Fail, actual, "ACS federation is on with an empty allow-list.", "Set-AcsFederationConfiguration -EnableAcsUsers $false");
                })),

            Rule("ATS.ACS.3", "Users of allowed ACS resources are labelled External, not Unverified", AuditSeverity.Low, AuditPlane.Tenant,
                "When the tenant's own, vetted ACS apps are labelled Unverified like any unknown ACS user, attendees learn to ignore the label, and the one that matters goes unseen. Label allowed resources External once ATS.ACS.1 passes.",
                "When EnableAcsUsers is True with an allow-list, LabelForAllowedAcsUsers is External.", "External",
                "Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External").With((s, o) => TenantOnly(s, "TeamsAcsFederationConfiguration.LabelForAllowedAcsUsers", t =>
                {
                    var actual = Show(t.LabelForAllowedAcsUsers);
                    if (t.EnableAcsUsers != true || t.AllowedAcsResources.Count == 0)
                    {
                        return (FindingStatus.NotApplicable, actual, "No ACS resources are federated, so no ACS user gets the label.", string.Empty);
                    }

                    return t.LabelForAllowedAcsUsers switch
                    {
                        AcsUserLabel.External => (FindingStatus.Pass, actual, "Users of allowed ACS resources show as External.", string.Empty),
                        null => (FindingStatus.Warning, actual, "The service did not report the label; the default is Unverified.", "Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External"),
                        _ => (FindingStatus.Fail, actual, "Users of the tenant's allowed ACS resources show as Unverified, like unknown ACS users.", "Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External"),
                    };
                })),

            Rule("ATS.ACS.4", "Anonymous-join settings do not contradict each other", AuditSeverity.Medium, AuditPlane.MeetingPolicy,
                "Settings that cancel each other out hide the real state: an admin reads one switch, the service obeys another, and nobody knows which ACS users get in.",
                "Per meeting policy, warns when (a) BlockedAnonymousJoinClientTypes blocks both ACS and Teams while AllowAnonymousUsersToJoinMeeting is True (join is off in effect); (b) it blocks ACS while the tenant federates ACS resources and the policy allows anonymous join (federated ACS users are still blocked); (c) the tenant's DisableAnonymousJoin is True while the policy allows anonymous join (the policy setting has no effect); (d) it blocks client types while AllowAnonymousUsersToJoinMeeting is False and the block has no effect (Teams, or ACS when the tenant federates no ACS resource). Fixes never lift an ACS block that keeps federated ACS users out. The reading of the documents in (b)-(d) is INFERRED from teams-administration.md.", "No contradiction",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowAnonymousUsersToJoinMeeting $false").With(Contradictions),

            Rule("ATS.ACS.5", "Anonymous and ACS users cannot both bypass the lobby and start meetings", AuditSeverity.Critical, AuditPlane.MeetingPolicy,
                "With both, an outsider with a join link (or any identity minted from an admitted ACS resource) can start the meeting, skip the lobby and hold it with nobody from the organization present.",
                "Per meeting policy where anonymous or ACS users can join (tenant and policy gates), not both AutoAdmittedUsers = Everyone and AllowAnonymousUsersToStartMeeting = True. The per-organizer EnableAcsFederationAccess of the external access policy is not considered (a policy is judged on its own), so the rule can report a federated ACS path that an organizer's external access policy closes: it errs on the safe side.", "AutoAdmittedUsers not Everyone, or AllowAnonymousUsersToStartMeeting False",
                "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowAnonymousUsersToStartMeeting $false").With((s, o) =>
                    TenantDependent(s, "AutoAdmittedUsers, AllowAnonymousUsersToStartMeeting") ?? EveryMeetingPolicyCustom(s, "AutoAdmittedUsers, AllowAnonymousUsersToStartMeeting", p =>
                    {
                        var actual = $"AutoAdmittedUsers {Show(p.AutoAdmittedUsers)}; AllowAnonymousUsersToStartMeeting {Show(p.AllowAnonymousUsersToStartMeeting)}";
                        var way = ExternalJoinPath(s.Tenant, p);
                        if (way is null)
                        {
                            return (FindingStatus.NotApplicable, actual, "Neither anonymous nor ACS users can join meetings of this policy's organizers.", string.Empty);
                        }

                        var both = p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone && p.AllowAnonymousUsersToStartMeeting == true;
                        return both
                            ? (FindingStatus.Fail, actual, $"{way}, bypass the lobby and can start the meeting alone.", Fix(p, "-AllowAnonymousUsersToStartMeeting $false"))
                            : (FindingStatus.Pass, actual, "External users cannot start a meeting and skip the lobby together.", string.Empty);
                    })),

            Rule("ATS.ACS.6", "Anonymous and ACS users wait in the lobby", AuditSeverity.High, AuditPlane.MeetingPolicy,
                "The lobby is where an organizer sees who is joining; Everyone removes it for people no one has verified, in every meeting of the policy's organizers (custom policies included, which the Global-only baseline checks miss).",
                "Per meeting policy where anonymous or ACS users can join, AutoAdmittedUsers is not Everyone. As for ATS.ACS.5, the external access policy's EnableAcsFederationAccess is not considered (safe side).", "Not Everyone",
                "Set-LobbyBypass -Identity '<Identity>' -AutoAdmittedUsers EveryoneInCompany").With((s, o) =>
                    TenantDependent(s, "AutoAdmittedUsers") ?? EveryMeetingPolicyCustom(s, "AutoAdmittedUsers", p =>
                    {
                        var actual = Show(p.AutoAdmittedUsers);
                        var way = ExternalJoinPath(s.Tenant, p);
                        if (way is null)
                        {
                            return (FindingStatus.NotApplicable, actual, "Neither anonymous nor ACS users can join meetings of this policy's organizers.", string.Empty);
                        }

                        if (p.AutoAdmittedUsers is null)
                        {
                            return (FindingStatus.Warning, actual, "The service did not report AutoAdmittedUsers; the rule cannot be evaluated.", string.Empty);
                        }

                        return p.AutoAdmittedUsers == AutoAdmittedUsers.Everyone
                            ? (FindingStatus.Fail, actual, $"{way} and bypass the lobby.", $"Set-LobbyBypass -Identity {CommandText.Literal(p.Identity)} -AutoAdmittedUsers EveryoneInCompany")
                            : (FindingStatus.Pass, actual, "Anonymous and ACS users wait in the lobby.", string.Empty);
                    })),

            // ---- ACS resources in Azure (Azure Policy built-ins, diagnostic settings) ----
            Rule("ATS.RES.1", "ACS access keys cannot mint tokens (local authentication off)", AuditSeverity.High, AuditPlane.AcsResource,
                "With local authentication on, anyone holding an access key or connection string can create identities and tokens that join the tenant's meetings as that resource's users, with no Entra sign-in and no audit trail tied to a person.",
                "disableLocalAuth is True on every ACS resource (reported from ARM api-version 2025-09-01, GA).", "disableLocalAuth True",
                "az resource update --ids '<ResourceId>' --set properties.disableLocalAuth=true --api-version 2025-09-01  # Azure CLI: this module does not change ARM resources",
                Map(AzurePolicy, "fc264132-db9c-4302-bb7d-3994c36461fe"), Map(AzurePolicy, "145408bc-d134-468a-ae3b-1eaf3b9e5ac7")).With((s, o) =>
                    EveryResource(s, "disableLocalAuth", r =>
                    {
                        var actual = Show(r.DisableLocalAuth);
                        return r.DisableLocalAuth == true
                            ? (FindingStatus.Pass, actual, "Only Entra ID callers with a data-plane role can use the resource.")
                            : (FindingStatus.Fail, actual, r.DisableLocalAuth is null ? "ARM did not report disableLocalAuth, so local authentication is on: the access keys can mint tokens." : "Local authentication is on: the access keys can mint tokens.");
                    }, r => $"az resource update --ids {CommandText.Literal(r.Id)} --set properties.disableLocalAuth=true --api-version 2025-09-01")),

            Rule("ATS.RES.2", "ACS authentication logs are collected", AuditSeverity.Medium, AuditPlane.AcsResource,
                "Without the AuthOperational log there is no record of who created identities or issued tokens, so a leaked key cannot be investigated.",
                "A diagnostic setting on every ACS resource sends the AuthOperational category (or the allLogs group) to a destination. No built-in Azure Policy audits ACS diagnostic settings, so this rule has no Azure Policy mapping.", "AuthOperational collected",
                "az monitor diagnostic-settings create --resource '<ResourceId>' --name acs-auth-logs --workspace '<workspace resource id>' --logs '[{\"category\":\"AuthOperational\",\"enabled\":true}]'  # Azure CLI").With((s, o) =>
                    EveryResource(s, "diagnosticSettings (AuthOperational)", r =>
                    {
                        var actual = r.AuthLogsCollected is null ? "(not read)" : r.DiagnosticSettings.Count == 0 ? "no diagnostic setting" : $"{r.DiagnosticSettings.Count} setting(s): {string.Join(", ", r.DiagnosticSettings)}";
                        return r.AuthLogsCollected switch
                        {
                            true => (FindingStatus.Pass, actual, "A diagnostic setting collects the AuthOperational log."),
                            false => (FindingStatus.Fail, actual, "No diagnostic setting collects the AuthOperational log."),
                            _ => (FindingStatus.Error, actual, "The diagnostic settings could not be read (Reader on the resource is needed; see the export's collection errors)."),
                        };
                    }, r => $"az monitor diagnostic-settings create --resource {CommandText.Literal(r.Id)} --name acs-auth-logs --workspace '<workspace resource id>' --logs '[{{\"category\":\"AuthOperational\",\"enabled\":true}}]'")),

            Rule("ATS.RES.3", "ACS resources use a managed identity", AuditSeverity.Low, AuditPlane.AcsResource,
                "A managed identity lets the resource reach other Azure services without stored secrets.",
                "identity.type is not None on every ACS resource.", "SystemAssigned and/or UserAssigned",
                "az resource update --ids '<ResourceId>' --set identity.type=SystemAssigned  # Azure CLI",
                Map(AzurePolicy, "bcff6755-335b-484d-b435-d1161db39cdc")).With((s, o) =>
                    EveryResource(s, "identity.type", r =>
                    {
                        var actual = r.ManagedIdentityType ?? "(none)";
                        var ok = !string.IsNullOrEmpty(r.ManagedIdentityType) && !string.Equals(r.ManagedIdentityType, "None", StringComparison.OrdinalIgnoreCase);
                        return ok ? (FindingStatus.Pass, actual, "The resource has a managed identity.") : (FindingStatus.Fail, actual, "The resource has no managed identity.");
                    }, r => $"az resource update --ids {CommandText.Literal(r.Id)} --set identity.type=SystemAssigned")),

            Rule("ATS.RES.4", "ACS data stays in an allowed location", AuditSeverity.Medium, AuditPlane.AcsResource,
                "Where ACS stores data at rest is fixed at creation; a resource in the wrong geography can break data-residency commitments.",
                "dataLocation is one of the locations given with -AllowedDataLocation; without that list the rule does not apply.", "One of -AllowedDataLocation",
                "Create a replacement resource in an allowed data location and move the app to it (dataLocation cannot be changed).",
                Map(AzurePolicy, "93c45b74-42a1-4967-b25d-82c4dc630921")).With((s, o) =>
                    EveryResource(s, "dataLocation", r =>
                    {
                        var actual = r.DataLocation ?? "(not reported)";
                        if (o.AllowedDataLocations.Count == 0)
                        {
                            return (FindingStatus.NotApplicable, actual, "No allowed data locations were given (-AllowedDataLocation).");
                        }

                        return o.AllowedDataLocations.Contains(r.DataLocation ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                            ? (FindingStatus.Pass, actual, "The data location is allowed.")
                            : (FindingStatus.Fail, actual, $"The data location is not one of: {string.Join(", ", o.AllowedDataLocations)}.");
                    }, r => "Create a replacement resource in an allowed data location and move the app to it (dataLocation cannot be changed).")),

            Rule("ATS.RES.5", "ACS public network access is restricted", AuditSeverity.Low, AuditPlane.AcsResource,
                "With public network access open, the data plane (and its access keys, if local authentication is on) is reachable from anywhere.",
                "publicNetworkAccess is Disabled or SecuredByPerimeter (reported from ARM api-version 2025-09-01, GA).", "Disabled or SecuredByPerimeter",
                "az resource update --ids '<ResourceId>' --set properties.publicNetworkAccess=SecuredByPerimeter --api-version 2025-09-01  # Azure CLI").With((s, o) =>
                    EveryResource(s, "publicNetworkAccess", r =>
                    {
                        var actual = r.PublicNetworkAccess ?? "(not reported)";
                        if (r.PublicNetworkAccess is null)
                        {
                            return (FindingStatus.NotApplicable, actual, "ARM did not report publicNetworkAccess for this resource.");
                        }

                        return string.Equals(r.PublicNetworkAccess, "Enabled", StringComparison.OrdinalIgnoreCase)
                            ? (FindingStatus.Fail, actual, "The data plane is reachable from any network.")
                            : (FindingStatus.Pass, actual, "Public network access is restricted.");
                    }, r => $"az resource update --ids {CommandText.Literal(r.Id)} --set properties.publicNetworkAccess=SecuredByPerimeter --api-version 2025-09-01")),
        }.Concat(PurviewRules.Build()).ToList();

        // ---------------- evaluation helpers ----------------
        private static readonly string[] GovernmentClouds = { "GCC", "GCCHigh", "DoD" };

        private static RuleMapping Map(string framework, string id) => new RuleMapping(framework, id);

        private static RuleBuilder Rule(string id, string title, AuditSeverity severity, AuditPlane plane, string rationale, string check, string expected, string remediation, params RuleMapping[] mappings) =>
            new RuleBuilder(new ExternalUserSecurityRule(id, title, severity, plane, rationale, check, expected, remediation, mappings));

        private sealed class RuleBuilder
        {
            private readonly ExternalUserSecurityRule _definition;

            internal RuleBuilder(ExternalUserSecurityRule definition) => _definition = definition;

            internal AuditRule With(Func<ConfigurationSnapshot, AuditOptions, IEnumerable<RuleResult>> evaluate) => new AuditRule(_definition, evaluate);
        }


        private static string Fix(MeetingPolicySettings p, string setting) => $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(p.Identity)} {setting}";

        private static string Show(object? value) => value is null ? "(not reported)" : PolicyMapper.Display(value);

        private static CollectionError? Failed(ConfigurationSnapshot s, AuditPlane plane) => s.CollectionErrors.FirstOrDefault(e => e.Plane == plane);

        private static IEnumerable<RuleResult> EveryMeetingPolicy<TValue>(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, TValue?> read, Func<TValue?, bool> ok, Func<MeetingPolicySettings, string> fix, string failure)
            where TValue : struct =>
            EveryMeetingPolicyCustom(s, setting, p =>
            {
                var value = read(p);
                var actual = Show(value);
                if (value is null)
                {
                    return (FindingStatus.Warning, actual, $"The service did not report {setting}; the rule cannot be evaluated.", string.Empty);
                }

                return ok(value) ? (FindingStatus.Pass, actual, $"{setting} is {actual}.", string.Empty) : (FindingStatus.Fail, actual, $"{setting} is {actual}: {failure}.", fix(p));
            });

        private static IEnumerable<RuleResult> EveryMeetingPolicyCustom(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, (FindingStatus Status, string Actual, string Evidence, string Fix)> evaluate)
        {
            if (Failed(s, AuditPlane.MeetingPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "(meeting policies)", $"{Meeting}.{setting}", "(not read)", error.Message);
                yield break;
            }

            foreach (var policy in s.MeetingPolicies)
            {
                var (status, actual, evidence, fix) = evaluate(policy.Settings);
                yield return new RuleResult(status, policy.Settings.Identity, $"{Meeting}.{setting}", actual, evidence, status == FindingStatus.Fail || status == FindingStatus.Warning ? fix : string.Empty, policy.UserCount);
            }
        }

        private static IEnumerable<RuleResult> GlobalMeetingPolicy(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, (FindingStatus Status, string Actual, string Evidence)> evaluate, Func<MeetingPolicySettings, string> fix)
        {
            if (Failed(s, AuditPlane.MeetingPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", $"{Meeting}.{setting}", "(not read)", error.Message);
                yield break;
            }

            var global = s.MeetingPolicies.FirstOrDefault(p => string.Equals(p.Settings.Identity, "Global", StringComparison.OrdinalIgnoreCase));
            if (global is null)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", $"{Meeting}.{setting}", "(missing)", "The snapshot has no Global meeting policy.");
                yield break;
            }

            var (status, actual, evidence) = evaluate(global.Settings);
            yield return new RuleResult(status, "Global", $"{Meeting}.{setting}", actual, evidence, status == FindingStatus.Pass ? string.Empty : fix(global.Settings), global.UserCount);
        }

        private static IEnumerable<RuleResult> GlobalSetting<TValue>(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, TValue?> read, Func<TValue?, bool> ok, string fix, string failure)
            where TValue : struct =>
            GlobalMeetingPolicy(s, setting, p =>
            {
                var value = read(p);
                var actual = Show(value);
                if (value is null)
                {
                    return (FindingStatus.Warning, actual, $"The service did not report {setting}; the rule cannot be evaluated.");
                }

                return ok(value) ? (FindingStatus.Pass, actual, $"{setting} is {actual}.") : (FindingStatus.Fail, actual, $"{setting} is {actual}: {failure} (Global policy).");
            }, _ => fix);

        private static IEnumerable<RuleResult> TenantOnly(ConfigurationSnapshot s, string setting, Func<AcsFederationConfiguration, (FindingStatus Status, string Actual, string Evidence, string Fix)> evaluate)
        {
            if (Failed(s, AuditPlane.Tenant) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", setting, "(not read)", error.Message);
                yield break;
            }

            var (status, actual, evidence, fix) = evaluate(s.Tenant);
            yield return new RuleResult(status, "Tenant", setting, actual, evidence, fix);
        }

        private static IEnumerable<RuleResult> EveryResource(ConfigurationSnapshot s, string setting, Func<AcsResourceSettings, (FindingStatus Status, string Actual, string Evidence)> evaluate, Func<AcsResourceSettings, string> fix)
        {
            if (s.AcsResources is null)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "(ACS resources)", setting, "(not exported)", "No subscriptions were exported; give -SubscriptionId to Export-ExternalUserConfiguration or Test-ExternalUserSecurity to audit ACS resources.");
                yield break;
            }

            foreach (var error in s.CollectionErrors.Where(e => e.Plane == AuditPlane.AcsResource && e.ErrorId != "DiagnosticSettingsUnreadable"))
            {
                yield return new RuleResult(FindingStatus.Error, "(ACS resources)", setting, "(not read)", error.Message);
            }

            if (s.AcsResources.Count == 0 && !s.CollectionErrors.Any(e => e.Plane == AuditPlane.AcsResource))
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "(ACS resources)", setting, "(none)", $"The exported subscriptions ({string.Join(", ", s.Metadata.Subscriptions)}) hold no ACS resources.");
            }

            foreach (var resource in s.AcsResources)
            {
                var (status, actual, evidence) = evaluate(resource);
                yield return new RuleResult(status, resource.Name, $"communicationServices.{setting}", actual, evidence, status == FindingStatus.Fail ? fix(resource) : string.Empty);
            }
        }

        private static IEnumerable<RuleResult> LiveEventRecording(ConfigurationSnapshot s, AuditOptions o)
        {
            const string Setting = "TeamsMeetingBroadcastPolicy.BroadcastRecordingMode";
            if (Failed(s, AuditPlane.BroadcastPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", Setting, "(not read)", error.Message);
                yield break;
            }

            var global = s.BroadcastPolicies.FirstOrDefault(p => string.Equals(p.Settings.Identity, "Global", StringComparison.OrdinalIgnoreCase));
            if (global is null)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", Setting, "(missing)", "The snapshot has no Global live-events policy.");
                yield break;
            }

            var mode = global.Settings.BroadcastRecordingMode;
            var actual = Show(mode);
            var fix = "Set-CsTeamsMeetingBroadcastPolicy -Identity Global -BroadcastRecordingMode UserOverride  # MicrosoftTeams module";
            yield return mode switch
            {
                null => new RuleResult(FindingStatus.Warning, "Global", Setting, actual, "The service did not report BroadcastRecordingMode; the rule cannot be evaluated.", fix, global.UserCount),
                BroadcastRecordingMode.AlwaysEnabled => new RuleResult(FindingStatus.Fail, "Global", Setting, actual, "Every live event of the Global policy's organizers is recorded.", fix, global.UserCount),
                _ => new RuleResult(FindingStatus.Pass, "Global", Setting, actual, $"BroadcastRecordingMode is {actual}.", string.Empty, global.UserCount),
            };
        }

        private static IEnumerable<RuleResult> ExternalAccessPerDomain(ConfigurationSnapshot s, AuditOptions o) =>
            TenantOnly(s, $"{TenantFed}.AllowFederatedUsers, AllowedDomains", t =>
            {
                var actual = $"AllowFederatedUsers {Show(t.AllowFederatedUsers)}; {t.AllowedDomains.Count} allowed domain(s)";
                if (t.AllowFederatedUsers is null)
                {
                    return (FindingStatus.Warning, actual, "The service did not report AllowFederatedUsers; the rule cannot be evaluated.", string.Empty);
                }

                if (t.AllowFederatedUsers == false)
                {
                    return (FindingStatus.Pass, actual, "Federation with other organizations is off.", string.Empty);
                }

                return t.AllowedDomains.Count > 0
                    ? (FindingStatus.Pass, actual, $"Federation is limited to {t.AllowedDomains.Count} allowed domain(s).", string.Empty)
                    : (FindingStatus.Fail, actual, "Federation is open to every external domain.", "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @('partner.example')  # MicrosoftTeams module");
            });

        private static IEnumerable<RuleResult> Consumer(ConfigurationSnapshot s, bool inbound)
        {
            var tenantSetting = inbound ? "AllowTeamsConsumer, AllowTeamsConsumerInbound" : "AllowTeamsConsumer";
            var policySetting = inbound ? "EnableTeamsConsumerInbound" : "EnableTeamsConsumerAccess";
            if (GovernmentClouds.Contains(s.Metadata.Environment, StringComparer.OrdinalIgnoreCase))
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", $"{TenantFed}.{tenantSetting}", "(n/a)", $"Unmanaged Teams accounts are not available in {s.Metadata.Environment}.");
                yield break;
            }

            if (Failed(s, AuditPlane.Tenant) is { } tenantError)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", $"{TenantFed}.{tenantSetting}", "(not read)", tenantError.Message);
                yield break;
            }

            var t = s.Tenant;
            var blockedInTenant = t.AllowTeamsConsumer == false || (inbound && t.AllowTeamsConsumerInbound == false);
            var tenantActual = inbound ? $"AllowTeamsConsumer {Show(t.AllowTeamsConsumer)}; AllowTeamsConsumerInbound {Show(t.AllowTeamsConsumerInbound)}" : $"AllowTeamsConsumer {Show(t.AllowTeamsConsumer)}";
            if (blockedInTenant)
            {
                yield return new RuleResult(FindingStatus.Pass, "Tenant", $"{TenantFed}.{tenantSetting}", tenantActual, "Blocked for the whole tenant.");
                yield break;
            }

            if (Failed(s, AuditPlane.ExternalAccessPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "(external access policies)", $"{Access}.{policySetting}", "(not read)", error.Message);
                yield break;
            }

            // SCuBA judges the tenant setting alone; policies can still close the door per user, so the tenant scope
            // is a Warning (it fails the SCuBA check) and each policy says whether its users are exposed.
            yield return new RuleResult(FindingStatus.Warning, "Tenant", $"{TenantFed}.{tenantSetting}", tenantActual,
                "The tenant allows unmanaged Teams accounts, which fails the CISA SCuBA check (it looks at the tenant setting only); the per-policy findings show which users are exposed.",
                "Set-CsTenantFederationConfiguration " + (inbound ? "-AllowTeamsConsumerInbound $false" : "-AllowTeamsConsumer $false") + "  # MicrosoftTeams module: this module reads tenant federation but does not change it");

            foreach (var policy in s.ExternalAccessPolicies)
            {
                var value = inbound ? policy.Settings.EnableTeamsConsumerInbound : policy.Settings.EnableTeamsConsumerAccess;
                var actual = $"{policySetting} {Show(value)} (tenant: {tenantActual})";
                var fix = $"Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity {CommandText.Literal(policy.Settings.Identity)} -{policySetting} $false";
                yield return value == false
                    ? new RuleResult(FindingStatus.Pass, policy.Settings.Identity, $"{Access}.{policySetting}", actual, "Blocked by this policy (the tenant allows it).", string.Empty, policy.UserCount)
                    : new RuleResult(FindingStatus.Fail, policy.Settings.Identity, $"{Access}.{policySetting}", actual,
                        inbound ? "Unmanaged Teams accounts can start conversations with this policy's users." : "This policy's users can contact unmanaged Teams accounts.", fix, policy.UserCount);
            }
        }

        private static IEnumerable<RuleResult> AllowListOwnership(ConfigurationSnapshot s, AuditOptions o)
        {
            const string Setting = AcsFed + ".AllowedAcsResources";
            if (Failed(s, AuditPlane.Tenant) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", Setting, "(not read)", error.Message);
                yield break;
            }

            var t = s.Tenant;
            if (t.EnableAcsUsers != true)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, $"EnableAcsUsers {Show(t.EnableAcsUsers)}", "ACS federation is off; no ACS resource is admitted through it.");
                yield break;
            }

            if (t.AllowedAcsResources.Count == 0)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, "(empty)", "The allow-list is empty (see ATS.ACS.2).");
                yield break;
            }

            if (s.AcsResources is null)
            {
                yield return new RuleResult(FindingStatus.Warning, "Tenant", Setting, string.Join(", ", t.AllowedAcsResources),
                    "Ownership cannot be confirmed: no subscriptions were exported. Give -SubscriptionId with the subscriptions that hold the tenant's ACS resources.");
                yield break;
            }

            var incomplete = s.CollectionErrors.Any(e => e.Plane == AuditPlane.AcsResource && e.ErrorId != "DiagnosticSettingsUnreadable");
            foreach (var id in t.AllowedAcsResources)
            {
                var mine = s.AcsResources.FirstOrDefault(r => string.Equals(r.ImmutableResourceId, id, StringComparison.OrdinalIgnoreCase));
                if (mine is not null)
                {
                    yield return new RuleResult(FindingStatus.Pass, id, Setting, id, $"Belongs to the tenant's ACS resource {mine.Name} (subscription {mine.SubscriptionId}).");
                }
                else
                {
                    var status = incomplete ? FindingStatus.Warning : FindingStatus.Fail;
                    var why = incomplete
                        ? "Not found among the exported ACS resources, but some subscriptions could not be read; check the export's collection errors."
                        : $"Not an ACS resource in the exported subscriptions ({string.Join(", ", s.Metadata.Subscriptions)}): its users can join this tenant's meetings as federated ACS users.";
                    yield return new RuleResult(status, id, Setting, id, why, $"Set-AcsFederationConfiguration -RemoveAllowedAcsResource {CommandText.Literal(id)}");
                }
            }
        }

        private static IEnumerable<RuleResult> Contradictions(ConfigurationSnapshot s, AuditOptions o) =>
            TenantDependent(s, "AllowAnonymousUsersToJoinMeeting, BlockedAnonymousJoinClientTypes") ?? EveryMeetingPolicyCustom(s, "AllowAnonymousUsersToJoinMeeting, BlockedAnonymousJoinClientTypes", p =>
            {
                var blocked = p.BlockedAnonymousJoinClientTypes;
                var actual = $"AllowAnonymousUsersToJoinMeeting {Show(p.AllowAnonymousUsersToJoinMeeting)}; BlockedAnonymousJoinClientTypes {PolicyMapper.Display(blocked)}; tenant DisableAnonymousJoin {Show(s.Tenant.DisableAnonymousJoin)}";
                var blocksAcs = blocked.Contains(AnonymousJoinClientType.ACS);
                var blocksTeams = blocked.Contains(AnonymousJoinClientType.Teams);
                var federates = s.Tenant.EnableAcsUsers == true && s.Tenant.AllowedAcsResources.Count > 0;
                var problems = new List<string>();
                var fix = string.Empty;
                if (blocksAcs && blocksTeams && p.AllowAnonymousUsersToJoinMeeting == true)
                {
                    // The fix keeps every block that still matters: ACS stays blocked when the tenant federates ACS,
                    // because the block is what keeps federated ACS users out of these meetings.
                    problems.Add("anonymous join is allowed but both client types (ACS, Teams) are blocked, so nobody can join anonymously");
                    fix = Fix(p, "-AllowAnonymousUsersToJoinMeeting $false");
                }
                else if (blocksAcs && s.Tenant.EnableAcsUsers == true && s.Tenant.AllowedAcsResources.Count > 0 && p.AllowAnonymousUsersToJoinMeeting != false)
                {
                    // No remediation: the secure state is the current one. Opening it is a decision, not a fix.
                    problems.Add($"the tenant federates ACS resources, but this policy blocks the ACS client type, so their users still cannot join these organizers' meetings (if they should, '{Fix(p, "-BlockedAnonymousJoinClientTypes Teams")}' opens them, which loosens security)");
                }

                if (s.Tenant.DisableAnonymousJoin == true && p.AllowAnonymousUsersToJoinMeeting == true)
                {
                    problems.Add("the tenant's DisableAnonymousJoin is True, so this policy's AllowAnonymousUsersToJoinMeeting True has no effect");
                    fix = fix.Length > 0 ? fix : Fix(p, "-AllowAnonymousUsersToJoinMeeting $false");
                }

                // With anonymous join off, an ACS block still keeps federated ACS users out when the tenant federates
                // ACS; only a Teams block, or any block without federation, has no effect.
                var inert = p.AllowAnonymousUsersToJoinMeeting == false && (blocksTeams || (blocksAcs && !federates));
                if (inert && !(blocksAcs && blocksTeams && p.AllowAnonymousUsersToJoinMeeting == true))
                {
                    problems.Add(federates && blocksAcs
                        ? "Teams is blocked although anonymous join is off, so that entry has no effect (the ACS entry still keeps federated ACS users out)"
                        : "client types are blocked although anonymous join is off, so the list has no effect");
                }

                return problems.Count == 0
                    ? (FindingStatus.Pass, actual, "The anonymous-join settings agree.", string.Empty)
                    : (FindingStatus.Warning, actual, char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems).Substring(1) + ".", fix);
            });

        /// <summary>
        /// For rules whose verdict depends on the tenant gates too: one Error per meeting policy when the tenant plane
        /// was not read (a guess could hide a Critical finding); null when the gates are there.
        /// </summary>
        private static IEnumerable<RuleResult>? TenantDependent(ConfigurationSnapshot s, string setting)
        {
            if (Failed(s, AuditPlane.Tenant) is not { } error)
            {
                return null;
            }

            return s.MeetingPolicies.Count == 0
                ? new[] { new RuleResult(FindingStatus.Error, "(meeting policies)", $"{Meeting}.{setting}", "(not evaluated)", $"The tenant gates were not read, and this rule depends on them: {error.Message}") }
                : s.MeetingPolicies.Select(p => new RuleResult(FindingStatus.Error, p.Settings.Identity, $"{Meeting}.{setting}", "(not evaluated)", $"The tenant gates were not read, and this rule depends on them: {error.Message}", string.Empty, p.UserCount)).ToList();
        }

        /// <summary>How anonymous or ACS users get into this policy's meetings, in words; null when they cannot.</summary>
        internal static string? ExternalJoinPath(AcsFederationConfiguration tenant, MeetingPolicySettings p)
        {
            var blocked = p.BlockedAnonymousJoinClientTypes;
            var blocksAcs = blocked.Contains(AnonymousJoinClientType.ACS);
            var blocksTeams = blocked.Contains(AnonymousJoinClientType.Teams);
            var anonymousOpen = tenant.DisableAnonymousJoin != true && p.AllowAnonymousUsersToJoinMeeting != false;
            if (anonymousOpen && !(blocksAcs && blocksTeams))
            {
                return blocksAcs ? "Anonymous Teams users can join" : "Anonymous and ACS users can join";
            }

            if (tenant.EnableAcsUsers == true && tenant.AllowedAcsResources.Count > 0 && !blocksAcs)
            {
                return "Users of the federated ACS resources can join";
            }

            return null;
        }
    }
}
