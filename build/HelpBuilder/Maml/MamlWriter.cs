using System.Text;
using System.Xml;
using AcsTeamsSecurity.HelpBuilder.Model;

namespace AcsTeamsSecurity.HelpBuilder.Maml;

/// <summary>
/// Writes the MAML that <c>Get-Help</c> reads for binary cmdlets (<c>&lt;Assembly&gt;.dll-Help.xml</c>), element for
/// element as platyPS 0.14 renders it, plus a "Required permissions" alert after the notes.
/// </summary>
internal static class MamlWriter
{
    public const string MshNamespace = "http://msh";
    public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
    public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
    public const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

    /// <summary>The title of the alert that carries the REQUIRED PERMISSIONS section.</summary>
    public const string RequiredPermissionsTitle = "Required permissions";

    private const int ExampleTitleWidth = 64;

    public static void Write(IEnumerable<CommandHelp> commands, string path)
    {
        using var stream = File.Create(path);
        Write(commands, stream);
    }

    public static string WriteToString(IEnumerable<CommandHelp> commands)
    {
        using var stream = new MemoryStream();
        Write(commands, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(IEnumerable<CommandHelp> commands, Stream stream)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", MshNamespace);
        xml.WriteAttributeString("schema", "maml");
        foreach (var command in commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            WriteCommand(xml, command);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Pads an example title with dashes the way platyPS does, to about 64 characters.</summary>
    public static string PadExampleTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= ExampleTitleWidth - 2)
        {
            return title;
        }

        var dashes = new string('-', (ExampleTitleWidth - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }

    private static void WriteCommand(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("command", "command", CommandNamespace);
        xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
        xml.WriteAttributeString("xmlns", "command", null, CommandNamespace);
        xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);
        xml.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

        var dash = command.Name.IndexOf('-', StringComparison.Ordinal);
        xml.WriteStartElement("details", CommandNamespace);
        xml.WriteElementString("name", CommandNamespace, command.Name);
        xml.WriteElementString("verb", CommandNamespace, dash < 0 ? command.Name : command.Name[..dash]);
        xml.WriteElementString("noun", CommandNamespace, dash < 0 ? string.Empty : command.Name[(dash + 1)..]);
        WriteDescription(xml, [command.Synopsis]);
        xml.WriteEndElement();

        WriteDescription(xml, command.Description);
        WriteSyntax(xml, command);

        xml.WriteStartElement("parameters", CommandNamespace);
        foreach (var parameter in command.Parameters)
        {
            WriteParameter(xml, parameter, parameter.IsRequiredInAnySet, inSyntax: false);
        }

        xml.WriteEndElement();

        WriteTypes(xml, "inputTypes", "inputType", command.Inputs);
        WriteTypes(xml, "returnValues", "returnValue", command.Outputs);
        WriteAlerts(xml, command);
        WriteExamples(xml, command);
        WriteLinks(xml, command);

        xml.WriteEndElement();
    }

    private static void WriteSyntax(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("syntax", CommandNamespace);
        foreach (var syntax in command.Syntax)
        {
            var set = syntax.ParameterSetName;
            var inSet = command.Parameters.Where(p => set == ParameterHelp.AllParameterSets || p.IsInParameterSet(set)).ToList();

            // Parameters in the order the syntax line shows them; any it leaves out follow in PARAMETERS order.
            var ordered = syntax.Parameters
                .Select(s => inSet.FirstOrDefault(p => p.Name.Equals(s.Name, StringComparison.OrdinalIgnoreCase)))
                .OfType<ParameterHelp>()
                .Distinct()
                .ToList();
            ordered.AddRange(inSet.Except(ordered));

            xml.WriteStartElement("syntaxItem", CommandNamespace);
            xml.WriteElementString("name", MamlNamespace, command.Name);
            foreach (var parameter in ordered)
            {
                WriteParameter(xml, parameter, parameter.IsRequiredIn(set), inSyntax: true);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, bool required, bool inSyntax)
    {
        var type = parameter.IsSwitch ? "SwitchParameter" : parameter.Type ?? string.Empty;

        xml.WriteStartElement("parameter", CommandNamespace);
        xml.WriteAttributeString("required", Bool(required));
        xml.WriteAttributeString("variableLength", "true");
        xml.WriteAttributeString("globbing", Bool(parameter.AcceptsWildcards));
        xml.WriteAttributeString("pipelineInput", parameter.PipelineInputText);
        xml.WriteAttributeString("position", parameter.Position.ToLowerInvariant());
        xml.WriteAttributeString("aliases", parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none");
        xml.WriteElementString("name", MamlNamespace, parameter.Name);
        WriteDescription(xml, parameter.Description);

        if (inSyntax && parameter.AcceptedValues.Count > 0)
        {
            xml.WriteStartElement("parameterValueGroup", CommandNamespace);
            foreach (var value in parameter.AcceptedValues)
            {
                WriteParameterValue(xml, required: false, value);
            }

            xml.WriteEndElement();
        }

        // In syntax a switch has no value (Get-Help would print "[-Force <SwitchParameter>]").
        if (!inSyntax || !parameter.IsSwitch)
        {
            WriteParameterValue(xml, required: !parameter.IsSwitch, type);
        }

        xml.WriteStartElement("type", DevNamespace);
        xml.WriteElementString("name", MamlNamespace, type);
        xml.WriteElementString("uri", MamlNamespace, null);
        xml.WriteEndElement();

        var defaultValue = parameter.DefaultValue ?? "None";
        xml.WriteElementString("defaultValue", DevNamespace, parameter.IsSwitch && defaultValue == "None" ? "False" : defaultValue);
        xml.WriteEndElement();
    }

    private static void WriteParameterValue(XmlWriter xml, bool required, string value)
    {
        xml.WriteStartElement("parameterValue", CommandNamespace);
        xml.WriteAttributeString("required", Bool(required));
        xml.WriteAttributeString("variableLength", "false");
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter xml, string listName, string itemName, List<TypeHelp> types)
    {
        xml.WriteStartElement(listName, CommandNamespace);
        foreach (var type in types)
        {
            xml.WriteStartElement(itemName, CommandNamespace);
            xml.WriteStartElement("type", DevNamespace);
            xml.WriteElementString("name", MamlNamespace, type.TypeName);
            xml.WriteEndElement();
            WriteDescription(xml, type.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteAlerts(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("alertSet", MamlNamespace);
        xml.WriteStartElement("alert", MamlNamespace);
        WriteParagraphs(xml, command.Notes);
        if (command.RequiredPermissions.Count > 0)
        {
            WriteParagraphs(xml, [RequiredPermissionsTitle.ToUpperInvariant(), .. command.RequiredPermissions]);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteExamples(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("examples", CommandNamespace);
        foreach (var example in command.Examples)
        {
            xml.WriteStartElement("example", CommandNamespace);
            xml.WriteElementString("title", MamlNamespace, PadExampleTitle(example.Title));
            xml.WriteElementString("code", DevNamespace, example.Code);
            xml.WriteStartElement("remarks", DevNamespace);
            WriteParagraphs(xml, example.Remarks);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteLinks(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("relatedLinks", CommandNamespace);

        // platyPS turns the front matter's "online version" into the first link; Get-Help -Online opens it.
        var links = command.RelatedLinks.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(command.OnlineVersion))
        {
            links = links.Prepend(new RelatedLink("Online Version:", command.OnlineVersion, 0));
        }

        foreach (var link in links)
        {
            xml.WriteStartElement("navigationLink", MamlNamespace);
            xml.WriteElementString("linkText", MamlNamespace, link.Text);

            // Get-Help only handles web URIs; relative links between markdown files keep just their text.
            xml.WriteElementString("uri", MamlNamespace, IsWebUri(link.Uri) ? link.Uri : string.Empty);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        xml.WriteStartElement("description", MamlNamespace);
        WriteParagraphs(xml, paragraphs);
        xml.WriteEndElement();
    }

    private static void WriteParagraphs(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            xml.WriteElementString("para", MamlNamespace, paragraph);
        }
    }

    private static bool IsWebUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);

    private static string Bool(bool value) => value ? "true" : "false";
}
