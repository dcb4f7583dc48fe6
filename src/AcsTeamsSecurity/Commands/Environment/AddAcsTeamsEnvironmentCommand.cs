using System;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Environment
{
    /// <summary>
    /// <para type="synopsis">Registers a custom cloud (private endpoints, a proxy front end, or a test emulator).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AcsTeamsEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AcsTeamsEnvironment))]
    public sealed class AddAcsTeamsEnvironmentCommand : AcsTeamsCmdlet
    {
        /// <summary>The name to use with Connect-AcsTeamsSecurity -Environment.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
        public string Name { get; set; } = string.Empty;

        /// <summary>The Entra ID authority host (https).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri? AuthorityHost { get; set; }

        /// <summary>Microsoft Graph's base URL, without /v1.0. Omit when Graph is not available.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? GraphEndpoint { get; set; }

        /// <summary>The Teams tenant admin API's base URL. Omit when it is not available.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? TeamsAdminEndpoint { get; set; }

        /// <summary>Azure Resource Manager's base URL. Omit when ARM is not available.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? ArmEndpoint { get; set; }

        /// <summary>The resource Graph tokens are requested for; default from -BasedOn.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GraphResource { get; set; }

        /// <summary>The resource Teams admin tokens are requested for; default from -BasedOn.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TeamsAdminResource { get; set; }

        /// <summary>The resource ARM tokens are requested for; default from -BasedOn.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ArmResource { get; set; }

        /// <summary>The resource ACS tokens are requested for; default from -BasedOn.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AcsResource { get; set; }

        /// <summary>The environment (built-in or custom) whose token resources are used for those not given, and whose API availability (for example Graph's Teams user configurations, global-only) the new one has (default Global). Endpoints are never copied.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string BasedOn { get; set; } = "Global";

        /// <summary>Security &amp; Compliance PowerShell base URL (Microsoft Purview DLP reads), e.g. https://ps.compliance.protection.outlook.com.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? ComplianceEndpoint { get; set; }

        /// <summary>Resource for Security &amp; Compliance tokens (default: the BasedOn environment's).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ComplianceResource { get; set; }

        /// <summary>Exchange Online admin base URL (Customer Key policy reads), e.g. https://outlook.office365.com.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? ExchangeEndpoint { get; set; }

        /// <summary>Resource for Exchange Online tokens (default: the BasedOn environment's).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExchangeResource { get; set; }

        /// <summary>Replace a custom environment of the same name.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var template = EnvironmentRegistry.Get(BasedOn);
            var environment = new AcsTeamsEnvironment(
                Name,
                RequireHttps(AuthorityHost, nameof(AuthorityHost))!,
                RequireHttps(GraphEndpoint, nameof(GraphEndpoint)),
                GraphResource ?? template.GraphResource,
                RequireHttps(TeamsAdminEndpoint, nameof(TeamsAdminEndpoint)),
                TeamsAdminResource ?? template.TeamsAdminResource,
                RequireHttps(ArmEndpoint, nameof(ArmEndpoint)),
                ArmResource ?? template.ArmResource,
                AcsResource ?? template.AcsResource,
                isBuiltIn: false,
                notes: $"Custom environment (token resources and API availability from {template.Name}).",
                teamsUserConfigurations: template.TeamsUserConfigurations,
                complianceEndpoint: RequireHttps(ComplianceEndpoint, nameof(ComplianceEndpoint)),
                complianceResource: ComplianceResource ?? template.ComplianceResource,
                exchangeEndpoint: RequireHttps(ExchangeEndpoint, nameof(ExchangeEndpoint)),
                exchangeResource: ExchangeResource ?? template.ExchangeResource);

            if (!Force && EnvironmentRegistry.TryGet(Name, out _) && !EnvironmentRegistry.IsBuiltInName(Name))
            {
                throw ErrorFactory.EnvironmentExists(Strings.EnvironmentExists_AnEnvironmentNamedAlready, Name).With(target: Name);
            }

            if (EnvironmentRegistry.IsBuiltInName(Name))
            {
                throw ErrorFactory.EnvironmentBuiltIn(Strings.EnvironmentBuiltIn_IsABuiltInEnvironment, Name).With(target: Name);
            }

            if (ShouldProcess(Name, Force && EnvironmentRegistry.TryGet(Name, out _) ? Strings.Action_ReplaceEnvironment : Strings.Action_RegisterEnvironment))
            {
                EnvironmentRegistry.Add(environment, Force);
                WriteObject(environment);
            }
        }

        private static Uri? RequireHttps(Uri? uri, string parameter)
        {
            if (uri is null)
            {
                return null;
            }

            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
            {
                throw ErrorFactory.EnvironmentEndpointInvalid(Strings.EnvironmentEndpointInvalid_MustBeAnAbsolute, parameter, uri).With(target: uri);
            }

            return uri;
        }
    }
}
