using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>One answer of Test-ExternalUserAccess, with the setting that decided it.</summary>
    public sealed class AccessDecision
    {
        internal AccessDecision(string question, string answer, string setting, string? value, string source, PolicyAssignmentType assignmentType, string? fixCommand, string reason)
        {
            Question = question;
            Answer = answer;
            Setting = setting;
            Value = value;
            Source = source;
            AssignmentType = assignmentType;
            FixCommand = fixCommand;
            Reason = reason;
        }

        /// <summary>What was asked (CanJoin, Lobby, CanStartMeeting, CanChat, CanPresent, CanDialOut, Label).</summary>
        public string Question { get; }

        /// <summary>The answer (Yes, No, Bypass, Lobby, External, Unverified...).</summary>
        public string Answer { get; }

        /// <summary>The setting that decided it, as Type.Property.</summary>
        public string Setting { get; }

        /// <summary>The setting's value.</summary>
        public string? Value { get; }

        /// <summary>Where the value comes from: the policy instance, or the tenant configuration.</summary>
        public string Source { get; }

        /// <summary>How the policy reached the organizer.</summary>
        public PolicyAssignmentType AssignmentType { get; }

        /// <summary>A command of this module that would change the answer, or null.</summary>
        public string? FixCommand { get; }

        /// <summary>Why, in one sentence.</summary>
        public string Reason { get; }
    }

    /// <summary>Whether and how an ACS user joins meetings organized by one organizer.</summary>
    public sealed class ExternalUserAccessResult
    {
        internal ExternalUserAccessResult(string organizer, string organizerId, string? acsResourceId, IReadOnlyList<AccessDecision> decisions)
        {
            Organizer = organizer;
            OrganizerId = organizerId;
            AcsResourceId = acsResourceId;
            Decisions = decisions;
        }

        /// <summary>The organizer as given (UPN or id).</summary>
        public string Organizer { get; }

        /// <summary>The organizer's object id.</summary>
        public string OrganizerId { get; }

        /// <summary>The ACS resource the user comes from, when given.</summary>
        public string? AcsResourceId { get; }

        /// <summary>The ACS user can join; null when it depends on the organizer's effective policies, which could not be read (Source Unknown).</summary>
        public bool? CanJoin { get; internal set; }

        /// <summary>How: AcsFederation (allowed resource), Anonymous, None, or Unknown.</summary>
        public string JoinPath { get; internal set; } = "None";

        /// <summary>The ACS user waits in the lobby (policy default; organizers can change it per meeting); null when unknown.</summary>
        public bool? WaitsInLobby { get; internal set; }

        /// <summary>The ACS user can start the meeting without a Teams user; null when unknown.</summary>
        public bool? CanStartMeeting { get; internal set; }

        /// <summary>The ACS user can use meeting chat; null when unknown.</summary>
        public bool? CanChat { get; internal set; }

        /// <summary>The ACS user is a presenter by default; null when unknown.</summary>
        public bool? CanPresent { get; internal set; }

        /// <summary>The ACS user can dial out to phones; null when unknown.</summary>
        public bool? CanDialOut { get; internal set; }

        /// <summary>How Teams labels the ACS user: External or Unverified.</summary>
        public string Label { get; internal set; } = "Unverified";

        /// <summary>The meeting policy that applies, and how it was assigned.</summary>
        public string MeetingPolicy { get; internal set; } = "Global";

        /// <summary>The external access policy that applies, and how it was assigned.</summary>
        public string ExternalAccessPolicy { get; internal set; } = "Global";

        /// <summary>
        /// Where the organizer's policies come from: EffectivePolicies (read from Graph's user configuration), or Unknown
        /// (they could not be read, or the cloud does not offer them): then only tenant-wide answers are given, the rest is null.
        /// </summary>
        public string Source { get; internal set; } = "EffectivePolicies";

        /// <summary>Every answer with the setting, value, source and fix.</summary>
        public IReadOnlyList<AccessDecision> Decisions { get; }

        /// <summary>The decisions that keep the ACS user out, or an empty list.</summary>
        public IReadOnlyList<AccessDecision> BlockedBy { get; internal set; } = Array.Empty<AccessDecision>();
    }

    /// <summary>A policy instance as it applies to one user, and how it got there.</summary>
    internal sealed class EffectivePolicy<T>
        where T : class
    {
        internal EffectivePolicy(T settings, string identity, PolicyAssignmentType assignmentType, string? groupId = null)
        {
            Settings = settings;
            Identity = identity;
            AssignmentType = assignmentType;
            GroupId = groupId;
        }

        internal T Settings { get; }

        internal string Identity { get; }

        internal PolicyAssignmentType AssignmentType { get; }

        internal string? GroupId { get; }

        internal string Describe(string type) =>
            AssignmentType switch
            {
                PolicyAssignmentType.Group => $"{type} {Identity} (group {GroupId})",
                PolicyAssignmentType.Direct => $"{type} {Identity} (direct)",
                _ => $"{type} Global (organization-wide default)",
            };
    }
}
