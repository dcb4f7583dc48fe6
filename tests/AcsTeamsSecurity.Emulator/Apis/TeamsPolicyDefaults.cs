using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Seeds and property schemas for the Teams admin configuration types. Each type has a Global instance with PascalCase
/// properties as the MicrosoftTeams cmdlets show them (api-facts.md §5.1); values and allowed values come from
/// api-facts.md §4.2/§4.3, anything without a documented value is marked INFERRED.
/// </summary>
internal static class TeamsPolicyDefaults
{
    public const string TeamsMeetingPolicy = "TeamsMeetingPolicy";
    public const string ExternalAccessPolicy = "ExternalAccessPolicy";
    public const string TeamsAcsFederationConfiguration = "TeamsAcsFederationConfiguration";
    public const string TeamsMeetingConfiguration = "TeamsMeetingConfiguration";
    public const string TenantFederationSettings = "TenantFederationSettings";
    public const string TeamsMeetingBroadcastPolicy = "TeamsMeetingBroadcastPolicy";

    /// <summary>Every configuration type the store knows, with its schema.</summary>
    public static readonly IReadOnlyDictionary<string, TeamsConfigType> Types = BuildTypes();

    /// <summary>Per-user policy types (Global plus Tag:&lt;Name&gt; instances, assignable to users and groups), in output order.</summary>
    public static readonly IReadOnlyList<string> PolicyTypes = [TeamsMeetingPolicy, ExternalAccessPolicy, TeamsMeetingBroadcastPolicy];

    /// <summary>The configuration type with its canonical spelling, or null.</summary>
    public static TeamsConfigType? Find(string? name) =>
        name is not null && Types.TryGetValue(name, out var t) ? t : null;

    /// <summary>
    /// Global TeamsMeetingPolicy. Values from api-facts.md §4.3 (Teams admin center defaults) and §4.2 (cmdlet doc
    /// defaults); those marked INFERRED have no documented default.
    /// </summary>
    public static JsonObject MeetingPolicyGlobal() => new()
    {
        ["Identity"] = "Global",
        ["Description"] = null,                                // INFERRED (no value documented)
        ["AllowAnonymousUsersToJoinMeeting"] = true,           // §4.2 default True; §4.3 On
        ["AllowAnonymousUsersToStartMeeting"] = false,         // §4.3 Off
        ["AllowAnonymousUsersToDialOut"] = false,              // INFERRED (doc default "None")
        ["AutoAdmittedUsers"] = "EveryoneInCompany",           // §4.3 "People in my organization and guests"
        ["AllowPSTNUsersToBypassLobby"] = false,               // §4.3 Off
        ["BlockedAnonymousJoinClientTypes"] = new JsonArray(), // §4.2/§4.3 empty list
        ["MeetingChatEnabledType"] = "Enabled",                // §4.3 On for everyone
        ["LobbyChat"] = "Enabled",                             // INFERRED (doc default "None", "not been released yet")
        ["AllowExternalNonTrustedMeetingChat"] = true,         // INFERRED (doc default "None")
        ["AllowMeetingReactions"] = true,                      // §4.2/§4.3
        ["DesignatedPresenterRoleMode"] = "EveryoneUserOverride", // §4.2/§4.3
        ["AllowParticipantGiveRequestControl"] = true,         // §4.3 On
        ["AllowExternalParticipantGiveRequestControl"] = false, // §4.3 Off
        ["AllowCloudRecording"] = true,                        // §4.3 On
        ["AllowTranscription"] = true,                         // §4.3 On
        ["AnonymousUserAuthenticationMethod"] = "OneTimePasscode", // §4.2
        ["CaptchaVerificationForMeetingJoin"] = "NotRequired", // INFERRED (doc default "None")
        ["ExternalBotAccessMode"] = "RequireApprovalWhenDetected", // §4.2
        ["ExternalMeetingJoin"] = "EnabledForAnyone",          // §4.2
        ["AllowedUsersForMeetingDetails"] = "UsersAllowedToByPassTheLobby", // §4.2
        ["ParticipantNameChange"] = "Disabled",                // INFERRED (doc default "None")
        ["AttendeeIdentityMasking"] = "Disabled",              // INFERRED (doc default "None")
        ["AllowOrganizersToOverrideLobbySettings"] = false,    // §4.2
        ["AllowUserToJoinExternalMeeting"] = "Disabled",       // §4.2
        ["AllowIPAudio"] = true,                               // §4.2
        ["AllowIPVideo"] = true,                               // INFERRED (doc default "None")
    };

