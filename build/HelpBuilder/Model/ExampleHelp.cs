namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>One <c>### Example N: ...</c> entry: its code blocks joined, and the prose around them as remarks.</summary>
internal sealed class ExampleHelp
{
    public required string Title { get; init; }

    public int Line { get; init; }

    public string Code { get; set; } = string.Empty;

    public List<string> Remarks { get; } = [];
}
