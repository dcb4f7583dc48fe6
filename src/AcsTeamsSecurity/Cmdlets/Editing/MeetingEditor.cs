using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;

namespace AcsTeamsSecurity.Cmdlets.Editing
{
    /// <summary>One setting a meeting cmdlet changes: its name (the MeetingExternalAccess property), its new value, and how to write it into a PATCH body.</summary>
    internal sealed class MeetingSetting
    {
        internal MeetingSetting(string name, object value, Action<JsonObject, object> write)
        {
            Name = name;
            Value = value;
            Write = write;
        }

        internal string Name { get; }

        internal object Value { get; }

        internal Action<JsonObject, object> Write { get; }
    }

    /// <summary>
    /// How meeting changes are made, one meeting or thousands: targets are resolved (organizers by UPN and unknown
    /// meetings read in Graph batches), each meeting's change is planned (<see cref="MeetingPlan"/>) and its
    /// before -> after goes through ShouldProcess (-WhatIf sends no PATCH), loosening changes are confirmed once for
    /// the lot (unless -Force), then the PATCHes go out in batches of 20; a failed or throttled meeting never stops the
    /// others, and each failure is its own error record.
    /// </summary>
    internal static class MeetingEditor
    {
        internal static void Run(AcsTeamsCmdlet cmdlet, AcsTeamsSecurityContext context, IReadOnlyList<MeetingTarget> targets, IReadOnlyList<MeetingSetting> settings, bool force, bool passThru)
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

            var desired = settings.ToDictionary(s => s.Name, s => (object?)s.Value);
            var planned = new List<(MeetingTarget Target, JsonObject Patch, bool Loosens)>();
            foreach (var target in targets.Where(t => t.Known is not null && !failed.Any(f => f.Item1 == t)))
            {
                var plan = MeetingPlan.Plan(target.Known!, desired);
                if (plan.IsEmpty)
                {
                    cmdlet.NothingToChange($"{target.Label} already has these settings");
                    if (passThru)
                    {
                        cmdlet.WriteObject(plan.Meeting);
                    }

                    continue;
                }

                var description = plan.Describe(target.Organizer);
                if (cmdlet.ShouldProcess(description, description, "Confirm"))
                {
                    planned.Add((target, Patch(plan, settings), plan.Loosens));
                }
            }

            if (planned.Count == 0)
            {
                return;
            }

            var loosening = planned.Count(p => p.Loosens);
            if (loosening > 0 && !cmdlet.ConfirmLoosening(MeetingPlan.LooseningQuestion(loosening), force))
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

        /// <summary>The PATCH body of a planned meeting change: the changed settings only, and the lobby object whole.</summary>
        private static JsonObject Patch(MeetingPlan plan, IReadOnlyList<MeetingSetting> settings)
        {
            var patch = new JsonObject();
            foreach (var change in plan.Changes)
            {
                var setting = settings.First(s => s.Name == change.Setting);
                setting.Write(patch, setting.Value);
            }

            if (patch["lobbyBypassSettings"] is JsonObject lobby)
            {
                // Send the whole lobby object: a partial one might be taken as a replacement and reset the other value.
                var meeting = plan.Meeting;
                if (lobby["scope"] is null && meeting.LobbyBypassScope is { } scope && scope != LobbyBypassScope.UnknownFutureValue)
                {
                    lobby["scope"] = OnlineMeetingMapper.Wire(scope);
                }

                if (lobby["isDialInBypassEnabled"] is null && meeting.IsDialInBypassEnabled is { } dialIn)
                {
                    lobby["isDialInBypassEnabled"] = dialIn;
                }
            }

            return patch;
        }
    }
}
