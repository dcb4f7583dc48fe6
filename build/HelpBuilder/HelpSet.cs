using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;
using AcsTeamsSecurity.HelpBuilder.Validation;

namespace AcsTeamsSecurity.HelpBuilder;

/// <summary>A help source folder (<c>en-US/</c>): every <c>*.md</c> is one cmdlet, every <c>about_*.help.txt</c> is copied as is.</summary>
internal sealed class HelpSet
{
    public required string SourceDirectory { get; init; }

    public List<CommandHelp> Commands { get; } = [];

    public List<string> AboutFiles { get; } = [];

    /// <summary>Every problem of every file, validation included, plus the cross-file ones.</summary>
    public List<HelpProblem> Problems { get; } = [];

    /// <summary>The MAML file name the front matter names (e.g. <c>AcsTeamsSecurity.dll-Help.xml</c>).</summary>
    public string? HelpFileName { get; private set; }

    public static HelpSet Load(string sourceDirectory)
    {
        var set = new HelpSet { SourceDirectory = sourceDirectory };
        if (!Directory.Exists(sourceDirectory))
        {
            set.Problems.Add(new HelpProblem(sourceDirectory, 0, "source folder does not exist"));
            return set;
        }

        foreach (var file in Directory.GetFiles(sourceDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            var help = HelpParser.ParseFile(file);
            set.Commands.Add(help);
            set.Problems.AddRange(HelpValidator.Validate(help));
        }

        set.AboutFiles.AddRange(Directory.GetFiles(sourceDirectory, "about_*.help.txt").Order(StringComparer.Ordinal));

        if (set.Commands.Count == 0)
        {
            set.Problems.Add(new HelpProblem(sourceDirectory, 0, "no cmdlet help files (*.md)"));
        }

        set.CheckAcrossFiles();
        return set;
    }

    private void CheckAcrossFiles()
    {
        foreach (var duplicate in Commands.Where(c => c.Name.Length > 0).GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var help in duplicate.Skip(1))
            {
                Problems.Add(new HelpProblem(help.FilePath, help.NameLine, $"cmdlet '{help.Name}' is documented in more than one file"));
            }
        }

        var first = Commands.FirstOrDefault(c => !string.IsNullOrEmpty(c.ExternalHelpFile));
        HelpFileName = first?.ExternalHelpFile;
        foreach (var help in Commands.Where(c => !string.IsNullOrEmpty(c.ExternalHelpFile) && !string.Equals(c.ExternalHelpFile, HelpFileName, StringComparison.Ordinal)))
        {
            Problems.Add(new HelpProblem(help.FilePath, 1, $"'external help file: {help.ExternalHelpFile}' differs from '{HelpFileName}' in {first!.FilePath}"));
        }

        if (HelpFileName is not null && (HelpFileName.Contains('/', StringComparison.Ordinal) || HelpFileName.Contains('\\', StringComparison.Ordinal)))
        {
            Problems.Add(new HelpProblem(first!.FilePath, 1, $"'external help file' must be a file name, not a path: '{HelpFileName}'"));
        }
    }
}
