using System.Management.Automation;
using System.Reflection;
using AcsTeamsSecurity.Commands.Policy;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Domain
{
    /// <summary>The setting catalogue, policy identities, and Set-ExternalUserPolicy's parameter sets built from them.</summary>
    public class SettingCatalogueTests
    {
        public static IEnumerable<object[]> Catalogues() => new[]
        {
            new object[] { "MeetingPolicy", typeof(MeetingPolicySettings) },
            new object[] { "ExternalAccessPolicy", typeof(ExternalAccessPolicySettings) },
            new object[] { "AcsFederation", typeof(AcsFederationConfiguration) },
            new object[] { "MeetingConfiguration", typeof(AcsFederationConfiguration) },
        };

        private static IReadOnlyList<string> Catalogue(string name) =>
            (IReadOnlyList<string>)typeof(SettingCatalogue).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        [Theory]
        [MemberData(nameof(Catalogues))]
        public void EverySettingIsASettablePropertyOfItsModelAndListedOnce(string catalogue, Type model)
        {
            var settings = Catalogue(catalogue);
            Assert.NotEmpty(settings);
            Assert.Equal(settings.Count, settings.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(settings, s => Assert.NotNull(model.GetProperty(s)?.SetMethod));
        }

        [Fact]
        public void EachPolicySettingBelongsToExactlyOneType()
        {
            Assert.Empty(SettingCatalogue.MeetingPolicy.Intersect(SettingCatalogue.ExternalAccessPolicy, StringComparer.OrdinalIgnoreCase));
            Assert.Equal(ExternalUserPolicyType.TeamsMeetingPolicy, SettingCatalogue.TypeOf("autoadmittedusers"));
            Assert.Equal(ExternalUserPolicyType.ExternalAccessPolicy, SettingCatalogue.TypeOf("EnableAcsFederationAccess"));
            Assert.Null(SettingCatalogue.TypeOf("Identity"));
            Assert.Same(SettingCatalogue.MeetingPolicy, SettingCatalogue.For(ExternalUserPolicyType.TeamsMeetingPolicy));
            Assert.Same(SettingCatalogue.ExternalAccessPolicy, SettingCatalogue.For(ExternalUserPolicyType.ExternalAccessPolicy));
        }

        [Theory]
        [InlineData(ExternalUserPolicyType.TeamsMeetingPolicy)]
        [InlineData(ExternalUserPolicyType.ExternalAccessPolicy)]
        public void SetExternalUserPolicyOffersExactlyTheCataloguedSettingsOfATypeInItsParameterSet(ExternalUserPolicyType type)
        {
            var inSet = typeof(SetExternalUserPolicyCommand).GetProperties()
                .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any(a => a.ParameterSetName == type.ToString()))
                .Select(p => p.Name)
                .ToList();

            Assert.Equal(SettingCatalogue.For(type).OrderBy(s => s, StringComparer.Ordinal), inSet.OrderBy(s => s, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("Global", "Global")]
        [InlineData("global", "global")]
        [InlineData("Tag:OpenDoors", "Tag:OpenDoors")]
        [InlineData("OpenDoors", "Tag:OpenDoors")]
        [InlineData("Open*", "Tag:Open*")]
        [InlineData("*", "*")]
        public void ABareNameMeansATagInstance(string input, string expected) =>
            Assert.Equal(expected, PolicyIdentity.Normalize(input));

        [Fact]
        public void GlobalAppliesToEveryUserWithoutAnotherAssignment()
        {
            Assert.Equal("every user without another assignment", PolicyIdentity.AppliesTo("GLOBAL"));
            Assert.Equal("the users it is assigned to, directly or through groups", PolicyIdentity.AppliesTo("Tag:OpenDoors"));
        }
    }
}
