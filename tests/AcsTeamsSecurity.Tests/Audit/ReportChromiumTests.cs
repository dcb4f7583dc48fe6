using System.Text.RegularExpressions;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The HTML report in a real browser (Debian's chromium, headless): the DOM Chromium builds has the counts the
    /// summary claims, the filter script runs under the page's Content-Security-Policy, hostile tenant values stay
    /// text, and loading the page sends no network request at all.
    /// </summary>
    public sealed class ReportChromiumTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("acsts-report-chromium-").FullName;
        private readonly ITestOutputHelper output;

        public ReportChromiumTests(ITestOutputHelper output) => this.output = output;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        [Fact]
        public async Task ChromiumBuildsTheDomWithMatchingCountsAndNoNetwork()
        {
            var report = ReportFixtures.EveryStatusAndSeverity();
            var path = Path.Combine(folder, "every-status.html");
            ReportWriter.Write(report, path);

            var run = await HeadlessChromium.DumpDomOffline(path);
            output.WriteLine($"chromium took {run.Elapsed.TotalSeconds:F2} s; exit {run.ExitCode}; {run.Dom.Length} characters of DOM");

            Assert.True(run.ExitCode == 0, $"chromium exited with {run.ExitCode}: {run.Log}");
            Assert.Empty(run.Requests);
            AssertNoConsoleProblems(run.Log);
            Assert.StartsWith("<!DOCTYPE html>", run.Dom, StringComparison.Ordinal);
            Assert.Contains("</footer>", run.Dom, StringComparison.Ordinal);
            Assert.EndsWith("</html>", run.Dom.TrimEnd(), StringComparison.Ordinal);

            var counts = HtmlCounts.From(run.Dom);
            counts.AssertConsistent();
            Assert.Equal(25, counts.Findings.Count);
            Assert.Equal(25, counts.Findings.Distinct().Count());
            Assert.All(counts.ByStatus.Values, n => Assert.Equal(5, n));

            // The filter script ran (it is allowed by its CSP hash): the controls are shown and report what they show.
            Assert.Contains("<form id=\"filters\" class=\"filters\">", run.Dom, StringComparison.Ordinal);
            Assert.Contains("25 of 25 findings shown", run.Dom, StringComparison.Ordinal);
        }

        [Fact]
        public async Task PassingChecksAreFoldedOnScreenAndPrintedInFull()
        {
            var path = Path.Combine(folder, "folded.html");
            ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), path);
            var html = File.ReadAllText(path);

            // Every Pass and NotApplicable finding sits in a closed <details>; no other finding is in one.
            var folds = Regex.Matches(html, "<details class=\"fold\"([^>]*)>(.*?)</details>", RegexOptions.Singleline);
            Assert.Equal(2, folds.Count);
            Assert.All(folds, f => Assert.DoesNotContain(" open", f.Groups[1].Value, StringComparison.Ordinal));
            var folded = folds.SelectMany(f => Regex.Matches(f.Groups[2].Value, "<article\\b[^>]*data-status=\"(\\w+)\"").Select(m => m.Groups[1].Value)).ToList();
            Assert.Equal(10, folded.Count);
            Assert.All(folded, status => Assert.Contains(status, new[] { "Pass", "NotApplicable" }));
            Assert.Equal(25, Regex.Count(html, "<article\\b"));

            // In the browser, with the filter script run, the folds stay closed.
            var run = await HeadlessChromium.DumpDomOffline(path);
            Assert.Equal(0, run.ExitCode);
            AssertNoConsoleProblems(run.Log);
            Assert.Contains("<details class=\"fold\" data-fold=\"Pass\">", run.Dom, StringComparison.Ordinal);
            Assert.Contains("<details class=\"fold\" data-fold=\"NotApplicable\">", run.Dom, StringComparison.Ordinal);

            // Printed, the folded findings take their room: as many pages as the same page with every fold open, and
            // more than the page without the folded findings (which is what a closed <details> would print).
            var open = Path.Combine(folder, "open.html");
            File.WriteAllText(open, html.Replace("<details class=\"fold\"", "<details open class=\"fold\"", StringComparison.Ordinal));
            var without = Path.Combine(folder, "without.html");
            File.WriteAllText(without, Regex.Replace(html, "(<details class=\"fold\"[^>]*>\\s*<summary>.*?</summary>).*?(</details>)", "$1$2", RegexOptions.Singleline));
            var pages = new Dictionary<string, int>();
            foreach (var (name, file) in new[] { ("folded", path), ("open", open), ("without", without) })
            {
                var pdf = Path.Combine(folder, name + ".pdf");
                var printed = await HeadlessChromium.PrintToPdf(file, pdf);
                Assert.True(printed.ExitCode == 0 && File.Exists(pdf), $"chromium could not print {name}: {printed.Log}");
                pages[name] = HeadlessChromium.PdfPages(pdf);
            }

            output.WriteLine($"pages: folded {pages["folded"]}, all open {pages["open"]}, without the folded findings {pages["without"]}");
            Assert.Equal(pages["open"], pages["folded"]);
            Assert.True(pages["folded"] > pages["without"], $"printing showed no folded finding ({pages["folded"]} pages, {pages["without"]} without them)");
        }

        [Fact]
        public async Task HostileValuesStayTextInTheBrowser()
        {
            var path = Path.Combine(folder, "hostile.html");
            ReportWriter.Write(ReportFixtures.Hostile(), path);

            var run = await HeadlessChromium.DumpDomOffline(path);

            Assert.Equal(0, run.ExitCode);
            Assert.Empty(run.Requests);
            AssertNoConsoleProblems(run.Log);
            // One script element (the report's own) and no element built from tenant data.
            Assert.Single(Regex.Matches(run.Dom, "<script[ >]"));
            Assert.DoesNotContain("<img", run.Dom, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Tag:&lt;script&gt;alert(1)&lt;/script&gt;", run.Dom, StringComparison.Ordinal);
            HtmlCounts.From(run.Dom).AssertConsistent();
        }

        [Fact]
        public async Task TheNetworkCheckCatchesAPageThatFetches()
        {
            // The control for the test above: the same offline run on a page that loads a web font, a style sheet,
            // an image and a CSS background must record each request, or "no request" would prove nothing.
            var path = Path.Combine(folder, "fetches.html");
            File.WriteAllText(path, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>fetches</title>
                <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">
                <link rel="stylesheet" href="http://cdn.example.net/report.css">
                <style>body{background:url(http://img.example.org/bg.png)}</style></head>
                <body><img src="https://images.example.com/logo.png" alt=""><p>text</p></body></html>
                """);

            var run = await HeadlessChromium.DumpDomOffline(path);
            output.WriteLine(string.Join("\n", run.Requests));

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("<p>text</p>", run.Dom, StringComparison.Ordinal);
            foreach (var host in new[] { "fonts.googleapis.com", "cdn.example.net", "img.example.org", "images.example.com" })
            {
                Assert.Contains(run.Requests, r => r.Contains(host, StringComparison.Ordinal));
            }
        }

        [Fact]
        public async Task TheRealisticReportRendersAndCanBeSavedAsASample()
        {
            // ACSTS_SAMPLE_REPORT=<path> keeps the rendered sample (build/Capture-ReportScreenshot.ps1 turns it into
            // docs/images/audit-report.png).
            var keep = Environment.GetEnvironmentVariable("ACSTS_SAMPLE_REPORT");
            var path = string.IsNullOrEmpty(keep) ? Path.Combine(folder, "northwind.html") : Path.GetFullPath(keep);
            ReportWriter.Write(ReportFixtures.Northwind(), path);

            var run = await HeadlessChromium.DumpDomOffline(path);

            Assert.Equal(0, run.ExitCode);
            Assert.Empty(run.Requests);
            AssertNoConsoleProblems(run.Log);
            var counts = HtmlCounts.From(run.Dom);
            counts.AssertConsistent();
            Assert.Equal(ReportFixtures.Northwind().Findings.Count, counts.Findings.Count);
        }

        /// <summary>No CSP violation (a style or script blocked), no script error, nothing the page logged.</summary>
        private static void AssertNoConsoleProblems(string log)
        {
            var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join("\n", console));
            Assert.DoesNotContain("Content Security Policy", log, StringComparison.Ordinal);
        }
    }
}
