using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Clients
{
    public class GraphBatchTests
    {
        [Theory]
        [InlineData(0, 0)]
        [InlineData(1, 1)]
        [InlineData(20, 1)]
        [InlineData(21, 2)]
        [InlineData(1000, 50)]
        public void SplitsIntoBatchesOfTwenty(int items, int batches)
        {
            var chunks = GraphBatch.Split(Enumerable.Range(0, items).ToList()).ToList();
            Assert.Equal(batches, chunks.Count);
            Assert.All(chunks, c => Assert.InRange(c.Count, 1, 20));
            Assert.Equal(items, chunks.Sum(c => c.Count));
        }

        [Fact]
        public void WritesTheDocumentedBodyWithContentTypeForBodies()
        {
            var body = GraphBatch.Body(new[]
            {
                new GraphBatchRequest("1", "GET", "/users/a"),
                new GraphBatchRequest("2", "PATCH", "/users/a/onlineMeetings/b", new JsonObject { ["allowMeetingChat"] = "limited" }),
            });
            var root = JsonNode.Parse(body)!;
            var requests = root["requests"]!.AsArray();
            Assert.Equal(2, requests.Count);
            Assert.Null(requests[0]!["headers"]!["Content-Type"]);
            Assert.Equal("include-unknown-enum-members", requests[0]!["headers"]!["Prefer"]!.GetValue<string>());
            Assert.Equal("application/json", requests[1]!["headers"]!["Content-Type"]!.GetValue<string>());
            Assert.Equal("limited", requests[1]!["body"]!["allowMeetingChat"]!.GetValue<string>());
        }

        [Fact]
        public void RefusesEmptyOversizedAndDuplicateBatches()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => GraphBatch.Body(Array.Empty<GraphBatchRequest>()));
            Assert.Throws<ArgumentOutOfRangeException>(() => GraphBatch.Body(Enumerable.Range(0, 21).Select(i => new GraphBatchRequest(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "GET", "/x")).ToList()));
            Assert.Throws<ArgumentException>(() => GraphBatch.Body(new[] { new GraphBatchRequest("a", "GET", "/x"), new GraphBatchRequest("A", "GET", "/y") }));
        }

        [Fact]
        public void ParsesResponsesInAnyOrderWithHeaders()
        {
            var parsed = GraphBatch.Parse("{\"responses\":[{\"id\":\"2\",\"status\":429,\"headers\":{\"Retry-After\":\"2.128\"},\"body\":{\"error\":{\"code\":\"TooManyRequests\"}}},{\"id\":\"1\",\"status\":200,\"body\":{\"id\":\"u\"}}]}");
            Assert.Equal(new[] { "2", "1" }, parsed.Select(p => p.Id));
            Assert.False(parsed[0].IsSuccess);
            Assert.Equal("2.128", parsed[0].Headers["retry-after"]);
            Assert.Equal("u", parsed[1].Body!["id"]!.GetValue<string>());
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"responses\":{}}")]
        [InlineData("{\"responses\":[{\"status\":200}]}")]
        [InlineData("[1]")]
        public void MalformedResponsesThrowJsonErrors(string body)
        {
            Assert.ThrowsAny<Exception>(() => GraphBatch.Parse(body));
        }

        [Fact]
        public void RetryDelayHonoursSecondsDatesAndTheCap()
        {
            var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
            var cap = TimeSpan.FromSeconds(60);
            Assert.Equal(TimeSpan.FromSeconds(2.128), GraphBatch.RetryDelay(new Dictionary<string, string> { ["Retry-After"] = "2.128" }, 0, now, cap));
            Assert.Equal(TimeSpan.FromSeconds(30), GraphBatch.RetryDelay(new Dictionary<string, string> { ["Retry-After"] = now.AddSeconds(30).ToString("r") }, 0, now, cap));
            Assert.Equal(cap, GraphBatch.RetryDelay(new Dictionary<string, string> { ["Retry-After"] = "3600" }, 0, now, cap));
            Assert.Equal(TimeSpan.Zero, GraphBatch.RetryDelay(new Dictionary<string, string> { ["Retry-After"] = now.AddSeconds(-5).ToString("r") }, 0, now, cap));
            Assert.Equal(TimeSpan.FromMilliseconds(1000), GraphBatch.RetryDelay(new Dictionary<string, string>(), 1, now, cap));
        }
    }

    public class PolicyMapperTests
    {
        [Fact]
        public void MapsServiceInstancesOntoTypedSettings()
        {
            var json = JsonNode.Parse("{\"Identity\":\"Tag:X\",\"autoAdmittedUsers\":\"everyone\",\"AllowAnonymousUsersToJoinMeeting\":true,\"BlockedAnonymousJoinClientTypes\":[\"ACS\",\"Bogus\"],\"MeetingChatEnabledType\":\"SomethingNew\",\"LobbyChat\":null}")!.AsObject();
            var m = PolicyMapper.Read<MeetingPolicySettings>(json);
            Assert.Equal("Tag:X", m.Identity);
            Assert.Equal(AutoAdmittedUsers.Everyone, m.AutoAdmittedUsers);
            Assert.True(m.AllowAnonymousUsersToJoinMeeting);
            Assert.Equal(new[] { AnonymousJoinClientType.ACS }, m.BlockedAnonymousJoinClientTypes);
            Assert.Null(m.MeetingChatEnabledType);
            Assert.Null(m.LobbyChat);
        }

        [Fact]
        public void ReadsTheTenantFederationDomainShape()
        {
            var json = JsonNode.Parse("{\"AllowFederatedUsers\":true,\"AllowedDomains\":{\"AllowedDomain\":[{\"Domain\":\"fabrikam.com\"},{\"Domain\":\"contoso.net\"}]},\"BlockedDomains\":[{\"Domain\":\"evil.example\"}]}")!.AsObject();
            var c = PolicyMapper.Read<AcsFederationConfiguration>(json);
            Assert.Equal(new[] { "fabrikam.com", "contoso.net" }, c.AllowedDomains);
            Assert.Equal(new[] { "evil.example" }, c.BlockedDomains);
        }

        [Fact]
        public void SameValueComparesListsAsSets()
        {
            Assert.True(SettingValues.Same(new[] { "a", "B" }, new List<string> { "b", "A" }));
            Assert.False(SettingValues.Same(new[] { "a" }, new[] { "a", "b" }));
            // Review finding: duplicates count, and the answer is the same both ways.
            Assert.False(SettingValues.Same(new[] { "A", "A" }, new[] { "A", "B" }));
            Assert.False(SettingValues.Same(new[] { "A", "B" }, new[] { "A", "A" }));
            Assert.True(SettingValues.Same(AutoAdmittedUsers.Everyone, "everyone"));
            Assert.False(SettingValues.Same(true, null));
            Assert.Equal("[ACS, Teams]", SettingValues.Display(new[] { AnonymousJoinClientType.ACS, AnonymousJoinClientType.Teams }));
        }
    }
}
