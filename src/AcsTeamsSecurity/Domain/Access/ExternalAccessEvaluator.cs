using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Domain.Access
{
    /// <summary>
    /// Answers "can an ACS user from resource R join this organizer's meetings, and how?" from the tenant gates
    /// and the organizer's effective policies. Pure: no I/O, unit tested over the documented tables.
    /// Sources: teams-administration.md tables and the lobby matrix (api-facts §4.1, §4.4); choices the
    /// documents leave open are marked INFERRED below and in the help.
    /// </summary>
    internal static class ExternalAccessEvaluator
    {
        internal static ExternalUserAccessResult Evaluate(
            string organizer,
            string organizerId,
            AcsFederationConfiguration tenant,
            EffectivePolicy<MeetingPolicySettings> meeting,
            EffectivePolicy<ExternalAccessPolicySettings> access,
            string? acsResourceId)
        {
            var decisions = new List<AccessDecision>();
            var blocked = new List<AccessDecision>();
            var m = meeting.Settings;
            var meetingSource = meeting.Describe("TeamsMeetingPolicy");
            var accessSource = access.Describe("ExternalAccessPolicy");
            const string TenantAcs = "TeamsAcsFederationConfiguration Global (tenant)";
            const string TenantMeeting = "TeamsMeetingConfiguration Global (tenant)";

            var resourceAllowed = acsResourceId is not null && tenant.AllowedAcsResources.Any(r => string.Equals(r, acsResourceId, StringComparison.OrdinalIgnoreCase));
            var federationOn = tenant.EnableAcsUsers == true;
            var federated = federationOn && resourceAllowed;

            AccessDecision Add(string question, string answer, string setting, object? value, string source, PolicyAssignmentType type, string? fix, string reason, bool blocks = false)
            {
                var decision = new AccessDecision(question, answer, setting, Format(value), source, type, fix, reason);
                decisions.Add(decision);
                if (blocks)
                {
                    blocked.Add(decision);
                }

                return decision;
            }

            // Gate 1 (per organizer): EnableAcsFederationAccess. teams-administration.md: "If disabled, Teams external
            // users can't join Teams meetings." INFERRED: it applies to both join paths.
            var organizerAllowsAcs = access.Settings.EnableAcsFederationAccess != false;
            if (!organizerAllowsAcs)
            {
                Add("CanJoin", "No", "ExternalAccessPolicy.EnableAcsFederationAccess", access.Settings.EnableAcsFederationAccess, accessSource, access.AssignmentType,
                    $"Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity {CommandText.Literal(access.Identity)} -EnableAcsFederationAccess $true",
                    "The organizer's external access policy does not let ACS users join their meetings.", blocks: true);
            }

            // Path A: ACS federation (allowed resource): joins as a Communication Services user even when anonymous join is off.
            if (acsResourceId is not null)
            {
                if (federated)
                {
                    Add("Federation", "Yes", "TeamsAcsFederationConfiguration.AllowedAcsResources", acsResourceId, TenantAcs, PolicyAssignmentType.Tenant, null,
                        "ACS federation is on and the resource is in the tenant's allow-list.");
                }
                else
                {
                    var why = !federationOn ? "ACS federation (EnableAcsUsers) is off for the tenant." : "The resource is not in the tenant's allow-list (AllowedAcsResources).";
                    Add("Federation", "No", federationOn ? "TeamsAcsFederationConfiguration.AllowedAcsResources" : "TeamsAcsFederationConfiguration.EnableAcsUsers",
                        federationOn ? string.Join(", ", tenant.AllowedAcsResources) : (object?)tenant.EnableAcsUsers, TenantAcs, PolicyAssignmentType.Tenant,
                        $"Set-AcsFederationConfiguration -EnableAcsUsers $true -AddAllowedAcsResource {CommandText.Argument(acsResourceId)}", why);
                }
            }

            // Path B: anonymous join. Every gate must allow it.
            var anonymousGates = new List<AccessDecision>();
            if (tenant.RequireAcsFederationForMeeting == true && !federated)
            {
                anonymousGates.Add(Add("CanJoin", "No", "TeamsAcsFederationConfiguration.RequireAcsFederationForMeeting", true, TenantAcs, PolicyAssignmentType.Tenant,
                    acsResourceId is null ? "Set-AcsFederationConfiguration -RequireAcsFederationForMeeting $false" : $"Set-AcsFederationConfiguration -EnableAcsUsers $true -AddAllowedAcsResource {CommandText.Argument(acsResourceId)}",
                    "The tenant requires ACS federation for meetings, and this resource is not federated."));
            }

            if (tenant.DisableAnonymousJoin == true)
            {
                anonymousGates.Add(Add("CanJoin", "No", "TeamsMeetingConfiguration.DisableAnonymousJoin", true, TenantMeeting, PolicyAssignmentType.Tenant,
                    "Set-AcsFederationConfiguration -DisableAnonymousJoin $false",
                    "Anonymous join is disabled for the whole tenant."));
            }

            if (m.AllowAnonymousUsersToJoinMeeting == false)
            {
                anonymousGates.Add(Add("CanJoin", "No", "TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting", false, meetingSource, meeting.AssignmentType,
                    $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -AllowAnonymousUsersToJoinMeeting $true",
                    "The organizer's meeting policy does not let anonymous users join."));
            }

            if (m.BlockedAnonymousJoinClientTypes.Contains(AnonymousJoinClientType.ACS))
            {
                anonymousGates.Add(Add("CanJoin", "No", "TeamsMeetingPolicy.BlockedAnonymousJoinClientTypes", m.BlockedAnonymousJoinClientTypes, meetingSource, meeting.AssignmentType,
                    $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -BlockedAnonymousJoinClientTypes Teams",
                    "The organizer's meeting policy blocks anonymous join from ACS clients."));
            }

            var anonymousOpen = anonymousGates.Count == 0;
            var result = new ExternalUserAccessResult(organizer, organizerId, acsResourceId, decisions)
            {
                MeetingPolicy = meetingSource,
                ExternalAccessPolicy = accessSource,
            };

            var canJoin = false;
            if (organizerAllowsAcs && federated)
            {
                canJoin = true;
                result.JoinPath = "AcsFederation";
            }
            else if (organizerAllowsAcs && anonymousOpen)
            {
                canJoin = true;
                result.JoinPath = "Anonymous";
                Add("CanJoin", "Yes", "TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting", m.AllowAnonymousUsersToJoinMeeting ?? true, meetingSource, meeting.AssignmentType, null,
                    "Anonymous join is allowed by the tenant and the organizer's meeting policy, and ACS clients are not blocked.");
            }
            else if (organizerAllowsAcs)
            {
                blocked.AddRange(anonymousGates);
            }

            result.CanJoin = canJoin;
            if (canJoin && result.JoinPath == "AcsFederation")
            {
                Add("CanJoin", "Yes", "TeamsAcsFederationConfiguration.EnableAcsUsers", true, TenantAcs, PolicyAssignmentType.Tenant, null,
                    "The resource is federated: its users join as Communication Services users.");
            }

            // Lobby (§4.4): anonymous participants bypass only with Everyone. INFERRED: federated ACS users are treated the same.
            var everyone = m.AutoAdmittedUsers == AutoAdmittedUsers.Everyone;
            result.WaitsInLobby = !everyone;
            Add("Lobby", everyone ? "Bypass" : "Lobby", "TeamsMeetingPolicy.AutoAdmittedUsers", m.AutoAdmittedUsers, meetingSource, meeting.AssignmentType,
                everyone ? $"Set-LobbyBypass -Identity {CommandText.Literal(meeting.Identity)} -AutoAdmittedUsers EveryoneInCompany" : null,
                everyone ? "With Everyone, anonymous and ACS users bypass the lobby." : "Only Everyone lets anonymous and ACS users bypass the lobby; they wait until admitted. Organizers can change this per meeting.");

            // Start (§4.4): only applies when the lobby setting is Everyone.
            var canStart = canJoin && everyone && m.AllowAnonymousUsersToStartMeeting == true;
            result.CanStartMeeting = canStart;
            Add("CanStartMeeting", canStart ? "Yes" : "No", "TeamsMeetingPolicy.AllowAnonymousUsersToStartMeeting", m.AllowAnonymousUsersToStartMeeting, meetingSource, meeting.AssignmentType,
                canStart ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -AllowAnonymousUsersToStartMeeting $false" : null,
                m.AllowAnonymousUsersToStartMeeting == true && !everyone ? "Allowed by policy, but it only applies when AutoAdmittedUsers is Everyone." : m.AllowAnonymousUsersToStartMeeting == true ? "Anonymous users can start the meeting without a Teams user." : "Anonymous users wait until a Teams user starts the meeting.");

            var canChat = canJoin && m.MeetingChatEnabledType == MeetingChatEnabledType.Enabled;
            result.CanChat = canChat;
            Add("CanChat", canChat ? "Yes" : "No", "TeamsMeetingPolicy.MeetingChatEnabledType", m.MeetingChatEnabledType, meetingSource, meeting.AssignmentType,
                canChat ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -MeetingChatEnabledType EnabledExceptAnonymous" : null,
                m.MeetingChatEnabledType == MeetingChatEnabledType.EnabledExceptAnonymous ? "Chat is on for everyone except anonymous (ACS) users." : m.MeetingChatEnabledType == MeetingChatEnabledType.Disabled ? "Meeting chat is off." : "Meeting chat is on for everyone.");

            // INFERRED: only EveryoneUserOverride makes anonymous users presenters by default; ACS users' capabilities stay limited whatever their role.
            var canPresent = canJoin && m.DesignatedPresenterRoleMode == DesignatedPresenterRoleMode.EveryoneUserOverride;
            result.CanPresent = canPresent;
            Add("CanPresent", canPresent ? "Yes" : "No", "TeamsMeetingPolicy.DesignatedPresenterRoleMode", m.DesignatedPresenterRoleMode, meetingSource, meeting.AssignmentType,
                canPresent ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -DesignatedPresenterRoleMode EveryoneInCompanyUserOverride" : null,
                canPresent ? "Everyone is a presenter by default, anonymous users included (ACS users' capabilities stay limited)." : "Anonymous users join as attendees by default.");

            var canDialOut = canJoin && m.AllowAnonymousUsersToDialOut == true;
            result.CanDialOut = canDialOut;
            Add("CanDialOut", canDialOut ? "Yes" : "No", "TeamsMeetingPolicy.AllowAnonymousUsersToDialOut", m.AllowAnonymousUsersToDialOut, meetingSource, meeting.AssignmentType,
                canDialOut ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -AllowAnonymousUsersToDialOut $false" : null,
                canDialOut ? "Anonymous users can add phone participants." : "Anonymous users cannot dial out.");

            AddLabel(tenant, federated, decisions);
            result.Label = decisions[decisions.Count - 1].Answer;
            result.BlockedBy = canJoin ? Array.Empty<AccessDecision>() : blocked;
            return result;
        }

        /// <summary>
        /// The answer when the organizer's effective policies could not be read (<paramref name="reason"/>): only what the
        /// tenant-wide settings decide is answered. CanJoin is No only when the tenant closes both join paths (no
        /// organizer policy can reopen them); everything that depends on the organizer's policies is null and "Unknown",
        /// never evaluated against the Global instance.
        /// </summary>
        internal static ExternalUserAccessResult EvaluateUnknown(string organizer, string organizerId, AcsFederationConfiguration tenant, string? acsResourceId, string reason)
        {
            var decisions = new List<AccessDecision>();
            const string TenantAcs = "TeamsAcsFederationConfiguration Global (tenant)";
            const string TenantMeeting = "TeamsMeetingConfiguration Global (tenant)";
            const string UnknownSource = "Unknown (the organizer's effective policies could not be read)";
            var resourceAllowed = acsResourceId is not null && tenant.AllowedAcsResources.Any(r => string.Equals(r, acsResourceId, StringComparison.OrdinalIgnoreCase));
            var federated = tenant.EnableAcsUsers == true && resourceAllowed;
            if (acsResourceId is not null)
            {
                var federationOn = tenant.EnableAcsUsers == true;
                decisions.Add(federated
                    ? new AccessDecision("Federation", "Yes", "TeamsAcsFederationConfiguration.AllowedAcsResources", acsResourceId, TenantAcs, PolicyAssignmentType.Tenant, null, "ACS federation is on and the resource is in the tenant's allow-list.")
                    : new AccessDecision("Federation", "No", federationOn ? "TeamsAcsFederationConfiguration.AllowedAcsResources" : "TeamsAcsFederationConfiguration.EnableAcsUsers",
                        federationOn ? string.Join(", ", tenant.AllowedAcsResources) : Format(tenant.EnableAcsUsers), TenantAcs, PolicyAssignmentType.Tenant,
                        $"Set-AcsFederationConfiguration -EnableAcsUsers $true -AddAllowedAcsResource {CommandText.Argument(acsResourceId)}",
                        !federationOn ? "ACS federation (EnableAcsUsers) is off for the tenant." : "The resource is not in the tenant's allow-list (AllowedAcsResources)."));
            }

            var tenantGates = new List<AccessDecision>();
            if (tenant.RequireAcsFederationForMeeting == true && !federated)
            {
                tenantGates.Add(new AccessDecision("CanJoin", "No", "TeamsAcsFederationConfiguration.RequireAcsFederationForMeeting", "True", TenantAcs, PolicyAssignmentType.Tenant,
                    acsResourceId is null ? "Set-AcsFederationConfiguration -RequireAcsFederationForMeeting $false" : $"Set-AcsFederationConfiguration -EnableAcsUsers $true -AddAllowedAcsResource {CommandText.Argument(acsResourceId)}",
                    "The tenant requires ACS federation for meetings, and this resource is not federated."));
            }

            if (tenant.DisableAnonymousJoin == true)
            {
                tenantGates.Add(new AccessDecision("CanJoin", "No", "TeamsMeetingConfiguration.DisableAnonymousJoin", "True", TenantMeeting, PolicyAssignmentType.Tenant,
                    "Set-AcsFederationConfiguration -DisableAnonymousJoin $false", "Anonymous join is disabled for the whole tenant."));
            }

            decisions.AddRange(tenantGates);
            var result = new ExternalUserAccessResult(organizer, organizerId, acsResourceId, decisions)
            {
                MeetingPolicy = "Unknown",
                ExternalAccessPolicy = "Unknown",
                Source = "Unknown",
            };

            // Both paths closed by the tenant: no organizer policy can open them, so No is known.
            var closed = !federated && tenantGates.Count > 0;
            if (closed)
            {
                result.CanJoin = false;
                result.CanStartMeeting = false;
                result.CanChat = false;
                result.CanPresent = false;
                result.CanDialOut = false;
                result.BlockedBy = tenantGates;
            }
            else
            {
                result.JoinPath = "Unknown";
                decisions.Add(new AccessDecision("CanJoin", "Unknown", federated ? "ExternalAccessPolicy.EnableAcsFederationAccess" : "TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting", null, UnknownSource, PolicyAssignmentType.Unknown, null,
                    $"It depends on the organizer's {(federated ? "external access" : "meeting and external access")} policy, which could not be read: {reason}"));
                foreach (var (question, setting) in new[]
                {
                    ("CanStartMeeting", "TeamsMeetingPolicy.AllowAnonymousUsersToStartMeeting"),
                    ("CanChat", "TeamsMeetingPolicy.MeetingChatEnabledType"),
                    ("CanPresent", "TeamsMeetingPolicy.DesignatedPresenterRoleMode"),
                    ("CanDialOut", "TeamsMeetingPolicy.AllowAnonymousUsersToDialOut"),
                })
                {
                    decisions.Add(new AccessDecision(question, "Unknown", setting, null, UnknownSource, PolicyAssignmentType.Unknown, null, "It depends on the organizer's meeting policy, which could not be read."));
                }
            }

            decisions.Add(new AccessDecision("Lobby", "Unknown", "TeamsMeetingPolicy.AutoAdmittedUsers", null, UnknownSource, PolicyAssignmentType.Unknown, null, "It depends on the organizer's meeting policy, which could not be read."));
            AddLabel(tenant, federated, decisions);
            result.Label = decisions[decisions.Count - 1].Answer;
            return result;
        }

        private static void AddLabel(AcsFederationConfiguration tenant, bool federated, List<AccessDecision> decisions)
        {
            var external = federated && tenant.LabelForAllowedAcsUsers == AcsUserLabel.External;
            var label = external ? "External" : "Unverified";
            decisions.Add(new AccessDecision("Label", label, "TeamsAcsFederationConfiguration.LabelForAllowedAcsUsers", Format(tenant.LabelForAllowedAcsUsers), "TeamsAcsFederationConfiguration Global (tenant)", PolicyAssignmentType.Tenant,
                !external && federated ? "Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External" : null,
                external ? "Users of allowed ACS resources are labelled External." : federated ? "Allowed ACS users are labelled Unverified (the default)." : "Only users of allowed ACS resources can be labelled External; others are Unverified."));
        }

        private static string? Format(object? value) => value switch
        {
            null => null,
            bool b => b ? "True" : "False",
            string s => s,
            System.Collections.IEnumerable items => string.Join(", ", items.Cast<object>()),
            _ => value.ToString(),
        };
    }
}
