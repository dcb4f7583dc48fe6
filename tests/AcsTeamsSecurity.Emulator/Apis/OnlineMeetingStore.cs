using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Online meetings per tenant, seeded lazily from <c>users[].onlineMeetings</c> and <c>users[].meetingGenerator</c>
/// (relative times are anchored at the emulator clock when the tenant is first used). State is dropped when fixtures
/// are replaced, merged or reset.
/// </summary>
internal sealed class OnlineMeetingStore
{
    private readonly ConcurrentDictionary<string, Lazy<TenantMeetingState>> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmulatorClock _clock;

    public OnlineMeetingStore(FixtureStore fixtures, EmulatorClock clock)
    {
        _clock = clock;
        fixtures.Replaced += Clear;
    }

    public TenantMeetingState For(TenantFixture tenant) =>
        _tenants.GetOrAdd(tenant.Id, _ => new Lazy<TenantMeetingState>(() => TenantMeetingState.Seed(tenant, _clock.UtcNow))).Value;

    public void Clear() => _tenants.Clear();
}

/// <summary>A meetings part of a fixture that is not valid (reported as a fixture error).</summary>
internal sealed class MeetingFixtureException(string message) : Exception(message);

/// <summary>One online meeting: fixed identity fields and the current Graph body (replaced, never mutated, on PATCH).</summary>
internal sealed class MeetingRecord
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string OrganizerId { get; init; }

    public required string OrganizerUpn { get; init; }

    /// <summary>The organizer's calendar event for this meeting.</summary>
    public required string EventId { get; init; }

    /// <summary>The stored meeting (evolvable values as written). Copy-on-write: treat as read-only.</summary>
    public required JsonObject Body { get; set; }

    public int PatchCount { get; set; }

    public DateTimeOffset? LastModifiedDateTime { get; set; }

    public string? JoinWebUrl => OnlineMeetingSchema.Text(Body["joinWebUrl"]);

    public string? JoinMeetingId => OnlineMeetingSchema.Text(Body["joinMeetingIdSettings"]?["joinMeetingId"]);

    public DateTimeOffset Start => DateTimeOffset.Parse(OnlineMeetingSchema.Text(Body["startDateTime"])!, System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset End => DateTimeOffset.Parse(OnlineMeetingSchema.Text(Body["endDateTime"])!, System.Globalization.CultureInfo.InvariantCulture);

    public bool IsOrganizer(UserFixture user) => string.Equals(user.Id, OrganizerId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Listed in participants.attendees by id or UPN.</summary>
    public bool IsAttendee(UserFixture user) =>
        Body["participants"]?["attendees"] is JsonArray attendees && attendees.OfType<JsonObject>().Any(a =>
            string.Equals(OnlineMeetingSchema.Text(a["identity"]?["user"]?["id"]), user.Id, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(OnlineMeetingSchema.Text(a["upn"]), user.UserPrincipalName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One tenant's meetings.</summary>
internal sealed class TenantMeetingState
{
    /// <summary>Generator keys; every other generator property is a meeting property copied into each meeting.</summary>
    private static readonly string[] GeneratorKeys = ["count", "startDateTime", "intervalMinutes", "durationMinutes", "lobbyScope", "subjectPrefix"];

    private const int MaxGenerated = 20000;

    private readonly object _gate = new();
    private readonly List<MeetingRecord> _records = [];
    private readonly Dictionary<string, MeetingRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MeetingRecord> _byJoinUrl = new(StringComparer.Ordinal);

    // By organizer: the scale tenant has 20,000 meetings of 10,000 organizers, read one organizer at a time.
    private readonly Dictionary<string, List<MeetingRecord>> _byOrganizer = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<MeetingRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Builds the tenant's meetings; throws <see cref="MeetingFixtureException"/> for invalid fixture content.</summary>
    public static TenantMeetingState Seed(TenantFixture tenant, DateTimeOffset now)
    {
        var state = new TenantMeetingState();
        foreach (var user in tenant.Users)
        {
            var where = $"users['{user.UserPrincipalName}']";
            if (user.OnlineMeetings is { } meetings)
            {
                for (var i = 0; i < meetings.Count; i++)
                {
                    state.Add(Build(tenant, user, meetings[i], $"meeting{i}", $"{where}.onlineMeetings[{i}]", now));
                }
            }

            if (user.MeetingGenerator is { } generator)
            {
                var n = 0;
                foreach (var raw in Generate(tenant, user, generator, $"{where}.meetingGenerator", now))
                {
                    n++;
                    state.Add(Build(tenant, user, raw, $"generated{n}", $"{where}.meetingGenerator (meeting {n})", now));
                }
            }
        }

        return state;
    }

    public MeetingRecord? Find(string meetingId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(meetingId, out var r) ? r : null;
        }
    }

    /// <summary>Meetings organized by the user, by start time.</summary>
    public IReadOnlyList<MeetingRecord> OrganizedBy(string userId)
    {
        lock (_gate)
        {
            return _byOrganizer.TryGetValue(userId, out var own) ? [.. own.OrderBy(r => r.Start).ThenBy(r => r.Id, StringComparer.Ordinal)] : [];
        }
    }

    /// <summary>Validates and applies a PATCH atomically. Returns the error, or null after the record was updated.</summary>
    public string? Patch(MeetingRecord record, JsonObject body, MeetingWriteContext context)
    {
        lock (_gate)
        {
            var current = record.Body;
            var next = (JsonObject)current.DeepClone();
            var error = OnlineMeetingSchema.ApplyPatch(next, current, body, context);
            if (error is not null)
            {
                return error;
            }

            record.Body = next;
            record.PatchCount++;
            record.LastModifiedDateTime = context.Now;
            return null;
        }
    }

    private void Add(MeetingRecord record)
    {
        if (!_byId.TryAdd(record.Id, record))
        {
            throw new MeetingFixtureException($"meeting id '{record.Id}' appears twice in tenant '{record.TenantId}'.");
        }

        if (record.JoinWebUrl is { } url && !_byJoinUrl.TryAdd(url, record))
        {
            throw new MeetingFixtureException($"joinWebUrl '{url}' appears twice in tenant '{record.TenantId}'.");
        }

        _records.Add(record);
        if (!_byOrganizer.TryGetValue(record.OrganizerId, out var own))
        {
            _byOrganizer[record.OrganizerId] = own = [];
        }

        own.Add(record);
    }

    /// <summary>Expands a meetingGenerator into raw fixture meetings (deterministic).</summary>
    private static IEnumerable<JsonObject> Generate(TenantFixture tenant, UserFixture user, JsonObject generator, string where, DateTimeOffset now)
    {
        JsonNode? Get(string key) => generator.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
        int Int(string key, int fallback, int min, int max)
        {
            var node = Get(key);
            if (node is null)
            {
                return fallback;
            }

            if (node is not JsonValue v || !v.TryGetValue<int>(out var n) || n < min || n > max)
            {
                throw new MeetingFixtureException($"{where}.{key} must be an integer in [{min}, {max}].");
            }

            return n;
        }

        var count = Int("count", -1, 1, MaxGenerated);
        if (count < 0)
        {
            throw new MeetingFixtureException($"{where}.count is required (1-{MaxGenerated}).");
        }

        var interval = Int("intervalMinutes", 60, 0, 10080);
        var duration = Int("durationMinutes", 30, 1, 1440);
        var context = new MeetingWriteContext(tenant, user.Id, Fixture: true, IncludeUnknownEnumMembers: true, now);
        if (OnlineMeetingSchema.ParseDateTime(Get("startDateTime"), context, out var first) is { } timeError)
        {
            throw new MeetingFixtureException($"{where}.startDateTime {timeError}");
        }

        var scopes = Get("lobbyScope") switch
        {
            null => [],
            JsonArray a => a.Select(OnlineMeetingSchema.Text).ToArray(),
            var single => [OnlineMeetingSchema.Text(single)],
        };
        if (scopes.Any(s => s is null))
        {
            throw new MeetingFixtureException($"{where}.lobbyScope must be a scope string or an array of them (used round-robin).");
        }

        var prefix = Get("subjectPrefix") is { } p ? OnlineMeetingSchema.Text(p) ?? throw new MeetingFixtureException($"{where}.subjectPrefix must be a string.") : "Generated meeting";
        var digits = Math.Max(4, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        for (var n = 1; n <= count; n++)
        {
            var raw = new JsonObject();
            foreach (var (key, value) in generator)
            {
                if (!GeneratorKeys.Contains(key, StringComparer.OrdinalIgnoreCase) && !key.StartsWith('$'))
                {
                    raw[key] = value?.DeepClone();
                }
            }

            var start = first + TimeSpan.FromMinutes((double)interval * (n - 1));
            raw["subject"] ??= $"{prefix} {n.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture)}";
            raw["startDateTime"] = OnlineMeetingSchema.FormatDateTime(start);
            raw["endDateTime"] = OnlineMeetingSchema.FormatDateTime(start + TimeSpan.FromMinutes(duration));
            if (scopes.Length > 0)
            {
                var lobby = raw["lobbyBypassSettings"] as JsonObject ?? new JsonObject();
                lobby["scope"] = scopes[(n - 1) % scopes.Length];
                raw["lobbyBypassSettings"] = lobby;
            }

            yield return raw;
        }
    }

    /// <summary>
    /// One meeting from its fixture object: defaults, then the fixture's properties (same checks as a PATCH, plus the
    /// read-only ones). Missing id / thread / join URL / join meeting id are derived from a hash of tenant, organizer and
    /// position, so they are the same on every run.
    /// </summary>
    private static MeetingRecord Build(TenantFixture tenant, UserFixture user, JsonObject raw, string seedKey, string where, DateTimeOffset now)
    {
        var context = new MeetingWriteContext(tenant, user.Id, Fixture: true, IncludeUnknownEnumMembers: true, now);
        var props = new List<(MeetingProperty Property, JsonNode? Value)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in raw)
        {
            if (key.StartsWith('$') || key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var property = OnlineMeetingSchema.Find(key)
                ?? throw new MeetingFixtureException($"{where}: unknown onlineMeeting property '{key}'.");
            if (!seen.Add(property.Name))
            {
                throw new MeetingFixtureException($"{where}: property '{property.Name}' appears twice.");
            }

            if (property.Kind == MeetingKind.Deprecated)
            {
                throw new MeetingFixtureException($"{where}: '{property.Name}' belongs to the retired Teams live events API.");
            }

            props.Add((property, value));
        }

        JsonNode? Raw(string name) => props.FirstOrDefault(p => p.Property.Name == name).Value;
        bool Has(string name) => props.Any(p => p.Property.Name == name);
        string? RawString(string name)
        {
            if (!Has(name))
            {
                return null;
            }

            return OnlineMeetingSchema.Text(Raw(name)) is { Length: > 0 } s ? s : throw new MeetingFixtureException($"{where}: '{name}' must be a non-empty string.");
        }

        if (!Has("startDateTime") || !Has("endDateTime"))
        {
            throw new MeetingFixtureException($"{where}: startDateTime and endDateTime are required.");
        }

        // An explicit id keeps the derived values (thread, join meeting id, passcode) stable when meetings are reordered.
        var explicitId = Has("id") ? OnlineMeetingSchema.Text(Raw("id")) : null;
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Id}|{user.Id}|".ToLowerInvariant() + (explicitId is { Length: > 0 } ? "id:" + explicitId : seedKey)));
        var chatInfoRaw = Raw("chatInfo");
        if (Has("chatInfo") && chatInfoRaw is not JsonObject)
        {
            throw new MeetingFixtureException($"{where}: chatInfo must be an object (threadId, messageId, replyChainMessageId).");
        }

        var joinWebUrl = RawString("joinWebUrl");
        if (joinWebUrl is not null && (!Uri.TryCreate(joinWebUrl, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new MeetingFixtureException($"{where}: joinWebUrl '{joinWebUrl}' is not an absolute https URL.");
        }

        var threadId = OnlineMeetingSchema.Text(chatInfoRaw?["threadId"]) ?? ThreadFromJoinUrl(joinWebUrl) ?? GeneratedThreadId(seed);
        joinWebUrl ??= JoinUrl(threadId, tenant.Id, user.Id);
        var id = RawString("id") ?? MeetingId(user.Id, threadId);

        var body = Defaults(tenant, user, id, threadId, joinWebUrl, seed);
        if (OnlineMeetingSchema.ApplyTimes(body, Raw("startDateTime"), Raw("endDateTime"), context) is { } timeError)
        {
            throw new MeetingFixtureException($"{where}: {timeError}");
        }

        var start = DateTimeOffset.Parse(body["startDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        // INFERRED default: created a week before the start.
        body["creationDateTime"] = OnlineMeetingSchema.FormatDateTime(start - TimeSpan.FromDays(7));

        foreach (var (property, value) in props)
        {
            var error = property.Name switch
            {
                "id" or "joinWebUrl" or "startDateTime" or "endDateTime" => null,
                "creationDateTime" => SetDateTime(body, "creationDateTime", value, context),
                "chatInfo" => Merge(body, "chatInfo", value, new() { ["threadId"] = JsonKind.String, ["messageId"] = JsonKind.NullableString, ["replyChainMessageId"] = JsonKind.NullableString }),
                "joinMeetingIdSettings" => Merge(body, "joinMeetingIdSettings", value, new() { ["joinMeetingId"] = JsonKind.String, ["passcode"] = JsonKind.NullableString, ["isPasscodeRequired"] = JsonKind.Boolean }),
                "videoTeleconferenceId" => value is null || OnlineMeetingSchema.Text(value) is not null ? Set(body, "videoTeleconferenceId", value) : "videoTeleconferenceId must be a string or null.",
                "audioConferencing" or "joinInformation" => value is null or JsonObject ? Set(body, property.Name, value) : $"{property.Name} must be an object or null.",
                _ => OnlineMeetingSchema.Apply(body, body, property, value, context),
            };
            if (error is not null)
            {
                throw new MeetingFixtureException($"{where}: {error}");
            }
        }

        if (!Has("joinInformation"))
        {
            body["joinInformation"] = JoinInformation(body);
        }

        return new MeetingRecord
        {
            Id = id,
            TenantId = tenant.Id,
            OrganizerId = user.Id,
            OrganizerUpn = user.UserPrincipalName,
            EventId = EventId(id),
            Body = body,
        };
    }

    /// <summary>Realistic defaults for every property (sources in docs/EMULATOR.md; most are INFERRED).</summary>
    private static JsonObject Defaults(TenantFixture tenant, UserFixture user, string id, string threadId, string joinWebUrl, byte[] seed) => new()
    {
        ["id"] = id,
        ["creationDateTime"] = null,
        ["startDateTime"] = null,
        ["endDateTime"] = null,
        ["joinWebUrl"] = joinWebUrl,
        ["subject"] = null,
        ["videoTeleconferenceId"] = null,
        ["isEntryExitAnnounced"] = true,
        ["allowedPresenters"] = "everyone",
        ["allowedLobbyAdmitters"] = "organizerAndCoOrganizersAndPresenters",
        ["allowMeetingChat"] = "enabled",
        ["allowTeamworkReactions"] = true,
        ["allowAttendeeToEnableCamera"] = true,
        ["allowAttendeeToEnableMic"] = true,
        ["allowParticipantsToChangeName"] = false,
        ["allowBreakoutRooms"] = true,
        ["allowCopyingAndSharingMeetingContent"] = true,
        ["allowLiveShare"] = "enabled",
        ["allowPowerPointSharing"] = true,
        ["allowRecording"] = true,
        ["allowTranscription"] = true,
        ["allowWhiteboard"] = true,
        ["recordAutomatically"] = false,
        ["shareMeetingChatHistoryDefault"] = "none",
        ["anonymizeIdentityForRoles"] = new JsonArray(),
        ["watermarkProtection"] = new JsonObject { ["isEnabledForContentSharing"] = false, ["isEnabledForVideo"] = false },
        ["chatRestrictions"] = null,
        ["audioConferencing"] = null,
        ["chatInfo"] = new JsonObject { ["threadId"] = threadId, ["messageId"] = "0", ["replyChainMessageId"] = null },
        ["joinInformation"] = null,
        ["joinMeetingIdSettings"] = new JsonObject
        {
            ["isPasscodeRequired"] = true,
            ["joinMeetingId"] = JoinMeetingId(seed),
            ["passcode"] = Passcode(seed),
        },
        ["lobbyBypassSettings"] = new JsonObject { ["scope"] = "organization", ["isDialInBypassEnabled"] = false },
        ["participants"] = new JsonObject
        {
            ["organizer"] = OnlineMeetingSchema.ParticipantInfo(tenant, user, user.UserPrincipalName, "presenter"),
            ["attendees"] = new JsonArray(),
        },
    };

    // ---- identifiers (INFERRED shapes, docs/EMULATOR.md) ----

    /// <summary>19:meeting_&lt;base64 of a version-4-shaped GUID string&gt;@thread.v2 — the shape of real thread ids.</summary>
    private static string GeneratedThreadId(byte[] seed)
    {
        var hex = Convert.ToHexStringLower(seed.AsSpan(0, 16)).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[seed[8] & 3];
        var guid = new string(hex).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
        return $"19:meeting_{Convert.ToBase64String(Encoding.ASCII.GetBytes(guid))}@thread.v2";
    }

    /// <summary>The documented joinWebUrl shape (§3.1), with the thread's ':' and '@' encoded as %3a / %40.</summary>
    public static string JoinUrl(string threadId, string tenantId, string organizerId) =>
        "https://teams.microsoft.com/l/meetup-join/" + threadId.Replace(":", "%3a", StringComparison.Ordinal).Replace("@", "%40", StringComparison.Ordinal) +
        $"/0?context=%7b%22Tid%22%3a%22{tenantId}%22%2c%22Oid%22%3a%22{organizerId}%22%7d";

    /// <summary>base64url (no padding) of <c>1*&lt;organizerId&gt;*0**&lt;threadId&gt;</c> — structure UNCONFIRMED (§3.1).</summary>
    public static string MeetingId(string organizerId, string threadId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"1*{organizerId}*0**{threadId}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? ThreadFromJoinUrl(string? joinWebUrl)
    {
        const string Marker = "/l/meetup-join/";
        var i = joinWebUrl?.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (joinWebUrl is null || i < 0)
        {
            return null;
        }

        var rest = joinWebUrl[(i + Marker.Length)..];
        var end = rest.IndexOfAny(['/', '?']);
        var thread = Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
        return thread.StartsWith("19:", StringComparison.Ordinal) ? thread : null;
    }

    /// <summary>12 digits, not starting with 0.</summary>
    private static string JoinMeetingId(byte[] seed) =>
        (100_000_000_000UL + (BinaryPrimitives.ReadUInt64LittleEndian(seed.AsSpan(16, 8)) % 900_000_000_000UL)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Passcode(byte[] seed)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[seed[24 + i] % Alphabet.Length];
        }

        return new string(chars);
    }

    /// <summary>An Outlook-style event id (INFERRED shape).</summary>
    private static string EventId(string meetingId) =>
        "AAMkAG" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("event|" + meetingId))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>joinInformation: a short data:text/html invitation, form-encoded like the documentation's example (INFERRED text).</summary>
    private static JsonObject JoinInformation(JsonObject body)
    {
        var url = OnlineMeetingSchema.Text(body["joinWebUrl"]) ?? string.Empty;
        var meetingId = OnlineMeetingSchema.Text(body["joinMeetingIdSettings"]?["joinMeetingId"]) ?? string.Empty;
        var spaced = string.Join(' ', Enumerable.Range(0, (meetingId.Length + 2) / 3).Select(i => meetingId.Substring(i * 3, Math.Min(3, meetingId.Length - (i * 3)))));
        var passcode = OnlineMeetingSchema.Text(body["joinMeetingIdSettings"]?["passcode"]);
        var html =
            "<div style=\"width:100%;height: 20px;\"><span style=\"white-space:nowrap;color:gray;opacity:.36;\">________________________________________________________________________________</span></div>" +
            "<div class=\"me-email-text\" style=\"color:#252424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif;\">" +
            $"<div style=\"margin-top: 24px; margin-bottom: 10px;\"><a class=\"me-email-headline\" href=\"{WebUtility.HtmlEncode(url)}\" target=\"_blank\" rel=\"noreferrer noopener\">Join the meeting now</a></div>" +
            $"<div><span>Meeting ID: {spaced}</span>" + (passcode is null ? string.Empty : $" <span>Passcode: {WebUtility.HtmlEncode(passcode)}</span>") + "</div></div>";
        return new JsonObject { ["content"] = WebUtility.UrlEncode("data:text/html,\n" + html), ["contentType"] = "html" };
    }

    // ---- fixture helpers for read-only properties ----

    private enum JsonKind
    {
        String,
        NullableString,
        Boolean,
    }

    private static string? Set(JsonObject body, string name, JsonNode? value)
    {
        body[name] = value?.DeepClone();
        return null;
    }

    private static string? SetDateTime(JsonObject body, string name, JsonNode? value, MeetingWriteContext context)
    {
        if (OnlineMeetingSchema.ParseDateTime(value, context, out var parsed) is { } error)
        {
            return $"{name} {error}";
        }

        body[name] = OnlineMeetingSchema.FormatDateTime(parsed);
        return null;
    }

    private static string? Merge(JsonObject body, string name, JsonNode? value, Dictionary<string, JsonKind> fields)
    {
        if (value is not JsonObject o)
        {
            return $"{name} must be an object ({string.Join(", ", fields.Keys)}).";
        }

        var target = (JsonObject)(body[name]?.DeepClone() ?? new JsonObject());
        foreach (var (key, v) in o)
        {
            if (key.StartsWith("@odata.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = fields.Keys.FirstOrDefault(f => f.Equals(key, StringComparison.OrdinalIgnoreCase))
                ?? throw new MeetingFixtureException($"{name}: unknown property '{key}' (known: {string.Join(", ", fields.Keys)}).");
            var ok = fields[field] switch
            {
                JsonKind.Boolean => OnlineMeetingSchema.IsBoolean(v, out _),
                JsonKind.NullableString => v is null || OnlineMeetingSchema.Text(v) is not null,
                _ => OnlineMeetingSchema.Text(v) is { Length: > 0 },
            };
            if (!ok)
            {
                return $"{name}.{field} must be {fields[field] switch { JsonKind.Boolean => "a boolean", JsonKind.NullableString => "a string or null", _ => "a non-empty string" }}.";
            }

            target[field] = v?.DeepClone();
        }

        body[name] = target;
        return null;
    }
}
