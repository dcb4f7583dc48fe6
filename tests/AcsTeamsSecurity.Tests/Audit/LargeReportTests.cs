using System.Text;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Audit;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The tenant HTML report at scale: findings that say the same thing for many scopes are grouped (passing ones as a
    /// list of scopes, every failure with its own row and command), so 10,000 policy instances stay a few megabytes,
    /// while a small report keeps one article per finding.
    /// </summary>
    public sealed class LargeReportTests
    {
        private static AuditReport Large(int instances)
        {
            var findings = new List<ExternalUserSecurityFinding>();
            for (var i = 0; i < instances; i++)
            {
                var scope = i == 0 ? "Global" : $"Tag:Bench{i}";
                var loose = i % 4 == 0;
                for (var r = 1; r <= 5; r++)
                {
                    var fail = loose && r <= 2;
                    findings.Add(ReportFixtures.Finding(
                        $"ATS.MTG.{r}",
                        $"Rule {r}",
                        r == 1 ? AuditSeverity.High : AuditSeverity.Medium,
                        fail ? FindingStatus.Fail : FindingStatus.Pass,
                        scope: scope,
                        setting: $"TeamsMeetingPolicy.Setting{r}",
                        actual: fail ? "True" : "False",
                        expected: "False",
                        affectedUsers: i % 50,
                        remediation: fail ? $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '{scope}' -Setting{r} $false" : string.Empty));
                }
            }

            return ReportFixtures.Report(findings);
        }

        [Fact]
        public void TenThousandInstancesMakeAReportOfAFewMegabytesThatKeepsEveryFailure()
        {
            var report = Large(10_000);
            var html = HtmlReport.Render(report);
            var bytes = Encoding.UTF8.GetByteCount(html);
            Assert.True(bytes <= 8 * 1024 * 1024, $"{bytes} bytes");

            // Every failure keeps its own row with its scope and command.
            var failures = report.Findings.Where(f => f.Status == FindingStatus.Fail).ToList();
            Assert.Equal(failures.Count, Regex.Count(html, "<tr data-scope=\"\">"));
            foreach (var f in failures.Take(200))
            {
                Assert.Contains(HtmlReport.Encode(f.Remediation), html, StringComparison.Ordinal);
            }

            // The counts still add up: the summary, the matrix and the findings the articles stand for.
            var counts = HtmlCounts.From(html);
            Assert.Equal(report.Findings.Count, counts.Findings.Count);
            Assert.Equal(report.Findings.Count, counts.Total);
            Assert.Equal(failures.Count, counts.ByStatus["Fail"]);
            Assert.Equal(7, Regex.Count(html, "<article\\b")); // 5 passing groups, 2 failing groups
        }

        [Fact]
        public void ASmallReportKeepsOneArticlePerFinding()
        {
            var report = Large(HtmlReport.GroupAt - 1);
            var html = HtmlReport.Render(report);
            Assert.Equal(report.Findings.Count, Regex.Count(html, "<article\\b"));
            Assert.DoesNotContain("data-count=", html, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ChromiumOpensTheLargeReportAndItsFilterCountsEveryFinding()
        {
            var folder = Directory.CreateTempSubdirectory("acsts-large-report-").FullName;
            try
            {
                var path = Path.Combine(folder, "large.html");
                var report = Large(10_000);
                ReportWriter.Write(report, path);
                var run = await HeadlessChromium.DumpDomOffline(path);
                Assert.True(run.ExitCode == 0, run.Log);
                Assert.Empty(run.Requests);
                Assert.Contains($"{report.Findings.Count} of {report.Findings.Count} findings shown", run.Dom, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
