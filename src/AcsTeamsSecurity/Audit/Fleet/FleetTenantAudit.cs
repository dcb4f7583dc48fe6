using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Fleet
{
    /// <summary>The worst status one rule reached in one tenant, and how many of its findings failed there.</summary>
    internal readonly struct FleetRuleCell
    {
        internal FleetRuleCell(FindingStatus worst, int failed)
        {
            Worst = worst;
            Failed = failed;
        }

        internal FindingStatus Worst { get; }

        internal int Failed { get; }
    }

    /// <summary>
    /// What a fleet report keeps of one tenant: its row, the rules matrix cells, and the findings that need attention
    /// (fail, error, warning) for the drill-down. Passed and not-applicable findings are counted, not kept, so a fleet of
    /// a thousand tenants stays small in memory.
    /// </summary>
    internal sealed class FleetTenantAudit
    {
        private FleetTenantAudit(ExternalUserFleetTenant row, Dictionary<string, FleetRuleCell> cells, List<ExternalUserSecurityFinding> attention)
        {
            Row = row;
            Cells = cells;
            Attention = attention;
        }

        internal ExternalUserFleetTenant Row { get; }

        /// <summary>Rule id to cell; a rule with no finding in this tenant has no cell.</summary>
        internal IReadOnlyDictionary<string, FleetRuleCell> Cells { get; }

        /// <summary>Failed, error and warning findings, in report order.</summary>
        internal IReadOnlyList<ExternalUserSecurityFinding> Attention { get; }

        /// <summary>The weight of a failed finding in the risk score.</summary>
        internal static int Weight(AuditSeverity severity) => severity switch
        {
            AuditSeverity.Critical => 25,
            AuditSeverity.High => 10,
            AuditSeverity.Medium => 4,
            AuditSeverity.Low => 1,
            _ => 0,
        };

        /// <summary>How bad a status is in a matrix cell (higher is worse).</summary>
        internal static int Badness(FindingStatus status) => status switch
        {
            FindingStatus.Fail => 4,
            FindingStatus.Error => 3,
            FindingStatus.Warning => 2,
            FindingStatus.Pass => 1,
            _ => 0,
        };

        internal static FleetTenantAudit Audited(string tenantId, string? tenantDomain, string source, DateTimeOffset? collectedAt, IEnumerable<ExternalUserSecurityFinding> findings, TimeSpan duration)
        {
            var row = new ExternalUserFleetTenant
            {
                TenantId = tenantId,
                TenantDomain = tenantDomain,
                Status = FleetTenantStatus.Audited,
                Source = source,
                CollectedAt = collectedAt,
                Duration = duration,
            };
            var cells = new Dictionary<string, FleetRuleCell>(StringComparer.Ordinal);
            var attention = new List<ExternalUserSecurityFinding>();
            foreach (var f in findings)
            {
                switch (f.Status)
                {
                    case FindingStatus.Fail:
                        row.Failed++;
                        row.Score += Weight(f.Severity);
                        if (f.Severity == AuditSeverity.Critical || f.Severity == AuditSeverity.High)
                        {
                            row.FailedCriticalOrHigh++;
                        }

                        break;
                    case FindingStatus.Error:
                        row.Errors++;
                        row.Score += 2;
                        break;
                    case FindingStatus.Warning:
                        row.Warnings++;
                        break;
                    case FindingStatus.Pass:
                        row.Passed++;
                        break;
                    default:
                        row.NotApplicable++;
                        break;
                }

                if (f.Status == FindingStatus.Fail || f.Status == FindingStatus.Error || f.Status == FindingStatus.Warning)
                {
                    attention.Add(f);
                }

                cells.TryGetValue(f.RuleId, out var cell);
                var worst = !cells.ContainsKey(f.RuleId) || Badness(f.Status) > Badness(cell.Worst) ? f.Status : cell.Worst;
                cells[f.RuleId] = new FleetRuleCell(worst, cell.Failed + (f.Status == FindingStatus.Fail ? 1 : 0));
            }

            return new FleetTenantAudit(row, cells, new List<ExternalUserSecurityFinding>(ReportSummary.Sort(attention)));
        }

        internal static FleetTenantAudit Failed(string tenant, string? tenantDomain, string source, string errorId, string message, TimeSpan duration) =>
            new FleetTenantAudit(
                new ExternalUserFleetTenant
                {
                    TenantId = tenant,
                    TenantDomain = tenantDomain,
                    Status = FleetTenantStatus.Failed,
                    Source = source,
                    Error = message,
                    ErrorId = errorId,
                    Duration = duration,
                },
                new Dictionary<string, FleetRuleCell>(),
                new List<ExternalUserSecurityFinding>());
    }
}
