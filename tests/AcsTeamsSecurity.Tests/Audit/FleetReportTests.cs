using System.Text.RegularExpressions;
using AcsTeamsSecurity.Audit;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Fleet;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The fleet: ranking and scores, the trend against a previous run, the three report formats (including hostile
    /// tenant values), the parallel runner's throttle and failure isolation, and the fleet HTML in headless Chromium.
    /// </summary>
    public sealed class FleetReportTests : IDisposable
    {
        private static readonly DateTimeOffset At = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        private readonly string folder = Directory.CreateTempSubdirectory("acsts-fleet-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        internal static IReadOnlyList<ExternalUserSecurityRule> Rules { get; } = RuleCatalog.All.Select(r => r.Definition).Take(4).ToList();

        internal static FleetTenantAudit Tenant(string id, string? domain, params (int Rule, FindingStatus Status, string Scope)[] findings) =>
            FleetTenantAudit.Audited(
                id,
                domain,
                id + ".json",
                At,
                findings.Select(f => ReportFixtures.Finding(Rules[f.Rule].Id, Rules[f.Rule].Title, Rules[f.Rule].Severity, f.Status, scope: f.Scope)),
                TimeSpan.FromSeconds(1));

        internal static FleetReport Fleet(PreviousFleetRun? previous = null) => FleetReport.Build(
            new[]
            {
                Tenant("00000000-0000-0000-0000-00000000000a", "clean.example", (0, FindingStatus.Pass, "Global"), (1, FindingStatus.Pass, "Global")),
                Tenant("00000000-0000-0000-0000-00000000000b", "bad.example", (0, FindingStatus.Fail, "Global"), (0, FindingStatus.Fail, "Tag:A"), (1, FindingStatus.Pass, "Global"), (2, FindingStatus.Warning, "Global")),
                FleetTenantAudit.Failed("00000000-0000-0000-0000-00000000000c", null, "Live", "AuthenticationFailed", "Sign-in failed.", TimeSpan.Zero),
                Tenant("00000000-0000-0000-0000-00000000000d", "=cmd|' /C calc'!A0 <b>evil</b>", (0, FindingStatus.Fail, "<script>alert(1)</script>"), (3, FindingStatus.Error, "Global")),
            },
            Rules,
            "Live",
            "none (all rules)",
            At,
            previous);

        [Fact]
        public void TenantsAreRankedWorstFirstWithTheFailedTenantOnTop()
        {
            var report = Fleet();
            var rows = report.Tenants.Select(t => t.Row).ToList();
            Assert.Equal(new[] { 1, 2, 3, 4 }, rows.Select(r => r.Rank));
            Assert.Equal(FleetTenantStatus.Failed, rows[0].Status);
            Assert.Equal("Sign-in failed.", rows[0].Error);
            Assert.Equal("AuthenticationFailed", rows[0].ErrorId);

            // Scores: failures weigh by severity, errors 2; the clean tenant is last with 0.
            var bad = rows.Single(r => r.TenantDomain == "bad.example");
            Assert.Equal(2 * FleetTenantAudit.Weight(Rules[0].Severity), bad.Score);
            Assert.Equal(2, bad.Failed);
            Assert.Equal(1, bad.Warnings);
            Assert.Equal(1, bad.Passed);
            Assert.Equal(0, rows[3].Score);
            Assert.Equal("clean.example", rows[3].TenantDomain);
            Assert.True(rows[1].Score >= rows[2].Score);

            // The matrix keeps the worst status per rule and the number of failures.
            var cells = report.Tenants.Single(t => t.Row.TenantDomain == "bad.example").Cells;
            Assert.Equal(FindingStatus.Fail, cells[Rules[0].Id].Worst);
            Assert.Equal(2, cells[Rules[0].Id].Failed);
            Assert.Equal(FindingStatus.Warning, cells[Rules[2].Id].Worst);
            Assert.False(cells.ContainsKey(Rules[3].Id));

            // Drill-down keeps what needs attention only.
            Assert.Equal(3, report.Tenants.Single(t => t.Row.TenantDomain == "bad.example").Attention.Count);
            Assert.Contains("2 of 4 tenant(s) audited".Replace("2 of", "3 of", StringComparison.Ordinal), report.SummaryLine(TimeSpan.FromSeconds(2)), StringComparison.Ordinal);
        }

        [Fact]
        public void TheTrendComparesFailuresWithThePreviousFleetJsonReport()
        {
            var first = Path.Combine(folder, "first.json");
            FleetReportWriter.Write(Fleet(), first);

            // The next run: bad.example fixed one failure; a new tenant has no previous count.
            var next = FleetReport.Build(
                new[]
                {
                    Tenant("00000000-0000-0000-0000-00000000000b", "bad.example", (0, FindingStatus.Fail, "Global")),
                    Tenant("00000000-0000-0000-0000-00000000000a", "clean.example", (0, FindingStatus.Fail, "Global")),
                    Tenant("00000000-0000-0000-0000-0000000000ee", "new.example", (0, FindingStatus.Fail, "Global")),
                },
                Rules,
                "Live",
                "none",
                At.AddDays(30),
                PreviousFleetRun.Load(first));
            var rows = next.Tenants.ToDictionary(t => t.Row.TenantDomain!, t => t.Row);
            Assert.Equal(-1, rows["bad.example"].FailedChange);
            Assert.Equal(1, rows["clean.example"].FailedChange);
            Assert.Null(rows["new.example"].FailedChange);
            Assert.Equal(At, next.Previous!.GeneratedAt);

            var html = FleetHtmlReport.Render(next);
            Assert.Contains("\u25b21", html, StringComparison.Ordinal);
            Assert.Contains("\u25bc1", html, StringComparison.Ordinal);
            Assert.Contains("1 tenant with more failures, 1 tenant with fewer", html, StringComparison.Ordinal);
        }

        [Fact]
        public void APreviousReportThatIsNotAFleetReportIsRefused()
        {
            var tenantReport = Path.Combine(folder, "tenant.json");
            ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), tenantReport);
            var e = Assert.Throws<AcsTeamsSecurityException>(() => PreviousFleetRun.Load(tenantReport));
            Assert.Equal(ErrorIds.FleetReportUnreadable, e.ErrorId);
            var missing = Assert.Throws<AcsTeamsSecurityException>(() => PreviousFleetRun.Load(Path.Combine(folder, "none.json")));
            Assert.Equal(ErrorIds.FleetReportUnreadable, missing.ErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, missing.Category);
        }

        [Fact]
        public void TheCsvIsTheMatrixWithOneColumnPerRuleAndNoFormula()
        {
            var csv = FleetCsvReport.Render(Fleet());
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, lines.Length);
            Assert.Equal(string.Join(",", FleetCsvReport.FixedColumns.Concat(Rules.Select(r => r.Id))), lines[0]);
            Assert.StartsWith("1,00000000-0000-0000-0000-00000000000c,,Failed,", lines[1], StringComparison.Ordinal);
            var evil = lines.Single(l => l.Contains("evil", StringComparison.Ordinal));
            Assert.Contains("'=cmd|", evil, StringComparison.Ordinal);
            Assert.EndsWith(",Fail,,,Error", evil, StringComparison.Ordinal);
        }

        [Fact]
        public void TheHtmlIsSelfContainedAndEncodesTenantValues()
        {
            var html = FleetHtmlReport.Render(Fleet());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;evil&lt;/b&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("(src|href)=\"https?:", html);
            Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
            Assert.Equal(4, Regex.Count(html, "<tr data-tenant="));
            Assert.Equal(4, Regex.Count(html, "<details id=\"t\\d+\""));
            Assert.Matches("data-fleet-count=\"failed-tenants\"><b>1</b>", html);
            Assert.Matches("data-fleet-count=\"audited\"><b>3</b>", html);
        }

        [Fact]
        public void TheJsonRoundTripsTheRowsAndCells()
        {
            var json = FleetJsonReport.Render(Fleet());
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var root = doc.RootElement;
            Assert.Equal(FleetJsonReport.Kind, root.GetProperty("kind").GetString());
            Assert.Equal(4, root.GetProperty("summary").GetProperty("tenants").GetInt32());
            Assert.Equal(1, root.GetProperty("summary").GetProperty("failedTenants").GetInt32());
            var tenants = root.GetProperty("tenants").EnumerateArray().ToList();
            Assert.Equal("Failed", tenants[0].GetProperty("status").GetString());
            var bad = tenants.Single(t => t.GetProperty("tenantDomain").GetString() == "bad.example");
            Assert.Equal("Fail", bad.GetProperty("rules").GetProperty(Rules[0].Id).GetProperty("status").GetString());
            Assert.Equal(2, bad.GetProperty("rules").GetProperty(Rules[0].Id).GetProperty("failed").GetInt32());
            Assert.Equal(3, bad.GetProperty("findings").GetArrayLength());
        }

        [Fact]
        public async Task TheRunnerKeepsToTheThrottleAndIsolatesAFailure()
        {
            var items = Enumerable.Range(1, 20).ToList();
            var running = 0;
            var peak = 0;
            var log = new RecordingLog();
            var results = await FleetRunner.RunAsync(
                items,
                3,
                i => "tenant" + i,
                async (i, ct) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(20, ct);
                    Interlocked.Decrement(ref running);
                    OperationLog.Current.Verbose("working");
                    return i == 7 ? throw new InvalidOperationException("boom") : "ok" + i;
                },
                (i, ex, took) => "failed" + i + ":" + ex.Message,
                r => r.StartsWith("failed", StringComparison.Ordinal),
                log,
                "Testing",
                CancellationToken.None);

            Assert.Equal(items.Select(i => i == 7 ? "failed7:boom" : "ok" + i), results);
            Assert.InRange(peak, 1, 3);
            Assert.Contains(log.Lines, l => l == "[tenant3] working");
            Assert.Contains(log.Lines, l => l.StartsWith("Tenant tenant7: FAILED", StringComparison.Ordinal));
            // Tenants finish in any order, so the failure may be counted in the last status, after which no time is left.
            Assert.Contains(log.Progress, p => p.Contains("left", StringComparison.Ordinal));
            Assert.Contains(log.Progress, p => p.Contains("1 failed", StringComparison.Ordinal));
            Assert.Equal("20 of 20 tenant(s) done", log.Progress[^1]);
        }

        [Fact]
        public async Task ChromiumRendersTheFleetReportOfflineAndPrintsEveryDrillDown()
        {
            var path = Path.Combine(folder, "fleet.html");
            FleetReportWriter.Write(Fleet(), path);
            var run = await HeadlessChromium.DumpDomOffline(path);
            Assert.True(run.ExitCode == 0, run.Log);
            Assert.Empty(run.Requests);
            Assert.DoesNotContain("Content Security Policy", run.Log, StringComparison.Ordinal);
            Assert.Equal(4, Regex.Count(run.Dom, "<tr data-tenant="));
            Assert.Contains("</footer>", run.Dom, StringComparison.Ordinal);

            // Printed, the closed drill-downs open (print style sheet): more pages than with them removed.
            // A fleet big enough that its drill-downs fill pages of their own.
            var big = FleetReport.Build(
                Enumerable.Range(1, 30).Select(i => Tenant($"00000000-0000-0000-0000-{i:D12}", $"tenant{i}.example", (0, FindingStatus.Fail, "Global"), (1, FindingStatus.Fail, "Tag:A"), (2, FindingStatus.Warning, "Tag:B"))),
                Rules,
                "Live",
                "none",
                At,
                null);
            FleetReportWriter.Write(big, path);
            var html = File.ReadAllText(path);
            var without = Path.Combine(folder, "without.html");
            File.WriteAllText(without, Regex.Replace(html, "(<details id=\"t\\d+\"[^>]*>\\s*<summary>.*?</summary>).*?(</details>)", "$1$2", RegexOptions.Singleline));
            Assert.NotEqual(html, File.ReadAllText(without));
            var pages = new Dictionary<string, int>();
            foreach (var (name, file) in new[] { ("report", path), ("without", without) })
            {
                var pdf = Path.Combine(folder, name + ".pdf");
                var print = await HeadlessChromium.PrintToPdf(file, pdf);
                Assert.Equal(0, print.ExitCode);
                pages[name] = HeadlessChromium.PdfPages(pdf);
            }

            Assert.True(pages["report"] > pages["without"], $"printed: {pages["report"]} page(s), without the drill-downs {pages["without"]}");
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }

        private sealed class RecordingLog : IOperationLog
        {
            private readonly object gate = new();

            internal List<string> Lines { get; } = new();

            internal List<string> Progress { get; } = new();

            public void Verbose(string message)
            {
                lock (gate)
                {
                    Lines.Add(message);
                }
            }

            public void Debug(string message) => Verbose(message);

            public void Warning(string message) => Verbose(message);

            void IOperationLog.Progress(string activity, string status, int percent)
            {
                lock (gate)
                {
                    Progress.Add(status);
                }
            }
        }
    }
}
