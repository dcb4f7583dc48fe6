using System.Text;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Appends one line per emulated-service request to a file shared by every emulator of a test run, so the build can
/// check that each request the module sent is in docs/CONTRACTS.md. Line format (tab-separated, UTF-8):
/// <c>&lt;service&gt;\t&lt;METHOD&gt;\t&lt;path template&gt;</c>, e.g. <c>graph	GET	/v1.0/users/{user}/onlineMeetings/{meeting}</c>.
/// The path is the real service's path (the emulator's own prefixes <c>/teams</c>, <c>/arm</c> removed), without the
/// query, with ids and names replaced by <c>{…}</c> — so no identifier, secret or token ever reaches the file.
/// Control-API requests are never written. Several processes append concurrently: each line is written with one
/// append-mode write (O_APPEND keeps lines whole) and retried when another process holds the file.
/// </summary>
internal sealed partial class ContractLog(string path)
{
    /// <summary>Environment variable that names the file (the <c>--contract-log</c> option wins).</summary>
    public const string EnvironmentVariable = "ACSTS_EMULATOR_CONTRACT_LOG";

    private readonly object _gate = new();

    /// <summary>After these segments the next one is an id or a name.</summary>
    private static readonly Dictionary<string, string> Collections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["users"] = "{user}",
        ["onlineMeetings"] = "{meeting}",
        ["userConfigurations"] = "{user}",
        ["identities"] = "{identity}",
        ["subscriptions"] = "{subscription}",
        ["resourceGroups"] = "{resourceGroup}",
        ["communicationServices"] = "{name}",
        ["diagnosticSettings"] = "{setting}",
        ["configuration"] = "{identity}",
        ["groups"] = "{group}",
        ["policies"] = "{type}",
    };

    public static ContractLog? Create(string? optionPath)
    {
        var p = optionPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(p) ? null : new ContractLog(Path.GetFullPath(p));
    }

    /// <summary>Writes one request; <paramref name="serviceName"/> as in the request log ("graph", "acs"…).</summary>
    public void Add(string serviceName, string method, string rawPath)
    {
        if (!ServiceClassifier.TryParse(serviceName, out var parsed) || parsed is not { } service || service == EmulatorService.Control)
        {
            return;
        }

        var line = $"{ServiceClassifier.Name(service)}\t{method.ToUpperInvariant()}\t{Template(service, rawPath)}\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                try
                {
                    using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                    stream.Write(bytes);
                    return;
                }
                catch (IOException)
                {
                    Thread.Sleep(5);
                }
            }
        }
    }

    /// <summary>The route template of a request path (public for the emulator's tests and the docs).</summary>
    public static string Template(EmulatorService service, string rawPath)
    {
        var path = rawPath;
        var q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            path = path[..q];
        }

        path = service switch
        {
            EmulatorService.Teams => StripPrefix(path, "/teams"),
            EmulatorService.Arm => StripPrefix(path, "/arm"),
            EmulatorService.Compliance => StripPrefix(path, "/compliance"),
            EmulatorService.Exchange => StripPrefix(path, "/exchange"),
            // The module reaches managed identity through an endpoint URL it is given (IMDS, App Service, Arc…).
            EmulatorService.Msi => "{IDENTITY_ENDPOINT}",
            _ => path,
        };
        if (service == EmulatorService.Msi)
        {
            return path;
        }

        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var s = Uri.UnescapeDataString(segments[i]);
            if (service == EmulatorService.Entra && i == 1 && segments.Length > 2)
            {
                segments[i] = "{tenant}";
            }
            else if (Collections.TryGetValue(Uri.UnescapeDataString(segments[i - 1]), out var name) && s.Length > 0 && !s.StartsWith(':'))
            {
                segments[i] = name;
            }
            else if (s.Contains('(', StringComparison.Ordinal))
            {
                // OData function parameters: getPolicyId(type='X',name='Y') -> getPolicyId(type='{}',name='{}')
                segments[i] = QuotedValue().Replace(s, "'{}'");
            }
            else if (Guid.TryParse(s, out _) || s.Contains('@', StringComparison.Ordinal) || (s.Contains(':', StringComparison.Ordinal) && !s.StartsWith(':')))
            {
                segments[i] = "{id}";
            }
            else
            {
                segments[i] = s;
            }
        }

        var result = string.Join('/', segments);
        return result.Length == 0 ? "/" : result;
    }

    private static string StripPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? (path.Length == prefix.Length ? "/" : path[prefix.Length..]) : path;

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedValue();
}
