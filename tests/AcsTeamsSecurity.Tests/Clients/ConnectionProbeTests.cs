using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Clients
{
    public class ConnectionProbeTests
    {
        private static ServiceResponse Response(int status, string body) =>
            new(status, body, "req-1", new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        [Theory]
        [InlineData("{\"value\":[{\"id\":\"a\"}]}", 1)]
        [InlineData("{\"@odata.context\":\"x\",\"value\":[{},{}]}", 2)]
        [InlineData("{\"value\":[]}", 0)]
        [InlineData("{}", 0)]
        [InlineData("[]", 0)]
        [InlineData("{\"value\":\"not an array\"}", 0)]
        public void CountsTheOrganizations(string body, int expected) =>
            Assert.Equal(expected, ConnectionProbe.CountValues(Response(200, body)));

        [Theory]
        [InlineData("")]
        [InlineData("<html>proxy</html>")]
        [InlineData("{\"value\":[")]
        public void ABodyThatIsNotJsonCountsAsNothing(string body) =>
            Assert.Null(ConnectionProbe.CountValues(Response(200, body)));

        [Fact]
        public void ARefusedGraphProbeNamesThePermission()
        {
            var body = "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}";
            var error = ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Response(403, body), ConnectionProbe.GraphActivity, ConnectionProbe.GraphPermissionHint, 4);
            Assert.Equal(ErrorIds.PermissionDenied, error.ErrorId);
            Assert.StartsWith("Graph refused reading the organization: Insufficient privileges", error.Message, StringComparison.Ordinal);
            Assert.Contains("Organization.Read.All", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AShapeErrorPointsToTheContractSelfCheckOnce()
        {
            var result = new ConnectionTestResult(AcsTeamsService.Graph, null) { ErrorId = ErrorIds.ServiceResponseInvalid, Detail = "Graph answered reading the organization with a body the module cannot read." };
            ConnectionProbe.AddContractHint(result);
            ConnectionProbe.AddContractHint(result);
            Assert.StartsWith("Graph answered", result.Detail, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Detail!, "Test-AcsTeamsSecurityContract -ReportPath"));

            var denied = new ConnectionTestResult(AcsTeamsService.Graph, null) { ErrorId = ErrorIds.PermissionDenied, Detail = "refused" };
            ConnectionProbe.AddContractHint(denied);
            Assert.Equal("refused", denied.Detail);
        }
    }
}
