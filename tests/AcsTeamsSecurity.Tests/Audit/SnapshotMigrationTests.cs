using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>Schema 1.1 adds the Purview plane; 1.0 files (written before it) still load, with no Purview plane.</summary>
    public class SnapshotMigrationTests
    {
        private static string OneZero() => File.ReadAllText(Path.Combine(AuditFixtures.Folder, "secure-snapshot-1.0.json"));

        [Fact]
        public void AOneZeroFileLoadsWithoutAPurviewPlane()
        {
            var snapshot = SnapshotSerializer.Parse(OneZero(), "old.json");

            Assert.Equal("1.0", snapshot.SchemaVersion);
            Assert.Null(snapshot.Purview);
            Assert.Equal(2, snapshot.MeetingPolicies.Count);
        }

        [Fact]
        public void AOneZeroFileWrittenAgainIsAValidOneOneFile()
        {
            var text = SnapshotSerializer.Serialize(SnapshotSerializer.Parse(OneZero(), "old.json"));
            var root = JsonNode.Parse(text)!.AsObject();

            Assert.Equal("1.1", root["schemaVersion"]!.GetValue<string>());
            Assert.True(root.ContainsKey("purview"));
            Assert.Null(root["purview"]);
            Assert.Null(SnapshotSerializer.Parse(text, "migrated.json").Purview);
        }

        [Fact]
        public void AOneZeroFileIsHeldToTheOneZeroSchema()
        {
            // A 1.0 file may not carry a Purview plane: it did not exist in 1.0.
            var root = JsonNode.Parse(OneZero())!.AsObject();
            root["purview"] = null;
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(root.ToJsonString(), "forged.json"));
            Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
            Assert.Contains("schema 1.0", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void APurviewPlaneRoundTrips()
        {
            var snapshot = AuditFixtures.Load(AuditFixtures.Baseline());
            snapshot.Purview!.ExcludedUsers.Add(new SnapshotDlpExclusion { Identity = "events@contoso.example", MeetingPolicy = "Tag:Webinars", ExternalAccessPolicy = null });
            var again = SnapshotSerializer.Parse(SnapshotSerializer.Serialize(snapshot), "again.json");

            var policy = Assert.Single(again.Purview!.DlpPolicies);
            Assert.Equal("Teams sensitive data", policy.Name);
            Assert.Equal(DlpPolicyMode.Enable, policy.Mode);
            Assert.True(policy.CoversAllTeamsUsers);
            Assert.True(policy.BlocksExternalParticipants);
            Assert.Equal(3, policy.BlockedInformationTypes.Count);
            Assert.Equal(CustomerKeyState.Assigned, again.Purview.CustomerKey.State);
            Assert.Equal("Contoso M365 DEP", again.Purview.CustomerKey.AssignedPolicy);
            var excluded = Assert.Single(again.Purview.ExcludedUsers);
            Assert.Equal("Tag:Webinars", excluded.MeetingPolicy);
            Assert.Null(excluded.ExternalAccessPolicy);
        }

        [Theory]
        [InlineData("/purview/dlpPolicies/0/Mode", "\"Enforce\"")]
        [InlineData("/purview/customerKey/State", "\"Maybe\"")]
        [InlineData("/purview/dlpPolicies/0/CoversAllTeamsUsers", "null")]
        [InlineData("/purview/excludedUsers", "null")]
        public void APurviewPlaneOutsideTheSchemaIsRefused(string jsonPath, string value)
        {
            var root = AuditFixtures.Baseline();
            AuditFixtures.Set(root, jsonPath, JsonNode.Parse(value));
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(root.ToJsonString(), "bad.json"));
            Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
        }

        [Fact]
        public void ComparesThePurviewPlaneFromTheExternalUsersSide()
        {
            var reference = AuditFixtures.Load(AuditFixtures.Baseline());
            var difference = AuditFixtures.Load(AuditFixtures.Baseline());
            var policy = difference.Purview!.DlpPolicies[0];
            policy.Mode = DlpPolicyMode.TestWithNotifications;
            policy.TeamsLocationException = new[] { "events@contoso.example" };
            difference.Purview.CustomerKey.State = CustomerKeyState.NotAssigned;

            var comparer = new SnapshotComparer();
            var changes = comparer.Compare(reference, difference).Where(c => c.Plane == AuditPlane.Purview).ToList();

            Assert.Contains(changes, c => c.Scope == "Teams sensitive data" && c.Setting == "Mode" && c.ReferenceValue == "Enable" && c.DifferenceValue == "TestWithNotifications" && c.Direction == ChangeDirection.Loosening);
            Assert.Contains(changes, c => c.Setting == "TeamsLocationException" && c.Direction == ChangeDirection.Loosening);
            Assert.Contains(changes, c => c.Scope == "Customer Key" && c.Setting == "State" && c.Direction == ChangeDirection.Loosening);
            Assert.Equal(3, changes.Count);
        }

        [Fact]
        public void APlaneOnlyOneSnapshotHasIsSkippedAndNamed()
        {
            var comparer = new SnapshotComparer();
            var changes = comparer.Compare(SnapshotSerializer.Parse(OneZero(), "old.json"), AuditFixtures.Load(AuditFixtures.Baseline()));

            Assert.DoesNotContain(changes, c => c.Plane == AuditPlane.Purview);
            Assert.Contains(comparer.SkippedPlanes, p => p.StartsWith("Purview", StringComparison.Ordinal));
        }
    }
}
