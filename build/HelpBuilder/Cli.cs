using AcsTeamsSecurity.HelpBuilder.Maml;

namespace AcsTeamsSecurity.HelpBuilder;

/// <summary>
/// <c>build --source &lt;dir&gt; --output &lt;dir&gt;</c> writes the MAML and copies the about topics;
/// <c>check --source &lt;dir&gt;</c> only validates. Exit codes: 0 clean, 1 help problems, 2 usage.
/// </summary>
internal static class Cli
{
    public const int Success = 0;
    public const int HelpProblems = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage: HelpBuilder build --source <en-US folder> --output <folder>
               HelpBuilder check --source <en-US folder>
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is not ("build" or "check"))
        {
            stderr.WriteLine(Usage);
            return UsageError;
        }

        var verb = args[0];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (args[i] is not ("--source" or "--output") || i + 1 >= args.Length)
            {
                stderr.WriteLine($"unexpected argument '{args[i]}'");
                stderr.WriteLine(Usage);
                return UsageError;
            }

            options[args[i]] = args[i + 1];
        }

        if (!options.TryGetValue("--source", out var source) || (verb == "build" && !options.ContainsKey("--output")))
        {
            stderr.WriteLine(Usage);
            return UsageError;
        }

        var help = HelpSet.Load(source);
        foreach (var problem in help.Problems)
        {
            stderr.WriteLine(problem);
        }

        if (help.Problems.Count > 0)
        {
            stderr.WriteLine($"{help.Problems.Count} help problem(s) in {source}");
            return HelpProblems;
        }

        if (verb == "check")
        {
            stdout.WriteLine($"{help.Commands.Count} cmdlet help file(s) in {source}: no problems");
            return Success;
        }

        var output = options["--output"];
        Directory.CreateDirectory(output);
        var mamlPath = Path.Combine(output, help.HelpFileName!);
        MamlWriter.Write(help.Commands, mamlPath);
        foreach (var about in help.AboutFiles)
        {
            File.Copy(about, Path.Combine(output, Path.GetFileName(about)), overwrite: true);
        }

        stdout.WriteLine($"Wrote {mamlPath} ({help.Commands.Count} cmdlets) and {help.AboutFiles.Count} about topic(s)");
        return Success;
    }
}
