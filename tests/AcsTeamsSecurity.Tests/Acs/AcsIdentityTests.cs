using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Tests.Auth;
using Xunit;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Tests.Acs
{
    public class AcsIdentityTests
    {
        private const string Resource = "2dee53b4-368b-45b4-ab52-8493fb117652";

        [Theory]
        [InlineData("8:acs:" + Resource + "_00000005-14a2-493b-8a72-5a3a0d000081", AcsIdentityKind.AcsUser, AcsIdentityCloud.Public, "8:acs:")]
        [InlineData("8:gcch-acs:" + Resource + "_x", AcsIdentityKind.AcsUser, AcsIdentityCloud.Gcch, "8:gcch-acs:")]
        [InlineData("8:dod-acs:" + Resource + "_x", AcsIdentityKind.AcsUser, AcsIdentityCloud.Dod, "8:dod-acs:")]
        [InlineData("8:spool:" + Resource + "_x", AcsIdentityKind.AcsUser, AcsIdentityCloud.Public, "8:spool:")]
        [InlineData("8:orgid:32c0a5db-05ec-78ea-51ab-3f06b329397e", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Public, "8:orgid:")]
        [InlineData("8:gcch:32c0a5db", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Gcch, "8:gcch:")]
        [InlineData("8:dod:32c0a5db", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Dod, "8:dod:")]
        [InlineData("8:teamsvisitor:abc", AcsIdentityKind.TeamsVisitor, AcsIdentityCloud.Public, "8:teamsvisitor:")]
        [InlineData("4:+14255550123", AcsIdentityKind.PhoneNumber, AcsIdentityCloud.Public, "4:")]
        [InlineData("28:45ab2481-1c1c-4005-be24-0ffb879b1130", AcsIdentityKind.Bot, AcsIdentityCloud.Public, "28:")]
        [InlineData("28:orgid:45ab2481", AcsIdentityKind.Bot, AcsIdentityCloud.Public, "28:orgid:")]
        [InlineData("28:dod:45ab2481", AcsIdentityKind.Bot, AcsIdentityCloud.Dod, "28:dod:")]
        [InlineData("28:dod-global:45ab2481", AcsIdentityKind.Bot, AcsIdentityCloud.Dod, "28:dod-global:")]
        [InlineData("28:gcch:45ab2481", AcsIdentityKind.Bot, AcsIdentityCloud.Gcch, "28:gcch:")]
        [InlineData("28:gcch-global:45ab2481", AcsIdentityKind.Bot, AcsIdentityCloud.Gcch, "28:gcch-global:")]
        [InlineData("48:something-else", AcsIdentityKind.Unknown, AcsIdentityCloud.Public, "")]
        public void ParsesEveryPrefix(string raw, AcsIdentityKind kind, AcsIdentityCloud cloud, string prefix)
        {
            Assert.True(AcsIdentity.TryParse(raw, out var identity));
            Assert.Equal(raw, identity.Id);
            Assert.Equal(kind, identity.Kind);
            Assert.Equal(cloud, identity.Cloud);
            Assert.Equal(prefix, identity.Prefix);
            Assert.Equal(kind == AcsIdentityKind.AcsUser ? Guid.Parse(Resource) : null, identity.ResourceId);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(" 8:acs:x")]
        [InlineData("8:acs:")]
        [InlineData("8:acs:not-a-guid_123")]
        [InlineData("8:acs:" + Resource)]
        [InlineData("8:acs:" + Resource + "_")]
        [InlineData("8:acs:_" + Resource)]
        [InlineData("4:")]
        [InlineData("8:acs:" + Resource + "_x'; DROP")]
        [InlineData("8:acs:" + Resource + "_a/b")]
        [InlineData("8:acs:" + Resource + "_a b")]
        public void RejectsGarbage(string? raw)
        {
            Assert.False(AcsIdentity.TryParse(raw, out _));
        }

        [Fact]
        public void RejectsOverlongInputAndEqualityIsOrdinal()
        {
            Assert.False(AcsIdentity.TryParse("8:acs:" + new string('a', 600), out _));
            Assert.True(AcsIdentity.TryParse("8:acs:" + Resource + "_a", out var a));
            Assert.True(AcsIdentity.TryParse("8:acs:" + Resource + "_a", out var b));
            Assert.True(AcsIdentity.TryParse("8:acs:" + Resource + "_A", out var c));
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        [Fact]
        public void CmdletInputAcceptsOnlyAcsUsers()
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => Cmdlets.Binding.AcsIdentityInput.Parse("8:orgid:32c0a5db"));
            Assert.Equal(ErrorIds.AcsIdentityInvalid, ex.ErrorId);
            Assert.True(Cmdlets.Binding.AcsIdentityInput.Parse("8:acs:" + Resource + "_1").IsAcsUser);
        }
    }

    public class AcsTokenDecoderTests
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1657800000);

        [Fact]
        public void DecodesTheRecordedShape()
        {
            var token = TestJwt.Create(new { skypeid = "acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081", scp = 1792, csi = "1657788332", exp = 1657874732, acsScope = "voip.join,chat.join.limited", resourceId = "2dee53b4-368b-45b4-ab52-8493fb117652", iat = 1657788332 });
            var info = AcsTokenDecoder.Decode(token, Now);
            Assert.Equal("8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081", info.Identity!.Id);
            Assert.Equal(new[] { "voip.join", "chat.join.limited" }, info.Scopes);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1657788332), info.IssuedOn);
            Assert.Equal(TimeSpan.FromHours(24), info.Lifetime);
            Assert.False(info.IsExpired);
            Assert.True(AcsTokenDecoder.Decode(token, Now.AddDays(2)).IsExpired);
            Assert.Equal("2dee53b4-368b-45b4-ab52-8493fb117652", info.ResourceId);
        }

        [Fact]
        public void TeamsUserTokensDecodeToATeamsIdentity()
        {
            var info = AcsTokenDecoder.Decode(TestJwt.Create(new { skypeid = "orgid:32c0a5db-05ec-78ea-51ab-3f06b329397e", exp = 1657874732 }), Now);
            Assert.Equal(AcsIdentityKind.TeamsUser, info.Identity!.Kind);
            Assert.Empty(info.Scopes);
        }

        [Theory]
        [InlineData("")]
        [InlineData("abc")]
        [InlineData("a.b.c")]
        [InlineData("eyJhbGciOiJub25lIn0.WzFd.x")]
        public void RejectsNonTokens(string token)
        {
            Assert.Equal(ErrorIds.AcsTokenInvalid, Assert.Throws<AcsTeamsSecurityException>(() => AcsTokenDecoder.Decode(token, Now)).ErrorId);
        }

        [Fact]
        public void AnEntraTokenIsNotAnAcsToken()
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => AcsTokenDecoder.Decode(TestJwt.Create(new { aud = "https://graph.microsoft.com", exp = 1 }), Now));
            Assert.Contains("skypeid", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void SurvivesAbsurdTimes()
        {
            var info = AcsTokenDecoder.Decode(TestJwt.Create(new { skypeid = "acs:x", exp = long.MaxValue, iat = "nonsense" }), Now);
            Assert.Null(info.ExpiresOn);
            Assert.Null(info.IssuedOn);
        }
    }
}
