using System;
using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Graph
{
    /// <summary>Graph onlineMeeting JSON (camelCase, api-facts §3.3) to and from our model.</summary>
    internal static class OnlineMeetingMapper
    {
        internal static MeetingExternalAccess Read(JsonNode meeting, string organizer, string organizerId) => new MeetingExternalAccess
        {
            Organizer = organizer,
            OrganizerId = organizerId,
            MeetingId = Str(meeting["id"]) ?? string.Empty,
            Subject = Str(meeting["subject"]),
            StartDateTime = Date(meeting["startDateTime"]),
            EndDateTime = Date(meeting["endDateTime"]),
            JoinWebUrl = Str(meeting["joinWebUrl"]),
            LobbyBypassScope = Enum<LobbyBypassScope>(meeting["lobbyBypassSettings"]?["scope"]),
            IsDialInBypassEnabled = Bool(meeting["lobbyBypassSettings"]?["isDialInBypassEnabled"]),
            AllowedPresenters = Enum<OnlineMeetingPresenters>(meeting["allowedPresenters"]),
            AllowMeetingChat = Enum<MeetingChatMode>(meeting["allowMeetingChat"]),
            AllowAttendeeToEnableCamera = Bool(meeting["allowAttendeeToEnableCamera"]),
            AllowAttendeeToEnableMic = Bool(meeting["allowAttendeeToEnableMic"]),
            AllowParticipantsToChangeName = Bool(meeting["allowParticipantsToChangeName"]),
            IsEntryExitAnnounced = Bool(meeting["isEntryExitAnnounced"]),
            RecordAutomatically = Bool(meeting["recordAutomatically"]),
            WatermarkForContentSharing = Bool(meeting["watermarkProtection"]?["isEnabledForContentSharing"]),
            WatermarkForVideo = Bool(meeting["watermarkProtection"]?["isEnabledForVideo"]),
            IsPasscodeRequired = Bool(meeting["joinMeetingIdSettings"]?["isPasscodeRequired"]),
        };

        /// <summary>Graph's camelCase spelling of an enum member.</summary>
        internal static string Wire(Enum value)
        {
            var name = value.ToString();
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

        private static DateTimeOffset? Date(JsonNode? node) =>
            Str(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

        private static T? Enum<T>(JsonNode? node)
            where T : struct
        {
            var text = Str(node);
            if (text is null)
            {
                return null;
            }

            // A member newer than this module reads as UnknownFutureValue, never as "not set".
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value
                : System.Enum.TryParse<T>("UnknownFutureValue", out var unknown) ? unknown : null;
        }
    }
}
