using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Domain.Meetings
{
    /// <summary>The two shapes of Teams join links the module reads.</summary>
    internal enum JoinLinkKind
    {
        /// <summary><c>/l/meetup-join/{thread}/{message}?context=…</c>: names the tenant and organizer.</summary>
        MeetupJoin,

        /// <summary><c>/meet/{join meeting id}?p={passcode}</c>: names no organizer.</summary>
        Short,
    }

    /// <summary>
    /// A Teams meeting join URL, parsed strictly (docs/CONTRACTS.md, "Graph"). Two shapes:
    /// <c>https://teams.microsoft.com/l/meetup-join/{thread}/{message}?context={"Tid":…,"Oid":…}</c> (documented, api-facts §3.1),
    /// where the organizer and tenant come from <c>context</c> and the thread is a meeting thread (<c>19:meeting_…</c>), a
    /// channel thread (<c>…@thread.tacv2</c>) or a legacy one (<c>…@thread.skype</c>); and the short link
    /// <c>https://teams.microsoft.com/meet/{numeric id}?p={passcode}</c> (PUB, api-facts §10.3), which names no organizer and
    /// is found through Graph's <c>joinMeetingIdSettings/joinMeetingId</c> filter once the organizer is known. Hosts are the
    /// Teams web hosts of each cloud; anything else (other hosts, extra segments, user info, ports, fragments) is refused
    /// before any request.
    /// </summary>
    internal sealed class JoinWebUrl
    {
        internal static readonly IReadOnlyList<string> TeamsHosts = new[] { "teams.microsoft.com", "gov.teams.microsoft.us", "dod.teams.microsoft.us", "teams.microsoftonline.cn" };

        /// <summary>Meeting threads (<c>19:meeting_…</c>), channel threads and legacy ones without the prefix.</summary>
        private static readonly Regex Thread = new Regex(@"^19:[A-Za-z0-9_\-]{8,200}@thread\.(v2|skype|tacv2)$", RegexOptions.CultureInvariant);

        /// <summary>The numeric join meeting id of a short link (INFERRED bounds: Teams ids seen are 10 to 15 digits).</summary>
        private static readonly Regex ShortId = new Regex(@"^[1-9][0-9]{5,19}$", RegexOptions.CultureInvariant);

        /// <summary>The passcode of a short link (INFERRED alphabet: letters and digits).</summary>
        private static readonly Regex Passcode = new Regex(@"^[A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant);

        private JoinWebUrl(string value, string threadId, string messageId, string tenantId, string organizerId)
        {
            Value = value;
            Kind = JoinLinkKind.MeetupJoin;
            ThreadId = threadId;
            MessageId = messageId;
            TenantId = tenantId;
            OrganizerId = organizerId;
        }

        private JoinWebUrl(string value, string joinMeetingId)
        {
            Value = value;
            Kind = JoinLinkKind.Short;
            JoinMeetingId = joinMeetingId;
        }

        internal JoinLinkKind Kind { get; }

        /// <summary>The numeric join meeting id of a short link; null for meetup-join links.</summary>
        internal string? JoinMeetingId { get; }

        /// <summary>The URL exactly as given (Graph's filter compares it as is).</summary>
        internal string Value { get; }

        /// <summary>The chat thread (null for short links).</summary>
        internal string? ThreadId { get; }

        internal string? MessageId { get; }

        /// <summary>The tenant from the link's context (null for short links).</summary>
        internal string? TenantId { get; }

        /// <summary>The organizer from the link's context (null for short links: they name no organizer).</summary>
        internal string? OrganizerId { get; }

        /// <summary>
        /// The OData filter for it, with single quotes doubled: <c>JoinWebUrl eq '…'</c>, or for a short link
        /// <c>joinMeetingIdSettings/joinMeetingId eq '…'</c> (digits only). DOC, api-facts §3.1.
        /// </summary>
        internal string Filter => Kind == JoinLinkKind.Short
            ? "joinMeetingIdSettings/joinMeetingId eq " + Security.CommandText.ODataLiteral(JoinMeetingId!)
            : "JoinWebUrl eq " + Security.CommandText.ODataLiteral(Value);

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
            if (segments.Length == 2 && string.Equals(segments[0], "meet", StringComparison.Ordinal))
            {
                return ParseShort(value, uri, segments[1]);
            }

            if (segments.Length != 4 || !string.Equals(segments[0], "l", StringComparison.Ordinal) || !string.Equals(segments[1], "meetup-join", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(value, "its path is not /l/meetup-join/{meeting thread}/{message id}");
            }

            var thread = Uri.UnescapeDataString(segments[2]);
            if (!Thread.IsMatch(thread))
            {
                throw Invalid(value, "the meeting thread is not 19:…@thread.v2, @thread.tacv2 or @thread.skype");
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

        /// <summary><c>/meet/{id}</c> with at most one query parameter, <c>p</c> (the passcode); nothing else.</summary>
        private static JoinWebUrl ParseShort(string value, Uri uri, string idSegment)
        {
            var id = Uri.UnescapeDataString(idSegment);
            if (!ShortId.IsMatch(id))
            {
                throw Invalid(value, "the short link's meeting id is not a number of 6 to 20 digits");
            }

            var query = uri.Query.TrimStart('?');
            if (query.Length > 0)
            {
                var pairs = query.Split('&');
                var equals = pairs[0].IndexOf('=');
                if (pairs.Length != 1 || equals < 0 || !string.Equals(pairs[0].Substring(0, equals), "p", StringComparison.Ordinal) || !Passcode.IsMatch(pairs[0].Substring(equals + 1)))
                {
                    throw Invalid(value, "a short link carries only its passcode (?p=letters and digits)");
                }
            }

            return new JoinWebUrl(value, id);
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
