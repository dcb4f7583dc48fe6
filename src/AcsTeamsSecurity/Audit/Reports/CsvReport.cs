using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The findings as CSV (RFC 4180): a header and one row per finding, CRLF line ends. Values come from the tenant
    /// (policy names, resource names) and are untrusted, so every cell goes through <see cref="Field"/>: no formula in
    /// any locale (comma, semicolon or tab separated), no raw control characters.
    /// </summary>
    internal static class CsvReport
    {
        private static readonly char[] QuoteTriggers = { ',', ';', '\t', '"', '\r', '\n' };

        private static readonly char[] Separators = { ',', ';', '\t', '\r', '\n' };

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

        /// <summary>
        /// One cell, safe in every spreadsheet locale: control characters other than CR, LF and TAB are removed (an ESC in
        /// a policy name must not reach a terminal or a parser); wherever a formula could start (the cell's first visible
        /// character, and the first visible character after any separator a locale might use, <c>, ; TAB</c>, or a line
        /// break) a formula character gets an apostrophe before it, because a spreadsheet in a semicolon or tab locale
        /// ignores the comma-dialect quoting and splits the cell there; and a cell with any of <c>, ; TAB " CR LF</c> is
        /// quoted, so a comma locale keeps it whole.
        /// </summary>
        internal static string Field(string? value)
        {
            var text = Defuse(WithoutControlCharacters(value ?? string.Empty));
            if (text.IndexOfAny(QuoteTriggers) < 0)
            {
                return text;
            }

            return "\"" + text.Replace("\"", "\"\"") + "\"";
        }

        /// <summary>An apostrophe before every formula character that starts the text or follows a separator (blanks skipped).</summary>
        private static string Defuse(string text)
        {
            var result = new StringBuilder(text.Length + 2);
            var atStart = true;
            foreach (var c in text)
            {
                if (atStart && c == ' ')
                {
                    result.Append(c);
                    continue;
                }

                if (atStart && IsFormulaStart(c))
                {
                    result.Append('\'');
                }

                result.Append(c);
                atStart = Array.IndexOf(Separators, c) >= 0;
            }

            return result.ToString();
        }

        private static string WithoutControlCharacters(string text)
        {
            if (!text.Any(IsStrippedControl))
            {
                return text;
            }

            return new string(text.Where(c => !IsStrippedControl(c)).ToArray());
        }

        private static bool IsStrippedControl(char c) => char.IsControl(c) && c != '\r' && c != '\n' && c != '\t';

        /// <summary>= + - @ and their full-width forms (some spreadsheets normalize them), TAB and CR.</summary>
        private static bool IsFormulaStart(char c) => c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20';

        private static void AppendRow(StringBuilder csv, IEnumerable<string> cells)
        {
            csv.Append(string.Join(",", cells.Select(Field)));
            csv.Append("\r\n");
        }
    }
}
