using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;
using AcsTeamsSecurity.HelpBuilder.Validation;

namespace AcsTeamsSecurity.HelpBuilder.Tests;

public sealed class HelpValidatorTests
{
    private static List<HelpProblem> Validate(string markdown, string file = "Connect-HelpProbe.md") =>
        HelpValidator.Validate(HelpParser.Parse(markdown, file));

    private static void AssertSingleProblem(string markdown, int line, string message)
    {
        var problem = Assert.Single(Validate(markdown));
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleIsValid()
    {
        Assert.Empty(Validate(Sample.Markdown));
    }

    [Fact]
    public void MissingSynopsisIsReported()
    {
        AssertSingleProblem(Sample.Without("SYNOPSIS"), 1, "missing section '## SYNOPSIS'");
    }

    [Fact]
    public void EmptySynopsisIsReportedOnItsHeading()
    {
        var markdown = Sample.With("## SYNOPSIS\nConnects to the probe tenant & keeps the <context>.\n", "## SYNOPSIS\n\n");

        AssertSingleProblem(markdown, Sample.LineOf("## SYNOPSIS", markdown), "section '## SYNOPSIS' is empty");
    }

    [Fact]
    public void MissingDescriptionIsReported()
    {
        AssertSingleProblem(Sample.Without("DESCRIPTION"), 1, "missing section '## DESCRIPTION'");
    }

    [Fact]
    public void OneExampleIsNotEnough()
    {
        var markdown = Sample.With("### Example 2: Connect with a certificate", "Continued:");

        var problems = Validate(markdown);

        Assert.Contains(problems, p => p.Line == Sample.LineOf("## EXAMPLES", markdown) && p.Message == "1 example(s); at least 2 are required");
    }

    [Fact]
    public void ExampleWithoutCodeIsReported()
    {
        var markdown = Sample.With("```powershell\nPS> Connect-HelpProbe contoso", "PS> Connect-HelpProbe contoso").Replace("\"a&b\" }\n```", "\"a&b\" }", StringComparison.Ordinal);

        AssertSingleProblem(markdown, Sample.LineOf("### Example 2", markdown), "example 'Example 2: Connect with a certificate' has no code block");
    }

    [Fact]
    public void ParameterWithoutDescriptionIsReported()
    {
        AssertSingleProblem(Sample.With("The client secret.\n", string.Empty), Sample.LineOf("### -ClientSecret"), "parameter -ClientSecret has no description");
    }

    [Fact]
    public void ParameterWithoutYamlIsReported()
    {
        var markdown = Sample.With("### -PassThru\nReturns the new context.\n\n```yaml", "### -PassThru\nReturns the new context.\n\n```text");

        var problems = Validate(markdown);

        Assert.Contains(problems, p => p.Line == Sample.LineOf("### -PassThru") && p.Message.Contains("-PassThru has no ```yaml block", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingOrEmptyOutputsIsReported()
    {
        AssertSingleProblem(Sample.Without("OUTPUTS"), 1, "missing section '## OUTPUTS'");

        var empty = Sample.With("### AcsTeamsSecurity.Models.AcsTeamsSecurityContext\nOnly with -PassThru.\n", string.Empty);
        AssertSingleProblem(empty, Sample.LineOf("## OUTPUTS", empty), "section '## OUTPUTS' is empty");
    }

    [Fact]
    public void MissingOrEmptyRequiredPermissionsIsReported()
    {
        AssertSingleProblem(Sample.Without("REQUIRED PERMISSIONS"), 1, "missing section '## REQUIRED PERMISSIONS'");

        var markdown = Sample.Without("REQUIRED PERMISSIONS").Replace("## RELATED LINKS", "## REQUIRED PERMISSIONS\n\n## RELATED LINKS", StringComparison.Ordinal);
        AssertSingleProblem(markdown, Sample.LineOf("## REQUIRED PERMISSIONS", markdown), "section '## REQUIRED PERMISSIONS' is empty");
    }

    [Theory]
    [InlineData("{{ Fill in the Synopsis }}")]
    [InlineData("{{ Fill TenantId Description }}")]
    [InlineData("Connects {{ Add example description here }} now")]
    public void PlaceholdersAreReportedWherever(string placeholder)
    {
        var markdown = Sample.With("Connects using a secret.", placeholder);

        AssertSingleProblem(markdown, Sample.LineOf(placeholder, markdown), "placeholder text '{{");
    }

    [Fact]
    public void ControlCharactersAreReportedNotThrown()
    {
        var markdown = Sample.With("Uses a certificate.", "Uses a \u0001certificate.");

        AssertSingleProblem(markdown, Sample.LineOf("Uses a", markdown), "control character in text");
    }

    [Fact]
    public void UnknownParameterSetIsReported()
    {
        var markdown = Sample.With("Parameter Sets: ClientSecret\n", "Parameter Sets: ClientSecret, Secret\n");

        var problems = Validate(markdown);

        Assert.Contains(problems, p => p.Line == Sample.LineOf("### -ClientSecret") && p.Message.Contains("names parameter set 'Secret', which SYNTAX does not have", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntaxThatDisagreesWithRequiredIsReported()
    {
        var markdown = Sample.With("Required: True (ClientSecret), False (Certificate)", "Required: True");

        AssertSingleProblem(markdown, Sample.LineOf("### Certificate"), "syntax of set 'Certificate' shows -ClientId as optional, but its 'Required' says otherwise");
    }

    [Fact]
    public void SyntaxThatMissesOrInventsParametersIsReported()
    {
        var markdown = Sample.With("-CertificateThumbprint <String> [-Environment", "-Thumbprint <String> [-Environment");

        var problems = Validate(markdown);

        Assert.Contains(problems, p => p.Line == Sample.LineOf("### Certificate") && p.Message.Contains("shows -Thumbprint, which PARAMETERS does not document", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == Sample.LineOf("### -CertificateThumbprint") && p.Message.Contains("that set's syntax line does not show it", StringComparison.Ordinal));
    }

    [Fact]
    public void HeadingMustMatchFileName()
    {
        var problem = Assert.Single(Validate(Sample.Markdown, Path.Combine("en-US", "Connect-Other.md")));

        Assert.Equal(Sample.LineOf("# Connect-HelpProbe"), problem.Line);
        Assert.Equal("heading '# Connect-HelpProbe' does not match the file name 'Connect-Other.md'", problem.Message);
    }

    [Fact]
    public void FrontMatterIsRequired()
    {
        var markdown = Sample.Markdown[(Sample.Markdown.IndexOf("# Connect", StringComparison.Ordinal))..];

        AssertSingleProblem(markdown, 1, "missing front matter");
        AssertSingleProblem(Sample.With("schema: 2.0.0", "schema: 1.0.0"), 1, "schema: 2.0.0");
    }

    [Fact]
    public void CmdletWithoutNamedParameterSetsIsValid()
    {
        const string markdown = """
            ---
            external help file: HelpBuilder.Tests.dll-Help.xml
            Module Name: HelpBuilder.Tests
            online version:
            schema: 2.0.0
            ---

            # Get-HelpThing

            ## SYNOPSIS
            Gets things.

            ## SYNTAX

            ```
            Get-HelpThing [[-Name] <String[]>] [<CommonParameters>]
            ```

            ## DESCRIPTION
            Gets things by name.

            ## EXAMPLES

            ### Example 1
            ```powershell
            Get-HelpThing
            ```

            ### Example 2
            ```powershell
            Get-HelpThing -Name a*
            ```

            ## PARAMETERS

            ### -Name
            Names, wildcards allowed.

            ```yaml
            Type: String[]
            Parameter Sets: (All)
            Aliases:

            Required: False
            Position: 0
            Default value: None
            Accept pipeline input: True (ByValue)
            Accept wildcard characters: True
            ```

            ## INPUTS

            ## OUTPUTS

            ### System.Object

            ## REQUIRED PERMISSIONS
            None.
            """;

        Assert.Empty(Validate(markdown, "Get-HelpThing.md"));
        Assert.Empty(Validate(markdown.ReplaceLineEndings("\r\n"), "Get-HelpThing.md"));
        var help = HelpParser.Parse(markdown.ReplaceLineEndings("\r\n"), "Get-HelpThing.md");
        Assert.Equal("Get-HelpThing", help.Examples[1].Code.Split(' ')[0]);
        Assert.DoesNotContain('\r', help.Syntax[0].Text);
        Assert.True(help.FindParameter("Name")!.IsInParameterSet(ParameterHelp.AllParameterSets));
    }

    [Fact]
    public void OnlyOneParameterSetMayBeTheDefault()
    {
        var markdown = Sample.With("### Certificate\n", "### Certificate (Default)\n");

        AssertSingleProblem(markdown, Sample.LineOf("### Certificate"), "more than one parameter set is marked (Default)");
    }

    /// <summary>Bad content is reported, never thrown: drop or truncate at each line in turn and run the whole pipeline.</summary>
    [Fact]
    public void DamagedFilesNeverThrow()
    {
        var lines = Sample.Markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var markdown in new[] { string.Join('\n', lines.Where((_, j) => j != i)), string.Join('\n', lines.Take(i)) })
            {
                var help = HelpParser.Parse(markdown, "Connect-HelpProbe.md");
                HelpValidator.Validate(help);
                Maml.MamlWriter.WriteToString([help]);
            }
        }
    }
}
