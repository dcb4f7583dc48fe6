using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Tests.Audit;
using Xunit;

namespace AcsTeamsSecurity.Tests.Purview
{
    public class PurviewReportTests
    {
        private static string Html(ConfigurationSnapshot snapshot)
        {
            var findings = AuditEngine.Evaluate(snapshot, RuleCatalog.All, new AuditOptions(), "fixture").ToList();
            return HtmlReport.Render(new AuditReport(snapshot.Metadata, "fixture", string.Empty, findings, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void TheReportHasAPurviewSectionWithEveryPurviewCheck()
        {
            var html = Html(AuditFixtures.Load(AuditFixtures.Baseline()));

            Assert.Contains("<h2 id=\"h-purview\">Microsoft Purview</h2>", html, StringComparison.Ordinal);
            foreach (var id in new[] { "ATS.PRV.1", "ATS.PRV.2", "ATS.PRV.3", "ATS.PRV.4", "ATS.PRV.5" })
            {
                Assert.Contains($"<tr data-purview=\"{id}\">", html, StringComparison.Ordinal);
            }

            Assert.True(html.IndexOf("h-purview", StringComparison.Ordinal) < html.IndexOf("h-findings", StringComparison.Ordinal));
        }

        [Fact]
        public void AOneZeroSnapshotSaysThePlaneWasNotCollected()
        {
            var html = Html(SnapshotSerializer.Parse(File.ReadAllText(Path.Combine(AuditFixtures.Folder, "secure-snapshot-1.0.json")), "old.json"));

            Assert.Contains("Not collected: the snapshot has no Purview plane", html, StringComparison.Ordinal);
        }
    }
}
