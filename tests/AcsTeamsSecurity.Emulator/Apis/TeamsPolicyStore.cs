using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Teams admin configuration instances and Teams policy assignments per tenant, seeded lazily from
/// <see cref="TeamsPolicyDefaults"/> plus the tenant fixture (<c>teams</c> section, <c>users[].teamsPolicies</c>,
/// <c>groups</c>). State is dropped when fixtures are replaced, merged or reset.
/// </summary>
internal sealed class TeamsPolicyStore
{
    private readonly ConcurrentDictionary<string, TenantTeamsState> _tenants = new(StringComparer.OrdinalIgnoreCase);

    public TeamsPolicyStore(FixtureStore fixtures) => fixtures.Replaced += Clear;

    public TenantTeamsState For(TenantFixture tenant) => _tenants.GetOrAdd(tenant.Id, _ => TenantTeamsState.Seed(tenant));

    /// <summary>How writes are answered (control API); back to the defaults whenever the state is dropped.</summary>
    public TeamsWriteBehavior Writes { get; } = new();

    public void Clear()
    {
        _tenants.Clear();
        Writes.Reset();
    }
}

/// <summary>A Teams part of a fixture that is not valid (reported as a fixture error).</summary>
internal sealed class TeamsFixtureException(string message) : Exception(message);

/// <summary>Where a user's policy of one type comes from.</summary>
internal sealed record EffectiveAssignment(string PolicyType, string Identity, string AssignmentType, string? GroupId);

/// <summary>Outcome of a PATCH on an instance.</summary>
internal enum PatchOutcome
{
    Updated,
    NotFound,
    PreconditionFailed,
}

/// <summary>A property-level validation failure (PATCH 400 or fixture error).</summary>
internal sealed record PropertyError(string Code, string Message, string? Target);

