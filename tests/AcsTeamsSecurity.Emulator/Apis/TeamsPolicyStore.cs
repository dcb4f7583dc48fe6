using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Teams admin configuration instances per tenant, seeded lazily from <see cref="TeamsPolicyDefaults"/> plus the
/// tenant fixture's optional <c>"teams"</c> section: <c>{"teams":{"TeamsMeetingPolicy":[{"Identity":"Tag:X", ...}]}}</c>.
/// Instances are JSON objects with PascalCase properties; readers get deep copies.
/// </summary>
internal sealed class TeamsPolicyStore
{
    private readonly ConcurrentDictionary<string, TenantTeamsState> _tenants = new(StringComparer.OrdinalIgnoreCase);

    public TeamsPolicyStore(FixtureStore fixtures) => fixtures.Replaced += Clear;

    public TenantTeamsState For(TenantFixture tenant) => _tenants.GetOrAdd(tenant.Id, _ => TenantTeamsState.Seed(tenant));

    public void Clear() => _tenants.Clear();
}

/// <summary>One tenant's configuration instances, by configuration type.</summary>
internal sealed class TenantTeamsState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _byType = new(StringComparer.OrdinalIgnoreCase);

    public static TenantTeamsState Seed(TenantFixture tenant)
    {
        var state = new TenantTeamsState();
        foreach (var (type, factory) in TeamsPolicyDefaults.GlobalFactories)
        {
            var global = factory();
            global["Key"] = TeamsPolicyDefaults.Key(type, "Global");
            state._byType[type] = [global];
        }

        if (tenant.Extra?["teams"] is JsonObject teams)
        {
            foreach (var (type, node) in teams)
            {
                if (node is not JsonArray instances)
                {
                    continue;
                }

                foreach (var instance in instances.OfType<JsonObject>())
                {
                    var identity = NormalizeIdentity(instance["Identity"]?.GetValue<string>() ?? "Global");
                    var existing = state.Get(type, identity);
                    var target = existing ?? CreateFromDefaults(type, identity);
                    foreach (var (name, value) in instance)
                    {
                        Set(target, name == "Identity" ? "Identity" : name, name == "Identity" ? identity : value?.DeepClone());
                    }

                    state.Upsert(type, target);
                }
            }
        }

        return state;
    }

    public bool KnowsType(string type)
    {
        lock (_gate)
        {
            return _byType.ContainsKey(type);
        }
    }

    public IReadOnlyList<JsonObject> List(string type)
    {
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var list) ? [.. list.Select(i => (JsonObject)i.DeepClone())] : [];
        }
    }

    public JsonObject? Get(string type, string identity)
    {
        identity = NormalizeIdentity(identity);
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var list)
                ? list.Find(i => string.Equals(i["Identity"]?.GetValue<string>(), identity, StringComparison.OrdinalIgnoreCase))?.DeepClone() as JsonObject
                : null;
        }
    }

    /// <summary>Adds or replaces the instance with the same Identity.</summary>
    public void Upsert(string type, JsonObject instance)
    {
        var identity = NormalizeIdentity(instance["Identity"]?.GetValue<string>() ?? "Global");
        instance["Identity"] = identity;
        instance["Key"] ??= TeamsPolicyDefaults.Key(type, identity);
        lock (_gate)
        {
            if (!_byType.TryGetValue(type, out var list))
            {
                list = [];
                _byType[type] = list;
            }

            var index = list.FindIndex(i => string.Equals(i["Identity"]?.GetValue<string>(), identity, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                list[index] = instance;
            }
            else
            {
                list.Add(instance);
            }
        }
    }

    public bool Remove(string type, string identity)
    {
        identity = NormalizeIdentity(identity);
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var list) &&
                   list.RemoveAll(i => string.Equals(i["Identity"]?.GetValue<string>(), identity, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    /// <summary>"Global" stays "Global"; "Name" becomes "Tag:Name"; "Tag:Name" is kept.</summary>
    public static string NormalizeIdentity(string identity)
    {
        if (identity.Equals("Global", StringComparison.OrdinalIgnoreCase))
        {
            return "Global";
        }

        return identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? "Tag:" + identity[4..] : "Tag:" + identity;
    }

    private static JsonObject CreateFromDefaults(string type, string identity)
    {
        // New instances start from the documented defaults, like New-Cs*Policy.
        var created = TeamsPolicyDefaults.GlobalFactories.TryGetValue(type, out var factory) ? factory() : new JsonObject();
        created["Identity"] = identity;
        created["Key"] = TeamsPolicyDefaults.Key(type, identity);
        return created;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        var existing = target.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        target[existing ?? name] = value;
    }
}
