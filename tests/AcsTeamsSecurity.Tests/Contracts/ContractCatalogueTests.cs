using System.Reflection;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Clients.Contracts;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Contracts
{
    /// <summary>
    /// The embedded contract catalogue (what Test-AcsTeamsSecurityContract checks at run time) and docs/CONTRACTS.md (the
    /// table people read) say the same thing: every catalogue id names a row anchor with the same service, method and path.
    /// </summary>
    public class ContractCatalogueTests
    {
        private static readonly Lazy<Dictionary<string, (string Service, string[] Methods, string Path)>> Rows = new(ReadTable);

        public static IEnumerable<object[]> Ids() => ContractCatalogue.All.Select(e => new object[] { e.Id });

        [Fact]
        public void TheEmbeddedCatalogueLoads()
        {
            Assert.True(ContractCatalogue.All.Count >= 10);
            Assert.Single(ContractCatalogue.All, e => e.Write);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryEntryIsARowOfTheContractTable(string id)
        {
            var entry = ContractCatalogue.All.Single(e => e.Id == id);
            Assert.True(Rows.Value.TryGetValue(entry.Anchor, out var row), $"{id}: docs/CONTRACTS.md has no row with the anchor '{entry.Anchor}'");
            Assert.Equal(Service(entry.Service), row.Service);
            Assert.Contains(entry.Method, row.Methods);
            Assert.Equal(row.Path, entry.Path);
            Assert.True(id == entry.Anchor || id.StartsWith(entry.Anchor + ":", StringComparison.Ordinal), $"{id}: an id is its anchor, or the anchor and ':' and what it fixes");
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void ParametersAndNeedsFillEveryPlaceholder(string id)
        {
            var entry = ContractCatalogue.All.Single(e => e.Id == id);
            var placeholders = Regex.Matches(entry.Path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            var filled = entry.Parameters.Keys.ToList();
            filled.AddRange(entry.Needs.SelectMany(n => n switch
            {
                "user" => new[] { "user" },
                "subscription" => new[] { "subscription" },
                "resource" => new[] { "subscription", "resourceGroup", "name" },
                _ => throw new InvalidOperationException($"{id}: unknown need '{n}'"),
            }));
            var open = placeholders.Except(filled).ToList();
            Assert.True(entry.Write || open.Count == 0, $"{id}: nothing fills {string.Join(", ", open)}");
        }

        [Fact]
        public void EntriesThatNeedSomethingComeAfterTheEntryThatFindsIt()
        {
            var order = ContractCatalogue.All.Select(e => e.Id).ToList();
            var finders = new Dictionary<string, string> { ["user"] = "graph-user-configurations", ["subscription"] = "arm-subscriptions", ["resource"] = "arm-list-communication" };
            foreach (var entry in ContractCatalogue.All)
            {
                foreach (var need in entry.Needs)
                {
                    Assert.True(order.IndexOf(finders[need]) < order.IndexOf(entry.Id), $"{entry.Id} needs a {need}, found by {finders[need]}, which must come first");
                }
            }
        }

        [Fact]
        public void TeamsPropertiesAndEnumsAreWhatTheModelsRead()
        {
            var models = new Dictionary<string, Type>
            {
                ["TeamsMeetingPolicy"] = typeof(MeetingPolicySettings),
                ["ExternalAccessPolicy"] = typeof(ExternalAccessPolicySettings),
                ["TeamsAcsFederationConfiguration"] = typeof(AcsFederationConfiguration),
                ["TeamsMeetingConfiguration"] = typeof(AcsFederationConfiguration),
                ["TenantFederationSettings"] = typeof(AcsFederationConfiguration),
            };
            foreach (var entry in ContractCatalogue.All.Where(e => e.Parameters.TryGetValue("Type", out var t) && models.ContainsKey(t)))
            {
                var model = models[entry.Parameters["Type"]];
                foreach (var name in entry.Properties.Concat(entry.Enums.Keys.Select(k => k.Replace("[]", string.Empty, StringComparison.Ordinal))))
                {
                    if (name == "Identity" && model == typeof(AcsFederationConfiguration))
                    {
                        continue; // the tenant gates are merged from three Global instances; Identity is read to find them, not kept
                    }

                    var property = model.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
                    Assert.True(property is not null, $"{entry.Id}: the module's {model.Name} has no property {name}");
                }

                foreach (var pair in entry.EnumTypes.Where(p => p.Value is not null))
                {
                    var property = model.GetProperty(pair.Key.Replace("[]", string.Empty, StringComparison.Ordinal))!;
                    var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType.GetGenericArguments().FirstOrDefault() ?? property.PropertyType;
                    Assert.Equal(pair.Value, type.Name);
                }
            }
        }

        [Fact]
        public void ABrokenCatalogueIsRefused()
        {
            Assert.Throws<FormatException>(() => ContractCatalogue.Parse("{\"contracts\":[{\"id\":\"x\",\"anchor\":\"x\",\"service\":\"Graph\",\"method\":\"GET\",\"path\":\"/\",\"variants\":[{\"name\":\"n\",\"shape\":\"blob\",\"evidence\":\"INF\"}]}]}"));
            Assert.Throws<FormatException>(() => ContractCatalogue.Parse("{\"contracts\":[{\"id\":\"x\",\"anchor\":\"x\",\"service\":\"Graph\",\"method\":\"GET\",\"path\":\"/\",\"variants\":[{\"name\":\"n\",\"shape\":\"object\",\"evidence\":\"INF\"}],\"enums\":{\"P\":\"NoSuchEnum\"}}]}"));
            Assert.Throws<FormatException>(() => ContractCatalogue.Parse("{\"contracts\":[{\"id\":\"x\",\"anchor\":\"x\",\"service\":\"Graph\",\"method\":\"GET\",\"path\":\"/\",\"variants\":[{\"name\":\"n\",\"shape\":\"object\",\"evidence\":\"INF\"}]},{\"id\":\"X\",\"anchor\":\"x\",\"service\":\"Graph\",\"method\":\"GET\",\"path\":\"/\",\"variants\":[{\"name\":\"n\",\"shape\":\"object\",\"evidence\":\"INF\"}]}]}"));
        }

        [Fact]
        public void TheTableReaderFindsRowsAndWouldCatchAMismatch()
        {
            Assert.Equal("/Skype.Policy/configurations/{Type}/configuration/{Identity}", Rows.Value["teams-get-configuration"].Path);
            Assert.Contains("PUT", Rows.Value["teams-put-configuration"].Methods);
            Assert.False(Rows.Value.ContainsKey("no-such-anchor"));
        }

        private static string Service(string catalogueService) => catalogueService switch
        {
            "Graph" => "graph",
            "TeamsAdmin" => "teams",
            "Arm" => "arm",
            _ => catalogueService.ToLowerInvariant(),
        };

        /// <summary>Rows of every table with Service/Method/Path columns, keyed by the anchor in the Operation cell.</summary>
        private static Dictionary<string, (string Service, string[] Methods, string Path)> ReadTable()
        {
            var rows = new Dictionary<string, (string, string[], string)>(StringComparer.Ordinal);
            int service = -1, method = -1, path = -1;
            foreach (var line in File.ReadLines(Path.Combine(RepoRoot(), "docs", "CONTRACTS.md")))
            {
                if (!line.StartsWith('|'))
                {
                    service = method = path = -1;
                    continue;
                }

                var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
                if (cells.Contains("Service") && cells.Contains("Method") && cells.Contains("Path"))
                {
                    (service, method, path) = (cells.IndexOf("Service"), cells.IndexOf("Method"), cells.IndexOf("Path"));
                    continue;
                }

                var anchor = Regex.Match(line, "<a id=\"([^\"]+)\"></a>");
                if (service < 0 || !anchor.Success || cells.Count <= path)
                {
                    continue;
                }

                rows[anchor.Groups[1].Value] = (cells[service], cells[method].Split('/').Select(m => m.Trim()).ToArray(), cells[path].Trim('`'));
            }

            return rows;
        }

        private static string RepoRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AcsTeamsSecurity.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AcsTeamsSecurity.sln.");
        }
    }
}
