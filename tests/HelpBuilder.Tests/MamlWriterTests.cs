using System.Xml.Linq;
using AcsTeamsSecurity.HelpBuilder.Maml;
using AcsTeamsSecurity.HelpBuilder.Parsing;

namespace AcsTeamsSecurity.HelpBuilder.Tests;

public sealed class MamlWriterTests
{
    private static readonly XNamespace Msh = MamlWriter.MshNamespace;
    private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
    private static readonly XNamespace Command = MamlWriter.CommandNamespace;
    private static readonly XNamespace Dev = MamlWriter.DevNamespace;

    private static string Xml(string markdown = Sample.Markdown) =>
        MamlWriter.WriteToString([HelpParser.Parse(markdown, "Connect-HelpProbe.md")]);

    private static XElement CommandElement(string markdown = Sample.Markdown) =>
        XDocument.Parse(Xml(markdown)).Root!.Element(Command + "command")!;

    private static List<string> Paras(XElement? element) =>
        element is null ? [] : [.. element.Elements(Maml + "para").Select(p => p.Value)];

    [Fact]
    public void IsWellFormedMamlWithThePlatyPSNamespaces()
    {
        var xml = Xml();
        var root = XDocument.Parse(xml).Root!;

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\">", xml, StringComparison.Ordinal);
        Assert.Equal(Msh + "helpItems", root.Name);
        var command = Assert.Single(root.Elements());
        Assert.Equal(Command + "command", command.Name);
        Assert.Equal(MamlWriter.MamlNamespace, command.Attribute(XNamespace.Xmlns + "maml")?.Value);
        Assert.Equal(MamlWriter.CommandNamespace, command.Attribute(XNamespace.Xmlns + "command")?.Value);
        Assert.Equal(MamlWriter.DevNamespace, command.Attribute(XNamespace.Xmlns + "dev")?.Value);
        Assert.Equal(MamlWriter.MSHelpNamespace, command.Attribute(XNamespace.Xmlns + "MSHelp")?.Value);
        Assert.Equal(
            ["details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks"],
            command.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void DetailsAndDescriptionArePlainText()
    {
        var command = CommandElement();
        var details = command.Element(Command + "details")!;

        Assert.Equal("Connect-HelpProbe", details.Element(Command + "name")!.Value);
        Assert.Equal("Connect", details.Element(Command + "verb")!.Value);
        Assert.Equal("HelpProbe", details.Element(Command + "noun")!.Value);
        Assert.Equal(["Connects to the probe tenant & keeps the <context>."], Paras(details.Element(Maml + "description")));
        Assert.Equal(4, Paras(command.Element(Maml + "description")).Count);
        Assert.DoesNotContain(Paras(command.Element(Maml + "description")), p => p.Contains('`', StringComparison.Ordinal) || p.Contains("**", StringComparison.Ordinal));
    }

    [Fact]
    public void SpecialCharactersAreEscaped()
    {
        var xml = Xml();

        Assert.Contains("keeps the &lt;context&gt;.", xml, StringComparison.Ordinal);
        Assert.Contains("tenant &amp; keeps", xml, StringComparison.Ordinal);
        Assert.Contains("PS&gt; Connect-HelpProbe contoso -CertificateThumbprint ABC | Where-Object { $_.Id -gt 1 -and $_.Name -ne \"a&amp;b\" }", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void OneSyntaxItemPerSetWithThatSetsParametersAndRequiredFlags()
    {
        var items = CommandElement().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

        Assert.Equal(2, items.Count);
        string Shape(XElement item) => string.Join(' ', item.Elements(Command + "parameter")
            .Select(p => (p.Attribute("required")!.Value == "true" ? "+" : "?") + p.Element(Maml + "name")!.Value));
        Assert.Equal("+TenantId +ClientId +ClientSecret ?Environment ?PassThru", Shape(items[0]));
        Assert.Equal("+TenantId ?ClientId +CertificateThumbprint ?Environment ?PassThru", Shape(items[1]));
        Assert.All(items, i => Assert.Equal("Connect-HelpProbe", i.Element(Maml + "name")!.Value));

        var tenant = items[0].Elements(Command + "parameter").First();
        Assert.Equal("0", tenant.Attribute("position")!.Value);
        Assert.Equal("Tenant, Domain", tenant.Attribute("aliases")!.Value);
        Assert.Equal("True (ByPropertyName)", tenant.Attribute("pipelineInput")!.Value);
        Assert.Equal("String", tenant.Element(Command + "parameterValue")!.Value);

        var environment = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Environment");
        Assert.Equal("true", environment.Attribute("globbing")!.Value);
        Assert.Equal(["Public", "USGov"], environment.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
    }

    [Fact]
    public void SwitchHasNoValueInSyntaxButASwitchParameterValueInParameters()
    {
        var command = CommandElement();
        XElement PassThru(XElement parent) => parent.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "PassThru");

        var inSyntax = PassThru(command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").First());
        var inParameters = PassThru(command.Element(Command + "parameters")!);

        Assert.Null(inSyntax.Element(Command + "parameterValue"));
        var value = inParameters.Element(Command + "parameterValue")!;
        Assert.Equal("SwitchParameter", value.Value);
        Assert.Equal("false", value.Attribute("required")!.Value);
        Assert.Equal("SwitchParameter", inParameters.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("False", inParameters.Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void ParametersSectionHasEveryParameterWithDescriptionTypeAndDefault()
    {
        var parameters = CommandElement().Element(Command + "parameters")!.Elements(Command + "parameter").ToList();

        Assert.Equal(6, parameters.Count);
        var clientId = parameters[1];
        Assert.Equal("ClientId", clientId.Element(Maml + "name")!.Value);
        Assert.Equal("true", clientId.Attribute("required")!.Value);
        Assert.Equal(["The application (client) id."], Paras(clientId.Element(Maml + "description")));
        Assert.Equal("String", clientId.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("None", clientId.Element(Dev + "defaultValue")!.Value);
        Assert.Equal("Public", parameters[4].Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void InputsOutputsNotesAndRequiredPermissions()
    {
        var command = CommandElement();

        var input = command.Element(Command + "inputTypes")!.Element(Command + "inputType")!;
        Assert.Equal("System.String", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        var output = command.Element(Command + "returnValues")!.Element(Command + "returnValue")!;
        Assert.Equal("AcsTeamsSecurity.Models.AcsTeamsSecurityContext", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(["Only with -PassThru."], Paras(output.Element(Maml + "description")));

        var alert = Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert"));
        Assert.Equal("The context lives as long as the session.", alert[0]);
        Assert.Equal("REQUIRED PERMISSIONS", alert[1]);
        Assert.Equal("The app registration needs:", alert[2]);
        Assert.Contains("Entra role   Teams Administrator", alert[3], StringComparison.Ordinal);
    }

    [Fact]
    public void ExamplesHavePaddedTitlesCodeAndRemarks()
    {
        var examples = CommandElement().Element(Command + "examples")!.Elements(Command + "example").ToList();

        Assert.Equal(2, examples.Count);
        Assert.Equal("----------- Example 1: Connect with a client secret -----------", examples[0].Element(Maml + "title")!.Value);
        Assert.StartsWith("PS> $secret = Read-Host -AsSecureString\nPS> Connect-HelpProbe", examples[0].Element(Dev + "code")!.Value, StringComparison.Ordinal);
        Assert.Equal(["Connects using a secret."], Paras(examples[0].Element(Dev + "remarks")));
    }

    [Theory]
    [InlineData("Example 1", "-------------------------- Example 1 --------------------------")]
    [InlineData("", "")]
    public void ExampleTitlesArePaddedLikePlatyPS(string title, string expected)
    {
        Assert.Equal(expected, MamlWriter.PadExampleTitle(title));
        Assert.Equal(new string('x', 70), MamlWriter.PadExampleTitle(new string('x', 70)));
    }

    [Fact]
    public void RelatedLinksStartWithTheOnlineVersionAndDropRelativeUris()
    {
        var links = CommandElement().Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));

        Assert.Equal(
            [("Online Version:", "https://example.org/connect-helpprobe"), ("Disconnect-HelpProbe", string.Empty), ("About probes", "https://example.org/about")],
            links);
    }

    [Fact]
    public void CommandsAreWrittenInNameOrder()
    {
        var other = HelpParser.Parse(Sample.Markdown.Replace("Connect-HelpProbe", "Add-HelpProbe", StringComparison.Ordinal), "Add-HelpProbe.md");
        var probe = HelpParser.Parse(Sample.Markdown, "Connect-HelpProbe.md");

        var names = XDocument.Parse(MamlWriter.WriteToString([probe, other])).Root!.Elements(Command + "command")
            .Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);

        Assert.Equal(["Add-HelpProbe", "Connect-HelpProbe"], names);
    }
}
