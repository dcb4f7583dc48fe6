using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>Synthetic audit reports: one finding per status and severity, a hostile one, and a realistic tenant.</summary>
    internal static class ReportFixtures
    {
        internal const string TenantId = "5f2c8a1e-7d3b-4c9a-9e1f-2b6d4a8c0e31";

        internal static readonly DateTimeOffset GeneratedAt = new(2025, 11, 28, 14, 5, 0, TimeSpan.Zero);

        internal static readonly string HostileScope = "Tag:<script>alert(1)</script>";

        internal static SnapshotMetadata Metadata(string? domain = "northwind.example") => new()
        {
            TenantId = TenantId,
            TenantDomain = domain,
            Environment = "AzureCloud",
            CreatedAt = new DateTimeOffset(2025, 11, 28, 13, 58, 12, TimeSpan.Zero),
            ModuleVersion = "0.1.0",
            Account = "auditor@northwind.example",
            Subscriptions = new[] { "0b7f3a52-1c4e-4f8a-a6d2-93e5c1b7d840" },
        };

        internal static ExternalUserSecurityFinding Finding(
            string ruleId,
            string title,
            AuditSeverity severity,
            FindingStatus status,
            AuditPlane plane = AuditPlane.MeetingPolicy,
            string scope = "Global",
            string setting = "MeetingPolicy.AllowAnonymousUsersToJoinMeeting",
            string actual = "True",
            string expected = "False",
            int? affectedUsers = null,
            string evidence = "",
            string remediation = "",
            params RuleMapping[] mappings) => new()
        {
            RuleId = ruleId,
            Title = title,
            Severity = severity,
            Status = status,
            Plane = plane,
            Scope = scope,
            Setting = setting,
            Actual = actual,
            Expected = expected,
            AffectedUsers = affectedUsers,
            Evidence = evidence.Length > 0 ? evidence : $"{setting} is {actual}.",
            Remediation = remediation,
            Mappings = mappings,
            TenantId = TenantId,
            Source = "Live",
        };

        internal static AuditReport Report(IReadOnlyList<ExternalUserSecurityFinding> findings, string filters = "none", SnapshotMetadata? metadata = null) =>
            new(metadata ?? Metadata(), "Live", filters, findings, GeneratedAt);

        /// <summary>One finding for every status and severity pair (25), each with a mapping.</summary>
        internal static AuditReport EveryStatusAndSeverity()
        {
            var findings = new List<ExternalUserSecurityFinding>();
            var n = 0;
            foreach (var severity in Enum.GetValues<AuditSeverity>())
            {
                foreach (var status in Enum.GetValues<FindingStatus>())
                {
                    n++;
                    findings.Add(Finding(
                        $"ATS.TEST.{n}",
                        $"Synthetic rule {n} ({severity}, {status})",
                        severity,
                        status,
                        (AuditPlane)(n % 4),
                        scope: $"Tag:Policy{n}",
                        affectedUsers: n % 3 == 0 ? null : n * 7,
                        remediation: status == FindingStatus.Pass ? "" : $"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Tag:Policy{n} -AllowAnonymousUsersToJoinMeeting $false",
                        mappings: new[] { new RuleMapping("CISA SCuBA", $"MS.TEAMS.{n}.1v1"), new RuleMapping("Maester", $"MT.10{n:00}") }));
                }
            }

            return Report(findings);
        }

        /// <summary>Values a hostile tenant admin could choose: markup, formulas, quotes, line breaks.</summary>
        internal static AuditReport Hostile() => Report(new[]
        {
            Finding(
                "ATS.MEET.1",
                "Anonymous users cannot join meetings",
                AuditSeverity.High,
                FindingStatus.Fail,
                scope: HostileScope,
                actual: "<img src=x onerror=alert(2)>",
                expected: "\"False\" & 'off'",
                affectedUsers: 12,
                evidence: "Policy </td></tr></table><script>alert(3)</script> lets anonymous users in.",
                remediation: "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity 'Tag:<script>alert(1)</script>' -AllowAnonymousUsersToJoinMeeting $false",
                mappings: new[] { new RuleMapping("CISA SCuBA", "MS.TEAMS.1.2v2\"><script>alert(4)</script>") }),
            Finding("ATS.MEET.2", "=HYPERLINK(\"http://evil.example\",\"click\")", AuditSeverity.Medium, FindingStatus.Warning, scope: "=cmd|' /C calc'!A0", actual: "+1+1", expected: "-2", evidence: "@SUM(A1:A2)"),
            Finding("ATS.MEET.3", "Tab\tand\r\nline breaks, \"quotes\", commas", AuditSeverity.Low, FindingStatus.Pass, scope: "\tTag:Tabbed", actual: "\rcarriage", expected: "a,b"),
        });

        /// <summary>A realistic tenant for the screenshot in the docs: northwind.example, about twenty findings.</summary>
        internal static AuditReport Northwind()
        {
            RuleMapping Scuba(string id) => new("CISA SCuBA", id);
            RuleMapping Maester(string id) => new("Maester", id);
            RuleMapping Cis(string id) => new("CIS M365", id);
            RuleMapping AzPolicy(string id) => new("Azure Policy", id);
            const string Federation = "AcsFederationConfiguration";
            var findings = new List<ExternalUserSecurityFinding>
            {
                Finding("ATS.ACS.1", "ACS federation allows resources that are not the tenant's own", AuditSeverity.Critical, FindingStatus.Fail, AuditPlane.Tenant, "Tenant",
                    $"{Federation}.AllowedAcsResources", "AllowAllAcsResources (any ACS resource in any tenant)", "AllowList of the tenant's own ACS resources",
                    evidence: "Teams interoperability is enabled for every Azure Communication Services resource, including resources in other tenants.",
                    remediation: "Set-AcsFederationConfiguration -AllowedAcsResources 3f0e2b9c-6a51-4d8e-b1f7-2c9d4e6a8b10",
                    mappings: new[] { Maester("MT.1055"), Scuba("MS.TEAMS.2.3v1") }),
                Finding("ATS.ARM.2", "ACS resource access keys can mint tokens (local auth on)", AuditSeverity.Critical, FindingStatus.Fail, AuditPlane.AcsResource, "acs-northwind-contact",
                    "Microsoft.Communication/communicationServices.disableLocalAuth", "False", "True",
                    evidence: "Anyone holding one of the resource's access keys can mint ACS identities and tokens that Teams accepts.",
                    remediation: "az communication update --name acs-northwind-contact --resource-group rg-contact --disable-local-auth true",
                    mappings: new[] { AzPolicy("Communication services should have local authentication disabled") }),
                Finding("ATS.MEET.3", "Anonymous users can bypass the lobby and start meetings", AuditSeverity.Critical, FindingStatus.Fail, AuditPlane.MeetingPolicy, "Global",
                    "MeetingPolicy.AutoAdmittedUsers, MeetingPolicy.AllowAnonymousUsersToStartMeeting", "Everyone; True", "EveryoneInCompanyExcludingGuests; False", 1184,
                    "The Global (org-wide default) policy admits anonymous and ACS users straight into meetings and lets them start a meeting before the organizer joins.",
                    "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests -AllowAnonymousUsersToStartMeeting $false",
                    Scuba("MS.TEAMS.1.2v2"), Scuba("MS.TEAMS.1.3v1"), Maester("MT.1037"), Cis("8.5.2"), Cis("8.5.3")),
                Finding("ATS.MEET.1", "Anonymous users cannot join meetings", AuditSeverity.High, FindingStatus.Fail, AuditPlane.MeetingPolicy, "Tag:Sales-External",
                    "MeetingPolicy.AllowAnonymousUsersToJoinMeeting", "True", "False", 86,
                    "Tag:Sales-External lets people who are not signed in join meetings organized by its 86 users.",
                    "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Tag:Sales-External -AllowAnonymousUsersToJoinMeeting $false",
                    Scuba("MS.TEAMS.1.2v2"), Maester("MT.1047"), Cis("8.5.1")),
                Finding("ATS.EXT.1", "External access is limited to allowed domains", AuditSeverity.High, FindingStatus.Fail, AuditPlane.ExternalAccessPolicy, "Global",
                    "TenantFederationConfiguration.AllowFederatedUsers, AllowedDomains", "True; AllowAllKnownDomains", "True; an allow list", 1184,
                    "Users can chat and meet with every federated Teams tenant.",
                    "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global -CommunicationWithExternalOrgs AllowSpecificExternalDomains",
                    Scuba("MS.TEAMS.2.1v1"), Maester("MT.1038"), Cis("8.2.1")),
                Finding("ATS.MEET.4", "Anonymous and ACS users cannot present", AuditSeverity.High, FindingStatus.Fail, AuditPlane.MeetingPolicy, "Tag:Webinars",
                    "MeetingPolicy.DesignatedPresenterRoleMode", "EveryoneUserOverride", "OrganizerOnlyUserOverride or EveryoneInCompanyUserOverride", 14,
                    "In meetings organized by the 14 users of Tag:Webinars, anonymous and ACS participants are presenters by default.",
                    "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Tag:Webinars -DesignatedPresenterRoleMode EveryoneInCompanyUserOverride",
                    Scuba("MS.TEAMS.1.1v1"), Cis("8.5.6")),
                Finding("ATS.MEET.6", "External participants cannot give or request control", AuditSeverity.Medium, FindingStatus.Fail, AuditPlane.MeetingPolicy, "Global",
                    "MeetingPolicy.AllowExternalParticipantGiveRequestControl", "True", "False", 1184, "",
                    "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Global -AllowExternalParticipantGiveRequestControl $false",
                    Scuba("MS.TEAMS.1.5v1"), Cis("8.5.7")),
                Finding("ATS.MEET.5", "Dial-in users cannot bypass the lobby", AuditSeverity.Medium, FindingStatus.Fail, AuditPlane.MeetingPolicy, "Tag:Sales-External",
                    "MeetingPolicy.AllowPSTNUsersToBypassLobby", "True", "False", 86, "",
                    "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity Tag:Sales-External -AllowPSTNUsersToBypassLobby $false",
                    Scuba("MS.TEAMS.1.4v1"), Maester("MT.1040"), Cis("8.5.4")),
                Finding("ATS.ARM.1", "ACS resources send diagnostic logs to a workspace", AuditSeverity.Low, FindingStatus.Fail, AuditPlane.AcsResource, "acs-northwind-contact",
                    "Microsoft.Insights/diagnosticSettings", "None", "At least one setting with the Authentication and ChatOperational categories",
                    evidence: "Token issuance by this resource is not logged anywhere.",
                    remediation: "az monitor diagnostic-settings create --resource acs-northwind-contact --name audit --workspace law-security --logs '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'"),
                Finding("ATS.EXT.3", "Teams users cannot contact unmanaged Teams accounts", AuditSeverity.Medium, FindingStatus.Warning, AuditPlane.ExternalAccessPolicy, "Tag:Partners",
                    "ExternalAccessPolicy.EnableTeamsConsumerAccess", "True", "False", 23,
                    "The tenant blocks consumer access, but Tag:Partners enables it; the tenant setting wins, so this has no effect today.",
                    "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Tag:Partners -EnableTeamsConsumerAccess $false", Scuba("MS.TEAMS.2.2v1"), Cis("8.2.2")),
                Finding("ATS.ARM.3", "ACS resources are reachable only from allowed networks", AuditSeverity.Low, FindingStatus.Error, AuditPlane.AcsResource, "subscription 9d41c2a7",
                    "Microsoft.Communication/communicationServices", "(not read)", "Readable", evidence: "ARM answered 403 AuthorizationFailed: the account lacks Reader on subscription 9d41c2a7."),
                Finding("ATS.ACS.2", "The tenant's own ACS resources are in the federation allow list", AuditSeverity.Informational, FindingStatus.Warning, AuditPlane.Tenant, "Tenant",
                    $"{Federation}.AllowedAcsResources", "2 resources; 1 not found in the given subscriptions", "Only resources the tenant owns",
                    evidence: "Resource 7c2e9f14-… is allowed but was not found; it may belong to another tenant."),
                Finding("ATS.MEET.1", "Anonymous users cannot join meetings", AuditSeverity.High, FindingStatus.Pass, AuditPlane.MeetingPolicy, "Global",
                    "MeetingPolicy.AllowAnonymousUsersToJoinMeeting", "False", "False", 1184, "", "", Scuba("MS.TEAMS.1.2v2"), Maester("MT.1047"), Cis("8.5.1")),
                Finding("ATS.MEET.1", "Anonymous users cannot join meetings", AuditSeverity.High, FindingStatus.Pass, AuditPlane.MeetingPolicy, "Tag:Executives",
                    "MeetingPolicy.AllowAnonymousUsersToJoinMeeting", "False", "False", 9, "", "", Scuba("MS.TEAMS.1.2v2"), Maester("MT.1047"), Cis("8.5.1")),
                Finding("ATS.TEN.1", "Anonymous join is off for the tenant, or limited to allowed ACS resources", AuditSeverity.High, FindingStatus.Pass, AuditPlane.Tenant, "Tenant",
                    "TeamsMeetingConfiguration.DisableAnonymousJoin", "False", "True, or ACS federation limited", evidence: "Anonymous join is on, but ACS federation is evaluated separately (ATS.ACS.1)."),
                Finding("ATS.EXT.2", "Teams users cannot start conversations with unmanaged accounts", AuditSeverity.Medium, FindingStatus.Pass, AuditPlane.ExternalAccessPolicy, "Global",
                    "TenantFederationConfiguration.AllowTeamsConsumerInbound", "False", "False", 1184, "", "", Scuba("MS.TEAMS.2.2v1"), Maester("MT.1039"), Cis("8.2.3")),
                Finding("ATS.MEET.7", "Meeting recordings are not started automatically with external users", AuditSeverity.Low, FindingStatus.Pass, AuditPlane.MeetingPolicy, "Global",
                    "MeetingPolicy.AutoRecording", "Disabled", "Disabled", 1184),
                Finding("ATS.MEET.8", "Meeting chat is not open to anonymous users", AuditSeverity.Low, FindingStatus.Pass, AuditPlane.MeetingPolicy, "Global",
                    "MeetingPolicy.MeetingChatEnabledType", "EnabledExceptAnonymous", "EnabledExceptAnonymous", 1184, "", "", Scuba("MS.TEAMS.1.6v1")),
                Finding("ATS.EXT.4", "Skype consumer interoperability is off", AuditSeverity.Informational, FindingStatus.Pass, AuditPlane.Tenant, "Tenant",
                    "TenantFederationConfiguration.AllowPublicUsers", "False", "False", mappings: new[] { Scuba("MS.TEAMS.3.1v1"), Cis("8.2.4") }),
                Finding("ATS.ARM.4", "ACS resources use managed identities, not keys, for event delivery", AuditSeverity.Low, FindingStatus.NotApplicable, AuditPlane.AcsResource, "acs-northwind-notify",
                    "Microsoft.EventGrid/systemTopics", "No event subscriptions", "—", evidence: "The resource has no Event Grid subscriptions."),
                Finding("ATS.TEN.2", "Teams Phone dial-out for ACS users is restricted", AuditSeverity.Informational, FindingStatus.NotApplicable, AuditPlane.Tenant, "Tenant",
                    "TeamsAcsFederationConfiguration.EnableTeamsPhoneForAcs", "(not in this cloud)", "False", evidence: "The setting does not exist in this environment."),
            };
            return Report(findings, "none (all 21 rules)");
        }
    }
}
