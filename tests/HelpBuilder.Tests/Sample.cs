namespace AcsTeamsSecurity.HelpBuilder.Tests;

/// <summary>A complete, valid help file for <see cref="ConnectHelpProbeCommand"/>, and helpers to break it.</summary>
internal static class Sample
{
    public const string CommandName = "Connect-HelpProbe";

    public const string Markdown = """
        ---
        external help file: HelpBuilder.Tests.dll-Help.xml
        Module Name: HelpBuilder.Tests
        online version: https://example.org/connect-helpprobe
        schema: 2.0.0
        ---

        # Connect-HelpProbe

        ## SYNOPSIS
        Connects to the probe tenant & keeps the <context>.

        ## SYNTAX

        ### ClientSecret (Default)
        ```
        Connect-HelpProbe [-TenantId] <String> -ClientId <String> -ClientSecret <SecureString> [-Environment <String>] [-PassThru] [<CommonParameters>]
        ```

        ### Certificate
        ```
        Connect-HelpProbe [-TenantId] <String> [-ClientId <String>] -CertificateThumbprint <String> [-Environment <String>] [-PassThru] [<CommonParameters>]
        ```

        ## DESCRIPTION
        The **Connect-HelpProbe** cmdlet signs in with `Azure.Identity`
        and stores the *context* for later cmdlets.

        It supports:

        - client secrets
        - certificates from the `CurrentUser\My` store

        ## EXAMPLES

        ### Example 1: Connect with a client secret
        ```powershell
        PS> $secret = Read-Host -AsSecureString
        PS> Connect-HelpProbe -TenantId contoso.onmicrosoft.com -ClientId 1 -ClientSecret $secret
        ```

        Connects using a secret.

        ### Example 2: Connect with a certificate
        ```powershell
        PS> Connect-HelpProbe contoso -CertificateThumbprint ABC | Where-Object { $_.Id -gt 1 -and $_.Name -ne "a&b" }
        ```

        Uses a certificate.

        ## PARAMETERS

        ### -TenantId
        The tenant, as a GUID or a domain name.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases: Tenant, Domain

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -ClientId
        The application (client) id.

        ```yaml
        Type: String
        Parameter Sets: ClientSecret, Certificate
        Aliases:

        Required: True (ClientSecret), False (Certificate)
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -ClientSecret
        The client secret.

        ```yaml
        Type: SecureString
        Parameter Sets: ClientSecret
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -CertificateThumbprint
        The certificate thumbprint.

        ```yaml
        Type: String
        Parameter Sets: Certificate
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByValue, ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Environment
        The cloud to sign in to.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases:
        Accepted values: Public, USGov

        Required: False
        Position: Named
        Default value: Public
        Accept pipeline input: False
        Accept wildcard characters: True
        ```

        ### -PassThru
        Returns the new context.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

        ## INPUTS

        ### System.String
        The tenant id, by property name.

        ## OUTPUTS

        ### AcsTeamsSecurity.Models.AcsTeamsSecurityContext
        Only with -PassThru.

        ## NOTES
        The context lives as long as the session.

        ## REQUIRED PERMISSIONS
        The app registration needs:

        | Kind | Permission |
        | --- | --- |
        | Application | User.Read.All |
        | Entra role | Teams Administrator |

        ## RELATED LINKS

        [Disconnect-HelpProbe](Disconnect-HelpProbe.md)

        [About probes](https://example.org/about)
        """;

    /// <summary>The 1-based line of the first line of <see cref="Markdown"/> that starts with <paramref name="start"/>.</summary>
    public static int LineOf(string start, string markdown = Markdown)
    {
        var lines = markdown.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimEnd('\r').StartsWith(start, StringComparison.Ordinal));
        Assert.True(index >= 0, $"sample has no line starting with '{start}'");
        return index + 1;
    }

    /// <summary>The sample with one exact piece of text replaced (fails if the text is not there).</summary>
    public static string With(string oldText, string newText)
    {
        Assert.Contains(oldText, Markdown, StringComparison.Ordinal);
        return Markdown.Replace(oldText, newText, StringComparison.Ordinal);
    }

    /// <summary>The sample with the section <c>## name</c> (heading and body) removed.</summary>
    public static string Without(string section)
    {
        var start = Markdown.IndexOf("## " + section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"sample has no section {section}");
        var end = Markdown.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? Markdown[..start] : Markdown.Remove(start, end + 1 - start);
    }

    /// <summary>A fresh temp folder holding <c>Connect-HelpProbe.md</c> (with <paramref name="markdown"/>) and an about topic.</summary>
    public static string WriteSource(string markdown = Markdown)
    {
        var folder = Path.Combine(Path.GetTempPath(), "helpbuilder-tests", Guid.NewGuid().ToString("N"), "en-US");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, CommandName + ".md"), markdown);
        File.WriteAllText(Path.Combine(folder, "about_HelpProbe.help.txt"), "TOPIC\n    about_HelpProbe\n");
        return folder;
    }
}
