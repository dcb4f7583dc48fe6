using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Clients
{
    public class ServiceErrorMapperTests
    {
        private static ServiceResponse Response(int status, string body, string? contentType = "application/json") =>
            new(status, body, "req-1", contentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Type"] = contentType });

        [Theory]
        [InlineData(401, ErrorIds.ServiceUnauthorized)]
        [InlineData(403, ErrorIds.PermissionDenied)]
        [InlineData(404, ErrorIds.ResourceNotFound)]
        [InlineData(400, ErrorIds.ServiceRequestRejected)]
        [InlineData(429, ErrorIds.ServiceThrottled)]
        [InlineData(503, ErrorIds.ServiceThrottled)]
        [InlineData(500, ErrorIds.ServiceError)]
        public void StatusDecidesTheStableId(int status, string expectedId)
        {
            var ex = ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Response(status, "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}"), "reading things", "the Graph application permission A", 4);
            Assert.Equal(expectedId, ex.ErrorId);
            Assert.Equal("req-1", ex.RequestId);
            Assert.Equal("X", ex.ServiceErrorCode);
        }

        [Fact]
        public void PermissionDeniedNamesWhatIsMissing()
        {
            var ex = ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Response(403, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}"), "reading the organization", "the Graph application permission Organization.Read.All", 4);
            Assert.Contains("Organization.Read.All", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Insufficient privileges", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}", "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")]
        [InlineData("{\"code\":\"Forbidden\",\"message\":\"no\"}", "Forbidden", "no")]
        [InlineData("{\"Message\":\"Teams says no\"}", null, "Teams says no")]
        [InlineData("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: bad\"}", "invalid_client", "AADSTS7000215: bad")]
        [InlineData("<html><body>Bad gateway</body></html>", null, null)]
        [InlineData("{\"error\":{\"code\":", null, null)]
        [InlineData("", null, null)]
        [InlineData("[1,2]", null, null)]
        public void ReadsEveryErrorShapeAndSurvivesGarbage(string body, string? code, string? message)
        {
            var (c, m) = ServiceErrorMapper.ReadError(body);
            Assert.Equal(code, c);
            Assert.Equal(message, m);
        }

        [Theory]
        [InlineData("<html>oops</html>", "text/html", "HTML")]
        [InlineData("", null, "empty body")]
        [InlineData("{\"trunc", "application/json", "not valid JSON")]
        public void InvalidBodiesAreDescribedNotThrown(string body, string? contentType, string expected)
        {
            var ex = ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, Response(200, body, contentType), "reading a policy");
            Assert.Equal(ErrorIds.ServiceResponseInvalid, ex.ErrorId);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void EchoedSecretsAreRedacted()
        {
            var jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
            var ex = ServiceErrorMapper.FromResponse(AcsTeamsService.Acs, Response(401, "{\"error\":{\"code\":\"Denied\",\"message\":\"Bearer " + jwt + " rejected\"}}"), "creating an identity", null, 0);
            Assert.DoesNotContain(jwt, ex.Message, StringComparison.Ordinal);
        }
    }

    public class RedactorTests
    {
        [Theory]
        [InlineData("Authorization: Bearer abc.def.ghi", "abc.def.ghi")]
        [InlineData("token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl here", "eyJhbGciOiJSUzI1NiJ9")]
        [InlineData("endpoint=https://x/;accesskey=S2V5S2V5S2V5", "S2V5S2V5S2V5")]
        [InlineData("client_secret=hunter2&grant_type=client_credentials", "hunter2")]
        [InlineData("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=abcdef==", "abcdef==")]
        public void MasksSecretShapedText(string input, string secret)
        {
            Assert.DoesNotContain(secret, Redactor.Redact(input), StringComparison.Ordinal);
        }

        [Fact]
        public void LeavesOrdinaryTextAlone()
        {
            const string text = "Graph GET https://graph.microsoft.com/v1.0/organization -> 200 in 35 ms (request-id 1234)";
            Assert.Equal(text, Redactor.Redact(text));
            Assert.Equal("https://x/path?api-version=1&sig=***", Redactor.SafeUrl(new Uri("https://x/path?api-version=1&sig=secret")));
        }
    }
}
