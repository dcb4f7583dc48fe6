using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// Gives each ACS resource its own HTTPS port, so its endpoint has no path (<c>https://127.0.0.1:&lt;port&gt;/</c>), as a
/// real endpoint (<c>https://&lt;name&gt;.communication.azure.com/</c>) has none: Microsoft's SDKs reject an endpoint
/// with a path. Kestrel binds a fixed pool of ports at start (one per resource in the start fixtures plus
/// <see cref="Spare"/>); resources that appear in fixtures loaded later take a free port of the pool, and resources that
/// disappear give theirs back. (<c>&lt;name&gt;.localhost</c> host names were not used: neither glibc here nor Node
/// resolves them.)
/// </summary>
internal sealed class AcsEndpoints(FixtureStore fixtures)
{
    /// <summary>Ports bound beyond the start fixtures' resources, for fixtures loaded through the control API.</summary>
    public const int Spare = 4;

    private readonly object _gate = new();
    private readonly List<int> _ports = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many ports to bind for the start fixtures.</summary>
    public static int PoolSize(FixtureStore fixtures) => fixtures.Tenants.Sum(t => t.AcsResources.Count) + Spare;

    /// <summary>Records the ports Kestrel bound (called once, after start).</summary>
    public void SetPorts(IEnumerable<int> ports)
    {
        lock (_gate)
        {
            _ports.Clear();
            _ports.AddRange(ports);
            SyncLocked();
        }
    }

    public bool IsAcsPort(int port)
    {
        lock (_gate)
        {
            return _ports.Contains(port);
        }
    }

    /// <summary>The resource served on a port, or null (a pool port no resource holds).</summary>
    public string? NameFor(int port)
    {
        lock (_gate)
        {
            SyncLocked();
            foreach (var pair in _byName)
            {
                if (pair.Value == port)
                {
                    return pair.Key;
                }
            }

            return null;
        }
    }

    /// <summary>Every resource with its endpoint, <c>https://127.0.0.1:&lt;port&gt;/</c> (trailing slash, as ARM's hostName-based endpoints).</summary>
    public IReadOnlyDictionary<string, string> Endpoints()
    {
        lock (_gate)
        {
            SyncLocked();
            return _byName.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(p => p.Key, p => $"https://127.0.0.1:{p.Value}/", StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary><c>{"&lt;name&gt;": "https://127.0.0.1:&lt;port&gt;/"}</c> for the ready file and <c>/_emulator/info</c>.</summary>
    public System.Text.Json.Nodes.JsonObject ToJson()
    {
        var o = new System.Text.Json.Nodes.JsonObject();
        foreach (var pair in Endpoints())
        {
            o[pair.Key] = pair.Value;
        }

        return o;
    }

    private void SyncLocked()
    {
        var names = fixtures.Tenants.SelectMany(t => t.AcsResources).Select(r => r.Name).ToList();
        foreach (var gone in _byName.Keys.Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            _byName.Remove(gone);
        }

        foreach (var name in names.Where(n => !_byName.ContainsKey(n)))
        {
            var free = _ports.FirstOrDefault(p => !_byName.ContainsValue(p));
            if (free == 0)
            {
                break; // pool exhausted: the resource has no endpoint (docs/EMULATOR.md says so)
            }

            _byName[name] = free;
        }
    }
}
