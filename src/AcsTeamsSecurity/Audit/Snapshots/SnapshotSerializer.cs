using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// Writes and reads snapshot files: schemas/external-user-snapshot-1.1.schema.json is the contract (1.0 files, from
    /// before the Purview plane, are still read: validated against the 1.0 schema and loaded with no Purview plane). The envelope
    /// is camelCase; settings keep the service's PascalCase names (as Get-CsTeamsMeetingPolicy shows them), so a
    /// snapshot reads like the admin's own tools. Every load is validated against the schema before it is used.
    /// </summary>
    internal static class SnapshotSerializer
    {
        internal const string SchemaResource = "AcsTeamsSecurity.Schemas.external-user-snapshot-" + ConfigurationSnapshot.CurrentSchemaVersion + ".schema.json";
        internal const string SchemaId = "https://acsteamssecurity.github.io/schemas/external-user-snapshot-" + ConfigurationSnapshot.CurrentSchemaVersion + ".schema.json";

        private static readonly char[] PathSeparators = { '.', '[', ']' };

        private static readonly Lazy<SnapshotSchemaValidator> Schema = new Lazy<SnapshotSchemaValidator>(LoadSchema);

        // 1.0 files (written before the Purview plane) are validated against the 1.0 schema they were written for.
        private static readonly Lazy<SnapshotSchemaValidator> Schema10 = new Lazy<SnapshotSchemaValidator>(() => SnapshotSchemaValidator.FromText(SchemaTextOf("1.0")));

        internal static string SchemaText => SchemaTextOf(ConfigurationSnapshot.CurrentSchemaVersion);

        /// <summary>The embedded schema of <paramref name="version"/> (1.0 or 1.1).</summary>
        internal static string SchemaTextOf(string version)
        {
            using var stream = typeof(SnapshotSerializer).Assembly.GetManifestResourceStream("AcsTeamsSecurity.Schemas.external-user-snapshot-" + version + ".schema.json")
                ?? throw new InvalidOperationException($"The snapshot schema {version} is not embedded in the module.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        /// <summary>The snapshot as JSON text (indented, stable property order).</summary>
        internal static string Serialize(ConfigurationSnapshot snapshot)
        {
            var root = new JsonObject
            {
                ["$schema"] = SchemaId,
                // Always the current version: a 1.0 snapshot written again is migrated (its Purview plane is null: not collected).
                ["schemaVersion"] = ConfigurationSnapshot.CurrentSchemaVersion,
                ["metadata"] = new JsonObject
                {
                    ["tenantId"] = snapshot.Metadata.TenantId,
                    ["tenantDomain"] = snapshot.Metadata.TenantDomain,
                    ["environment"] = snapshot.Metadata.Environment,
                    ["createdAt"] = snapshot.Metadata.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    ["moduleVersion"] = snapshot.Metadata.ModuleVersion,
                    ["account"] = snapshot.Metadata.Account,
                    ["subscriptions"] = Strings(snapshot.Metadata.Subscriptions),
                },
                ["tenant"] = Settings(snapshot.Tenant),
                ["meetingPolicies"] = Policies(snapshot.MeetingPolicies),
                ["externalAccessPolicies"] = Policies(snapshot.ExternalAccessPolicies),
                ["broadcastPolicies"] = Policies(snapshot.BroadcastPolicies),
                ["acsResources"] = snapshot.AcsResources is null ? null : new JsonArray(snapshot.AcsResources.Select(r => (JsonNode?)Settings(r)).ToArray()),
                ["purview"] = snapshot.Purview is null ? null : new JsonObject
                {
                    ["dlpPolicies"] = new JsonArray(snapshot.Purview.DlpPolicies.Select(p => (JsonNode?)Settings(p)).ToArray()),
                    ["customerKey"] = Settings(snapshot.Purview.CustomerKey),
                    ["excludedUsers"] = new JsonArray(snapshot.Purview.ExcludedUsers.Select(u => (JsonNode?)Settings(u)).ToArray()),
                },
                ["collectionErrors"] = new JsonArray(snapshot.CollectionErrors.Select(e => (JsonNode?)new JsonObject
                {
                    ["plane"] = e.Plane.ToString(),
                    ["errorId"] = e.ErrorId,
                    ["message"] = e.Message,
                }).ToArray()),
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        /// <summary>Writes the snapshot with <see cref="IO.AtomicFileWriter"/>: never half a file, the target's permissions kept, NoClobber decided at the move.</summary>
        /// <returns>The bytes written (what a signature covers).</returns>
        internal static byte[] Write(ConfigurationSnapshot snapshot, string path, bool noClobber = false)
        {
            var text = Serialize(snapshot);

            // A snapshot that Load would refuse is never written: every later Test/Compare/Restore needs to read it.
            var problems = Problems(JsonNode.Parse(text)!);
            if (problems.Count > 0)
            {
                throw ErrorFactory.SnapshotInvalid(Resources.Strings.SnapshotInvalid_TheTenantReturnedValues, ConfigurationSnapshot.CurrentSchemaVersion, path, Summary(problems)).With(target: path);
            }

            var bytes = new UTF8Encoding(false).GetBytes(text);
            IO.AtomicFileWriter.Write(path, bytes, noClobber);
            return bytes;
        }

        /// <summary>Reads and validates a snapshot file.</summary>
        internal static ConfigurationSnapshot Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw ErrorFactory.SnapshotNotFound(ex, Resources.Strings.SnapshotNotFound_TheSnapshotCannotBe, path, ex.Message).With(target: path);
            }

            return Parse(text, path);
        }

        /// <summary>Parses and validates snapshot text; <paramref name="name"/> names it in errors.</summary>
        internal static ConfigurationSnapshot Parse(string text, string name)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
                throw Invalid(name, $"it is not valid JSON{where}. Export it again with Export-ExternalUserConfiguration.", ex);
            }

            if (node is not JsonObject root)
            {
                throw Invalid(name, "it is not a JSON object. Export it again with Export-ExternalUserConfiguration.");
            }

            var version = root["schemaVersion"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (version is not null && Array.IndexOf(ConfigurationSnapshot.ReadableSchemaVersions, version) < 0)
            {
                throw ErrorFactory.SnapshotVersionUnsupported(Resources.Strings.SnapshotVersionUnsupported_TheSnapshotHasSchema, name, version, string.Join(" and ", ConfigurationSnapshot.ReadableSchemaVersions), root["metadata"]?["moduleVersion"]?.ToString() ?? "unknown").With(target: name);
            }

            Validate(root, name);
            try
            {
                return FromJson(root, name);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is FormatException || ex is OverflowException || ex is ArgumentException || ex is InvalidCastException)
            {
                // The schema admits it but the model cannot hold it: still the file's fault, never an internal error.
                throw Invalid(name, $"a value cannot be read ({ex.Message}). Export it again.", ex);
            }
        }

        /// <summary>Validates against the embedded schema and throws SnapshotInvalid listing the first problems.</summary>
        internal static void Validate(JsonNode root, string name)
        {
            var version = root["schemaVersion"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "1.0" ? "1.0" : ConfigurationSnapshot.CurrentSchemaVersion;
            var problems = Problems(root, version);
            if (problems.Count > 0)
            {
                throw Invalid(name, $"it does not match the snapshot schema {version}: {Summary(problems)}. A snapshot edited by hand or damaged in transit cannot be trusted: export it again.");
            }
        }

        private static string Summary(IReadOnlyList<string> problems)
        {
            var shown = problems.Take(5).ToList();
            var more = problems.Count > shown.Count ? $" (and {problems.Count - shown.Count} more)" : string.Empty;
            return string.Join("; ", shown) + more;
        }

        /// <summary>Where the JSON breaks the schema, as "pointer: message" lines (empty when valid).</summary>
        private static IReadOnlyList<string> Problems(JsonNode root, string version = ConfigurationSnapshot.CurrentSchemaVersion)
        {
            // Numbers beyond what a snapshot can hold (1e308) are reported first, with their path.
            var huge = new List<string>();
            NumbersOutOfRange(root, huge);
            return huge.Count > 0 ? huge : (version == "1.0" ? Schema10.Value : Schema.Value).Validate(root);
        }

        private static ConfigurationSnapshot FromJson(JsonObject root, string name)
        {
            var metadata = (JsonObject)root["metadata"]!;
            var snapshot = new ConfigurationSnapshot
            {
                SchemaVersion = root["schemaVersion"]!.GetValue<string>(),
                Metadata = new SnapshotMetadata
                {
                    TenantId = metadata["tenantId"]!.GetValue<string>(),
                    TenantDomain = metadata["tenantDomain"]?.GetValue<string>(),
                    Environment = metadata["environment"]!.GetValue<string>(),
                    CreatedAt = DateTimeOffset.Parse(metadata["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    ModuleVersion = metadata["moduleVersion"]!.GetValue<string>(),
                    Account = metadata["account"]?.GetValue<string>(),
                    Subscriptions = ReadStrings(metadata["subscriptions"]),
                },
                Tenant = PolicyMapper.Read<AcsFederationConfiguration>((JsonObject)root["tenant"]!),
            };
            foreach (var item in (JsonArray)root["meetingPolicies"]!)
            {
                snapshot.MeetingPolicies.Add(new SnapshotPolicy<MeetingPolicySettings>(PolicyMapper.Read<MeetingPolicySettings>((JsonObject)item!["settings"]!), Count(item, name)));
            }

            foreach (var item in (JsonArray)root["externalAccessPolicies"]!)
            {
                snapshot.ExternalAccessPolicies.Add(new SnapshotPolicy<ExternalAccessPolicySettings>(PolicyMapper.Read<ExternalAccessPolicySettings>((JsonObject)item!["settings"]!), Count(item, name)));
            }

            foreach (var item in (JsonArray)root["broadcastPolicies"]!)
            {
                snapshot.BroadcastPolicies.Add(new SnapshotPolicy<MeetingBroadcastPolicySettings>(PolicyMapper.Read<MeetingBroadcastPolicySettings>((JsonObject)item!["settings"]!), Count(item, name)));
            }

            if (root["acsResources"] is JsonArray resources)
            {
                snapshot.AcsResources = resources.Select(r => PolicyMapper.Read<AcsResourceSettings>((JsonObject)r!)).ToList();
            }

            if (root["purview"] is JsonObject purview)
            {
                // Schema 1.1; a 1.0 file has no Purview plane and loads with Purview null (not collected).
                var plane = new SnapshotPurview
                {
                    CustomerKey = PolicyMapper.Read<ExternalUserCustomerKeyStatus>((JsonObject)purview["customerKey"]!),
                };
                plane.DlpPolicies.AddRange(((JsonArray)purview["dlpPolicies"]!).Select(p => PolicyMapper.Read<ExternalUserDlpPolicy>((JsonObject)p!)));
                plane.ExcludedUsers.AddRange(((JsonArray)purview["excludedUsers"]!).Select(u => PolicyMapper.Read<SnapshotDlpExclusion>((JsonObject)u!)));
                snapshot.Purview = plane;
            }

            foreach (var error in (JsonArray)root["collectionErrors"]!)
            {
                snapshot.CollectionErrors.Add(new CollectionError(
                    (AuditPlane)Enum.Parse(typeof(AuditPlane), error!["plane"]!.GetValue<string>()),
                    error["message"]!.GetValue<string>(),
                    error["errorId"]?.GetValue<string>()));
            }
            return snapshot;
        }

        /// <summary>
        /// A policy instance's user count: any JSON number that is integral and in 0..2^31-1 (<c>1</c>, <c>1.0</c>, <c>1e3</c>);
        /// anything else is SnapshotInvalid naming the value's JSON pointer, never a raw conversion exception.
        /// </summary>
        internal static int? Count(JsonNode item, string name)
        {
            if (item["userCount"] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            {
                return null;
            }

            // Read through the JSON element: JsonValue.TryGetValue<decimal> throws on numbers beyond decimal's range (1e308).
            if (v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
            {
                if (element.TryGetDecimal(out var exact) && decimal.Truncate(exact) == exact && exact >= 0 && exact <= int.MaxValue)
                {
                    return (int)exact;
                }
            }
            else if (v.TryGetValue<int>(out var plain) && plain >= 0)
            {
                return plain;
            }

            throw Invalid(name, $"{Pointer(v)} is {Shorten(v.ToJsonString())}, which is not a whole number of users from 0 to {int.MaxValue}. Export it again.");
        }

        private static void NumbersOutOfRange(JsonNode? node, List<string> problems)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var pair in obj)
                    {
                        NumbersOutOfRange(pair.Value, problems);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        NumbersOutOfRange(item, problems);
                    }

                    break;
                case JsonValue value when value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number && !element.TryGetDecimal(out _):
                    problems.Add($"{Pointer(value)}: the number {Shorten(element.GetRawText())} is out of range");
                    break;
            }
        }

        /// <summary>The JSON pointer of a node ($.a[0].b becomes /a/0/b).</summary>
        private static string Pointer(JsonNode node) =>
            "/" + string.Join("/", node.GetPath().TrimStart('$').Split(PathSeparators, StringSplitOptions.RemoveEmptyEntries));

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        private static JsonArray Policies<T>(IEnumerable<SnapshotPolicy<T>> policies)
            where T : class =>
            new JsonArray(policies.Select(p => (JsonNode?)new JsonObject
            {
                ["userCount"] = p.UserCount,
                ["settings"] = Settings(p.Settings),
            }).ToArray());

        /// <summary>Every settable public property of a model, in declaration order, with the service's names.</summary>
        internal static JsonObject Settings(object model)
        {
            var obj = new JsonObject();
            foreach (var property in SettableProperties(model.GetType()))
            {
                obj[property.Name] = PolicyMapper.ToJson(property.GetValue(model));
            }

            return obj;
        }

        /// <summary>The properties a snapshot stores for a model type (those the mapper can set).</summary>
        internal static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).OrderBy(p => p.MetadataToken);

        private static JsonArray Strings(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        private static IReadOnlyList<string> ReadStrings(JsonNode? node) =>
            node is JsonArray array ? array.Where(n => n is not null).Select(n => n!.GetValue<string>()).ToList() : (IReadOnlyList<string>)Array.Empty<string>();

        private static AcsTeamsSecurityException Invalid(string name, string why, Exception? inner = null) =>
            ErrorFactory.SnapshotInvalid(inner, Resources.Strings.SnapshotInvalid_TheSnapshotCannotBe, name, why).With(target: name);

        private static SnapshotSchemaValidator LoadSchema() => SnapshotSchemaValidator.FromText(SchemaText);
    }
}
