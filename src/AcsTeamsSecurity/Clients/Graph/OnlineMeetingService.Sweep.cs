using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Graph
{
    /// <summary>The organizer sweep: many calendars read through Graph JSON batches of 20.</summary>
    internal sealed partial class OnlineMeetingService
    {
        /// <summary>
        /// Join URLs of the Teams meetings in the calendars of many organizers, read 20 calendar views per Graph
        /// <c>$batch</c> (a further page of one calendar is read on its own). Each organizer has its URLs or its error:
        /// one organizer's failure never hides the others.
        /// </summary>
        internal async Task<IReadOnlyDictionary<string, (IReadOnlyList<string> Urls, AcsTeamsSecurityException? Error)>> JoinUrlsBatchAsync(IReadOnlyList<string> organizerIds, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
        {
            var window = $"startDateTime={Uri.EscapeDataString(start.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&endDateTime={Uri.EscapeDataString(end.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&$top=200&$select=id,subject,isOnlineMeeting,onlineMeeting";
            var ids = organizerIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var requests = ids.Select((id, i) => new GraphBatchRequest("c" + i.ToString(CultureInfo.InvariantCulture), "GET", $"/users/{Uri.EscapeDataString(id)}/calendar/calendarView?{window}")).ToList();
            var answers = requests.Count == 0
                ? new Dictionary<string, GraphBatchResponse>()
                : await _graph.BatchAsync("v1.0", requests, "reading organizers' calendars", null, null, cancellationToken).ConfigureAwait(false);
            var results = new Dictionary<string, (IReadOnlyList<string>, AcsTeamsSecurityException?)>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < ids.Count; i++)
            {
                var organizerId = ids[i];
                if (!answers.TryGetValue(requests[i].Id, out var answer))
                {
                    results[organizerId] = (Array.Empty<string>(), ErrorFactory.ServiceResponseInvalid(Strings.ServiceResponseInvalid_NoCalendarAnswer, organizerId).With(target: organizerId));
                    continue;
                }

                if (answer.Status == 404)
                {
                    results[organizerId] = (Array.Empty<string>(), ErrorFactory.UserNotFound(Strings.UserNotFound_ThereIsNoUser, organizerId).With(target: organizerId));
                    continue;
                }

                if (!answer.IsSuccess || answer.Body is not JsonObject)
                {
                    results[organizerId] = (Array.Empty<string>(), _graph.ItemError(answer, $"reading the calendar of {organizerId}", null));
                    continue;
                }

                try
                {
                    var urls = new List<string>();
                    var body = answer.Body as JsonObject;
                    for (var page = 0; body is not null && page < 500; page++)
                    {
                        foreach (var item in (body["value"] as JsonArray) ?? new JsonArray())
                        {
                            var url = item?["onlineMeeting"]?["joinUrl"]?.GetValue<string>();
                            if (item?["isOnlineMeeting"]?.GetValue<bool>() == true && !string.IsNullOrEmpty(url))
                            {
                                urls.Add(url!);
                            }
                        }

                        var next = body["@odata.nextLink"]?.GetValue<string>();
                        body = next is null ? null : await _graph.GetAsync(next, $"reading the calendar of {organizerId}", null, cancellationToken).ConfigureAwait(false);
                    }

                    results[organizerId] = (urls.Distinct(StringComparer.Ordinal).ToList(), null);
                }
                catch (AcsTeamsSecurityException ex)
                {
                    results[organizerId] = (Array.Empty<string>(), ex);
                }
            }

            return results;
        }
    }
}
