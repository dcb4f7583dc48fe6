using System.Linq;
using System.Text;

namespace AcsTeamsSecurity.Security
{
    /// <summary>
    /// The one quoting function for every command the module generates (audit remediations, tab completions, hints in
    /// error messages, report cells, documentation). Values in generated commands come from the tenant or from snapshot
    /// files and are untrusted: a policy name such as <c>Tag:x’; Write-Host PWNED; ’</c> must stay one argument when the
    /// command is pasted or completed.
    /// </summary>
    /// <remarks>
    /// PowerShell ends a single-quoted string at any of <c>' ‘ ’ ‚ ‛</c> (U+0027, U+2018, U+2019, U+201A, U+201B) and
    /// reads a doubled one as one literal character; nothing else is special inside single quotes (no <c>$</c>, no
    /// backtick). This is exactly what PowerShell's own
    /// <c>System.Management.Automation.Language.CodeGeneration.EscapeSingleQuotedStringContent</c> does (a test compares
    /// the two); the module keeps its own copy so that the rule does not depend on the host's version.
    /// </remarks>
    internal static class CommandText
    {
        /// <summary>The characters that open or close a single-quoted string in PowerShell.</summary>
        internal static readonly char[] SingleQuotes = { '\'', '\u2018', '\u2019', '\u201A', '\u201B' };

        /// <summary><paramref name="value"/> as a single-quoted PowerShell string literal that always parses as one argument.</summary>
        internal static string Literal(string? value) => "'" + EscapeSingleQuotedContent(value) + "'";

        /// <summary>The content of a single-quoted PowerShell string: every quote character of the single-quote set doubled.</summary>
        internal static string EscapeSingleQuotedContent(string? value)
        {
            var text = value ?? string.Empty;
            if (text.IndexOfAny(SingleQuotes) < 0)
            {
                return text;
            }

            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                escaped.Append(c);
                if (SingleQuotes.Contains(c))
                {
                    escaped.Append(c);
                }
            }

            return escaped.ToString();
        }

        /// <summary>
        /// <paramref name="value"/> as a bare word when it starts with an ASCII letter (so it can be neither a number, such
        /// as <c>1e3</c>, nor a parameter or splat) and has only characters PowerShell reads literally in argument mode
        /// (ASCII letters and digits and <c>: . _ - @ / \ +</c>), or is a GUID, else as <see cref="Literal"/>. Used where a completion
        /// or a hint should look as typed.
        /// </summary>
        internal static string Argument(string? value)
        {
            var text = value ?? string.Empty;
            var bare = text.Length > 0 &&
                ((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z')) &&
                text.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '_' || c == '-' || c == '@' || c == '/' || c == '\\' || c == '+');
            return bare || IsGuid(text) ? text : Literal(text);
        }

        /// <summary>A GUID in its 36-character form: PowerShell reads it bare as one string token (a test parses it).</summary>
        private static bool IsGuid(string text) =>
            text.Length == 36 && System.Guid.TryParseExact(text, "D", out _) && text.All(c => c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

        /// <summary>
        /// An OData string literal for a Graph or Teams <c>$filter</c> or function parameter (not a command): the value in
        /// single quotes with each ASCII quote doubled, as OData ABNF requires. URL-encode the result when it goes into a URL.
        /// </summary>
        internal static string ODataLiteral(string value) => "'" + value.Replace("'", "''") + "'";
    }
}
