using System.Globalization;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.HelpBuilder.Model;
using Markdig.Syntax;

namespace AcsTeamsSecurity.HelpBuilder.Parsing;

/// <summary>Reads a parameter's <c>yaml</c> block: simple <c>Key: value</c> lines with the platyPS keys.</summary>
internal static partial class ParameterMetadata
{
    public static void Read(FencedCodeBlock block, ParameterHelp parameter, CommandHelp help)
    {
        // The block's first content line is the line after the opening fence.
        var firstLine = block.Line + 2;
        var lines = block.Lines.ToString().Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var line = firstLine + i;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                HelpParser.Report(help, line, $"parameter -{parameter.Name}: yaml line is not 'Key: value': '{text}'");
                continue;
            }

            var key = text[..colon].Trim();
            var value = text[(colon + 1)..].Trim();
            var problem = Apply(key, value, parameter);
            if (problem is not null)
            {
                HelpParser.Report(help, line, $"parameter -{parameter.Name}: {problem}");
            }
        }
    }

    /// <summary>Applies one key; returns a problem message or null.</summary>
    private static string? Apply(string key, string value, ParameterHelp parameter)
    {
        switch (key.ToUpperInvariant())
        {
            case "TYPE":
                parameter.Type = value.Length > 0 ? value : null;
                return value.Length > 0 ? null : "'Type' is empty";
            case "PARAMETER SETS":
                parameter.ParameterSets.AddRange(SplitList(value).Select(SetName));
                return null;
            case "ALIASES":
                parameter.Aliases.AddRange(SplitList(value).Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)));
                return null;
            case "ACCEPTED VALUES":
                parameter.AcceptedValues.AddRange(SplitList(value));
                return null;
            case "REQUIRED":
                return ReadRequired(value, parameter);
            case "POSITION":
                if (value.Equals("Named", StringComparison.OrdinalIgnoreCase) ||
                    (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    parameter.Position = value;
                    return null;
                }

                return $"'Position' must be 'Named' or a number, not '{value}'";
            case "DEFAULT VALUE":
                parameter.DefaultValue = value.Length > 0 ? value : null;
                return null;
            case "ACCEPT PIPELINE INPUT":
                return ReadPipelineInput(value, parameter);
            case "ACCEPT WILDCARD CHARACTERS":
                if (bool.TryParse(value, out var wildcards))
                {
                    parameter.AcceptsWildcards = wildcards;
                    return null;
                }

                return $"'Accept wildcard characters' must be True or False, not '{value}'";
            default:
                return $"unknown yaml key '{key}'";
        }
    }

    private static string? ReadRequired(string value, ParameterHelp parameter)
    {
        if (bool.TryParse(value, out var required))
        {
            parameter.RequiredBySet[ParameterHelp.AllParameterSets] = required;
            return null;
        }

        if (!PerSetRequiredPattern().IsMatch(value))
        {
            return $"'Required' must be True, False or per set like 'True (SetA), False (SetB)', not '{value}'";
        }

        foreach (Match match in PerSetItemPattern().Matches(value))
        {
            var flag = bool.Parse(match.Groups[1].Value);
            foreach (var set in SplitList(match.Groups[2].Value))
            {
                parameter.RequiredBySet[SetName(set)] = flag;
            }
        }

        return null;
    }

    private static string? ReadPipelineInput(string value, ParameterHelp parameter)
    {
        parameter.PipelineInputText = value;
        if (value.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            parameter.PipelineInput = PipelineInput.None;
            return null;
        }

        var match = PipelineInputPattern().Match(value);
        var input = PipelineInput.None;
        foreach (var kind in match.Success ? SplitList(match.Groups[1].Value) : [])
        {
            if (!Enum.TryParse<PipelineInput>(kind, ignoreCase: true, out var flag) || flag == PipelineInput.None)
            {
                input = PipelineInput.None;
                break;
            }

            input |= flag;
        }

        if (input == PipelineInput.None)
        {
            return $"'Accept pipeline input' must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName), not '{value}'";
        }

        parameter.PipelineInput = input;
        return null;
    }

    private static string SetName(string name) =>
        name is "(All)" or "All" ? ParameterHelp.AllParameterSets : name;

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^\s*((True|False)\s*\([^)]*\)\s*,?\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex PerSetRequiredPattern();

    [GeneratedRegex(@"(True|False)\s*\(([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex PerSetItemPattern();

    [GeneratedRegex(@"^True\s*\(([^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineInputPattern();
}
