using System.Globalization;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>Parsed command line. Two modes: serve (default) and <c>--init-ca &lt;dir&gt;</c>.</summary>
internal sealed class CommandLineOptions
{
    public const string Usage =
        "Usage:\n" +
        "  dotnet AcsTeamsSecurity.Emulator.dll --fixtures <file.json> --ca-dir <dir> [--port 0] [--ready-file <path>] [--contract-log <path>] [--contract-variant <report.json>]\n" +
        "  dotnet AcsTeamsSecurity.Emulator.dll --init-ca <dir>";

    public string? FixturesPath { get; private set; }

    public string? CaDir { get; private set; }

    public int Port { get; private set; }

    public string? ReadyFile { get; private set; }

    public string? InitCaDir { get; private set; }

    /// <summary>File that every request's method and path template is appended to (else $ACSTS_EMULATOR_CONTRACT_LOG).</summary>
    public string? ContractLog { get; private set; }

    /// <summary>A contract report to serve as the emulator's mode (else $ACSTS_EMULATOR_CONTRACT_VARIANT); see ContractVariant.</summary>
    public string? ContractVariant { get; private set; }

    public static CommandLineOptions Parse(string[] args, out string? error)
    {
        var o = new CommandLineOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? Next()
            {
                if (i + 1 >= args.Length)
                {
                    return null;
                }

                i++;
                return args[i];
            }

            switch (name)
            {
                case "--fixtures":
                    o.FixturesPath = Next();
                    break;
                case "--ca-dir":
                    o.CaDir = Next();
                    break;
                case "--ready-file":
                    o.ReadyFile = Next();
                    break;
                case "--contract-log":
                    o.ContractLog = Next();
                    if (o.ContractLog is null)
                    {
                        error = "--contract-log needs a file path.";
                        return o;
                    }

                    break;
                case "--contract-variant":
                    o.ContractVariant = Next();
                    if (o.ContractVariant is null)
                    {
                        error = "--contract-variant needs a file path.";
                        return o;
                    }

                    break;
                case "--init-ca":
                    o.InitCaDir = Next();
                    if (o.InitCaDir is null)
                    {
                        error = "--init-ca needs a directory.";
                        return o;
                    }

                    break;
                case "--port":
                    var p = Next();
                    if (p is null || !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        error = "--port needs a number between 0 and 65535.";
                        return o;
                    }

                    o.Port = port;
                    break;
                default:
                    error = $"Unknown argument '{name}'.";
                    return o;
            }
        }

        if (o.InitCaDir is null && o.CaDir is null)
        {
            error = "--ca-dir is required.";
        }

        return o;
    }
}
