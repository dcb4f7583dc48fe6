using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security.Authentication;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Commands.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Tests.FirstHour
{
    public class BrowserAvailabilityTests
    {
        private static string? Check(Dictionary<string, string> env, bool xdgOpen, bool linux = true) =>
            BrowserAvailability.WhyUnavailable(name => env.TryGetValue(name, out var v) ? v : null, _ => xdgOpen, linux);

        [Fact]
        public void LinuxWithoutADisplayHasNoBrowser() =>
            Assert.Contains("no display", Check(new Dictionary<string, string>(), xdgOpen: true));

        [Fact]
        public void LinuxWithADisplayButNothingToOpenAUrlHasNoBrowser() =>
            Assert.Contains("xdg-open", Check(new Dictionary<string, string> { ["DISPLAY"] = ":0" }, xdgOpen: false));

        [Theory]
        [InlineData("DISPLAY", ":0", true)]
        [InlineData("WAYLAND_DISPLAY", "wayland-0", true)]
        public void LinuxWithADisplayAndXdgOpenHasABrowser(string variable, string value, bool xdgOpen) =>
            Assert.Null(Check(new Dictionary<string, string> { [variable] = value }, xdgOpen));

        [Fact]
        public void BrowserVariableIsEnoughWithADisplay() =>
            Assert.Null(Check(new Dictionary<string, string> { ["DISPLAY"] = ":0", ["BROWSER"] = "firefox" }, xdgOpen: false));

        [Fact]
        public void WindowsAndMacAlwaysHaveOne() =>
            Assert.Null(Check(new Dictionary<string, string>(), xdgOpen: false, linux: false));
    }

    public class CertificateTrustTests
    {
        [Fact]
        public void ATlsValidationFailureAnywhereInTheChainIsUntrusted()
        {
            var inner = new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: PartialChain");
            var wrapped = new Azure.RequestFailedException(0, "Connection failed", new System.Net.Http.HttpRequestException("The SSL connection could not be established", inner));
            Assert.True(CertificateTrustPolicy.IsUntrusted(wrapped));
            var error = CertificateTrustPolicy.Untrusted("127.0.0.1", wrapped);
            Assert.Equal(ErrorIds.CertificateUntrusted, error.ErrorId);
            Assert.Contains("PartialChain", error.Message);
            Assert.Contains("SSL_CERT_FILE", error.Message);
            Assert.Contains("not retried", error.Message);
        }

        [Fact]
        public void OtherTransportFailuresAreNot() =>
            Assert.False(CertificateTrustPolicy.IsUntrusted(new System.Net.Http.HttpRequestException("Connection refused", new System.Net.Sockets.SocketException(111))));
    }

    public class PipedPolicyTests
    {
        [Fact]
        public void AnObjectOfAnotherPolicyTypeIsRefused()
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => PipedPolicy.RequireType("Set-LobbyBypass", ExternalUserPolicyType.TeamsMeetingPolicy, ExternalUserPolicyType.ExternalAccessPolicy, "Global"));
            Assert.Equal(ErrorIds.PolicyTypeMismatch, ex.ErrorId);
            Assert.Contains("Nothing was changed", ex.Message);
        }

        [Fact]
        public void NoPipedTypeOrTheSameTypeIsFine()
        {
            PipedPolicy.RequireType("Set-LobbyBypass", ExternalUserPolicyType.TeamsMeetingPolicy, null, "Global");
            PipedPolicy.RequireType("Set-LobbyBypass", ExternalUserPolicyType.TeamsMeetingPolicy, ExternalUserPolicyType.TeamsMeetingPolicy, "Global");
            PipedPolicy.RequireSame("Set-ExternalUserPolicy", ExternalUserPolicyType.TeamsMeetingPolicy, "Global", "not a policy");
        }

        [Fact]
        public void AnotherIdentityIsRefused()
        {
            var piped = new MeetingPolicySettings { Identity = "Tag:OpenDoors" };
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => PipedPolicy.RequireSame("Set-ExternalUserPolicy", ExternalUserPolicyType.TeamsMeetingPolicy, "Global", new PSObject(piped)));
            Assert.Equal(ErrorIds.PolicyTypeMismatch, ex.ErrorId);
            PipedPolicy.RequireSame("Set-ExternalUserPolicy", ExternalUserPolicyType.TeamsMeetingPolicy, "Tag:OpenDoors", piped);
        }
    }

    public class DisplayTextTests
    {
        [Fact]
        public void WrapsBetweenWordsOnly()
        {
            var text = "TeamsAdmin refused reading the Global meeting policy [Forbidden]. This needs the Teams Administrator, Teams Communications Administrator or Global Reader role.";
            var lines = DisplayText.Wrap(text, 58).Split('\n');
            Assert.All(lines, l => Assert.True(l.Length <= 58, l));
            Assert.Equal(text, string.Join(" ", lines));
        }

        [Fact]
        public void AWordLongerThanTheWidthStaysWhole()
        {
            var word = new string('x', 70);
            Assert.Equal("a\n" + word + "\nb", DisplayText.Wrap("a " + word + " b", 58));
        }

        [Fact]
        public void ListsGetOneItemPerLineAndNullIsEmpty()
        {
            Assert.Equal("User.Read.All\nPolicy.Read.All", DisplayText.Wrap(new[] { "User.Read.All", "Policy.Read.All" }, 58));
            Assert.Equal(string.Empty, DisplayText.Wrap(null, 58));
        }
    }

    public class FailedSignInTests
    {
        [Fact]
        public void AFailedSignInClearsTheCurrentContextUntilTheNextSuccess()
        {
            ContextStore.SetCurrent(null);
            Assert.Null(ContextStore.FailedSignIn);
            ContextStore.ClearAfterFailedSignIn("fabrikam.onmicrosoft.com");
            Assert.Null(ContextStore.Current);
            Assert.Equal("fabrikam.onmicrosoft.com", ContextStore.FailedSignIn);
            ContextStore.SetCurrent(null);
            Assert.Null(ContextStore.FailedSignIn);
        }
    }
}

