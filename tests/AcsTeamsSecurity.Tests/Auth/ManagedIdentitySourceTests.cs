using AcsTeamsSecurity.Auth;
using Xunit;

namespace AcsTeamsSecurity.Tests.Auth
{
    /// <summary>Connect names the managed-identity source MSAL will use, from the same environment variables, in MSAL's order.</summary>
    public class ManagedIdentitySourceTests
    {
        [Theory]
        [InlineData("IDENTITY_ENDPOINT=http://127.0.0.1:41000/msi/token;IDENTITY_HEADER=h", "AppService", "http://127.0.0.1:41000/msi/token")]
        [InlineData("IDENTITY_ENDPOINT=https://10.0.0.4:2377/metadata/identity/oauth2/token;IDENTITY_HEADER=h;IDENTITY_SERVER_THUMBPRINT=AB", "ServiceFabric", "https://10.0.0.4:2377/metadata/identity/oauth2/token")]
        [InlineData("MSI_ENDPOINT=http://localhost:50342/oauth2/token", "CloudShell", "http://localhost:50342/oauth2/token")]
        [InlineData("MSI_ENDPOINT=http://10.0.0.5:46808/token;MSI_SECRET=s", "MachineLearning", "http://10.0.0.5:46808/token")]
        [InlineData("IDENTITY_ENDPOINT=http://localhost:40342/metadata/identity/oauth2/token;IMDS_ENDPOINT=http://localhost:40342", "AzureArc", "http://localhost:40342/metadata/identity/oauth2/token")]
        [InlineData("", "Imds", "http://169.254.169.254/metadata/identity/oauth2/token")]
        [InlineData("AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:5555/", "Imds", "http://127.0.0.1:5555/metadata/identity/oauth2/token")]
        [InlineData("IDENTITY_HEADER=only-a-header", "Imds", "http://169.254.169.254/metadata/identity/oauth2/token")]
        public void DetectsTheSourceMsalUses(string variables, string source, string endpoint)
        {
            var map = variables.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var (found, at, description) = ManagedIdentitySource.Detect(name => map.TryGetValue(name, out var value) ? value : null);
            Assert.Equal(source, found);
            Assert.Equal(endpoint, at);
            Assert.DoesNotContain("only-a-header", description, StringComparison.Ordinal);
        }
    }
}
