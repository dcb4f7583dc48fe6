using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Policy
{
    /// <summary>A policy instance as it applies to one user, and how it got there.</summary>
    internal sealed class EffectivePolicy<T>
        where T : class
    {
        internal EffectivePolicy(T settings, string identity, PolicyAssignmentType assignmentType, string? groupId = null)
        {
            Settings = settings;
            Identity = identity;
            AssignmentType = assignmentType;
            GroupId = groupId;
        }

        internal T Settings { get; }

        internal string Identity { get; }

        internal PolicyAssignmentType AssignmentType { get; }

        internal string? GroupId { get; }

        internal string Describe(string type) =>
            AssignmentType switch
            {
                PolicyAssignmentType.Group => $"{type} {Identity} (group {GroupId})",
                PolicyAssignmentType.Direct => $"{type} {Identity} (direct)",
                _ => $"{type} Global (organization-wide default)",
            };
    }

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

            if (organizerAllowsAcs && federated)
            {
                result.CanJoin = true;
                result.JoinPath = "AcsFederation";
            }
            else if (organizerAllowsAcs && anonymousOpen)
            {
                result.CanJoin = true;
                result.JoinPath = "Anonymous";
                Add("CanJoin", "Yes", "TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting", m.AllowAnonymousUsersToJoinMeeting ?? true, meetingSource, meeting.AssignmentType, null,
                    "Anonymous join is allowed by the tenant and the organizer's meeting policy, and ACS clients are not blocked.");
            }
            else if (organizerAllowsAcs)
            {
                blocked.AddRange(anonymousGates);
            }

            if (result.CanJoin && result.JoinPath == "AcsFederation")
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
            result.CanStartMeeting = result.CanJoin && everyone && m.AllowAnonymousUsersToStartMeeting == true;
            Add("CanStartMeeting", result.CanStartMeeting ? "Yes" : "No", "TeamsMeetingPolicy.AllowAnonymousUsersToStartMeeting", m.AllowAnonymousUsersToStartMeeting, meetingSource, meeting.AssignmentType,
                result.CanStartMeeting ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -AllowAnonymousUsersToStartMeeting $false" : null,
                m.AllowAnonymousUsersToStartMeeting == true && !everyone ? "Allowed by policy, but it only applies when AutoAdmittedUsers is Everyone." : m.AllowAnonymousUsersToStartMeeting == true ? "Anonymous users can start the meeting without a Teams user." : "Anonymous users wait until a Teams user starts the meeting.");

            result.CanChat = result.CanJoin && m.MeetingChatEnabledType == MeetingChatEnabledType.Enabled;
            Add("CanChat", result.CanChat ? "Yes" : "No", "TeamsMeetingPolicy.MeetingChatEnabledType", m.MeetingChatEnabledType, meetingSource, meeting.AssignmentType,
                result.CanChat ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -MeetingChatEnabledType EnabledExceptAnonymous" : null,
                m.MeetingChatEnabledType == MeetingChatEnabledType.EnabledExceptAnonymous ? "Chat is on for everyone except anonymous (ACS) users." : m.MeetingChatEnabledType == MeetingChatEnabledType.Disabled ? "Meeting chat is off." : "Meeting chat is on for everyone.");

            // INFERRED: only EveryoneUserOverride makes anonymous users presenters by default; ACS users' capabilities stay limited whatever their role.
            result.CanPresent = result.CanJoin && m.DesignatedPresenterRoleMode == DesignatedPresenterRoleMode.EveryoneUserOverride;
            Add("CanPresent", result.CanPresent ? "Yes" : "No", "TeamsMeetingPolicy.DesignatedPresenterRoleMode", m.DesignatedPresenterRoleMode, meetingSource, meeting.AssignmentType,
                result.CanPresent ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -DesignatedPresenterRoleMode EveryoneInCompanyUserOverride" : null,
                result.CanPresent ? "Everyone is a presenter by default, anonymous users included (ACS users' capabilities stay limited)." : "Anonymous users join as attendees by default.");

            result.CanDialOut = result.CanJoin && m.AllowAnonymousUsersToDialOut == true;
            Add("CanDialOut", result.CanDialOut ? "Yes" : "No", "TeamsMeetingPolicy.AllowAnonymousUsersToDialOut", m.AllowAnonymousUsersToDialOut, meetingSource, meeting.AssignmentType,
                result.CanDialOut ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(meeting.Identity)} -AllowAnonymousUsersToDialOut $false" : null,
                result.CanDialOut ? "Anonymous users can add phone participants." : "Anonymous users cannot dial out.");

            var external = federated && tenant.LabelForAllowedAcsUsers == AcsUserLabel.External;
            result.Label = external ? "External" : "Unverified";
            Add("Label", result.Label, "TeamsAcsFederationConfiguration.LabelForAllowedAcsUsers", tenant.LabelForAllowedAcsUsers, TenantAcs, PolicyAssignmentType.Tenant,
                !external && federated ? "Set-AcsFederationConfiguration -LabelForAllowedAcsUsers External" : null,
                external ? "Users of allowed ACS resources are labelled External." : federated ? "Allowed ACS users are labelled Unverified (the default)." : "Only users of allowed ACS resources can be labelled External; others are Unverified.");

            result.BlockedBy = result.CanJoin ? Array.Empty<AccessDecision>() : blocked;
            return result;
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
