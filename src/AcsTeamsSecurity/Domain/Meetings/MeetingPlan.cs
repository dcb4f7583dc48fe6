using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Domain.Meetings
{
    /// <summary>
    /// The plan of one online meeting's change, computed without any I/O from the meeting as it is and the settings
    /// asked for: which settings really change, whether that loosens security, and how it reads in a confirmation.
    /// Cmdlets.Editing.MeetingEditor prompts with it and sends the PATCHes.
    /// </summary>
    internal sealed class MeetingPlan
    {
        private MeetingPlan(MeetingExternalAccess meeting, IReadOnlyList<SettingChange> changes)
        {
            Meeting = meeting;
            Changes = changes;
        }

        /// <summary>The meeting as it is now.</summary>
        internal MeetingExternalAccess Meeting { get; }

        /// <summary>The settings that differ from what the meeting has now, in the order asked for.</summary>
        internal IReadOnlyList<SettingChange> Changes { get; }

        /// <summary>True when the meeting already has every value asked for.</summary>
        internal bool IsEmpty => Changes.Count == 0;

        /// <summary>True when any change lets more people in or lets them do more.</summary>
        internal bool Loosens => Changes.Any(c => c.Loosens);

        /// <summary>Plans setting <paramref name="desired"/> (meeting property name to value) on <paramref name="meeting"/>.</summary>
        internal static MeetingPlan Plan(MeetingExternalAccess meeting, IReadOnlyDictionary<string, object?> desired) =>
            new MeetingPlan(meeting, SettingChange.Between(meeting, desired));

        /// <summary>The question asked once for all loosening meeting changes of one run.</summary>
        internal static string LooseningQuestion(int meetings) =>
            $"{meetings} meeting(s) will let more people in or do more (for example everyone, anonymous and ACS users included, bypasses the lobby). Continue?";

        /// <summary>The confirmation text: titled LOOSEN when any setting loosens, the meeting, then one line per setting.</summary>
        internal string Describe(string organizer) =>
            $"{(Loosens ? "LOOSEN" : "Change")} meeting '{Meeting.Subject}' of {organizer} ({Meeting.StartDateTime:u}):"
            + string.Concat(Changes.Select(c => System.Environment.NewLine + c.Line));
    }
}
