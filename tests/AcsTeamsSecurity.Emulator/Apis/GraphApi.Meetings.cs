using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Graph online meetings (api-facts.md §3): GET by id, GET with the JoinWebUrl / joinMeetingId filter, PATCH, for
/// <c>/users/{id or UPN}</c> and <c>/me</c>; and the organizer's calendar view. App-only calls need the permission
/// and a Teams application access policy granted to the user in the path (§3.2); delegated calls act for the
/// signed-in user only.
/// </summary>
internal sealed partial class GraphApi
{
    public const string OnlineMeetingsReadAll = "OnlineMeetings.Read.All";
    public const string OnlineMeetingsReadWriteAll = "OnlineMeetings.ReadWrite.All";
    private const string OnlineMeetingsRead = "OnlineMeetings.Read";
    private const string OnlineMeetingsReadWrite = "OnlineMeetings.ReadWrite";

    // Calendars.Read is the brief's permission; INFERRED: ReadBasic and ReadWrite also read the calendar view.
    private static readonly string[] CalendarAppRoles = ["Calendars.Read", "Calendars.ReadWrite", "Calendars.ReadBasic.All"];
    private static readonly string[] CalendarScopes = ["Calendars.Read", "Calendars.ReadWrite", "Calendars.ReadBasic"];

    private const int CalendarDefaultTop = 10;
    private const int CalendarMaxTop = 1000;

    private void AddMeetingRoutes()
    {
        string? User(HttpContext c) => c.GetRouteValue("id") as string;
        router.Add("GET", "users/{id}/onlineMeetings/{meetingId}", (c, v) => GetMeetingAsync(c, v, User(c)));
        router.Add("PATCH", "users/{id}/onlineMeetings/{meetingId}", (c, v) => PatchMeetingAsync(c, v, User(c)));
        router.Add("GET", "users/{id}/onlineMeetings", (c, v) => FindMeetingsAsync(c, v, User(c)));
        router.Add("GET", "me/onlineMeetings/{meetingId}", (c, v) => GetMeetingAsync(c, v, null));
        router.Add("PATCH", "me/onlineMeetings/{meetingId}", (c, v) => PatchMeetingAsync(c, v, null));
        router.Add("GET", "me/onlineMeetings", (c, v) => FindMeetingsAsync(c, v, null));
        router.Add("GET", "users/{id}/calendar/calendarView", (c, v) => CalendarViewAsync(c, v, User(c)));
        router.Add("GET", "users/{id}/calendarView", (c, v) => CalendarViewAsync(c, v, User(c)));
        router.Add("GET", "me/calendar/calendarView", (c, v) => CalendarViewAsync(c, v, null));
        router.Add("GET", "me/calendarView", (c, v) => CalendarViewAsync(c, v, null));
    }

    /// <summary><c>GET /users/{id}/onlineMeetings/{meetingId}</c>: the organizer's or an attendee's meeting.</summary>
    private Task GetMeetingAsync(HttpContext context, string version, string? userSegment)
    {
        if (AuthorizeMeetings(context, userSegment, write: false, out var tenant, out var user) is { } denied)
        {
            return FailAsync(context, denied);
        }

        var meetingId = Uri.UnescapeDataString(context.GetRouteValue("meetingId") as string ?? string.Empty);
        var record = meetings.For(tenant).Find(meetingId);
        if (record is null || !(record.IsOrganizer(user) || record.IsAttendee(user)))
        {
            return MeetingNotFoundAsync(context, meetingId, user);
        }

        var body = WithContext($"{server.BaseUrl}/{version}/$metadata#users('{user.Id}')/onlineMeetings/$entity",
            OnlineMeetingSchema.Render(record.Body, PrefersUnknownEnumMembers(context)));
        return JsonResponses.WriteAsync(context, 200, body);
    }

    /// <summary>
    /// <c>GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'</c> (or <c>joinMeetingIdSettings/joinMeetingId eq
    /// '…'</c>) → <c>{"value":[meeting]}</c>, empty when no meeting the user organizes matches.
    /// </summary>
    private Task FindMeetingsAsync(HttpContext context, string version, string? userSegment)
    {
        if (AuthorizeMeetings(context, userSegment, write: false, out var tenant, out var user) is { } denied)
        {
            return FailAsync(context, denied);
        }

        var filters = context.Request.Query["$filter"];
        if (filters.Count != 1)
        {
            // INFERRED: listing without a filter is not supported; a repeated $filter is an OData error.
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", filters.Count == 0
                ? $"A $filter is required: {MeetingFilter.JoinWebUrl} eq '<URL-encoded join URL>' or {MeetingFilter.JoinMeetingId} eq '<id>'."
                : "The query option '$filter' was specified more than once.");
        }

        var (property, value, error) = MeetingFilter.Parse(filters[0]);
        if (error is not null)
        {
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", $"Invalid filter clause: {error}");
        }

