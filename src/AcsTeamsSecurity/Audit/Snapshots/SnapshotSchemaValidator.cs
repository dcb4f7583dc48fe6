using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// Validates snapshot JSON against schemas/external-user-snapshot-1.0.schema.json with exactly the JSON Schema
    /// (2020-12) keywords that schema uses, and nothing else. PowerShell 7.4 and later ship their own JsonSchema.Net
    /// (for Test-Json) on the trusted platform list, where it wins over any copy a module ships: 7.4 ships 7.0.4,
    /// whose API differs from later builds. Depending on whichever copy the host has would break the audit plane on
    /// one engine or another, so the module brings its own validator and references no JSON-schema library.
    /// A schema keyword the validator does not implement is refused when the schema is loaded, never ignored:
    /// the schema cannot silently outgrow the validator (xunit also checks the schema file against
    /// <see cref="Keywords"/>).
    /// </summary>
    internal sealed class SnapshotSchemaValidator
    {
        /// <summary>Keywords that constrain an instance; each is implemented below.</summary>
        internal static readonly IReadOnlyCollection<string> AssertionKeywords = new[]
        {
            "type", "enum", "const", "required", "properties", "additionalProperties", "items",
            "minLength", "pattern", "minimum", "maximum", "format",
        };

        /// <summary>Keywords that only annotate (no effect on validity).</summary>
        internal static readonly IReadOnlyCollection<string> AnnotationKeywords = new[] { "$schema", "$id", "title", "description" };

        /// <summary>Every keyword the validator accepts in a schema.</summary>
        internal static IReadOnlyCollection<string> Keywords => AssertionKeywords.Concat(AnnotationKeywords).ToArray();

        /// <summary>The only "format" the validator checks (RFC 3339 date-time); any other is refused at load.</summary>
        internal static readonly IReadOnlyCollection<string> Formats = new[] { "date-time" };

        private static readonly string[] TypeNames = { "object", "array", "string", "integer", "number", "boolean", "null" };

        private static readonly Regex DateTimePattern = new Regex(
            @"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\z",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        private readonly JsonObject _schema;
        private readonly Dictionary<string, Regex> _patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);

        private SnapshotSchemaValidator(JsonObject schema)
        {
            _schema = schema;
            CheckSchema(schema, "#");
        }

        /// <summary>Loads a schema, refusing any keyword, type or format the validator does not implement.</summary>
        internal static SnapshotSchemaValidator FromText(string schemaText) =>
            new SnapshotSchemaValidator(JsonNode.Parse(schemaText) as JsonObject ?? throw new InvalidOperationException("The snapshot schema is not a JSON object."));

        /// <summary>Where the instance breaks the schema, as "pointer: message" lines (empty when valid).</summary>
        internal IReadOnlyList<string> Validate(JsonNode? instance)
        {
            var problems = new List<string>();
            Validate(_schema, instance, string.Empty, problems);
            return problems;
        }

        private void CheckSchema(JsonObject schema, string where)
        {
            foreach (var keyword in schema)
            {
                if (!AssertionKeywords.Contains(keyword.Key) && !AnnotationKeywords.Contains(keyword.Key))
                {
                    throw new InvalidOperationException($"Snapshot schema {where}: the keyword '{keyword.Key}' is not implemented by the module's validator.");
                }

                switch (keyword.Key)
                {
                    case "type":
                        foreach (var name in TypeList(keyword.Value))
                        {
                            if (!TypeNames.Contains(name))
                            {
                                throw new InvalidOperationException($"Snapshot schema {where}: unknown type '{name}'.");
                            }
                        }

                        break;
                    case "format":
                        var format = keyword.Value?.GetValue<string>();
                        if (format is null || !Formats.Contains(format))
                        {
                            throw new InvalidOperationException($"Snapshot schema {where}: the format '{format}' is not implemented by the module's validator.");
                        }

                        break;
                    case "pattern":
                        var pattern = keyword.Value!.GetValue<string>();
                        _patterns[pattern] = new Regex(EcmaAnchors(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                        break;
                    case "properties":
                        foreach (var property in (JsonObject)keyword.Value!)
                        {
                            CheckSchema(AsSchema(property.Value, where), where + "/properties/" + property.Key);
                        }

                        break;
                    case "items":
                        CheckSchema(AsSchema(keyword.Value, where), where + "/items");
                        break;
                    case "additionalProperties":
                        if (keyword.Value is JsonObject additional)
                        {
                            CheckSchema(additional, where + "/additionalProperties");
                        }
                        else if (!IsBoolean(keyword.Value))
                        {
                            throw new InvalidOperationException($"Snapshot schema {where}: additionalProperties must be a boolean or a schema.");
                        }

                        break;
                    case "required":
                    case "enum":
                        if (keyword.Value is not JsonArray)
                        {
                            throw new InvalidOperationException($"Snapshot schema {where}: {keyword.Key} must be an array.");
                        }

                        break;
                    case "minLength":
                    case "minimum":
                    case "maximum":
                        if (keyword.Value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
                        {
                            throw new InvalidOperationException($"Snapshot schema {where}: {keyword.Key} must be a number.");
                        }

                        break;
                }
            }
        }

        private static JsonObject AsSchema(JsonNode? node, string where) =>
            node as JsonObject ?? throw new InvalidOperationException($"Snapshot schema {where}: a subschema must be a JSON object.");

        private void Validate(JsonObject schema, JsonNode? instance, string pointer, List<string> problems)
        {
            var at = pointer.Length == 0 ? "/" : pointer;
            if (schema["type"] is { } typeNode)
            {
                var allowed = TypeList(typeNode);
                if (!allowed.Any(t => IsType(instance, t)))
                {
                    problems.Add($"{at}: the value is {Describe(instance)} but must be {string.Join(" or ", allowed)}");
                    return;
                }
            }

            if (schema.TryGetPropertyValue("const", out var constant) && !JsonEquals(constant, instance))
            {
                problems.Add($"{at}: the value must be {Json(constant)}");
            }

            if (schema["enum"] is JsonArray values && !values.Any(v => JsonEquals(v, instance)))
            {
                problems.Add($"{at}: {Json(instance)} is not one of {string.Join(", ", values.Select(Json))}");
            }

            if (instance is JsonObject obj)
            {
                ValidateObject(schema, obj, pointer, at, problems);
            }
            else if (instance is JsonArray array && schema["items"] is JsonObject items)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Validate(items, array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), problems);
                }
            }
            else if (instance is JsonValue value)
            {
                ValidateValue(schema, value, at, problems);
            }
        }

        private void ValidateObject(JsonObject schema, JsonObject obj, string pointer, string at, List<string> problems)
        {
            if (schema["required"] is JsonArray required)
            {
                foreach (var name in required.Select(r => r!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(name))
                    {
                        problems.Add($"{at}: the required property '{name}' is missing");
                    }
                }
            }

            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"];
            foreach (var property in obj)
            {
                var child = pointer + "/" + Escape(property.Key);
                if (properties is not null && properties[property.Key] is JsonObject propertySchema)
                {
                    Validate(propertySchema, property.Value, child, problems);
                }
                else if (additional is JsonObject additionalSchema)
                {
                    Validate(additionalSchema, property.Value, child, problems);
                }
                else if (IsBoolean(additional) && !additional!.GetValue<bool>())
                {
                    problems.Add($"{at}: the property '{property.Key}' is not allowed ({child})");
                }
            }
        }

        private void ValidateValue(JsonObject schema, JsonValue value, string at, List<string> problems)
        {
            var kind = value.GetValueKind();
            if (kind == JsonValueKind.String)
            {
                var text = value.GetValue<string>();
                if (schema["minLength"] is JsonValue minLength && CodePoints(text) < Number(minLength))
                {
                    problems.Add($"{at}: the text must be at least {Json(minLength)} characters long");
                }

                if (schema["pattern"] is JsonValue pattern && !_patterns[pattern.GetValue<string>()].IsMatch(text))
                {
                    problems.Add($"{at}: \"{text}\" does not match the pattern {pattern.GetValue<string>()}");
                }

                if (schema["format"] is JsonValue format && format.GetValue<string>() == "date-time" && !IsDateTime(text))
                {
                    problems.Add($"{at}: \"{text}\" is not an RFC 3339 date-time");
                }
            }
            else if (kind == JsonValueKind.Number)
            {
                var number = Number(value);
                if (schema["minimum"] is JsonValue minimum && number < Number(minimum))
                {
                    problems.Add($"{at}: {Json(value)} is less than the minimum {Json(minimum)}");
                }

                if (schema["maximum"] is JsonValue maximum && number > Number(maximum))
                {
                    problems.Add($"{at}: {Json(value)} is greater than the maximum {Json(maximum)}");
                }
            }
        }

        private static bool IsDateTime(string text) =>
            DateTimePattern.IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

        private static string[] TypeList(JsonNode? node) =>
            node is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToArray() : new[] { node!.GetValue<string>() };

        private static bool IsType(JsonNode? instance, string type)
        {
            switch (type)
            {
                case "null": return instance is null;
                case "object": return instance is JsonObject;
                case "array": return instance is JsonArray;
            }

            if (instance is not JsonValue value)
            {
                return false;
            }

            var kind = value.GetValueKind();
            switch (type)
            {
                case "string": return kind == JsonValueKind.String;
                case "boolean": return kind == JsonValueKind.True || kind == JsonValueKind.False;
                case "number": return kind == JsonValueKind.Number;
                case "integer": return kind == JsonValueKind.Number && Number(value) == Math.Floor(Number(value));
                default: return false;
            }
        }

        private static bool IsBoolean(JsonNode? node) =>
            node is JsonValue value && (value.GetValueKind() == JsonValueKind.True || value.GetValueKind() == JsonValueKind.False);

        private static decimal Number(JsonNode value)
        {
            // Through the JSON text, whatever .NET type backs the node; numbers beyond decimal are out of any range here.
            using var document = JsonDocument.Parse(value.ToJsonString());
            return document.RootElement.TryGetDecimal(out var d) ? d : (decimal)Math.Max(Math.Min(document.RootElement.GetDouble(), (double)decimal.MaxValue), (double)decimal.MinValue);
        }

        private static bool JsonEquals(JsonNode? a, JsonNode? b)
        {
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            switch (a)
            {
                case JsonObject ao:
                    return b is JsonObject bo && ao.Count == bo.Count && ao.All(p => bo.TryGetPropertyValue(p.Key, out var bv) && JsonEquals(p.Value, bv));
                case JsonArray aa:
                    return b is JsonArray ba && aa.Count == ba.Count && aa.Select((item, i) => JsonEquals(item, ba[i])).All(x => x);
                default:
                    if (b is not JsonValue bValue)
                    {
                        return false;
                    }

                    var aKind = a.AsValue().GetValueKind();
                    var bKind = bValue.GetValueKind();
                    if (aKind != bKind)
                    {
                        return false;
                    }

                    return aKind switch
                    {
                        JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
                        JsonValueKind.Number => Number(a) == Number(b),
                        _ => true, // true, false (null is a null node)
                    };
            }
        }

        private static int CodePoints(string text)
        {
            var count = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsLowSurrogate(text[i]))
                {
                    count++;
                }
            }

            return count;
        }

        private static string Describe(JsonNode? instance) => instance switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "an array",
            _ => instance.AsValue().GetValueKind() switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                _ => "a boolean",
            },
        };

        private static string Json(JsonNode? node)
        {
            if (node is null)
            {
                return "null";
            }

            var text = node.ToJsonString();
            return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
        }

        private static string Escape(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                builder.Append(c switch { '~' => "~0", '/' => "~1", _ => c.ToString() });
            }

            return builder.ToString();
        }

        /// <summary>
        /// JSON Schema patterns are ECMA-262 regular expressions, where a final <c>$</c> matches only at the very end; in
        /// .NET it also matches before a final line feed (so "&lt;guid&gt;\n" would pass a GUID pattern). A trailing
        /// unescaped <c>$</c> becomes <c>\z</c>. (The schema's patterns use explicit classes such as [0-9], never \d.)
        /// </summary>
        internal static string EcmaAnchors(string pattern) =>
            pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith("\\$", StringComparison.Ordinal)
                ? pattern.Substring(0, pattern.Length - 1) + "\\z"
                : pattern;
    }
}
