using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;

namespace AcsTeamsSecurity.HelpBuilder.Validation;

/// <summary>The rules a cmdlet help file must meet before it ships (STYLE practice 12: help is code).</summary>
internal static class HelpValidator
{
    public const int MinimumExamples = 2;

    private static readonly string[] RequiredSections =
    [
        HelpParser.Synopsis, HelpParser.SyntaxSection, HelpParser.Description, HelpParser.Examples,
        HelpParser.Parameters, HelpParser.Outputs, HelpParser.RequiredPermissions,
    ];

    /// <summary>All problems of <paramref name="help"/>: the parser's plus these rules, ordered by line.</summary>
    public static List<HelpProblem> Validate(CommandHelp help)
    {
        var problems = new List<HelpProblem>(help.Problems);
        void Add(int line, string message) => problems.Add(new HelpProblem(help.FilePath, line, message));

        CheckFrontMatterAndName(help, Add);

        foreach (var section in RequiredSections.Where(s => !help.Sections.ContainsKey(s)))
        {
            Add(1, $"missing section '## {section}'");
        }

        CheckNotEmpty(help, HelpParser.Synopsis, help.Synopsis.Length > 0, Add);
        CheckNotEmpty(help, HelpParser.Description, help.Description.Count > 0, Add);
        CheckNotEmpty(help, HelpParser.SyntaxSection, help.Syntax.Count > 0, Add);
        CheckNotEmpty(help, HelpParser.Outputs, help.Outputs.Count > 0, Add);
        CheckNotEmpty(help, HelpParser.RequiredPermissions, help.RequiredPermissions.Count > 0, Add);

        CheckExamples(help, Add);
        CheckParameters(help, Add);
        CheckSyntax(help, Add);

        return [.. problems.OrderBy(p => p.Line)];
    }

    private static void CheckFrontMatterAndName(CommandHelp help, Action<int, string> add)
    {
        if (help.Metadata.Count > 0)
        {
            if (help.Metadata.GetValueOrDefault("schema") != "2.0.0")
            {
                add(1, "front matter must say 'schema: 2.0.0'");
            }

            if (string.IsNullOrEmpty(help.ExternalHelpFile) || !help.ExternalHelpFile.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase))
            {
                add(1, "front matter must name the 'external help file' (<Assembly>.dll-Help.xml)");
            }

            if (string.IsNullOrEmpty(help.Metadata.GetValueOrDefault("Module Name")))
            {
                add(1, "front matter must name the 'Module Name'");
            }
        }

        var fileName = Path.GetFileNameWithoutExtension(help.FilePath);
        if (help.Name.Length > 0 && !string.Equals(help.Name, fileName, StringComparison.Ordinal))
        {
            add(help.NameLine, $"heading '# {help.Name}' does not match the file name '{fileName}.md'");
        }
    }

    private static void CheckNotEmpty(CommandHelp help, string section, bool hasContent, Action<int, string> add)
    {
        if (!hasContent && help.Sections.TryGetValue(section, out var line))
        {
            add(line, $"section '## {section}' is empty");
        }
    }

    private static void CheckExamples(CommandHelp help, Action<int, string> add)
    {
        if (help.Examples.Count < MinimumExamples && help.Sections.TryGetValue(HelpParser.Examples, out var line))
        {
            add(line, $"{help.Examples.Count} example(s); at least {MinimumExamples} are required");
        }

        foreach (var example in help.Examples.Where(e => e.Code.Length == 0))
        {
            add(example.Line, $"example '{example.Title}' has no code block");
        }
    }

    private static void CheckParameters(CommandHelp help, Action<int, string> add)
    {
        var setNames = help.ParameterSetNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in help.Parameters)
        {
            if (parameter.Description.Count == 0)
            {
                add(parameter.Line, $"parameter -{parameter.Name} has no description");
            }

            if (!parameter.HasMetadata)
            {
                add(parameter.Line, $"parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Required, ...)");
                continue;
            }

            if (parameter.Type is null)
            {
                add(parameter.Line, $"parameter -{parameter.Name} has no 'Type'");
            }

            if (help.Syntax.Count == 0)
            {
                continue;
            }

            foreach (var set in parameter.ParameterSets.Where(s => s != ParameterHelp.AllParameterSets && !setNames.Contains(s)))
            {
                add(parameter.Line, $"parameter -{parameter.Name} names parameter set '{set}', which SYNTAX does not have");
            }

            foreach (var set in parameter.RequiredBySet.Keys.Where(s => s != ParameterHelp.AllParameterSets && !parameter.IsInParameterSet(s)))
            {
                add(parameter.Line, $"parameter -{parameter.Name} says Required for set '{set}', which is not one of its parameter sets");
            }
        }
    }

    /// <summary>Each syntax line must show exactly the parameters of its set, optional exactly when not Required there.</summary>
    private static void CheckSyntax(CommandHelp help, Action<int, string> add)
    {
        if (help.Syntax.Count(s => s.IsDefault) > 1)
        {
            add(help.Syntax.Where(s => s.IsDefault).Skip(1).First().Line, "more than one parameter set is marked (Default)");
        }

        foreach (var syntax in help.Syntax)
        {
            var set = syntax.ParameterSetName;
            var allSets = set == ParameterHelp.AllParameterSets;
            foreach (var shown in syntax.Parameters)
            {
                var parameter = help.FindParameter(shown.Name);
                if (parameter is null)
                {
                    add(syntax.Line, $"syntax of set '{set}' shows -{shown.Name}, which PARAMETERS does not document");
                }
                else if (parameter.HasMetadata && !allSets && !parameter.IsInParameterSet(set))
                {
                    add(syntax.Line, $"syntax of set '{set}' shows -{shown.Name}, whose 'Parameter Sets' do not include '{set}'");
                }
                else if (parameter.HasMetadata && parameter.IsRequiredIn(set) == shown.Optional)
                {
                    add(syntax.Line, $"syntax of set '{set}' shows -{shown.Name} as {(shown.Optional ? "optional" : "required")}, but its 'Required' says otherwise");
                }
            }

            foreach (var parameter in help.Parameters.Where(p => p.HasMetadata && (allSets || p.IsInParameterSet(set))))
            {
                if (!syntax.Parameters.Any(s => s.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    add(parameter.Line, $"parameter -{parameter.Name} is in set '{set}', but that set's syntax line does not show it");
                }
            }
        }
    }
}
