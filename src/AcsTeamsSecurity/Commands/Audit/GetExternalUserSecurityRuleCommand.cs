using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Audit
{
    /// <summary>
    /// <para type="synopsis">Lists the audit rules, with their rationale, check, remediation and mappings to CISA SCuBA, Maester, CIS and Azure Policy.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ExternalUserSecurityRule")]
    [OutputType(typeof(ExternalUserSecurityRule))]
    public sealed class GetExternalUserSecurityRuleCommand : AcsTeamsCmdlet
    {
        /// <summary>Rule ids (wildcards allowed), for example ATS.ACS.* .</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("RuleId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.RuleIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Only rules of these severities.</summary>
        [Parameter]
        public AuditSeverity[]? Severity { get; set; }

        /// <summary>Only rules mapped to these catalogues: CISA SCuBA, Maester, CIS M365, Azure Policy (wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AuditFrameworkCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Framework { get; set; }

        /// <summary>Only rules mapped to these control ids, for example MS.TEAMS.1.* or MT.1047 (wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MappingId { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var filter = RuleFilter.From(Id, Severity, Framework, MappingId);
            foreach (var rule in AuditEngine.Select(filter))
            {
                WriteObject(rule.Definition);
            }
        }
    }
}
