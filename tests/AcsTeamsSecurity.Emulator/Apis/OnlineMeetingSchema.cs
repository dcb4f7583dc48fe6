using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The onlineMeeting property schema (api-facts.md §3.3/§3.4): which properties exist, their JSON types and enum
/// values, which are read-only, and the evolvable-enum rule. Shared by fixture seeding and PATCH validation, so a
/// fixture can hold exactly what a PATCH could write (plus the read-only properties).
/// </summary>
internal static class OnlineMeetingSchema
{
    /// <summary>The Prefer token that makes Graph return (and, INFERRED, accept) evolvable members (§3.4).</summary>
    public const string IncludeUnknownEnumMembers = "include-unknown-enum-members";

    public const string UnknownFutureValue = "unknownFutureValue";

    // §3.4: lobbyBypassScope; `invited` and `organizationExcludingGuests` come after the sentinel and need the header.
    public static readonly MeetingEnum LobbyBypassScope = new("lobbyBypassScope",
        ["organizer", "organization", "organizationAndFederated", "everyone", UnknownFutureValue, "invited", "organizationExcludingGuests"]);

    // §3.3 value lists.
    public static readonly MeetingEnum OnlineMeetingPresenters = new("onlineMeetingPresenters", ["everyone", "organization", "roleIsPresenter", "organizer", UnknownFutureValue]);
    public static readonly MeetingEnum MeetingChatMode = new("meetingChatMode", ["enabled", "disabled", "limited", UnknownFutureValue]);
    public static readonly MeetingEnum AllowedLobbyAdmitterRoles = new("allowedLobbyAdmitterRoles", ["organizerAndCoOrganizersAndPresenters", "organizerAndCoOrganizers", UnknownFutureValue]);
    public static readonly MeetingEnum MeetingLiveShareOptions = new("meetingLiveShareOptions", ["enabled", "disabled", UnknownFutureValue]);
    public static readonly MeetingEnum MeetingChatHistoryDefaultMode = new("meetingChatHistoryDefaultMode", ["all", "none", UnknownFutureValue]);

    // INFERRED (not in api-facts.md): participant roles; producer and coorganizer treated as evolvable members.
    public static readonly MeetingEnum OnlineMeetingRole = new("onlineMeetingRole", ["attendee", "presenter", UnknownFutureValue, "producer", "coorganizer"]);

    /// <summary>Every property the emulator knows, in the order responses list them.</summary>
    public static readonly IReadOnlyList<MeetingProperty> Properties =
    [
        new("id", MeetingKind.ReadOnly),
        new("creationDateTime", MeetingKind.ReadOnly),
        new("startDateTime", MeetingKind.DateTime),
        new("endDateTime", MeetingKind.DateTime),
        new("joinWebUrl", MeetingKind.ReadOnly),
        new("subject", MeetingKind.NullableString),
        new("videoTeleconferenceId", MeetingKind.ReadOnly),
        new("isEntryExitAnnounced", MeetingKind.Boolean),
        new("allowedPresenters", MeetingKind.Enum, OnlineMeetingPresenters),
        new("allowedLobbyAdmitters", MeetingKind.Enum, AllowedLobbyAdmitterRoles),
        new("allowMeetingChat", MeetingKind.Enum, MeetingChatMode),
        new("allowTeamworkReactions", MeetingKind.Boolean),
        new("allowAttendeeToEnableCamera", MeetingKind.Boolean),
        new("allowAttendeeToEnableMic", MeetingKind.Boolean),
        new("allowParticipantsToChangeName", MeetingKind.Boolean),
        new("allowBreakoutRooms", MeetingKind.Boolean),
        new("allowCopyingAndSharingMeetingContent", MeetingKind.Boolean),
        new("allowLiveShare", MeetingKind.Enum, MeetingLiveShareOptions),
        new("allowPowerPointSharing", MeetingKind.Boolean),
        new("allowRecording", MeetingKind.Boolean),
        new("allowTranscription", MeetingKind.Boolean),
        new("allowWhiteboard", MeetingKind.Boolean),
        new("recordAutomatically", MeetingKind.Boolean),
        new("shareMeetingChatHistoryDefault", MeetingKind.Enum, MeetingChatHistoryDefaultMode),
        new("anonymizeIdentityForRoles", MeetingKind.AnonymizeRoles),
        new("watermarkProtection", MeetingKind.WatermarkProtection),
        new("chatRestrictions", MeetingKind.ChatRestrictions),
        new("audioConferencing", MeetingKind.ReadOnly),
        new("chatInfo", MeetingKind.ReadOnly),
        new("joinInformation", MeetingKind.ReadOnly),
        new("joinMeetingIdSettings", MeetingKind.ReadOnly),
        new("lobbyBypassSettings", MeetingKind.LobbyBypassSettings),
        new("participants", MeetingKind.Participants),
        // §3.3 "deprecated": Teams live events APIs stopped on Sept 30 2024.
        new("isBroadcast", MeetingKind.Deprecated),
        new("broadcastSettings", MeetingKind.Deprecated),
        new("attendeeReport", MeetingKind.Deprecated),
    ];

