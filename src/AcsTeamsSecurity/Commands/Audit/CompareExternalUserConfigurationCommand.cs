using System;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Audit
{
    /// <summary>
    /// <para type="synopsis">Shows the drift between two snapshots (or a snapshot and the live tenant), each change marked loosening or tightening.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "ExternalUserConfiguration")]
    [OutputType(typeof(ExternalUserConfigurationChange))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    [RequiredPermission(AcsTeamsService.Arm, Roles = new[] { "Reader" })]
    public sealed class CompareExternalUserConfigurationCommand : ConnectedCmdlet
    {
        /// <summary>The earlier (baseline) snapshot.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("ReferencePath")]
        [ValidateNotNullOrEmpty]
        public string Reference { get; set; } = string.Empty;

        /// <summary>The later snapshot; without it the live tenant of the context is read (with the reference's subscriptions).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DifferencePath", "Path")]
        [ValidateNotNullOrEmpty]
        public string? Difference { get; set; }

        /// <summary>Only changes in these directions (Loosening, Tightening, Neutral).</summary>
        [Parameter]
        public ChangeDirection[]? Direction { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var reference = AuditCmdletSupport.LoadAndReport(this, AuditCmdletSupport.ExistingFile(this, Reference));
            ConfigurationSnapshot difference;
            if (Difference is null)
            {
                WriteVerboseLine("Comparing the reference with the live tenant.");
                difference = AuditCmdletSupport.CollectLive(this, reference.AcsResources is null ? Array.Empty<string>() : reference.Metadata.Subscriptions, countUsers: reference.MeetingPolicies.Any(p => p.UserCount is not null));
            }
            else
            {
                difference = AuditCmdletSupport.LoadAndReport(this, AuditCmdletSupport.ExistingFile(this, Difference));
            }

            if (!string.Equals(reference.Metadata.TenantId, difference.Metadata.TenantId, StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning($"The snapshots are of different tenants ({reference.Metadata.TenantId} and {difference.Metadata.TenantId}); every difference between the tenants is listed.");
            }

            var comparer = new SnapshotComparer();
            var changes = comparer.Compare(reference, difference);
            foreach (var skipped in comparer.SkippedPlanes)
            {
                WriteWarning($"Not compared: {skipped}.");
            }

            foreach (var change in changes.Where(c => Direction is null || Direction.Length == 0 || Direction.Contains(c.Direction)))
            {
                WriteObject(change);
            }

            WriteVerboseLine($"{changes.Count} change(s): {changes.Count(c => c.Direction == ChangeDirection.Loosening)} loosening, {changes.Count(c => c.Direction == ChangeDirection.Tightening)} tightening.");
        }
    }
}
