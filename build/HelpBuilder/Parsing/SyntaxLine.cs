using AcsTeamsSecurity.HelpBuilder.Model;

namespace AcsTeamsSecurity.HelpBuilder.Parsing;

/// <summary>Reads the parameters out of a syntax line such as <c>Get-X [[-Name] &lt;String&gt;] -Id &lt;Int32&gt; [-Force]</c>.</summary>
internal static class SyntaxLine
{
    /// <summary>
    /// A parameter is optional when it sits inside square brackets, not counting the brackets that only mark a
    /// positional parameter's name (<c>[-Name] &lt;String&gt;</c> is required, <c>[[-Name] &lt;String&gt;]</c> and
    /// <c>[-Switch]</c> are optional).
    /// </summary>
    public static IEnumerable<SyntaxParameter> Parameters(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '-' && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '[') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                // "[-Name] <T>" brackets only the name of a positional parameter; "[-Switch]" is an optional switch.
                var positionalName = i > 0 && text[i - 1] == '[' && end < text.Length && text[end] == ']' &&
                    text.AsSpan(end + 1).TrimStart().StartsWith("<", StringComparison.Ordinal);
                yield return new SyntaxParameter(text[(i + 1)..end], depth - (positionalName ? 1 : 0) > 0);
                i = end - 1;
            }
        }
    }
}
