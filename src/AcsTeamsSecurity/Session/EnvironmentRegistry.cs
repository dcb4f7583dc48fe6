using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Session
{
    /// <summary>
    /// The clouds the module knows. Built-in tables come from public documentation; where a value is
    /// not documented the entry is left empty and its <see cref="AcsTeamsEnvironment.Notes"/> say so,
    /// rather than guessing a host. Custom environments live for the process (all runspaces share them).
    /// </summary>
    internal static class EnvironmentRegistry
    {
        internal const string TeamsAdminApiAppId = "48ac35b8-9aa8-4d74-927d-1f4a14a0b239";

        /// <summary>Security &amp; Compliance PowerShell's commercial host (docs/CONTRACTS.md, Purview).</summary>
        internal const string ComplianceGlobal = "https://ps.compliance.protection.outlook.com";

        /// <summary>Exchange Online's commercial admin host (Customer Key policies).</summary>
        internal const string ExchangeGlobal = "https://outlook.office365.com";

        private const string SovereignPurviewNote = "Security & Compliance host from the ExchangeOnlineManagement environment table as public clients reproduce it (its token resource is inferred from the host); the Exchange Online host for Customer Key is not evidenced here, so Customer Key status is not read in this cloud.";

        private static readonly object Gate = new object();
        private static readonly Dictionary<string, AcsTeamsEnvironment> Custom = new Dictionary<string, AcsTeamsEnvironment>(StringComparer.OrdinalIgnoreCase);

        internal static IReadOnlyList<AcsTeamsEnvironment> BuiltIn { get; } = new[]
        {
            new AcsTeamsEnvironment(
                "Global",
                new Uri("https://login.microsoftonline.com"),
                new Uri("https://graph.microsoft.com"), "https://graph.microsoft.com",
                new Uri("https://api.interfaces.records.teams.microsoft.com"), TeamsAdminApiAppId,
                new Uri("https://management.azure.com"), "https://management.azure.com",
                "https://communication.azure.com/",
                isBuiltIn: true,
                notes: "Commercial cloud.",
                complianceEndpoint: new Uri(ComplianceGlobal), complianceResource: ComplianceGlobal,
                exchangeEndpoint: new Uri(ExchangeGlobal), exchangeResource: ExchangeGlobal),
            new AcsTeamsEnvironment(
                "GCC",
                new Uri("https://login.microsoftonline.com"),
                new Uri("https://graph.microsoft.com"), "https://graph.microsoft.com",
                new Uri("https://api.interfaces.records.teams.microsoft.com"), TeamsAdminApiAppId,
                new Uri("https://management.azure.com"), "https://management.azure.com",
                "https://communication.azure.com/",
                isBuiltIn: true,
                notes: "GCC (moderate) uses the commercial Entra ID, Graph, ARM, Teams admin API, Security & Compliance and Exchange Online hosts.",
                complianceEndpoint: new Uri(ComplianceGlobal), complianceResource: ComplianceGlobal,
                exchangeEndpoint: new Uri(ExchangeGlobal), exchangeResource: ExchangeGlobal),
            new AcsTeamsEnvironment(
                "GCCHigh",
                new Uri("https://login.microsoftonline.us"),
                new Uri("https://graph.microsoft.us"), "https://graph.microsoft.us",
                new Uri("https://api.interfaces.records.gov.teams.microsoft.us"), TeamsAdminApiAppId,
                new Uri("https://management.usgovcloudapi.net"), "https://management.usgovcloudapi.net",
                acsResource: null,
                isBuiltIn: true,
                notes: "Teams admin API host from a ScubaGear helper (not officially documented). The ACS Entra token resource for US Government is unconfirmed: use an ACS connection string, or Add-AcsTeamsEnvironment with the resource your tenant uses. Graph's Teams user configurations are global-only: effective policies per user are reported as unknown. " + SovereignPurviewNote,
                teamsUserConfigurations: false,
                complianceEndpoint: new Uri("https://ps.compliance.protection.office365.us"), complianceResource: "https://ps.compliance.protection.office365.us"),
            new AcsTeamsEnvironment(
                "DoD",
                new Uri("https://login.microsoftonline.us"),
                new Uri("https://dod-graph.microsoft.us"), "https://dod-graph.microsoft.us",
                new Uri("https://api.interfaces.records.gov.teams.microsoft.us"), TeamsAdminApiAppId,
                new Uri("https://management.usgovcloudapi.net"), "https://management.usgovcloudapi.net",
                acsResource: null,
                isBuiltIn: true,
                notes: "Teams admin API host is the one reported for GCC High and DoD (not officially documented). The ACS Entra token resource is unconfirmed: use an ACS connection string or a custom environment. Graph's Teams user configurations are global-only: effective policies per user are reported as unknown. " + SovereignPurviewNote,
                teamsUserConfigurations: false,
                complianceEndpoint: new Uri("https://l5.ps.compliance.protection.office365.us"), complianceResource: "https://l5.ps.compliance.protection.office365.us"),
            new AcsTeamsEnvironment(
                "China",
                new Uri("https://login.chinacloudapi.cn"),
                new Uri("https://microsoftgraph.chinacloudapi.cn"), "https://microsoftgraph.chinacloudapi.cn",
                teamsAdminEndpoint: null, teamsAdminResource: null,
                new Uri("https://management.chinacloudapi.cn"), "https://management.chinacloudapi.cn",
                acsResource: null,
                isBuiltIn: true,
                notes: "Microsoft 365 operated by 21Vianet: no documented Teams admin API host, and Azure Communication Services is not offered. Policy and ACS cmdlets report that before sending anything. Graph's Teams user configurations are global-only. " + SovereignPurviewNote,
                teamsUserConfigurations: false,
                complianceEndpoint: new Uri("https://ps.compliance.protection.partner.outlook.cn"), complianceResource: "https://ps.compliance.protection.partner.outlook.cn"),
        };

        internal static IReadOnlyList<AcsTeamsEnvironment> All
        {
            get
            {
                lock (Gate)
                {
                    return BuiltIn.Concat(Custom.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)).ToList();
                }
            }
        }

        internal static bool TryGet(string name, out AcsTeamsEnvironment environment)
        {
            var builtIn = BuiltIn.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            if (builtIn is not null)
            {
                environment = builtIn;
                return true;
            }

            lock (Gate)
            {
                return Custom.TryGetValue(name, out environment!);
            }
        }

        internal static AcsTeamsEnvironment Get(string name)
        {
            if (TryGet(name, out var environment))
            {
                return environment;
            }

            throw NotFound(name);
        }

        /// <summary>EnvironmentNotFound for <paramref name="name"/>, naming the built-in environments.</summary>
        internal static AcsTeamsSecurityException NotFound(string name) =>
            ErrorFactory.EnvironmentNotFound(Strings.EnvironmentNotFound_ThereIsNoEnvironment, name, string.Join(", ", BuiltIn.Select(e => e.Name))).With(target: name);

        internal static bool IsBuiltInName(string name) =>
            BuiltIn.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

        internal static void Add(AcsTeamsEnvironment environment, bool replace)
        {
            if (IsBuiltInName(environment.Name))
            {
                throw ErrorFactory.EnvironmentBuiltIn(Strings.EnvironmentBuiltIn_IsABuiltInEnvironment, environment.Name).With(target: environment.Name);
            }

            lock (Gate)
            {
                if (Custom.ContainsKey(environment.Name) && !replace)
                {
                    throw ErrorFactory.EnvironmentExists(Strings.EnvironmentExists_AnEnvironmentNamedAlready, environment.Name).With(target: environment.Name);
                }

                Custom[environment.Name] = environment;
            }
        }

        internal static bool Remove(string name)
        {
            if (IsBuiltInName(name))
            {
                throw ErrorFactory.EnvironmentBuiltIn(Strings.EnvironmentBuiltIn_IsABuiltIn, name).With(target: name);
            }

            lock (Gate)
            {
                return Custom.Remove(name);
            }
        }
    }
}
