using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>
    /// The three ways users name online meetings (join links, meeting ids with their organizer, piped meetings), shared
    /// by the meeting cmdlets: the parameter set names and the targets they become.
    /// </summary>
    internal static class MeetingInput
    {
        /// <summary>The parameter set of -JoinWebUrl.</summary>
        internal const string JoinUrlSet = "JoinWebUrl";

        /// <summary>The parameter set of -MeetingId with -Organizer.</summary>
        internal const string MeetingIdSet = "MeetingId";

        /// <summary>The parameter set of a piped meeting (-InputObject).</summary>
        internal const string ObjectSet = "InputObject";

        /// <summary>Builds targets from the three ways users name meetings; malformed input is an error before any request.</summary>
        internal static List<MeetingTarget> Targets(AcsTeamsCmdlet cmdlet, string[]? joinWebUrls, string[]? meetingIds, string? organizer, MeetingExternalAccess[]? objects)
        {
            var targets = new List<MeetingTarget>();
            foreach (var url in joinWebUrls ?? Array.Empty<string>())
            {
                try
                {
                    var parsed = JoinWebUrl.Parse(url);
                    if (parsed.Kind == JoinLinkKind.Short)
                    {
                        // A short link names no organizer, so Graph cannot be asked for it here (docs/CONTRACTS.md, "Graph").
                        var error = new AcsTeamsSecurityException(ErrorIds.MeetingNotResolved, ErrorCategory.InvalidArgument, $"The meeting {url} could not be resolved: a short /meet/ link does not name its organizer. Run Get-MeetingExternalAccess -Organizer <organizer> (it finds short-link meetings in the organizer's calendar), or give -MeetingId with -Organizer, or the full meetup-join link from the invitation.") { Target = url };
                        cmdlet.WriteWarning(error.Message);
                        cmdlet.WriteFailure(error);
                        continue;
                    }

                    targets.Add(new MeetingTarget(parsed.OrganizerId!, parsed.OrganizerId, null, new MeetingJoinLink(parsed.Value, parsed.Filter, parsed.Kind == JoinLinkKind.Short), null));
                }
                catch (AcsTeamsSecurityException ex)
                {
                    cmdlet.WriteFailure(ex);
                }
            }

            foreach (var id in meetingIds ?? Array.Empty<string>())
            {
                if (id.Length > 512 || id.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#' || c == '\''))
                {
                    cmdlet.WriteFailure(new AcsTeamsSecurityException(ErrorIds.MeetingIdInvalid, ErrorCategory.InvalidArgument, $"'{id}' is not an online meeting id.") { Target = id });
                    continue;
                }

                targets.Add(new MeetingTarget(organizer!, Guid.TryParse(organizer, out var g) ? g.ToString() : null, id, null, null));
            }

            foreach (var meeting in objects ?? Array.Empty<MeetingExternalAccess>())
            {
                targets.Add(new MeetingTarget(meeting.Organizer, meeting.OrganizerId, meeting.MeetingId, null, meeting));
            }

            return targets;
        }
    }
}
