using System.Text;
using AcsTeamsSecurity.Clients.Acs;
using Xunit;

namespace AcsTeamsSecurity.Tests.Acs
{
    /// <summary>The HMAC test vectors of api-facts §2.3: Microsoft's (Python and Java SDK tests) and the project's own.</summary>
    public class HmacSignerTests
    {
        private static readonly byte[] MicrosoftKey = Convert.FromBase64String("pw==");
        private static readonly byte[] ProjectKey = Convert.FromBase64String("YWNzLWVtdWxhdG9yLXRlc3Qta2V5LTAxMjM0NTY3ODk=");
        private const string EmptyHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

        [Theory]
        [InlineData("banana", "88EC05aAS9iXnaimtNO78JLjiPtfWryQB/5QYEzEsu8=")]
        [InlineData("😀", "1rudJKjn2Zi+3hRrBG29wIF6pD6YyAeQR1ZcFtXoKAU=")]
        public void MicrosoftPythonHmacVectors(string data, string expected)
        {
            Assert.Equal(expected, HmacSigner.Sign(MicrosoftKey, Encoding.UTF8.GetBytes(data)));
        }

        [Theory]
        [InlineData("banana", "tJPUg2Sv5E0RwBZc9HCkFk0eJgmRHvmYvoaNRq3j3k4=")]
        [InlineData("😀", "8EQ6NCxe9UeDoRG1G6Vsk45HTDIyTZDDpgycjjo34tk=")]
        [InlineData("", EmptyHash)]
        public void MicrosoftJavaContentHashVectors(string body, string expected)
        {
            Assert.Equal(expected, HmacSigner.ContentHash(Encoding.UTF8.GetBytes(body)));
        }

        [Theory]
        [InlineData("/", "88MDmJhUR3m5QhFxb8ztShsSwlGrg7g/6XPnWf7QEO4=")]
        [InlineData("/testPath", "RoCrHjw7fb9fpHSbqvRUY2xa8RBS0YvI1cxI1x8AS38=")]
        [InlineData("/testPath?testQuery=yes", "il99+rd6V5O136roX/zVePCNle78HmvC4B7tu9zRH3I=")]
        public void MicrosoftPythonRequestVectors(string pathAndQuery, string signature)
        {
            var toSign = HmacSigner.StringToSign("GET", pathAndQuery, "Wed, 13 Apr 2022 18:09:12 GMT", "contoso.communicationservices.azure.com", EmptyHash);
            Assert.Equal(signature, HmacSigner.Sign(MicrosoftKey, toSign));
            Assert.Equal("x-ms-date;host;x-ms-content-sha256", HmacSigner.SignedHeaders);
        }

        [Theory]
        [InlineData("contoso.communication.azure.com", "Wz3gDamwtxr4+PxqSSmI1Z+uOSw0rc5ny3EKy40CkcE=")]
        [InlineData("localhost:5001", "rFAuAjthz2yQcQUeTdhFHI0hLno83CQ6h5fbHgLMgl4=")]
        public void ProjectCreateIdentityVectors(string host, string signature)
        {
            var body = Encoding.UTF8.GetBytes("{\"createTokenWithScopes\":[\"chat\"],\"expiresInMinutes\":60}");
            var hash = HmacSigner.ContentHash(body);
            Assert.Equal("kET9vD/6sAVRB6ISkrpOL44L0M1olvugZ/QYxlSQK9k=", hash);
            var toSign = HmacSigner.StringToSign("POST", "/identities?api-version=2023-10-01", "Mon, 13 Mar 2023 09:47:55 GMT", host, hash);
            Assert.Equal(signature, HmacSigner.Sign(ProjectKey, toSign));
        }

        [Fact]
        public void ProjectDeleteVectorWithPercentEncodedId()
        {
            var path = "/identities/" + AcsIdentityClient.EscapeId("8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081") + "?api-version=2023-10-01";
            Assert.Equal("/identities/8%3Aacs%3A2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081?api-version=2023-10-01", path);
            var toSign = HmacSigner.StringToSign("DELETE", path, "Mon, 13 Mar 2023 09:47:55 GMT", "contoso.communication.azure.com", EmptyHash);
            Assert.Equal("O6yj7H7tGCDiqLeE2EJ+7XgeASsayGVO9Iu9fOCzdns=", HmacSigner.Sign(ProjectKey, toSign));
        }

        [Fact]
        public void PercentEncodedIdSurvivesUriRoundTrip()
        {
            // The signature covers Uri.PathAndQuery: the escaped colons must stay escaped on the way out.
            var uri = new Uri("https://contoso.communication.azure.com/identities/" + AcsIdentityClient.EscapeId("8:acs:abc_def") + "/:revokeAccessTokens?api-version=2023-10-01");
            Assert.Equal("/identities/8%3Aacs%3Aabc_def/:revokeAccessTokens?api-version=2023-10-01", uri.PathAndQuery);
        }

        [Fact]
        public void DateIsRfc1123()
        {
            Assert.Equal("Mon, 13 Mar 2023 09:47:55 GMT", HmacSigner.FormatDate(new DateTimeOffset(2023, 3, 13, 10, 47, 55, TimeSpan.FromHours(1))));
        }
    }
}
