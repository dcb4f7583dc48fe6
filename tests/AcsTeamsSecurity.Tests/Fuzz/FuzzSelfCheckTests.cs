using System.Text.Json.Nodes;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Tests.Auth;
using Xunit;
using Xunit.Sdk;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>The fuzz tests can fail: their oracles catch wrong answers, and the generators reach the success path.</summary>
    public class FuzzSelfCheckTests
    {
        [Fact]
        public void ValidSamplesFromTheGeneratorsParse()
        {
            for (var i = 0; i < 50; i++)
            {
                var g = new FuzzGen(42, i);
                var key = AcsConnectionStringFuzzTests.Marker + g.Base64(32);
                var cs = AcsConnectionString.Parse("endpoint=https://contoso.communication.azure.com/;accesskey=" + key);
                Assert.Equal(Convert.FromBase64String(key), cs.Key);

                Assert.True(AcsIdentity.TryParse(AcsIdentityFuzzTests.ValidAcsId(g), out var identity));
                Assert.True(identity.IsAcsUser);
                Assert.NotNull(identity.ResourceId);

                var url = JoinWebUrl.Parse(JoinWebUrlFuzzTests.Valid(g));
                JoinWebUrlFuzzTests.AssertQuotedLiteral(url.Filter, url.Value);
            }

            var token = TestJwt.Create(new { skypeid = "acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081", acsScope = "chat,voip", iat = 1_700_000_000, exp = 1_700_086_400 });
            Assert.Equal("8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081", AcsTokenDecoder.Decode(token, DateTimeOffset.UtcNow).Identity!.Id);
            Assert.True(JwtClaims.TryParse(token, out _));
            Assert.Equal(("X", "m"), ServiceErrorMapper.ReadError("{\"error\":{\"code\":\"X\",\"message\":\"m\"}}"));
            Assert.Single(GraphBatch.Parse("{\"responses\":[{\"id\":\"1\",\"status\":200}]}"));
            Assert.Equal(AutoAdmittedUsers.Everyone, PolicyMapper.Read<MeetingPolicySettings>(new JsonObject { ["autoadmittedusers"] = "everyone" }).AutoAdmittedUsers);
        }

        [Fact]
        public void TheHarnessReportsADeliberatelyWrongExpectationWithItsSeedAndInput()
        {
            // Wrong on purpose: valid join URLs are expected to be refused.
            var failure = Assert.Throws<FuzzFailureException>(() => FuzzHarness.Run<bool>(
                null,
                "JoinWebUrl.Parse (wrong expectation)",
                7,
                100,
                g => new FuzzInput<bool>("valid", JoinWebUrlFuzzTests.Valid(g), false),
                input =>
                {
                    Assert.Throws<AcsTeamsSecurity.Errors.AcsTeamsSecurityException>(() => JoinWebUrl.Parse(input.Text));
                    return FuzzOutcome.Rejected;
                },
                minAccepted: 0));
            Assert.Contains("seed 7, iteration 0", failure.Message, StringComparison.Ordinal);
            Assert.Contains("https://", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TheHarnessFailsWhenNothingIsAccepted()
        {
            Assert.ThrowsAny<XunitException>(() => FuzzHarness.Run<bool>(null, "nothing accepted", 1, 10, g => new FuzzInput<bool>("x", "x", false), _ => FuzzOutcome.Rejected, minAccepted: 1));
        }

        [Fact]
        public void TheOraclesCatchAnEchoedKeyAndAnUnpairedQuote()
        {
            var key = AcsConnectionStringFuzzTests.Marker + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY";
            Assert.ThrowsAny<XunitException>(() => AcsConnectionStringFuzzTests.AssertNoKey("'fuzzkey0QUJDREVG' is not a connection-string part", new[] { key }));
            Assert.ThrowsAny<XunitException>(() => AcsConnectionStringFuzzTests.AssertNoKey("'R0hJSktMTU5PUFFS' is not a connection-string part", new[] { key }));
            AcsConnectionStringFuzzTests.AssertNoKey("The ACS connection string is not valid: it is empty.", new[] { key });

            Assert.ThrowsAny<XunitException>(() => JoinWebUrlFuzzTests.AssertQuotedLiteral("JoinWebUrl eq 'https://x/a'b'", "https://x/a'b"));
            JoinWebUrlFuzzTests.AssertQuotedLiteral("JoinWebUrl eq 'https://x/a''b'", "https://x/a'b");
        }

        [Fact]
        public void AnIterationReplaysExactly()
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.Equal(JoinWebUrlFuzzTests.Generate(new FuzzGen(3, i)).Text, JoinWebUrlFuzzTests.Generate(new FuzzGen(3, i)).Text);
                Assert.Equal(AcsConnectionStringFuzzTests.Generate(new FuzzGen(3, i)).Text, AcsConnectionStringFuzzTests.Generate(new FuzzGen(3, i)).Text);
            }
        }
    }
}
