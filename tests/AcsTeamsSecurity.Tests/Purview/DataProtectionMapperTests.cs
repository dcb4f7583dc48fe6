using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Purview;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Purview
{
    public class DataProtectionMapperTests
    {
        private static JsonObject O(string json) => JsonNode.Parse(json)!.AsObject();

        [Fact]
        public void KeepsOnlyTeamsPoliciesAndReadsTheirRules()
        {
            var policies = new[]
            {
                O("{\"Name\":\"Teams PII\",\"Mode\":\"Enable\",\"TeamsLocation\":[\"All\"],\"TeamsLocationException\":[\"a@x.example\"]}"),
                O("{\"Name\":\"Mail\",\"Mode\":\"Enable\",\"TeamsLocation\":[],\"Workload\":\"Exchange\"}"),
            };
            var rules = new[]
            {
                O("{\"Name\":\"r1\",\"ParentPolicyName\":\"teams pii\",\"BlockAccess\":true,\"BlockAccessScope\":\"PerUser\",\"ContentContainsSensitiveInformation\":[{\"name\":\"Credit Card Number\"}]}"),
                O("{\"Name\":\"r2\",\"ParentPolicyName\":\"Teams PII\",\"BlockAccess\":true,\"Disabled\":true,\"ContentContainsSensitiveInformation\":[{\"name\":\"IBAN\"}]}"),
                O("{\"Name\":\"r3\",\"ParentPolicyName\":\"Teams PII\",\"BlockAccess\":false,\"ContentContainsSensitiveInformation\":[{\"name\":\"SWIFT\"}]}"),
            };

            var p = Assert.Single(DataProtectionMapper.MapDlp(policies, rules));

            Assert.Equal("Teams PII", p.Name);
            Assert.True(p.CoversAllTeamsUsers);
            Assert.Equal(new[] { "a@x.example" }, p.TeamsLocationException);
            Assert.Equal(new[] { "Credit Card Number" }, p.BlockedInformationTypes);   // disabled and non-blocking rules do not count
            Assert.True(p.BlocksExternalParticipants);
            Assert.Equal(new[] { "r1", "r2", "r3" }, p.Rules);
        }

        [Fact]
        public void ReadsTheNestedSensitiveTypeGroupsAndLocationObjects()
        {
            var node = JsonNode.Parse("[{\"operator\":\"Or\",\"groups\":[{\"name\":\"Default\",\"sensitivetypes\":[{\"name\":\"ABA Routing Number\"},{\"Name\":\"IBAN\"}]}]}]");
            Assert.Equal(new[] { "ABA Routing Number", "IBAN" }, DataProtectionMapper.SensitiveTypes(node));
            var policy = O("{\"TeamsLocation\":[{\"Name\":\"All\",\"DisplayName\":\"All\"}],\"TeamsLocationException\":{\"DisplayName\":\"Webinar hosts\"}}");
            Assert.Equal(new[] { "All" }, DataProtectionMapper.Locations(policy, "TeamsLocation"));
            Assert.Equal(new[] { "Webinar hosts" }, DataProtectionMapper.Locations(policy, "TeamsLocationException"));
        }

        [Theory]
        [InlineData("Enable", DlpPolicyMode.Enable)]
        [InlineData("testwithnotifications", DlpPolicyMode.TestWithNotifications)]
        [InlineData("TestWithoutNotifications", DlpPolicyMode.TestWithoutNotifications)]
        [InlineData("Disable", DlpPolicyMode.Disable)]
        [InlineData("1", DlpPolicyMode.Unknown)]
        [InlineData("Audit", DlpPolicyMode.Unknown)]
        [InlineData(null, DlpPolicyMode.Unknown)]
        public void ParsesTheMode(string? text, DlpPolicyMode expected) => Assert.Equal(expected, DataProtectionMapper.ParseMode(text));

        [Theory]
        [InlineData(null, true)]
        [InlineData("All", true)]
        [InlineData("PerUser", true)]
        [InlineData("PerAnonymousUser", false)]
        public void BlockingScopesThatKeepOutsidersOut(string? scope, bool blocks) => Assert.Equal(blocks, DataProtectionMapper.BlocksOutsiders(scope));

        [Fact]
        public void ReadsTheAssignedPolicyUnderAnyOfTheNamesSeen()
        {
            Assert.Equal("DEP", DataProtectionMapper.AssignedPolicy(O("{\"DataEncryptionPolicy\":\"DEP\"}")));
            Assert.Equal("DEP2", DataProtectionMapper.AssignedPolicy(O("{\"Policy\":\"DEP2\"}")));
            Assert.Null(DataProtectionMapper.AssignedPolicy(O("{\"Policy\":\"\"}")));
        }
    }
}
