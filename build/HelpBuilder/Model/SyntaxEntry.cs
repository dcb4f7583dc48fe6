namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>
/// One parameter set from the SYNTAX section: <c>### Name (Default)</c> followed by a code block with the syntax line.
/// A code block without a heading belongs to <see cref="ParameterHelp.AllParameterSets"/>.
/// </summary>
internal sealed class SyntaxEntry
{
    public required string ParameterSetName { get; init; }

    public bool IsDefault { get; init; }

    /// <summary>The syntax line as written, e.g. <c>Connect-X -TenantId &lt;String&gt; [-PassThru] [&lt;CommonParameters&gt;]</c>.</summary>
    public string Text { get; set; } = string.Empty;

    public int Line { get; init; }

    /// <summary>The parameters the syntax line names, in order, without the dash and without CommonParameters.</summary>
    public List<SyntaxParameter> Parameters { get; } = [];
}

/// <summary>A parameter as the syntax line shows it: <c>-Name &lt;T&gt;</c> is required, <c>[-Name &lt;T&gt;]</c> optional.</summary>
internal sealed record SyntaxParameter(string Name, bool Optional);
