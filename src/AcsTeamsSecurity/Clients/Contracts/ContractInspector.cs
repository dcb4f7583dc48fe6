using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AcsTeamsSecurity.Clients.Contracts
{
    /// <summary>What one contract's answer looked like, reduced to shapes and names (never values), and how it compares.</summary>
    internal sealed class ContractObservation
    {
        internal ContractObservation(ContractEntry entry) => Entry = entry;

        internal ContractEntry Entry { get; }

        /// <summary>Matches, MatchesVariant, Differs, Skipped or Failed.</summary>
        internal string Outcome { get; set; } = "Skipped";

        internal string? Variant { get; set; }

        internal int? Status { get; set; }

        internal string? Shape { get; set; }

        internal int ItemCount { get; set; }

        /// <summary>Every property name seen (nested ones dotted, one level deep) → the type of its value (<c>&lt;bool&gt;</c>, <c>&lt;guid&gt;</c>…).</summary>
        internal SortedDictionary<string, string> PropertyTypes { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        internal List<string> MissingProperties { get; } = new List<string>();

        /// <summary>Enum property → the values seen (known ones as they are; unknown ones only when they look like an enum name).</summary>
        internal SortedDictionary<string, SortedSet<string>> EnumValues { get; } = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);

        /// <summary>"Property=Value" for values the module does not know.</summary>
        internal List<string> UnknownEnumValues { get; } = new List<string>();

        internal List<string> HeaderNames { get; } = new List<string>();

        internal bool ETagPresent { get; set; }

        internal bool WarningHeaderPresent { get; set; }

        internal bool RetryAfterPresent { get; set; }

        internal bool RequestIdPresent { get; set; }

        internal string? LatencyBucket { get; set; }

        internal List<string> Differences { get; } = new List<string>();

        /// <summary>The stable error id of a failed read (the message is not kept: it may name tenant objects).</summary>
        internal string? ErrorId { get; set; }

        /// <summary>Why the contract was not checked, or what failed (shown to the caller, never written to the report).</summary>
        internal string? Detail { get; set; }

        /// <summary>The concrete request, for the caller only (never in the report).</summary>
        internal string? RequestPath { get; set; }
    }

    /// <summary>
    /// Compares one answer with a contract's evidenced variants: shape, the property names the module relies on,
    /// enum values it does not know, headers of interest. Pure: no I/O, so every rule is unit-tested.
    /// </summary>
    internal static class ContractInspector
    {
        internal const string WarningHeader = Teams.TeamsAdminClient.WarningHeader;

        private static readonly string[] RequestIdHeaders = { "request-id", "x-ms-request-id", "MS-CV", "x-ms-correlation-request-id", "x-ms-correlation-id" };

        private static readonly Regex DomainLike = new Regex(@"^([a-z0-9-]+\.)+[a-z]{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex EnumName = new Regex("^[A-Za-z][A-Za-z0-9]{0,47}$", RegexOptions.CultureInvariant);

        private static readonly Regex SafeName = new Regex(@"^[A-Za-z_@$][A-Za-z0-9_.@$-]{0,80}$", RegexOptions.CultureInvariant);

        private static readonly Regex HeaderName = new Regex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant);

        /// <summary>Fills <paramref name="o"/> from an answer and decides its outcome.</summary>
        internal static void Inspect(ContractObservation o, int status, string? body, IReadOnlyDictionary<string, string> headers, long elapsedMilliseconds)
        {
            var entry = o.Entry;
            o.Status = status;
            o.LatencyBucket = Bucket(elapsedMilliseconds);
            foreach (var name in headers.Keys.Where(n => HeaderName.IsMatch(n)).Select(n => n.ToLowerInvariant()).Distinct().OrderBy(n => n, StringComparer.Ordinal))
            {
                o.HeaderNames.Add(name);
            }

            o.ETagPresent = Has(headers, "ETag");
            o.WarningHeaderPresent = Has(headers, WarningHeader);
            o.RetryAfterPresent = Has(headers, "Retry-After");
            o.RequestIdPresent = RequestIdHeaders.Any(h => Has(headers, h));

            if (status >= 300 && status < 400)
            {
                o.Outcome = "Differs";
                o.Differences.Add($"redirected ({status}{(Has(headers, "Location") ? " with Location" : string.Empty)})");
                return;
            }

            JsonNode? node = null;
            if (string.IsNullOrWhiteSpace(body))
            {
                o.Shape = "empty";
            }
            else
            {
                try
                {
                    node = JsonNode.Parse(body!);
                    o.Shape = ShapeOf(node);
                }
                catch (System.Text.Json.JsonException)
                {
                    o.Shape = "notJson";
                }
            }

            var items = Items(node, o.Shape!);
            o.ItemCount = items.Count;
            foreach (var item in items.Take(200))
            {
                Flatten(item, o.PropertyTypes, entry.Properties);
            }

            Compare(o, items);
        }

        /// <summary>The decision for an observation whose fields are filled (also used to re-judge a loaded report).</summary>
        internal static void Compare(ContractObservation o, IReadOnlyList<JsonObject> items)
        {
            var entry = o.Entry;
            var variant = entry.Variants.FirstOrDefault(v => string.Equals(v.Shape, o.Shape, StringComparison.Ordinal));
            if (variant is null)
            {
                o.Differences.Add($"shape {o.Shape}, evidenced: {string.Join(", ", entry.Variants.Select(v => $"{v.Name} ({v.Shape})"))}");
            }
            else if (o.Shape == "array" && entry.Variants.Any(v => v.Shape == "object") && items.Count > 1)
            {
                o.Differences.Add($"an array of {items.Count} where one instance was asked for");
            }

            o.Variant = variant?.Name;
            if (items.Count > 0)
            {
                foreach (var property in entry.Properties)
                {
                    if (!items.Any(i => Resolve(i, property).Any()))
                    {
                        o.MissingProperties.Add(property);
                        o.Differences.Add($"missing property {property}");
                    }
                }

                foreach (var pair in entry.Enums)
                {
                    foreach (var value in items.SelectMany(i => Resolve(i, pair.Key)).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).Where(s => s is not null))
                    {
                        var known = pair.Value.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase));
                        var shown = known ?? (EnumName.IsMatch(value!) ? value! : TypeOfString(value!));
                        if (!o.EnumValues.TryGetValue(pair.Key, out var set))
                        {
                            o.EnumValues[pair.Key] = set = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(shown);
                        if (known is null && !o.UnknownEnumValues.Contains(pair.Key + "=" + shown))
                        {
                            o.UnknownEnumValues.Add(pair.Key + "=" + shown);
                            o.Differences.Add($"unknown value {shown} of {pair.Key}");
                        }
                    }
                }
            }

            o.Outcome = o.Differences.Count > 0
                ? "Differs"
                : ReferenceEquals(variant, entry.Variants[0]) ? "Matches" : "MatchesVariant";
        }

        /// <summary>object, array, valueArray ({"value":[…]}), valueObject ({"value":{…}}), empty, or scalar.</summary>
        internal static string ShapeOf(JsonNode? node) => node switch
        {
            null => "empty",
            JsonArray => "array",
            JsonObject o when o.Count >= 1 && TryValue(o, out var value) && value is JsonArray => "valueArray",
            JsonObject o when o.Count >= 1 && TryValue(o, out var value) && value is JsonObject => "valueObject",
            JsonObject => "object",
            _ => "scalar",
        };

        /// <summary>The objects a shape carries (the instances the module reads).</summary>
        internal static IReadOnlyList<JsonObject> Items(JsonNode? node, string shape)
        {
            switch (shape)
            {
                case "object":
                    return new[] { (JsonObject)node! };
                case "array":
                    return ((JsonArray)node!).OfType<JsonObject>().ToList();
                case "valueArray":
                    TryValue((JsonObject)node!, out var list);
                    return ((JsonArray)list!).OfType<JsonObject>().ToList();
                case "valueObject":
                    TryValue((JsonObject)node!, out var single);
                    return new[] { (JsonObject)single! };
                default:
                    return Array.Empty<JsonObject>();
            }
        }

        /// <summary>The type that stands in for a value in a report: never the value itself.</summary>
        internal static string TypeOf(JsonNode? node) => node switch
        {
            null => "<null>",
            JsonArray => "<array>",
            JsonObject => "<object>",
            JsonValue v when v.TryGetValue<bool>(out _) => "<bool>",
            JsonValue v when v.TryGetValue<string>(out var s) => TypeOfString(s),
            JsonValue => "<number>",
            _ => "<string>",
        };

        internal static string TypeOfString(string s)
        {
            if (s.Length == 0)
            {
                return "<empty>";
            }

            if (Guid.TryParse(s, out _))
            {
                return "<guid>";
            }

            if (s.IndexOf('@') > 0)
            {
                return "<upn>";
            }

            if (Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return "<url>";
            }

            if (DomainLike.IsMatch(s))
            {
                return "<domain>";
            }

            if (s.Length >= 10 && char.IsDigit(s[0]) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                return "<datetime>";
            }

            return "<string>";
        }

        /// <summary>A property name as a report may show it: names that look like data become their type.</summary>
        internal static string SafePropertyName(string name)
        {
            var type = TypeOfString(name);
            return type == "<string>" && SafeName.IsMatch(name) ? name : "<name>";
        }

        internal static string Bucket(long milliseconds) =>
            milliseconds < 100 ? "<100ms" : milliseconds < 500 ? "<500ms" : milliseconds < 2000 ? "<2s" : milliseconds < 10000 ? "<10s" : ">=10s";

        /// <summary>The values at a path: dotted segments, a segment ending in [] iterates an array; names match case-insensitively.</summary>
        internal static IEnumerable<JsonNode> Resolve(JsonNode? node, string path)
        {
            IEnumerable<JsonNode?> current = new[] { node };
            foreach (var raw in path.Split('.'))
            {
                var each = raw.EndsWith("[]", StringComparison.Ordinal);
                var name = each ? raw.Substring(0, raw.Length - 2) : raw;
                current = current.OfType<JsonObject>()
                    .Select(o => o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)))
                    .Where(p => p.Key is not null)
                    .SelectMany(p => each ? (p.Value as JsonArray ?? new JsonArray()).AsEnumerable() : new[] { p.Value })
                    .ToList();
            }

            return current.Where(n => n is not null).Select(n => n!);
        }

        /// <summary>
        /// Top-level names and their types, and one level down only the names the contract relies on: nested objects
        /// can be bags whose keys the customer chose (ARM <c>tags</c>, for example), which must not reach the report.
        /// </summary>
        private static void Flatten(JsonObject item, SortedDictionary<string, string> into, IReadOnlyList<string> relied)
        {
            foreach (var pair in item)
            {
                var name = SafePropertyName(pair.Key);
                into[name] = TypeOf(pair.Value);
                if (pair.Value is JsonObject child && name != "<name>")
                {
                    foreach (var inner in child)
                    {
                        var path = name + "." + inner.Key;
                        var known = relied.Any(r => r.Replace("[]", string.Empty).StartsWith(path, StringComparison.OrdinalIgnoreCase)
                            && (r.Replace("[]", string.Empty).Length == path.Length || r.Replace("[]", string.Empty)[path.Length] == '.'));
                        into[name + "." + (known ? SafePropertyName(inner.Key) : "<name>")] = TypeOf(inner.Value);
                    }
                }
            }
        }

        private static bool TryValue(JsonObject o, out JsonNode? value)
        {
            value = null;
            foreach (var pair in o)
            {
                if (string.Equals(pair.Key, "value", StringComparison.Ordinal))
                {
                    value = pair.Value;
                    return true;
                }
            }

            return false;
        }

        private static bool Has(IReadOnlyDictionary<string, string> headers, string name) =>
            headers.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
    }
}
