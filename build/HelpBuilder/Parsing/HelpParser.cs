using System.Text.RegularExpressions;
using AcsTeamsSecurity.HelpBuilder.Model;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AcsTeamsSecurity.HelpBuilder.Parsing;

/// <summary>
/// Reads one platyPS-style (schema 2.0.0) cmdlet help file into a <see cref="CommandHelp"/>. Never throws for bad
/// content: structural problems land in <see cref="CommandHelp.Problems"/> with their line.
/// </summary>
internal static partial class HelpParser
{
    public const string Synopsis = "SYNOPSIS";
    public const string SyntaxSection = "SYNTAX";
    public const string Description = "DESCRIPTION";
    public const string Examples = "EXAMPLES";
    public const string Parameters = "PARAMETERS";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RequiredPermissions = "REQUIRED PERMISSIONS";
    public const string RelatedLinks = "RELATED LINKS";

    private static readonly string[] KnownSections =
        [Synopsis, SyntaxSection, Description, Examples, Parameters, Inputs, Outputs, Notes, RequiredPermissions, RelatedLinks];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    /// <summary>Parses the file at <paramref name="path"/>; problems are reported against that path.</summary>
    public static CommandHelp ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static CommandHelp Parse(string markdown, string filePath)
    {
        var help = new CommandHelp { FilePath = filePath };
        var document = Markdown.Parse(markdown, Pipeline);

        FindBadText(markdown, help);
        var sections = Split(document, help);
        foreach (var section in sections)
        {
            ParseSection(section, help);
        }

        return help;
    }

    private static List<Section> Split(MarkdownDocument document, CommandHelp help)
    {
        var sections = new List<Section>();
        Section? section = null;
        Entry? entry = null;
        var sawFrontMatter = false;
        var sawName = false;

        foreach (var block in document)
        {
            var line = block.Line + 1;
            switch (block)
            {
                case YamlFrontMatterBlock frontMatter:
                    sawFrontMatter = true;
                    ParseFrontMatter(frontMatter, help);
                    break;
                case HeadingBlock { Level: 1 } heading:
                    if (sawName)
                    {
                        Report(help, line, "a help file has one '# Name' heading; found another");
                    }

                    sawName = true;
                    help.Name = PlainText.FromInlines(heading.Inline);
                    help.NameLine = line;
                    break;
                case HeadingBlock { Level: 2 } heading:
                    var name = PlainText.FromInlines(heading.Inline).ToUpperInvariant();
                    if (!KnownSections.Contains(name))
                    {
                        Report(help, line, $"unknown section '## {name}'; expected one of: {string.Join(", ", KnownSections)}");
                    }
                    else if (!help.Sections.TryAdd(name, line))
                    {
                        Report(help, line, $"section '## {name}' appears twice (first at line {help.Sections[name]})");
                    }

                    section = new Section(name);
                    sections.Add(section);
                    entry = null;
                    break;
                case HeadingBlock { Level: 3 } heading when section is not null:
                    entry = new Entry(PlainText.FromInlines(heading.Inline), line);
                    section.Entries.Add(entry);
                    break;
                default:
                    if (entry is not null)
                    {
                        entry.Blocks.Add(block);
                    }
                    else if (section is not null)
                    {
                        section.Intro.Add(block);
                    }
                    else if (block is not LinkReferenceDefinitionGroup and not HtmlBlock)
                    {
                        Report(help, line, "content outside any '## SECTION'");
                    }

                    break;
            }
        }

        if (!sawFrontMatter)
        {
            Report(help, 1, "missing front matter ('---' block with 'external help file', 'Module Name', 'schema: 2.0.0')");
        }

        if (!sawName)
        {
            Report(help, 1, "missing '# Cmdlet-Name' heading");
        }

        return sections;
    }