    public const string ODataType = "#microsoft.graph.onlineMeeting";

    public static MeetingProperty? Find(string name) =>
        Properties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a Prefer header value asks for evolvable enum members (comma-separated preferences).</summary>
    public static bool PrefersUnknownEnumMembers(IEnumerable<string?> preferHeaderValues) =>
        preferHeaderValues
            .SelectMany(v => (v ?? string.Empty).Split(','))
            .Select(p => p.Split(['=', ';'], 2)[0].Trim())
            .Any(p => p.Equals(IncludeUnknownEnumMembers, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A copy of a stored meeting as Graph returns it: evolvable enum members become <c>unknownFutureValue</c> unless the
    /// caller sent <c>Prefer: include-unknown-enum-members</c> (§3.4).
    /// </summary>
    public static JsonObject Render(JsonObject stored, bool includeUnknownEnumMembers)
    {
        var copy = (JsonObject)stored.DeepClone();
        if (includeUnknownEnumMembers)
        {
            return copy;
        }

        if (copy["lobbyBypassSettings"] is JsonObject lobby && Text(lobby["scope"]) is { } scope && LobbyBypassScope.IsEvolvable(scope))
        {
            lobby["scope"] = UnknownFutureValue;
        }

        if (copy["participants"] is JsonObject participants)
        {
            HideRole(participants["organizer"] as JsonObject);
            if (participants["attendees"] is JsonArray attendees)
            {
                foreach (var a in attendees)
                {
                    HideRole(a as JsonObject);
                }
            }
        }

        return copy;

        static void HideRole(JsonObject? info)
        {
            if (info is not null && Text(info["role"]) is { } role && OnlineMeetingRole.IsEvolvable(role))
            {
                info["role"] = UnknownFutureValue;
            }
        }
    }

    /// <summary>
    /// Validates a PATCH body against <paramref name="current"/> and writes the changes into <paramref name="next"/> (a
    /// copy of current). Returns the first problem in body order (the start/end pair is checked after the loop), or null.
    /// </summary>
    public static string? ApplyPatch(JsonObject next, JsonObject current, JsonObject body, MeetingWriteContext context)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        JsonNode? start = null, end = null;
        bool hasStart = false, hasEnd = false;
        foreach (var (name, value) in body)
        {
            if (!seen.Add(name))
            {
                return $"Property '{name}' appears more than once in the request body.";
            }

            if (name.Equals("@odata.type", StringComparison.OrdinalIgnoreCase))
            {
                // What the Graph SDK sends (toolchain.md §5); another type is a different resource.
                if (Text(value) is not { } t || !t.Equals(ODataType, StringComparison.OrdinalIgnoreCase))
                {
                    return $"The @odata.type '{value?.ToJsonString()}' does not match the resource type {ODataType}.";
                }

                continue;
            }

            if (name.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue; // INFERRED: other instance annotations are ignored.
            }

            var property = Find(name);
            if (property is null)
            {
                // INFERRED wording.
                return $"Property '{name}' does not exist on type 'microsoft.graph.onlineMeeting' or can't be updated.";
            }

            switch (property.Kind)
            {
                case MeetingKind.ReadOnly:
                    return $"Property '{property.Name}' is read-only and can't be updated.";
                case MeetingKind.Deprecated:
                    return $"Property '{property.Name}' belongs to the retired Teams live events API and can't be updated.";
                case MeetingKind.DateTime when property.Name == "startDateTime":
                    hasStart = true;
                    start = value;
                    continue;
                case MeetingKind.DateTime:
                    hasEnd = true;
                    end = value;
                    continue;
            }

            var error = Apply(next, current, property, value, context);
            if (error is not null)
            {
                return error;
            }
        }

        if (hasStart != hasEnd)
        {
            // §3.3: "Adjusting the start or end date/time … always requires both".
            return "Adjusting the start or end date/time of an online meeting always requires both startDateTime and endDateTime.";
        }

        if (hasStart)
        {
            return ApplyTimes(next, start, end, context);
        }

        return null;
    }

    /// <summary>Sets startDateTime and endDateTime (both ISO 8601 strings; fixtures may use today/now offsets).</summary>
    public static string? ApplyTimes(JsonObject target, JsonNode? start, JsonNode? end, MeetingWriteContext context)
    {
        if (ParseDateTime(start, context, out var s) is { } e1)
        {
            return $"Property 'startDateTime': {e1}";
        }

        if (ParseDateTime(end, context, out var e) is { } e2)
        {
            return $"Property 'endDateTime': {e2}";
        }

        if (e <= s)
        {
            // INFERRED: Graph's check and wording.
            return "Property 'endDateTime' must be later than 'startDateTime'.";
        }

        target["startDateTime"] = FormatDateTime(s);
        target["endDateTime"] = FormatDateTime(e);
        return null;
    }

    /// <summary>Validates one writable property and stores its canonical value in <paramref name="target"/>.</summary>
    public static string? Apply(JsonObject target, JsonObject current, MeetingProperty property, JsonNode? value, MeetingWriteContext context)
    {
        var name = property.Name;
        switch (property.Kind)
        {
            case MeetingKind.Boolean:
                if (!IsBoolean(value, out var b))
                {
                    return $"Property '{name}' must be a boolean (true or false).";
                }

                target[name] = b;
                return null;

            case MeetingKind.Enum:
                var (canonical, enumError) = EnumValue(name, property.Enum!, value, context);
                if (enumError is not null)
                {
                    return enumError;
                }

                target[name] = canonical;
                return null;

            case MeetingKind.NullableString:
                if (value is not null && Text(value) is null)
                {
                    return $"Property '{name}' must be a string or null.";
                }

                target[name] = Text(value);
                return null;

            case MeetingKind.LobbyBypassSettings:
                return ApplyLobby(target, value, context);

            case MeetingKind.WatermarkProtection:
                return ApplyFlags(target, name, value, ["isEnabledForContentSharing", "isEnabledForVideo"]);

            case MeetingKind.ChatRestrictions:
                // INFERRED shape: chatRestrictions { allowTextOnly }.
                return ApplyFlags(target, name, value, ["allowTextOnly"]);

            case MeetingKind.AnonymizeRoles:
                return ApplyAnonymize(target, current, value, context);

            case MeetingKind.Participants:
                return ApplyParticipants(target, value, context);

            default:
                return $"Property '{name}' can't be updated.";
        }
    }

    private static (string? Value, string? Error) EnumValue(string name, MeetingEnum type, JsonNode? value, MeetingWriteContext context)
    {
        if (Text(value) is not { } text)
        {
            return (null, $"Property '{name}' must be a string ({type.Name}).");
        }

        // INFERRED: enum members match case-insensitively and are stored in their documented spelling.
        var canonical = type.Values.FirstOrDefault(v => v.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (canonical is null || canonical == UnknownFutureValue)
        {
            var allowed = string.Join(", ", type.Values.Where(v => v != UnknownFutureValue));
            return (null, $"Cannot convert the value '{text}' of property '{name}' to {type.Name}: allowed values are {allowed}.");
        }

        if (type.IsEvolvable(canonical) && !context.Fixture && !context.IncludeUnknownEnumMembers)
        {
            // INFERRED: writing a member after unknownFutureValue needs the same header that reading it needs (§3.4).
            return (null, $"The value '{canonical}' of property '{name}' is a member of the evolvable enum {type.Name} that is only " +
                          $"available with the request header 'Prefer: {IncludeUnknownEnumMembers}'.");
        }

        return (canonical, null);
    }

    private static string? ApplyLobby(JsonObject target, JsonNode? value, MeetingWriteContext context)
    {
        if (value is not JsonObject body)
        {
            return "Property 'lobbyBypassSettings' must be an object with 'scope' and/or 'isDialInBypassEnabled'.";
        }

        // §3.4 doc PATCH example sends only isDialInBypassEnabled: partial objects merge onto the current settings.
        var lobby = target["lobbyBypassSettings"] as JsonObject ?? new JsonObject { ["scope"] = "organization", ["isDialInBypassEnabled"] = false };
        lobby = (JsonObject)lobby.DeepClone();
        foreach (var (key, v) in body)
        {
            if (key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (key.Equals("scope", StringComparison.OrdinalIgnoreCase))
            {
                var (scope, error) = EnumValue("lobbyBypassSettings.scope", LobbyBypassScope, v, context);
                if (error is not null)
                {
                    return error;
                }

                lobby["scope"] = scope;
            }
            else if (key.Equals("isDialInBypassEnabled", StringComparison.OrdinalIgnoreCase))
            {
                if (!IsBoolean(v, out var b))
                {
                    return "Property 'lobbyBypassSettings.isDialInBypassEnabled' must be a boolean (true or false).";
                }

                lobby["isDialInBypassEnabled"] = b;
            }
            else
            {
                return $"Property '{key}' does not exist on type 'microsoft.graph.lobbyBypassSettings'.";
            }
        }

        target["lobbyBypassSettings"] = lobby;
        return null;
    }

    /// <summary>An object of boolean flags (merged onto the current value) or null.</summary>
    private static string? ApplyFlags(JsonObject target, string name, JsonNode? value, string[] flags)
    {
        if (value is null)
        {
            target[name] = null;
            return null;
        }

        if (value is not JsonObject body)
        {
            return $"Property '{name}' must be an object ({string.Join(", ", flags)}) or null.";
        }

        var result = target[name] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        foreach (var flag in flags)
        {
            result[flag] ??= false;
        }

        foreach (var (key, v) in body)
        {
            if (key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var flag = flags.FirstOrDefault(f => f.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (flag is null)
            {
                return $"Property '{key}' does not exist on '{name}' (known: {string.Join(", ", flags)}).";
            }

            if (!IsBoolean(v, out var b))
            {
                return $"Property '{name}.{flag}' must be a boolean (true or false).";
            }

            result[flag] = b;
        }

        target[name] = result;
        return null;
    }

    private static string? ApplyAnonymize(JsonObject target, JsonObject current, JsonNode? value, MeetingWriteContext context)
    {
        if (value is not JsonArray array)
        {
            return "Property 'anonymizeIdentityForRoles' must be an array of onlineMeetingRole values (only 'attendee').";
        }

        var roles = new List<string>();
        foreach (var item in array)
        {
            // §3.3: "only attendee".
            if (Text(item) is not { } role || !role.Equals("attendee", StringComparison.OrdinalIgnoreCase))
            {
                return $"Property 'anonymizeIdentityForRoles' accepts only 'attendee' (got {item?.ToJsonString() ?? "null"}).";
            }

            if (!roles.Contains("attendee"))
            {
                roles.Add("attendee");
            }
        }

        var had = current["anonymizeIdentityForRoles"] is JsonArray old && old.Any(r => Text(r) == "attendee");
        if (had && roles.Count == 0 && !context.Fixture)
        {
            // §3.3: "The attendee value can't be removed through a PATCH operation once added."
            return "The 'attendee' value of 'anonymizeIdentityForRoles' can't be removed through a PATCH operation once added.";
        }

        target["anonymizeIdentityForRoles"] = StringArray(roles);
        return null;
    }

    private static string? ApplyParticipants(JsonObject target, JsonNode? value, MeetingWriteContext context)
    {
        if (value is not JsonObject body)
        {
            return "Property 'participants' must be an object with 'attendees' (the full list).";
        }

        var result = target["participants"] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        foreach (var (key, v) in body)
        {
            if (key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (key.Equals("organizer", StringComparison.OrdinalIgnoreCase))
            {
                // §3.3: "organizer can't change". INFERRED: the same organizer may be repeated.
                var (who, error) = Participant(v, context, "participants.organizer");
                if (error is not null)
                {
                    return error;
                }

                var id = Text(who!["identity"]?["user"]?["id"]);
                if (!string.Equals(id, context.OrganizerId, StringComparison.OrdinalIgnoreCase))
                {
                    return "The organizer of an online meeting can't be changed.";
                }
            }
            else if (key.Equals("attendees", StringComparison.OrdinalIgnoreCase))
            {
                if (v is not JsonArray items)
                {
                    return "Property 'participants.attendees' must be an array (the full list of attendees).";
                }

                var attendees = new JsonArray();
                for (var i = 0; i < items.Count; i++)
                {
                    var (who, error) = Participant(items[i], context, $"participants.attendees[{i}]");
                    if (error is not null)
                    {
                        return error;
                    }

                    attendees.Add(who);
                }

                result["attendees"] = attendees;
            }
            else
            {
                return $"Property '{key}' does not exist on type 'microsoft.graph.meetingParticipants' (known: organizer, attendees).";
            }
        }

        target["participants"] = result;
        return null;
    }

    /// <summary>
    /// A meetingParticipantInfo: a string (UPN or user id; fixtures) or an object with <c>upn</c> and/or
    /// <c>identity.user.id</c> and an optional <c>role</c> (default attendee). Tenant users are filled in completely.
    /// </summary>
    public static (JsonObject? Info, string? Error) Participant(JsonNode? node, MeetingWriteContext context, string where)
    {
        string? upn = null, id = null, role = "attendee";
        switch (node)
        {
            case JsonValue when Text(node) is { Length: > 0 } s:
                if (Guid.TryParse(s, out _))
                {
                    id = s;
                }
                else
                {
                    upn = s;
                }

                break;
            case JsonObject o:
                foreach (var (key, v) in o)
                {
                    if (key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (key.Equals("upn", StringComparison.OrdinalIgnoreCase))
                    {
                        if (v is not null && Text(v) is null)
                        {
                            return (null, $"Property '{where}.upn' must be a string.");
                        }

                        upn = Text(v);
                    }
                    else if (key.Equals("role", StringComparison.OrdinalIgnoreCase))
                    {
                        var (r, error) = EnumValue($"{where}.role", OnlineMeetingRole, v, context);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        role = r;
                    }
                    else if (key.Equals("identity", StringComparison.OrdinalIgnoreCase))
                    {
                        var user = (v as JsonObject)?.FirstOrDefault(p => p.Key.Equals("user", StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
                        id = Text(user?.FirstOrDefault(p => p.Key.Equals("id", StringComparison.OrdinalIgnoreCase)).Value);
                    }
                    else
                    {
                        return (null, $"Property '{key}' does not exist on type 'microsoft.graph.meetingParticipantInfo' (known: identity, role, upn).");
                    }
                }

                break;
            default:
                return (null, $"'{where}' must be a meetingParticipantInfo object with 'upn' and/or 'identity.user.id'.");
        }

        if (string.IsNullOrEmpty(upn) && string.IsNullOrEmpty(id))
        {
            return (null, $"'{where}' needs 'upn' or 'identity.user.id'.");
        }

        var tenantUser = context.Tenant.FindUser(id ?? upn);
        if (tenantUser is null && id is not null)
        {
            return (null, $"'{where}': user '{id}' was not found in the tenant.");
        }

        return (ParticipantInfo(context.Tenant, tenantUser, upn, role!), null);
    }

    /// <summary>The meetingParticipantInfo shape of the documentation's responses.</summary>
    public static JsonObject ParticipantInfo(TenantFixture tenant, UserFixture? user, string? upn, string role) => new()
    {
        ["upn"] = user?.UserPrincipalName ?? upn,
        ["role"] = role,
        ["identity"] = new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = user?.Id,
                ["displayName"] = null,
                ["tenantId"] = user is null ? null : tenant.Id,
                ["identityProvider"] = "AAD",
            },
        },
    };

    /// <summary>
    /// ISO 8601 date-time (no offset = UTC). Fixtures may also write <c>today[±duration]</c> (UTC midnight of the seeding
    /// day) or <c>now[±duration]</c> with an ISO 8601 duration, e.g. <c>today+P1DT9H</c>.
    /// </summary>
    public static string? ParseDateTime(JsonNode? node, MeetingWriteContext context, out DateTimeOffset value)
    {
        value = default;
        if (Text(node) is not { Length: > 0 } text)
        {
            return "must be an ISO 8601 date-time string.";
        }

        if (context.Fixture && (text.StartsWith("today", StringComparison.OrdinalIgnoreCase) || text.StartsWith("now", StringComparison.OrdinalIgnoreCase)))
        {
            var anchorIsToday = text.StartsWith("today", StringComparison.OrdinalIgnoreCase);
            var anchor = anchorIsToday ? new DateTimeOffset(context.Now.UtcDateTime.Date, TimeSpan.Zero) : TruncateToSeconds(context.Now);
            var rest = text[(anchorIsToday ? 5 : 3)..].Trim();
            if (rest.Length == 0)
            {
                value = anchor;
                return null;
            }

            if (rest[0] is not ('+' or '-'))
            {
                return $"'{text}' is not today/now followed by +/- and an ISO 8601 duration (e.g. today+P1DT9H).";
            }

            try
            {
                var offset = XmlConvert.ToTimeSpan(rest[1..].Trim());
                value = rest[0] == '+' ? anchor + offset : anchor - offset;
                return null;
            }
            catch (FormatException)
            {
                return $"'{text}': '{rest[1..]}' is not an ISO 8601 duration (e.g. P1DT9H).";
            }
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return $"'{text}' is not an ISO 8601 date-time.";
        }

        return null;
    }

    /// <summary>Graph's UTC form: 2026-12-01T09:00:00Z (fractions only when present, up to 7 digits).</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool IsBoolean(JsonNode? node, out bool value)
    {
        value = false;
        return node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False && v.TryGetValue(out value);
    }

    private static JsonArray StringArray(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(v);
        }

        return a;
    }
}

internal enum MeetingKind
{
    Boolean,
    Enum,
    NullableString,
    DateTime,
    LobbyBypassSettings,
    WatermarkProtection,
    ChatRestrictions,
    AnonymizeRoles,
    Participants,
    ReadOnly,
    Deprecated,
}

internal sealed record MeetingProperty(string Name, MeetingKind Kind, MeetingEnum? Enum = null);

/// <summary>A Graph enum; members listed after <c>unknownFutureValue</c> are evolvable (hidden without the Prefer header).</summary>
internal sealed record MeetingEnum(string Name, string[] Values)
{
    public bool IsEvolvable(string value)
    {
        var sentinel = Array.IndexOf(Values, OnlineMeetingSchema.UnknownFutureValue);
        var index = Array.FindIndex(Values, v => v.Equals(value, StringComparison.OrdinalIgnoreCase));
        return sentinel >= 0 && index > sentinel;
    }
}

/// <summary>Who writes: a fixture (read-only properties, evolvable members and today/now times allowed) or a PATCH.</summary>
internal sealed record MeetingWriteContext(TenantFixture Tenant, string OrganizerId, bool Fixture, bool IncludeUnknownEnumMembers, DateTimeOffset Now);
