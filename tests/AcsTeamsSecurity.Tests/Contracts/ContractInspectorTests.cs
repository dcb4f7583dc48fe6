using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Contracts;
using Xunit;

namespace AcsTeamsSecurity.Tests.Contracts
{
    /// <summary>How one answer is compared with a contract's evidenced variants, and what of it may reach a report.</summary>
    public class ContractInspectorTests
    {
        private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

        private static ContractEntry Entry(string id) => ContractCatalogue.All.Single(e => e.Id == id);

        private static ContractObservation Inspect(string id, string? body, int status = 200, Dictionary<string, string>? headers = null, long ms = 42)
        {
            var o = new ContractObservation(Entry(id));
            ContractInspector.Inspect(o, status, body, headers ?? NoHeaders, ms);
            return o;
        }

        [Theory]
        [InlineData("{\"value\":[{\"id\":\"a\"}]}", "valueArray")]
        [InlineData("{\"@odata.context\":\"x\",\"value\":{\"id\":\"a\"}}", "valueObject")]
        [InlineData("{\"id\":\"a\"}", "object")]
        [InlineData("[{\"id\":\"a\"}]", "array")]
        [InlineData("[]", "array")]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("42", "scalar")]
        public void ShapesAreNamed(string body, string shape)
        {
            var o = new ContractObservation(Entry("graph-organization"));
            ContractInspector.Inspect(o, 200, body, NoHeaders, 1);
            Assert.Equal(shape, o.Shape);
        }

        [Fact]
        public void NestedNamesTheModuleDoesNotRelyOnAreWithheld()
        {
            // Review finding: ARM tags are keys the customer chose (tags.ProjectFalcon); one level down, only the names the
            // contract relies on (properties.disableLocalAuth) are reported, the rest as <name>.
            var o = Inspect("arm-list-communication", "{\"value\":[{\"id\":\"x\",\"name\":\"y\",\"tags\":{\"ProjectFalcon\":\"1\"},\"properties\":{\"disableLocalAuth\":true,\"hostName\":\"h\"}}]}");
            Assert.DoesNotContain(o.PropertyTypes.Keys, k => k.Contains("ProjectFalcon", StringComparison.Ordinal));
            Assert.Contains("tags.<name>", o.PropertyTypes.Keys);
            Assert.Contains("properties.disableLocalAuth", o.PropertyTypes.Keys);
            Assert.DoesNotContain("properties.hostName", o.PropertyTypes.Keys);
        }

        [Fact]
        public void TheStrongestVariantMatchesAndAnotherEvidencedOneMatchesByName()
        {
            var wrapped = Inspect("graph-user-configuration", "{\"value\":{\"id\":\"95797837-893c-4a7b-a517-912cdbdac665\",\"effectivePolicyAssignments\":[]}}");
            Assert.Equal("Matches", wrapped.Outcome);
            Assert.Equal("valueWrapped", wrapped.Variant);
            var plain = Inspect("graph-user-configuration", "{\"id\":\"95797837-893c-4a7b-a517-912cdbdac665\",\"effectivePolicyAssignments\":[]}");
            Assert.Equal("MatchesVariant", plain.Outcome);
            Assert.Equal("plain", plain.Variant);
        }

        [Fact]
        public void AMissingPropertyTheModuleReliesOnDiffersAndIsNamed()
        {
            var o = Inspect("teams-get-configuration:TeamsAcsFederationConfiguration", "{\"Identity\":\"Global\",\"EnableAcsUsers\":true,\"AllowedAcsResourceIds\":[]}");
            Assert.Equal("Differs", o.Outcome);
            Assert.Equal(new[] { "AllowedAcsResources" }, o.MissingProperties);
            Assert.Contains("missing property AllowedAcsResources", o.Differences);
            Assert.Equal("<array>", o.PropertyTypes["AllowedAcsResourceIds"]);
        }

        [Fact]
        public void UnknownEnumValuesDifferKnownOnesDoNotAndCaseIsIgnored()
        {
            var o = Inspect("teams-list-configurations:TeamsMeetingPolicy", "[" + Policy("everyoneincompany", "[\"ACS\"]") + "," + Policy("EveryoneInTheGalaxy", "[\"Hologram\"]") + "]");
            Assert.Equal("Differs", o.Outcome);
            Assert.Equal(new[] { "AutoAdmittedUsers=EveryoneInTheGalaxy", "BlockedAnonymousJoinClientTypes[]=Hologram" }, o.UnknownEnumValues);
            Assert.Contains("EveryoneInCompany", o.EnumValues["AutoAdmittedUsers"]);
        }

        [Fact]
        public void AnEnumValueThatLooksLikeDataIsReportedByItsTypeOnly()
        {
            var o = Inspect("teams-list-configurations:TeamsMeetingPolicy", "[" + Policy("admin@contoso.com", "[]") + "]");
            Assert.Equal(new[] { "AutoAdmittedUsers=<upn>" }, o.UnknownEnumValues);
        }

