using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Meetings
{
    /// <summary>
    /// A Teams meeting join URL, parsed strictly: <c>https://teams.microsoft.com/l/meetup-join/{thread}/{message}?context={"Tid":…,"Oid":…}</c>
    /// (the documented shape, api-facts §3.1). The organizer and tenant come from the <c>context</c> parameter. Hosts are
    /// the Teams web hosts of each cloud; anything else (other hosts, short /meet/ links, extra segments, user info,
    /// ports, fragments) is refused before any request.
    /// </summary>
    internal sealed class JoinWebUrl
    {
        internal static readonly IReadOnlyList<string> TeamsHosts = new[] { "teams.microsoft.com", "gov.teams.microsoft.us", "dod.teams.microsoft.us", "teams.microsoftonline.cn" };

        private static readonly Regex Thread = new Regex(@"^19:meeting_[A-Za-z0-9_\-]{8,200}@thread\.(v2|skype)$", RegexOptions.CultureInvariant);

        private JoinWebUrl(string value, string threadId, string messageId, string tenantId, string organizerId)
        {
            Value = value;
            ThreadId = threadId;
            MessageId = messageId;
            TenantId = tenantId;
            OrganizerId = organizerId;
        }

        /// <summary>The URL exactly as given (Graph's filter compares it as is).</summary>
        internal string Value { get; }

        internal string ThreadId { get; }

        internal string MessageId { get; }

        internal string TenantId { get; }

        internal string OrganizerId { get; }

        /// <summary>The OData filter for it, with single quotes doubled.</summary>
        internal string Filter => "JoinWebUrl eq " + Security.CommandText.ODataLiteral(Value);

        internal static JoinWebUrl Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || value!.Length > 2048)
            {
                throw Invalid(value, "it is empty or longer than 2,048 characters");
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw Invalid(value, "it is not an absolute https URL");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo) || !uri.IsDefaultPort || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw Invalid(value, "it has user info, a port or a fragment");
            }

            var host = uri.Host.ToLowerInvariant();
            if (!((IList<string>)TeamsHosts).Contains(host))
            {
                throw Invalid(value, $"'{uri.Host}' is not a Teams meeting host ({string.Join(", ", TeamsHosts)})");
            }

            var segments = uri.AbsolutePath.Trim('/').Split('/');
            if (segments.Length == 2 && string.Equals(segments[0], "meet", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(value, "it is a short meeting link, which does not name the organizer; use -MeetingId with -Organizer, or the full meetup-join link from the invitation");
            }

            if (segments.Length != 4 || !string.Equals(segments[0], "l", StringComparison.Ordinal) || !string.Equals(segments[1], "meetup-join", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(value, "its path is not /l/meetup-join/{meeting thread}/{message id}");
            }

            var thread = Uri.UnescapeDataString(segments[2]);
            if (!Thread.IsMatch(thread))
            {
                throw Invalid(value, "the meeting thread is not 19:meeting_…@thread.v2");
            }

            var message = Uri.UnescapeDataString(segments[3]);
            if (message.Length == 0 || message.Length > 20 || !IsDigits(message))
            {
                throw Invalid(value, "the message id is not a number");
            }

            var context = QueryValue(uri.Query, "context") ?? throw Invalid(value, "it has no context parameter naming the tenant and organizer");
            string? tid = null, oid = null;
            try
            {
                using var document = JsonDocument.Parse(context);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(value, "its context parameter is not a JSON object");
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (string.Equals(property.Name, "Tid", StringComparison.OrdinalIgnoreCase))
                    {
                        tid = property.Value.GetString();
                    }
                    else if (string.Equals(property.Name, "Oid", StringComparison.OrdinalIgnoreCase))
                    {
                        oid = property.Value.GetString();
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException)
            {
                // InvalidOperationException: a name or value holding an escaped lone surrogate ("\ud800") cannot be read as text.
                throw Invalid(value, "its context parameter is not JSON");
            }

            if (!Guid.TryParse(tid, out var tenant) || !Guid.TryParse(oid, out var organizer))
            {
                throw Invalid(value, "its context does not carry the tenant (Tid) and organizer (Oid) ids");
            }

            return new JoinWebUrl(value, thread, message, tenant.ToString(), organizer.ToString());
        }

        private static bool IsDigits(string text)
        {
            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static string? QueryValue(string query, string name)
        {
            string? found = null;
            foreach (var pair in query.TrimStart('?').Split('&'))
            {
                var equals = pair.IndexOf('=');
                var key = equals < 0 ? pair : pair.Substring(0, equals);
                if (!string.Equals(Uri.UnescapeDataString(key), name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (found is not null)
                {
                    return null; // a repeated context is ambiguous
                }

                found = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            }

            return found;
        }

        private static AcsTeamsSecurityException Invalid(string? value, string reason)
        {
            var shown = value is null ? "(null)" : value.Length > 120 ? value.Substring(0, 120) + "…" : value;
            return new AcsTeamsSecurityException(ErrorIds.JoinWebUrlInvalid, ErrorCategory.InvalidArgument, $"'{shown}' is not a Teams meeting join URL: {reason}.") { Target = value };
        }
    }
}
