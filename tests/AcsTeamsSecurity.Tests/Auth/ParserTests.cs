using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using Xunit;

namespace AcsTeamsSecurity.Tests.Auth
{
    public class JwtClaimsTests
    {
        [Fact]
        public void ReadsTheClaimsTheModuleReports()
        {
            var token = TestJwt.Create(new { aud = "https://graph.microsoft.com", tid = "t1", oid = "o1", appid = "a1", roles = new[] { "R1", "R2" }, scp = "User.Read Mail.Read", exp = 1900000000, iat = 1899990000, upn = "admin@contoso.com" });
            Assert.True(JwtClaims.TryParse(token, out var c));
            Assert.Equal("https://graph.microsoft.com", c.Audience);
            Assert.Equal("t1", c.TenantId);
            Assert.Equal("o1", c.ObjectId);
            Assert.Equal("a1", c.AppId);
            Assert.Equal(new[] { "R1", "R2" }, c.Roles);
            Assert.Equal(new[] { "User.Read", "Mail.Read" }, c.Scopes);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), c.ExpiresOn);
            Assert.Equal("admin@contoso.com", c.UserPrincipalName);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not-a-jwt")]
        [InlineData("a.b")]
        [InlineData("a..c")]
        [InlineData("eyJ.!!!.c")]
        [InlineData("eyJhbGciOiJub25lIn0.WzEsMl0.x")]
        [InlineData("eyJhbGciOiJub25lIn0.e30x.x")]
        public void RejectsWhatIsNotAJwtWithAnObjectPayload(string? token)
        {
            Assert.False(JwtClaims.TryParse(token, out _));
        }

        [Fact]
        public void AudienceArrayAndStringExpiry()
        {
            Assert.True(JwtClaims.TryParse(TestJwt.Create(new { aud = new[] { "x", "y" }, exp = "1900000000" }), out var c));
            Assert.Equal("x", c.Audience);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), c.ExpiresOn);
        }
    }

    public class AcsConnectionStringTests
    {
        private const string Key = "YWNzLWVtdWxhdG9yLXRlc3Qta2V5LTAxMjM0NTY3ODk=";

        [Theory]
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=" + Key)]
        [InlineData("Endpoint=https://contoso.communication.azure.com/;AccessKey=" + Key + ";")]
        [InlineData(" endpoint = https://contoso.communication.azure.com ; accessKey = " + Key)]
        [InlineData("accesskey=" + Key + ";endpoint=https://contoso.communication.azure.com/")]
        public void AcceptsTheDocumentedForms(string value)
        {
            var parsed = AcsConnectionString.Parse(value);
            Assert.Equal("contoso.communication.azure.com", parsed.Endpoint.Host);
            Assert.Equal(Convert.FromBase64String(Key), parsed.Key);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("endpoint=https://contoso.communication.azure.com/")]
        [InlineData("accesskey=" + Key)]
        [InlineData("endpoint=http://contoso.communication.azure.com/;accesskey=" + Key)]
        [InlineData("endpoint=contoso.communication.azure.com;accesskey=" + Key)]
        [InlineData("endpoint=https://contoso.communication.azure.com/?x=1;accesskey=" + Key)]
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not*base64!")]
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=")]
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=" + Key + ";accesskey=" + Key)]
        [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=" + Key + ";sharedaccesssignature=abc")]
        [InlineData("garbage")]
        [InlineData("=;=;=")]
        public void RejectsMalformedValuesWithoutEchoingTheKey(string value)
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => AcsConnectionString.Parse(value));
            Assert.Equal(ErrorIds.AcsConnectionStringInvalid, ex.ErrorId);
            Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not*base64!", ex.Message, StringComparison.Ordinal);
        }
    }
}