    /// <summary>Global ExternalAccessPolicy (api-facts.md §4.2 Set-CsExternalAccessPolicy defaults).</summary>
    public static JsonObject ExternalAccessPolicyGlobal() => new()
    {
        ["Identity"] = "Global",
        ["Description"] = null,                                // INFERRED (no value documented)
        ["EnableAcsFederationAccess"] = true,                  // §4.2 True
        ["EnableFederationAccess"] = true,                     // §4.2 "The default value is True."
        ["EnableTeamsConsumerAccess"] = true,                  // §4.2 True
        ["EnableTeamsConsumerInbound"] = true,                 // §4.2 True
        ["CommunicationWithExternalOrgs"] = "OrganizationDefault", // §4.2; Global fixed to OrganizationDefault
        ["AllowedExternalDomains"] = new JsonArray(),          // §4.2 None (custom policies only)
        ["BlockedExternalDomains"] = new JsonArray(),          // §4.2 None (custom policies only)
        ["EnablePublicCloudAudioVideoAccess"] = false,         // §4.2 "default value is False"
        ["EnableOutsideAccess"] = false,                       // §4.2 "default value is False"
        ["EnableXmppAccess"] = false,                          // §4.2 "default value is False"
        ["FederatedBilateralChats"] = false,                   // §4.2 False
        ["EnableTeamsSmsAccess"] = true,                       // INFERRED (doc default "None")
        ["RestrictTeamsConsumerAccessToExternalUserProfiles"] = false, // INFERRED (doc default "None")
    };

    /// <summary>
    /// Global TeamsMeetingBroadcastPolicy (live events). Property names and allowed values from the MicrosoftTeams cmdlet
    /// (Set-CsTeamsMeetingBroadcastPolicy); the reference gives no defaults, so every value here is INFERRED
    /// (AlwaysEnabled recording is what the SCuBA check MS.TEAMS.1.7v2 exists to catch).
    /// </summary>
    public static JsonObject MeetingBroadcastPolicyGlobal() => new()
    {
        ["Identity"] = "Global",
        ["Description"] = null,
        ["AllowBroadcastScheduling"] = true,                   // INFERRED
        ["AllowBroadcastTranscription"] = false,               // INFERRED
        ["BroadcastAttendeeVisibilityMode"] = "EveryoneInCompany", // INFERRED
        ["BroadcastRecordingMode"] = "AlwaysEnabled",          // INFERRED
    };

    /// <summary>TeamsAcsFederationConfiguration Global (api-facts.md §4.2 Set-CsTeamsAcsFederationConfiguration defaults).</summary>
    public static JsonObject AcsFederationGlobal() => new()
    {
        ["Identity"] = "Global",
        ["EnableAcsUsers"] = false,                            // §4.2 False
        ["AllowedAcsResources"] = new JsonArray(),             // §4.2 Empty/Null
        ["RequireAcsFederationForMeeting"] = false,            // §4.2 False
        ["LabelForAllowedAcsUsers"] = "Unverified",            // §4.2 Unverified
        ["HideBannerForAllowedAcsUsers"] = false,              // §4.2 False
    };

