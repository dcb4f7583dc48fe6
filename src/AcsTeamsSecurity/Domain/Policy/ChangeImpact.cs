using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Domain.Policy
{
    /// <summary>
    /// The direction of a setting change, used to raise the confirmation level of loosening changes and to mark
    /// drift between snapshots. Pure and table-driven: each setting has an order from tight to loose.
    /// </summary>
    internal static class ChangeImpact
    {
        // Ordered from tight to loose.
        private static readonly Dictionary<string, string[]> Orders = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["AutoAdmittedUsers"] = new[] { "OrganizerOnly", "InvitedUsers", "EveryoneInCompanyExcludingGuests", "EveryoneInCompany", "EveryoneInSameAndFederatedCompany", "Everyone" },
            ["MeetingChatEnabledType"] = new[] { "Disabled", "EnabledExceptAnonymous", "Enabled" },
            ["DesignatedPresenterRoleMode"] = new[] { "OrganizerOnlyUserOverride", "EveryoneInCompanyUserOverride", "EveryoneInSameAndFederatedCompanyUserOverride", "EveryoneUserOverride" },
            ["AnonymousUserAuthenticationMethod"] = new[] { "OneTimePasscode", "None" },
            ["CaptchaVerificationForMeetingJoin"] = new[] { "AnonymousUsersAndUntrustedOrganizations", "NotRequired" },
            ["ExternalMeetingJoin"] = new[] { "Disabled", "EnabledForTrustedOrgs", "EnabledForAnyone" },
            ["ExternalBotAccessMode"] = new[] { "RequireApprovalWhenDetected", "AllowAllBots" },
            ["AllowedUsersForMeetingDetails"] = new[] { "UsersAllowedToByPassTheLobby", "Everyone" },
            ["LobbyChat"] = new[] { "Disabled", "Enabled" },
            ["ParticipantNameChange"] = new[] { "Disabled", "Enabled" },
            ["AttendeeIdentityMasking"] = new[] { "Enabled", "Disabled" },
            ["LobbyBypassScope"] = new[] { "Organizer", "Invited", "OrganizationExcludingGuests", "Organization", "OrganizationAndFederated", "Everyone" },
            ["AllowedPresenters"] = new[] { "Organizer", "RoleIsPresenter", "Organization", "Everyone" },
            ["AllowMeetingChat"] = new[] { "Disabled", "Limited", "Enabled" },
            ["BroadcastRecordingMode"] = new[] { "AlwaysDisabled", "UserOverride", "AlwaysEnabled" },
            ["BroadcastAttendeeVisibilityMode"] = new[] { "InvitedUsersInCompany", "EveryoneInCompany", "InvitedUsersInCompanyAndExternal", "EveryoneInCompanyAndExternal", "Everyone" },
            ["PublicNetworkAccess"] = new[] { "Disabled", "SecuredByPerimeter", "Enabled" },
            ["CommunicationWithExternalOrgs"] = new[] { "BlockAllExternalDomains", "AllowSpecificExternalDomains", "BlockSpecificExternalDomains", "OrganizationDefault", "AllowAllExternalDomains" },
        };

        // Booleans where true is the looser value; all others (Disable*, Require*) loosen when they become false.
        private static readonly HashSet<string> TrueIsLoose = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "AllowAnonymousUsersToJoinMeeting", "AllowAnonymousUsersToStartMeeting", "AllowAnonymousUsersToDialOut",
            "AllowPSTNUsersToBypassLobby", "AllowExternalParticipantGiveRequestControl", "AllowParticipantGiveRequestControl",
            "AllowExternalNonTrustedMeetingChat", "AllowCloudRecording", "AllowTranscription", "AllowMeetingReactions",
            "EnableAcsFederationAccess", "EnableFederationAccess", "EnableTeamsConsumerAccess", "EnableTeamsConsumerInbound",
            "EnableAcsUsers", "HideBannerForAllowedAcsUsers", "AllowFederatedUsers", "AllowTeamsConsumer", "AllowTeamsConsumerInbound",
            "IsDialInBypassEnabled", "AllowBroadcastScheduling", "AllowParticipantsToChangeName", "AllowAttendeeToEnableCamera", "AllowAttendeeToEnableMic",
        };

        private static readonly HashSet<string> FalseIsLoose = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "DisableAnonymousJoin", "DisableAppInteractionForAnonymousUsers", "RequireAcsFederationForMeeting", "IsEntryExitAnnounced",
            "DisableLocalAuth", "AuthLogsCollected",
        };

        // Lists where more entries means more access (allow-lists) or less (block-lists).
        private static readonly HashSet<string> AllowLists = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "AllowedAcsResources", "AllowedExternalDomains", "AllowedDomains" };
        private static readonly HashSet<string> EmptyMeansOpen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "AllowedDomains", "AllowedAcsResources" };

        private static readonly HashSet<string> BlockLists = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BlockedAnonymousJoinClientTypes", "BlockedExternalDomains", "BlockedDomains" };

        /// <summary>The direction of changing <paramref name="setting"/> from <paramref name="before"/> to <paramref name="after"/>.</summary>
        internal static ChangeDirection Classify(string setting, object? before, object? after)
        {
            if (before is not string && before is IEnumerable beforeItems || after is not string && after is IEnumerable)
            {
                var b = Items(before);
                var a = Items(after);
                var added = a.Except(b, StringComparer.OrdinalIgnoreCase).Any();
                var removed = b.Except(a, StringComparer.OrdinalIgnoreCase).Any();
                if (!added && !removed)
                {
                    return ChangeDirection.Unchanged;
                }

                if (AllowLists.Contains(setting))
                {
                    // An allow-list emptied where empty means "no list" opens the gate: tenant federation with no
                    // AllowedDomains admits every domain (SCuBA 2.1); an empty ACS allow-list is undocumented, so it
                    // counts as loose too.
                    if (a.Count == 0 && EmptyMeansOpen.Contains(setting))
                    {
                        return ChangeDirection.Loosening;
                    }

                    return added ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                }

                if (BlockLists.Contains(setting))
                {
                    return removed ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                }

                return ChangeDirection.Neutral;
            }

            var before1 = Text(before);
            var after1 = Text(after);
            if (string.Equals(before1, after1, StringComparison.OrdinalIgnoreCase))
            {
                return ChangeDirection.Unchanged;
            }

            if (string.Equals(setting, "ManagedIdentityType", StringComparison.OrdinalIgnoreCase))
            {
                // Losing the managed identity fails ATS.RES.3; switching between identity kinds has no direction.
                static bool None(string? v) => string.IsNullOrEmpty(v) || string.Equals(v, "None", StringComparison.OrdinalIgnoreCase);
                return None(after1) == None(before1) ? ChangeDirection.Neutral : None(after1) ? ChangeDirection.Loosening : ChangeDirection.Tightening;
            }

            if (after is null)
            {
                // The service stopped reporting the setting: that says nothing about its direction.
                return ChangeDirection.Neutral;
            }

            if (before is bool || after is bool || TrueIsLoose.Contains(setting) || FalseIsLoose.Contains(setting))
            {
                var nowTrue = string.Equals(after1, "True", StringComparison.OrdinalIgnoreCase);
                if (TrueIsLoose.Contains(setting))
                {
                    return nowTrue ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                }

                if (FalseIsLoose.Contains(setting))
                {
                    return nowTrue ? ChangeDirection.Tightening : ChangeDirection.Loosening;
                }

                return ChangeDirection.Neutral;
            }

            if (Orders.TryGetValue(setting, out var order))
            {
                var from = Array.FindIndex(order, v => string.Equals(v, before1, StringComparison.OrdinalIgnoreCase));
                var to = Array.FindIndex(order, v => string.Equals(v, after1, StringComparison.OrdinalIgnoreCase));
                if (from >= 0 && to >= 0)
                {
                    return to > from ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                }

                // An unknown value (a new service value, or none before): treat the unknown as loose to be safe.
                return ChangeDirection.Loosening;
            }

            return ChangeDirection.Neutral;
        }

        private static string? Text(object? value) => value switch
        {
            null => null,
            bool b => b ? "True" : "False",
            _ => value.ToString(),
        };

        private static List<string> Items(object? value)
        {
            var list = new List<string>();
            if (value is string s)
            {
                list.Add(s);
            }
            else if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        list.Add(item.ToString() ?? string.Empty);
                    }
                }
            }

            return list;
        }
    }
}
