using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    public sealed class ReportWriterTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("acsts-report-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        [Theory]
        [InlineData("report.html", ReportFormat.Html)]
        [InlineData("REPORT.HTM", ReportFormat.Html)]
        [InlineData("dir.v2/report.Html", ReportFormat.Html)]
        [InlineData("report.json", ReportFormat.Json)]
        [InlineData("report.JSON", ReportFormat.Json)]
        [InlineData("report.csv", ReportFormat.Csv)]
        [InlineData("report.Csv", ReportFormat.Csv)]
        internal void FormatComesFromTheExtension(string path, ReportFormat expected) => Assert.Equal(expected, ReportWriter.FormatFromPath(path));

        [Theory]
        [InlineData("report.txt")]
        [InlineData("report")]
        [InlineData("report.html.bak")]
        [InlineData("report.xlsx")]
        [InlineData("")]
        public void OtherExtensionsAreRejectedWithAStableId(string path)
        {
            var error = Assert.Throws<AcsTeamsSecurityException>(() => ReportWriter.FormatFromPath(path));
            Assert.Equal(ErrorIds.ReportFormatUnsupported, error.ErrorId);
            Assert.Equal("ReportFormatUnsupported", error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
            foreach (var extension in new[] { ".html", ".json", ".csv" })
            {
                Assert.Contains(extension, error.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void WriteRejectsATxtPathAndCreatesNothing()
        {
            var path = Path.Combine(folder, "report.txt");
            var error = Assert.Throws<AcsTeamsSecurityException>(() => ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), path));
            Assert.Equal(ErrorIds.ReportFormatUnsupported, error.ErrorId);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }

        [Theory]
        [InlineData("audit.html", ReportFormat.Html)]
        [InlineData("audit.json", ReportFormat.Json)]
        [InlineData("audit.csv", ReportFormat.Csv)]
        internal void WriteSavesUtf8WithoutBomAndLeavesNoTemporaryFile(string name, ReportFormat format)
        {
            var report = ReportFixtures.Hostile();
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, "the previous report");

            ReportWriter.Write(report, path);

            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the file starts with a BOM");
            Assert.Equal(ReportWriter.Render(report, format), new UTF8Encoding(false, true).GetString(bytes));
            Assert.Equal(new[] { name }, Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        }

        [Fact]
        public void WriteAcceptsARelativePath()
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "relative.json"));
            Assert.False(Path.IsPathRooted(relative));
            ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), relative);
            Assert.True(File.Exists(Path.Combine(folder, "relative.json")));
        }

        [Fact]
        public void AFailedWriteLeavesNoHalfReportBehind()
        {
            // The target is a directory: the final move fails after the temporary file was written.
            var path = Path.Combine(folder, "taken.json");
            Directory.CreateDirectory(path);
            Assert.ThrowsAny<Exception>(() => ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), path));
            Assert.Equal(new[] { "taken.json" }, Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Empty(Directory.EnumerateFileSystemEntries(path));
        }

        [Fact]
        public void WriteIntoAMissingFolderFailsWithoutCreatingIt()
        {
            var path = Path.Combine(folder, "missing", "audit.html");
            Assert.Throws<DirectoryNotFoundException>(() => ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), path));
            Assert.False(Directory.Exists(Path.Combine(folder, "missing")));
        }

        // ---------------------------------------------------------------- JSON

        [Fact]
        public void JsonHasTheDocumentedShape()
        {
            var report = ReportFixtures.EveryStatusAndSeverity();
            using var doc = JsonDocument.Parse(ReportWriter.Render(report, ReportFormat.Json));
            var root = doc.RootElement;
            Assert.Equal(
                new[] { "schemaVersion", "metadata", "source", "filters", "generatedAt", "summary", "findings" },
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("1.0", root.GetProperty("schemaVersion").GetString());
            Assert.Equal("Live", root.GetProperty("source").GetString());
            Assert.Equal("none", root.GetProperty("filters").GetString());
            Assert.Equal(ReportFixtures.GeneratedAt, root.GetProperty("generatedAt").GetDateTimeOffset());

            var metadata = root.GetProperty("metadata");
            Assert.Equal(
                new[] { "tenantId", "tenantDomain", "environment", "snapshotCreatedAt", "moduleVersion", "account", "subscriptions" },
                metadata.EnumerateObject().Select(p => p.Name));
            Assert.Equal(ReportFixtures.TenantId, metadata.GetProperty("tenantId").GetString());
            Assert.Equal("northwind.example", metadata.GetProperty("tenantDomain").GetString());
            Assert.Equal("AzureCloud", metadata.GetProperty("environment").GetString());
            Assert.Equal(report.Metadata.CreatedAt, metadata.GetProperty("snapshotCreatedAt").GetDateTimeOffset());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", metadata.GetProperty("snapshotCreatedAt").GetString());
            Assert.Equal("auditor@northwind.example", metadata.GetProperty("account").GetString());
            Assert.Equal(report.Metadata.Subscriptions, metadata.GetProperty("subscriptions").EnumerateArray().Select(e => e.GetString()));

            var findings = root.GetProperty("findings").EnumerateArray().ToList();
            Assert.Equal(25, findings.Count);
            var first = findings[0];
            Assert.Equal(
                new[] { "ruleId", "title", "severity", "status", "plane", "scope", "setting", "actual", "expected", "affectedUsers", "evidence", "remediation", "mappings", "tenantId", "source" },
                first.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Fail", first.GetProperty("status").GetString());
            Assert.Equal("Critical", first.GetProperty("severity").GetString());
            Assert.Equal(JsonValueKind.String, first.GetProperty("plane").ValueKind);
            var mapping = first.GetProperty("mappings")[0];
            Assert.Equal("CISA SCuBA", mapping.GetProperty("framework").GetString());
            Assert.StartsWith("MS.TEAMS.", mapping.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Contains(findings, f => f.GetProperty("affectedUsers").ValueKind == JsonValueKind.Null);
            Assert.Contains(findings, f => f.GetProperty("affectedUsers").ValueKind == JsonValueKind.Number);

            // Every finding of the report is there once, field for field.
            var byRule = findings.ToDictionary(f => f.GetProperty("ruleId").GetString()!);
            foreach (var f in report.Findings)
            {
                var j = byRule[f.RuleId];
                Assert.Equal(f.Title, j.GetProperty("title").GetString());
                Assert.Equal(f.Severity.ToString(), j.GetProperty("severity").GetString());
                Assert.Equal(f.Status.ToString(), j.GetProperty("status").GetString());
                Assert.Equal(f.Plane.ToString(), j.GetProperty("plane").GetString());
                Assert.Equal(f.Scope, j.GetProperty("scope").GetString());
                Assert.Equal(f.AffectedUsers, j.GetProperty("affectedUsers").ValueKind == JsonValueKind.Null ? null : j.GetProperty("affectedUsers").GetInt32());
                Assert.Equal(f.Remediation, j.GetProperty("remediation").GetString());
                Assert.Equal(f.Mappings.Select(m => (m.Framework, m.Id)), j.GetProperty("mappings").EnumerateArray().Select(m => (m.GetProperty("framework").GetString()!, m.GetProperty("id").GetString()!)));
                Assert.Equal(f.TenantId, j.GetProperty("tenantId").GetString());
                Assert.Equal(f.Source, j.GetProperty("source").GetString());
            }
        }

        [Fact]
        public void JsonSummaryCountsEqualTheFindings()
        {
            var report = ReportFixtures.Northwind();
            using var doc = JsonDocument.Parse(ReportWriter.Render(report, ReportFormat.Json));
            var summary = doc.RootElement.GetProperty("summary");
            var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
            Assert.Equal(report.Findings.Count, summary.GetProperty("total").GetInt32());
            Assert.Equal(report.Findings.Count, findings.Count);

            foreach (var status in Enum.GetValues<FindingStatus>())
            {
                Assert.Equal(report.Findings.Count(f => f.Status == status), summary.GetProperty("byStatus").GetProperty(status.ToString()).GetInt32());
                foreach (var severity in Enum.GetValues<AuditSeverity>())
                {
                    var expected = findings.Count(f => f.GetProperty("status").GetString() == status.ToString() && f.GetProperty("severity").GetString() == severity.ToString());
                    Assert.Equal(expected, summary.GetProperty("bySeverity").GetProperty(severity.ToString()).GetProperty(status.ToString()).GetInt32());
                }
            }
        }

        [Fact]
        public void JsonRoundTripsHostileValuesAndNulls()
        {
            var metadata = ReportFixtures.Metadata(domain: null);
            metadata.Account = null;
            metadata.CreatedAt = default;
            var report = ReportFixtures.Report(ReportFixtures.Hostile().Findings, metadata: metadata);
            using var doc = JsonDocument.Parse(ReportWriter.Render(report, ReportFormat.Json));
            var m = doc.RootElement.GetProperty("metadata");
            Assert.Equal(JsonValueKind.Null, m.GetProperty("tenantDomain").ValueKind);
            Assert.Equal(JsonValueKind.Null, m.GetProperty("account").ValueKind);
            Assert.Equal(JsonValueKind.Null, m.GetProperty("snapshotCreatedAt").ValueKind);
            var parsed = doc.RootElement.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString()!);
            foreach (var f in report.Findings)
            {
                Assert.Equal(f.Title, parsed[f.RuleId].GetProperty("title").GetString());
                Assert.Equal(f.Scope, parsed[f.RuleId].GetProperty("scope").GetString());
                Assert.Equal(f.Actual, parsed[f.RuleId].GetProperty("actual").GetString());
                Assert.Equal(f.Evidence, parsed[f.RuleId].GetProperty("evidence").GetString());
            }
        }

        // ---------------------------------------------------------------- CSV

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("", "")]
        [InlineData("a,b", "\"a,b\"")]
        [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
        [InlineData("line\nbreak", "\"line\nbreak\"")]
        [InlineData("=1+1", "'=1+1")]
        [InlineData("+1", "'+1")]
        [InlineData("-1", "'-1")]
        [InlineData("@SUM(A1)", "'@SUM(A1)")]
        [InlineData("\tTab", "\"'\tTab\"")]
        [InlineData("x;=cmd", "\"x;'=cmd\"")]
        [InlineData(" =1", " '=1")]
        [InlineData("a;b", "\"a;b\"")]
        [InlineData("esc\u001b[31m", "esc[31m")]
        [InlineData("\rCR", "\"'\rCR\"")]
        [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
        [InlineData("Tag:a=b", "Tag:a=b")]
        public void CsvFieldsAreQuotedAndDefused(string value, string expected) => Assert.Equal(expected, CsvReport.Field(value));

        [Fact]
        public void CsvHasAHeaderAndOneRowPerFinding()
        {
            var report = ReportFixtures.Hostile();
            var csv = ReportWriter.Render(report, ReportFormat.Csv);
            var rows = ParseCsv(csv);
            Assert.Equal(CsvReport.Columns, rows[0]);
            Assert.Equal(report.Findings.Count + 1, rows.Count);
            Assert.All(rows, r => Assert.Equal(CsvReport.Columns.Count, r.Count));
            Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);

            var fail = rows.Single(r => r[0] == "ATS.MEET.1");
            Assert.Equal(ReportFixtures.HostileScope, fail[5]);
            Assert.Equal("\"False\" & 'off'", fail[8]);
            Assert.Equal("12", fail[9]);
            Assert.Equal("CISA SCuBA MS.TEAMS.1.2v2\"><script>alert(4)</script>", fail[12]);

            var warning = rows.Single(r => r[0] == "ATS.MEET.2");
            Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", warning[1]);
            Assert.Equal("'=cmd|' /C calc'!A0", warning[5]);
            Assert.Equal("'+1+1", warning[7]);
            Assert.Equal("'-2", warning[8]);
            Assert.Equal("'@SUM(A1:A2)", warning[10]);
            Assert.Equal(string.Empty, warning[9]);

            var pass = rows.Single(r => r[0] == "ATS.MEET.3");
            Assert.Equal("Tab\tand\r\nline breaks, \"quotes\", commas", pass[1]);
            Assert.Equal("'\tTag:Tabbed", pass[5]);
            Assert.Equal("'\rcarriage", pass[7]);

            // No cell a spreadsheet would evaluate.
            Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), cell));
        }

        [Fact]
        public void CsvJoinsMappingsWithSemicolons()
        {
            var rows = ParseCsv(ReportWriter.Render(ReportFixtures.EveryStatusAndSeverity(), ReportFormat.Csv));
            Assert.Equal("CISA SCuBA MS.TEAMS.1.1v1; Maester MT.1001", rows.Single(r => r[0] == "ATS.TEST.1")[12]);
        }

        // ---------------------------------------------------------------- HTML

        [Fact]
        public void HtmlEncodesEveryHostileValue()
        {
            var html = ReportWriter.Render(ReportFixtures.Hostile(), ReportFormat.Html);
            Assert.Equal(1, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror=alert", html.Replace("&lt;img src=x onerror=alert(2)&gt;", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("</td></tr></table><script>", html, StringComparison.Ordinal);
            Assert.Contains("Tag:&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("&quot;False&quot; &amp; &#39;off&#39;", html, StringComparison.Ordinal);
            Assert.Contains("MS.TEAMS.1.2v2&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;", html, StringComparison.Ordinal);
        }

        [Fact]
        public void HtmlTitleNamesTheTenantAndEnvironment()
        {
            var html = ReportWriter.Render(ReportFixtures.Northwind(), ReportFormat.Html);
            Assert.Contains("<title>External-user security report \u2013 northwind.example</title>", html, StringComparison.Ordinal);
            Assert.Contains("<span class=\"env\">AzureCloud</span>", html, StringComparison.Ordinal);
            var noDomain = ReportWriter.Render(ReportFixtures.Report(Array.Empty<ExternalUserSecurityFinding>(), metadata: ReportFixtures.Metadata(domain: null)), ReportFormat.Html);
            Assert.Contains(ReportFixtures.TenantId + "</title>", noDomain, StringComparison.Ordinal);
            Assert.Contains("No findings", noDomain, StringComparison.Ordinal);
        }

        [Fact]
        public void HtmlSummaryCountsEqualTheFindings()
        {
            foreach (var report in new[] { ReportFixtures.EveryStatusAndSeverity(), ReportFixtures.Northwind(), ReportFixtures.Hostile() })
            {
                var counts = HtmlCounts.From(ReportWriter.Render(report, ReportFormat.Html));
                counts.AssertConsistent();
                Assert.Equal(report.Findings.Count, counts.Findings.Count);
                foreach (var status in Enum.GetValues<FindingStatus>())
                {
                    Assert.Equal(report.Findings.Count(f => f.Status == status), counts.ByStatus[status.ToString()]);
                }
            }
        }

        [Fact]
        public void HtmlShowsFailuresFirstThenBySeverity()
        {
            var counts = HtmlCounts.From(ReportWriter.Render(ReportFixtures.EveryStatusAndSeverity(), ReportFormat.Html));
            var order = new[] { "Fail", "Error", "Warning", "Pass", "NotApplicable" };
            var severities = Enum.GetNames<AuditSeverity>();
            var expected = order.SelectMany(s => severities.Select(v => (s, v))).ToList();
            Assert.Equal(expected, counts.Findings);
        }

        [Fact]
        public void HtmlShowsEveryFieldOfAFinding()
        {
            var report = ReportFixtures.Northwind();
            var html = ReportWriter.Render(report, ReportFormat.Html);
            var acs = report.Findings.First(f => f.RuleId == "ATS.MEET.3");
            foreach (var text in new[] { acs.RuleId, acs.Title, acs.Scope, acs.Setting, acs.Evidence, "1,184", "Meeting policy", "CISA SCuBA", "MS.TEAMS.1.2v2", "Maester", "CIS M365", "8.5.3" })
            {
                Assert.Contains(HtmlReport.Encode(text), html, StringComparison.Ordinal);
            }

            Assert.Contains("<pre><code>" + HtmlReport.Encode(acs.Remediation) + "</code></pre>", html, StringComparison.Ordinal);
            Assert.Contains("Azure Policy", html, StringComparison.Ordinal);
            foreach (var meta in new[] { "Source", "Snapshot taken", "Report generated", "Module version", "Filters applied", "none (all 21 rules)", "2025-11-28 13:58 UTC" })
            {
                Assert.Contains(meta, html, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void HtmlIsAccessibleAndReadableWithoutScript()
        {
            var html = ReportWriter.Render(ReportFixtures.Northwind(), ReportFormat.Html);
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(html, "<h1[ >]"));
            Assert.DoesNotMatch("<th(?=[ >])(?![^>]*scope=)[^>]*>", html);
            // The filter controls are hidden until the script shows them, and no finding is hidden in the markup.
            Assert.Contains("<form id=\"filters\" class=\"filters\" hidden>", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("<article[^>]*hidden", html);
            // Status is always written out, not only coloured.
            var badges = Regex.Matches(html, "<span class=\"badge status st-\\w+\"><span class=\"sym\" aria-hidden=\"true\">[^<]*</span>([^<]+)</span>");
            Assert.Equal(ReportFixtures.Northwind().Findings.Count, badges.Count);
            Assert.All(badges, b => Assert.Contains(b.Groups[1].Value, new[] { "Fail", "Error", "Warning", "Pass", "Not applicable" }));

            Assert.Contains("@media print", html, StringComparison.Ordinal);
            Assert.Contains("break-inside:avoid", html, StringComparison.Ordinal);
        }

        [Fact]
        public void HtmlFetchesNothing()
        {
            var html = ReportWriter.Render(ReportFixtures.Northwind(), ReportFormat.Html);
            foreach (var forbidden in new[] { "src=\"http", "src='http", "href=\"http", "href=\"//", "src=\"//", "@import", "url(", "<link", "<img", "<iframe", "<object", "<embed", "@font-face" })
            {
                Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
            }

            var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">");
            Assert.True(csp.Success, "no Content-Security-Policy");
            Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp.Groups[1].Value, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp.Groups[1].Value, StringComparison.Ordinal);
        }

        [Fact]
        public void HtmlIsDeterministic() =>
            Assert.Equal(ReportWriter.Render(ReportFixtures.Northwind(), ReportFormat.Html), ReportWriter.Render(ReportFixtures.Northwind(), ReportFormat.Html));

        /// <summary>A strict RFC 4180 reader, enough to check what the writer wrote.</summary>
        private static List<List<string>> ParseCsv(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"' && cell.Length == 0)
                {
                    i++;
                    while (true)
                    {
                        Assert.True(i < text.Length, "unterminated quoted field");
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        cell.Append(text[i++]);
                    }

                    Assert.True(i == text.Length || text[i] == ',' || text[i] == '\r', $"text after a closing quote at {i}");
                    continue;
                }

                if (text[i] == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    i++;
                }
                else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = new List<string>();
                    i += 2;
                }
                else
                {
                    Assert.False(text[i] == '"' || text[i] == '\r' || text[i] == '\n', $"unquoted special character at {i}");
                    cell.Append(text[i++]);
                }
            }

            Assert.True(row.Count == 0 && cell.Length == 0, "the last row does not end in CRLF");
            return rows;
        }
    }
}
