namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>The help of one cmdlet, parsed from <c>en-US/&lt;Cmdlet-Name&gt;.md</c>.</summary>
internal sealed class CommandHelp
{
    public required string FilePath { get; init; }

    /// <summary>The front matter keys and values (e.g. <c>external help file</c>, <c>Module Name</c>, <c>schema</c>).</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c># Name</c> heading; empty if missing.</summary>
    public string Name { get; set; } = string.Empty;

    public int NameLine { get; set; } = 1;

    public string Synopsis { get; set; } = string.Empty;

    /// <summary>Plain-text blocks: one per paragraph, list item, table or code block.</summary>
    public List<string> Description { get; } = [];

    public List<SyntaxEntry> Syntax { get; } = [];

    public List<ExampleHelp> Examples { get; } = [];

    /// <summary>Documented parameters in file order; <c>### CommonParameters</c> is not one of them.</summary>
    public List<ParameterHelp> Parameters { get; } = [];

    public List<TypeHelp> Inputs { get; } = [];

    public List<TypeHelp> Outputs { get; } = [];

    public List<string> Notes { get; } = [];

    public List<string> RequiredPermissions { get; } = [];

    public List<RelatedLink> RelatedLinks { get; } = [];

    /// <summary>The H2 sections found (upper case) and the line of each heading.</summary>
    public Dictionary<string, int> Sections { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems found while parsing (structure, metadata syntax, placeholders). See <c>HelpValidator</c> for the rest.</summary>
    public List<HelpProblem> Problems { get; } = [];

    public string? ExternalHelpFile => Metadata.GetValueOrDefault("external help file");

    public string? OnlineVersion => Metadata.GetValueOrDefault("online version");

    /// <summary>The parameter set names from SYNTAX, in order.</summary>
    public IEnumerable<string> ParameterSetNames => Syntax.Select(s => s.ParameterSetName);

    public ParameterHelp? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => p.Name.Equals(name.TrimStart('-'), StringComparison.OrdinalIgnoreCase));
}
