using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>Tenant-specific expectations some rules need.</summary>
    internal sealed class AuditOptions
    {
        /// <summary>Data locations ACS resources may use (Azure Policy 93c45b74); empty means the rule does not apply.</summary>
        internal IReadOnlyList<string> AllowedDataLocations { get; set; } = Array.Empty<string>();
    }
}
