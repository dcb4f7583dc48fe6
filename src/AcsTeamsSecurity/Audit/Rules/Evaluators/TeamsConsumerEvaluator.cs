using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using static AcsTeamsSecurity.Audit.Rules.RuleScopes;

namespace AcsTeamsSecurity.Audit.Rules.Evaluators
{
    /// <summary>
    /// ATS.EXT.2 and ATS.EXT.3: unmanaged Teams accounts are blocked in the tenant or in every external access policy.
    /// The rule's argument <c>inbound</c> says which direction: true for accounts starting conversations
    /// (EnableTeamsConsumerInbound), false for users contacting them (EnableTeamsConsumerAccess).
    /// </summary>
    internal sealed class TeamsConsumerEvaluator : IRuleEvaluator
    {
        public IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot snapshot, AuditOptions options, RuleData rule)
        {
            var s = snapshot;
            var inbound = rule.Flag("inbound");
            var tenantSetting = inbound ? "AllowTeamsConsumer, AllowTeamsConsumerInbound" : "AllowTeamsConsumer";
            var policySetting = inbound ? "EnableTeamsConsumerInbound" : "EnableTeamsConsumerAccess";
            if (GovernmentClouds.Contains(s.Metadata.Environment, StringComparer.OrdinalIgnoreCase))
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "Tenant", $"{TenantFed}.{tenantSetting}", "(n/a)", $"Unmanaged Teams accounts are not available in {s.Metadata.Environment}.");
                yield break;
            }

            if (Failed(s, AuditPlane.Tenant) is { } tenantError)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", $"{TenantFed}.{tenantSetting}", "(not read)", tenantError.Message);
                yield break;
            }

            var t = s.Tenant;
            var blockedInTenant = t.AllowTeamsConsumer == false || (inbound && t.AllowTeamsConsumerInbound == false);
            var tenantActual = inbound ? $"AllowTeamsConsumer {Show(t.AllowTeamsConsumer)}; AllowTeamsConsumerInbound {Show(t.AllowTeamsConsumerInbound)}" : $"AllowTeamsConsumer {Show(t.AllowTeamsConsumer)}";
            if (blockedInTenant)
            {
                yield return new RuleResult(FindingStatus.Pass, "Tenant", $"{TenantFed}.{tenantSetting}", tenantActual, "Blocked for the whole tenant.");
                yield break;
            }

            if (Failed(s, AuditPlane.ExternalAccessPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "(external access policies)", $"{Access}.{policySetting}", "(not read)", error.Message);
                yield break;
            }

            // SCuBA judges the tenant setting alone; policies can still close the door per user, so the tenant scope
            // is a Warning (it fails the SCuBA check) and each policy says whether its users are exposed.
            yield return new RuleResult(FindingStatus.Warning, "Tenant", $"{TenantFed}.{tenantSetting}", tenantActual,
                "The tenant allows unmanaged Teams accounts, which fails the CISA SCuBA check (it looks at the tenant setting only); the per-policy findings show which users are exposed.",
                "Set-CsTenantFederationConfiguration " + (inbound ? "-AllowTeamsConsumerInbound $false" : "-AllowTeamsConsumer $false") + "  # MicrosoftTeams module: this module reads tenant federation but does not change it");

            foreach (var policy in s.ExternalAccessPolicies)
            {
                var value = inbound ? policy.Settings.EnableTeamsConsumerInbound : policy.Settings.EnableTeamsConsumerAccess;
                var actual = $"{policySetting} {Show(value)} (tenant: {tenantActual})";
                yield return value == false
                    ? new RuleResult(FindingStatus.Pass, policy.Settings.Identity, $"{Access}.{policySetting}", actual, "Blocked by this policy (the tenant allows it).", string.Empty, policy.UserCount)
                    : new RuleResult(FindingStatus.Fail, policy.Settings.Identity, $"{Access}.{policySetting}", actual,
                        inbound ? "Unmanaged Teams accounts can start conversations with this policy's users." : "This policy's users can contact unmanaged Teams accounts.", rule.FixFor(policy.Settings.Identity), policy.UserCount);
            }
        }
    }
}
