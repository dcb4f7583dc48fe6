using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Audit
{
    /// <summary>
    /// <para type="synopsis">Audits the security of Teams external (ACS) users, live or from a snapshot, and writes an HTML, JSON or CSV report.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ExternalUserSecurity", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(ExternalUserSecurityFinding))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    [RequiredPermission(AcsTeamsService.Arm, Roles = new[] { "Reader" })]
    public sealed class TestExternalUserSecurityCommand : ConnectedCmdlet
    {
        private const string LiveSet = "Live";
        private const string SnapshotSet = "Snapshot";

        /// <summary>A snapshot written by Export-ExternalUserConfiguration; without it the tenant of the context is read live.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SnapshotSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string SnapshotPath { get; set; } = string.Empty;

        /// <summary>Live audits: Azure subscriptions whose ACS resources are audited.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Only these rules (wildcards allowed), for example ATS.ACS.* .</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.RuleIdCompleter))]
        public string[]? RuleId { get; set; }

        /// <summary>Only rules of these severities.</summary>
        [Parameter]
        public AuditSeverity[]? Severity { get; set; }

        /// <summary>Only rules mapped to these catalogues: CISA SCuBA, Maester, CIS M365, Azure Policy.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AuditFrameworkCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Framework { get; set; }

        /// <summary>Only rules mapped to these control ids (MS.TEAMS.1.*, MT.1047, ...).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MappingId { get; set; }

        /// <summary>Only findings with these statuses (the report shows the same findings).</summary>
        [Parameter]
        public FindingStatus[]? Status { get; set; }

        /// <summary>Data locations ACS resources may use (for rule ATS.RES.4), for example "United States", "Europe".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AllowedDataLocation { get; set; }

        /// <summary>Also write the findings to this file: .html, .json or .csv.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        /// <summary>Do not overwrite an existing report file (checked before the audit and again when the file is written).</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var filter = RuleFilter.From(RuleId, Severity, Framework, MappingId);
            var rules = AuditEngine.Select(filter);
            var reportPath = ReportPath is null ? null : AuditCmdletSupport.NewFile(this, ReportPath);
            if (reportPath is not null)
            {
                ReportWriter.FormatFromPath(reportPath); // an unsupported extension fails before the tenant is read
                if (NoClobber && System.IO.File.Exists(reportPath))
                {
                    throw new AcsTeamsSecurityException(ErrorIds.OutputFileExists, ErrorCategory.ResourceExists, $"'{reportPath}' exists and -NoClobber was given. Choose another path.") { Target = reportPath };
                }
            }

            ConfigurationSnapshot snapshot;
            string source;
            if (ParameterSetName == SnapshotSet)
            {
                var path = AuditCmdletSupport.ExistingFile(this, SnapshotPath);
                snapshot = AuditCmdletSupport.LoadAndReport(this, path);
                source = path;
                WriteVerboseLine($"Evaluating {rules.Count} rule(s) on the snapshot of tenant {snapshot.Metadata.TenantId} taken {snapshot.Metadata.CreatedAt:u}.");
            }
            else
            {
                snapshot = AuditCmdletSupport.CollectLive(this, AuditCmdletSupport.Subscriptions(SubscriptionId), countUsers: true);
                source = "Live";
                WriteVerboseLine($"Evaluating {rules.Count} rule(s) on tenant {snapshot.Metadata.TenantId}.");
            }

            var options = new AuditOptions { AllowedDataLocations = AllowedDataLocation ?? Array.Empty<string>() };
            var findings = AuditEngine.Evaluate(snapshot, rules, options, source)
                .Where(f => Status is null || Status.Length == 0 || Status.Contains(f.Status))
                .ToList();
            foreach (var finding in findings)
            {
                WriteObject(finding);
            }

            if (reportPath is not null)
            {
                var filters = filter.Describe();
                if (Status is { Length: > 0 })
                {
                    filters += "; status " + string.Join(", ", Status);
                }

                var report = new AuditReport(snapshot.Metadata, source, filters, findings, DateTimeOffset.UtcNow);
                AuditCmdletSupport.WriteFile(reportPath, () => ReportWriter.Write(report, reportPath, NoClobber));
                WriteVerboseLine($"Wrote the report {reportPath}.");
            }

            var failed = findings.Count(f => f.Status == FindingStatus.Fail);
            WriteVerboseLine($"{findings.Count} finding(s): {failed} failed, {findings.Count(f => f.Status == FindingStatus.Warning)} warning(s), {findings.Count(f => f.Status == FindingStatus.Error)} error(s).");
        }
    }
}
