using AcsTeamsSecurity.Session;
using Xunit;

namespace AcsTeamsSecurity.Tests.Session
{
    /// <summary>Graph's Teams user configurations are global-only (Microsoft's availability table; docs/CONTRACTS.md "Graph").</summary>
    public class EnvironmentCapabilityTests
    {
        [Theory]
        [InlineData("Global", true)]
        [InlineData("GCC", true)]
        [InlineData("GCCHigh", false)]
        [InlineData("DoD", false)]
        [InlineData("China", false)]
        public void UserConfigurationsOnlyWhereGlobalGraphServes(string name, bool expected) =>
            Assert.Equal(expected, EnvironmentRegistry.Get(name).TeamsUserConfigurations);
    }
}