/// <summary>One tenant's configuration instances (by type) and policy assignments.</summary>
internal sealed class TenantTeamsState
{
    private static readonly Dictionary<string, string> FixtureSections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["meetingPolicies"] = TeamsPolicyDefaults.TeamsMeetingPolicy,
        ["externalAccessPolicies"] = TeamsPolicyDefaults.ExternalAccessPolicy,
        ["acsFederation"] = TeamsPolicyDefaults.TeamsAcsFederationConfiguration,
        ["meetingConfiguration"] = TeamsPolicyDefaults.TeamsMeetingConfiguration,
        ["tenantFederation"] = TeamsPolicyDefaults.TenantFederationSettings,
        ["meetingBroadcastPolicies"] = TeamsPolicyDefaults.TeamsMeetingBroadcastPolicy,
    };

    private readonly object _gate = new();
    private readonly string _tenantId;
    private readonly Dictionary<string, List<Instance>> _byType = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> _direct = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GroupAssignment> _groups = [];
    private long _version;

    private TenantTeamsState(string tenantId) => _tenantId = tenantId;

    /// <summary>Builds the tenant's state; throws <see cref="TeamsFixtureException"/> for invalid fixture content.</summary>
    public static TenantTeamsState Seed(TenantFixture tenant)
    {
        var state = new TenantTeamsState(tenant.Id);
        foreach (var type in TeamsPolicyDefaults.Types.Values)
        {
            var global = type.CreateGlobal();
            global["Key"] = TeamsPolicyDefaults.Key(type.Name, "Global");
            state._byType[type.Name] = [new Instance(global, ++state._version)];
        }

        if (tenant.Extra is { } extra && extra.FirstOrDefault(p => p.Key.Equals("teams", StringComparison.OrdinalIgnoreCase)).Value is { } teams)
        {
            if (teams is not JsonObject sections)
            {
                throw new TeamsFixtureException("'teams' must be an object.");
            }

            foreach (var (key, node) in sections)
            {
                if (key.StartsWith('$'))
                {
                    continue;
                }

                // Documented section names, or (older fixtures) the configuration type name itself.
                var typeName = FixtureSections.TryGetValue(key, out var mapped) ? mapped : key;
                var type = TeamsPolicyDefaults.Find(typeName)
                    ?? throw new TeamsFixtureException($"teams.{key}: unknown section (use meetingPolicies, externalAccessPolicies, acsFederation, meetingConfiguration or tenantFederation).");
                var instances = node switch
                {
                    JsonArray array => array.ToList(),
                    JsonObject one => [one],
                    null => [],
                    _ => throw new TeamsFixtureException($"teams.{key}: must be an object or an array of objects."),
                };
                foreach (var instance in instances)
                {
                    if (instance is not JsonObject overrides)
                    {
                        throw new TeamsFixtureException($"teams.{key}: every instance must be an object.");
                    }

                    state.ApplyFixtureInstance(type, key, overrides);
                }
            }
        }

        state.SeedAssignments(tenant);
        return state;
    }

    public IReadOnlyList<JsonObject> List(string type)
    {
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var list) ? [.. list.Select(i => (JsonObject)i.Body.DeepClone())] : [];
        }
    }

    /// <summary>A copy of the instance, or null.</summary>
    public JsonObject? Get(string type, string identity) => GetWithVersion(type, identity)?.Body;

    /// <summary>A copy of the instance and its version (the ETag value), or null.</summary>
    public (JsonObject Body, long Version)? GetWithVersion(string type, string identity)
    {
        identity = NormalizeIdentity(identity);
        lock (_gate)
        {
            var found = Find(type, identity);
            return found is null ? null : ((JsonObject)found.Body.DeepClone(), found.Version);
        }
    }

    /// <summary>
    /// Applies already validated, canonical <paramref name="changes"/> when <paramref name="ifMatch"/> (null = no
    /// precondition) matches. Every update gets a new version.
    /// </summary>
    public (PatchOutcome Outcome, JsonObject? Body, long Version) Patch(string type, string identity, JsonObject changes, Func<long, bool>? ifMatch)
    {
        identity = NormalizeIdentity(identity);
        lock (_gate)
        {
            var found = Find(type, identity);
            if (found is null)
            {
                return (PatchOutcome.NotFound, null, 0);
            }

            if (ifMatch is not null && !ifMatch(found.Version))
            {
                return (PatchOutcome.PreconditionFailed, null, found.Version);
            }

            foreach (var (name, value) in changes)
            {
                found.Body[name] = value?.DeepClone();
            }

            found.Version = ++_version;
            return (PatchOutcome.Updated, (JsonObject)found.Body.DeepClone(), found.Version);
        }
    }

    /// <summary>
    /// Validates a PATCH body against the type's schema: no unknown or read-only property, right JSON types, documented
    /// allowed values. Returns the canonical changes or the first error (in body order).
    /// </summary>
    public static (JsonObject? Changes, PropertyError? Error) ValidateChanges(TeamsConfigType type, JsonObject body, bool isGlobal)
    {
        var changes = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (TeamsConfigType.ReadOnlyProperties.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return (null, new PropertyError("ReadOnlyProperty", $"Property '{name}' of {type.Name} is read-only.", name));
            }

            var canonical = type.CanonicalProperty(name);
            if (canonical is null)
            {
                return (null, new PropertyError("UnknownProperty", $"{type.Name} has no property '{name}'.", name));
            }

            var (normalized, error) = type.Properties[canonical].Normalize(canonical, value, isGlobal);
            if (error is not null)
            {
                return (null, new PropertyError("InvalidPropertyValue", error, canonical));
            }

            changes[canonical] = normalized;
        }

        return (changes, null);
    }

    /// <summary>Adds or replaces the instance with the same Identity (no validation; a new version).</summary>
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

            var index = list.FindIndex(i => SameIdentity(i, identity));
            if (index >= 0)
            {
                list[index] = new Instance(instance, ++_version);
            }
            else
            {
                list.Add(new Instance(instance, ++_version));
            }
        }
    }

    public bool Remove(string type, string identity)
    {
        identity = NormalizeIdentity(identity);
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var list) && list.RemoveAll(i => SameIdentity(i, identity)) > 0;
        }
    }

    /// <summary>
    /// The user's effective policy per policy type: direct assignment, else the group assignment with the lowest rank
    /// (ties: fixture order), else Global — which is left out (INFERRED: Graph lists only non-Global assignments).
    /// </summary>
    public IReadOnlyList<EffectiveAssignment> Effective(string userId)
    {
        var result = new List<EffectiveAssignment>();
        lock (_gate)
        {
            foreach (var type in TeamsPolicyDefaults.PolicyTypes)
            {
                if (_direct.TryGetValue(userId, out var mine) && mine.TryGetValue(type, out var direct) && Find(type, direct) is not null)
                {
                    result.Add(new EffectiveAssignment(type, direct, "direct", null));
                    continue;
                }

                var group = _groups
                    .Where(g => g.Members.Contains(userId) && g.Policies.TryGetValue(type, out var id) && Find(type, id) is not null)
                    .OrderBy(g => g.Rank).ThenBy(g => g.Order)
                    .FirstOrDefault();
                if (group is not null)
                {
                    result.Add(new EffectiveAssignment(type, group.Policies[type], "group", group.Id));
                }
            }
        }

        return result;
    }

    /// <summary>Sets (identity) or removes (null or Global) the user's direct assignment for a policy type.</summary>
    public void AssignDirect(string userId, string policyType, string? identity)
    {
        lock (_gate)
        {
            if (!_direct.TryGetValue(userId, out var mine))
            {
                mine = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                _direct[userId] = mine;
            }

            if (identity is null || NormalizeIdentity(identity) == "Global")
            {
                mine.Remove(policyType);
            }
            else
            {
                mine[policyType] = NormalizeIdentity(identity);
            }
        }
    }

    /// <summary>
    /// INFERRED: a stable policy id per (tenant, type, instance): base64url(SHA-256("tenantId|Type|Identity"), all lower
    /// case), 43 characters like the documented example.
    /// </summary>
    public string PolicyId(string policyType, string identity)
    {
        var text = $"{_tenantId}|{policyType}|{NormalizeIdentity(identity)}".ToLowerInvariant();
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The instance identity a policy id stands for, or null.</summary>
    public string? IdentityForPolicyId(string policyType, string policyId)
    {
        lock (_gate)
        {
            return _byType.TryGetValue(policyType, out var list)
                ? list.Select(i => i.Identity).FirstOrDefault(id => string.Equals(PolicyId(policyType, id), policyId, StringComparison.Ordinal))
                : null;
        }
    }

    /// <summary>"Global" stays "Global"; "Name" becomes "Tag:Name"; "Tag:Name" is kept (the prefix re-cased).</summary>
    public static string NormalizeIdentity(string identity)
    {
        identity = identity.Trim();
        if (identity.Equals("Global", StringComparison.OrdinalIgnoreCase))
        {
            return "Global";
        }

        return identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? "Tag:" + identity[4..] : "Tag:" + identity;
    }

    /// <summary>"Tag:Name" → "Name"; "Global" → "Global".</summary>
    public static string DisplayName(string identity) =>
        identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? identity[4..] : identity;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool SameIdentity(Instance instance, string identity) =>
        string.Equals(instance.Identity, identity, StringComparison.OrdinalIgnoreCase);

    private Instance? Find(string type, string identity) =>
        _byType.TryGetValue(type, out var list) ? list.Find(i => SameIdentity(i, identity)) : null;

    private void ApplyFixtureInstance(TeamsConfigType type, string section, JsonObject overrides)
    {
        var identityNode = overrides.FirstOrDefault(p => p.Key.Equals("Identity", StringComparison.OrdinalIgnoreCase)).Value;
        var identity = NormalizeIdentity(identityNode is JsonValue v && v.TryGetValue<string>(out var s) ? s : "Global");
        if (!type.IsPolicy && identity != "Global")
        {
            throw new TeamsFixtureException($"teams.{section}: {type.Name} has only the Global instance (got '{identity}').");
        }

        if (identity == "Tag:" || identity.Length > 4 + 64)
        {
            throw new TeamsFixtureException($"teams.{section}: instance name '{identity}' must be 1-64 characters.");
        }

        var body = new JsonObject();
        foreach (var (name, value) in overrides)
        {
            if (!name.Equals("Identity", StringComparison.OrdinalIgnoreCase))
            {
                body[name] = value?.DeepClone();
            }
        }

        var (changes, error) = ValidateChanges(type, body, identity == "Global");
        if (error is not null)
        {
            throw new TeamsFixtureException($"teams.{section}[{identity}]: {error.Message}");
        }

        var target = Find(type.Name, identity);
        if (target is null)
        {
            // Tag instances start from the Global defaults (like New-Cs*Policy), not from fixture overrides of Global.
            var created = type.CreateGlobal();
            created["Identity"] = identity;
            created["Key"] = TeamsPolicyDefaults.Key(type.Name, identity);
            target = new Instance(created, ++_version);
            _byType[type.Name].Add(target);
        }

        foreach (var (name, value) in changes!)
        {
            target.Body[name] = value?.DeepClone();
        }
    }

    private void SeedAssignments(TenantFixture tenant)
    {
        foreach (var user in tenant.Users)
        {
            foreach (var (type, identity) in ValidateAssignments(user.TeamsPolicies, $"user '{user.UserPrincipalName}' teamsPolicies"))
            {
                if (identity != "Global")
                {
                    AssignDirect(user.Id, type, identity);
                }
            }
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tenant.Groups.Count; i++)
        {
            var g = tenant.Groups[i];
            if (!Guid.TryParse(g.Id, out _) || !ids.Add(g.Id))
            {
                throw new TeamsFixtureException($"group '{g.DisplayName}': id '{g.Id}' must be a unique GUID.");
            }

            var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var m in g.Members)
            {
                var user = tenant.FindUser(m) ?? throw new TeamsFixtureException($"group '{g.DisplayName}': member '{m}' is not a user of the tenant.");
                members.Add(user.Id);
            }

            var policies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (type, identity) in ValidateAssignments(g.TeamsPolicies, $"group '{g.DisplayName}' teamsPolicies"))
            {
                policies[type] = identity;
            }

            _groups.Add(new GroupAssignment(g.Id, members, policies, g.Rank ?? i + 1, i));
        }
    }

    private IEnumerable<(string Type, string Identity)> ValidateAssignments(Dictionary<string, string> assignments, string where)
    {
        foreach (var (typeName, identityText) in assignments)
        {
            var type = TeamsPolicyDefaults.Find(typeName);
            if (type is not { IsPolicy: true })
            {
                throw new TeamsFixtureException($"{where}: '{typeName}' is not an assignable policy type ({string.Join(", ", TeamsPolicyDefaults.PolicyTypes)}).");
            }

            var identity = NormalizeIdentity(identityText ?? "Global");
            if (Find(type.Name, identity) is null)
            {
                throw new TeamsFixtureException($"{where}: {type.Name} instance '{identity}' does not exist (add it under teams).");
            }

            yield return (type.Name, identity);
        }
    }

    private sealed class Instance(JsonObject body, long version)
    {
        public JsonObject Body { get; } = body;

        public long Version { get; set; } = version;

        public string Identity => Body[nameof(Identity)]?.GetValue<string>() ?? "Global";
    }

    private sealed record GroupAssignment(string Id, HashSet<string> Members, Dictionary<string, string> Policies, int Rank, int Order);
}
