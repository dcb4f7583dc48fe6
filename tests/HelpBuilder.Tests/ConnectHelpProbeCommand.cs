using System.Management.Automation;
using System.Security;

namespace AcsTeamsSecurity.HelpBuilder.Tests;

/// <summary>The cmdlet <see cref="Sample.Markdown"/> documents; GetHelpTests imports this assembly as a binary module.</summary>
[Cmdlet(VerbsCommunications.Connect, "HelpProbe", DefaultParameterSetName = ClientSecretSet)]
public sealed class ConnectHelpProbeCommand : PSCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CertificateSet = "Certificate";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Tenant", "Domain")]
    public string TenantId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(ParameterSetName = CertificateSet)]
    public string ClientId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    public SecureString? ClientSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string CertificateThumbprint { get; set; } = string.Empty;

    [Parameter]
    [ValidateSet("Public", "USGov")]
    [SupportsWildcards]
    public string Environment { get; set; } = "Public";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => WriteObject(TenantId);
}
