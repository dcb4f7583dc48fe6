using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Meetings
{
    /// <summary>
    /// <para type="synopsis">Gets online meetings' settings for external participants: lobby bypass, presenters, chat, camera and mic, renaming, announcements.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MeetingExternalAccess", DefaultParameterSetName = JoinUrlSet)]
    [OutputType(typeof(MeetingExternalAccess))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "OnlineMeetings.Read.All", "OnlineMeetings.ReadWrite.All" }, Delegated = new[] { "OnlineMeetings.Read", "OnlineMeetings.ReadWrite" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "Calendars.Read" }, Delegated = new[] { "Calendars.Read" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "User.Read.All" }, Delegated = new[] { "User.Read.All" })]
    public sealed class GetMeetingExternalAccessCommand : ConnectedCmdlet
    {
        private const string JoinUrlSet = MeetingInput.JoinUrlSet;
        private const string MeetingIdSet = MeetingInput.MeetingIdSet;
        private const string OrganizerSet = "Organizer";
        private readonly List<MeetingTarget> _targets = new List<MeetingTarget>();
        private readonly List<string> _organizers = new List<string>();

        /// <summary>Join URLs, as participants paste them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JoinUrlSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? JoinWebUrl { get; set; }

        /// <summary>Online meeting ids (with -Organizer).</summary>
        [Parameter(Mandatory = true, ParameterSetName = MeetingIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? MeetingId { get; set; }

        /// <summary>The organizer (UPN or object id); with -StartDateTime/-EndDateTime, every meeting of these organizers in the range.</summary>
        [Parameter(Mandatory = true, ParameterSetName = MeetingIdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = OrganizerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "UserId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.OrganizerCompleter))]
        public string[]? Organizer { get; set; }

        /// <summary>Start of the range (default: now).</summary>
        [Parameter(ParameterSetName = OrganizerSet)]
        public DateTime? StartDateTime { get; set; }

        /// <summary>End of the range (default: 30 days after the start).</summary>
        [Parameter(ParameterSetName = OrganizerSet)]
        public DateTime? EndDateTime { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            switch (ParameterSetName)
            {
                case JoinUrlSet:
                    _targets.AddRange(MeetingInput.Targets(this, JoinWebUrl, null, null, null));
                    break;
                case MeetingIdSet:
                    if (Organizer!.Length != 1 || !UserInput.IsUser(Organizer[0]))
                    {
                        WriteFailure(new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, "With -MeetingId, give exactly one -Organizer as a user principal name or object id.") { Target = string.Join(",", Organizer) });
                        return;
                    }

                    _targets.AddRange(MeetingInput.Targets(this, null, MeetingId, Organizer[0], null));
                    break;
                default:
                    foreach (var organizer in Organizer!)
                    {
                        if (UserInput.IsUser(organizer))
                        {
                            _organizers.Add(organizer);
                        }
                        else
                        {
                            WriteFailure(new AcsTeamsSecurityException(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, $"'{organizer}' is not a user principal name (user@domain) or an object id.") { Target = organizer });
                        }
                    }

                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            var context = ActiveContext;
            var service = new OnlineMeetingService(context.Clients);
            if (_organizers.Count > 0)
            {
                var start = StartDateTime.HasValue ? new DateTimeOffset(StartDateTime.Value.ToUniversalTime()) : DateTimeOffset.UtcNow;
                var end = EndDateTime.HasValue ? new DateTimeOffset(EndDateTime.Value.ToUniversalTime()) : start.AddDays(30);
                if (end <= start)
                {
                    ThrowFailure(new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "-EndDateTime must be after -StartDateTime."));
                }

                var users = Run(ct => new TeamsPolicyService(context.Clients).ResolveUsersAsync(_organizers, ct));
                foreach (var (input, user, error) in users)
                {
                    if (user is null)
                    {
                        WriteFailure(error!);
                        continue;
                    }

                    try
                    {
                        var urls = Run(ct => service.JoinUrlsAsync(user.Id, start, end, ct));
                        WriteVerbose($"{input}: {urls.Count} Teams meeting(s) between {start:u} and {end:u}.");
                        foreach (var url in urls)
                        {
                            AcsTeamsSecurity.Domain.Meetings.JoinWebUrl parsed;
                            try
                            {
                                parsed = AcsTeamsSecurity.Domain.Meetings.JoinWebUrl.Parse(url);
                            }
                            catch (AcsTeamsSecurityException ex)
                            {
                                // A link the module cannot read is reported, never dropped (docs/CONTRACTS.md, "Graph").
                                WriteUnresolved(new AcsTeamsSecurityException(ErrorIds.MeetingNotResolved, ErrorCategory.InvalidData, $"A Teams meeting in the calendar of {input} could not be resolved: {ex.Message}", ex) { Target = url });
                                continue;
                            }

                            if (parsed.Kind == AcsTeamsSecurity.Domain.Meetings.JoinLinkKind.MeetupJoin && !string.Equals(parsed.OrganizerId, user.Id, StringComparison.OrdinalIgnoreCase))
                            {
                                // The calendar also holds meetings the user was only invited to.
                                WriteVerbose($"{input}: skipped a meeting organized by {parsed.OrganizerId}.");
                                continue;
                            }

                            // Short links name no organizer: they are looked up among this user's meetings by join meeting id.
                            _targets.Add(new MeetingTarget(input, user.Id, null, new MeetingJoinLink(parsed.Value, parsed.Filter, parsed.Kind == AcsTeamsSecurity.Domain.Meetings.JoinLinkKind.Short), null) { Discovered = true });
                        }
                    }
                    catch (AcsTeamsSecurityException ex)
                    {
                        WriteFailure(ex, input);
                    }
                }
            }

            if (_targets.Count == 0)
            {
                return;
            }

            var failed = new List<(MeetingTarget, AcsTeamsSecurityException)>();
            Run(ct => service.ResolveAsync(_targets, (t, e) => failed.Add((t, e)), ct));
            foreach (var (target, error) in failed)
            {
                if (error.ErrorId == ErrorIds.MeetingNotResolved)
                {
                    WriteUnresolved(error);
                }
                else
                {
                    WriteFailure(error, target.Label);
                }
            }

            foreach (var target in _targets.Where(t => t.OrganizedByOther))
            {
                WriteVerbose($"{target.Organizer}: skipped {target.Label}, a meeting another user organizes.");
            }

            foreach (var target in _targets.Where(t => t.Known is not null))
            {
                WriteObject(target.Known);
            }
        }

        /// <summary>A meeting that cannot be resolved: a warning and an error record, each naming the meeting.</summary>
        private void WriteUnresolved(AcsTeamsSecurityException error)
        {
            WriteWarning(error.Message);
            WriteFailure(error);
        }

    }
}
