using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Fleet
{
    /// <summary>
    /// A fleet audit: every tenant ranked worst first (tenants that could not be audited, then by score, failures and
    /// tenant id), the rules that ran (the matrix columns), and the trend against a previous fleet run when one was given.
    /// </summary>
    internal sealed class FleetReport
    {
        private FleetReport(IReadOnlyList<FleetTenantAudit> tenants, IReadOnlyList<ExternalUserSecurityRule> rules, string source, string filters, DateTimeOffset generatedAt, PreviousFleetRun? previous)
        {
            Tenants = tenants;
            Rules = rules;
            Source = source;
            Filters = filters;
            GeneratedAt = generatedAt;
            Previous = previous;
        }

        internal IReadOnlyList<FleetTenantAudit> Tenants { get; }

        internal IReadOnlyList<ExternalUserSecurityRule> Rules { get; }

        /// <summary>"Live" or the snapshot folder.</summary>
        internal string Source { get; }

        internal string Filters { get; }

        internal DateTimeOffset GeneratedAt { get; }

        internal PreviousFleetRun? Previous { get; }

        internal string ModuleVersion { get; } = SnapshotCollector.ModuleVersion;

        internal int Audited => Tenants.Count(t => t.Row.Status == FleetTenantStatus.Audited);

        internal int FailedTenants => Tenants.Count(t => t.Row.Status == FleetTenantStatus.Failed);

        /// <summary>Ranks the tenants (setting <see cref="ExternalUserFleetTenant.Rank"/>) and applies the trend.</summary>
        internal static FleetReport Build(IEnumerable<FleetTenantAudit> tenants, IReadOnlyList<ExternalUserSecurityRule> rules, string source, string filters, DateTimeOffset generatedAt, PreviousFleetRun? previous)
        {
            var ranked = tenants
                .OrderBy(t => t.Row.Status == FleetTenantStatus.Failed ? 0 : 1)
                .ThenByDescending(t => t.Row.Score)
                .ThenByDescending(t => t.Row.Failed)
                .ThenByDescending(t => t.Row.Errors)
                .ThenBy(t => t.Row.TenantId, StringComparer.OrdinalIgnoreCase)
                .ToList();
            for (var i = 0; i < ranked.Count; i++)
            {
                var row = ranked[i].Row;
                row.Rank = i + 1;
                if (previous is not null && row.Status == FleetTenantStatus.Audited && previous.Failed.TryGetValue(row.TenantId, out var before))
                {
                    row.FailedChange = row.Failed - before;
                }
            }

            return new FleetReport(ranked, rules, source, filters, generatedAt, previous);
        }

        /// <summary>One line for the end of a run: "Fleet: 49 of 50 tenant(s) audited, 1 failed; 120 failed finding(s) ...".</summary>
        internal string SummaryLine(TimeSpan elapsed)
        {
            var failedFindings = Tenants.Sum(t => t.Row.Failed);
            var worst = Tenants.FirstOrDefault(t => t.Row.Status == FleetTenantStatus.Audited && t.Row.Score > 0);
            var text = $"Fleet: {Audited} of {Tenants.Count} tenant(s) audited, {FailedTenants} could not be audited; {failedFindings} failed finding(s), {Tenants.Sum(t => t.Row.FailedCriticalOrHigh)} of them Critical or High";
            if (worst is not null)
            {
                text += $"; worst audited tenant {worst.Row.TenantDomain ?? worst.Row.TenantId} (score {worst.Row.Score})";
            }

            return text + $"; {elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s.";
        }
    }

    /// <summary>The per-tenant failure counts of an earlier fleet JSON report, for the trend column.</summary>
    internal sealed class PreviousFleetRun
    {
        private PreviousFleetRun(string path, DateTimeOffset? generatedAt, Dictionary<string, int> failed)
        {
            Path = path;
            GeneratedAt = generatedAt;
            Failed = failed;
        }

        internal string Path { get; }

        internal DateTimeOffset? GeneratedAt { get; }

        /// <summary>Tenant id to failed findings, for the tenants that were audited in that run.</summary>
        internal IReadOnlyDictionary<string, int> Failed { get; }

        /// <summary>Reads a fleet JSON report (<see cref="FleetJsonReport"/>).</summary>
        /// <exception cref="AcsTeamsSecurityException">FleetReportUnreadable when the file is missing or not a fleet report.</exception>
        internal static PreviousFleetRun Load(string path)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != FleetJsonReport.Kind
                    || !root.TryGetProperty("tenants", out var tenants) || tenants.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("it is not a fleet report (no \"kind\": \"" + FleetJsonReport.Kind + "\" with a tenants array)");
                }

                DateTimeOffset? generatedAt = root.TryGetProperty("generatedAt", out var g) && g.ValueKind == JsonValueKind.String && g.TryGetDateTimeOffset(out var at) ? at : null;
                var failed = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var tenant in tenants.EnumerateArray())
                {
                    if (tenant.TryGetProperty("tenantId", out var id) && id.ValueKind == JsonValueKind.String
                        && tenant.TryGetProperty("status", out var status) && status.GetString() == nameof(FleetTenantStatus.Audited)
                        && tenant.TryGetProperty("failed", out var count) && count.TryGetInt32(out var n))
                    {
                        failed[id.GetString()!] = n;
                    }
                }

                return new PreviousFleetRun(path, generatedAt, failed);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException || ex is FormatException || ex is InvalidOperationException)
            {
                throw ErrorFactory.FleetReportUnreadable(ex, Strings.FleetReportUnreadable_CannotBeUsed, path, ex.Message)
                    .With(target: path, recommendedAction: Strings.Text_FleetPreviousReportRecommendedAction);
            }
        }
    }

    /// <summary>Saves a <see cref="FleetReport"/> as HTML, JSON or CSV (chosen by the extension), atomically.</summary>
    internal static class FleetReportWriter
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        internal static void Write(FleetReport report, string path, bool noClobber = false)
        {
            var content = Render(report, ReportWriter.FormatFromPath(path));
            IO.AtomicFileWriter.Write(path, Utf8NoBom.GetBytes(content), noClobber);
        }

        internal static string Render(FleetReport report, ReportFormat format) => format switch
        {
            ReportFormat.Html => FleetHtmlReport.Render(report),
            ReportFormat.Json => FleetJsonReport.Render(report),
            ReportFormat.Csv => FleetCsvReport.Render(report),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }
}
