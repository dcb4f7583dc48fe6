using System.Collections.Generic;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.ACS.2: ACS federation that is on lists at least one resource. The rule's remediation offers both ways out;
    /// a finding proposes the one that needs no resource id (switching federation off).
    /// </summary>
    internal sealed class AllowListNamesResourcesEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule) =>
            TenantOnly(snapshot, $"{AcsFed}.EnableAcsUsers, AllowedAcsResources", t =>
            {
                var actual = $"EnableAcsUsers {Show(t.EnableAcsUsers)}; {t.AllowedAcsResources.Count} allowed resource(s)";
                if (t.EnableAcsUsers != true)
                {
                    return (FindingStatus.NotApplicable, actual, "ACS federation is off.", string.Empty);
                }

                return t.AllowedAcsResources.Count > 0
                    ? (FindingStatus.Pass, actual, "ACS federation lists the resources it admits.", string.Empty)
                    : (FindingStatus.Fail, actual, "ACS federation is on with an empty allow-list.", "Set-AcsFederationConfiguration -EnableAcsUsers $false");
            });
    }
}
