using System.Text.RegularExpressions;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The machine-checkable counts of an HTML report (from the writer's output or from Chromium's DOM): the summary
    /// tiles (data-count-status), the severity x status cells (data-cell) and the finding elements (data-status,
    /// data-severity on each article).
    /// </summary>
    internal sealed class HtmlCounts
    {
        internal Dictionary<string, int> ByStatus { get; } = new(StringComparer.Ordinal);

        internal Dictionary<string, int> Cells { get; } = new(StringComparer.Ordinal);

        internal List<(string Status, string Severity)> Findings { get; } = new();

        internal int Total { get; private set; } = -1;

        internal static HtmlCounts From(string html)
        {
            var counts = new HtmlCounts();
            foreach (Match m in Regex.Matches(html, "data-count-status=\"(\\w+)\">(\\d+)<"))
            {
                counts.ByStatus.Add(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (Match m in Regex.Matches(html, "data-cell=\"(\\w+:\\w+)\">(\\d+)<"))
            {
                counts.Cells.Add(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (Match m in Regex.Matches(html, "<article\\b[^>]*>"))
            {
                var status = Regex.Match(m.Value, "\\bdata-status=\"(\\w+)\"");
                var severity = Regex.Match(m.Value, "\\bdata-severity=\"(\\w+)\"");
                Assert.True(status.Success && severity.Success, $"finding element without data-status/data-severity: {m.Value}");

                // A grouped article (large reports) stands for data-count equal findings.
                var grouped = Regex.Match(m.Value, "\\bdata-count=\"(\\d+)\"");
                var times = grouped.Success ? int.Parse(grouped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                for (var i = 0; i < times; i++)
                {
                    counts.Findings.Add((status.Groups[1].Value, severity.Groups[1].Value));
                }
            }

            var total = Regex.Match(html, "data-count-total=\"\">(\\d+)<");
            if (total.Success)
            {
                counts.Total = int.Parse(total.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            return counts;
        }

        /// <summary>The summary says exactly what the finding elements say.</summary>
        internal void AssertConsistent()
        {
            Assert.Equal(new[] { "Fail", "Error", "Warning", "Pass", "NotApplicable" }, ByStatus.Keys);
            Assert.Equal(25, Cells.Count);
            Assert.Equal(Findings.Count, Total);
            foreach (var (status, count) in ByStatus)
            {
                Assert.True(count == Findings.Count(f => f.Status == status), $"summary says {count} {status}, the page has {Findings.Count(f => f.Status == status)}");
            }

            foreach (var (cell, count) in Cells)
            {
                var parts = cell.Split(':');
                Assert.True(count == Findings.Count(f => f.Severity == parts[0] && f.Status == parts[1]), $"cell {cell} says {count}");
            }
        }
    }
}
