using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Arm;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Clients
{
    public class ArmClientTests
    {
        private const string Sub = "2ab33998-4d29-46d9-bda1-ec5ae3e9d04a";
        private static readonly Uri Endpoint = new("https://arm.test/arm");

        [Fact]
        public async Task FollowsNextLinkAcrossPagesAndMapsEveryResource()
        {
            var arm = new FakeArm();
            var first = $"https://arm.test/arm/subscriptions/{Sub}/providers/Microsoft.Communication/communicationServices?api-version=2025-09-01";
            var second = first + "&$skipToken=2";
            arm.Answer(first, 200, Page(second, Resource("a", "rg-one", disableLocalAuth: false), Resource("b", "rg-two", disableLocalAuth: true)));
            arm.Answer(second, 200, Page(null, Resource("c", "rg-one")));

            var list = await Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c" }, list.Select(r => r.Name));
            Assert.Equal(new[] { first, second }, arm.Requests);
            Assert.False(list[0].DisableLocalAuth);
            Assert.True(list[1].DisableLocalAuth);
            Assert.Equal("rg-two", list[1].ResourceGroup);
            Assert.All(list, r => Assert.Equal(Sub, r.SubscriptionId));
        }

        [Fact]
        public async Task MapsEveryPropertyOfTheDocumentedShape()
        {
            var arm = new FakeArm();
            var body = Resource("contoso-acs", "RG-Communication", disableLocalAuth: true, publicNetworkAccess: "Disabled", identity: "SystemAssigned");
            body["properties"]!["linkedDomains"] = new JsonArray("/subscriptions/x/domains/contoso.com");
            arm.AnswerAny(200, Page(null, body));

            var r = Assert.Single(await Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));

            Assert.Equal($"/subscriptions/{Sub}/resourceGroups/RG-Communication/providers/Microsoft.Communication/communicationServices/contoso-acs", r.Id);
            Assert.Equal("RG-Communication", r.ResourceGroup);
            Assert.Equal("global", r.Location);
            Assert.Equal("United States", r.DataLocation);
            Assert.Equal("contoso-acs.unitedstates.communication.azure.com", r.HostName);
            Assert.Equal("1475c6ac-baa0-425c-8df5-77d8766e3c25", r.ImmutableResourceId);
            Assert.Equal("Succeeded", r.ProvisioningState);
            Assert.True(r.DisableLocalAuth);
            Assert.Equal("Disabled", r.PublicNetworkAccess);
            Assert.Equal("SystemAssigned", r.ManagedIdentityType);
            Assert.Equal(new[] { "/subscriptions/x/domains/contoso.com" }, r.LinkedDomains);
            Assert.Empty(r.DiagnosticSettings);
            Assert.Null(r.AuthLogsCollected);
        }

        [Fact]
        public void PropertiesAnOlderApiVersionDoesNotReturnStayNull()
        {
            // What 2023-04-01 answers: no disableLocalAuth, no publicNetworkAccess, no identity when none is set.
            var json = JsonNode.Parse($$$"""
                {"id":"/subscriptions/{{{Sub}}}/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/old",
                 "name":"old","type":"Microsoft.Communication/CommunicationServices","location":"global",
                 "properties":{"provisioningState":"Succeeded","dataLocation":"Europe","notificationHubId":null}}
                """)!.AsObject();

            var r = ArmClient.MapResource(json)!;

            Assert.Null(r.DisableLocalAuth);
            Assert.Null(r.PublicNetworkAccess);
            Assert.Null(r.ManagedIdentityType);
            Assert.Null(r.HostName);
            Assert.Empty(r.LinkedDomains);
            Assert.Equal("Europe", r.DataLocation);
        }

        [Fact]
        public void ValuesOfTheWrongTypeAreNotGuessed()
        {
            var json = JsonNode.Parse($$$"""
                {"id":"/subscriptions/{{{Sub}}}/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/odd","name":"odd",
                 "identity":{"type":null},"properties":{"disableLocalAuth":"true","publicNetworkAccess":1,"linkedDomains":["a",2,null]}}
                """)!.AsObject();

            var r = ArmClient.MapResource(json)!;

            Assert.Null(r.DisableLocalAuth);
            Assert.Null(r.PublicNetworkAccess);
            Assert.Null(r.ManagedIdentityType);
            Assert.Equal(new[] { "a" }, r.LinkedDomains);
        }

        [Theory]
        [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/n", "s", "rg")]
        [InlineData("/SUBSCRIPTIONS/s/RESOURCEGROUPS/Rg-X/providers/p/t/n", "s", "Rg-X")]
        [InlineData("subscriptions/s/resourcegroups/rg", "s", "rg")]
        public void ParsesSubscriptionAndResourceGroupFromTheId(string id, string subscription, string group)
        {
            Assert.True(ArmClient.TryParseId(id, out var s, out var g));
            Assert.Equal(subscription, s);
            Assert.Equal(group, g);
        }

        [Theory]
        [InlineData("")]
        [InlineData("/subscriptions/s")]
        [InlineData("/providers/Microsoft.Communication/communicationServices/n")]
        [InlineData("/subscriptions/s/locations/rg/x")]
        public void RejectsIdsWithoutSubscriptionAndResourceGroup(string id)
        {
            Assert.False(ArmClient.TryParseId(id, out _, out _));
            Assert.Null(ArmClient.MapResource(new JsonObject { ["id"] = id, ["name"] = "n" }));
        }

        [Fact]
        public async Task AResourceWithoutAnIdMakesTheAnswerInvalid()
        {
            var arm = new FakeArm();
            arm.AnswerAny(200, "{\"value\":[{\"name\":\"x\"}]}");
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));
            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
        }

        [Theory]
        [InlineData("https://evil.example/arm/subscriptions/x?$skipToken=2")]
        [InlineData("https://arm.test:8443/arm/subscriptions/x?$skipToken=2")]
        [InlineData("http://arm.test/arm/subscriptions/x?$skipToken=2")]
        [InlineData("https://user@arm.test/arm/subscriptions/x")]
        [InlineData("https://arm.test/other/subscriptions/x")]
        [InlineData("https://arm.test/armx/subscriptions/x")]
        [InlineData("/arm/subscriptions/x?$skipToken=2")]
        public async Task RefusesANextLinkOffTheArmEndpoint(string nextLink)
        {
            var arm = new FakeArm();
            arm.AnswerAny(200, Page(nextLink, Resource("a", "rg")));

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));

            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
            Assert.Contains("nextLink", ex.Message, StringComparison.Ordinal);
            Assert.Single(arm.Requests);
        }

        [Fact]
        public void AcceptsANextLinkOnTheEndpointWhateverTheCase()
        {
            Assert.Equal("https://arm.test/ARM/subscriptions/x?$skipToken=2", ArmClient.CheckNextLink(Endpoint, "https://ARM.test/ARM/subscriptions/x?$skipToken=2", "t"));
            Assert.Equal("https://management.azure.com/subscriptions/x?a=b", ArmClient.CheckNextLink(new Uri("https://management.azure.com/"), "https://management.azure.com/subscriptions/x?a=b", "t"));
        }

        [Fact]
        public async Task StopsWhenTheServiceRepeatsANextLink()
        {
            var arm = new FakeArm();
            var first = $"https://arm.test/arm/subscriptions/{Sub}/providers/Microsoft.Communication/communicationServices?api-version=2025-09-01";
            arm.Answer(first, 200, Page(first, Resource("a", "rg")));

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));

            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
            Assert.Single(arm.Requests);
        }

        [Theory]
        [InlineData("")]
        [InlineData("not-a-guid")]
        [InlineData("2ab33998-4d29-46d9-bda1-ec5ae3e9d04a/../x")]
        [InlineData("{2ab33998-4d29-46d9-bda1-ec5ae3e9d04a}")]
        [InlineData("2ab339984d2946d9bda1ec5ae3e9d04a")]
        public async Task RefusesASubscriptionIdThatIsNotAGuidBeforeAnyRequest(string subscription)
        {
            var arm = new FakeArm();
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(subscription, CancellationToken.None));
            Assert.Equal(ErrorIds.SubscriptionIdInvalid, ex.ErrorId);
            Assert.Empty(arm.Requests);
        }

        [Fact]
        public async Task ADeniedListNamesTheRoleActionAndSubscription()
        {
            var arm = new FakeArm();
            arm.AnswerAny(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'x' with object id 'x' does not have authorization to perform action 'Microsoft.Communication/communicationServices/read' over scope '/subscriptions/s'.\"}}");

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));

            Assert.Equal(ErrorIds.PermissionDenied, ex.ErrorId);
            Assert.Equal("AuthorizationFailed", ex.ServiceErrorCode);
            Assert.Contains($"the Reader role (Microsoft.Communication/communicationServices/read) on subscription {Sub}", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("{\"category\":\"AuthOperational\",\"enabled\":true}", "workspaceId", true)]
        [InlineData("{\"category\":\"authoperational\",\"categoryGroup\":null,\"enabled\":true}", "storageAccountId", true)]
        [InlineData("{\"categoryGroup\":\"allLogs\",\"enabled\":true}", "eventHubAuthorizationRuleId", true)]
        [InlineData("{\"categoryGroup\":\"allLogs\",\"enabled\":true}", "marketplacePartnerId", true)]
        [InlineData("{\"categoryGroup\":\"audit\",\"enabled\":true}", "workspaceId", false)]
        [InlineData("{\"category\":\"AuthOperational\",\"enabled\":false}", "workspaceId", false)]
        [InlineData("{\"category\":\"ChatOperational\",\"enabled\":true}", "workspaceId", false)]
        [InlineData("{\"category\":\"AuthOperational\",\"enabled\":true}", null, false)]
        [InlineData("{\"category\":\"AuthOperational\",\"enabled\":\"true\"}", "workspaceId", false)]
        public void DecidesWhetherASettingCollectsAuthLogs(string log, string? destination, bool expected)
        {
            var properties = new JsonObject { ["workspaceId"] = null, ["logs"] = new JsonArray(JsonNode.Parse(log)) };
            if (destination is not null)
            {
                properties[destination] = "/subscriptions/s/resourceGroups/rg/providers/x/y/z";
            }

            Assert.Equal(expected, ArmClient.CollectsAuthLogs(new JsonObject { ["name"] = "d", ["properties"] = properties }));
        }

        [Fact]
        public async Task EnrichesTheResourceWithSettingNamesAndAuthLogs()
        {
            var arm = new FakeArm();
            var id = $"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/contoso-acs-chat";
            arm.Answer($"https://arm.test/arm{id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview", 200, $$$"""
                {"value":[
                  {"id":"{{{id}}}/providers/microsoft.insights/diagnosticSettings/chat-only","name":"chat-only","type":"Microsoft.Insights/diagnosticSettings",
                   "properties":{"workspaceId":"/w","logs":[{"category":"ChatOperational","categoryGroup":null,"enabled":true},{"category":"AuthOperational","categoryGroup":null,"enabled":false}],"metrics":[]}},
                  {"name":"all-logs-no-destination","properties":{"workspaceId":null,"logs":[{"category":null,"categoryGroup":"allLogs","enabled":true}]}}
                ]}
                """);
            var resource = ArmClient.MapResource(Resource("contoso-acs-chat", "rg"))!;

            await Client(arm).EnrichWithDiagnosticsAsync(resource, CancellationToken.None);

            Assert.Equal(new[] { "chat-only", "all-logs-no-destination" }, resource.DiagnosticSettings);
            Assert.False(resource.AuthLogsCollected);
        }

        [Fact]
        public async Task NoDiagnosticSettingsMeansNoAuthLogs()
        {
            var arm = new FakeArm();
            arm.AnswerAny(200, "{\"value\":[]}");
            var resource = ArmClient.MapResource(Resource("a", "rg"))!;

            await Client(arm).EnrichWithDiagnosticsAsync(resource, CancellationToken.None);

            Assert.Empty(resource.DiagnosticSettings);
            Assert.False(resource.AuthLogsCollected);
        }

        [Fact]
        public async Task ADeniedDiagnosticsReadPropagatesAndLeavesAuthLogsUnknown()
        {
            var arm = new FakeArm();
            arm.AnswerAny(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}");
            var resource = ArmClient.MapResource(Resource("a", "rg"))!;

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).EnrichWithDiagnosticsAsync(resource, CancellationToken.None));

            Assert.Equal(ErrorIds.PermissionDenied, ex.ErrorId);
            Assert.Contains("Microsoft.Insights/diagnosticSettings/read", ex.Message, StringComparison.Ordinal);
            Assert.Null(resource.AuthLogsCollected);
            Assert.Empty(resource.DiagnosticSettings);
        }

        [Theory]
        [InlineData("https://evil.example/x")]
        [InlineData("/subscriptions/s/resourceGroups/rg/providers/p/t/n?api-version=1")]
        [InlineData("/subscriptions/s/resourceGroups/rg/../../x")]
        [InlineData("/providers/p/t/n")]
        public async Task RefusesAResourceIdThatIsNotOne(string id)
        {
            var arm = new FakeArm();
            await Assert.ThrowsAsync<ArgumentException>(() => Client(arm).GetDiagnosticSettingsAsync(id, CancellationToken.None));
            Assert.Empty(arm.Requests);
        }

        [Theory]
        [InlineData("<html>gateway</html>")]
        [InlineData("{\"value\":{}}")]
        [InlineData("[]")]
        public async Task BodiesThatAreNotTheListShapeAreInvalid(string body)
        {
            var arm = new FakeArm();
            arm.AnswerAny(200, body);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(arm).ListCommunicationServicesAsync(Sub, CancellationToken.None));
            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
        }

        [Fact]
        public async Task UsesTheGaVersionByDefaultAndAPreviewOnlyWhenAsked()
        {
            Assert.Equal("2025-09-01", ArmClient.DefaultCommunicationApiVersion);
            var arm = new FakeArm();
            var preview = $"https://arm.test/arm/subscriptions/{Sub}/providers/Microsoft.Communication/communicationServices?api-version=2025-05-01-preview";
            arm.Answer(preview, 200, Page(null, Resource("a", "rg-one", disableLocalAuth: true)));
            var client = new ArmClient(new ServiceHttpClient(AcsTeamsService.Arm, Endpoint, broker: null, maxRetries: 0, transport: new HttpClientTransport(arm)), "2025-05-01-preview");

            var list = await client.ListCommunicationServicesAsync(Sub, CancellationToken.None);

            Assert.Equal(new[] { preview }, arm.Requests);
            Assert.True(Assert.Single(list).DisableLocalAuth);
        }

        private static ArmClient Client(FakeArm arm) =>
            new(new ServiceHttpClient(AcsTeamsService.Arm, Endpoint, broker: null, maxRetries: 0, transport: new HttpClientTransport(arm)));

        private static string Page(string? nextLink, params JsonObject[] resources)
        {
            var page = new JsonObject { ["value"] = new JsonArray(resources) };
            if (nextLink is not null)
            {
                page["nextLink"] = nextLink;
            }

            return page.ToJsonString();
        }

        private static JsonObject Resource(string name, string group, bool? disableLocalAuth = null, string? publicNetworkAccess = null, string? identity = null)
        {
            var properties = new JsonObject
            {
                ["provisioningState"] = "Succeeded",
                ["hostName"] = $"{name}.unitedstates.communication.azure.com",
                ["dataLocation"] = "United States",
                ["immutableResourceId"] = "1475c6ac-baa0-425c-8df5-77d8766e3c25",
                ["version"] = "0.2.0",
                ["notificationHubId"] = null,
                ["linkedDomains"] = new JsonArray(),
            };
            if (disableLocalAuth is not null)
            {
                properties["disableLocalAuth"] = disableLocalAuth;
            }

            if (publicNetworkAccess is not null)
            {
                properties["publicNetworkAccess"] = publicNetworkAccess;
            }

            var resource = new JsonObject
            {
                ["id"] = $"/subscriptions/{Sub}/resourceGroups/{group}/providers/Microsoft.Communication/communicationServices/{name}",
                ["name"] = name,
                ["type"] = "Microsoft.Communication/CommunicationServices",
                ["location"] = "global",
                ["tags"] = new JsonObject(),
            };
            if (identity is not null)
            {
                resource["identity"] = new JsonObject { ["type"] = identity, ["principalId"] = Guid.Empty.ToString(), ["tenantId"] = Guid.Empty.ToString() };
            }

            resource["properties"] = properties;
            return resource;
        }

        /// <summary>An in-memory ARM: canned answers by absolute URL (or one answer for any URL); records what was asked.</summary>
        private sealed class FakeArm : HttpMessageHandler
        {
            private readonly Dictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);
            private (int Status, string Body)? _any;

            public List<string> Requests { get; } = new();

            public void Answer(string url, int status, string body) => _answers[url] = (status, body);

            public void AnswerAny(int status, string body) => _any = (status, body);

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var url = request.RequestUri!.OriginalString;
                Requests.Add(url);
                var (status, body) = _answers.TryGetValue(url, out var a) ? a : _any ?? (404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no canned answer\"}}");
                return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    RequestMessage = request,
                });
            }
        }
    }
}
