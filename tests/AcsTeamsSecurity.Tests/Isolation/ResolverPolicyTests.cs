using System.Reflection;
using AcsTeamsSecurity.Isolation;
using Xunit;

namespace AcsTeamsSecurity.Tests.Isolation
{
    public class ResolverPolicyTests
    {
        private static readonly Dictionary<string, Version> Shipped = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Azure.Core"] = new Version(1, 53, 0, 0),
            ["Microsoft.Identity.Client"] = new Version(4, 83, 1, 0),
            ["System.Text.Json"] = new Version(10, 0, 0, 0),
        };

        [Fact]
        public void DefaultContextMissIsAnsweredOnlyForShippedNamesWeCanSatisfy()
        {
            Assert.Equal(ResolverDecision.LoadShippedCopy, ResolverPolicy.ForDefaultContextMiss(new AssemblyName("Azure.Core, Version=1.53.0.0"), Shipped));
            Assert.Equal(ResolverDecision.LoadShippedCopy, ResolverPolicy.ForDefaultContextMiss(new AssemblyName("Azure.Core, Version=1.38.0.0"), Shipped));
            Assert.Equal(ResolverDecision.LoadShippedCopy, ResolverPolicy.ForDefaultContextMiss(new AssemblyName("azure.core"), Shipped));
            Assert.Equal(ResolverDecision.Decline, ResolverPolicy.ForDefaultContextMiss(new AssemblyName("Azure.Core, Version=1.60.0.0"), Shipped));
            Assert.Equal(ResolverDecision.Decline, ResolverPolicy.ForDefaultContextMiss(new AssemblyName("Newtonsoft.Json"), Shipped));
        }

        [Fact]
        public void PrivateContextDefersToAnEqualOrNewerHostCopy()
        {
            var host = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase) { ["System.Text.Json"] = new Version(10, 0, 0, 0) };
            Assert.Equal(ResolverDecision.DeferToHost, ResolverPolicy.ForPrivateContextLoad(new AssemblyName("System.Text.Json"), Shipped, host));
            var older = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase) { ["System.Text.Json"] = new Version(8, 0, 0, 0) };
            Assert.Equal(ResolverDecision.LoadShippedCopy, ResolverPolicy.ForPrivateContextLoad(new AssemblyName("System.Text.Json"), Shipped, older));
            Assert.Equal(ResolverDecision.LoadShippedCopy, ResolverPolicy.ForPrivateContextLoad(new AssemblyName("Azure.Core"), Shipped, host));
            Assert.Equal(ResolverDecision.Decline, ResolverPolicy.ForPrivateContextLoad(new AssemblyName("System.Management.Automation"), Shipped, host));
            Assert.Equal(ResolverDecision.Decline, ResolverPolicy.ForPrivateContextLoad(new AssemblyName("AcsTeamsSecurity"), Shipped, host));
        }

        [Fact]
        public void TrustedPlatformListIsParsedByFileName()
        {
            var map = ResolverPolicy.ParseTrustedPlatformAssemblies("/a/System.Text.Json.dll:/a/System.Runtime.dll::/b/System.Text.Json.dll", ':');
            Assert.Equal("/a/System.Text.Json.dll", map["system.text.json"]);
            Assert.Equal(2, map.Count);
            Assert.Empty(ResolverPolicy.ParseTrustedPlatformAssemblies(null, ':'));
        }

        [Fact]
        public void CatalogReadsManagedAssembliesAndSkipsOthers()
        {
            var dir = Directory.CreateTempSubdirectory();
            try
            {
                File.Copy(typeof(Azure.Core.AccessToken).Assembly.Location, Path.Combine(dir.FullName, "Azure.Core.dll"));
                File.WriteAllText(Path.Combine(dir.FullName, "native.dll"), "not a PE file");
                var hostPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Azure.Core"] = typeof(Azure.Core.AccessToken).Assembly.Location };
                var catalog = new DependencyCatalog(dir.FullName, hostPaths);
                Assert.True(catalog.ShippedVersions.ContainsKey("Azure.Core"));
                Assert.Single(catalog.ShippedVersions);
                Assert.Equal(catalog.ShippedVersions["Azure.Core"], catalog.HostPlatformVersions["Azure.Core"]);
            }
            finally
            {
                dir.Delete(true);
            }
        }
    }
}
