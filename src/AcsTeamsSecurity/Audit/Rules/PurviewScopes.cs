using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// What the Purview evaluators (ATS.PRV.*) share: the plane guard (Error when it was not read, NotApplicable when it
    /// was not collected), SCuBA MS.TEAMS.6.2v1's minimum information types, the ACS join paths of an organizer, and the
    /// Purview commands of the remediations. Every remediation is done in Microsoft Purview: the module never changes
    /// DLP or encryption policies.
    /// </summary>
    internal static class PurviewScopes
    {
        internal const string DlpDocs = "https://learn.microsoft.com/purview/dlp-microsoft-teams";
        internal const string CustomerKeyDocs = "https://learn.microsoft.com/purview/customer-key-tenant-level";

        internal const string NotByThisModule = "# Security & Compliance PowerShell or the Purview portal (Data loss prevention > Policies): this module never changes Purview. " + DlpDocs;

        /// <summary>The name the fixes give a new Teams DLP policy.</summary>
        internal const string NewPolicyName = "Teams external users";

        /// <summary>SCuBA MS.TEAMS.6.2v1's minimum: the information types a Teams DLP rule must block, each with the words its name carries.</summary>
        internal static readonly (string Name, string[] Words)[] MinimumTypes =
        {
            ("Credit Card Number", new[] { "credit card" }),
            ("U.S. Individual Taxpayer Identification Number (ITIN)", new[] { "taxpayer identification", "itin" }),
            ("U.S. Social Security Number (SSN)", new[] { "social security", "ssn" }),
        };

        /// <summary>Error when the plane could not be read, NotApplicable when it was not collected, else the rule's results.</summary>
        internal static IEnumerable<RuleResult> Plane(ConfigurationSnapshot s, string setting, Func<SnapshotPurview, IEnumerable<RuleResult>> evaluate)
        {
            if (RuleScopes.Failed(s, AuditPlane.Purview) is { } error)
            {
                return new[] { new RuleResult(FindingStatus.Error, "(Purview)", setting, "(not read)", error.Message) };
            }

            if (s.Purview is null)
            {
                return new[] { new RuleResult(FindingStatus.NotApplicable, "(Purview)", setting, "(not collected)", "The snapshot has no Purview plane: it is of schema 1.0, or its cloud or sign-in had no Security & Compliance access (the app needs Exchange.ManageAsApp and the Compliance Administrator role).") };
            }

            return evaluate(s.Purview);
        }

        /// <summary>The minimum types none of <paramref name="types"/> names.</summary>
        internal static List<string> MissingMinimumTypes(IEnumerable<string> types)
        {
            var list = types.ToList();
            return MinimumTypes.Where(m => !list.Any(t => m.Words.Any(w => t.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))).Select(m => m.Name).ToList();
        }

        /// <summary>How ACS users can join meetings organized under these policies, or null when they cannot.</summary>
        internal static string? AcsJoinPath(AcsFederationConfiguration tenant, MeetingPolicySettings? meeting, ExternalAccessPolicySettings? access)
        {
            var paths = new List<string>();
            if (tenant.EnableAcsUsers == true && access?.EnableAcsFederationAccess != false)
            {
                paths.Add("ACS federation");
            }

            if (meeting?.AllowAnonymousUsersToJoinMeeting == true && tenant.DisableAnonymousJoin != true && !meeting.BlockedAnonymousJoinClientTypes.Contains(AnonymousJoinClientType.ACS))
            {
                paths.Add("anonymous join");
            }

            return paths.Count == 0 ? null : string.Join(" and ", paths);
        }

        /// <summary>Set-DlpCompliancePolicy -Mode Enable for one policy (without the trailing note).</summary>
        internal static string EnableCommand(string policy) => $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(policy)} -Mode Enable";

        /// <summary>New-DlpCompliancePolicy for a new enforced Teams policy (without the trailing note).</summary>
        internal static string NewPolicyCommand() => $"New-DlpCompliancePolicy -Name {CommandText.Literal(NewPolicyName)} -TeamsLocation All -Mode Enable";

        /// <summary>New-DlpComplianceRule blocking <paramref name="types"/> for external participants in <paramref name="policy"/> (without the trailing note).</summary>
        internal static string BlockRuleCommand(string policy, IEnumerable<string> types) =>
            $"New-DlpComplianceRule -Policy {CommandText.Literal(policy)} -Name 'Block PII with externals' -ContentContainsSensitiveInformation {string.Join(", ", types.Select(m => "@{ Name = " + CommandText.Literal(m) + " }"))} -BlockAccess $true -BlockAccessScope PerUser";
    }
}
