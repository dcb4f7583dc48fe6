using System.Management.Automation;
using System.Reflection;
using AcsTeamsSecurity.Cmdlets;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// The cmdlet surface is ours alone: no third-party type may appear as a cmdlet parameter, an
    /// [OutputType], a base class or a public property/method signature of a public type. This is what
    /// makes loading Azure.Core and MSAL into a private load context possible at all.
    /// </summary>
    public class PublicSurfaceTests
    {
        private static readonly string[] ForbiddenPrefixes = { "Azure.", "Microsoft.Identity" };

        private static readonly Assembly Module = typeof(AcsTeamsCmdlet).Assembly;

        private static bool IsForbidden(Type type)
        {
            if (type.IsGenericType)
            {
                if (type.GetGenericArguments().Any(IsForbidden))
                {
                    return true;
                }
            }

            if (type.HasElementType && IsForbidden(type.GetElementType()!))
            {
                return true;
            }

            var name = type.FullName ?? type.Name;
            var assembly = type.Assembly.GetName().Name ?? string.Empty;
            return ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) || assembly.StartsWith(p.TrimEnd('.'), StringComparison.Ordinal));
        }

        public static IEnumerable<object[]> PublicTypes() =>
            Module.GetExportedTypes().Select(t => new object[] { t.FullName! });

        [Theory]
        [MemberData(nameof(PublicTypes))]
        public void PublicTypeExposesNoThirdPartyType(string typeName)
        {
            var type = Module.GetType(typeName, throwOnError: true)!;
            var problems = new List<string>();
            for (var b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (IsForbidden(b))
                {
                    problems.Add($"base class {b.FullName}");
                }
            }

            problems.AddRange(type.GetInterfaces().Where(IsForbidden).Select(i => $"interface {i.FullName}"));
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(Flags))
            {
                if (IsForbidden(property.PropertyType))
                {
                    problems.Add($"property {property.Name}: {property.PropertyType.FullName}");
                }
            }

            foreach (var method in type.GetMethods(Flags).Where(m => !m.IsSpecialName))
            {
                if (IsForbidden(method.ReturnType) || method.GetParameters().Any(p => IsForbidden(p.ParameterType)))
                {
                    problems.Add($"method {method.Name}");
                }
            }

            foreach (var field in type.GetFields(Flags))
            {
                if (IsForbidden(field.FieldType))
                {
                    problems.Add($"field {field.Name}");
                }
            }

            foreach (var attribute in type.GetCustomAttributes<OutputTypeAttribute>())
            {
                foreach (var output in attribute.Type)
                {
                    if (output.Type is not null && IsForbidden(output.Type))
                    {
                        problems.Add($"[OutputType] {output.Type.FullName}");
                    }
                }
            }

            Assert.True(problems.Count == 0, $"{typeName} exposes third-party types: {string.Join("; ", problems)}");
        }

        [Fact]
        public void TheRuleCatchesAThirdPartyType()
        {
            // Guard against a test that cannot fail: the same check must flag an Azure type.
            Assert.True(IsForbidden(typeof(Azure.Core.AccessToken)));
            Assert.True(IsForbidden(typeof(List<Azure.Core.AccessToken>)));
            Assert.False(IsForbidden(typeof(string)));
        }

        [Fact]
        public void TheModuleDoesNotReferenceTheGraphSdk()
        {
            // Graph goes through Clients/Graph/GraphJsonClient on Azure.Core; the Graph SDK (and Kiota) are not shipped.
            var references = Module.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();
            Assert.Contains("Azure.Core", references);
            Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Graph", StringComparison.Ordinal) || r.StartsWith("Microsoft.Kiota", StringComparison.Ordinal));
        }

        [Fact]
        public void EveryCmdletIsSealedDeclaresOutputTypeAndUsesTheBaseLadder()
        {
            var cmdlets = Module.GetExportedTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null).ToList();
            Assert.NotEmpty(cmdlets);
            foreach (var cmdlet in cmdlets)
            {
                Assert.True(cmdlet.IsSealed, $"{cmdlet.Name} must be sealed");
                Assert.True(typeof(AcsTeamsCmdlet).IsAssignableFrom(cmdlet), $"{cmdlet.Name} must derive from AcsTeamsCmdlet");
                Assert.NotEmpty(cmdlet.GetCustomAttributes<OutputTypeAttribute>());
                Assert.EndsWith("Command", cmdlet.Name, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void OnlyAuthAndClientsReferenceThirdPartyNamespaces()
        {
            // Types outside Auth/Clients/Isolation must not have fields, base types or signatures with SDK types.
            var allowed = new[] { "AcsTeamsSecurity.Auth", "AcsTeamsSecurity.Clients", "AcsTeamsSecurity.Isolation" };
            var offenders = new List<string>();
            foreach (var type in Module.GetTypes())
            {
                var ns = type.Namespace ?? string.Empty;
                if (allowed.Any(a => ns.StartsWith(a, StringComparison.Ordinal)) || type.Name.StartsWith("<", StringComparison.Ordinal))
                {
                    continue;
                }

                const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                foreach (var field in type.GetFields(All))
                {
                    if (IsForbidden(field.FieldType))
                    {
                        offenders.Add($"{type.FullName}.{field.Name}");
                    }
                }

                if (type.BaseType is not null && IsForbidden(type.BaseType))
                {
                    offenders.Add($"{type.FullName} : {type.BaseType.FullName}");
                }
            }

            Assert.True(offenders.Count == 0, string.Join("; ", offenders));
        }

        [Fact]
        public void ManifestExportsExactlyTheCmdlets()
        {
            var manifestPath = Path.Combine(RepoRoot(), "AcsTeamsSecurity.psd1");
            var text = File.ReadAllText(manifestPath);
            var exportsBlock = text.Substring(text.IndexOf("CmdletsToExport", StringComparison.Ordinal));
            exportsBlock = exportsBlock.Substring(0, exportsBlock.IndexOf(')', StringComparison.Ordinal));
            var exported = System.Text.RegularExpressions.Regex.Matches(exportsBlock, "'([A-Za-z]+-[A-Za-z]+)'").Select(m => m.Groups[1].Value).OrderBy(x => x).ToList();
            var declared = Module.GetExportedTypes()
                .Select(t => t.GetCustomAttribute<CmdletAttribute>())
                .Where(a => a is not null)
                .Select(a => $"{a!.VerbName}-{a.NounName}")
                .OrderBy(x => x)
                .ToList();
            Assert.Equal(declared, exported);
            Assert.DoesNotContain("'*'", text, StringComparison.Ordinal);
        }

        internal static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AcsTeamsSecurity.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        }
    }
}