    /// <summary>TeamsMeetingConfiguration Global (§4.2: org default anonymous join On, i.e. DisableAnonymousJoin False).</summary>
    public static JsonObject MeetingConfigurationGlobal() => new()
    {
        ["Identity"] = "Global",
        ["DisableAnonymousJoin"] = false,                      // §4.2 (anonymous-users-in-meetings.md: On by default)
        ["DisableAppInteractionForAnonymousUsers"] = false,    // INFERRED (doc default "None")
    };

    /// <summary>TenantFederationSettings Global (§4.2 Set-CsTenantFederationConfiguration; shapes from §5.1).</summary>
    public static JsonObject TenantFederationGlobal() => new()
    {
        ["Identity"] = "Global",
        ["AllowFederatedUsers"] = true,                        // §4.2 "True (the default value)"
        ["AllowedDomains"] = new JsonObject { ["AllowedDomain"] = new JsonArray() }, // §5.1 shape; INFERRED empty
        ["BlockedDomains"] = new JsonArray(),                  // §5.1 shape [ {"Domain": "…"} ]
        ["AllowTeamsConsumer"] = true,                         // §4.2 True
        ["AllowTeamsConsumerInbound"] = true,                  // §4.2 True
        ["ExternalAccessWithTrialTenants"] = "Allowed",        // INFERRED (doc default "None"; values Allowed, Blocked)
        ["TreatDiscoveredPartnersAsUnverified"] = false,       // §4.2 "False"
        ["SharedSipAddressSpace"] = false,                     // §4.2 "False"
        ["RestrictTeamsConsumerToExternalUserProfiles"] = false, // INFERRED (doc default "None")
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

    private static Dictionary<string, TeamsConfigType> BuildTypes()
    {
        var onOff = new[] { "Enabled", "Disabled" };
        var meeting = new TeamsConfigType(TeamsMeetingPolicy, IsPolicy: true, Writable: true, CommunicationsAdminMayWrite: true, MeetingPolicyGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["Description"] = PropertySpec.Text(),
            ["AllowAnonymousUsersToJoinMeeting"] = PropertySpec.Bool(),
            ["AllowAnonymousUsersToStartMeeting"] = PropertySpec.Bool(),
            ["AllowAnonymousUsersToDialOut"] = PropertySpec.Bool(),
            ["AutoAdmittedUsers"] = PropertySpec.Enum("EveryoneInCompany", "EveryoneInSameAndFederatedCompany", "Everyone", "OrganizerOnly", "EveryoneInCompanyExcludingGuests", "InvitedUsers"),
            ["AllowPSTNUsersToBypassLobby"] = PropertySpec.Bool(),
            ["BlockedAnonymousJoinClientTypes"] = PropertySpec.EnumList("ACS", "Teams"),
            ["MeetingChatEnabledType"] = PropertySpec.Enum("Disabled", "Enabled", "EnabledExceptAnonymous"),
            ["LobbyChat"] = PropertySpec.Enum(onOff),
            ["AllowExternalNonTrustedMeetingChat"] = PropertySpec.Bool(),
            ["AllowMeetingReactions"] = PropertySpec.Bool(),
            ["DesignatedPresenterRoleMode"] = PropertySpec.Enum("EveryoneUserOverride", "EveryoneInCompanyUserOverride", "EveryoneInSameAndFederatedCompanyUserOverride", "OrganizerOnlyUserOverride"),
            ["AllowParticipantGiveRequestControl"] = PropertySpec.Bool(),
            ["AllowExternalParticipantGiveRequestControl"] = PropertySpec.Bool(),
            ["AllowCloudRecording"] = PropertySpec.Bool(),
            ["AllowTranscription"] = PropertySpec.Bool(),
            ["AnonymousUserAuthenticationMethod"] = PropertySpec.Enum("OneTimePasscode", "None"),
            ["CaptchaVerificationForMeetingJoin"] = PropertySpec.Enum("NotRequired", "AnonymousUsersAndUntrustedOrganizations"),
            ["ExternalBotAccessMode"] = PropertySpec.Enum("AllowAllBots", "RequireApprovalWhenDetected"),
            ["ExternalMeetingJoin"] = PropertySpec.Enum("EnabledForAnyone", "EnabledForTrustedOrgs", "Disabled"),
            ["AllowedUsersForMeetingDetails"] = PropertySpec.Enum("UsersAllowedToByPassTheLobby", "Everyone"),
            ["ParticipantNameChange"] = PropertySpec.Enum(onOff),
            ["AttendeeIdentityMasking"] = PropertySpec.Enum(onOff),
            ["AllowOrganizersToOverrideLobbySettings"] = PropertySpec.Bool(),
            ["AllowUserToJoinExternalMeeting"] = PropertySpec.Enum("Enabled", "FederatedOnly", "Disabled"),
            ["AllowIPAudio"] = PropertySpec.Bool(),
            ["AllowIPVideo"] = PropertySpec.Bool(),
        });

        var externalAccess = new TeamsConfigType(ExternalAccessPolicy, IsPolicy: true, Writable: true, CommunicationsAdminMayWrite: false, ExternalAccessPolicyGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["Description"] = PropertySpec.Text(),
            ["EnableAcsFederationAccess"] = PropertySpec.Bool(),
            ["EnableFederationAccess"] = PropertySpec.Bool(),
            ["EnableTeamsConsumerAccess"] = PropertySpec.Bool(),
            ["EnableTeamsConsumerInbound"] = PropertySpec.Bool(),
            // §4.2: "Global policy fixed to OrganizationDefault".
            ["CommunicationWithExternalOrgs"] = PropertySpec.Enum("OrganizationDefault", "AllowAllExternalDomains", "AllowSpecificExternalDomains", "BlockSpecificExternalDomains", "BlockAllExternalDomains") with { GlobalFixed = "OrganizationDefault" },
            // §4.2: "custom policies only" → must stay empty on Global.
            ["AllowedExternalDomains"] = PropertySpec.DomainList() with { GlobalMustBeEmpty = true },
            ["BlockedExternalDomains"] = PropertySpec.DomainList() with { GlobalMustBeEmpty = true },
            ["EnablePublicCloudAudioVideoAccess"] = PropertySpec.Bool(),
            ["EnableOutsideAccess"] = PropertySpec.Bool(),
            ["EnableXmppAccess"] = PropertySpec.Bool(),
            ["FederatedBilateralChats"] = PropertySpec.Bool(),
            ["EnableTeamsSmsAccess"] = PropertySpec.Bool(),
            ["RestrictTeamsConsumerAccessToExternalUserProfiles"] = PropertySpec.Bool(),
        });

