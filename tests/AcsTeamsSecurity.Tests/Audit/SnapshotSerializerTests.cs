using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>Snapshots round-trip exactly, and damaged files are refused with an error that says where.</summary>
    public class SnapshotSerializerTests
    {
        [Fact]
        public void SerializeParseSerializeIsIdentical()
        {
            var first = SnapshotSerializer.Serialize(AuditFixtures.Load(AuditFixtures.Baseline()));
            var second = SnapshotSerializer.Serialize(SnapshotSerializer.Parse(first, "again.json"));
            Assert.Equal(first, second);
        }

        [Fact]
        public void TheBaselineFileIsWhatTheSerializerWrites() =>
            Assert.True(JsonNode.DeepEquals(AuditFixtures.Baseline(), JsonNode.Parse(SnapshotSerializer.Serialize(AuditFixtures.Load(AuditFixtures.Baseline())))));

        [Fact]
        public void CollectionErrorsAndNullsRoundTrip()
        {
            var snapshot = AuditFixtures.Load(AuditFixtures.Baseline());
            snapshot.CollectionErrors.Add(new CollectionError(AuditPlane.AcsResource, "Could not read the ACS resources of subscription x: denied", "PermissionDenied"));
            snapshot.AcsResources = null;
            var again = SnapshotSerializer.Parse(SnapshotSerializer.Serialize(snapshot), "e.json");
            Assert.Null(again.AcsResources);
            var error = Assert.Single(again.CollectionErrors);
            Assert.Equal(AuditPlane.AcsResource, error.Plane);
            Assert.Equal("PermissionDenied", error.ErrorId);
        }

        [Fact]
        public void WriteReplacesAtomicallyAndLeavesNoTemporaryFile()
        {
            var dir = Directory.CreateTempSubdirectory("acsts-snap").FullName;
            try
            {
                var path = Path.Combine(dir, "s.json");
                File.WriteAllText(path, "old");
                SnapshotSerializer.Write(AuditFixtures.Load(AuditFixtures.Baseline()), path);
                Assert.Equal(SnapshotSerializer.Serialize(AuditFixtures.Load(AuditFixtures.Baseline())), File.ReadAllText(path));
                Assert.Single(Directory.GetFiles(dir));
                Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no BOM
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        public static TheoryData<string, string, string> Damaged() => new()
        {
            // jsonPath, JSON value (or "<remove>"), text the error must contain
            { "/meetingPolicies/0/settings/AutoAdmittedUsers", "\"Anybody\"", "/meetingPolicies/0/settings/AutoAdmittedUsers" },
            { "/meetingPolicies/0/settings/AllowAnonymousUsersToStartMeeting", "\"yes\"", "/meetingPolicies/0/settings/AllowAnonymousUsersToStartMeeting" },
            { "/meetingPolicies/0/settings/Surprise", "true", "Surprise" },
            { "/tenant/AllowedAcsResources", "[\"not-a-guid\"]", "/tenant/AllowedAcsResources/0" },
            { "/metadata/tenantId", "<remove>", "tenantId" },
            { "/metadata/createdAt", "\"yesterday\"", "/metadata/createdAt" },
            { "/meetingPolicies/1/userCount", "-3", "/meetingPolicies/1/userCount" },
            { "/acsResources/0/DisableLocalAuth", "\"false\"", "/acsResources/0/DisableLocalAuth" },
            { "/externalAccessPolicies", "{}", "/externalAccessPolicies" },
            { "/collectionErrors", "[{\"plane\":\"Moon\",\"message\":\"x\"}]", "/collectionErrors/0/plane" },
        };

        [Theory]
        [MemberData(nameof(Damaged))]
        public void SchemaValidationRejectsDamagedFilesSayingWhere(string jsonPath, string value, string expected)
        {
            var root = AuditFixtures.Baseline();
            if (value == "<remove>")
            {
                var parts = jsonPath.TrimStart('/').Split('/');
                ((JsonObject)root[parts[0]]!).Remove(parts[1]);
            }
            else
            {
                AuditFixtures.Set(root, jsonPath, JsonNode.Parse(value));
            }

            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(root.ToJsonString(), "damaged.json"));
            Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
            Assert.Contains("damaged.json", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("{", "not valid JSON (line 1")]
        [InlineData("[]", "not a JSON object")]
        [InlineData("{\"schemaVersion\":\"1.0\"}", "does not match the snapshot schema")]
        [InlineData("", "not valid JSON")]
        public void NonSnapshotsAreRefused(string text, string expected)
        {
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(text, "x.json"));
            Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TruncatedFilesAreRefused()
        {
            var text = SnapshotSerializer.Serialize(AuditFixtures.Load(AuditFixtures.Baseline()));
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(text.Substring(0, text.Length / 2), "cut.json"));
            Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
        }

        [Fact]
        public void ANewerSchemaVersionIsNamed()
        {
            var root = AuditFixtures.Baseline();
            root["schemaVersion"] = "2.0";
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Parse(root.ToJsonString(), "new.json"));
            Assert.Equal(ErrorIds.SnapshotVersionUnsupported, error.ErrorId);
            Assert.Contains("2.0", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ASnapshotLoadWouldRefuseIsNeverWritten()
        {
            var snapshot = AuditFixtures.Load(AuditFixtures.Baseline());
            snapshot.Tenant.AllowedAcsResources = new[] { "not-a-guid" };
            var dir = Directory.CreateTempSubdirectory("acsts-snap").FullName;
            try
            {
                var path = Path.Combine(dir, "s.json");
                var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Write(snapshot, path));
                Assert.Equal(ErrorIds.SnapshotInvalid, error.ErrorId);
                Assert.Contains("/tenant/AllowedAcsResources/0", error.Message, StringComparison.Ordinal);
                Assert.Empty(Directory.GetFiles(dir));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void AMissingFileIsSnapshotNotFound()
        {
            var error = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Load(Path.Combine(Path.GetTempPath(), "no-such-snapshot-" + Guid.NewGuid() + ".json")));
            Assert.Equal(ErrorIds.SnapshotNotFound, error.ErrorId);
        }
    }
}
