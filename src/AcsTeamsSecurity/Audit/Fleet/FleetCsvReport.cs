using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Fleet
{
    /// <summary>
    /// The fleet report as CSV: one row per tenant, worst first — rank, tenant, status, counts, trend, error — then one
    /// column per rule holding that tenant's worst status for it (the tenants × rules matrix). Every cell goes through
    /// <see cref="CsvReport.Field"/> (tenant names are untrusted).
    /// </summary>
    internal static class FleetCsvReport
    {
        internal static IReadOnlyList<string> FixedColumns { get; } = new[]
        {
            "Rank", "TenantId", "TenantDomain", "Status", "Score", "Failed", "FailedCriticalOrHigh", "Errors", "Warnings", "Passed",
            "NotApplicable", "FailedChange", "Error", "ErrorId", "Source",
        };

        internal static string Render(FleetReport report)
        {
            var csv = new StringBuilder();
            Row(csv, FixedColumns.Concat(report.Rules.Select(r => r.Id)));
            foreach (var tenant in report.Tenants)
            {
                var r = tenant.Row;
                var cells = new List<string>
                {
                    r.Rank.ToString(CultureInfo.InvariantCulture),
                    r.TenantId,
                    r.TenantDomain ?? string.Empty,
                    r.Status.ToString(),
                    r.Score.ToString(CultureInfo.InvariantCulture),
                    r.Failed.ToString(CultureInfo.InvariantCulture),
                    r.FailedCriticalOrHigh.ToString(CultureInfo.InvariantCulture),
                    r.Errors.ToString(CultureInfo.InvariantCulture),
                    r.Warnings.ToString(CultureInfo.InvariantCulture),
                    r.Passed.ToString(CultureInfo.InvariantCulture),
                    r.NotApplicable.ToString(CultureInfo.InvariantCulture),
                    r.FailedChange?.ToString("+0;-0;0", CultureInfo.InvariantCulture) ?? string.Empty,
                    r.Error ?? string.Empty,
                    r.ErrorId ?? string.Empty,
                    r.Source,
                };
                cells.AddRange(report.Rules.Select(rule => tenant.Cells.TryGetValue(rule.Id, out var cell) ? cell.Worst.ToString() : string.Empty));
                Row(csv, cells);
            }

            return csv.ToString();
        }

        private static void Row(StringBuilder csv, IEnumerable<string> cells)
        {
            csv.Append(string.Join(",", cells.Select(CsvReport.Field)));
            csv.Append("\r\n");
        }
    }
}
