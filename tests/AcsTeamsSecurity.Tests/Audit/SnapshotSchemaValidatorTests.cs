using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The module validates snapshots with its own validator of exactly the keywords the schema uses (no JSON-schema
    /// library: PowerShell ships one on its trusted platform list, at a different version per release). These tests
    /// hold it to JsonSchema.Net (here only as a test reference, through the PowerShell SDK) and keep the schema file
    /// from using a keyword the validator does not implement.
    /// </summary>
    public class SnapshotSchemaValidatorTests
    {
        private static readonly string SchemaPath = Path.Combine(SnapshotSchemaTests.RepoRoot(), "schemas", $"external-user-snapshot-{AcsTeamsSecurity.Audit.Snapshots.ConfigurationSnapshot.CurrentSchemaVersion}.schema.json");

        [Theory]
        [InlineData("^[0-9]{3}$", "123", true)]
        [InlineData("^[0-9]{3}$", "123\n", false)]
        [InlineData("^a\\$", "a$", true)]
        public void PatternsEndAsInEcmaScript(string pattern, string value, bool matches)
        {
            // Review finding: .NET's $ also matches before a final line feed, ECMA-262's (JSON Schema's) does not.
            var regex = new System.Text.RegularExpressions.Regex(SnapshotSchemaValidator.EcmaAnchors(pattern));
            Assert.Equal(matches, regex.IsMatch(value));
        }

        [Fact]
        public void EveryKeywordInTheSchemaFileIsOneTheValidatorImplements()
        {
            var used = new SortedSet<string>(StringComparer.Ordinal);
            var formats = new SortedSet<string>(StringComparer.Ordinal);
            CollectKeywords(JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject(), used, formats);

            Assert.Empty(used.Except(SnapshotSchemaValidator.Keywords));
            Assert.Empty(formats.Except(SnapshotSchemaValidator.Formats));
            // The walk really sees the assertions (a walk that found nothing would pass the checks above).
            Assert.Superset(new SortedSet<string> { "type", "required", "properties", "additionalProperties", "items", "enum", "pattern", "format" }, used);
        }

        [Theory]
        [InlineData("{\"type\":\"object\",\"minProperties\":1}", "minProperties")]
        [InlineData("{\"properties\":{\"a\":{\"$ref\":\"#/$defs/x\"}}}", "$ref")]
        [InlineData("{\"items\":{\"oneOf\":[{\"type\":\"string\"}]}}", "oneOf")]
        [InlineData("{\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"email\"}}}", "email")]
        [InlineData("{\"type\":\"text\"}", "text")]
        public void ASchemaKeywordItDoesNotImplementIsRefusedAtLoad(string schema, string named)
        {
            var error = Assert.Throws<InvalidOperationException>(() => SnapshotSchemaValidator.FromText(schema));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        public static TheoryData<string, string> Mutations() => new()
        {
            // The damaged files SnapshotSerializerTests covers, and more: each must be rejected by both validators.
            { "/meetingPolicies/0/settings/AutoAdmittedUsers", "\"Anybody\"" },
            { "/meetingPolicies/0/settings/AllowAnonymousUsersToStartMeeting", "\"yes\"" },
            { "/meetingPolicies/0/settings/Surprise", "true" },
            { "/tenant/AllowedAcsResources", "[\"not-a-guid\"]" },
            { "/tenant/AllowedAcsResources", "[\"11111111-2222-3333-4444-55555555555\"]" },
            { "/metadata/tenantId", "\"\"" },
            { "/metadata/tenantId", "7" },
            { "/metadata/createdAt", "\"yesterday\"" },
            { "/metadata/createdAt", "\"2026-01-01 00:00:00\"" },
            { "/metadata/subscriptions", "null" },
            { "/meetingPolicies/1/userCount", "-3" },
            { "/meetingPolicies/1/userCount", "1.5" },
            { "/meetingPolicies/1/userCount", "2147483648" },
            { "/meetingPolicies/1/userCount", "\"3\"" },
            { "/acsResources/0/DisableLocalAuth", "\"false\"" },
            { "/externalAccessPolicies", "{}" },
            { "/collectionErrors", "[{\"plane\":\"Moon\",\"message\":\"x\"}]" },
            { "/collectionErrors", "[{\"plane\":\"Policies\"}]" },
            { "/schemaVersion", "1.0" },
            { "/tenant/EnableAcsUsers", "0" },
            { "/Surprise", "{}" },
        };

        [Theory]
        [MemberData(nameof(Mutations))]
        public void RejectsWhatJsonSchemaNetRejects(string jsonPath, string value)
        {
            var root = AuditFixtures.Baseline();
            AuditFixtures.Set(root, jsonPath, JsonNode.Parse(value));

            Assert.False(ReferenceValid(root), "the mutation must be invalid for JsonSchema.Net too (else the case proves nothing)");
            var problems = Validator().Validate(root);
            Assert.NotEmpty(problems);
            Assert.Contains(problems, p => p.Contains(jsonPath, StringComparison.Ordinal) || p.Contains(jsonPath.Substring(jsonPath.LastIndexOf('/') + 1), StringComparison.Ordinal));
        }

        public static TheoryData<string, string> ValidVariants() => new()
        {
            { "/metadata/createdAt", "\"2026-01-01T10:00:00+02:00\"" },
            { "/metadata/createdAt", "\"2026-01-01T10:00:00.1234567Z\"" },
            { "/meetingPolicies/1/userCount", "null" },
            { "/meetingPolicies/1/userCount", "2147483647" },
            { "/meetingPolicies/1/userCount", "0" },
            { "/acsResources", "null" },
            { "/metadata/account", "null" },
            { "/tenant/AllowedAcsResources", "[\"AABBCCDD-0000-1111-2222-333344445555\"]" },
        };

        [Theory]
        [MemberData(nameof(ValidVariants))]
        public void AcceptsWhatJsonSchemaNetAccepts(string jsonPath, string value)
        {
            var root = AuditFixtures.Baseline();
            AuditFixtures.Set(root, jsonPath, JsonNode.Parse(value));

            Assert.True(ReferenceValid(root));
            Assert.Empty(Validator().Validate(root));
        }

        [Fact]
        public void AnImpossibleDateIsRefusedThoughJsonSchemaNetLetsItPass()
        {
            // Stricter than the reference on purpose: the module never writes such a date, and mapping one would fail.
            var root = AuditFixtures.Baseline();
            AuditFixtures.Set(root, "/metadata/createdAt", JsonValue.Create("2026-13-01T00:00:00Z"));
            Assert.Contains("/metadata/createdAt: \"2026-13-01T00:00:00Z\" is not an RFC 3339 date-time", Validator().Validate(root));
        }

        [Fact]
        public void TheFixturesAreValidForBoth()
        {
            Assert.Empty(Validator().Validate(AuditFixtures.Baseline()));
            Assert.True(ReferenceValid(AuditFixtures.Baseline()));
        }

        [Fact]
        public void ReportsEveryProblemWithItsPointer()
        {
            var root = AuditFixtures.Baseline();
            ((JsonObject)root["metadata"]!).Remove("environment");
            AuditFixtures.Set(root, "/meetingPolicies/0/settings/AutoAdmittedUsers", JsonValue.Create("Anybody"));
            root["meetingPolicies"]![0]!["settings"]!.AsObject()["Odd~Name/x"] = null;

            var problems = Validator().Validate(root);

            Assert.Contains("/metadata: the required property 'environment' is missing", problems);
            Assert.Contains(problems, p => p.StartsWith("/meetingPolicies/0/settings/AutoAdmittedUsers: \"Anybody\" is not one of", StringComparison.Ordinal));
            // JSON-pointer escaping of a property name with '~' and '/'.
            Assert.Contains(problems, p => p.Contains("(/meetingPolicies/0/settings/Odd~0Name~1x)", StringComparison.Ordinal));
        }

        private static SnapshotSchemaValidator Validator() => SnapshotSchemaValidator.FromText(SnapshotSerializer.SchemaText);

        private static bool ReferenceValid(JsonObject root) =>
            Json.Schema.JsonSchema.FromText(File.ReadAllText(SchemaPath))
                .Evaluate(JsonNode.Parse(root.ToJsonString()), new Json.Schema.EvaluationOptions { RequireFormatValidation = true })
                .IsValid;

        private static void CollectKeywords(JsonObject schema, ISet<string> used, ISet<string> formats)
        {
            foreach (var (keyword, value) in schema)
            {
                used.Add(keyword);
                switch (keyword)
                {
                    case "format":
                        formats.Add(value!.GetValue<string>());
                        break;
                    case "properties" or "$defs" or "definitions" or "patternProperties" or "dependentSchemas":
                        foreach (var (_, sub) in value!.AsObject())
                        {
                            CollectKeywords(sub!.AsObject(), used, formats);
                        }

                        break;
                    case "allOf" or "anyOf" or "oneOf" or "prefixItems":
                        foreach (var sub in value!.AsArray())
                        {
                            CollectKeywords(sub!.AsObject(), used, formats);
                        }

                        break;
                    default:
                        if (value is JsonObject sub2 && keyword is "items" or "additionalProperties" or "not" or "if" or "then" or "else" or "contains" or "propertyNames" or "unevaluatedProperties" or "unevaluatedItems")
                        {
                            CollectKeywords(sub2, used, formats);
                        }

                        break;
                }
            }
        }
    }
}
