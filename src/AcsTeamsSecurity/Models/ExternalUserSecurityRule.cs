using System;
using System.Collections.Generic;
using System.Linq;

namespace AcsTeamsSecurity.Models
{
    /// <summary>A control in another catalogue that a rule corresponds to.</summary>
    public sealed class RuleMapping
    {
        internal RuleMapping(string framework, string id)
        {
            Framework = framework;
            Id = id;
        }

        /// <summary>CISA SCuBA, Maester, CIS M365 or Azure Policy.</summary>
        public string Framework { get; }

        /// <summary>The control's id in that catalogue (MS.TEAMS.1.2v2, MT.1047, 8.5.3, a policy definition GUID).</summary>
        public string Id { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Framework} {Id}";
    }

    /// <summary>One rule of the audit catalogue (Get-ExternalUserSecurityRule).</summary>
    public sealed class ExternalUserSecurityRule
    {
        internal ExternalUserSecurityRule(string id, string title, AuditSeverity severity, AuditPlane plane, string rationale, string check, string expected, string remediation, IReadOnlyList<RuleMapping> mappings)
        {
            Id = id;
            Title = title;
            Severity = severity;
            Plane = plane;
            Rationale = rationale;
            Check = check;
            Expected = expected;
            Remediation = remediation;
            Mappings = mappings;
        }

        /// <summary>Stable rule id (ATS.&lt;area&gt;.&lt;n&gt;).</summary>
        public string Id { get; }

        /// <summary>What the rule requires, in one line.</summary>
        public string Title { get; }

        /// <summary>How much a failure matters.</summary>
        public AuditSeverity Severity { get; }

        /// <summary>Where the rule looks.</summary>
        public AuditPlane Plane { get; }

        /// <summary>Why the rule exists.</summary>
        public string Rationale { get; }

        /// <summary>What is checked, setting by setting.</summary>
        public string Check { get; }

        /// <summary>The expected value(s), in words.</summary>
        public string Expected { get; }

        /// <summary>A command of this module that fixes a failure (with &lt;Identity&gt; where the scope goes).</summary>
        public string Remediation { get; }

        /// <summary>The controls in other catalogues this rule corresponds to.</summary>
        public IReadOnlyList<RuleMapping> Mappings { get; }

        /// <summary>The CISA SCuBA policy ids, comma-separated, or empty.</summary>
        public string Scuba => Join("CISA SCuBA");

        /// <summary>The Maester test ids, comma-separated, or empty.</summary>
        public string Maester => Join("Maester");

        /// <summary>The CIS Microsoft 365 benchmark ids, comma-separated, or empty.</summary>
        public string Cis => Join("CIS M365");

        /// <summary>The Azure Policy definition ids, comma-separated, or empty.</summary>
        public string AzurePolicy => Join("Azure Policy");

        /// <inheritdoc />
        public override string ToString() => Id;

        private string Join(string framework) => string.Join(", ", Mappings.Where(m => string.Equals(m.Framework, framework, StringComparison.Ordinal)).Select(m => m.Id));
    }
}
