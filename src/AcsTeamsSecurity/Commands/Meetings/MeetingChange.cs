using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;

namespace AcsTeamsSecurity.Commands.Meetings
{
    /// <summary>One setting a meeting cmdlet changes: its name, how to read it, and how to write it into a PATCH body.</summary>
    internal sealed class MeetingSetting
    {
        internal MeetingSetting(string name, object value, Func<MeetingExternalAccess, object?> read, Action<JsonObject, object> write)
        {
            Name = name;
            Value = value;
            Read = read;
            Write = write;
        }

        internal string Name { get; }

        internal object Value { get; }

        internal Func<MeetingExternalAccess, object?> Read { get; }

        internal Action<JsonObject, object> Write { get; }
    }

    /// <summary>
    /// How meeting changes are made, one meeting or thousands: targets are resolved (organizers by UPN and unknown
    /// meetings read in Graph batches), each meeting's before -> after goes through ShouldProcess (-WhatIf sends no
    /// PATCH), loosening changes are confirmed once for the lot, then the PATCHes go out in batches of 20; a failed
    /// or throttled meeting never stops the others, and each failure is its own error record.
    /// </summary>
    internal static class MeetingChange
    {
        internal static void Run(AcsTeamsCmdlet cmdlet, Session.AcsTeamsSecurityContext context, IReadOnlyList<MeetingTarget> targets, IReadOnlyList<MeetingSetting> settings, bool force, bool passThru)
        {
            if (targets.Count == 0)
            {
                return;
            }

            var service = new OnlineMeetingService(context.Clients);
            var failed = new List<(MeetingTarget, AcsTeamsSecurityException)>();
            cmdlet.Run(ct => service.ResolveAsync(targets, (t, e) => failed.Add((t, e)), ct));
            foreach (var (target, error) in failed)
            {
                cmdlet.WriteFailure(error, target.Label);
            }

            var planned = new List<(MeetingTarget Target, JsonObject Patch, bool Loosens)>();
            foreach (var target in targets.Where(t => t.Known is not null && !failed.Any(f => f.Item1 == t)))
            {
                var meeting = target.Known!;
                var patch = new JsonObject();
                var text = new StringBuilder();
                var loosens = false;
                foreach (var setting in settings)
                {
                    var before = setting.Read(meeting);
                    if (PolicyMapper.SameValue(before, setting.Value))
                    {
                        continue;
                    }

                    var direction = ChangeImpact.Classify(setting.Name, before, setting.Value);
                    loosens |= direction == ChangeDirection.Loosening;
                    setting.Write(patch, setting.Value);
                    text.Append(System.Environment.NewLine).Append("  ").Append(setting.Name).Append(": ").Append(PolicyMapper.Display(before)).Append(" -> ").Append(PolicyMapper.Display(setting.Value));
                    if (direction == ChangeDirection.Loosening)
                    {
                        text.Append("  (loosens security)");
                    }
                }

                if (patch["lobbyBypassSettings"] is JsonObject lobby)
                {
                    // Send the whole lobby object: a partial one might be taken as a replacement and reset the other value.
                    if (lobby["scope"] is null && meeting.LobbyBypassScope is { } scope && scope != LobbyBypassScope.UnknownFutureValue)
                    {
                        lobby["scope"] = OnlineMeetingMapper.Wire(scope);
                    }

                    if (lobby["isDialInBypassEnabled"] is null && meeting.IsDialInBypassEnabled is { } dialIn)
                    {
                        lobby["isDialInBypassEnabled"] = dialIn;
                    }
                }

                if (patch.Count == 0)
                {
                    cmdlet.NothingToChange($"{target.Label} already has these settings");
                    if (passThru)
                    {
                        cmdlet.WriteObject(meeting);
                    }

                    continue;
                }

                var description = $"{(loosens ? "LOOSEN" : "Change")} meeting '{meeting.Subject}' of {target.Organizer} ({meeting.StartDateTime:u}):{text}";
                if (cmdlet.ShouldProcess(description, description, "Confirm"))
                {
                    planned.Add((target, patch, loosens));
                }
            }

            if (planned.Count == 0)
            {
                return;
            }

            var loosening = planned.Count(p => p.Loosens);
            if (loosening > 0 && !cmdlet.ConfirmLoosening($"{loosening} meeting(s) will let more people in or do more (for example everyone, anonymous and ACS users included, bypasses the lobby). Continue?", force))
            {
                return;
            }

            cmdlet.RunStreaming(async (sink, ct) =>
            {
                var total = planned.Count;
                var results = await service.PatchAsync(planned.Select(p => (p.Target, p.Patch)).ToList(), done => sink.Progress("Changing online meetings", $"{done} of {total}", total == 0 ? 100 : Math.Min(99, done * 100 / total)), ct).ConfigureAwait(false);
                sink.Progress("Changing online meetings", "Done", 100);
                var ok = 0;
                foreach (var (target, updated, error) in results)
                {
                    if (error is not null)
                    {
                        sink.Error(error);
                        continue;
                    }

                    ok++;
                    if (passThru && updated is not null)
                    {
                        sink.Output(updated);
                    }
                }

                sink.Verbose($"Changed {ok} of {total} meeting(s); {total - ok} failed.");
            });
        }

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
