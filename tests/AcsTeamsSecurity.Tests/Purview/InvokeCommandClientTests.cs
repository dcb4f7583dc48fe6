using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Clients.Purview;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Tests.Auth;
using Xunit;

namespace AcsTeamsSecurity.Tests.Purview
{
    public class InvokeCommandClientTests
    {
        private const string Tenant = "50e2e533-9dab-4904-a828-039ffb9dc1d0";
        private static readonly Uri Base = new("https://ps.compliance.protection.outlook.com");
        private static readonly string Path = $"https://ps.compliance.protection.outlook.com/adminapi/beta/{Tenant}/InvokeCommand";

        [Fact]
        public async Task SendsTheCmdletInputEnvelopeWithAnchorAndFollowsPages()
        {
            var fake = new FakeService();
            fake.Answer(Path, 200, Page(Path + "?$skiptoken=1", new JsonObject { ["Name"] = "A" }));
            fake.Answer(Path + "?$skiptoken=1", 200, Page(null, new JsonObject { ["Name"] = "B" }));

            var items = await Client(fake, "contoso.onmicrosoft.com").InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None);

            Assert.Equal(new[] { "A", "B" }, items.Select(i => i["Name"]!.GetValue<string>()));
            Assert.Equal(2, fake.Requests.Count);
            var first = fake.Requests[0];
            Assert.Equal("POST", first.Method);
            var body = JsonNode.Parse(first.Body!)!.AsObject();
            Assert.Equal("Get-DlpCompliancePolicy", body["CmdletInput"]!["CmdletName"]!.GetValue<string>());
            Assert.Empty(body["CmdletInput"]!["Parameters"]!.AsObject());
            Assert.Equal("UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@contoso.onmicrosoft.com", first.Anchor);
            Assert.Equal("odata.maxpagesize=1000", first.Prefer);
            Assert.All(fake.Requests, r => Assert.StartsWith("Bearer ", r.Authorization, StringComparison.Ordinal));
            Assert.Equal(first.Body, fake.Requests[1].Body);
        }

        [Fact]
        public async Task PassesParametersAndSendsNoAnchorWithoutADomain()
        {
            var fake = new FakeService();
            fake.Answer(Path, 200, Page(null));

            await Client(fake, null).InvokeAsync("Get-DlpComplianceRule", new JsonObject { ["Policy"] = "Teams PII" }, CancellationToken.None);

            var only = Assert.Single(fake.Requests);
            Assert.Null(only.Anchor);
            Assert.Equal("Teams PII", JsonNode.Parse(only.Body!)!["CmdletInput"]!["Parameters"]!["Policy"]!.GetValue<string>());
        }

        [Fact]
        public async Task RefusesToRunAnythingButAGetCmdlet()
        {
            var fake = new FakeService();
            await Assert.ThrowsAsync<ArgumentException>(() => Client(fake, null).InvokeAsync("Set-DlpCompliancePolicy", null, CancellationToken.None));
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public async Task FollowsTheRegionalRedirectWithTheSameServiceTokenAndStaysThere()
        {
            var regional = $"https://emea.ps.compliance.protection.outlook.com/adminapi/beta/{Tenant}/InvokeCommand";
            var fake = new FakeService();
            fake.Redirect(Path, regional);
            fake.Answer(regional, 200, Page(regional + "?$skiptoken=1", new JsonObject { ["Name"] = "A" }));
            fake.Answer(regional + "?$skiptoken=1", 200, Page(null, new JsonObject { ["Name"] = "B" }));

            var client = Client(fake, null);
            var items = await client.InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None);

            Assert.Equal(2, items.Count);
            Assert.Equal(new[] { "ps.compliance.protection.outlook.com", "emea.ps.compliance.protection.outlook.com", "emea.ps.compliance.protection.outlook.com" }, fake.Requests.Select(r => r.Host));
            Assert.All(fake.Requests, r => Assert.Equal(fake.Requests[0].Authorization, r.Authorization));
            Assert.Equal("emea.ps.compliance.protection.outlook.com", client.CurrentBaseUri.Host);
        }

