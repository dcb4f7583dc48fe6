using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>Drift catches every changed setting, on every plane, with its direction.</summary>
    public class SnapshotComparerTests
    {
        /// <summary>Every settable property of every model, changed alone, is reported alone.</summary>
        public static TheoryData<string, string> EverySetting()
        {
            var data = new TheoryData<string, string>();
            var baseline = AuditFixtures.Baseline();
            foreach (var (section, jsonPath) in new[] { ("tenant", "/tenant"), ("meeting", "/meetingPolicies/0/settings"), ("access", "/externalAccessPolicies/0/settings"), ("broadcast", "/broadcastPolicies/0/settings"), ("resource", "/acsResources/0") })
            {
                var node = jsonPath.TrimStart('/').Split('/').Aggregate((JsonNode)baseline, (n, p) => n is JsonArray a ? a[int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)]! : n[p]!);
                foreach (var property in node.AsObject().Select(p => p.Key).Where(k => k != "Identity" && k != "Id"))
                {
                    data.Add(section, jsonPath + "/" + property);
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(EverySetting))]
        public void EveryChangedSettingIsReported(string section, string jsonPath)
        {
            var reference = AuditFixtures.Baseline();
            var difference = AuditFixtures.Baseline();
            var current = jsonPath.TrimStart('/').Split('/').Aggregate((JsonNode?)difference, (n, p) => n is JsonArray a ? a[int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)] : n?[p]);
            AuditFixtures.Set(difference, jsonPath, Another(jsonPath, current));
            var changes = new SnapshotComparer().Compare(AuditFixtures.Load(reference), AuditFixtures.Load(difference));
            var change = Assert.Single(changes);
            Assert.Equal(jsonPath.Split('/')[^1], change.Setting);
            Assert.Equal(ConfigurationChangeType.Modified, change.ChangeType);
            Assert.NotEqual(ChangeDirection.Unchanged, change.Direction);
            _ = section;
        }

        [Theory]
        [InlineData("/meetingPolicies/1/settings/AutoAdmittedUsers", "\"Everyone\"", ChangeDirection.Loosening)]
        [InlineData("/meetingPolicies/1/settings/AllowAnonymousUsersToStartMeeting", "true", ChangeDirection.Loosening)]
        [InlineData("/meetingPolicies/0/settings/AutoAdmittedUsers", "\"OrganizerOnly\"", ChangeDirection.Tightening)]
        [InlineData("/tenant/AllowedAcsResources", "[\"3f9d0b5e-7c1a-4e8b-9a2d-5b6c7d8e9f01\",\"faced04c-2ced-433d-90db-063e424b87b1\"]", ChangeDirection.Loosening)]
        [InlineData("/tenant/AllowedAcsResources", "[]", ChangeDirection.Loosening)]
        [InlineData("/tenant/DisableAnonymousJoin", "true", ChangeDirection.Tightening)]
        [InlineData("/meetingPolicies/0/settings/BlockedAnonymousJoinClientTypes", "[\"ACS\"]", ChangeDirection.Tightening)]
        [InlineData("/acsResources/0/DisableLocalAuth", "false", ChangeDirection.Loosening)]
        [InlineData("/acsResources/0/AuthLogsCollected", "false", ChangeDirection.Loosening)]
        [InlineData("/acsResources/0/PublicNetworkAccess", "\"Enabled\"", ChangeDirection.Loosening)]
        [InlineData("/tenant/LabelForAllowedAcsUsers", "\"Unverified\"", ChangeDirection.Neutral)]
        [InlineData("/tenant/AllowedDomains", "[]", ChangeDirection.Loosening)]
        [InlineData("/tenant/AllowedDomains", "[\"partner.example\",\"other.example\"]", ChangeDirection.Loosening)]
        [InlineData("/acsResources/0/ManagedIdentityType", "\"None\"", ChangeDirection.Loosening)]
        [InlineData("/acsResources/0/ManagedIdentityType", "\"UserAssigned\"", ChangeDirection.Neutral)]
        [InlineData("/acsResources/0/DisableLocalAuth", "null", ChangeDirection.Neutral)]
        public void ChangesAreClassified(string jsonPath, string value, ChangeDirection expected)
        {
            var difference = AuditFixtures.Baseline();
            AuditFixtures.Set(difference, jsonPath, JsonNode.Parse(value));
            var change = Assert.Single(new SnapshotComparer().Compare(AuditFixtures.Load(AuditFixtures.Baseline()), AuditFixtures.Load(difference)));
            Assert.Equal(expected, change.Direction);
        }

        [Fact]
        public void AddedAndRemovedInstancesAndUserCounts()
        {
            var difference = AuditFixtures.Baseline();
            var partners = difference["meetingPolicies"]![1]!.DeepClone();
            partners["settings"]!["Identity"] = "Tag:Vendors";
            ((JsonArray)difference["meetingPolicies"]!).RemoveAt(1);
            ((JsonArray)difference["meetingPolicies"]!).Add(partners);
            difference["meetingPolicies"]![0]!["userCount"] = 121;
            var changes = new SnapshotComparer().Compare(AuditFixtures.Load(AuditFixtures.Baseline()), AuditFixtures.Load(difference));
            Assert.Contains(changes, c => c.Scope == "Tag:Partners" && c.ChangeType == ConfigurationChangeType.Removed);
            Assert.Contains(changes, c => c.Scope == "Tag:Vendors" && c.ChangeType == ConfigurationChangeType.Added);
            Assert.Contains(changes, c => c.Scope == "Global" && c.Setting == "UserCount" && c.ReferenceValue == "120" && c.DifferenceValue == "121");
            Assert.Equal(3, changes.Count);
        }

        [Fact]
        public void IdenticalSnapshotsHaveNoDrift() =>
            Assert.Empty(new SnapshotComparer().Compare(AuditFixtures.Load(AuditFixtures.Baseline()), AuditFixtures.Load(AuditFixtures.Baseline())));

        [Fact]
        public void PlanesNotReadAreSkippedAndNamed()
        {
            var difference = AuditFixtures.Baseline();
            difference["collectionErrors"] = JsonNode.Parse("[{\"plane\":\"MeetingPolicy\",\"errorId\":\"PermissionDenied\",\"message\":\"denied\"}]");
            difference["meetingPolicies"] = new JsonArray();
            var comparer = new SnapshotComparer();
            Assert.Empty(comparer.Compare(AuditFixtures.Load(AuditFixtures.Baseline()), AuditFixtures.Load(difference)));
            Assert.Contains(comparer.SkippedPlanes, p => p.StartsWith("MeetingPolicy", StringComparison.Ordinal));
        }

        private static JsonNode? Another(string jsonPath, JsonNode? current)
        {
            if (current is JsonArray array)
            {
                return jsonPath.EndsWith("AllowedAcsResources", StringComparison.Ordinal) || jsonPath.EndsWith("Subscriptions", StringComparison.Ordinal)
                    ? new JsonArray("0b0b0b0b-1111-4222-8333-444455556666")
                    : jsonPath.EndsWith("BlockedAnonymousJoinClientTypes", StringComparison.Ordinal) ? new JsonArray("ACS") : array.Count == 0 ? new JsonArray("changed.example") : new JsonArray();
            }

            if (current is null)
            {
                return JsonValue.Create("x");
            }

            if (current.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                return JsonValue.Create(!current.GetValue<bool>());
            }

            // An enum: the schema's next allowed value; a free string: another string.
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SnapshotSchemaTests.RepoRoot(), "schemas", "external-user-snapshot-1.0.schema.json")))!;
            var name = jsonPath.Split('/')[^1];
            var section = jsonPath.StartsWith("/tenant", StringComparison.Ordinal) ? schema["properties"]!["tenant"]
                : jsonPath.StartsWith("/meetingPolicies", StringComparison.Ordinal) ? schema["properties"]!["meetingPolicies"]!["items"]!["properties"]!["settings"]
                : jsonPath.StartsWith("/externalAccessPolicies", StringComparison.Ordinal) ? schema["properties"]!["externalAccessPolicies"]!["items"]!["properties"]!["settings"]
                : jsonPath.StartsWith("/broadcastPolicies", StringComparison.Ordinal) ? schema["properties"]!["broadcastPolicies"]!["items"]!["properties"]!["settings"]
                : schema["properties"]!["acsResources"]!["items"];
            if (section!["properties"]![name]!["enum"] is JsonArray values)
            {
                return values.First(v => v is not null && v.GetValue<string>() != current.GetValue<string>())!.DeepClone();
            }

            return JsonValue.Create(current.GetValue<string>() + "-changed");
        }
    }
}
