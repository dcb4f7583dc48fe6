using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// What the evaluators share: walking the instances of one plane, turning a plane that could not be read into an
    /// Error finding (a guess could hide a failure), and showing values the way findings do.
    /// </summary>
    internal static class RuleScopes
    {
        internal const string Meeting = "TeamsMeetingPolicy";
        internal const string Access = "ExternalAccessPolicy";
        internal const string AcsFed = "TeamsAcsFederationConfiguration";
        internal const string TenantFed = "TenantFederationConfiguration";

        internal static readonly IReadOnlyList<string> GovernmentClouds = new[] { "GCC", "GCCHigh", "DoD" };

        /// <summary>A value as findings show it: "(not reported)" when the service did not report it.</summary>
        internal static string Show(object? value) => value is null ? "(not reported)" : PolicyMapper.Display(value);

        /// <summary>The collection error of a plane, or null when the plane was read.</summary>
        internal static CollectionError? Failed(ConfigurationSnapshot s, AuditPlane plane) => s.CollectionErrors.FirstOrDefault(e => e.Plane == plane);

        /// <summary>A Set-ExternalUserPolicy command for one meeting policy.</summary>
        internal static string Fix(MeetingPolicySettings p, string setting) => $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(p.Identity)} {setting}";

        /// <summary>One finding per meeting policy instance; the fix is kept only on a Fail or a Warning.</summary>
        internal static IEnumerable<RuleResult> EveryMeetingPolicy(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, (FindingStatus Status, string Actual, string Evidence, string Fix)> evaluate)
        {
            if (Failed(s, AuditPlane.MeetingPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "(meeting policies)", $"{Meeting}.{setting}", "(not read)", error.Message);
                yield break;
            }

            foreach (var policy in s.MeetingPolicies)
            {
                var (status, actual, evidence, fix) = evaluate(policy.Settings);
                yield return new RuleResult(status, policy.Settings.Identity, $"{Meeting}.{setting}", actual, evidence, status == FindingStatus.Fail || status == FindingStatus.Warning ? fix : string.Empty, policy.UserCount);
            }
        }

        /// <summary>One finding for the Global meeting policy; the fix is kept unless it passes.</summary>
        internal static IEnumerable<RuleResult> GlobalMeetingPolicy(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, (FindingStatus Status, string Actual, string Evidence)> evaluate, Func<MeetingPolicySettings, string> fix)
        {
            if (Failed(s, AuditPlane.MeetingPolicy) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", $"{Meeting}.{setting}", "(not read)", error.Message);
                yield break;
            }

            var global = s.MeetingPolicies.FirstOrDefault(p => string.Equals(p.Settings.Identity, "Global", StringComparison.OrdinalIgnoreCase));
            if (global is null)
            {
                yield return new RuleResult(FindingStatus.Error, "Global", $"{Meeting}.{setting}", "(missing)", "The snapshot has no Global meeting policy.");
                yield break;
            }

            var (status, actual, evidence) = evaluate(global.Settings);
            yield return new RuleResult(status, "Global", $"{Meeting}.{setting}", actual, evidence, status == FindingStatus.Pass ? string.Empty : fix(global.Settings), global.UserCount);
        }

        /// <summary>One finding for the tenant.</summary>
        internal static IEnumerable<RuleResult> TenantOnly(ConfigurationSnapshot s, string setting, Func<AcsFederationConfiguration, (FindingStatus Status, string Actual, string Evidence, string Fix)> evaluate)
        {
            if (Failed(s, AuditPlane.Tenant) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, "Tenant", setting, "(not read)", error.Message);
                yield break;
            }

            var (status, actual, evidence, fix) = evaluate(s.Tenant);
            yield return new RuleResult(status, "Tenant", setting, actual, evidence, fix);
        }

        /// <summary>
        /// For rules whose verdict depends on the tenant gates too: one Error per meeting policy when the tenant plane
        /// was not read (a guess could hide a Critical finding); null when the gates are there.
        /// </summary>
        internal static IEnumerable<RuleResult>? TenantDependent(ConfigurationSnapshot s, string setting)
        {
            if (Failed(s, AuditPlane.Tenant) is not { } error)
            {
                return null;
            }

            return s.MeetingPolicies.Count == 0
                ? new[] { new RuleResult(FindingStatus.Error, "(meeting policies)", $"{Meeting}.{setting}", "(not evaluated)", $"The tenant gates were not read, and this rule depends on them: {error.Message}") }
                : s.MeetingPolicies.Select(p => new RuleResult(FindingStatus.Error, p.Settings.Identity, $"{Meeting}.{setting}", "(not evaluated)", $"The tenant gates were not read, and this rule depends on them: {error.Message}", string.Empty, p.UserCount)).ToList();
        }

        /// <summary>
        /// One finding per meeting policy for the rules about external users in a policy's meetings: Error findings
        /// when the tenant gates were not read, NotApplicable where neither anonymous nor ACS users can join (see
        /// <see cref="ExternalJoinPath"/>), and otherwise the rule's verdict, given how they join.
        /// </summary>
        internal static IEnumerable<RuleResult> WhereExternalUsersJoin(ConfigurationSnapshot s, string setting, Func<MeetingPolicySettings, string> actual, Func<MeetingPolicySettings, string, (FindingStatus Status, string Evidence, string Fix)> evaluate) =>
            TenantDependent(s, setting) ?? EveryMeetingPolicy(s, setting, p =>
            {
                var shown = actual(p);
                if (ExternalJoinPath(s.Tenant, p) is not { } way)
                {
                    return (FindingStatus.NotApplicable, shown, "Neither anonymous nor ACS users can join meetings of this policy's organizers.", string.Empty);
                }

                var (status, evidence, fix) = evaluate(p, way);
                return (status, shown, evidence, fix);
            });

        /// <summary>
        /// Whether some ACS resources may be missing from the snapshot: an ARM error other than unreadable diagnostic
        /// settings (which leave the resource list whole).
        /// </summary>
        internal static bool AcsResourcesIncomplete(ConfigurationSnapshot s) =>
            s.CollectionErrors.Any(e => e.Plane == AuditPlane.AcsResource && e.ErrorId != CollectionError.DiagnosticSettingsUnreadable);

        /// <summary>One finding per ACS resource; the fix (the rule's remediation for the resource id) only on a Fail.</summary>
        internal static IEnumerable<RuleResult> EveryResource(ConfigurationSnapshot s, RuleData rule, string setting, Func<AcsResourceSettings, (FindingStatus Status, string Actual, string Evidence)> evaluate)
        {
            if (s.AcsResources is null)
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "(ACS resources)", setting, "(not exported)", "No subscriptions were exported; give -SubscriptionId to Export-ExternalUserConfiguration or Test-ExternalUserSecurity to audit ACS resources.");
                yield break;
            }

            foreach (var error in s.CollectionErrors.Where(e => e.Plane == AuditPlane.AcsResource && e.ErrorId != CollectionError.DiagnosticSettingsUnreadable))
            {
                yield return new RuleResult(FindingStatus.Error, "(ACS resources)", setting, "(not read)", error.Message);
            }

            if (s.AcsResources.Count == 0 && !s.CollectionErrors.Any(e => e.Plane == AuditPlane.AcsResource))
            {
                yield return new RuleResult(FindingStatus.NotApplicable, "(ACS resources)", setting, "(none)", $"The exported subscriptions ({string.Join(", ", s.Metadata.Subscriptions)}) hold no ACS resources.");
            }

            foreach (var resource in s.AcsResources)
            {
                var (status, actual, evidence) = evaluate(resource);
                yield return new RuleResult(status, resource.Name, $"communicationServices.{setting}", actual, evidence, status == FindingStatus.Fail ? rule.FixFor(resource.Id) : string.Empty);
            }
        }

        /// <summary>How anonymous or ACS users get into this policy's meetings, in words; null when they cannot.</summary>
        internal static string? ExternalJoinPath(AcsFederationConfiguration tenant, MeetingPolicySettings p)
        {
            var blocked = p.BlockedAnonymousJoinClientTypes;
            var blocksAcs = blocked.Contains(AnonymousJoinClientType.ACS);
            var blocksTeams = blocked.Contains(AnonymousJoinClientType.Teams);
            var anonymousOpen = tenant.DisableAnonymousJoin != true && p.AllowAnonymousUsersToJoinMeeting != false;
            if (anonymousOpen && !(blocksAcs && blocksTeams))
            {
                return blocksAcs ? "Anonymous Teams users can join" : "Anonymous and ACS users can join";
            }

            if (tenant.EnableAcsUsers == true && tenant.AllowedAcsResources.Count > 0 && !blocksAcs)
            {
                return "Users of the federated ACS resources can join";
            }

            return null;
        }
    }
}
