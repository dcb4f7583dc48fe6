namespace AcsTeamsSecurity.HelpBuilder.Tests;

public sealed class CliTests
{
    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = Cli.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void CheckOfValidHelpSucceeds()
    {
        var (exitCode, output, error) = Run("check", "--source", Sample.WriteSource());

        Assert.Equal(Cli.Success, exitCode);
        Assert.Contains("1 cmdlet help file(s)", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void CheckPrintsEveryProblemWithFileAndLine()
    {
        var markdown = Sample.With("The client secret.\n", string.Empty).Replace("Connects using a secret.", "{{ Add example description here }}", StringComparison.Ordinal);
        var source = Sample.WriteSource(markdown);
        var file = Path.Combine(source, "Connect-HelpProbe.md");

        var (exitCode, _, error) = Run("check", "--source", source);

        Assert.Equal(Cli.HelpProblems, exitCode);
        Assert.Contains($"{file}:{Sample.LineOf("Connects using a secret.")}: placeholder text '{{{{ Add example description here }}}}'", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:{Sample.LineOf("### -ClientSecret", markdown)}: parameter -ClientSecret has no description", error, StringComparison.Ordinal);
        Assert.Contains("2 help problem(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildWritesTheMamlAndCopiesAboutTopics()
    {
        var source = Sample.WriteSource();
        var output = Path.Combine(source, "..", "out", "en-US");

        var (exitCode, stdout, _) = Run("build", "--source", source, "--output", output);

        Assert.Equal(Cli.Success, exitCode);
        Assert.True(File.Exists(Path.Combine(output, "HelpBuilder.Tests.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(output, "about_HelpProbe.help.txt")));
        Assert.Contains("(1 cmdlets) and 1 about topic(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildWithProblemsFailsAndWritesNothing()
    {
        var source = Sample.WriteSource(Sample.Without("OUTPUTS"));
        var output = Path.Combine(source, "..", "out");

        var (exitCode, _, error) = Run("build", "--source", source, "--output", output);

        Assert.Equal(Cli.HelpProblems, exitCode);
        Assert.Contains("missing section '## OUTPUTS'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void EmptyOrMissingSourceIsAProblem()
    {
        var empty = Path.Combine(Path.GetTempPath(), "helpbuilder-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);

        Assert.Equal(Cli.HelpProblems, Run("check", "--source", empty).ExitCode);
        Assert.Contains("source folder does not exist", Run("check", "--source", Path.Combine(empty, "nope")).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("publish", "--source", "en-US")]
    [InlineData("check")]
    [InlineData("check", "--source")]
    [InlineData("build", "--source", "en-US")]
    [InlineData("check", "--source", "en-US", "--verbose")]
    public void BadArgumentsAreAUsageError(params string[] args)
    {
        var (exitCode, _, error) = Run(args);

        Assert.Equal(Cli.UsageError, exitCode);
        Assert.Contains("usage: HelpBuilder", error, StringComparison.Ordinal);
    }
}
