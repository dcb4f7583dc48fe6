namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>One thing wrong with a help source, at a 1-based line of a file.</summary>
internal sealed record HelpProblem(string File, int Line, string Message)
{
    /// <summary><c>file:line: message</c>, or <c>file: message</c> for a problem with no line (a folder, a missing file).</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
