using System.Globalization;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AcsTeamsSecurity.HelpBuilder.Parsing;

/// <summary>
/// Turns markdown into the plain text help shows: inline code and emphasis lose their markup, links keep their text,
/// each paragraph, list item, table or code block becomes one block of text.
/// </summary>
internal static class PlainText
{
    public static string FromInlines(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return text.ToString().Trim();
    }

    /// <summary>Appends the text blocks of <paramref name="block"/> to <paramref name="output"/>.</summary>
    public static void AppendBlocks(Block block, List<string> output) => AppendBlocks(block, output, string.Empty);

    public static string CodeText(LeafBlock code) => code.Lines.ToString().TrimEnd();

    private static void AppendBlocks(Block block, List<string> output, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                AddNonEmpty(output, indent + FromInlines(heading.Inline));
                break;
            case ParagraphBlock paragraph:
                AddNonEmpty(output, indent + FromInlines(paragraph.Inline));
                break;
            case CodeBlock code:
                AddNonEmpty(output, CodeText(code));
                break;
            case HtmlBlock html when html.Type != HtmlBlockType.Comment:
                AddNonEmpty(output, indent + html.Lines.ToString().Trim());
                break;
            case Table table:
                AddNonEmpty(output, FromTable(table));
                break;
            case ListBlock list:
                AppendList(list, output, indent);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlocks(child, output, indent);
                }

                break;
            default:
                // Thematic breaks, HTML comments and link reference definitions carry no help text.
                break;
        }
    }

    private static void AppendList(ListBlock list, List<string> output, string indent)
    {
        var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? number.ToString(CultureInfo.InvariantCulture) + ". " : "- ";
            number++;
            var first = true;
            foreach (var child in item)
            {
                if (first && child is ParagraphBlock paragraph)
                {
                    AddNonEmpty(output, indent + bullet + FromInlines(paragraph.Inline));
                }
                else
                {
                    AppendBlocks(child, output, indent + "  ");
                }

                first = false;
            }
        }
    }

    private static string FromTable(Table table)
    {
        var rows = table.OfType<TableRow>()
            .Select(row => row.OfType<TableCell>().Select(cell => string.Join(' ', cell.Select(b => b is LeafBlock leaf ? FromInlines(leaf.Inline) : string.Empty))).ToList())
            .ToList();
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToList();
        var lines = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            lines.Add(string.Join("  ", rows[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0 && table.OfType<TableRow>().First().IsHeader)
            {
                lines.Add(string.Join("  ", widths.Select(w => new string('-', Math.Max(w, 1)))));
            }
        }

        return string.Join('\n', lines);
    }

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LinkInline link when link.FirstChild is null:
                    text.Append(link.Url);
                    break;
                case HtmlInline html when !html.Tag.StartsWith("<!--", StringComparison.Ordinal):
                    // Help text is full of "<String>"-like words that markdown takes for HTML tags: keep them.
                    text.Append(html.Tag);
                    break;
                case ContainerInline children:
                    Append(children, text);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AddNonEmpty(List<string> output, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            output.Add(text);
        }
    }
}