        var acs = new TeamsConfigType(TeamsAcsFederationConfiguration, IsPolicy: false, Writable: true, CommunicationsAdminMayWrite: true, AcsFederationGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["EnableAcsUsers"] = PropertySpec.Bool(),
            ["AllowedAcsResources"] = PropertySpec.GuidList(),
            ["RequireAcsFederationForMeeting"] = PropertySpec.Bool(),
            ["LabelForAllowedAcsUsers"] = PropertySpec.Enum("Unverified", "External"),
            ["HideBannerForAllowedAcsUsers"] = PropertySpec.Bool(),
        });

        var meetingConfig = new TeamsConfigType(TeamsMeetingConfiguration, IsPolicy: false, Writable: true, CommunicationsAdminMayWrite: true, MeetingConfigurationGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["DisableAnonymousJoin"] = PropertySpec.Bool(),
            ["DisableAppInteractionForAnonymousUsers"] = PropertySpec.Bool(),
        });

        // Read-only over this API (PATCH → 405); the schema only checks fixture overrides.
        var federation = new TeamsConfigType(TenantFederationSettings, IsPolicy: false, Writable: false, CommunicationsAdminMayWrite: false, TenantFederationGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["AllowFederatedUsers"] = PropertySpec.Bool(),
            ["AllowedDomains"] = PropertySpec.AnyObject(),
            ["BlockedDomains"] = PropertySpec.AnyArray(),
            ["AllowTeamsConsumer"] = PropertySpec.Bool(),
            ["AllowTeamsConsumerInbound"] = PropertySpec.Bool(),
            ["ExternalAccessWithTrialTenants"] = PropertySpec.Enum("Allowed", "Blocked"),
            ["TreatDiscoveredPartnersAsUnverified"] = PropertySpec.Bool(),
            ["SharedSipAddressSpace"] = PropertySpec.Bool(),
            ["RestrictTeamsConsumerToExternalUserProfiles"] = PropertySpec.Bool(),
        });

        var broadcast = new TeamsConfigType(TeamsMeetingBroadcastPolicy, IsPolicy: true, Writable: true, CommunicationsAdminMayWrite: true, MeetingBroadcastPolicyGlobal, new(StringComparer.OrdinalIgnoreCase)
        {
            ["Description"] = PropertySpec.Text(),
            ["AllowBroadcastScheduling"] = PropertySpec.Bool(),
            ["AllowBroadcastTranscription"] = PropertySpec.Bool(),
            ["BroadcastAttendeeVisibilityMode"] = PropertySpec.Enum("Everyone", "EveryoneInCompany", "InvitedUsersInCompany", "EveryoneInCompanyAndExternal", "InvitedUsersInCompanyAndExternal"),
            ["BroadcastRecordingMode"] = PropertySpec.Enum("AlwaysEnabled", "AlwaysDisabled", "UserOverride"),
        });

        return new Dictionary<string, TeamsConfigType>(StringComparer.OrdinalIgnoreCase)
        {
            [meeting.Name] = meeting,
            [externalAccess.Name] = externalAccess,
            [acs.Name] = acs,
            [meetingConfig.Name] = meetingConfig,
            [federation.Name] = federation,
            [broadcast.Name] = broadcast,
        };
    }
}

