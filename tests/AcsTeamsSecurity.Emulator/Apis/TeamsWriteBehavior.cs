using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>The body of a successful Teams admin write (api-facts.md §10.1: a client must accept all three).</summary>
internal enum TeamsWriteShape
{
    /// <summary>200 with the updated instance as one object.</summary>
    Object,

    /// <summary>200 with a one-element array holding the updated instance.</summary>
    Array,

    /// <summary>204 with no body.</summary>
    Empty,
}

/// <summary>A one-shot change of one instance, made right after the next read of it (a concurrent admin).</summary>
internal sealed record ChangeAfterRead(string TenantId, string Type, string Identity, JsonObject Set);

/// <summary>
/// How the emulated Teams admin API answers writes, set through the control API (<c>/_emulator/teams/writeBehavior</c>)
/// and back to the defaults on reset: the write response shape, whether instances carry an ETag (off by default: no
/// public client has seen one), a warning header on write answers, settings a write silently does not apply (to test
/// the module's verify-after-write), and one-shot concurrent changes after a read.
/// </summary>
internal sealed class TeamsWriteBehavior
{
    private readonly object _gate = new();
    private readonly List<ChangeAfterRead> _pending = [];

    public TeamsWriteShape Shape { get; private set; } = TeamsWriteShape.Object;

    public bool ETags { get; private set; }

    public string? Warning { get; private set; }

    public IReadOnlySet<string> IgnoredSettings { get; private set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public void Reset()
    {
        lock (_gate)
        {
            Shape = TeamsWriteShape.Object;
            ETags = false;
            Warning = null;
            IgnoredSettings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _pending.Clear();
        }
    }

    /// <summary>Applies the properties given (others unchanged); returns an error message or null.</summary>
    public string? Update(JsonObject body)
    {
        lock (_gate)
        {
            foreach (var (name, value) in body)
            {
                switch (name)
                {
                    case "responseShape":
                        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || !Enum.TryParse<TeamsWriteShape>(text, ignoreCase: true, out var shape))
                        {
                            return "responseShape must be \"object\", \"array\" or \"empty\".";
                        }

                        Shape = shape;
                        break;
                    case "etag":
                        if (value is not JsonValue e || !e.TryGetValue<bool>(out var etags))
                        {
                            return "etag must be true or false.";
                        }

                        ETags = etags;
                        break;
                    case "warning":
                        Warning = value is JsonValue w && w.TryGetValue<string>(out var warning) && warning.Length > 0 ? warning : null;
                        break;
                    case "ignoreSettings":
                        if (value is not JsonArray list || list.Any(i => i is not JsonValue iv || !iv.TryGetValue<string>(out _)))
                        {
                            return "ignoreSettings must be an array of setting names.";
                        }

                        IgnoredSettings = new HashSet<string>(list.Select(i => i!.GetValue<string>()), StringComparer.OrdinalIgnoreCase);
                        break;
                    default:
                        return $"Unknown property '{name}' (use responseShape, etag, warning, ignoreSettings).";
                }
            }

            return null;
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["responseShape"] = Shape.ToString().ToLowerInvariant(),
                ["etag"] = ETags,
                ["warning"] = Warning,
                ["ignoreSettings"] = new JsonArray([.. IgnoredSettings.Select(s => (JsonNode)s)]),
                ["pendingChangesAfterRead"] = _pending.Count,
            };
        }
    }

    public void AddChangeAfterRead(ChangeAfterRead change)
    {
        lock (_gate)
        {
            _pending.Add(change);
        }
    }

    /// <summary>Removes and returns the pending changes for an instance that was just read.</summary>
    public IReadOnlyList<ChangeAfterRead> TakeAfterRead(string tenantId, string type, string identity)
    {
        lock (_gate)
        {
            var due = _pending.Where(p => string.Equals(p.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Type, type, StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Identity, identity, StringComparison.OrdinalIgnoreCase)).ToList();
            _pending.RemoveAll(due.Contains);
            return due;
        }
    }
}
