using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Acs;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Commands.Audit;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.IO;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Tests.Audit;
using AcsTeamsSecurity.Tests.Auth;
using Azure.Core.Pipeline;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Security
{
    /// <summary>Finding 1: one context, one tenant; Restore checks the tenant of the token that writes.</summary>
    public class TenantBindingTests
    {
        private const string TenantA = "50e2e533-9dab-4904-a828-039ffb9dc1d0";
        private const string TenantB = "0ab20214-5607-4b88-a368-12d909175c05";

        private static string Token(string tid, string aud) => TestJwt.Create(new { tid, aud, exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() });

        private static TokenBroker Broker() => new(new StaticTokenSource(new Dictionary<AcsTeamsService, (string, DateTimeOffset)>()), EnvironmentRegistry.Get("Global"));

        [Fact]
        public void TokensOfTwoTenantsInOneContextAreRefused()
        {
            var broker = Broker();
            broker.Seed(AcsTeamsService.Graph, Token(TenantA, "https://graph.microsoft.com"), DateTimeOffset.UtcNow.AddHours(1));
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => broker.Seed(AcsTeamsService.TeamsAdmin, Token(TenantB, "48ac35b8-9aa8-4d74-927d-1f4a14a0b239"), DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal(ErrorIds.TokenTenantMismatch, ex.ErrorId);
            Assert.Null(broker.TenantOf(AcsTeamsService.TeamsAdmin));
            Assert.Equal(TenantA, broker.BoundTenant);
        }

        [Fact]
        public void ABindingFromTenantIdRefusesTheFirstTokenOfAnotherTenant()
        {
            var broker = Broker();
            broker.BindTenant(TenantB.ToUpperInvariant());
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => broker.Seed(AcsTeamsService.Graph, Token(TenantA, "https://graph.microsoft.com"), DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal(ErrorIds.TokenTenantMismatch, ex.ErrorId);
            broker.Seed(AcsTeamsService.Graph, Token(TenantB, "https://graph.microsoft.com"), DateTimeOffset.UtcNow.AddHours(1));
            Assert.Equal(TenantB, broker.TenantOf(AcsTeamsService.Graph));
        }

        [Fact]
        public async Task AnAcquiredTokenOfAnotherTenantIsNotCached()
        {
            var source = new TwoTenantSource();
            var broker = new TokenBroker(source, EnvironmentRegistry.Get("Global"));
            await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => broker.GetTokenAsync(AcsTeamsService.TeamsAdmin, CancellationToken.None));
            Assert.Equal(ErrorIds.TokenTenantMismatch, ex.ErrorId);
            Assert.False(broker.HasFreshToken(AcsTeamsService.TeamsAdmin));
        }

        [Theory]
        [InlineData(TenantA, TenantA, true)]
        [InlineData(TenantA, "50E2E533-9DAB-4904-A828-039FFB9DC1D0", true)]
        [InlineData(TenantA, TenantB, false)]
        [InlineData(TenantA, null, false)]
        [InlineData("contoso.onmicrosoft.com", TenantA, false)]
        public void RestoreWritesOnlyWithATokenOfTheSnapshotsTenant(string snapshotTenant, string? writeTokenTenant, bool allowed)
        {
            Assert.Equal(allowed, RestoreExternalUserConfigurationCommand.WriteTenantProblem(snapshotTenant, writeTokenTenant) is null);
        }

        [Theory]
        [InlineData("{\"issuer\":\"https://login.microsoftonline.com/50e2e533-9dab-4904-a828-039ffb9dc1d0/v2.0\"}", TenantA)]
        [InlineData("{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\"}", null)]
        [InlineData("{\"issuer\":42}", null)]
        [InlineData("not json", null)]
        public void DiscoveryGivesTheTenantOfADomain(string body, string? expected) => Assert.Equal(expected, TenantDiscovery.TenantFromIssuer(body));

        private sealed class TwoTenantSource : ITokenSource
        {
            public bool CanRefresh => true;

            public Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken) =>
                Task.FromResult((Token(service == AcsTeamsService.Graph ? TenantA : TenantB, scopes[0]), DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    /// <summary>Finding 2 (and redirects, custom environments): credentials go only to the service's own base address.</summary>
    public class CredentialDestinationTests
    {
        private static readonly Uri GraphBase = new("https://graph.test/");

        [Fact]
        public async Task AGraphNextLinkToAnotherHostIsRefusedBeforeAnythingIsSent()
        {
            var handler = new RecordingHandler();
            var graph = new GraphJsonClient(Client(handler));
            var first = await graph.GetAsync("v1.0/users/a/calendar/calendarView", "paging", "p", CancellationToken.None);
            var next = first!["@odata.nextLink"]!.GetValue<string>();
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => graph.GetAsync(next, "paging", "p", CancellationToken.None));
            Assert.Equal(ErrorIds.CredentialDestinationRefused, ex.ErrorId);
            Assert.Contains("https://evil.test", ex.Message, StringComparison.Ordinal);
            var only = Assert.Single(handler.Requests);
            Assert.Equal("graph.test", only.Host);
            Assert.StartsWith("Bearer ", only.Authorization, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("https://graph.test/v1.0/users", true)]
        [InlineData("https://GRAPH.test/v1.0/users?$skiptoken=x", true)]
        [InlineData("https://evil.test/v1.0/users", false)]
        [InlineData("http://graph.test/v1.0/users", false)]
        [InlineData("https://graph.test:8443/v1.0/users", false)]
        [InlineData("https://user:pw@graph.test/v1.0/users", false)]
        [InlineData("https://graph.test.evil.test/v1.0/users", false)]
        public void OnlyTheBaseAddressQualifies(string url, bool within) => Assert.Equal(within, RequestAuthorizationPolicy.IsWithin(GraphBase, new Uri(url)));

        [Fact]
        public void APathBaseAddressKeepsRequestsUnderItsPath()
        {
            var teams = new Uri("https://emu.test/teams");
            Assert.True(RequestAuthorizationPolicy.IsWithin(teams, new Uri("https://emu.test/teams/Skype.Policy/x")));
            Assert.False(RequestAuthorizationPolicy.IsWithin(teams, new Uri("https://emu.test/teamsevil/x")));
            Assert.False(RequestAuthorizationPolicy.IsWithin(teams, new Uri("https://emu.test/arm/x")));
        }

        [Fact]
        public async Task ARedirectIsNotFollowedWithTheToken()
        {
            var handler = new RecordingHandler { Redirect = true };
            var http = Client(handler);
            var response = await http.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/redirect", null, "redirect", CancellationToken.None);
            Assert.Equal(302, response.Status);
            Assert.DoesNotContain(handler.Requests, r => r.Host != "graph.test");
        }

        [Fact]
        public async Task AcsAccessKeySignaturesGoOnlyToTheAcsEndpoint()
        {
            var handler = new RecordingHandler();
            using var key = new AcsAccessKey(new byte[32]);
            var endpoint = new Uri("https://acs.test/");
            var http = new ServiceHttpClient(AcsTeamsService.Acs, endpoint, broker: null, 0, RequestAuthorizationPolicy.AccessKey(endpoint, key), transport: new HttpClientTransport(handler));
            await http.SendAsync(Azure.Core.RequestMethod.Post, "identities?api-version=2023-10-01", "{}", "create", CancellationToken.None);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => http.SendAsync(Azure.Core.RequestMethod.Post, "https://evil.test/identities", "{}", "create", CancellationToken.None));
            Assert.Equal(ErrorIds.CredentialDestinationRefused, ex.ErrorId);
            var only = Assert.Single(handler.Requests);
            Assert.StartsWith("HMAC-SHA256 ", only.Authorization, StringComparison.Ordinal);
        }

        private static ServiceHttpClient Client(RecordingHandler handler)
        {
            var token = TestJwt.Create(new { tid = "50e2e533-9dab-4904-a828-039ffb9dc1d0", aud = "https://graph.microsoft.com" });
            var source = new StaticTokenSource(new Dictionary<AcsTeamsService, (string, DateTimeOffset)> { [AcsTeamsService.Graph] = (token, DateTimeOffset.UtcNow.AddHours(1)) });
            var broker = new TokenBroker(source, EnvironmentRegistry.Get("Global"));
            return new ServiceHttpClient(AcsTeamsService.Graph, GraphBase, broker, 0, transport: new HttpClientTransport(handler));
        }

        internal sealed class RecordingHandler : HttpMessageHandler
        {
            public List<(string Host, string? Authorization)> Requests { get; } = new();

            public bool Redirect { get; set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Requests.Add((request.RequestUri!.Host, request.Headers.Authorization?.ToString()));
                if (Redirect)
                {
                    var moved = new HttpResponseMessage(HttpStatusCode.Found) { RequestMessage = request, Content = new StringContent(string.Empty) };
                    moved.Headers.Location = new Uri("https://evil.test/steal");
                    return Task.FromResult(moved);
                }

                var body = "{\"value\":[],\"@odata.nextLink\":\"https://evil.test/v1.0/users/a/calendar/calendarView?$skiptoken=2\"}";
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/json") });
            }
        }
    }

    /// <summary>Finding 3: every generated command keeps an untrusted value as one argument.</summary>
    public class CommandTextTests
    {
        internal const string Hostile = "Tag:x\u2019; Write-Host PWNED; \u2019";

        public static IEnumerable<object[]> Values() => new[]
        {
            new object[] { Hostile },
            new object[] { "Tag:x'; Write-Host PWNED; '" },
            new object[] { "Tag:\u2018a\u2019\u201A\u201B'" },
            new object[] { "Tag:\u201Cdouble\u201D \u201E $(Write-Host PWNED) `n" },
            new object[] { "Tag:new\nline\r\u001b[31m\u0000" },
            new object[] { "-Force" },
            new object[] { "@splat" },
            new object[] { "\u2013Confirm" },
            new object[] { string.Empty },
            new object[] { "1e345678-0b1b-4c5a-9a77-7f5a3a1b2c3d" },
            new object[] { "12345678-1234-1234-1234-123456789012" },
            new object[] { "1e3" },
            new object[] { "0x10" },
        };

        [Theory]
        [MemberData(nameof(Values))]
        public void LiteralIsPowerShellsOwnEscaping(string value) =>
            Assert.Equal("'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'", CommandText.Literal(value));

        [Theory]
        [MemberData(nameof(Values))]
        public void LiteralAndArgumentParseAsOneArgument(string value)
        {
            AssertOneCommandWithArgument("Set-LobbyBypass -Identity " + CommandText.Literal(value) + " -AutoAdmittedUsers EveryoneInCompany", "Set-LobbyBypass", value);
            if (value.Length > 0)
            {
                AssertOneCommandWithArgument("Set-LobbyBypass -Identity " + CommandText.Argument(value) + " -AutoAdmittedUsers EveryoneInCompany", "Set-LobbyBypass", value);
            }
        }

        [Fact]
        public void RemediationsOfAHostilePolicyNameParseAsOneCommand()
        {
            var root = AuditFixtures.Baseline();
            foreach (var plane in new[] { "meetingPolicies", "externalAccessPolicies" })
            {
                foreach (var item in root[plane]!.AsArray())
                {
                    if (item!["settings"]!["Identity"]!.GetValue<string>() != "Global")
                    {
                        item["settings"]!["Identity"] = Hostile;
                    }
                }
            }

            // Loosen the tag policies so that rules fail and produce remediations for them.
            var snapshot = AuditFixtures.Load(root);
            var loose = snapshot.MeetingPolicies.Select(p => p.Settings).Where(p => p.Identity == Hostile).ToList();
            Assert.NotEmpty(loose);
            foreach (var policy in loose)
            {
                policy.AllowAnonymousUsersToJoinMeeting = true;
                policy.AllowAnonymousUsersToStartMeeting = true;
                policy.AllowPSTNUsersToBypassLobby = true;
            }

            var remediations = AuditEngine.Evaluate(snapshot, RuleCatalog.All, new AuditOptions(), "fixture")
                .Where(f => !string.IsNullOrEmpty(f.Remediation) && f.Remediation.Contains("PWNED", StringComparison.Ordinal))
                .Select(f => f.Remediation!)
                .ToList();
            Assert.NotEmpty(remediations);
            foreach (var remediation in remediations)
            {
                var ast = Parser.ParseInput(remediation, out _, out var errors);
                Assert.Empty(errors);
                var command = Assert.Single(ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>());
                Assert.Contains(command.CommandElements.OfType<StringConstantExpressionAst>(), s => s.Value == Hostile);
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("'Tag")]
        [InlineData("\"Tag")]
        [InlineData("\u2019Tag")]
        public void CompletionTextOfAHostileNameParsesAsOneArgument(string typed)
        {
            var text = CompletionSupport.Quote(Hostile, typed);
            AssertOneCommandWithArgument("Get-ExternalUserPolicy -Identity " + text, "Get-ExternalUserPolicy", Hostile);
        }

        private static void AssertOneCommandWithArgument(string script, string name, string value)
        {
            var ast = Parser.ParseInput(script, out _, out var errors);
            Assert.Empty(errors);
            var command = Assert.Single(ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>());
            Assert.Equal(name, command.GetCommandName());
            var elements = command.CommandElements.ToList();
            var identity = elements.FindIndex(e => e is CommandParameterAst p && p.ParameterName == "Identity");
            Assert.True(identity > 0 && identity + 1 < elements.Count);
            var argument = Assert.IsAssignableFrom<StringConstantExpressionAst>(elements[identity + 1]);
            Assert.Equal(value, argument.Value);
            Assert.True(identity + 2 == elements.Count || elements[identity + 2] is CommandParameterAst, "the value must be exactly one argument");
        }
    }

    /// <summary>Finding 4: CSV cells never become formulas in a comma, semicolon or tab locale; no raw control characters.</summary>
    public class CsvInjectionTests
    {
        [Theory]
        [InlineData(',')]
        [InlineData(';')]
        [InlineData('\t')]
        public void NoCellStartsAFormulaWhateverTheSeparator(char separator)
        {
            var hostile = new[]
            {
                "x;=cmd|' /C calc'!A0", "x,=1+1", "x\t=1+1", "x; -2+3", "a;@SUM(1)", "a;+1", " =1", "x\n=1", "x;\uFF1D1", "Tag:x\u2019; Write-Host PWNED; \u2019",
            };
            var line = string.Join(",", hostile.Select(CsvReport.Field));
            foreach (var cell in SplitLikeASpreadsheet(line, separator))
            {
                var visible = cell.TrimStart(' ');
                Assert.False(visible.Length > 0 && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".Contains(visible[0], StringComparison.Ordinal), $"'{cell}' starts a formula with separator '{separator}'");
            }
        }

        [Fact]
        public void ControlCharactersAreRemoved()
        {
            Assert.Equal("\"'=a[31mb;\"", CsvReport.Field("=a\u001b[31mb\u0007\u0000\u0085;"));
            Assert.DoesNotContain(CsvReport.Field("a\u001bb"), c => char.IsControl(c));
        }

        /// <summary>How a spreadsheet splits a line: quoted cells stay whole, then the locale's separator splits the rest.</summary>
        private static IEnumerable<string> SplitLikeASpreadsheet(string line, char separator)
        {
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"' && cell.Length == 0)
                {
                    quoted = true;
                    cell.Append('\u0001'); // a quoted cell is text from its first character
                }
                else if (c == separator || c == '\n')
                {
                    yield return cell.ToString().TrimStart('\u0001');
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }

            yield return cell.ToString().TrimStart('\u0001');
        }
    }

    /// <summary>Finding 5: numeric edge cases of userCount are read or refused as SnapshotInvalid, never InternalError.</summary>
    public class SnapshotNumberTests
    {
        [Theory]
        [InlineData("1", 1)]
        [InlineData("1.0", 1)]
        [InlineData("1e3", 1000)]
        [InlineData("1E+3", 1000)]
        [InlineData("0", 0)]
        [InlineData("2147483647", int.MaxValue)]
        [InlineData("2147483647.0", int.MaxValue)]
        [InlineData("null", null)]
        public void IntegralValuesInRangeAreRead(string json, int? expected)
        {
            var snapshot = Load(json);
            Assert.Equal(expected, snapshot.MeetingPolicies[0].UserCount);
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("1.5")]
        [InlineData("2147483648")]
        [InlineData("1e308")]
        [InlineData("99999999999999999999999999999999999999")]
        [InlineData("-0.5")]
        [InlineData("\"12\"")]
        public void OtherNumbersAreSnapshotInvalidWithThePath(string json)
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => Load(json));
            Assert.Equal(ErrorIds.SnapshotInvalid, ex.ErrorId);
            Assert.Contains("/meetingPolicies/0/userCount", ex.Message, StringComparison.Ordinal);
        }

        private static ConfigurationSnapshot Load(string userCount)
        {
            var text = AuditFixtures.Baseline().ToJsonString();
            var at = text.IndexOf("\"userCount\":120", StringComparison.Ordinal);
            Assert.True(at >= 0);
            text = text.Substring(0, at) + "\"userCount\":" + userCount + text.Substring(at + "\"userCount\":120".Length);
            return SnapshotSerializer.Parse(text, "numbers.json");
        }
    }

    /// <summary>Finding 6: Disconnect while ACS requests are being signed gives ContextDisconnected.</summary>
    public class AccessKeyDisconnectTests
    {
        [Fact]
        public void SigningAfterDisposeIsContextDisconnected()
        {
            var key = new AcsAccessKey(RandomNumberGenerator.GetBytes(32));
            Assert.NotEmpty(key.Sign("GET\n/\nx;y;z"));
            key.Dispose();
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => key.Sign("GET\n/\nx;y;z"));
            Assert.Equal(ErrorIds.ContextDisconnected, ex.ErrorId);
        }

        [Fact]
        public async Task DisposingWhileOtherThreadsSignNeverThrowsAnythingElse()
        {
            for (var round = 0; round < 20; round++)
            {
                var key = new AcsAccessKey(RandomNumberGenerator.GetBytes(32));
                var unexpected = new List<Exception>();
                var start = new ManualResetEventSlim();
                var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                {
                    start.Wait();
                    for (var i = 0; i < 200; i++)
                    {
                        try
                        {
                            key.Sign("POST\n/identities\ndate;host;hash");
                        }
                        catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.ContextDisconnected)
                        {
                        }
                        catch (Exception ex)
                        {
                            lock (unexpected)
                            {
                                unexpected.Add(ex);
                            }
                        }
                    }
                })).ToArray();
                start.Set();
                key.Dispose();
                await Task.WhenAll(workers);
                Assert.Empty(unexpected);
            }
        }
    }

    /// <summary>Finding 7: one atomic writer keeps the mode, honours NoClobber at the move and never leaves a temp file.</summary>
    public sealed class AtomicFileWriterTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("acsts-atomic-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void OverwritingKeepsTheTargetsMode()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var path = Path.Combine(_dir, "snapshot.json");
            File.WriteAllText(path, "old");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("new"), noClobber: false);
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void NoClobberRefusesAnExistingFileAndLeavesNoTempFile()
        {
            var path = Path.Combine(_dir, "report.csv");
            File.WriteAllText(path, "someone else's");
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("mine"), noClobber: true));
            Assert.Equal(ErrorIds.OutputFileExists, ex.ErrorId);
            Assert.Equal("someone else's", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void NoClobberCreatesAMissingFile()
        {
            var path = Path.Combine(_dir, "new.json");
            AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("x"), noClobber: true);
            Assert.Equal("x", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void AFailedMoveLeavesNoTempFile()
        {
            var path = Path.Combine(_dir, "folder-in-the-way");
            Directory.CreateDirectory(path);
            Assert.ThrowsAny<Exception>(() => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("x"), noClobber: false));
            Assert.Empty(Directory.GetFiles(_dir));
        }

        [Fact]
        public void ReportsAndSnapshotsUseIt()
        {
            var path = Path.Combine(_dir, "r.csv");
            File.WriteAllText(path, "old");
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => ReportWriter.Write(ReportFixtures.EveryStatusAndSeverity(), path, noClobber: true));
            Assert.Equal(ErrorIds.OutputFileExists, ex.ErrorId);
            var snapshotPath = Path.Combine(_dir, "s.json");
            File.WriteAllText(snapshotPath, "old");
            ex = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSerializer.Write(AuditFixtures.Load(AuditFixtures.Baseline()), snapshotPath, noClobber: true));
            Assert.Equal(ErrorIds.OutputFileExists, ex.ErrorId);
            Assert.Equal(2, Directory.GetFiles(_dir).Length);
        }
    }

    /// <summary>Finding 8: JSON-shaped and connection-string secrets and URL passwords are masked.</summary>
    public class JsonSecretRedactionTests
    {
        [Theory]
        [InlineData("{\"accessKey\":\"S3cr3tKeyValue==\"}", "S3cr3tKeyValue==")]
        [InlineData("{ \"refresh_token\" : \"0.ARwA-refresh\" }", "0.ARwA-refresh")]
        [InlineData("{\"client_secret\":\"Cto8Q~hunter2\"}", "Cto8Q~hunter2")]
        [InlineData("{\"access_token\":\"opaque-token-value\",\"token_type\":\"Bearer\"}", "opaque-token-value")]
        [InlineData("{\"password\":\"P@ss w0rd\"}", "P@ss w0rd")]
        [InlineData("{\"primaryKey\":\"pk-value\",\"secondaryKey\":\"sk-value\"}", "pk-value")]
        [InlineData("{\"primaryKey\":\"pk-value\",\"secondaryKey\":\"sk-value\"}", "sk-value")]
        [InlineData("{\"primaryConnectionString\":\"endpoint=https://x/;accesskey=abc\"}", "abc")]
        [InlineData("message: {\\\"accessKey\\\":\\\"escaped-secret\\\"}", "escaped-secret")]
        [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=sbkey123=", "sbkey123")]
        [InlineData("endpoint=https://x.communication.azure.com/;AccessKey = spacedkey", "spacedkey")]
        [InlineData("proxy https://alice:wonderland@proxy.test:3128 refused", "wonderland")]
        [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=storagekey==;", "storagekey")]
        [InlineData("{\"error\":\"x\",\"accessKey\":\"cut-off-by-truncat…", "cut-off")]
        [InlineData("message: {\\\"refresh_token\\\":\\\"cut-off-escaped", "cut-off")]
        public void MasksJsonAndConnectionStringSecrets(string input, string secret)
        {
            Assert.DoesNotContain(secret, Redactor.Redact(input), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges\"}}")]
        [InlineData("{\"key\":\"Tag:Open\",\"value\":1}")]
        [InlineData("https://graph.microsoft.com/v1.0/users?$skiptoken=abc")]
        public void LeavesErrorCodesAndOrdinaryJsonAlone(string text) => Assert.Equal(text, Redactor.Redact(text));
    }

    /// <summary>Finding 10: signed snapshots (detached .sig) with certificates made at run time.</summary>
    public sealed class SnapshotSignatureTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("acsts-sig-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        public static IEnumerable<object[]> Keys() => new[] { new object[] { "RSA" }, new object[] { "ECDSA" } };

        internal static X509Certificate2 NewCertificate(string kind, string subject = "CN=Snapshot Signer")
        {
            CertificateRequest request;
            if (kind == "RSA")
            {
                using var rsa = RSA.Create(2048);
                request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            }

            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            request = new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }

        [Theory]
        [MemberData(nameof(Keys))]
        public void RoundTripVerifiesAndNamesTheSigner(string kind)
        {
            using var certificate = NewCertificate(kind);
            var content = Encoding.UTF8.GetBytes(AuditFixtures.Baseline().ToJsonString());
            var status = SnapshotSignature.VerifyBytes("s.json.sig", SnapshotSignature.Sign(content, certificate, DateTimeOffset.UtcNow), content);
            Assert.True(status.Valid, status.Problem);
            Assert.Equal(certificate.Thumbprint, status.Thumbprint);
            Assert.Equal("CN=Snapshot Signer", status.Subject);
            Assert.Null(SnapshotSignature.Untrusted(status, new[] { certificate.Thumbprint.ToLowerInvariant() }));
            Assert.NotNull(SnapshotSignature.Untrusted(status, new[] { new string('0', 40) }));
        }

        [Fact]
        public void WithoutTrustedSignerOnlyACodeSigningCertificateCanBeTrusted()
        {
            // Review finding: a TLS server certificate from any public CA chains to a trusted root, so chain trust alone
            // would let anyone who owns one re-sign an altered snapshot. Without -TrustedSigner the signer must be issued
            // for code signing (and then chain to a trusted root for that use).
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=www.attacker.example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
            using var tls = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var content = Encoding.UTF8.GetBytes(AuditFixtures.Baseline().ToJsonString());
            var status = SnapshotSignature.VerifyBytes("s.json.sig", SnapshotSignature.Sign(content, tls, DateTimeOffset.UtcNow), content);
            Assert.True(status.Valid, status.Problem);
            Assert.Contains("not a code-signing certificate", SnapshotSignature.Untrusted(status, null), StringComparison.Ordinal);
            Assert.Null(SnapshotSignature.Untrusted(status, new[] { tls.Thumbprint }));
        }

        [Theory]
        [MemberData(nameof(Keys))]
        public void EveryChangedByteIsDetected(string kind)
        {
            using var certificate = NewCertificate(kind);
            var content = Encoding.UTF8.GetBytes(AuditFixtures.Baseline().ToJsonString());
            var signature = SnapshotSignature.Sign(content, certificate, DateTimeOffset.UtcNow);
            var random = new Random(14);
            for (var i = 0; i < 25; i++)
            {
                var changed = (byte[])content.Clone();
                changed[random.Next(changed.Length)] ^= (byte)(1 << random.Next(8));
                Assert.False(SnapshotSignature.VerifyBytes("s.json.sig", signature, changed).Valid);
            }
        }

        [Fact]
        public void ASignatureFileFromAnotherCertificateOrDamagedIsInvalid()
        {
            using var signer = NewCertificate("RSA");
            using var other = NewCertificate("RSA", "CN=Mallory");
            var content = Encoding.UTF8.GetBytes("{}");
            var signature = JsonNode.Parse(SnapshotSignature.Sign(content, signer, DateTimeOffset.UtcNow))!.AsObject();
            signature["certificate"] = Convert.ToBase64String(other.RawData);
            Assert.False(SnapshotSignature.VerifyBytes("x.sig", Encoding.UTF8.GetBytes(signature.ToJsonString()), content).Valid);
            foreach (var damaged in new[] { "", "{}", "[]", "{\"format\":\"acsteamssecurity-snapshot-signature/1\",\"signedAt\":\"x\",\"algorithm\":\"RS256\",\"certificate\":\"!!\",\"signature\":\"AA==\"}" })
            {
                var status = SnapshotSignature.VerifyBytes("x.sig", Encoding.UTF8.GetBytes(damaged), content);
                Assert.True(status.Signed);
                Assert.False(status.Valid);
            }
        }

        [Fact]
        public void ACertificateWithoutPrivateKeyCannotSign()
        {
            using var certificate = NewCertificate("RSA");
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => SnapshotSignature.CheckSigner(publicOnly));
            Assert.Equal(ErrorIds.SigningCertificateInvalid, ex.ErrorId);
        }

        [Fact]
        public void AnUnsignedSnapshotHasNoSignature()
        {
            var path = Path.Combine(_dir, "s.json");
            File.WriteAllText(path, "{}");
            var status = SnapshotSignature.Verify(path, File.ReadAllBytes(path));
            Assert.False(status.Signed);
            Assert.Contains("not signed", status.Describe(), StringComparison.Ordinal);
        }
    }
}
