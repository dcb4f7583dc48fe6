using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The counts every report format shows: findings by status, and by severity and status. Every status and severity
    /// is present (zero when nothing has it), so readers never have to guess whether a missing key means zero.
    /// </summary>
    internal sealed class ReportSummary
    {
        private readonly Dictionary<FindingStatus, int> byStatus;
        private readonly Dictionary<(AuditSeverity Severity, FindingStatus Status), int> bySeverityAndStatus;

        private ReportSummary(Dictionary<FindingStatus, int> byStatus, Dictionary<(AuditSeverity, FindingStatus), int> bySeverityAndStatus, int total)
        {
            this.byStatus = byStatus;
            this.bySeverityAndStatus = bySeverityAndStatus;
            Total = total;
        }

        /// <summary>Statuses in report order: what needs action first.</summary>
        internal static IReadOnlyList<FindingStatus> StatusOrder { get; } = new[]
        {
            FindingStatus.Fail, FindingStatus.Error, FindingStatus.Warning, FindingStatus.Pass, FindingStatus.NotApplicable,
        };

        /// <summary>Severities from the most to the least serious.</summary>
        internal static IReadOnlyList<AuditSeverity> SeverityOrder { get; } = new[]
        {
            AuditSeverity.Critical, AuditSeverity.High, AuditSeverity.Medium, AuditSeverity.Low, AuditSeverity.Informational,
        };

        internal int Total { get; }

        internal static ReportSummary From(IReadOnlyList<ExternalUserSecurityFinding> findings)
        {
            var byStatus = StatusOrder.ToDictionary(s => s, _ => 0);
            var matrix = new Dictionary<(AuditSeverity, FindingStatus), int>();
            foreach (var severity in SeverityOrder)
            {
                foreach (var status in StatusOrder)
                {
                    matrix[(severity, status)] = 0;
                }
            }

            foreach (var finding in findings)
            {
                byStatus[finding.Status] = byStatus.TryGetValue(finding.Status, out var n) ? n + 1 : 1;
                var key = (finding.Severity, finding.Status);
                matrix[key] = matrix.TryGetValue(key, out var m) ? m + 1 : 1;
            }

            return new ReportSummary(byStatus, matrix, findings.Count);
        }

        /// <summary>Findings in report order: by status (failures first), then severity, rule id and scope.</summary>
        internal static IReadOnlyList<ExternalUserSecurityFinding> Sort(IEnumerable<ExternalUserSecurityFinding> findings) =>
            findings
                .OrderBy(f => Rank(StatusOrder, f.Status))
                .ThenBy(f => Rank(SeverityOrder, f.Severity))
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.Scope, StringComparer.Ordinal)
                .ToList();

        internal int Count(FindingStatus status) => byStatus.TryGetValue(status, out var n) ? n : 0;

        internal int Count(AuditSeverity severity, FindingStatus status) => bySeverityAndStatus.TryGetValue((severity, status), out var n) ? n : 0;

        internal int Count(AuditSeverity severity) => StatusOrder.Sum(s => Count(severity, s));

        private static int Rank<T>(IReadOnlyList<T> order, T value)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(order[i], value))
                {
                    return i;
                }
            }

            return order.Count;
        }
    }
}
