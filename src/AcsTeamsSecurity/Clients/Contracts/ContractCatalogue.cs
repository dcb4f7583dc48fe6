using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Clients.Contracts
{
    /// <summary>One evidenced answer of a contract: its name (shown as <c>MatchesVariant &lt;name&gt;</c>), body shape and evidence level.</summary>
    internal sealed class ContractVariant
    {
        internal ContractVariant(string name, string shape, string evidence)
        {
            Name = name;
            Shape = shape;
            Evidence = evidence;
        }

        internal string Name { get; }

        internal string Shape { get; }

        internal string Evidence { get; }
    }

    /// <summary>One read contract of the catalogue (a row of docs/CONTRACTS.md, for some rows with fixed parameters).</summary>
    internal sealed class ContractEntry
    {
        internal string Id { get; set; } = string.Empty;

        internal string Anchor { get; set; } = string.Empty;

        internal string Service { get; set; } = string.Empty;

        internal string Method { get; set; } = "GET";

        /// <summary>The path as docs/CONTRACTS.md writes it, with <c>{placeholders}</c>.</summary>
        internal string Path { get; set; } = string.Empty;

        /// <summary>The query, with <c>{subscriptionsApiVersion}</c>-style tokens the checker fills from the module's constants.</summary>
        internal string? Query { get; set; }

        /// <summary>Fixed values of path placeholders (configuration type, Global); never tenant data.</summary>
        internal IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();

        /// <summary>What must be found first: user, subscription, resource.</summary>
        internal IReadOnlyList<string> Needs { get; set; } = Array.Empty<string>();

        internal bool GlobalOnly { get; set; }

        /// <summary>A write contract: only sent by -IncludeNoOpWrite.</summary>
        internal bool Write { get; set; }

        internal IReadOnlyList<ContractVariant> Variants { get; set; } = Array.Empty<ContractVariant>();

        internal IReadOnlyList<string> Properties { get; set; } = Array.Empty<string>();

        /// <summary>Property path → the values the module knows.</summary>
        internal IReadOnlyDictionary<string, IReadOnlyList<string>> Enums { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

        /// <summary>Property path → the name of the module's enum type (or null for a fixed list); for the consistency tests.</summary>
        internal IReadOnlyDictionary<string, string?> EnumTypes { get; set; } = new Dictionary<string, string?>();
    }

    /// <summary>
    /// The machine-readable catalogue of read contracts, embedded in the module (Clients/Contracts/contract-catalogue.json).
    /// Each entry's anchor is a row of docs/CONTRACTS.md with the same service, method and path; the xunit
    /// ContractCatalogueTests keep the two in step. Markdown is never read at run time.
    /// </summary>
    internal static class ContractCatalogue
    {
        internal const string ResourceName = "AcsTeamsSecurity.Contracts.contract-catalogue.json";

        internal static readonly string[] Shapes = { "object", "array", "valueArray", "valueObject", "empty" };

        private static readonly Lazy<IReadOnlyList<ContractEntry>> Embedded = new Lazy<IReadOnlyList<ContractEntry>>(LoadEmbedded);

        internal static IReadOnlyList<ContractEntry> All => Embedded.Value;

        internal static IReadOnlyList<ContractEntry> LoadEmbedded()
        {
            using var stream = typeof(ContractCatalogue).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The module has no embedded resource {ResourceName}.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd());
        }

        internal static IReadOnlyList<ContractEntry> Parse(string json)
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The contract catalogue is not a JSON object.");
            var list = new List<ContractEntry>();
            foreach (var node in root["contracts"] as JsonArray ?? throw new FormatException("The contract catalogue has no 'contracts' array."))
            {
                if (node is not JsonObject o)
                {
                    throw new FormatException("A contract catalogue entry is not an object.");
                }

                var entry = new ContractEntry
                {
                    Id = Text(o, "id"),
                    Anchor = Text(o, "anchor"),
                    Service = Text(o, "service"),
                    Method = Text(o, "method"),
                    Path = Text(o, "path"),
                    Query = o["query"]?.GetValue<string>(),
                    GlobalOnly = o["globalOnly"]?.GetValue<bool>() ?? false,
                    Write = o["write"]?.GetValue<bool>() ?? false,
                    Parameters = (o["parameters"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? new Dictionary<string, string>(),
                    Needs = (o["needs"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? new List<string>(),
                    Properties = (o["properties"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? new List<string>(),
                    Variants = (o["variants"] as JsonArray ?? throw new FormatException($"Contract '{Text(o, "id")}' has no variants."))
                        .Select(v => new ContractVariant(Text((JsonObject)v!, "name"), Text((JsonObject)v!, "shape"), Text((JsonObject)v!, "evidence")))
                        .ToList(),
                };

                var enums = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                var enumTypes = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var pair in (o["enums"] as JsonObject) ?? new JsonObject())
                {
                    if (pair.Value is JsonArray fixedValues)
                    {
                        enums[pair.Key] = fixedValues.Select(v => v!.GetValue<string>()).ToList();
                        enumTypes[pair.Key] = null;
                    }
                    else
                    {
                        var typeName = pair.Value!.GetValue<string>();
                        var type = typeof(ContractCatalogue).Assembly.GetType("AcsTeamsSecurity.Models." + typeName);
                        if (type is null || !type.IsEnum)
                        {
                            throw new FormatException($"Contract '{entry.Id}' names the enum type '{typeName}', which the module does not have.");
                        }

                        enums[pair.Key] = Enum.GetNames(type);
                        enumTypes[pair.Key] = typeName;
                    }
                }

                entry.Enums = enums;
                entry.EnumTypes = enumTypes;
                if (entry.Variants.Count == 0 || entry.Variants.Any(v => !Shapes.Contains(v.Shape, StringComparer.Ordinal)))
                {
                    throw new FormatException($"Contract '{entry.Id}' has no variants or an unknown shape.");
                }

                list.Add(entry);
            }

            var duplicate = list.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new FormatException($"The contract id '{duplicate.Key}' is used twice.");
            }

            return list;
        }

        private static string Text(JsonObject o, string name) =>
            o[name]?.GetValue<string>() is { Length: > 0 } value ? value : throw new FormatException($"A contract catalogue entry lacks '{name}'.");
    }
}
