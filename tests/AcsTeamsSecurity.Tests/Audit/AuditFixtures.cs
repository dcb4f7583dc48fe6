using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>The secure baseline snapshot and JSON-pointer patches over it.</summary>
    internal static class AuditFixtures
    {
        internal static readonly string Folder = Path.Combine(SnapshotSchemaTests.RepoRoot(), "tests", "AcsTeamsSecurity.Tests", "Audit", "Fixtures");

        internal static JsonObject Baseline() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "secure-snapshot.json")))!.AsObject();

        internal static JsonObject RuleCases() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "rule-fixtures.json")))!.AsObject();

        /// <summary>Sets the value at a JSON pointer (the parent must exist).</summary>
        internal static void Set(JsonObject root, string pointer, JsonNode? value)
        {
            var parts = pointer.TrimStart('/').Split('/');
            JsonNode parent = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                parent = parent is JsonArray a ? a[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)]! : parent[parts[i]]!;
            }

            var last = parts[^1];
            if (parent is JsonArray array)
            {
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
            }
            else
            {
                parent.AsObject()[last] = value;
            }
        }

        /// <summary>The snapshot after patches, loaded through the real parser (so every fixture also passes the schema).</summary>
        internal static ConfigurationSnapshot Load(JsonObject root, string name = "fixture.json") =>
            SnapshotSerializer.Parse(root.ToJsonString(), name);

        internal static ConfigurationSnapshot Patched(JsonArray? patches)
        {
            var root = Baseline();
            foreach (var patch in patches ?? new JsonArray())
            {
                Set(root, patch!["path"]!.GetValue<string>(), patch["value"]?.DeepClone());
            }

            return Load(root);
        }

        internal static string Pretty(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
