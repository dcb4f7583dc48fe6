using System.Management.Automation;
using AcsTeamsSecurity.HelpBuilder.Maml;
using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;
using PowerShell = System.Management.Automation.PowerShell;

namespace AcsTeamsSecurity.HelpBuilder.Tests;

/// <summary>
/// End to end: the MAML written for <see cref="Sample.Markdown"/> is what a real Get-Help reads. This test assembly is
/// imported as the binary module; Get-Help looks for <c>HelpBuilder.Tests.dll-Help.xml</c> in its <c>en-US</c> folder.
/// </summary>
public sealed class GetHelpTests
{
    private static readonly Lazy<string> ModulePath = new(() =>
    {
        var module = typeof(ConnectHelpProbeCommand).Assembly.Location;
        var help = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(module)!, "en-US"));
        MamlWriter.Write([HelpParser.Parse(Sample.Markdown, "Connect-HelpProbe.md")], Path.Combine(help.FullName, "HelpBuilder.Tests.dll-Help.xml"));
        return module;
    });

    private static string Invoke(string script)
    {
        using var powerShell = PowerShell.Create();
        powerShell.AddScript($"Import-Module '{ModulePath.Value}'; {script} | Out-String -Width 200");
        var result = string.Concat(powerShell.Invoke().Select(o => o.ToString()));
        Assert.False(powerShell.HadErrors, string.Join('\n', powerShell.Streams.Error));
        return result.ReplaceLineEndings("\n");
    }

    [Fact]
    public void FullHelpShowsEverySection()
    {
        var help = Invoke("Get-Help Connect-HelpProbe -Full");

        Assert.Contains("Connects to the probe tenant & keeps the <context>.", help, StringComparison.Ordinal);
        Assert.Contains("The Connect-HelpProbe cmdlet signs in with Azure.Identity and stores the context for later cmdlets.", help, StringComparison.Ordinal);
        Assert.Contains("- certificates from the CurrentUser\\My store", help, StringComparison.Ordinal);
        Assert.Contains("Connect-HelpProbe [-TenantId] <String> -ClientId <String> -ClientSecret <SecureString> [-Environment {Public | USGov}] [-PassThru] [<CommonParameters>]", help, StringComparison.Ordinal);
        Assert.Contains("Connect-HelpProbe [-TenantId] <String> [-ClientId <String>] -CertificateThumbprint <String> [-Environment {Public | USGov}] [-PassThru] [<CommonParameters>]", help, StringComparison.Ordinal);
        Assert.Contains("-ClientSecret <SecureString>\n        The client secret.", help, StringComparison.Ordinal);
        Assert.Contains("-PassThru [<SwitchParameter>]\n        Returns the new context.", help, StringComparison.Ordinal);
        Assert.Contains("AcsTeamsSecurity.Models.AcsTeamsSecurityContext\n        Only with -PassThru.", help, StringComparison.Ordinal);
        Assert.Contains("The context lives as long as the session.", help, StringComparison.Ordinal);
        Assert.Contains("REQUIRED PERMISSIONS", help, StringComparison.Ordinal);
        Assert.Contains("Entra role   Teams Administrator", help, StringComparison.Ordinal);
        Assert.Contains("----------- Example 1: Connect with a client secret -----------", help, StringComparison.Ordinal);
        Assert.Contains("PS> $secret = Read-Host -AsSecureString", help, StringComparison.Ordinal);
        Assert.Contains("Uses a certificate.", help, StringComparison.Ordinal);
        Assert.Contains("About probes https://example.org/about", help, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterHelpShowsMetadata()
    {
        var help = Invoke("Get-Help Connect-HelpProbe -Parameter TenantId");

        Assert.Contains("-TenantId <String>\n    The tenant, as a GUID or a domain name.", help, StringComparison.Ordinal);
        Assert.Matches(@"Required\?\s+true", help);
        Assert.Matches(@"Position\?\s+0", help);
        Assert.Matches(@"Accept pipeline input\?\s+True \(ByPropertyName\)", help);
        Assert.Matches(@"Aliases\s+Tenant, Domain", help);
    }

    [Fact]
    public void ExamplesViewShowsCodeAndRemarks()
    {
        var help = Invoke("Get-Help Connect-HelpProbe -Examples");

        Assert.Contains("PS> Connect-HelpProbe contoso -CertificateThumbprint ABC | Where-Object { $_.Id -gt 1 -and $_.Name -ne \"a&b\" }", help, StringComparison.Ordinal);
        Assert.Contains("Connects using a secret.", help, StringComparison.Ordinal);
    }

    /// <summary>What the module's help-versus-code test does: the parsed model against the cmdlet's metadata.</summary>
    [Fact]
    public void ParsedHelpAgreesWithTheCmdlet()
    {
        var help = HelpParser.Parse(Sample.Markdown, "Connect-HelpProbe.md");
        var cmdlet = new CmdletInfo("Connect-HelpProbe", typeof(ConnectHelpProbeCommand));

        var codeParameters = cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name)).ToList();
        Assert.Equal(codeParameters.Select(p => p.Name).Order(), help.Parameters.Select(p => p.Name).Order());
        Assert.Equal(cmdlet.ParameterSets.Select(s => s.Name).Order(), help.ParameterSetNames.Order());
        Assert.Equal(cmdlet.DefaultParameterSet, help.Syntax.Single(s => s.IsDefault).ParameterSetName);
        foreach (var code in codeParameters)
        {
            var documented = help.FindParameter(code.Name)!;
            Assert.Equal(code.ParameterType.Name, documented.IsSwitch ? nameof(SwitchParameter) : documented.Type);
            foreach (var (set, metadata) in code.ParameterSets)
            {
                Assert.True(documented.IsInParameterSet(set), $"-{code.Name} in {set}");
                foreach (var syntax in help.Syntax.Where(s => set == ParameterHelp.AllParameterSets || s.ParameterSetName == set))
                {
                    Assert.True(metadata.IsMandatory == documented.IsRequiredIn(syntax.ParameterSetName), $"-{code.Name} required in {syntax.ParameterSetName}");
                }

                var pipeline = (metadata.ValueFromPipeline ? PipelineInput.ByValue : PipelineInput.None) |
                    (metadata.ValueFromPipelineByPropertyName ? PipelineInput.ByPropertyName : PipelineInput.None);
                Assert.Equal(pipeline, documented.PipelineInput);
            }
        }
    }

    private static readonly HashSet<string> CommonParameters =
        [.. Cmdlet.CommonParameters, .. Cmdlet.OptionalCommonParameters];
}
