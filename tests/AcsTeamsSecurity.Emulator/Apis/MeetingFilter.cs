namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The two documented onlineMeetings filters (api-facts.md §3.1), parsed strictly:
/// <c>JoinWebUrl eq '&lt;url&gt;'</c> and <c>joinMeetingIdSettings/joinMeetingId eq '&lt;id&gt;'</c> — a property (case-insensitive),
/// <c>eq</c>, one OData string literal in single quotes with <c>''</c> for a quote, and nothing else. Functions, other
/// operators, <c>and</c>/<c>or</c>, parentheses, unbalanced quotes and other properties are rejected (INFERRED: 400).
/// </summary>
internal static class MeetingFilter
{
    public const string JoinWebUrl = "JoinWebUrl";
    public const string JoinMeetingId = "joinMeetingIdSettings/joinMeetingId";

    /// <summary>Returns the canonical property and the literal's value, or an error text.</summary>
    public static (string? Property, string? Value, string? Error) Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return (null, null, "the filter is empty.");
        }

        var text = filter;
        var i = 0;
        SkipSpace(text, ref i);

        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '/' or '_'))
        {
            i++;
        }

        var property = text[start..i];
        if (property.Length == 0)
        {
            return (null, null, $"expected a property name at position {start}.");
        }

        if (i < text.Length && text[i] == '(')
        {
            return (null, null, $"functions such as '{property}(…)' are not supported; use {JoinWebUrl} eq '…' or {JoinMeetingId} eq '…'.");
        }

        string canonical;
        if (property.Equals(JoinWebUrl, StringComparison.OrdinalIgnoreCase))
        {
            canonical = JoinWebUrl;
        }
        else if (property.Equals(JoinMeetingId, StringComparison.OrdinalIgnoreCase))
        {
            canonical = JoinMeetingId;
        }
        else
        {
            return (null, null, $"filtering on '{property}' is not supported; use {JoinWebUrl} eq '…' or {JoinMeetingId} eq '…'.");
        }

        if (!SkipSpace(text, ref i))
        {
            return (null, null, $"expected whitespace and 'eq' after '{property}'.");
        }

        start = i;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        var op = text[start..i];
        if (!op.Equals("eq", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, $"only the 'eq' operator is supported (got '{(op.Length == 0 ? text[start..Math.Min(text.Length, start + 1)] : op)}').");
        }

        if (!SkipSpace(text, ref i) || i >= text.Length || text[i] != '\'')
        {
            return (null, null, "expected a string literal in single quotes after 'eq'.");
        }

        i++;
        var value = new System.Text.StringBuilder();
        var closed = false;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                closed = true;
                i++;
                break;
            }

            value.Append(text[i]);
            i++;
        }

        if (!closed)
        {
            return (null, null, "the string literal is not terminated (a quote inside a literal is written as two quotes).");
        }

        SkipSpace(text, ref i);
        if (i < text.Length)
        {
            return (null, null, $"unexpected text after the string literal: '{Shorten(text[i..])}' (only one '{canonical} eq' comparison is supported).");
        }

        return (canonical, value.ToString(), null);
    }

    private static bool SkipSpace(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i > start;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
