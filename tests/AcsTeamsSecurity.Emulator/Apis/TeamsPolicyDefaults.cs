using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Seeds for Teams admin configuration types. Each type has a Global instance with PascalCase properties as the
/// MicrosoftTeams cmdlets show them (api-facts.md §5.1). A later task adds more types here.
/// </summary>
internal static class TeamsPolicyDefaults
{
    public const string TeamsMeetingPolicy = "TeamsMeetingPolicy";

    /// <summary>Configuration types the store knows; each maps to a factory for its Global instance.</summary>
    public static readonly IReadOnlyDictionary<string, Func<JsonObject>> GlobalFactories =
        new Dictionary<string, Func<JsonObject>>(StringComparer.OrdinalIgnoreCase)
        {
            [TeamsMeetingPolicy] = MeetingPolicyGlobal,
        };

    /// <summary>
    /// Global TeamsMeetingPolicy. Values from api-facts.md §4.3 (Teams admin center defaults) and §4.2 (cmdlet doc
    /// defaults); those marked INFERRED have no documented default.
    /// </summary>
    public static JsonObject MeetingPolicyGlobal() => new()
    {
        ["Identity"] = "Global",
        ["Description"] = null,
        ["AllowAnonymousUsersToJoinMeeting"] = true,           // §4.2 default True; §4.3 On
        ["AllowAnonymousUsersToStartMeeting"] = false,         // §4.3 Off
        ["AllowAnonymousUsersToDialOut"] = false,              // INFERRED (doc default "None")
        ["AutoAdmittedUsers"] = "EveryoneInCompany",           // §4.3 "People in my organization and guests"
        ["AllowPSTNUsersToBypassLobby"] = false,               // §4.3 Off
        ["BlockedAnonymousJoinClientTypes"] = new JsonArray(), // §4.2/§4.3 empty list
        ["MeetingChatEnabledType"] = "Enabled",                // §4.3 On for everyone
        ["AllowMeetingReactions"] = true,                      // §4.2/§4.3
        ["DesignatedPresenterRoleMode"] = "EveryoneUserOverride", // §4.2/§4.3
        ["AllowParticipantGiveRequestControl"] = true,         // §4.3 On
        ["AllowExternalParticipantGiveRequestControl"] = false, // §4.3 Off
        ["AllowCloudRecording"] = true,                        // §4.3 On
        ["AllowTranscription"] = true,                         // §4.3 On
        ["AnonymousUserAuthenticationMethod"] = "OneTimePasscode", // §4.2
        ["ExternalBotAccessMode"] = "RequireApprovalWhenDetected", // §4.2
        ["ExternalMeetingJoin"] = "EnabledForAnyone",          // §4.2
        ["AllowedUsersForMeetingDetails"] = "UsersAllowedToByPassTheLobby", // §4.2
        ["AllowOrganizersToOverrideLobbySettings"] = false,    // §4.2
        ["AllowUserToJoinExternalMeeting"] = "Disabled",       // §4.2
        ["AllowIPAudio"] = true,                               // §4.2
        ["AllowIPVideo"] = true,                               // INFERRED (doc default "None")
        ["AllowExternalNonTrustedMeetingChat"] = true,         // INFERRED
        ["CaptchaVerificationForMeetingJoin"] = "NotRequired", // INFERRED
    };

    /// <summary>INFERRED: the Key object third-party clients saw (api-facts.md §5.1, UNCONFIRMED officially).</summary>
    public static JsonObject Key(string configType, string identity) => new()
    {
        ["ScopeClass"] = identity.Equals("Global", StringComparison.OrdinalIgnoreCase) ? "Global" : "Tag",
        ["SchemaId"] = new JsonObject { ["XName"] = new JsonObject { ["name"] = configType } },
        ["AuthorityId"] = new JsonObject
        {
            ["Class"] = "Host",
            ["InstanceId"] = "00000000-0000-0000-0000-000000000000",
            ["XmlRoot"] = new JsonObject { ["name"] = "host" },
        },
        ["DefaultXml"] = null,
        ["XmlRoot"] = new JsonObject { ["name"] = configType },
    };
}