        var found = new JsonArray();
        var include = PrefersUnknownEnumMembers(context);
        foreach (var record in meetings.For(tenant).OrganizedBy(user.Id))
        {
            // The join URL arrives URL-encoded inside the query, so after one decoding it equals the stored URL (§3.1).
            var candidate = property == MeetingFilter.JoinWebUrl ? record.JoinWebUrl : record.JoinMeetingId;
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                found.Add(OnlineMeetingSchema.Render(record.Body, include));
            }
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject
        {
            ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#users('{user.Id}')/onlineMeetings",
            ["value"] = found,
        });
    }

    /// <summary><c>PATCH /users/{id}/onlineMeetings/{meetingId}</c> → 200 with the updated meeting (§3.1).</summary>
    private async Task PatchMeetingAsync(HttpContext context, string version, string? userSegment)
    {
        if (AuthorizeMeetings(context, userSegment, write: true, out var tenant, out var user) is { } denied)
        {
            await FailAsync(context, denied).ConfigureAwait(false);
            return;
        }

        var meetingId = Uri.UnescapeDataString(context.GetRouteValue("meetingId") as string ?? string.Empty);
        var state = meetings.For(tenant);
        var record = state.Find(meetingId);
        if (record is null || !(record.IsOrganizer(user) || record.IsAttendee(user)))
        {
            await MeetingNotFoundAsync(context, meetingId, user).ConfigureAwait(false);
            return;
        }

        if (!record.IsOrganizer(user))
        {
            // INFERRED code and message: attendees may read but not update.
            await GraphErrors.WriteAsync(context, clock, 403, "Forbidden",
                $"Only the organizer can update the online meeting '{meetingId}'; user '{user.UserPrincipalName}' is an attendee.").ConfigureAwait(false);
            return;
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
            _ = body?.Count; // materialise: duplicate names throw here
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "The request body is not valid JSON (or repeats a property name).").ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "The request body must be a JSON object with the onlineMeeting properties to change.").ConfigureAwait(false);
            return;
        }

        var include = PrefersUnknownEnumMembers(context);
        var error = state.Patch(record, body, new MeetingWriteContext(tenant, record.OrganizerId, Fixture: false, include, clock.UtcNow));
        if (error is not null)
        {
            await GraphErrors.WriteAsync(context, clock, 400, "BadRequest", error).ConfigureAwait(false);
            return;
        }

        var answer = WithContext($"{server.BaseUrl}/{version}/$metadata#users('{user.Id}')/onlineMeetings/$entity",
            OnlineMeetingSchema.Render(record.Body, include));
        await JsonResponses.WriteAsync(context, 200, answer).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /users/{id}/calendar/calendarView?startDateTime=…&amp;endDateTime=…</c>: the organizer's meeting events
    /// overlapping the window, by start time, paged with <c>$top</c>/<c>$skip</c> and <c>@odata.nextLink</c> (INFERRED
    /// paging). App-only calendar access needs no application access policy.
    /// </summary>
    private Task CalendarViewAsync(HttpContext context, string version, string? userSegment)
    {
        if (AuthenticateToken(context, out var token, out var tenant) is { } invalid)
        {
            return FailAsync(context, invalid);
        }

        if (userSegment is null && !token.IsUser)
        {
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }

        // INFERRED: Outlook-style error codes for the calendar.
        if (!(token.IsUser ? token.HasAnyScope(CalendarScopes) : token.HasAnyRole(CalendarAppRoles)))
        {
            return GraphErrors.WriteAsync(context, clock, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }

        var id = userSegment is null ? token.ObjectId : Uri.UnescapeDataString(userSegment);
        var user = tenant.FindUser(id);
        if (user is null)
        {
            return GraphErrors.WriteAsync(context, clock, 404, "ErrorInvalidUser", $"The requested user '{id}' is invalid.");
        }

        if (token.IsUser && !string.Equals(user.Id, token.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return GraphErrors.WriteAsync(context, clock, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }

        var query = context.Request.Query;
        var startText = query["startDateTime"].ToString();
        var endText = query["endDateTime"].ToString();
        if (startText.Length == 0 || endText.Length == 0)
        {
            return GraphErrors.WriteAsync(context, clock, 400, "ErrorInvalidParameter",
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }

        if (!TryParseWindow(startText, out var start) || !TryParseWindow(endText, out var end))
        {
            return GraphErrors.WriteAsync(context, clock, 400, "ErrorInvalidParameter",
                $"The values of StartDateTime ('{startText}') and EndDateTime ('{endText}') must be ISO 8601 date-times.");
        }

        if (end <= start)
        {
            return GraphErrors.WriteAsync(context, clock, 400, "ErrorInvalidParameter", "EndDateTime must be later than StartDateTime.");
        }

        if (!TryQueryInt(query["$top"], CalendarDefaultTop, 1, out var top) || !TryQueryInt(query["$skip"], 0, 0, out var skip))
        {
            return GraphErrors.WriteAsync(context, clock, 400, "BadRequest", "$top must be a positive integer and $skip a non-negative integer.");
        }

        top = Math.Min(top, CalendarMaxTop);
        var events = meetings.For(tenant).OrganizedBy(user.Id).Where(r => r.Start < end && r.End > start).ToList();
        var page = new JsonArray();
        foreach (var record in events.Skip(skip).Take(top))
        {
            page.Add(CalendarEvent(record, user));
        }

        var body = new JsonObject
        {
            ["@odata.context"] = $"{server.BaseUrl}/{version}/$metadata#users('{user.Id}')/calendar/calendarView",
            ["value"] = page,
        };
        if (skip + top < events.Count)
        {
            body["@odata.nextLink"] = $"{server.BaseUrl}{context.Request.Path}?startDateTime={Uri.EscapeDataString(startText)}&endDateTime={Uri.EscapeDataString(endText)}&$top={top}&$skip={skip + top}";
        }

        return JsonResponses.WriteAsync(context, 200, body);
    }

    private static JsonObject CalendarEvent(MeetingRecord record, UserFixture organizer)
    {
        var meeting = record.Body;
        return new JsonObject
        {
            ["id"] = record.EventId,
            ["subject"] = meeting["subject"]?.DeepClone(),
            ["start"] = new JsonObject { ["dateTime"] = EventTime(record.Start), ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = EventTime(record.End), ["timeZone"] = "UTC" },
            ["isOnlineMeeting"] = true,
            ["onlineMeetingProvider"] = "teamsForBusiness",
            ["onlineMeeting"] = new JsonObject { ["joinUrl"] = record.JoinWebUrl },
            ["organizer"] = new JsonObject
            {
                ["emailAddress"] = new JsonObject { ["name"] = organizer.DisplayName, ["address"] = organizer.UserPrincipalName },
            },
        };
    }

    /// <summary>Outlook's dateTimeTimeZone form: 2026-12-01T09:00:00.0000000 (with timeZone "UTC").</summary>
    private static string EventTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static bool TryParseWindow(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool TryQueryInt(Microsoft.Extensions.Primitives.StringValues values, int fallback, int min, out int value)
    {
        value = fallback;
        if (values.Count == 0)
        {
            return true;
        }

        return values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min;
    }

    /// <summary>
    /// Permission (§3.2) → the user in the path (id or UPN; <c>/me</c> = the signed-in user) → delegated: the path user
    /// must be the signed-in user (INFERRED); app-only: an application access policy must grant the app for that user.
    /// </summary>
    private (int Status, string Code, string Message)? AuthorizeMeetings(HttpContext context, string? userSegment, bool write, out TenantFixture tenant, out UserFixture user)
    {
        user = null!;
        if (AuthenticateToken(context, out var token, out tenant) is { } invalid)
        {
            return invalid;
        }

        if (userSegment is null && !token.IsUser)
        {
            return (400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }

        var allowed = token.IsUser
            ? token.HasAnyScope(write ? [OnlineMeetingsReadWrite] : [OnlineMeetingsRead, OnlineMeetingsReadWrite])
            : token.HasAnyRole(write ? [OnlineMeetingsReadWriteAll] : [OnlineMeetingsReadAll, OnlineMeetingsReadWriteAll]);
        if (!allowed)
        {
            return (403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        var id = userSegment is null ? token.ObjectId : Uri.UnescapeDataString(userSegment);
        var found = tenant.FindUser(id);
        if (found is null)
        {
            return (404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
        }

        if (token.IsUser && !string.Equals(found.Id, token.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            // INFERRED: delegated callers reach only their own meetings (organizer or attendee) through their own id.
            return (403, "Forbidden", $"Delegated access to online meetings is limited to the signed-in user; '{id}' is not the signed-in user.");
        }

        if (!token.IsUser && !ApplicationAccessPolicies.Allows(tenant, found, token.AppId))
        {
            // §3.2 requires the policy; code and message INFERRED (reported text: "No application access policy found for this app.").
            return (403, "Forbidden", $"No application access policy found for this app. No Teams application access policy grants app '{token.AppId}' access to online meetings on behalf of user '{found.Id}'.");
        }

        user = found;
        return null;
    }

    private Task MeetingNotFoundAsync(HttpContext context, string meetingId, UserFixture user) =>
        // INFERRED code and message.
        GraphErrors.WriteAsync(context, clock, 404, "NotFound", $"The online meeting '{meetingId}' was not found for user '{user.Id}'.");

    private static bool PrefersUnknownEnumMembers(HttpContext context) =>
        OnlineMeetingSchema.PrefersUnknownEnumMembers(context.Request.Headers["Prefer"]);

    private static JsonObject WithContext(string odataContext, JsonObject meeting)
    {
        var result = new JsonObject { ["@odata.context"] = odataContext };
        foreach (var (key, value) in meeting.ToList())
        {
            meeting.Remove(key);
            result[key] = value;
        }

        return result;
    }
}
