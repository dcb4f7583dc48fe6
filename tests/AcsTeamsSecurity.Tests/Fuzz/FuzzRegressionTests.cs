using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>The smallest forms of what the fuzz tests found, kept as plain cases.</summary>
    public class FuzzRegressionTests
    {
        private const string Key = AcsConnectionStringFuzzTests.Marker + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=";

        [Theory]
        [InlineData("endpoint=https://contoso.communication.azure.com/;" + Key)] // the key pasted without "accesskey="
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=" + Key + ";" + Key)]
        [InlineData(Key + ";" + Key)]
        public void AConnectionStringErrorNeverRepeatsAMisplacedKey(string value)
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => AcsConnectionString.Parse(value));
            Assert.Equal(ErrorIds.AcsConnectionStringInvalid, ex.ErrorId);
            AcsConnectionStringFuzzTests.AssertNoKey(ex.Message, new[] { Key });
        }

        [Theory]
        [InlineData("{\"exp\":99999999999999}")]
        [InlineData("{\"iat\":\"-9223372036854775808\"}")]
        [InlineData("{\"tid\":\"\\ud800\"}")]
        [InlineData("{\"\\udc00\":1,\"aud\":\"x\"}")]
        public void JwtClaimsRefusesOrSkipsWhatItCannotRead(string payload)
        {
            var token = "eyJhbGciOiJub25lIn0." + FuzzGen.Base64UrlOf(payload) + ".sig";
            var ex = FuzzHarness.Catch(() => _ = JwtClaims.TryParse(token, out _));
            Assert.Null(ex);
        }

        [Fact]
        public void JwtClaimsKeepsTheTokenWhenOnlyATimeIsOutOfRange()
        {
            Assert.True(JwtClaims.TryParse("eyJhbGciOiJub25lIn0." + FuzzGen.Base64UrlOf("{\"aud\":\"a\",\"exp\":99999999999999}") + ".sig", out var claims));
            Assert.Equal("a", claims.Audience);
            Assert.Null(claims.ExpiresOn);
        }

        [Theory]
        [InlineData("{\"skypeid\":\"\\ud800\"}")]
        [InlineData("{\"skypeid\":\"acs:x\",\"acsScope\":\"\\udc00\"}")]
        [InlineData("{\"skypeid\":\"acs:x\",\"iat\":\"\\ud800\"}")]
        [InlineData("{\"\\ud800\\u0041\":1,\"skypeid\":\"acs:x\"}")]
        public void AnAcsTokenWithUnreadableTextIsAnAcsTokenInvalid(string payload)
        {
            var token = "eyJhbGciOiJub25lIn0." + FuzzGen.Base64UrlOf(payload) + ".sig";
            var ex = FuzzHarness.Catch(() => AcsTokenDecoder.Decode(token, DateTimeOffset.UtcNow));
            Assert.True(ex is null || ex is AcsTeamsSecurityException { ErrorId: ErrorIds.AcsTokenInvalid }, ex?.ToString());
        }

        [Theory]
        [InlineData("%7B%22Tid%22%3A%22%5Cud800%22%7D")]
        [InlineData("%7B%22%5Cud800%22%3A1%7D")]
        public void AJoinUrlWhoseContextIsNotTextIsRefused(string context)
        {
            var url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=" + context;
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => JoinWebUrl.Parse(url));
            Assert.Equal(ErrorIds.JoinWebUrlInvalid, ex.ErrorId);
        }

        [Theory]
        [InlineData("{\"error\":{\"code\":\"\\ud800\",\"message\":\"m\"}}")]
        [InlineData("{\"\\udc00\":1,\"code\":\"c\"}")]
        [InlineData("{\"code\":\"c\"}", true)]
        public void ReadErrorSurvivesUnreadableText(string body, bool loneSurrogate = false)
        {
            // A lone surrogate is appended here rather than in InlineData, where test discovery would have to serialize it.
            Assert.Null(FuzzHarness.Catch(() => ServiceErrorMapper.ReadError(loneSurrogate ? body + "\ud800" : body)));
        }

        [Theory]
        [InlineData("{\"responses\":[{\"id\":\"1\",\"id\":\"2\",\"status\":200}]}")]
        [InlineData("{\"responses\":[],\"responses\":[]}")]
        [InlineData("{\"responses\":[]}", true)]
        public void GraphBatchParseThrowsJsonExceptionForDuplicatesAndBadText(string body, bool loneSurrogate = false)
        {
            Assert.ThrowsAny<JsonException>(() => GraphBatch.Parse(loneSurrogate ? body + "\ud800" : body));
        }

        [Theory]
        [InlineData("{\"AllowCloudRecording\":true,\"AllowCloudRecording\":false}")]
        [InlineData("{\"\\ud800\":1,\"AllowCloudRecording\":true}")]
        [InlineData("{\"BlockedAnonymousJoinClientTypes\":{\"AllowedDomain\":[{\"Domain\":\"ACS\",\"Domain\":\"Teams\"}]}}")]
        public void PolicyMapperReadsNothingRatherThanThrowing(string json)
        {
            var source = (JsonObject)JsonNode.Parse(json)!;
            var settings = PolicyMapper.Read<MeetingPolicySettings>(source);
            Assert.NotNull(settings);
        }
    }
}