        [Theory]
        [InlineData("https://evil.test/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://emea.ps.compliance.protection.outlook.com:446/adminapi/beta/x/InvokeCommand")]
        [InlineData("http://emea.ps.compliance.protection.outlook.com/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://ps.compliance.protection.outlook.com.evil.test/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://a.b.ps.compliance.protection.outlook.com/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://user:pw@emea.ps.compliance.protection.outlook.com/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://evilps.compliance.protection.outlook.com/adminapi/beta/x/InvokeCommand")]
        [InlineData("https://outlook.office365.com/adminapi/beta/x/InvokeCommand")]
        public async Task RefusesARedirectAnywhereElseBeforeSendingTheToken(string location)
        {
            var fake = new FakeService();
            fake.Redirect(Path, location);

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake, null).InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None));

            Assert.Equal(ErrorIds.CredentialDestinationRefused, ex.ErrorId);
            var only = Assert.Single(fake.Requests);
            Assert.Equal("ps.compliance.protection.outlook.com", only.Host);
        }

        [Fact]
        public async Task FollowsOneRedirectOnly()
        {
            var emea = $"https://emea.ps.compliance.protection.outlook.com/adminapi/beta/{Tenant}/InvokeCommand";
            var fake = new FakeService();
            fake.Redirect(Path, emea);
            fake.Redirect(emea, $"https://apac.ps.compliance.protection.outlook.com/adminapi/beta/{Tenant}/InvokeCommand");

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake, null).InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None));

            Assert.Equal(ErrorIds.CredentialDestinationRefused, ex.ErrorId);
            Assert.Equal(2, fake.Requests.Count);
        }

        [Fact]
        public async Task RefusesANextLinkToAnotherHostWithoutSendingTheToken()
        {
            var fake = new FakeService();
            fake.Answer(Path, 200, Page("https://evil.test/adminapi/beta/x/InvokeCommand?$skiptoken=1", new JsonObject { ["Name"] = "A" }));

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake, null).InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None));

            Assert.Equal(ErrorIds.CredentialDestinationRefused, ex.ErrorId);
            Assert.Single(fake.Requests);
        }

        [Fact]
        public async Task MapsA403ToPermissionDeniedNamingThePermissionAndTheRole()
        {
            var fake = new FakeService();
            fake.Answer(Path, 403, new JsonObject { ["error"] = new JsonObject { ["code"] = "Forbidden", ["message"] = "The caller has no role that may run this cmdlet." } });

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake, null).InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None));

            Assert.Equal(ErrorIds.PermissionDenied, ex.ErrorId);
            Assert.Contains("Exchange.ManageAsApp", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Compliance Administrator", ex.Message, StringComparison.Ordinal);
            Assert.Equal(403, ex.Status);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("{\"value\":{}}")]
        [InlineData("{\"value\":[1]}")]
        [InlineData("{\"value\":[],\"@odata.nextLink\":\"\"}")]
        [InlineData("not json")]
        public async Task RejectsAnAnswerThatIsNotTheValueEnvelope(string body)
        {
            var fake = new FakeService();
            fake.AnswerRaw(Path, 200, body);

            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake, null).InvokeAsync("Get-DlpCompliancePolicy", null, CancellationToken.None));

            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
        }

        [Theory]
        [InlineData("https://ps.compliance.protection.outlook.com", "https://emea.ps.compliance.protection.outlook.com/adminapi/x", true)]
        [InlineData("https://ps.compliance.protection.outlook.com", "https://EMEA.PS.compliance.protection.outlook.com/adminapi/x", true)]
        [InlineData("https://ps.compliance.protection.outlook.com", "https://ps.compliance.protection.outlook.com/adminapi/x", false)]
        [InlineData("https://ps.compliance.protection.outlook.com", "https://-x.ps.compliance.protection.outlook.com/adminapi/x", false)]
        [InlineData("https://127.0.0.1:5001/compliance", "https://localhost:5001/compliance/adminapi/x", false)]
        [InlineData("https://localhost:5001/compliance", "https://eu.localhost:5001/other/adminapi/x", false)]
        [InlineData("https://localhost:5001/compliance", "https://eu.localhost:5001/compliance/adminapi/x", true)]
        public void RegionalHostRule(string baseAddress, string target, bool expected) =>
            Assert.Equal(expected, RequestAuthorizationPolicy.IsRegionalHostOf(new Uri(baseAddress), new Uri(target)));

        [Fact]
        public void ReadsTheInitialDomainFromGraphsOrganization()
        {
            var body = "{\"value\":[{\"id\":\"x\",\"verifiedDomains\":[{\"name\":\"contoso.com\",\"isInitial\":false},{\"name\":\"contoso.onmicrosoft.com\",\"isInitial\":true}]}]}";
            Assert.Equal("contoso.onmicrosoft.com", PurviewClients.ReadInitialDomain(body));
            Assert.Null(PurviewClients.ReadInitialDomain("{\"value\":[{\"verifiedDomains\":[{\"name\":\"a b\",\"isInitial\":true}]}]}"));
            Assert.Null(PurviewClients.ReadInitialDomain("nope"));
        }

        [Fact]
        public void EnvironmentsCarryTheEvidencedHostsAndLeaveUnknownOnesOut()
        {
            var global = EnvironmentRegistry.Get("Global");
            Assert.Equal("https://ps.compliance.protection.outlook.com/.default", global.ScopeFor(AcsTeamsService.Compliance));
            Assert.Equal("https://outlook.office365.com/.default", global.ScopeFor(AcsTeamsService.ExchangeOnline));
            Assert.Contains(AcsTeamsService.Compliance, global.AvailableServices);
            Assert.Equal("ps.compliance.protection.office365.us", EnvironmentRegistry.Get("GCCHigh").ComplianceEndpoint!.Host);
            Assert.Equal("l5.ps.compliance.protection.office365.us", EnvironmentRegistry.Get("DoD").ComplianceEndpoint!.Host);
            Assert.Equal("ps.compliance.protection.partner.outlook.cn", EnvironmentRegistry.Get("China").ComplianceEndpoint!.Host);
            foreach (var name in new[] { "GCCHigh", "DoD", "China" })
            {
                Assert.DoesNotContain(AcsTeamsService.ExchangeOnline, EnvironmentRegistry.Get(name).AvailableServices);
                Assert.Null(EnvironmentRegistry.Get(name).ExchangeEndpoint);
            }
        }

        private static JsonObject Page(string? next, params JsonObject[] items)
        {
            var page = new JsonObject { ["value"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()) };
            if (next is not null)
            {
                page["@odata.nextLink"] = next;
            }

            return page;
        }

        private static InvokeCommandClient Client(FakeService fake, string? domain)
        {
            var token = TestJwt.Create(new { tid = Tenant, aud = "https://ps.compliance.protection.outlook.com" });
            var source = new StaticTokenSource(new Dictionary<AcsTeamsService, (string, DateTimeOffset)> { [AcsTeamsService.Compliance] = (token, DateTimeOffset.UtcNow.AddHours(1)) });
            var broker = new TokenBroker(source, EnvironmentRegistry.Get("Global"));
            var transport = new HttpClientTransport(fake);
            var http = new ServiceHttpClient(AcsTeamsService.Compliance, Base, broker, 0, transport: transport);
            return new InvokeCommandClient(http, regional => new ServiceHttpClient(AcsTeamsService.Compliance, regional, broker, 0, transport: transport), Tenant, domain, InvokeCommandClient.CompliancePermissions);
        }

        private sealed class FakeService : HttpMessageHandler
        {
            private readonly Dictionary<string, (int Status, string Body, string? Location)> _answers = new(StringComparer.Ordinal);

            public List<(string Method, string Host, string? Authorization, string? Anchor, string? Prefer, string? Body)> Requests { get; } = new();

            public void Answer(string url, int status, JsonObject body) => _answers[url] = (status, body.ToJsonString(), null);

            public void AnswerRaw(string url, int status, string body) => _answers[url] = (status, body, null);

            public void Redirect(string url, string location) => _answers[url] = (307, string.Empty, location);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                Requests.Add((request.Method.Method, request.RequestUri!.Host, request.Headers.Authorization?.ToString(),
                    request.Headers.TryGetValues("X-AnchorMailbox", out var a) ? a.Single() : null,
                    request.Headers.TryGetValues("Prefer", out var p) ? p.Single() : null, body));
                var key = Uri.UnescapeDataString(request.RequestUri!.AbsoluteUri);
                if (!_answers.TryGetValue(key, out var answer))
                {
                    return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("{}") };
                }

                var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
                if (answer.Location is not null)
                {
                    response.Headers.Location = new Uri(answer.Location);
                }

                return response;
            }
        }
    }
}
