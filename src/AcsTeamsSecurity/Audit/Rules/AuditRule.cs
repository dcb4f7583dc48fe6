using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>A catalogue entry: the public definition and the pure function that evaluates it on a snapshot.</summary>
    internal sealed class AuditRule
    {
        internal AuditRule(ExternalUserSecurityRule definition, Func<ConfigurationSnapshot, AuditOptions, IEnumerable<RuleResult>> evaluate)
        {
            Definition = definition;
            Evaluate = evaluate;
        }

        internal ExternalUserSecurityRule Definition { get; }

        internal Func<ConfigurationSnapshot, AuditOptions, IEnumerable<RuleResult>> Evaluate { get; }
    }
}
