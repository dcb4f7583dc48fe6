using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Clients.Graph
{
    /// <summary>
    /// What Graph needs to find a meeting by its join link: the link as given, the <c>$filter</c> that finds it, and whether
    /// it is a short <c>/meet/</c> link (whose organizer Graph reports, rather than the link naming it). Parsing the link
    /// is domain logic (Domain/Meetings/JoinWebUrl); this is only its result.
    /// </summary>
    internal sealed class MeetingJoinLink
    {
        internal MeetingJoinLink(string value, string filter, bool isShort)
        {
            Value = value;
            Filter = filter;
            IsShort = isShort;
        }

        internal string Value { get; }

        internal string Filter { get; }

        internal bool IsShort { get; }
    }

    /// <summary>One meeting to read or change: by join URL, by id and organizer, or already read.</summary>
    internal sealed class MeetingTarget
    {
        internal MeetingTarget(string organizer, string? organizerId, string? meetingId, MeetingJoinLink? joinWebUrl, MeetingExternalAccess? known)
        {
            Organizer = organizer;
            OrganizerId = organizerId;
            MeetingId = meetingId;
            JoinWebUrl = joinWebUrl;
            Known = known;
        }

        internal string Organizer { get; }

        internal string? OrganizerId { get; set; }

        internal string? MeetingId { get; }

        internal MeetingJoinLink? JoinWebUrl { get; }

        internal MeetingExternalAccess? Known { get; set; }

        /// <summary>Found in the organizer's calendar (not named by the caller): a meeting that cannot be resolved is MeetingNotResolved.</summary>
        internal bool Discovered { get; set; }

        /// <summary>A short link in the user's calendar that resolved to a meeting another user organizes (an invitation).</summary>
        internal bool OrganizedByOther { get; set; }

        internal string Label => JoinWebUrl?.Value ?? Known?.JoinWebUrl ?? (MeetingId is null ? Organizer : $"{MeetingId} ({Organizer})");
    }

    /// <summary>
    /// Online meetings through Graph v1.0 (api-facts §3): lookups by join URL or id, calendar view for date ranges,
    /// and bulk changes as JSON batches of 20 with each throttled item retried after its own Retry-After.
    /// Every request asks for evolvable enum members (Prefer: include-unknown-enum-members).
    /// </summary>
    internal sealed class OnlineMeetingService
    {
        internal const string ReadPermission = "the Graph application permission OnlineMeetings.Read.All or OnlineMeetings.ReadWrite.All (and an application access policy for the organizer), or a user sign-in as the organizer";
        internal const string WritePermission = "the Graph application permission OnlineMeetings.ReadWrite.All (and an application access policy for the organizer), or a user sign-in as the organizer with OnlineMeetings.ReadWrite";
        internal const string CalendarPermission = "the Graph application permission Calendars.Read, or a user sign-in with Calendars.Read";

        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;
        private readonly GraphJsonClient _graph;

        internal OnlineMeetingService(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
            _graph = clients.GraphJson();
        }

        /// <summary>Fills in organizer ids (UPNs looked up in batches) and reads the meetings not yet known, in batches.</summary>
        internal async Task ResolveAsync(IReadOnlyList<MeetingTarget> targets, Action<MeetingTarget, AcsTeamsSecurityException> fail, CancellationToken cancellationToken)
        {
            var needIds = targets.Where(t => t.OrganizerId is null).Select(t => t.Organizer).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (needIds.Count > 0)
            {
                var users = await new TeamsPolicyService(_clients).ResolveUsersAsync(needIds, cancellationToken).ConfigureAwait(false);
                foreach (var target in targets.Where(t => t.OrganizerId is null))
                {
                    var (_, user, error) = users.First(u => string.Equals(u.Input, target.Organizer, StringComparison.OrdinalIgnoreCase));
                    if (user is null)
                    {
                        fail(target, error!);
                    }
                    else
                    {
                        target.OrganizerId = user.Id;
                    }
                }
            }

            var reads = targets.Where(t => t.Known is null && t.OrganizerId is not null).ToList();
            var requests = reads.Select((t, i) => new GraphBatchRequest("m" + i.ToString(CultureInfo.InvariantCulture), "GET", t.JoinWebUrl is not null
                ? $"/users/{Uri.EscapeDataString(t.OrganizerId!)}/onlineMeetings?$filter={Uri.EscapeDataString(t.JoinWebUrl.Filter)}"
                : $"/users/{Uri.EscapeDataString(t.OrganizerId!)}/onlineMeetings/{Uri.EscapeDataString(t.MeetingId!)}")).ToList();
            if (requests.Count == 0)
            {
                return;
            }

            var answers = await _graph.BatchAsync("v1.0", requests, "reading online meetings", ReadPermission, null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < reads.Count; i++)
            {
                var target = reads[i];
                if (!answers.TryGetValue(requests[i].Id, out var answer))
                {
                    fail(target, new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"Graph returned no answer for {target.Label} in a batch."));
                    continue;
                }

                if (!answer.IsSuccess)
                {
                    fail(target, Error(answer, target, $"reading {target.Label}", ReadPermission));
                    continue;
                }

                var meeting = target.JoinWebUrl is not null ? (answer.Body?["value"] as JsonArray)?.FirstOrDefault() : answer.Body;
                if (meeting is null)
                {
                    fail(target, target.Discovered ? NotResolved(target, "Graph found no meeting of this organizer for it") : NotFound(target));
                    continue;
                }

                var organizer = meeting["participants"]?["organizer"]?["identity"]?["user"]?["id"]?.GetValue<string>();
                if (target.JoinWebUrl?.IsShort == true && organizer is not null && !string.Equals(organizer, target.OrganizerId, StringComparison.OrdinalIgnoreCase))
                {
                    target.OrganizedByOther = true;
                    continue;
                }

                target.Known = OnlineMeetingMapper.Read(meeting, target.Organizer, target.OrganizerId!);
            }
        }

        /// <summary>Join URLs of an organizer's Teams meetings in a date range, from the calendar view.</summary>
        internal async Task<IReadOnlyList<string>> JoinUrlsAsync(string organizerId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
        {
            var urls = new List<string>();
            string? next = $"v1.0/users/{Uri.EscapeDataString(organizerId)}/calendar/calendarView?startDateTime={Uri.EscapeDataString(start.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&endDateTime={Uri.EscapeDataString(end.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&$top=200&$select=id,subject,isOnlineMeeting,onlineMeeting";
            for (var page = 0; next is not null && page < 500; page++)
            {
                var body = await _graph.GetAsync(next, $"reading the calendar of {organizerId}", CalendarPermission, cancellationToken).ConfigureAwait(false)
                    ?? throw new AcsTeamsSecurityException(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, $"There is no user '{organizerId}' (or no calendar).") { Target = organizerId };
                foreach (var item in (body["value"] as JsonArray) ?? new JsonArray())
                {
                    var url = item?["onlineMeeting"]?["joinUrl"]?.GetValue<string>();
                    if (item?["isOnlineMeeting"]?.GetValue<bool>() == true && !string.IsNullOrEmpty(url))
                    {
                        urls.Add(url!);
                    }
                }

                next = body["@odata.nextLink"]?.GetValue<string>();
            }

            return urls.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>PATCHes many meetings in batches of 20; returns each target's updated meeting or error.</summary>
        internal async Task<IReadOnlyList<(MeetingTarget Target, MeetingExternalAccess? Updated, AcsTeamsSecurityException? Error)>> PatchAsync(IReadOnlyList<(MeetingTarget Target, JsonObject Patch)> changes, Action<int>? progress, CancellationToken cancellationToken)
        {
            var requests = changes.Select((c, i) => new GraphBatchRequest("p" + i.ToString(CultureInfo.InvariantCulture), "PATCH", $"/users/{Uri.EscapeDataString(c.Target.OrganizerId!)}/onlineMeetings/{Uri.EscapeDataString(c.Target.Known!.MeetingId)}", c.Patch)).ToList();
            var answers = await _graph.BatchAsync("v1.0", requests, "changing online meetings", WritePermission, progress, cancellationToken).ConfigureAwait(false);
            var results = new List<(MeetingTarget, MeetingExternalAccess?, AcsTeamsSecurityException?)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var target = changes[i].Target;
                if (!answers.TryGetValue(requests[i].Id, out var answer))
                {
                    results.Add((target, null, new AcsTeamsSecurityException(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, $"Graph returned no answer for {target.Label} in a batch.")));
                }
                else if (!answer.IsSuccess)
                {
                    results.Add((target, null, Error(answer, target, $"changing {target.Label}", WritePermission)));
                }
                else
                {
                    results.Add((target, answer.Body is null ? null : OnlineMeetingMapper.Read(answer.Body, target.Organizer, target.OrganizerId!), null));
                }
            }

            return results;
        }

        private AcsTeamsSecurityException Error(GraphBatchResponse answer, MeetingTarget target, string activity, string permission)
        {
            if (answer.Status == 404)
            {
                return NotFound(target);
            }

            var error = _graph.ItemError(answer, activity, permission);
            if (answer.Status == 403 && IsAppOnly())
            {
                var app = _context.ClientId ?? "<app id>";
                return new AcsTeamsSecurityException(
                    ErrorIds.ApplicationAccessPolicyMissing,
                    ErrorCategory.PermissionDenied,
                    $"Graph refused {activity}: app-only access to online meetings needs a Teams application access policy that grants this app ({app}) for organizer {target.Organizer}. A Teams administrator runs, in the MicrosoftTeams module: New-CsApplicationAccessPolicy -Identity MeetingsAudit -AppIds {CommandText.Argument(app)}; then Grant-CsApplicationAccessPolicy -PolicyName MeetingsAudit -Identity {CommandText.Argument(target.Organizer)} (or -Global for every organizer). ({error.Message})",
                    error)
                {
                    Target = target.Label,
                    Service = error.Service,
                    Status = 403,
                    RequestId = error.RequestId,
                    ServiceErrorCode = error.ServiceErrorCode,
                };
            }

            error.Target = target.Label;
            return error;
        }

        private bool IsAppOnly()
        {
            if (_context.AuthMode == AuthMode.DeviceCode || _context.AuthMode == AuthMode.Interactive)
            {
                return false;
            }

            // Brought tokens can be either: a delegated Graph token carries scopes, an app token roles.
            var graph = _context.Tokens.FirstOrDefault(t => t.Service == AcsTeamsService.Graph);
            return graph is null || graph.Scopes.Count == 0;
        }

        /// <summary>A meeting known only by its link that cannot be resolved through Graph: reported per meeting, never dropped.</summary>
        internal static AcsTeamsSecurityException NotResolved(MeetingTarget target, string why) =>
            new AcsTeamsSecurityException(ErrorIds.MeetingNotResolved, ErrorCategory.ObjectNotFound, $"The meeting {target.Label} of {target.Organizer} could not be resolved: {why}. Its settings were not read; check it in Teams or give its id with -MeetingId and -Organizer.") { Target = target.Label };

        private static AcsTeamsSecurityException NotFound(MeetingTarget target) =>
            new AcsTeamsSecurityException(ErrorIds.MeetingNotFound, ErrorCategory.ObjectNotFound, $"No online meeting of {target.Organizer} matches {target.Label}. It was deleted, or another user organizes it.") { Target = target.Label };
    }
}