namespace AcsTeamsSecurity.Tests.FirstHour
{
    public class DidYouMeanTests
    {
        [Theory]
        [InlineData("OpenDoor", "Tag:OpenDoors")]
        [InlineData("Tag:opendors", "Tag:OpenDoors")]
        [InlineData("Globl", "Global")]
        [InlineData("ATS.ACS.55", "ATS.ACS.5")]
        public void SuggestsTheClosestName(string input, string expected) =>
            Assert.Equal(expected, AcsTeamsSecurity.Domain.DidYouMean.Closest(input, new[] { "Global", "Tag:OpenDoors", "Tag:ExternalLockdown", "ATS.ACS.5", "ATS.MTG.1" }));

        [Fact]
        public void SuggestsNothingWhenNothingIsClose() =>
            Assert.Equal(string.Empty, AcsTeamsSecurity.Domain.DidYouMean.Sentence("Marketing", new[] { "Global", "Tag:OpenDoors" }));

        [Fact]
        public void RuleIdMatchesAFrameworkControlId()
        {
            var rule = AcsTeamsSecurity.Audit.Rules.RuleCatalog.All.Select(r => r.Definition).First(d => d.Mappings.Count > 0);
            var filter = new AcsTeamsSecurity.Audit.Rules.RuleFilter { RuleIds = new[] { rule.Mappings[0].Id } };
            Assert.True(filter.Matches(rule));
        }
    }
}

namespace AcsTeamsSecurity.Tests.FirstHour
{
    public class DirectoryRoleNameTests
    {
        [Fact]
        public void NamesKnownRolesKeepsUnknownIdsAndDropsTheDefaultUserRole() =>
            Assert.Equal(
                new[] { "Teams Administrator", "11111111-2222-3333-4444-555555555555" },
                AcsTeamsSecurity.Auth.DirectoryRoleNames.Describe(new[] { "69091246-20e8-4a56-aa4d-066075b2a7a8", "b79fbf4d-3ef9-4689-8143-76b194e85509", "11111111-2222-3333-4444-555555555555" }));
    }
}
