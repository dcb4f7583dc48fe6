using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>ATS.ACS.1: every id on the ACS federation allow-list is an ACS resource of the exported subscriptions.</summary>
    internal sealed class AllowListOwnershipEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            const string Setting = AcsFed + ".AllowedAcsResources";
            var s = snapshot;
            if (Failed(s, AuditPlane.Tenant) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", Setting, "(not read)", error.Message);
                yield break;
            }

            var t = s.Tenant;
            if (t.EnableAcsUsers != true)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, $"EnableAcsUsers {Show(t.EnableAcsUsers)}", "ACS federation is off; no ACS resource is admitted through it.");
                yield break;
            }

            if (t.AllowedAcsResources.Count == 0)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, "(empty)", "The allow-list is empty (see ATS.ACS.2).");
                yield break;
            }

            if (s.AcsResources is null)
            {
                yield return new RuleResult(FindingStatus.Warning, "Tenant", Setting, string.Join(", ", t.AllowedAcsResources),
                    "Ownership cannot be confirmed: no subscriptions were exported. Give -SubscriptionId with the subscriptions that hold the tenant's ACS resources.");
                yield break;
            }

            var incomplete = AcsResourcesIncomplete(s);
            foreach (var id in t.AllowedAcsResources)
            {
                var mine = s.AcsResources.FirstOrDefault(r => string.Equals(r.ImmutableResourceId, id, StringComparison.OrdinalIgnoreCase));
                if (mine is not null)
                {
                    yield return new RuleResult(FindingStatus.Pass, id, Setting, id, $"Belongs to the tenant's ACS resource {mine.Name} (subscription {mine.SubscriptionId}).");
                }
                else
                {
                    var status = incomplete ? FindingStatus.Warning : FindingStatus.Fail;
                    var why = incomplete
                        ? "Not found among the exported ACS resources, but some subscriptions could not be read; check the export's collection errors."
                        : $"Not an ACS resource in the exported subscriptions ({string.Join(", ", s.Metadata.Subscriptions)}): its users can join this tenant's meetings as federated ACS users.";
                    yield return new RuleResult(status, id, Setting, id, why, rule.FixFor(id));
                }
            }
        }
    }
}
