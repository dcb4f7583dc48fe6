using System.Security.Cryptography;
using System.Text;
using AcsTeamsSecurity.Audit.Reports;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>The report's style sheet and script are embedded resource files, inlined and allowed by hash.</summary>
    public class ReportAssetsTests
    {
        [Fact]
        public void TheStyleSheetAndScriptComeFromTheEmbeddedFiles()
        {
            Assert.Contains(":root{--ink:#101828", HtmlReportAssets.Style, StringComparison.Ordinal);
            Assert.Contains("@media print{", HtmlReportAssets.Style, StringComparison.Ordinal);
            Assert.Contains("form.addEventListener('change',apply)", HtmlReportAssets.Script, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", HtmlReportAssets.Style, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", HtmlReportAssets.Script, StringComparison.Ordinal);
        }

        [Fact]
        public void NeitherAssetCanCloseItsOwnElement()
        {
            // Inlined verbatim: a closing tag inside would end the block early and break the hash-based policy.
            Assert.DoesNotContain("</style", HtmlReportAssets.Style, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("</script", HtmlReportAssets.Script, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void ThePageInlinesExactlyTheAssetsItsPolicyAllows()
        {
            var html = HtmlReport.Render(ReportFixtures.EveryStatusAndSeverity());
            Assert.Contains("<style>" + HtmlReportAssets.Style + "</style>", html, StringComparison.Ordinal);
            Assert.Contains("<script>" + HtmlReportAssets.Script + "</script>", html, StringComparison.Ordinal);
            Assert.Contains("style-src '" + Hash(HtmlReportAssets.Style) + "'", html, StringComparison.Ordinal);
            Assert.Contains("script-src '" + Hash(HtmlReportAssets.Script) + "'", html, StringComparison.Ordinal);
        }

        private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
