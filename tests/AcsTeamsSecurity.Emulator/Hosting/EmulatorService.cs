namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// Which emulated service a request belongs to: ACS by the port it arrived on (each ACS resource has its own port, see
/// <see cref="AcsEndpoints"/>), everything else by path prefix on the main port.
/// </summary>
internal enum EmulatorService
{
    Entra,
    Msi,
    Graph,
    Teams,
    Arm,
    Acs,
    Control,
    Compliance,
    Exchange,
}

internal static class ServiceClassifier
{
    /// <summary>The ACS port pool of this process (set once by the host).</summary>
    public static AcsEndpoints? AcsPorts { get; set; }

    public static EmulatorService Classify(HttpContext context)
    {
        if (AcsPorts is { } acs && acs.IsAcsPort(context.Connection.LocalPort))
        {
            return EmulatorService.Acs;
        }

        return Classify(context.Request.Path);
    }

    public static EmulatorService Classify(PathString path)
    {
        var p = path.Value ?? "/";
        if (StartsWithSegment(p, "/_emulator"))
        {
            return EmulatorService.Control;
        }

        if (StartsWithSegment(p, "/msi") || StartsWithSegment(p, "/metadata/identity"))
        {
            return EmulatorService.Msi;
        }

        if (StartsWithSegment(p, "/v1.0") || StartsWithSegment(p, "/beta"))
        {
            return EmulatorService.Graph;
        }

        if (StartsWithSegment(p, "/teams"))
        {
            return EmulatorService.Teams;
        }

        if (StartsWithSegment(p, "/arm"))
        {
            return EmulatorService.Arm;
        }

        if (StartsWithSegment(p, "/compliance"))
        {
            return EmulatorService.Compliance;
        }

        if (StartsWithSegment(p, "/exchange"))
        {
            return EmulatorService.Exchange;
        }

        // Entra lives at the root because MSAL drops any path in AuthorityHost (toolchain.md §5).
        return EmulatorService.Entra;
    }

    public static string Name(EmulatorService service) => service switch
    {
        EmulatorService.Entra => "entra",
        EmulatorService.Msi => "msi",
        EmulatorService.Graph => "graph",
        EmulatorService.Teams => "teams",
        EmulatorService.Arm => "arm",
        EmulatorService.Acs => "acs",
        EmulatorService.Compliance => "compliance",
        EmulatorService.Exchange => "exchange",
        _ => "control",
    };

    public static bool TryParse(string? name, out EmulatorService? service)
    {
        service = null;
        switch (name?.ToUpperInvariant())
        {
            case null or "" or "ANY":
                return true;
            case "ENTRA":
                service = EmulatorService.Entra;
                return true;
            case "MSI":
                service = EmulatorService.Msi;
                return true;
            case "GRAPH":
                service = EmulatorService.Graph;
                return true;
            case "TEAMS":
                service = EmulatorService.Teams;
                return true;
            case "ARM":
                service = EmulatorService.Arm;
                return true;
            case "ACS":
                service = EmulatorService.Acs;
                return true;
            case "COMPLIANCE":
                service = EmulatorService.Compliance;
                return true;
            case "EXCHANGE":
                service = EmulatorService.Exchange;
                return true;
            default:
                return false;
        }
    }

    private static bool StartsWithSegment(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
        (path.Length == prefix.Length || path[prefix.Length] == '/');
}
