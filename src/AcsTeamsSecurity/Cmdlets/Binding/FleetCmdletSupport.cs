using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Audit;
using AcsTeamsSecurity.Audit.Fleet;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.IO;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Session;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>
    /// The fleet side of Test-ExternalUserSecurity and Export-ExternalUserConfiguration: many tenants in one command, run in
    /// parallel (-ThrottleLimit), each tenant's failure isolated to its own row (and one FleetTenantFailed error record),
    /// and the fleet report. The single-tenant code paths stay as they were.
    /// </summary>
    internal static class FleetCmdletSupport
    {
        internal const int DefaultThrottleLimit = 8;

        private const string AuditActivity = "Auditing the fleet";

        private const string ExportActivity = "Exporting the fleet";

        private static readonly string[] SummaryTags = { "PSHOST", "AcsTeamsSecurity.FleetSummary" };

        private static readonly AuditPlane[] TeamsPlanes = { AuditPlane.Tenant, AuditPlane.MeetingPolicy, AuditPlane.ExternalAccessPolicy };

        /// <summary>The contexts of a fleet run: those given (duplicates removed), else the current one.</summary>
        internal static IReadOnlyList<AcsTeamsSecurityContext> Contexts(ConnectedCmdlet cmdlet, AcsTeamsSecurityContext[]? given)
        {
            if (given is null || given.Length == 0)
            {
                return new[] { cmdlet.ActiveContext };
            }

            return given.Where(c => c is not null).Distinct().ToList();
        }

        /// <summary>Reads every tenant live and audits it.</summary>
        internal static FleetReport AuditLive(
            ConnectedCmdlet cmdlet,
            IReadOnlyList<AcsTeamsSecurityContext> contexts,
            IReadOnlyList<string> subscriptions,
            IReadOnlyList<AuditRule> rules,
            AuditOptions options,
            FindingStatus[]? statuses,
            int throttle,
            string filters,
            PreviousFleetRun? previous)
        {
            IReadOnlyList<FleetTenantAudit> audits = Array.Empty<FleetTenantAudit>();
            cmdlet.RunStreaming(async (sink, ct) =>
            {
                audits = await FleetRunner.RunAsync(
                    contexts,
                    throttle,
                    NameOf,
                    async (context, token) =>
                    {
                        var watch = Stopwatch.StartNew();
                        if (!context.IsConnected)
                        {
                            return Fail(sink, NameOf(context), null, "Live", ErrorIds.ContextDisconnected, Strings.ContextDisconnected_ThisContextWasDisconnectedAnd, watch.Elapsed);
                        }

                        var collector = new SnapshotCollector(context.Clients);
                        var snapshot = await collector.CollectAsync(subscriptions, countUsers: true, token).ConfigureAwait(false);
                        if (Unreadable(snapshot) is { } why)
                        {
                            var first = collector.Failures.FirstOrDefault();
                            return Fail(sink, snapshot.Metadata.TenantId.Length > 0 ? snapshot.Metadata.TenantId : NameOf(context), snapshot.Metadata.TenantDomain, "Live", first?.ErrorId ?? ErrorIds.CollectionFailed, Strings.Format(Strings.FleetTenantFailed_NothingReadable, why), watch.Elapsed);
                        }

                        foreach (var failure in collector.Failures)
                        {
                            sink.Error(ErrorFactory.CollectionFailed(failure));
                        }

                        return Audit(snapshot, rules, options, statuses, "Live", watch.Elapsed);
                    },
                    (context, ex, took) => Fail(sink, NameOf(context), null, "Live", (ex as AcsTeamsSecurityException)?.ErrorId ?? ErrorIds.CollectionFailed, ex.Message, took),
                    a => a.Row.Status == FleetTenantStatus.Failed,
                    sink,
                    AuditActivity,
                    ct).ConfigureAwait(false);
            });
            return FleetReport.Build(audits, rules.Select(r => r.Definition).ToList(), "Live", filters, DateTimeOffset.UtcNow, previous);
        }

        /// <summary>
        /// Audits a folder of snapshots (*.json; fleet reports in it are skipped), or one snapshot file. When a tenant has
        /// several snapshots the newest is used. A snapshot that cannot be read becomes an error row named after its file.
        /// </summary>
        internal static FleetReport AuditFolder(
            ConnectedCmdlet cmdlet,
            string folder,
            IReadOnlyList<AuditRule> rules,
            AuditOptions options,
            FindingStatus[]? statuses,
            int throttle,
            string filters,
            PreviousFleetRun? previous)
        {
            // A folder: every snapshot in it; a file (a fleet of one, with -ThrottleLimit or -PreviousReportPath): that file.
            IReadOnlyList<string> files = File.Exists(folder) ? new[] { folder } : SnapshotFiles(folder);
            if (files.Count == 0)
            {
                throw ErrorFactory.FleetEmpty(Strings.FleetEmpty_TheFolderHoldsNoSnapshot, folder)
                    .With(target: folder, recommendedAction: Strings.Format(Strings.Text_FleetEmptyRecommendedAction, CommandText.Argument(folder)));
            }

            IReadOnlyList<FleetTenantAudit> audits = Array.Empty<FleetTenantAudit>();
            cmdlet.RunStreaming(async (sink, ct) =>
            {
                audits = await FleetRunner.RunAsync(
                    files,
                    throttle,
                    f => Path.GetFileName(f),
                    (file, token) =>
                    {
                        token.ThrowIfCancellationRequested();
                        var watch = Stopwatch.StartNew();
                        var bytes = SnapshotSignature.ReadSnapshot(file);
                        var signature = SnapshotSignature.Verify(file, bytes);
                        if (signature.Signed && !signature.Valid)
                        {
                            OperationLog.Current.Warning(Strings.Format(Strings.Warning_FleetSnapshotSignature, file, signature.Describe()));
                        }

                        var snapshot = SnapshotSerializer.Parse(SnapshotSignature.Decode(bytes), file);
                        return Task.FromResult(Audit(snapshot, rules, options, statuses, file, watch.Elapsed));
                    },
                    (file, ex, took) => Fail(sink, Path.GetFileName(file), null, file, (ex as AcsTeamsSecurityException)?.ErrorId ?? ErrorIds.SnapshotInvalid, $"The snapshot '{file}' could not be read: {ex.Message}", took),
                    a => a.Row.Status == FleetTenantStatus.Failed,
                    sink,
                    AuditActivity,
                    ct).ConfigureAwait(false);
            });

            // One row per tenant: the newest snapshot wins; older ones are named in -Verbose.
            var newest = new List<FleetTenantAudit>();
            foreach (var group in audits.GroupBy(a => a.Row.Status == FleetTenantStatus.Audited ? a.Row.TenantId : "\u0000" + a.Row.Source, StringComparer.OrdinalIgnoreCase))
            {
                var ordered = group.OrderByDescending(a => a.Row.CollectedAt ?? DateTimeOffset.MinValue).ToList();
                newest.Add(ordered[0]);
                foreach (var older in ordered.Skip(1))
                {
                    cmdlet.WriteVerbose(Strings.Format(Strings.Verbose_FleetOlderSnapshotSkipped, older.Row.TenantId, older.Row.Source, ordered[0].Row.Source));
                }
            }

            return FleetReport.Build(newest, rules.Select(r => r.Definition).ToList(), folder, filters, DateTimeOffset.UtcNow, previous);
        }

        /// <summary>Writes the rows (worst first), the report file and the summary line.</summary>
        internal static void Emit(ConnectedCmdlet cmdlet, FleetReport report, string? reportPath, bool noClobber, TimeSpan elapsed)
        {
            foreach (var tenant in report.Tenants)
            {
                cmdlet.WriteObject(tenant.Row);
            }

            if (reportPath is not null)
            {
                AuditCmdletSupport.WriteFile(reportPath, () => FleetReportWriter.Write(report, reportPath, noClobber));
                cmdlet.WriteVerbose(Strings.Format(Strings.Verbose_WroteTheFleetReport, reportPath));
            }

            Summary(cmdlet, report.SummaryLine(elapsed));
        }

        /// <summary>Exports one snapshot per tenant into <paramref name="folder"/> (&lt;tenant id&gt;.json, signed when a certificate is given).</summary>
        internal static void Export(
            ConnectedCmdlet cmdlet,
            IReadOnlyList<AcsTeamsSecurityContext> contexts,
            string folder,
            IReadOnlyList<string> subscriptions,
            bool countUsers,
            X509Certificate2? certificate,
            bool noClobber,
            int throttle)
        {
            var planned = contexts.Where(c => cmdlet.ShouldProcess(Path.Combine(folder, FileName(NameOf(c))), Strings.Action_WriteASnapshotOf)).ToList();
            if (planned.Count == 0)
            {
                return;
            }

            var watch = Stopwatch.StartNew();
            var written = 0;
            var failed = 0;
            cmdlet.RunStreaming(async (sink, ct) =>
            {
                var results = await FleetRunner.RunAsync(
                    planned,
                    throttle,
                    NameOf,
                    async (context, token) =>
                    {
                        if (!context.IsConnected)
                        {
                            throw ErrorFactory.ContextDisconnected(Strings.ContextDisconnected_ThisContextWasDisconnectedAnd);
                        }

                        var collector = new SnapshotCollector(context.Clients);
                        var snapshot = await collector.CollectAsync(subscriptions, countUsers, token).ConfigureAwait(false);
                        if (Unreadable(snapshot) is { } why)
                        {
                            throw ErrorFactory.FleetTenantFailed(collector.Failures.FirstOrDefault(), Strings.FleetTenantFailed_NothingReadable, why);
                        }

                        foreach (var failure in collector.Failures)
                        {
                            sink.Error(ErrorFactory.CollectionFailed(failure));
                        }

                        var path = Path.Combine(folder, FileName(snapshot.Metadata.TenantId.Length > 0 ? snapshot.Metadata.TenantId : NameOf(context)));
                        var signaturePath = SnapshotSignature.PathFor(path);
                        AuditCmdletSupport.WriteFile(path, () =>
                        {
                            var bytes = SnapshotSerializer.Write(snapshot, path, noClobber);
                            if (certificate is not null)
                            {
                                AtomicFileWriter.Write(signaturePath, SnapshotSignature.Sign(bytes, certificate, DateTimeOffset.UtcNow), noClobber: false);
                            }
                            else if (File.Exists(signaturePath))
                            {
                                File.Delete(signaturePath);
                            }
                        });
                        sink.Output(AuditCmdletSupport.Summary(snapshot, path, certificate, signaturePath));
                        return true;
                    },
                    (context, ex, took) =>
                    {
                        sink.Error(TenantFailed(NameOf(context), ex.Message, ex));
                        return false;
                    },
                    ok => !ok,
                    sink,
                    ExportActivity,
                    ct).ConfigureAwait(false);
                written = results.Count(r => r);
                failed = results.Count(r => !r);
            });
            Summary(cmdlet, $"Fleet export: {written} of {planned.Count} tenant(s) written to {folder}, {failed} failed; {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s.");
        }

        /// <summary>The snapshot files of a folder: *.json, newest layout first; fleet reports and hidden temporary files are left out.</summary>
        internal static IReadOnlyList<string> SnapshotFiles(string folder) =>
            Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly)
                .Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal) && !IsFleetReport(f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        /// <summary>
        /// Why a collected tenant counts as not audited (the first collection error), or null: it does when none of the
        /// Teams side (tenant gates and both policy types) could be read.
        /// </summary>
        internal static string? Unreadable(ConfigurationSnapshot snapshot)
        {
            if (!TeamsPlanes.All(p => snapshot.CollectionErrors.Any(e => e.Plane == p)))
            {
                return null;
            }

            return snapshot.CollectionErrors.First(e => e.Plane == AuditPlane.Tenant).Message;
        }

        /// <summary>A snapshot file name for a tenant: its id, with anything but letters, digits, '.', '-' and '_' replaced.</summary>
        internal static string FileName(string tenant)
        {
            var safe = new StringBuilder(tenant.Length + 5);
            foreach (var c in tenant)
            {
                safe.Append(char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
            }

            return (safe.Length == 0 ? "tenant" : safe.ToString()) + ".json";
        }

        private static string NameOf(AcsTeamsSecurityContext context) => context.TenantId ?? context.GivenTenant ?? "(unknown tenant)";

        private static FleetTenantAudit Audit(ConfigurationSnapshot snapshot, IReadOnlyList<AuditRule> rules, AuditOptions options, FindingStatus[]? statuses, string source, TimeSpan took)
        {
            var findings = AuditEngine.Evaluate(snapshot, rules, options, source).Where(f => statuses is null || statuses.Length == 0 || statuses.Contains(f.Status));
            return FleetTenantAudit.Audited(snapshot.Metadata.TenantId, snapshot.Metadata.TenantDomain, source, snapshot.Metadata.CreatedAt == default ? null : snapshot.Metadata.CreatedAt, findings, took);
        }

        private static FleetTenantAudit Fail(AcsTeamsCmdlet.IPipelineSink sink, string tenant, string? domain, string source, string errorId, string message, TimeSpan took)
        {
            sink.Error(TenantFailed(tenant, message, null));
            return FleetTenantAudit.Failed(tenant, domain, source, errorId, message, took);
        }

        private static AcsTeamsSecurityException TenantFailed(string tenant, string message, Exception? inner) =>
            ErrorFactory.FleetTenantFailed(inner, Strings.FleetTenantFailed_CouldNotBeProcessed, tenant, message)
                .With(target: tenant, recommendedAction: Strings.Text_FleetTenantRecommendedAction);

        private static bool IsFleetReport(string file)
        {
            try
            {
                using var stream = File.OpenRead(file);
                var head = new byte[256];
                var read = stream.Read(head, 0, head.Length);
                return Encoding.UTF8.GetString(head, 0, read).Contains("\"" + FleetJsonReport.Kind + "\"");
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>The summary line: shown on the host like Write-Host (information stream, tag PSHOST), and in -Verbose.</summary>
        private static void Summary(ConnectedCmdlet cmdlet, string line)
        {
            cmdlet.WriteVerbose(line);
            cmdlet.WriteInformation(new HostInformationMessage { Message = line }, SummaryTags);
        }
    }
}
