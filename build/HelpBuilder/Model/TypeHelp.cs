namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>An INPUTS or OUTPUTS entry: <c>### TypeName</c> and its description.</summary>
internal sealed class TypeHelp
{
    public required string TypeName { get; init; }

    public int Line { get; init; }

    public List<string> Description { get; } = [];
}
