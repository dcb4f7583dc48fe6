using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The snapshot schema in schemas/ is the published contract. It is derived from the models, and this test fails
    /// when a model gains, loses or retypes a setting without the schema following (set ACSTS_WRITE_SCHEMA=1 to
    /// rewrite the file, then review the diff: a removed or retyped property needs a new schema version).
    /// </summary>
    public class SnapshotSchemaTests
    {
        private static readonly string RepoSchema = Path.Combine(RepoRoot(), "schemas", $"external-user-snapshot-{ConfigurationSnapshot.CurrentSchemaVersion}.schema.json");

        private static readonly string RepoSchema10 = Path.Combine(RepoRoot(), "schemas", "external-user-snapshot-1.0.schema.json");

        /// <summary>The 1.0 schema is frozen: 1.0 files are still read (without a Purview plane) and validated against it.</summary>
        [Fact]
        public void TheOneZeroSchemaIsUnchanged()
        {
            var expected = BuildSchema("1.0").ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
            Assert.Equal(expected, File.ReadAllText(RepoSchema10).Replace("\r\n", "\n", StringComparison.Ordinal));
            Assert.Equal(File.ReadAllText(RepoSchema10).Replace("\r\n", "\n", StringComparison.Ordinal), SnapshotSerializer.SchemaTextOf("1.0").Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        [Fact]
        public void SchemaFileMatchesTheModels()
        {
            var expected = BuildSchema().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
            if (Environment.GetEnvironmentVariable("ACSTS_WRITE_SCHEMA") == "1")
            {
                File.WriteAllText(RepoSchema, expected);
            }

            Assert.Equal(expected, File.ReadAllText(RepoSchema).Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        [Fact]
        public void EmbeddedSchemaIsTheRepositoryFile() =>
            Assert.Equal(File.ReadAllText(RepoSchema).Replace("\r\n", "\n", StringComparison.Ordinal), SnapshotSerializer.SchemaText.Replace("\r\n", "\n", StringComparison.Ordinal));

        internal static JsonObject BuildSchema(string version = ConfigurationSnapshot.CurrentSchemaVersion)
        {
            var nullableString = new JsonArray("string", "null");
            var v10 = version == "1.0";
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://acsteamssecurity.github.io/schemas/external-user-snapshot-{version}.schema.json",
                ["title"] = "AcsTeamsSecurity external-user configuration snapshot",
                ["description"] = "Written by Export-ExternalUserConfiguration; read by Test-ExternalUserSecurity -SnapshotPath, Compare-ExternalUserConfiguration and Restore-ExternalUserConfiguration. Settings keep the Teams service's property names. Never contains a secret.",
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray("schemaVersion", "metadata", "tenant", "meetingPolicies", "externalAccessPolicies", "broadcastPolicies", "acsResources", "collectionErrors"),
                ["properties"] = new JsonObject
                {
                    ["$schema"] = new JsonObject { ["type"] = "string" },
                    ["schemaVersion"] = new JsonObject { ["const"] = version },
                    ["metadata"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = false,
                        ["required"] = new JsonArray("tenantId", "environment", "createdAt", "moduleVersion", "subscriptions"),
                        ["properties"] = new JsonObject
                        {
                            ["tenantId"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "The tenant's GUID (or the domain given at sign-in when no token was needed)." },
                            ["tenantDomain"] = new JsonObject { ["type"] = nullableString.DeepClone() },
                            ["environment"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "Global, GCC, GCCHigh, DoD, China or a custom environment name." },
                            ["createdAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                            ["moduleVersion"] = new JsonObject { ["type"] = "string" },
                            ["account"] = new JsonObject { ["type"] = nullableString.DeepClone(), ["description"] = "The signed-in user, or the application (client) id of an app or managed identity sign-in." },
                            ["subscriptions"] = StringArray(guid: true),
                        },
                    },
                    ["tenant"] = ModelSchema(typeof(AcsFederationConfiguration), "Tenant gates: CsTeamsAcsFederationConfiguration, CsTeamsMeetingConfiguration and (read-only) CsTenantFederationConfiguration."),
                    ["meetingPolicies"] = PolicyArray(typeof(MeetingPolicySettings), "Every CsTeamsMeetingPolicy instance."),
                    ["externalAccessPolicies"] = PolicyArray(typeof(ExternalAccessPolicySettings), "Every CsExternalAccessPolicy instance."),
                    ["broadcastPolicies"] = PolicyArray(typeof(MeetingBroadcastPolicySettings), "Every CsTeamsMeetingBroadcastPolicy (live events) instance."),
                    ["acsResources"] = new JsonObject
                    {
                        ["description"] = "ACS resources of the subscriptions given to the export; null when none were given.",
                        ["type"] = new JsonArray("array", "null"),
                        ["items"] = ModelSchema(typeof(AcsResourceSettings), null),
                    },
                    ["collectionErrors"] = new JsonObject
                    {
                        ["description"] = "Parts of the tenant that could not be read; rules on that plane report Error.",
                        ["type"] = "array",
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["additionalProperties"] = false,
                            ["required"] = new JsonArray("plane", "message"),
                            ["properties"] = new JsonObject
                            {
                                ["plane"] = new JsonObject { ["enum"] = v10 ? EnumValuesExcept(typeof(AuditPlane), nameof(AuditPlane.Purview)) : EnumValues(typeof(AuditPlane), withNull: false) },
                                ["errorId"] = new JsonObject { ["type"] = nullableString.DeepClone() },
                                ["message"] = new JsonObject { ["type"] = "string" },
                            },
                        },
                    },
                },
            };
            if (!v10)
            {
                // 1.1: the Purview plane, required (null when not collected) and placed before collectionErrors.
                root["required"]!.AsArray().Insert(8, "purview");
                var properties = root["properties"]!.AsObject();
                var errors = properties["collectionErrors"]!;
                properties.Remove("collectionErrors");
                properties["purview"] = new JsonObject
                {
                    ["description"] = "Microsoft Purview, read only: the DLP policies that cover Teams, the Customer Key status, and the policies in effect for the users a Teams DLP policy excludes; null when not collected.",
                    ["type"] = new JsonArray("object", "null"),
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("dlpPolicies", "customerKey", "excludedUsers"),
                    ["properties"] = new JsonObject
                    {
                        ["dlpPolicies"] = new JsonObject { ["type"] = "array", ["items"] = ModelSchema(typeof(ExternalUserDlpPolicy), null) },
                        ["customerKey"] = ModelSchema(typeof(ExternalUserCustomerKeyStatus), null),
                        ["excludedUsers"] = new JsonObject { ["type"] = "array", ["items"] = ModelSchema(typeof(SnapshotDlpExclusion), null) },
                    },
                };
                properties["collectionErrors"] = errors;
            }

            return root;
        }

        private static JsonArray EnumValuesExcept(Type type, string except) =>
            new JsonArray(Enum.GetNames(type).Where(n => n != except).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());

        private static JsonObject PolicyArray(Type model, string description) => new()
        {
            ["description"] = description,
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray("userCount", "settings"),
                ["properties"] = new JsonObject
                {
                    ["userCount"] = new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = 0, ["maximum"] = int.MaxValue, ["description"] = "Users the instance applies to (Global: users without another assignment); null when it could not be counted." },
                    ["settings"] = ModelSchema(model, null),
                },
            },
        };

        private static JsonObject ModelSchema(Type model, string? description)
        {
            var nullability = new NullabilityInfoContext();
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var property in SnapshotSerializer.SettableProperties(model))
            {
                required.Add(property.Name);
                properties[property.Name] = PropertySchema(property, nullability);
            }

            var schema = new JsonObject();
            if (description is not null)
            {
                schema["description"] = description;
            }

            schema["type"] = "object";
            schema["additionalProperties"] = false;
            schema["required"] = required;
            schema["properties"] = properties;
            return schema;
        }

        private static JsonObject PropertySchema(PropertyInfo property, NullabilityInfoContext nullability)
        {
            var type = property.PropertyType;
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null)
            {
                return underlying == typeof(bool)
                    ? new JsonObject { ["type"] = new JsonArray("boolean", "null") }
                    : new JsonObject { ["enum"] = EnumValues(underlying, withNull: true) };
            }

            if (type == typeof(bool))
            {
                return new JsonObject { ["type"] = "boolean" };
            }

            if (type.IsEnum)
            {
                return new JsonObject { ["enum"] = EnumValues(type, withNull: false) };
            }

            if (type == typeof(string))
            {
                var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
                return nullable ? new JsonObject { ["type"] = new JsonArray("string", "null") } : new JsonObject { ["type"] = "string" };
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                var element = type.GetGenericArguments()[0];
                return element.IsEnum
                    ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = EnumValues(element, withNull: false) } }
                    : StringArray(guid: property.Name == nameof(AcsFederationConfiguration.AllowedAcsResources));
            }

            throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: no schema mapping for {type}.");
        }

        private static JsonObject StringArray(bool guid)
        {
            var items = new JsonObject { ["type"] = "string" };
            if (guid)
            {
                items["pattern"] = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
            }

            return new JsonObject { ["type"] = "array", ["items"] = items };
        }

        private static JsonArray EnumValues(Type type, bool withNull)
        {
            var values = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            if (withNull)
            {
                values.Add(null);
            }

            return values;
        }

        internal static string RepoRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Build.props")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("Repository root not found.");
        }
    }
}
