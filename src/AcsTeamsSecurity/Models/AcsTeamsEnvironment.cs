using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>
    /// A cloud: where to sign in and where each service lives, plus the resource identifiers tokens are
    /// requested for. Built-in clouds are Global, GCC, GCCHigh, DoD and China; custom ones come from
    /// <c>Add-AcsTeamsEnvironment</c> (for example a test emulator or a private endpoint).
    /// </summary>
    public sealed class AcsTeamsEnvironment
    {
        /// <summary>Creates an environment.</summary>
        public AcsTeamsEnvironment(
            string name,
            Uri authorityHost,
            Uri? graphEndpoint,
            string? graphResource,
            Uri? teamsAdminEndpoint,
            string? teamsAdminResource,
            Uri? armEndpoint,
            string? armResource,
            string? acsResource,
            bool isBuiltIn,
            string? notes = null,
            bool teamsUserConfigurations = true,
            Uri? complianceEndpoint = null,
            string? complianceResource = null,
            Uri? exchangeEndpoint = null,
            string? exchangeResource = null)
        {
            Name = name;
            AuthorityHost = authorityHost;
            GraphEndpoint = graphEndpoint;
            GraphResource = graphResource;
            TeamsAdminEndpoint = teamsAdminEndpoint;
            TeamsAdminResource = teamsAdminResource;
            ArmEndpoint = armEndpoint;
            ArmResource = armResource;
            AcsResource = acsResource;
            IsBuiltIn = isBuiltIn;
            Notes = notes;
            TeamsUserConfigurations = teamsUserConfigurations;
            ComplianceEndpoint = complianceEndpoint;
            ComplianceResource = complianceResource;
            ExchangeEndpoint = exchangeEndpoint;
            ExchangeResource = exchangeResource;
        }

        /// <summary>The environment's name (Global, GCC, GCCHigh, DoD, China, or a custom name).</summary>
        public string Name { get; }

        /// <summary>The Entra ID authority host, for example https://login.microsoftonline.com.</summary>
        public Uri AuthorityHost { get; }

        /// <summary>Microsoft Graph's base URL (without /v1.0), or null when Graph is not available.</summary>
        public Uri? GraphEndpoint { get; }

        /// <summary>The resource Graph tokens are requested for.</summary>
        public string? GraphResource { get; }

        /// <summary>The Teams tenant admin API's base URL, or null when it is not available in this cloud.</summary>
        public Uri? TeamsAdminEndpoint { get; }

        /// <summary>The resource Teams admin tokens are requested for (the API's application id).</summary>
        public string? TeamsAdminResource { get; }

        /// <summary>Azure Resource Manager's base URL, or null when not available.</summary>
        public Uri? ArmEndpoint { get; }

        /// <summary>The resource ARM tokens are requested for.</summary>
        public string? ArmResource { get; }

        /// <summary>The resource ACS data-plane tokens are requested for, or null when ACS is not offered in this cloud.</summary>
        public string? AcsResource { get; }

        /// <summary>True for the clouds that ship with the module.</summary>
        public bool IsBuiltIn { get; }

        /// <summary>What is known or unconfirmed about this cloud's endpoints.</summary>
        public string? Notes { get; }

        /// <summary>
        /// Graph's Teams user configurations (<c>/admin/teams/userConfigurations</c>: each user's effective policies) are
        /// offered in this cloud. Microsoft's availability table marks them for the global service only (docs/CONTRACTS.md,
        /// "Graph"); where false the module never calls them and reports the effective policies as unknown.
        /// </summary>
        public bool TeamsUserConfigurations { get; }

        /// <summary>The Security &amp; Compliance PowerShell endpoint (InvokeCommand, Microsoft Purview DLP), or null when its host in this cloud is not known.</summary>
        public Uri? ComplianceEndpoint { get; }

        /// <summary>The resource Security &amp; Compliance tokens are requested for.</summary>
        public string? ComplianceResource { get; }

        /// <summary>The Exchange Online admin endpoint (InvokeCommand, Customer Key policies), or null when its host in this cloud is not known.</summary>
        public Uri? ExchangeEndpoint { get; }

        /// <summary>The resource Exchange Online tokens are requested for.</summary>
        public string? ExchangeResource { get; }

        /// <summary>The services this environment has an endpoint or resource for.</summary>
        public IReadOnlyList<AcsTeamsService> AvailableServices
        {
            get
            {
                var list = new List<AcsTeamsService>(4);
                if (GraphEndpoint is not null && GraphResource is not null)
                {
                    list.Add(AcsTeamsService.Graph);
                }

                if (TeamsAdminEndpoint is not null && TeamsAdminResource is not null)
                {
                    list.Add(AcsTeamsService.TeamsAdmin);
                }

                if (AcsResource is not null)
                {
                    list.Add(AcsTeamsService.Acs);
                }

                if (ArmEndpoint is not null && ArmResource is not null)
                {
                    list.Add(AcsTeamsService.Arm);
                }

                if (ComplianceEndpoint is not null && ComplianceResource is not null)
                {
                    list.Add(AcsTeamsService.Compliance);
                }

                if (ExchangeEndpoint is not null && ExchangeResource is not null)
                {
                    list.Add(AcsTeamsService.ExchangeOnline);
                }

                return list;
            }
        }

        /// <summary>The resource a token for <paramref name="service"/> is requested for, or null.</summary>
        public string? ResourceFor(AcsTeamsService service) => service switch
        {
            AcsTeamsService.Graph => GraphResource,
            AcsTeamsService.TeamsAdmin => TeamsAdminResource,
            AcsTeamsService.Acs => AcsResource,
            AcsTeamsService.Arm => ArmResource,
            AcsTeamsService.Compliance => ComplianceResource,
            AcsTeamsService.ExchangeOnline => ExchangeResource,
            _ => null,
        };

        /// <summary>The base URL of <paramref name="service"/>, or null (ACS endpoints are per resource and live on the context).</summary>
        public Uri? EndpointFor(AcsTeamsService service) => service switch
        {
            AcsTeamsService.Graph => GraphEndpoint,
            AcsTeamsService.TeamsAdmin => TeamsAdminEndpoint,
            AcsTeamsService.Arm => ArmEndpoint,
            AcsTeamsService.Compliance => ComplianceEndpoint,
            AcsTeamsService.ExchangeOnline => ExchangeEndpoint,
            _ => null,
        };

        /// <summary>The scope string for a client-credentials style token: the resource plus <c>/.default</c>.</summary>
        /// <remarks>ACS's resource ends with a slash, which gives the SDKs' documented double slash: https://communication.azure.com//.default.</remarks>
        public string? ScopeFor(AcsTeamsService service)
        {
            var resource = ResourceFor(service);
            return resource is null ? null : resource + "/.default";
        }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