        [Fact]
        public void NestedEnumPathsAreFollowedThroughArrays()
        {
            var o = Inspect("graph-user-configuration", "{\"value\":{\"id\":\"x\",\"effectivePolicyAssignments\":[{\"policyType\":\"TeamsMeetingPolicy\",\"policyAssignment\":{\"assignmentType\":\"inherited\"}}]}}");
            Assert.Equal(new[] { "effectivePolicyAssignments[].policyAssignment.assignmentType=inherited" }, o.UnknownEnumValues);
        }

        [Fact]
        public void AShapeNoVariantHasDiffers()
        {
            var o = Inspect("arm-subscriptions", "[{\"id\":\"x\",\"subscriptionId\":\"y\",\"state\":\"Enabled\"}]");
            Assert.Equal("Differs", o.Outcome);
            Assert.Null(o.Variant);
            Assert.StartsWith("shape array, evidenced: valueWrapped (valueArray)", o.Differences[0], StringComparison.Ordinal);
        }

        [Fact]
        public void SeveralInstancesWhereOneWasAskedForDiffers()
        {
            var o = Inspect("teams-get-configuration:TeamsMeetingConfiguration", "[{\"Identity\":\"Global\",\"DisableAnonymousJoin\":false},{\"Identity\":\"Tag:X\",\"DisableAnonymousJoin\":false}]");
            Assert.Equal("Differs", o.Outcome);
            Assert.Contains("an array of 2 where one instance was asked for", o.Differences);
        }

        [Fact]
        public void ARedirectDiffers()
        {
            var o = Inspect("graph-organization", null, 302, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = "https://elsewhere.example/" });
            Assert.Equal("Differs", o.Outcome);
            Assert.Equal("redirected (302 with Location)", o.Differences.Single());
        }

        [Fact]
        public void HeadersOfInterestAreFlagsAndNamesNeverValues()
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["ETag"] = "\"secret-etag-value\"",
                ["X-Ms-ConfigApi-PowerShell-WarningMessage"] = "Tenant contoso is special",
                ["Retry-After"] = "7",
                ["x-ms-correlation-id"] = "95797837-893c-4a7b-a517-912cdbdac665",
                ["Bad Header Name!"] = "x",
            };
            var o = Inspect("teams-put-configuration", string.Empty, 204, headers, 1234);
            Assert.True(o.ETagPresent && o.WarningHeaderPresent && o.RetryAfterPresent && o.RequestIdPresent);
            Assert.Equal(new[] { "etag", "retry-after", "x-ms-configapi-powershell-warningmessage", "x-ms-correlation-id" }, o.HeaderNames);
            Assert.Equal("<2s", o.LatencyBucket);
            Assert.Equal("MatchesVariant", o.Outcome);
            Assert.Equal("empty", o.Variant);
        }

        [Theory]
        [InlineData("95797837-893c-4a7b-a517-912cdbdac665", "<guid>")]
        [InlineData("admin@contoso.onmicrosoft.com", "<upn>")]
        [InlineData("contoso.com", "<domain>")]
        [InlineData("https://contoso.sharepoint.com/x", "<url>")]
        [InlineData("2026-12-06T18:00:00Z", "<datetime>")]
        [InlineData("Tag:SecretPolicyName", "<string>")]
        [InlineData("", "<empty>")]
        public void ValuesBecomeTheirType(string value, string type) => Assert.Equal(type, ContractInspector.TypeOfString(value));

        [Theory]
        [InlineData(10, "<100ms")]
        [InlineData(100, "<500ms")]
        [InlineData(1999, "<2s")]
        [InlineData(9000, "<10s")]
        [InlineData(60000, ">=10s")]
        public void LatencyIsBucketed(long ms, string bucket) => Assert.Equal(bucket, ContractInspector.Bucket(ms));

        [Fact]
        public void PropertyNamesThatLookLikeDataAreNotReported()
        {
            var o = Inspect("graph-organization", "{\"value\":[{\"id\":\"a\",\"contoso.com\":1,\"95797837-893c-4a7b-a517-912cdbdac665\":2,\"nested\":{\"admin@contoso.com\":true,\"fine\":1}}]}");
            Assert.Equal(new[] { "<name>", "id", "nested", "nested.<name>" }, o.PropertyTypes.Keys); // nested names the contract does not rely on are withheld too
        }

        private static string Policy(string autoAdmitted, string blocked) =>
            "{\"Identity\":\"Global\",\"AllowAnonymousUsersToJoinMeeting\":true,\"AllowAnonymousUsersToStartMeeting\":false,\"AutoAdmittedUsers\":\"" + autoAdmitted + "\"," +
            "\"AllowPSTNUsersToBypassLobby\":false,\"BlockedAnonymousJoinClientTypes\":" + blocked + ",\"MeetingChatEnabledType\":\"Enabled\",\"DesignatedPresenterRoleMode\":\"EveryoneUserOverride\"," +
            "\"AllowExternalParticipantGiveRequestControl\":false,\"AnonymousUserAuthenticationMethod\":\"OneTimePasscode\",\"ExternalMeetingJoin\":\"EnabledForAnyone\",\"AllowCloudRecording\":true,\"AllowTranscription\":true}";
    }
}
