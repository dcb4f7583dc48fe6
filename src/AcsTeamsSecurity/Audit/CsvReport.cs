using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit
{
    /// <summary>
    /// The findings as CSV (RFC 4180): a header and one row per finding, CRLF line ends. Values come from the tenant
    /// (policy names, resource names) and are untrusted, so a cell that a spreadsheet would read as a formula gets a
    /// leading apostrophe.
    /// </summary>
    internal static class CsvReport
    {
        private static readonly char[] QuoteTriggers = { ',', '"', '\r', '\n' };

        internal static IReadOnlyList<string> Columns { get; } = new[]
        {
            "RuleId", "Title", "Severity", "Status", "Plane", "Scope", "Setting", "Actual", "Expected", "AffectedUsers",
            "Evidence", "Remediation", "Mappings", "TenantId", "Source",
        };

        internal static string Render(AuditReport report)
        {
            var csv = new StringBuilder();
            AppendRow(csv, Columns);
            foreach (var f in ReportSummary.Sort(report.Findings))
            {
                AppendRow(csv, new[]
                {
                    f.RuleId,
                    f.Title,
                    f.Severity.ToString(),
                    f.Status.ToString(),
                    f.Plane.ToString(),
                    f.Scope,
                    f.Setting,
                    f.Actual,
                    f.Expected,
                    f.AffectedUsers?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    f.Evidence,
                    f.Remediation,
                    string.Join("; ", f.Mappings.Select(m => $"{m.Framework} {m.Id}")),
                    f.TenantId,
                    f.Source,
                });
            }

            return csv.ToString();
        }

        /// <summary>One cell: defused against formula injection, then quoted when RFC 4180 requires it.</summary>
        internal static string Field(string? value)
        {
            var text = value ?? string.Empty;
            if (text.Length > 0 && IsFormulaStart(text[0]))
            {
                text = "'" + text;
            }

            if (text.IndexOfAny(QuoteTriggers) < 0)
            {
                return text;
            }

            return "\"" + text.Replace("\"", "\"\"") + "\"";
        }

        private static bool IsFormulaStart(char c) => c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';

        private static void AppendRow(StringBuilder csv, IEnumerable<string> cells)
        {
            csv.Append(string.Join(",", cells.Select(Field)));
            csv.Append("\r\n");
        }
    }
}
