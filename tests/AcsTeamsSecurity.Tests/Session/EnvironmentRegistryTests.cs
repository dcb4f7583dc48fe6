using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;

namespace AcsTeamsSecurity.Tests.Session
{
    public class EnvironmentRegistryTests
    {
        [Theory]
        [InlineData("Global", "https://login.microsoftonline.com/", "https://graph.microsoft.com/", "https://api.interfaces.records.teams.microsoft.com/", "https://management.azure.com/")]
        [InlineData("GCC", "https://login.microsoftonline.com/", "https://graph.microsoft.com/", "https://api.interfaces.records.teams.microsoft.com/", "https://management.azure.com/")]
        [InlineData("GCCHigh", "https://login.microsoftonline.us/", "https://graph.microsoft.us/", "https://api.interfaces.records.gov.teams.microsoft.us/", "https://management.usgovcloudapi.net/")]
        [InlineData("DoD", "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us/", "https://api.interfaces.records.gov.teams.microsoft.us/", "https://management.usgovcloudapi.net/")]
        [InlineData("China", "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/", null, "https://management.chinacloudapi.cn/")]
        public void BuiltInEndpoints(string name, string authority, string graph, string? teams, string arm)
        {
            var e = EnvironmentRegistry.Get(name);
            Assert.True(e.IsBuiltIn);
            Assert.Equal(authority, e.AuthorityHost.AbsoluteUri);
            Assert.Equal(graph, e.GraphEndpoint!.AbsoluteUri);
            Assert.Equal(teams, e.TeamsAdminEndpoint?.AbsoluteUri);
            Assert.Equal(arm, e.ArmEndpoint!.AbsoluteUri);
            Assert.False(string.IsNullOrWhiteSpace(e.Notes));
        }

        [Fact]
        public void ScopesMatchWhatTheSdksRequest()
        {
            var g = EnvironmentRegistry.Get("global");
            Assert.Equal("https://graph.microsoft.com/.default", g.ScopeFor(AcsTeamsService.Graph));
            Assert.Equal("48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default", g.ScopeFor(AcsTeamsService.TeamsAdmin));
            Assert.Equal("https://communication.azure.com//.default", g.ScopeFor(AcsTeamsService.Acs));
            Assert.Equal("https://management.azure.com/.default", g.ScopeFor(AcsTeamsService.Arm));
            Assert.Equal(new[] { AcsTeamsService.Graph, AcsTeamsService.TeamsAdmin, AcsTeamsService.Acs, AcsTeamsService.Arm, AcsTeamsService.Compliance, AcsTeamsService.ExchangeOnline }, g.AvailableServices);
        }

        [Fact]
        public void UnconfirmedServicesAreLeftOutRatherThanGuessed()
        {
            Assert.DoesNotContain(AcsTeamsService.TeamsAdmin, EnvironmentRegistry.Get("China").AvailableServices);
            Assert.DoesNotContain(AcsTeamsService.Acs, EnvironmentRegistry.Get("China").AvailableServices);
            Assert.DoesNotContain(AcsTeamsService.Acs, EnvironmentRegistry.Get("GCCHigh").AvailableServices);
            Assert.Null(EnvironmentRegistry.Get("DoD").ScopeFor(AcsTeamsService.Acs));
        }

        [Fact]
        public void CustomEnvironmentsCanBeAddedReplacedAndRemovedButBuiltInsCannot()
        {
            var name = "Test" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var custom = new AcsTeamsEnvironment(name, new Uri("https://127.0.0.1:1"), new Uri("https://127.0.0.1:1"), "https://graph.microsoft.com", null, null, null, null, null, isBuiltIn: false);
            EnvironmentRegistry.Add(custom, replace: false);
            Assert.Same(custom, EnvironmentRegistry.Get(name.ToUpperInvariant()));
            Assert.Equal(ErrorIds.EnvironmentExists, Assert.Throws<AcsTeamsSecurityException>(() => EnvironmentRegistry.Add(custom, replace: false)).ErrorId);
            EnvironmentRegistry.Add(custom, replace: true);
            Assert.Equal(ErrorIds.EnvironmentBuiltIn, Assert.Throws<AcsTeamsSecurityException>(() => EnvironmentRegistry.Remove("Global")).ErrorId);
            var globalCopy = new AcsTeamsEnvironment("Global", new Uri("https://evil.example"), null, null, null, null, null, null, null, false);
            Assert.Equal(ErrorIds.EnvironmentBuiltIn, Assert.Throws<AcsTeamsSecurityException>(() => EnvironmentRegistry.Add(globalCopy, replace: true)).ErrorId);
            Assert.True(EnvironmentRegistry.Remove(name));
            Assert.Equal(ErrorIds.EnvironmentNotFound, Assert.Throws<AcsTeamsSecurityException>(() => EnvironmentRegistry.Get(name)).ErrorId);
            Assert.Equal(new[] { AcsTeamsService.Graph }, custom.AvailableServices);
        }

        [Theory]
        [InlineData("https://graph.microsoft.com", AcsTeamsService.Graph)]
        [InlineData("https://graph.microsoft.com/", AcsTeamsService.Graph)]
        [InlineData("48ac35b8-9aa8-4d74-927d-1f4a14a0b239", AcsTeamsService.TeamsAdmin)]
        [InlineData("https://api.interfaces.records.teams.microsoft.com", AcsTeamsService.TeamsAdmin)]
        [InlineData("https://communication.azure.com", AcsTeamsService.Acs)]
        [InlineData("https://management.azure.com/", AcsTeamsService.Arm)]
        public void BroughtTokensAreMatchedToServicesByAudience(string audience, AcsTeamsService expected)
        {
            Assert.Equal(expected, CredentialFactory.ServiceForAudience(EnvironmentRegistry.Get("Global"), audience));
        }

        [Fact]
        public void UnknownAudienceIsNotMatched()
        {
            Assert.Null(CredentialFactory.ServiceForAudience(EnvironmentRegistry.Get("Global"), "https://vault.azure.net"));
            Assert.Null(CredentialFactory.ServiceForAudience(EnvironmentRegistry.Get("China"), "48ac35b8-9aa8-4d74-927d-1f4a14a0b239"));
        }
    }
}