/// <summary>
/// A configuration type: <paramref name="IsPolicy"/> types have Global and Tag:&lt;Name&gt; instances; the others only
/// Global. <paramref name="CommunicationsAdminMayWrite"/>: Teams Communications Administrator may PATCH it too.
/// </summary>
internal sealed record TeamsConfigType(
    string Name,
    bool IsPolicy,
    bool Writable,
    bool CommunicationsAdminMayWrite,
    Func<JsonObject> CreateGlobal,
    Dictionary<string, PropertySpec> Properties)
{
    /// <summary>Properties no PATCH may change.</summary>
    public static readonly string[] ReadOnlyProperties = ["Identity", "Key"];

    /// <summary>Canonical property name, or null when the type has no such property.</summary>
    public string? CanonicalProperty(string name) =>
        Properties.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
}

internal enum PropertyKind
{
    Bool,
    Text,
    Enum,
    EnumList,
    GuidList,
    DomainList,
    AnyObject,
    AnyArray,
}

/// <summary>What a property accepts. Enum values compare case-insensitively and are stored in canonical spelling.</summary>
internal sealed record PropertySpec(PropertyKind Kind, IReadOnlyList<string> Allowed)
{
    /// <summary>The only value the Global instance may have (e.g. CommunicationWithExternalOrgs).</summary>
    public string? GlobalFixed { get; init; }

    /// <summary>The list must stay empty on the Global instance (e.g. AllowedExternalDomains).</summary>
    public bool GlobalMustBeEmpty { get; init; }

    public static PropertySpec Bool() => new(PropertyKind.Bool, []);

    public static PropertySpec Text() => new(PropertyKind.Text, []);

    public static PropertySpec Enum(params string[] allowed) => new(PropertyKind.Enum, allowed);

    public static PropertySpec EnumList(params string[] allowed) => new(PropertyKind.EnumList, allowed);

    public static PropertySpec GuidList() => new(PropertyKind.GuidList, []);

    public static PropertySpec DomainList() => new(PropertyKind.DomainList, []);

    public static PropertySpec AnyObject() => new(PropertyKind.AnyObject, []);

