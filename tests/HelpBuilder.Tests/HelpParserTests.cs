using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;

namespace AcsTeamsSecurity.HelpBuilder.Tests;

public sealed class HelpParserTests
{
    private static CommandHelp Parse(string markdown = Sample.Markdown) => HelpParser.Parse(markdown, "Connect-HelpProbe.md");

    [Fact]
    public void SampleParsesWithoutProblems()
    {
        Assert.Empty(Parse().Problems);
    }

    [Fact]
    public void ReadsFrontMatterNameAndSynopsis()
    {
        var help = Parse();

        Assert.Equal(Sample.CommandName, help.Name);
        Assert.Equal("HelpBuilder.Tests.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("https://example.org/connect-helpprobe", help.OnlineVersion);
        Assert.Equal("2.0.0", help.Metadata["schema"]);
        Assert.Equal("Connects to the probe tenant & keeps the <context>.", help.Synopsis);
    }

    [Fact]
    public void DescriptionIsPlainTextParagraphsAndListItems()
    {
        var help = Parse();

        Assert.Equal(
            [
                "The Connect-HelpProbe cmdlet signs in with Azure.Identity and stores the context for later cmdlets.",
                "It supports:",
                "- client secrets",
                @"- certificates from the CurrentUser\My store",
            ],
            help.Description);
    }

    [Fact]
    public void HtmlCommentsAreDroppedButAngleBracketWordsKept()
    {
        var help = Parse(Sample.With("It supports:", "It supports <String> input:<!-- reviewer note -->\n\n<!-- block comment -->"));

        Assert.Equal("It supports <String> input:", help.Description[1]);
        Assert.Equal(4, help.Description.Count);
    }

    [Fact]
    public void SyntaxHasOneEntryPerSetWithDefaultFlagAndParameters()
    {
        var help = Parse();

        Assert.Equal(["ClientSecret", "Certificate"], help.ParameterSetNames);
        Assert.True(help.Syntax[0].IsDefault);
        Assert.False(help.Syntax[1].IsDefault);
        Assert.StartsWith("Connect-HelpProbe [-TenantId] <String> -ClientId", help.Syntax[0].Text, StringComparison.Ordinal);
        Assert.Equal(
            [
                new SyntaxParameter("TenantId", false), new SyntaxParameter("ClientId", true),
                new SyntaxParameter("CertificateThumbprint", false), new SyntaxParameter("Environment", true),
                new SyntaxParameter("PassThru", true),
            ],
            help.Syntax[1].Parameters);
    }

    [Fact]
    public void UnnamedSyntaxBlockIsTheAllParameterSetsEntry()
    {
        var help = Parse("""
            # Get-Thing

            ## SYNTAX

            ```
            Get-Thing [[-Name] <String>] [<CommonParameters>]
            ```
            """);

        var syntax = Assert.Single(help.Syntax);
        Assert.Equal(ParameterHelp.AllParameterSets, syntax.ParameterSetName);
        Assert.Equal([new SyntaxParameter("Name", true)], syntax.Parameters);
    }

    [Fact]
    public void ExamplesHaveTitleCodeAndRemarks()
    {
        var help = Parse();

        Assert.Equal(2, help.Examples.Count);
        var first = help.Examples[0];
        Assert.Equal("Example 1: Connect with a client secret", first.Title);
        Assert.Equal(Sample.LineOf("### Example 1"), first.Line);
        Assert.Equal(
            "PS> $secret = Read-Host -AsSecureString\nPS> Connect-HelpProbe -TenantId contoso.onmicrosoft.com -ClientId 1 -ClientSecret $secret",
            first.Code);
        Assert.Equal(["Connects using a secret."], first.Remarks);
    }

    [Fact]
    public void ParameterMetadataIsRead()
    {
        var tenant = Parse().FindParameter("-TenantId")!;

        Assert.Equal("String", tenant.Type);
        Assert.Equal(["The tenant, as a GUID or a domain name."], tenant.Description);
        Assert.Equal([ParameterHelp.AllParameterSets], tenant.ParameterSets);
        Assert.True(tenant.InAllParameterSets);
        Assert.Equal(["Tenant", "Domain"], tenant.Aliases);
        Assert.True(tenant.IsRequiredIn("ClientSecret"));
        Assert.True(tenant.IsRequiredIn("Certificate"));
        Assert.Equal("0", tenant.Position);
        Assert.Equal("None", tenant.DefaultValue);
        Assert.False(tenant.AcceptsWildcards);
        Assert.False(tenant.IsSwitch);
        Assert.Equal(Sample.LineOf("### -TenantId"), tenant.Line);
    }

    [Fact]
    public void RequiredCanDifferPerParameterSet()
    {
        var clientId = Parse().FindParameter("ClientId")!;

        Assert.Equal(["ClientSecret", "Certificate"], clientId.ParameterSets);
        Assert.True(clientId.IsRequiredIn("ClientSecret"));
        Assert.False(clientId.IsRequiredIn("Certificate"));
        Assert.True(clientId.IsRequiredInAnySet);
        Assert.False(clientId.IsInParameterSet("Other"));
    }

    [Theory]
    [InlineData("False", "None")]
    [InlineData("True (ByValue)", "ByValue")]
    [InlineData("True (ByPropertyName)", "ByPropertyName")]
    [InlineData("True (ByValue, ByPropertyName)", "ByValue, ByPropertyName")]
    [InlineData("true (ByPropertyName, ByValue)", "ByValue, ByPropertyName")]
    public void PipelineInputVariants(string text, string flags)
    {
        var expected = Enum.Parse<PipelineInput>(flags);

        var help = Parse(Sample.With("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: " + text));

        Assert.Empty(help.Problems);
        Assert.Equal(expected, help.FindParameter("TenantId")!.PipelineInput);
        Assert.Equal(text, help.FindParameter("TenantId")!.PipelineInputText);
    }

    [Theory]
    [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: True", "'Accept pipeline input' must be")]
    [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: True (ByName)", "'Accept pipeline input' must be")]
    [InlineData("Required: True\nPosition: 0", "Required: Yes\nPosition: 0", "'Required' must be")]
    [InlineData("Position: 0", "Position: First", "'Position' must be")]
    [InlineData("Aliases: Tenant, Domain", "Alias: Tenant", "unknown yaml key 'Alias'")]
    [InlineData("Aliases: Tenant, Domain", "Aliases Tenant", "yaml line is not 'Key: value'")]
    public void BadYamlValuesAreReportedOnTheirLine(string oldText, string newText, string message)
    {
        var markdown = Sample.With(oldText, newText);

        var problem = Assert.Single(Parse(markdown).Problems);

        Assert.Equal(Sample.LineOf(newText.Split('\n')[0], markdown), problem.Line);
        Assert.Contains("parameter -TenantId: " + message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchParameterIsRecognised()
    {
        var help = Parse();

        Assert.True(help.FindParameter("PassThru")!.IsSwitch);
        Assert.False(help.FindParameter("PassThru")!.IsRequiredInAnySet);
        Assert.True(help.FindParameter("Environment")!.AcceptsWildcards);
        Assert.Equal(["Public", "USGov"], help.FindParameter("Environment")!.AcceptedValues);
    }

    [Fact]
    public void CommonParametersIsNotAParameter()
    {
        var help = Parse();

        Assert.Equal(["TenantId", "ClientId", "ClientSecret", "CertificateThumbprint", "Environment", "PassThru"], help.Parameters.Select(p => p.Name));
        Assert.Null(help.FindParameter("CommonParameters"));
    }

    [Fact]
    public void InputsOutputsNotesPermissionsAndLinks()
    {
        var help = Parse();

        var input = Assert.Single(help.Inputs);
        Assert.Equal("System.String", input.TypeName);
        Assert.Equal(["The tenant id, by property name."], input.Description);
        var output = Assert.Single(help.Outputs);
        Assert.Equal("AcsTeamsSecurity.Models.AcsTeamsSecurityContext", output.TypeName);
        Assert.Equal(["The context lives as long as the session."], help.Notes);
        Assert.Equal("The app registration needs:", help.RequiredPermissions[0]);
        Assert.Equal(
            "Kind         Permission\n-----------  -------------------\nApplication  User.Read.All\nEntra role   Teams Administrator",
            help.RequiredPermissions[1]);
        Assert.Equal(
            [("Disconnect-HelpProbe", "Disconnect-HelpProbe.md"), ("About probes", "https://example.org/about")],
            help.RelatedLinks.Select(l => (l.Text, l.Uri)));
        Assert.Equal(Sample.LineOf("[About probes]"), help.RelatedLinks[1].Line);
    }

    [Fact]
    public void StructuralProblemsCarryLines()
    {
        var markdown = Sample.With("## NOTES", "## NOTE") + "\n\n## SYNOPSIS\nAgain.\n";

        var problems = Parse(markdown).Problems;

        Assert.Contains(problems, p => p.Line == Sample.LineOf("## NOTE", markdown) && p.Message.StartsWith("unknown section '## NOTE'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == markdown.Split('\n').Length - 2 && p.Message.Contains("appears twice", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoYamlBlocksForOneParameterAreAProblem()
    {
        var markdown = Sample.With("### -ClientSecret\nThe client secret.\n", "### -ClientSecret\nThe client secret.\n\n```yaml\nType: String\n```\n");

        var problem = Assert.Single(Parse(markdown).Problems);

        Assert.Contains("more than one yaml block", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFileReportsAgainstThePath()
    {
        var folder = Sample.WriteSource(Sample.With("The client secret.", "{{ Fill ClientSecret Description }}"));
        var path = Path.Combine(folder, "Connect-HelpProbe.md");

        var help = HelpParser.ParseFile(path);

        Assert.Equal(Sample.CommandName, help.Name);
        var problem = Assert.Single(help.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(Sample.LineOf("### -ClientSecret") + 1, problem.Line);
        Assert.Equal($"{path}:{problem.Line}: placeholder text '{{{{ Fill ClientSecret Description }}}}'", problem.ToString());
    }
}