    private static void ParseFrontMatter(YamlFrontMatterBlock block, CommandHelp help)
    {
        var lines = block.Lines.ToString().Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text == "---")
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                Report(help, block.Line + 1 + i, $"front matter line is not 'key: value': '{text}'");
                continue;
            }

            help.Metadata[text[..colon].Trim()] = text[(colon + 1)..].Trim();
        }
    }

    private static void ParseSection(Section section, CommandHelp help)
    {
        switch (section.Name)
        {
            case Synopsis:
                help.Synopsis = string.Join(' ', FlattenText(section));
                break;
            case Description:
                help.Description.AddRange(FlattenText(section));
                break;
            case Notes:
                help.Notes.AddRange(FlattenText(section));
                break;
            case RequiredPermissions:
                help.RequiredPermissions.AddRange(FlattenText(section));
                break;
            case SyntaxSection:
                ParseSyntax(section, help);
                break;
            case Examples:
                ParseExamples(section, help);
                break;
            case Parameters:
                ParseParameters(section, help);
                break;
            case Inputs:
                ParseTypes(section, help, help.Inputs);
                break;
            case Outputs:
                ParseTypes(section, help, help.Outputs);
                break;
            case RelatedLinks:
                ParseLinks(section, help);
                break;
            default:
                break;
        }
    }

    private static List<string> FlattenText(Section section)
    {
        var text = new List<string>();
        foreach (var block in section.Intro)
        {
            PlainText.AppendBlocks(block, text);
        }

        foreach (var entry in section.Entries)
        {
            text.Add(entry.Heading);
            foreach (var block in entry.Blocks)
            {
                PlainText.AppendBlocks(block, text);
            }
        }

        return text;
    }

    private static void ParseSyntax(Section section, CommandHelp help)
    {
        // platyPS writes a single code block without a heading when the cmdlet has no named parameter sets.
        var unnamed = section.Intro.OfType<CodeBlock>().FirstOrDefault();
        if (unnamed is not null)
        {
            help.Syntax.Add(NewSyntax(ParameterHelp.AllParameterSets, isDefault: true, unnamed.Line + 1, PlainText.CodeText(unnamed)));
        }

        foreach (var entry in section.Entries)
        {
            var match = DefaultSetPattern().Match(entry.Heading);
            var name = match.Success ? match.Groups[1].Value : entry.Heading;
            var code = entry.Blocks.OfType<CodeBlock>().FirstOrDefault();
            if (code is null)
            {
                Report(help, entry.Line, $"syntax for parameter set '{name}' has no code block");
            }

            help.Syntax.Add(NewSyntax(name, match.Success, entry.Line, code is null ? string.Empty : PlainText.CodeText(code)));
        }
    }

    private static SyntaxEntry NewSyntax(string name, bool isDefault, int line, string text)
    {
        var syntax = new SyntaxEntry { ParameterSetName = name, IsDefault = isDefault, Line = line, Text = text };
        syntax.Parameters.AddRange(SyntaxLine.Parameters(text));
        return syntax;
    }

    private static void ParseExamples(Section section, CommandHelp help)
    {
        ReportIntro(section, help, "### Example 1: <title>");
        foreach (var entry in section.Entries)
        {
            var example = new ExampleHelp { Title = entry.Heading, Line = entry.Line };
            var code = new List<string>();
            foreach (var block in entry.Blocks)
            {
                if (block is CodeBlock codeBlock)
                {
                    code.Add(PlainText.CodeText(codeBlock));
                }
                else
                {
                    PlainText.AppendBlocks(block, example.Remarks);
                }
            }

            example.Code = string.Join("\n\n", code);
            help.Examples.Add(example);
        }
    }

    private static void ParseParameters(Section section, CommandHelp help)
    {
        ReportIntro(section, help, "### -ParameterName");
        foreach (var entry in section.Entries)
        {
            if (entry.Heading is "CommonParameters" or "WorkflowCommonParameters")
            {
                continue;
            }

            if (!entry.Heading.StartsWith('-') || entry.Heading.Length < 2 || entry.Heading.Contains(' ', StringComparison.Ordinal))
            {
                Report(help, entry.Line, $"parameter heading must be '### -Name'; found '### {entry.Heading}'");
                continue;
            }

            var parameter = new ParameterHelp { Name = entry.Heading[1..], Line = entry.Line };
            foreach (var block in entry.Blocks)
            {
                if (block is FencedCodeBlock fenced && string.Equals(fenced.Info, "yaml", StringComparison.OrdinalIgnoreCase))
                {
                    if (parameter.HasMetadata)
                    {
                        Report(help, block.Line + 1, $"parameter -{parameter.Name} has more than one yaml block; write per-set values in one block, e.g. 'Required: True (SetA), False (SetB)'");
                        continue;
                    }

                    parameter.HasMetadata = true;
                    ParameterMetadata.Read(fenced, parameter, help);
                }
                else
                {
                    PlainText.AppendBlocks(block, parameter.Description);
                }
            }

            if (help.FindParameter(parameter.Name) is { } first)
            {
                Report(help, entry.Line, $"parameter -{parameter.Name} is documented twice (first at line {first.Line})");
                continue;
            }

            help.Parameters.Add(parameter);
        }
    }

    private static void ParseTypes(Section section, CommandHelp help, List<TypeHelp> types)
    {
        ReportIntro(section, help, "### TypeName");
        foreach (var entry in section.Entries)
        {
            var type = new TypeHelp { TypeName = entry.Heading, Line = entry.Line };
            foreach (var block in entry.Blocks)
            {
                PlainText.AppendBlocks(block, type.Description);
            }

            types.Add(type);
        }
    }

    private static void ParseLinks(Section section, CommandHelp help)
    {
        foreach (var block in section.Intro.Concat(section.Entries.SelectMany(e => e.Blocks)))
        {
            var paragraphs = block is ParagraphBlock single ? [single] : block.Descendants<ParagraphBlock>().ToList();
            foreach (var paragraph in paragraphs)
            {
                var links = paragraph.Inline?.Descendants<LinkInline>().Where(l => !l.IsImage).ToList() ?? [];
                if (links.Count == 0)
                {
                    foreach (var (text, offset) in PlainText.FromInlines(paragraph.Inline).Split('\n').Select((t, i) => (t.Trim(), i)))
                    {
                        if (text.Length > 0)
                        {
                            help.RelatedLinks.Add(new RelatedLink(text, string.Empty, paragraph.Line + 1 + offset));
                        }
                    }

                    continue;
                }

                foreach (var link in links)
                {
                    var text = PlainText.FromInlines(link);
                    help.RelatedLinks.Add(new RelatedLink(text.Length > 0 ? text : link.Url ?? string.Empty, link.Url ?? string.Empty, link.Line + 1));
                }
            }
        }
    }

    private static void ReportIntro(Section section, CommandHelp help, string expected)
    {
        foreach (var block in section.Intro.Where(b => b is not HtmlBlock and not LinkReferenceDefinitionGroup))
        {
            Report(help, block.Line + 1, $"text in '## {section.Name}' before its first '{expected}' entry");
        }
    }

    private static void FindBadText(string markdown, CommandHelp help)
    {
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in PlaceholderPattern().Matches(lines[i]))
            {
                Report(help, i + 1, $"placeholder text '{match.Value}'");
            }

            // XML cannot carry control characters; catch them here rather than as a writer exception.
            if (lines[i].Any(c => char.IsControl(c) && c is not '\t' and not '\r'))
            {
                Report(help, i + 1, "control character in text");
            }
        }
    }

    internal static void Report(CommandHelp help, int line, string message) =>
        help.Problems.Add(new HelpProblem(help.FilePath, line, message));

    [GeneratedRegex(@"^(.*?)\s*\(Default\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultSetPattern();

    [GeneratedRegex(@"\{\{[^{}]*\}\}")]
    private static partial Regex PlaceholderPattern();

    private sealed class Section(string name)
    {
        public string Name { get; } = name;

        public List<Block> Intro { get; } = [];

        public List<Entry> Entries { get; } = [];
    }

    private sealed class Entry(string heading, int line)
    {
        public string Heading { get; } = heading;

        public int Line { get; } = line;

        public List<Block> Blocks { get; } = [];
    }
}
