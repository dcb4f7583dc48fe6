using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// The Purview plane's rules (ATS.PRV.*): SCuBA MS.TEAMS.6.1v1 and 6.2v1 (a DLP solution for Teams, protecting at least
    /// credit card numbers, US ITINs and US SSNs), and the ACS-specific checks no peer has: DLP only in test mode, DLP that
    /// leaves out the organizers of meetings ACS users join (joined with the Teams policies), and Customer Key while
    /// external chat is on. Kept apart from <see cref="RuleCatalog"/> so the catalogue can become data cheaply. Every
    /// remediation is done in Microsoft Purview: the module never changes DLP or encryption policies.
    /// </summary>
    internal static class PurviewRules
    {
        internal const string DlpDocs = "https://learn.microsoft.com/purview/dlp-microsoft-teams";
        internal const string CustomerKeyDocs = "https://learn.microsoft.com/purview/customer-key-tenant-level";

        private const string NotByThisModule = "# Security & Compliance PowerShell or the Purview portal (Data loss prevention > Policies): this module never changes Purview. " + DlpDocs;

        /// <summary>SCuBA MS.TEAMS.6.2v1's minimum: the information types a Teams DLP rule must block, each with the words its name carries.</summary>
        internal static readonly (string Name, string[] Words)[] MinimumTypes =
        {
            ("Credit Card Number", new[] { "credit card" }),
            ("U.S. Individual Taxpayer Identification Number (ITIN)", new[] { "taxpayer identification", "itin" }),
            ("U.S. Social Security Number (SSN)", new[] { "social security", "ssn" }),
        };

        internal static IEnumerable<AuditRule> Build()
        {
            yield return Rule("ATS.PRV.1", "DLP protects Teams chats and meetings", AuditSeverity.High,
                "Without an enforced DLP policy on the Teams location, nothing stops a member from posting sensitive data into a meeting chat that external (ACS) participants read, and the ACS UI library has no policy tip to show them.",
                "At least one DLP policy whose Teams location is not empty has mode Enable (test modes and Disable block nothing).", "An enforced Teams DLP policy",
                "New-DlpCompliancePolicy -Name 'Teams external users' -TeamsLocation All -Mode Enable  " + NotByThisModule,
                new RuleMapping(RuleCatalog.Scuba, "MS.TEAMS.6.1v1"),
                (s, o) => Plane(s, "DlpCompliancePolicy.Mode (Teams)", p =>
                {
                    var enforced = p.DlpPolicies.Where(d => d.Enforced).Select(d => d.Name).ToList();
                    var actual = p.DlpPolicies.Count == 0 ? "no Teams DLP policy" : string.Join(", ", p.DlpPolicies.Select(d => $"{d.Name} ({d.Mode})"));
                    return enforced.Count > 0
                        ? new[] { new RuleResult(FindingStatus.Pass, "Tenant", "DlpCompliancePolicy.Mode (Teams)", actual, $"Enforced on Teams: {string.Join(", ", enforced)}.") }
                        : new[] { new RuleResult(FindingStatus.Fail, "Tenant", "DlpCompliancePolicy.Mode (Teams)", actual, p.DlpPolicies.Count == 0 ? "No DLP policy covers the Teams location." : "No DLP policy that covers Teams is enforced: test modes only report.", p.DlpPolicies.Count == 0 ? "New-DlpCompliancePolicy -Name 'Teams external users' -TeamsLocation All -Mode Enable  " + NotByThisModule : $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(p.DlpPolicies[0].Name)} -Mode Enable  " + NotByThisModule) };
                }));

            yield return Rule("ATS.PRV.2", "Teams DLP blocks credit card numbers, US ITINs and US SSNs for external participants", AuditSeverity.Medium,
                "SCuBA's minimum for personally identifiable information: these numbers must not reach people outside the organization, and ACS users in a meeting are outside it.",
                "The enforced Teams DLP policies have enabled rules that block access for everyone or for people outside the organization (BlockAccess with BlockAccessScope All or PerUser) and, together, detect Credit Card Number, U.S. Individual Taxpayer Identification Number (ITIN) and U.S. Social Security Number (SSN) (matched by name).", "All three types blocked for external participants",
                "New-DlpComplianceRule -Policy '<Teams policy>' -Name 'Block PII with externals' -ContentContainsSensitiveInformation @{ Name = 'Credit Card Number' } -BlockAccess $true -BlockAccessScope PerUser  " + NotByThisModule,
                new RuleMapping(RuleCatalog.Scuba, "MS.TEAMS.6.2v1"),
                (s, o) => Plane(s, "DlpComplianceRule.ContentContainsSensitiveInformation (Teams)", p =>
                {
                    const string Setting = "DlpComplianceRule.ContentContainsSensitiveInformation (Teams)";
                    var blocking = p.DlpPolicies.Where(d => d.Enforced && d.BlocksExternalParticipants).ToList();
                    var types = blocking.SelectMany(d => d.BlockedInformationTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    var missing = MinimumTypes.Where(m => !types.Any(t => m.Words.Any(w => t.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))).Select(m => m.Name).ToList();
                    var actual = types.Count == 0 ? "(none blocked for external participants)" : string.Join(", ", types);
                    if (missing.Count == 0)
                    {
                        return new[] { new RuleResult(FindingStatus.Pass, "Tenant", Setting, actual, $"Blocked for external participants by: {string.Join(", ", blocking.Select(d => d.Name))}.") };
                    }

                    var target = blocking.FirstOrDefault()?.Name ?? p.DlpPolicies.FirstOrDefault(d => d.Enforced)?.Name ?? "<Teams policy>";
                    var fix = $"New-DlpComplianceRule -Policy {CommandText.Literal(target)} -Name 'Block PII with externals' -ContentContainsSensitiveInformation {string.Join(", ", missing.Select(m => "@{ Name = " + CommandText.Literal(m) + " }"))} -BlockAccess $true -BlockAccessScope PerUser  " + NotByThisModule;
                    return new[] { new RuleResult(FindingStatus.Fail, "Tenant", Setting, actual, $"Not blocked for external participants by an enforced Teams DLP rule: {string.Join(", ", missing)}.", fix) };
                }));

            yield return Rule("ATS.PRV.3", "Teams DLP policies are enforced, not only in test mode", AuditSeverity.Medium,
                "A policy in test mode shows tips and reports matches but blocks nothing: external participants still receive what it detects.",
                "Every DLP policy that covers Teams has mode Enable. TestWithNotifications and TestWithoutNotifications fail; Disable (or a mode the module does not know) warns.", "Mode Enable",
                "Set-DlpCompliancePolicy -Identity '<Name>' -Mode Enable  " + NotByThisModule,
                null,
                (s, o) => Plane(s, "DlpCompliancePolicy.Mode", p =>
                {
                    if (p.DlpPolicies.Count == 0)
                    {
                        return new[] { new RuleResult(FindingStatus.NotApplicable, "(Teams DLP policies)", "DlpCompliancePolicy.Mode", "(none)", "No DLP policy covers Teams (see ATS.PRV.1).") };
                    }

                    return p.DlpPolicies.Select(d => d.Mode switch
                    {
                        DlpPolicyMode.Enable => new RuleResult(FindingStatus.Pass, d.Name, "DlpCompliancePolicy.Mode", "Enable", "The policy is enforced."),
                        DlpPolicyMode.TestWithNotifications or DlpPolicyMode.TestWithoutNotifications => new RuleResult(FindingStatus.Fail, d.Name, "DlpCompliancePolicy.Mode", d.Mode.ToString(), "The policy is only in test mode: it blocks nothing for external participants.", $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(d.Name)} -Mode Enable  " + NotByThisModule),
                        _ => new RuleResult(FindingStatus.Warning, d.Name, "DlpCompliancePolicy.Mode", d.ModeText ?? d.Mode.ToString(), "The policy is turned off (or its mode is unknown): it protects nothing.", $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(d.Name)} -Mode Enable  " + NotByThisModule),
                    }).ToList();
                }));

            yield return Rule("ATS.PRV.4", "Teams DLP does not exclude the organizers of meetings ACS users join", AuditSeverity.High,
                "An organizer excluded from the Teams DLP location hosts meetings whose chat DLP does not inspect; when ACS users can join those meetings, sensitive data reaches outsiders unchecked. No peer joins DLP exclusions with the Teams policies.",
                "For each user a Teams DLP policy excludes (TeamsLocationException), the meeting and external access policies in effect for that user (from the snapshot): it fails when ACS users can join that user's meetings, through ACS federation (EnableAcsUsers on the tenant and EnableAcsFederationAccess not False in the user's external access policy) or anonymous join (AllowAnonymousUsersToJoinMeeting True in the user's meeting policy, ACS not in its BlockedAnonymousJoinClientTypes, and the tenant's DisableAnonymousJoin not True). An exclusion whose policies are not known (a group, an unknown user, no Graph access) warns.", "No excluded organizer of meetings ACS users can join",
                "Set-DlpCompliancePolicy -Identity '<Name>' -RemoveTeamsLocationException '<user>'  " + NotByThisModule,
                null,
                (s, o) => Plane(s, "DlpCompliancePolicy.TeamsLocationException", p => Exclusions(s, p)));

            yield return Rule("ATS.PRV.5", "Customer Key encrypts external users' chat messages", AuditSeverity.Low,
                "With Customer Key, the chat messages external (ACS) users exchange in meetings are encrypted at rest with keys the organization controls and can revoke.",
                "The tenant has a multi-workload data-at-rest encryption policy (Customer Key) assigned while external chat is possible (ACS federation on, or anonymous join allowed by the tenant and some meeting policy). Without a Customer Key licence the finding is Not applicable, with the reason.", "A data encryption policy assigned",
                "New-M365DataAtRestEncryptionPolicy -Name '<name>' -AzureKeyIDs '<key 1>', '<key 2>'; Set-M365DataAtRestEncryptionPolicyAssignment -DataEncryptionPolicy '<name>'  # Exchange Online PowerShell: this module never changes Purview. " + CustomerKeyDocs,
                null,
                (s, o) => Plane(s, "M365DataAtRestEncryptionPolicyAssignment", p => CustomerKey(s, p)));
        }

        private static AuditRule Rule(string id, string title, AuditSeverity severity, string rationale, string check, string expected, string remediation, RuleMapping? mapping, Func<ConfigurationSnapshot, AuditOptions, IEnumerable<RuleResult>> evaluate) =>
            new AuditRule(new ExternalUserSecurityRule(id, title, severity, AuditPlane.Purview, rationale, check, expected, remediation, mapping is null ? Array.Empty<RuleMapping>() : new[] { mapping }), evaluate);

        /// <summary>Error when the plane could not be read, NotApplicable when it was not collected, else the rule's results.</summary>
        private static IEnumerable<RuleResult> Plane(ConfigurationSnapshot s, string setting, Func<SnapshotPurview, IEnumerable<RuleResult>> evaluate)
        {
            if (s.CollectionErrors.FirstOrDefault(e => e.Plane == AuditPlane.Purview) is { } error)
            {
                return new[] { new RuleResult(FindingStatus.Error, "(Purview)", setting, "(not read)", error.Message) };
            }

            if (s.Purview is null)
            {
                return new[] { new RuleResult(FindingStatus.NotApplicable, "(Purview)", setting, "(not collected)", "The snapshot has no Purview plane: it is of schema 1.0, or its cloud or sign-in had no Security & Compliance access (the app needs Exchange.ManageAsApp and the Compliance Administrator role).") };
            }

            return evaluate(s.Purview);
        }

        /// <summary>True (and how) when ACS users can join meetings organized under these policies.</summary>
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

        private static IEnumerable<RuleResult> Exclusions(ConfigurationSnapshot s, SnapshotPurview p)
        {
            const string Setting = "DlpCompliancePolicy.TeamsLocationException";
            var results = new List<RuleResult>();
            foreach (var policy in p.DlpPolicies.Where(d => d.Mode != DlpPolicyMode.Disable))
            {
                foreach (var identity in policy.TeamsLocationException)
                {
                    var scope = $"{policy.Name}: {identity}";
                    var fix = $"Set-DlpCompliancePolicy -Identity {CommandText.Literal(policy.Name)} -RemoveTeamsLocationException {CommandText.Literal(identity)}  " + NotByThisModule;
                    var known = p.ExcludedUsers.FirstOrDefault(u => string.Equals(u.Identity, identity, StringComparison.OrdinalIgnoreCase));
                    if (known?.MeetingPolicy is null)
                    {
                        results.Add(new RuleResult(FindingStatus.Warning, scope, Setting, identity, "Excluded from Teams DLP; the Teams policies in effect for it are not known (a group, an unknown user, or no Graph access), so whether ACS users join its meetings cannot be told.", fix));
                        continue;
                    }

                    var meeting = s.MeetingPolicies.FirstOrDefault(m => string.Equals(m.Settings.Identity, known.MeetingPolicy, StringComparison.OrdinalIgnoreCase))?.Settings;
                    var access = s.ExternalAccessPolicies.FirstOrDefault(a => string.Equals(a.Settings.Identity, known.ExternalAccessPolicy ?? "Global", StringComparison.OrdinalIgnoreCase))?.Settings;
                    var actual = $"excluded; meeting policy {known.MeetingPolicy}, external access policy {known.ExternalAccessPolicy ?? "(not known)"}";
                    var path = AcsJoinPath(s.Tenant, meeting, access);
                    results.Add(path is null
                        ? new RuleResult(FindingStatus.Pass, scope, Setting, actual, "Excluded from Teams DLP, but ACS users cannot join this user's meetings.")
                        : new RuleResult(FindingStatus.Fail, scope, Setting, actual, $"Excluded from Teams DLP while ACS users can join this user's meetings ({path}): their meeting chat is not inspected.", fix));
                }
            }

            if (results.Count == 0)
            {
                results.Add(new RuleResult(FindingStatus.Pass, "(Teams DLP policies)", Setting, "(none)", p.DlpPolicies.Count == 0 ? "No DLP policy covers Teams (see ATS.PRV.1), so none excludes anyone." : "No Teams DLP policy excludes a user or group."));
            }

            return results;
        }

        private static IEnumerable<RuleResult> CustomerKey(ConfigurationSnapshot s, SnapshotPurview p)
        {
            const string Setting = "M365DataAtRestEncryptionPolicyAssignment";
            var ck = p.CustomerKey;
            var chat = s.Tenant.EnableAcsUsers == true || (s.Tenant.DisableAnonymousJoin != true && s.MeetingPolicies.Any(m => m.Settings.AllowAnonymousUsersToJoinMeeting == true));
            var actual = ck.State + (ck.AssignedPolicy is null ? string.Empty : $": {ck.AssignedPolicy}");
            return ck.State switch
            {
                CustomerKeyState.Assigned => new[] { new RuleResult(FindingStatus.Pass, "Tenant", Setting, actual, "Teams chat is encrypted at rest with the organization's keys.") },
                CustomerKeyState.NotLicensed => new[] { new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, actual, "Informational: the tenant has no Customer Key licence; Microsoft-managed keys encrypt Teams chat.") },
                CustomerKeyState.NotCollected => new[] { new RuleResult(FindingStatus.Warning, "Tenant", Setting, actual, ck.Detail ?? "Customer Key was not read.", string.Empty) },
                _ when !chat => new[] { new RuleResult(FindingStatus.NotApplicable, "Tenant", Setting, actual, "No data encryption policy is assigned, but external users cannot join meetings (ACS federation off, anonymous join off).") },
                _ => new[] { new RuleResult(FindingStatus.Fail, "Tenant", Setting, actual, $"Customer Key is available{(ck.Policies.Count > 0 ? $" ({string.Join(", ", ck.Policies)} exist)" : string.Empty)} but no data encryption policy is assigned, while external users can join meetings and chat.", ck.Policies.Count > 0 ? $"Set-M365DataAtRestEncryptionPolicyAssignment -DataEncryptionPolicy {CommandText.Literal(ck.Policies[0])}  # Exchange Online PowerShell: this module never changes Purview. {CustomerKeyDocs}" : "New-M365DataAtRestEncryptionPolicy -Name '<name>' -AzureKeyIDs '<key 1>', '<key 2>'  # Exchange Online PowerShell. " + CustomerKeyDocs) },
            };
        }
    }
}
