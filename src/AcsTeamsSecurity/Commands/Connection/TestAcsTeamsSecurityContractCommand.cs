using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Contracts;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Commands.Audit;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Checks what the services answer against the contracts the module was built from, read-only by default, and can save a redacted report to share.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AcsTeamsSecurityContract", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ReadOnlySet)]
    [OutputType(typeof(ContractCheckResult))]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "Organization.Read.All", "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "User.Read" })]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader" })]
    [RequiredPermission(AcsTeamsService.Arm, Roles = new[] { "Reader" })]
    public sealed class TestAcsTeamsSecurityContractCommand : ConnectedCmdlet
    {
        private const string ReadOnlySet = "ReadOnly";
        private const string NoOpWriteSet = "NoOpWrite";

        /// <summary>Saves the redacted contract report (JSON: shapes, names, statuses; no values) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        /// <summary>Also writes one setting of one policy instance back with its current value, to learn the write contract.</summary>
        [Parameter(Mandatory = true, ParameterSetName = NoOpWriteSet)]
        public SwitchParameter IncludeNoOpWrite { get; set; }

        /// <summary>The policy type of the instance the no-op write goes to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = NoOpWriteSet)]
        public ExternalUserPolicyType PolicyType { get; set; }

        /// <summary>The instance the no-op write goes to: Global or Tag:Name (a bare name means Tag:Name).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NoOpWriteSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string Identity { get; set; } = string.Empty;

        /// <summary>Writes without asking for confirmation (-WhatIf still shows and sends nothing).</summary>
        [Parameter(ParameterSetName = NoOpWriteSet)]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var reportFile = ReportPath is null ? null : AuditCmdletSupport.NewFile(this, ReportPath);
            var checker = new ContractChecker(context.Clients);
            var catalogue = ContractCatalogue.All;
            var observations = Run(ct => checker.CheckReadsAsync(catalogue, null, ct)).ToList();

            if (IncludeNoOpWrite.IsPresent)
            {
                observations.Add(NoOpWrite(checker, catalogue.First(e => e.Write)));
            }

            foreach (var o in observations)
            {
                WriteObject(ContractReport.ToResult(o));
            }

            var differs = observations.Count(o => o.Outcome == "Differs");
            if (differs > 0)
            {
                WriteWarning($"{differs} contract(s) differ from every variant the module knows. Please share the report (Test-AcsTeamsSecurityContract -ReportPath contract-report.json) in an issue: it holds no values, only shapes and names.");
            }

            if (reportFile is not null)
            {
                AuditCmdletSupport.WriteFile(reportFile, () => IO.AtomicFileWriter.Write(reportFile, new System.Text.UTF8Encoding(false).GetBytes(ContractReport.Render(observations, context, DateTimeOffset.UtcNow)), noClobber: false));
                WriteVerbose($"Wrote the redacted contract report to {reportFile}.");
            }
        }

        private ContractObservation NoOpWrite(ContractChecker checker, ContractEntry entry)
        {
            var identity = PolicyIdentity.Normalize(Identity);
            var skipped = new ContractObservation(entry);
            try
            {
                var plan = Run(ct => checker.PlanNoOpWriteAsync(PolicyType, identity, SettingCatalogue.For(PolicyType), ct));
                var change = $"{plan.Setting}: {plan.ValueText} -> {plan.ValueText} (written back unchanged)";
                if (!ShouldProcessOrForce($"{plan.Type} {plan.Identity}", $"PUT one setting with its current value ({change})", Force.IsPresent))
                {
                    skipped.Detail = $"Not written (-WhatIf or declined): {plan.Type} {plan.Identity} {change}.";
                    return skipped;
                }

                var written = Run(ct => checker.SendNoOpWriteAsync(entry, plan, ct));
                written.Detail ??= $"Wrote {plan.Setting} of {plan.Type} {plan.Identity} back unchanged.";
                return written;
            }
            catch (AcsTeamsSecurityException ex)
            {
                WriteFailure(ex);
                skipped.Outcome = "Failed";
                skipped.ErrorId = ex.ErrorId;
                skipped.Detail = ex.Message;
                return skipped;
            }
        }
    }
}