    public static PropertySpec AnyArray() => new(PropertyKind.AnyArray, []);

    /// <summary>
    /// Checks <paramref name="value"/> and returns it in canonical form, or an error message. INFERRED: null clears a
    /// list (stored as []) and a Text property; booleans and enums reject null.
    /// </summary>
    public (JsonNode? Value, string? Error) Normalize(string property, JsonNode? value, bool isGlobal)
    {
        switch (Kind)
        {
            case PropertyKind.Bool:
                return value is JsonValue b && b.TryGetValue<bool>(out var flag)
                    ? (JsonValue.Create(flag), null)
                    : (null, $"Property '{property}' must be a boolean (true or false).");

            case PropertyKind.Text:
                if (value is null)
                {
                    return (null, null);
                }

                return value is JsonValue t && t.TryGetValue<string>(out var text)
                    ? (JsonValue.Create(text), null)
                    : (null, $"Property '{property}' must be a string or null.");

            case PropertyKind.Enum:
                if (value is not JsonValue e || !e.TryGetValue<string>(out var s))
                {
                    return (null, $"Property '{property}' must be a string, one of: {string.Join(", ", Allowed)}.");
                }

                var canonical = Allowed.FirstOrDefault(a => a.Equals(s, StringComparison.OrdinalIgnoreCase));
                if (canonical is null)
                {
                    return (null, $"Cannot convert value '{s}' of property '{property}': allowed values are {string.Join(", ", Allowed)}.");
                }

                if (isGlobal && GlobalFixed is not null && canonical != GlobalFixed)
                {
                    return (null, $"Property '{property}' of the Global policy must be '{GlobalFixed}'.");
                }

                return (JsonValue.Create(canonical), null);

            case PropertyKind.EnumList:
            case PropertyKind.GuidList:
            case PropertyKind.DomainList:
                return NormalizeList(property, value, isGlobal);

            case PropertyKind.AnyObject:
                return value is JsonObject o ? (o.DeepClone(), null) : (null, $"Property '{property}' must be an object.");

            default:
                return value is JsonArray a ? (a.DeepClone(), null) : (null, $"Property '{property}' must be an array.");
        }
    }

    private (JsonNode? Value, string? Error) NormalizeList(string property, JsonNode? value, bool isGlobal)
    {
        var result = new JsonArray();
        if (value is null)
        {
            return (result, null);
        }

        if (value is not JsonArray items)
        {
            return (null, $"Property '{property}' must be an array of strings.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
            {
                return (null, $"Property '{property}' must be an array of non-empty strings.");
            }

            s = s.Trim();
            switch (Kind)
            {
                case PropertyKind.EnumList:
                    var canonical = Allowed.FirstOrDefault(a => a.Equals(s, StringComparison.OrdinalIgnoreCase));
                    if (canonical is null)
                    {
                        return (null, $"Cannot convert value '{s}' of property '{property}': allowed values are {string.Join(", ", Allowed)}.");
                    }

                    s = canonical;
                    break;
                case PropertyKind.GuidList:
                    if (!Guid.TryParse(s, out var g))
                    {
                        return (null, $"Value '{s}' of property '{property}' is not a valid immutable resource id (GUID).");
                    }

                    s = g.ToString();
                    break;
                default:
                    // INFERRED: a domain is a host name with at least one dot.
                    if (!s.Contains('.', StringComparison.Ordinal) || Uri.CheckHostName(s) != UriHostNameType.Dns)
                    {
                        return (null, $"Value '{s}' of property '{property}' is not a valid domain name.");
                    }

                    s = s.ToLowerInvariant();
                    break;
            }

            if (seen.Add(s))
            {
                result.Add(s);
            }
        }

        if (isGlobal && GlobalMustBeEmpty && result.Count > 0)
        {
            return (null, $"Property '{property}' can only be set on custom (Tag:) policies, not on the Global policy.");
        }

        return (result, null);
    }
}
