using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Clients
{
    /// <summary>The Teams admin write contract of api-facts §10.1 (docs/CONTRACTS.md, Teams admin), on a fake transport.</summary>
    public class TeamsAdminClientTests
    {
        private const string Base = "https://teams.test/teams/";
        private const string Discovery = Base + "Teams.Tenant/serviceDiscovery";

        [Theory]
        [InlineData("Global", "Global")]
        [InlineData("Tag:Name", "Tag:Name")]
        [InlineData("Tag:My Policy", "Tag:My%20Policy")]
        [InlineData("a/b?c#d;e,f%g", "a%2Fb%3Fc%23d%3Be%2Cf%25g")]
        [InlineData("$&+:=@-_.~", "$&+:=@-_.~")]
        [InlineData("Tag:Büro", "Tag:B%C3%BCro")]
        public void PathSegmentsAreEscapedLikeGoPathEscape(string value, string expected) =>
            Assert.Equal(expected, TeamsAdminClient.PathSegment(value));

        [Theory]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("")]
        public void DotSegmentsAreRefusedNotSent(string value)
        {
            // Review finding: Uri would collapse ".." and send a snapshot's write to the collection path.
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => TeamsAdminClient.PathSegment(value));
            Assert.Equal(ErrorIds.PolicyNotFound, ex.ErrorId);
        }

        [Fact]
        public async Task PutSendsOnlyTheChangedSettingsOnTheEscapedInstancePath()
        {
            var fake = new FakeTeams();
            fake.Answer("PUT", Base + "Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:Open%20Doors", 204, string.Empty);
            var changes = new JsonObject { ["AutoAdmittedUsers"] = "OrganizerOnly", ["AllowTranscription"] = false };

            var result = await Client(fake).PutAsync("TeamsMeetingPolicy", "Tag:Open Doors", changes, null, CancellationToken.None);

            Assert.Null(result);
            var put = Assert.Single(fake.Requests, r => r.Method == "PUT");
            Assert.Equal("{\"AutoAdmittedUsers\":\"OrganizerOnly\",\"AllowTranscription\":false}", put.Body);
            Assert.False(put.Headers.ContainsKey("If-Match"));
            Assert.DoesNotContain(fake.Requests, r => r.Method == "PATCH");
        }

        [Fact]
        public async Task PutNeverCarriesIdentity()
        {
            var fake = new FakeTeams();
            await Assert.ThrowsAsync<ArgumentException>(() => Client(fake).PutAsync("TeamsMeetingPolicy", "Global", new JsonObject { ["Identity"] = "Global" }, null, CancellationToken.None));
            Assert.DoesNotContain(fake.Requests, r => r.Method == "PUT");
        }

        [Theory]
        [InlineData(200, "{\"Identity\":\"Tag:X\",\"AllowTranscription\":false}", true)]
        [InlineData(200, "[{\"Identity\":\"Tag:X\",\"AllowTranscription\":false}]", true)]
        [InlineData(204, "", false)]
        [InlineData(200, "", false)]
        [InlineData(200, "  ", false)]
        public async Task PutAcceptsEveryEvidencedAnswerShape(int status, string body, bool hasInstance)
        {
            var fake = new FakeTeams();
            fake.AnswerAny("PUT", status, body);

            var result = await Client(fake).PutAsync("TeamsMeetingPolicy", "Tag:X", new JsonObject { ["AllowTranscription"] = false }, null, CancellationToken.None);

            Assert.Equal(hasInstance, result is not null);
            if (hasInstance)
            {
                Assert.Equal("Tag:X", result!["Identity"]!.GetValue<string>());
            }
        }

        [Theory]
        [InlineData("[{\"Identity\":\"a\"},{\"Identity\":\"b\"}]")]
        [InlineData("\"ok\"")]
        [InlineData("<html>gateway</html>")]
        public async Task PutRefusesAnswersThatAreNoneOfTheShapes(string body)
        {
            var fake = new FakeTeams();
            fake.AnswerAny("PUT", 200, body);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake).PutAsync("TeamsMeetingPolicy", "Tag:X", new JsonObject { ["AllowTranscription"] = false }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
        }

        [Fact]
        public async Task ErrorBodiesOfBothShapesAreMapped()
        {
            var fake = new FakeTeams();
            fake.AnswerAny("PUT", 400, "{\"error\":{\"code\":\"UnknownProperty\",\"message\":\"TeamsMeetingPolicy has no property 'Nope'.\"}}");
            var rejected = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake).PutAsync("TeamsMeetingPolicy", "Global", new JsonObject { ["Nope"] = true }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.ServiceRequestRejected, rejected.ErrorId);
            Assert.Contains("has no property 'Nope'", rejected.Message, StringComparison.Ordinal);
            Assert.Equal("UnknownProperty", rejected.ServiceErrorCode);

            fake.AnswerAny("PUT", 403, "{\"Message\":\"Access denied for the caller.\"}");
            var denied = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => Client(fake).PutAsync("TeamsMeetingPolicy", "Global", new JsonObject { ["AllowTranscription"] = true }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.PermissionDenied, denied.ErrorId);
            Assert.Contains("Access denied for the caller.", denied.Message, StringComparison.Ordinal);
            Assert.Contains("service principal", denied.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnETagIsSentBackOnlyWhenAnAnswerCarriedOne()
        {
            var fake = new FakeTeams();
            fake.AnswerAny("GET", 200, "[{\"Identity\":\"Global\"}]", etag: "\"7\"");
            fake.AnswerAny("PUT", 412, "{\"error\":{\"code\":\"PreconditionFailed\",\"message\":\"changed\"}}");
            var client = Client(fake);

            var (_, etag) = await client.GetAsync("TeamsMeetingPolicy", "Global", CancellationToken.None);
            Assert.Equal("\"7\"", etag);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => client.PutAsync("TeamsMeetingPolicy", "Global", new JsonObject { ["AllowTranscription"] = true }, etag, CancellationToken.None));

            Assert.Equal(ErrorIds.PolicyChangedConcurrently, ex.ErrorId);
            Assert.Equal("\"7\"", fake.Requests.Single(r => r.Method == "PUT").Headers["If-Match"]);
        }

        [Fact]
        public async Task TheWarningHeaderBecomesAWarning()
        {
            var fake = new FakeTeams();
            fake.AnswerAny("PUT", 204, string.Empty, warning: "Policy changes can take up to 24 hours.");
            var log = new RecordingLog();
            using (OperationLog.Use(log))
            {
                await Client(fake).PutAsync("TeamsMeetingPolicy", "Global", new JsonObject { ["AllowTranscription"] = true }, null, CancellationToken.None);
            }

            var warning = Assert.Single(log.Warnings);
            Assert.Contains("Policy changes can take up to 24 hours.", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheHandshakeRunsOnceThenEveryRequestCarriesTargetCorrelationAndCmdlet()
        {
            var fake = new FakeTeams();
            fake.Answer("GET", Discovery, 200, "{\"Endpoints\":{\"ConfigApiEndpoint\":\"api.interfaces.records.teams.microsoft.com\",\"AdminServiceEndpoint\":\"admin0e.online.lync.com\"},\"Headers\":{\"X-MS-Forest\":\"NAMP\"}}");
            fake.AnswerAny("GET", 200, "[]");
            var discovery = new TeamsServiceDiscovery();
            using (OperationLog.Use(new RecordingLog(), "Get-ExternalUserPolicy"))
            {
                await Client(fake, discovery).ListAsync("TeamsMeetingPolicy", CancellationToken.None);
                await Client(fake, discovery).ListAsync("ExternalAccessPolicy", CancellationToken.None);
            }

            Assert.Equal(3, fake.Requests.Count);
            Assert.Equal(Discovery, fake.Requests[0].Url);
            Assert.False(fake.Requests[0].Headers.ContainsKey("X-MS-Target-Uri"));
            Assert.All(fake.Requests.Skip(1), r => Assert.Equal("https://admin0e.online.lync.com/", r.Headers["X-MS-Target-Uri"]));
            Assert.All(fake.Requests, r => Assert.Equal("Get-ExternalUserPolicy", r.Headers["X-MS-CmdletName"]));
            Assert.All(fake.Requests, r => Assert.True(Guid.TryParse(r.Headers["X-MS-Correlation-Id"], out _)));
            Assert.Equal(3, fake.Requests.Select(r => r.Headers["X-MS-Correlation-Id"]).Distinct().Count());
        }

        [Theory]
        [InlineData(404, "{\"Message\":\"Not found\"}")]
        [InlineData(500, "")]
        [InlineData(200, "{\"Endpoints\":{}}")]
        [InlineData(200, "not json")]
        [InlineData(200, "{\"Endpoints\":{\"AdminServiceEndpoint\":\"evil.example/path?x\"}}")]
        public async Task AFailedHandshakeIsAVerboseLineAndRequestsGoOnWithoutTarget(int status, string body)
        {
            var fake = new FakeTeams();
            fake.Answer("GET", Discovery, status, body);
            fake.AnswerAny("GET", 200, "[]");
            var discovery = new TeamsServiceDiscovery();
            var log = new RecordingLog();
            using (OperationLog.Use(log))
            {
                await Client(fake, discovery).ListAsync("TeamsMeetingPolicy", CancellationToken.None);
                await Client(fake, discovery).ListAsync("TeamsMeetingPolicy", CancellationToken.None);
            }

            Assert.Single(fake.Requests, r => r.Url == Discovery);
            Assert.All(fake.Requests, r => Assert.False(r.Headers.ContainsKey("X-MS-Target-Uri")));
            Assert.Contains(log.Verbose, v => v.Contains("continuing without X-MS-Target-Uri", StringComparison.Ordinal));
            Assert.Equal(AcsTeamsSecurity.Clients.Teams.TeamsAdminClient.DefaultCmdletName, fake.Requests[1].Headers["X-MS-CmdletName"]);
        }

        [Fact]
        public void TheGuardFindsAnyDifferenceButIgnoresTheKeyMetadata()
        {
            var shown = JsonNode.Parse("{\"Identity\":\"Tag:X\",\"AllowTranscription\":true,\"Description\":\"a\",\"Key\":{\"ScopeClass\":\"Tag\"}}")!.AsObject();
            var same = JsonNode.Parse("{\"Identity\":\"Tag:X\",\"AllowTranscription\":true,\"Description\":\"a\",\"Key\":{\"ScopeClass\":\"Other\"}}")!.AsObject();
            var described = JsonNode.Parse("{\"Identity\":\"Tag:X\",\"AllowTranscription\":true,\"Description\":\"b\"}")!.AsObject();
            var added = JsonNode.Parse("{\"Identity\":\"Tag:X\",\"AllowTranscription\":true,\"Description\":\"a\",\"NewSetting\":1}")!.AsObject();

            Assert.Null(PolicyEditor.FirstDifference(shown, same));
            Assert.Equal(("Description", "\"a\"", "\"b\""), PolicyEditor.FirstDifference(shown, described));
            Assert.Equal("NewSetting", PolicyEditor.FirstDifference(shown, added)!.Value.Setting);
        }

        [Fact]
        public async Task TheCmdletNameFlowsIntoAsyncWorkAndIsRestoredAfterwards()
        {
            Assert.Null(OperationLog.CommandName);
            using (OperationLog.Use(new RecordingLog(), "Set-LobbyBypass"))
            {
                var seen = await Task.Run(async () =>
                {
                    await Task.Yield();
                    return OperationLog.CommandName;
                });
                Assert.Equal("Set-LobbyBypass", seen);
                using (OperationLog.Use(new RecordingLog()))
                {
                    Assert.Equal("Set-LobbyBypass", OperationLog.CommandName);
                }
            }

            Assert.Null(OperationLog.CommandName);
        }

        private static TeamsAdminClient Client(FakeTeams fake, TeamsServiceDiscovery? discovery = null) =>
            new(new ServiceHttpClient(AcsTeamsService.TeamsAdmin, new Uri("https://teams.test/teams"), broker: null, maxRetries: 0, transport: new HttpClientTransport(fake)), discovery);

        private sealed record Sent(string Method, string Url, string Body, Dictionary<string, string> Headers);

        private sealed class RecordingLog : IOperationLog
        {
            public List<string> Verbose { get; } = new();

            public List<string> Warnings { get; } = new();

            void IOperationLog.Verbose(string message) => Verbose.Add(message);

            public void Debug(string message)
            {
            }

            public void Warning(string message) => Warnings.Add(message);

            public void Progress(string activity, string status, int percent)
            {
            }
        }

        private sealed class FakeTeams : HttpMessageHandler
        {
            private readonly Dictionary<string, (int Status, string Body, string? ETag, string? Warning)> _answers = new(StringComparer.Ordinal);

            public List<Sent> Requests { get; } = new();

            public void Answer(string method, string url, int status, string body) => _answers[method + " " + url] = (status, body, null, null);

            public void AnswerAny(string method, int status, string body, string? etag = null, string? warning = null) => _answers[method + " *"] = (status, body, etag, warning);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var url = request.RequestUri!.OriginalString;
                var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
                var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
                Requests.Add(new Sent(request.Method.Method, url, body, headers));
                var (status, text, etag, warning) = _answers.TryGetValue(request.Method.Method + " " + url, out var a) ? a
                    : _answers.TryGetValue(request.Method.Method + " *", out var any) ? any
                    : (404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no canned answer\"}}", null, null);
                var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request, Content = new StringContent(text, Encoding.UTF8, "application/json") };
                if (etag is not null)
                {
                    response.Headers.TryAddWithoutValidation("ETag", etag);
                }

                if (warning is not null)
                {
                    response.Headers.TryAddWithoutValidation(TeamsAdminClient.WarningHeader, warning);
                }

                return response;
            }
        }
    }
}
