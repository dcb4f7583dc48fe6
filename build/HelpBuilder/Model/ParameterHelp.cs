namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>A <c>### -Name</c> entry of PARAMETERS: its description and the metadata from its <c>yaml</c> block.</summary>
internal sealed class ParameterHelp
{
    /// <summary>The set name PowerShell uses for "all sets" (<c>ParameterAttribute.AllParameterSets</c>); help writes it <c>(All)</c>.</summary>
    public const string AllParameterSets = "__AllParameterSets";

    /// <summary>The name without the leading dash.</summary>
    public required string Name { get; init; }

    public int Line { get; init; }

    public List<string> Description { get; } = [];

    /// <summary>False when the entry has no <c>yaml</c> block; the metadata below then holds defaults.</summary>
    public bool HasMetadata { get; set; }

    public string? Type { get; set; }

    /// <summary>Set names as written; <c>(All)</c> becomes <see cref="AllParameterSets"/>. Empty metadata means all sets.</summary>
    public List<string> ParameterSets { get; } = [];

    public List<string> Aliases { get; } = [];

    /// <summary>The yaml "Accepted values", if any (rendered as a value group in the syntax).</summary>
    public List<string> AcceptedValues { get; } = [];

    /// <summary>
    /// Required per set. A plain <c>Required: True</c> is stored under <see cref="AllParameterSets"/>;
    /// <c>True (SetA), False (SetB)</c> under each named set.
    /// </summary>
    public Dictionary<string, bool> RequiredBySet { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"Named" or a zero-based position, as written.</summary>
    public string Position { get; set; } = "Named";

    public string? DefaultValue { get; set; }

    public PipelineInput PipelineInput { get; set; }

    /// <summary>The "Accept pipeline input" text as written, e.g. <c>True (ByValue, ByPropertyName)</c>.</summary>
    public string PipelineInputText { get; set; } = "False";

    public bool AcceptsWildcards { get; set; }

    public bool IsSwitch =>
        Type is not null &&
        (Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
         Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
         Type.Equals("switch", StringComparison.OrdinalIgnoreCase));

    public bool InAllParameterSets => ParameterSets.Count == 0 || ParameterSets.Contains(AllParameterSets, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the parameter belongs to <paramref name="parameterSetName"/> (or to all sets).</summary>
    public bool IsInParameterSet(string parameterSetName) =>
        InAllParameterSets || ParameterSets.Contains(parameterSetName, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the parameter is mandatory in <paramref name="parameterSetName"/>.</summary>
    public bool IsRequiredIn(string parameterSetName) =>
        RequiredBySet.TryGetValue(parameterSetName, out var required)
            ? required
            : RequiredBySet.TryGetValue(AllParameterSets, out required) && required;

    /// <summary>True when the parameter is mandatory in at least one set (what <c>Get-Help -Parameter</c> shows).</summary>
    public bool IsRequiredInAnySet => RequiredBySet.ContainsValue(true);
}
