using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>What a report file shows: where the data came from, which filters were applied, and the findings.</summary>
    internal sealed class AuditReport
    {
        internal AuditReport(SnapshotMetadata metadata, string source, string filters, IReadOnlyList<ExternalUserSecurityFinding> findings, DateTimeOffset generatedAt)
        {
            Metadata = metadata;
            Source = source;
            Filters = filters;
            Findings = findings;
            GeneratedAt = generatedAt;
        }

        internal SnapshotMetadata Metadata { get; }

        /// <summary>"Live" or the snapshot path.</summary>
        internal string Source { get; }

        /// <summary>The filters applied, in words ("none" when all rules ran).</summary>
        internal string Filters { get; }

        internal IReadOnlyList<ExternalUserSecurityFinding> Findings { get; }

        internal DateTimeOffset GeneratedAt { get; }
    }
}
