using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Clients.Teams
{
    /// <summary>
    /// Maps the Teams admin API's PascalCase instances onto our models by property name, and settings back to
    /// PATCH bodies. Unknown enum values (a value the service added later) are left null rather than guessed.
    /// </summary>
    internal static class PolicyMapper
    {
        internal static T Read<T>(JsonObject source)
            where T : new()
        {
            var target = new T();
            List<KeyValuePair<string, JsonNode?>> members;
            try
            {
                members = source.ToList();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                // A parsed JsonObject materializes on first use: a repeated name (ArgumentException) or a name holding an
                // escaped lone surrogate (InvalidOperationException) makes it unreadable, so no setting is read.
                return target;
            }

            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is null || !TryGet(members, property.Name, out var node))
                {
                    continue;
                }

                var value = Convert(node, property.PropertyType);
                if (value is not null)
                {
                    property.SetValue(target, value);
                }
            }

            return target;
        }

        /// <summary>A JSON value for a PATCH body.</summary>
        internal static JsonNode? ToJson(object? value) => value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            string s => JsonValue.Create(s),
            Enum e => JsonValue.Create(e.ToString()),
            IEnumerable items => new JsonArray(items.Cast<object>().Select(i => (JsonNode?)JsonValue.Create(i.ToString())).ToArray()),
            _ => JsonValue.Create(value.ToString()),
        };

        private static bool TryGet(IEnumerable<KeyValuePair<string, JsonNode?>> source, string name, out JsonNode? node)
        {
            foreach (var pair in source)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    node = pair.Value;
                    return true;
                }
            }

            node = null;
            return false;
        }

        private static object? Convert(JsonNode? node, Type type)
        {
            if (node is null)
            {
                return null;
            }

            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            try
            {
                if (underlying == typeof(string))
                {
                    return node is JsonValue ? node.GetValue<object>()?.ToString() : node.ToJsonString();
                }

                if (underlying == typeof(bool))
                {
                    return node.GetValueKind() switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => bool.TryParse(node.GetValue<string>(), out var b) ? b : null,
                        _ => null,
                    };
                }

                if (underlying.IsEnum)
                {
                    return node.GetValueKind() == JsonValueKind.String ? ParseEnum(underlying, node.GetValue<string>()) : null;
                }

                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                {
                    var element = type.GetGenericArguments()[0];
                    var strings = Strings(node);
                    if (element == typeof(string))
                    {
                        return strings;
                    }

                    if (element.IsEnum)
                    {
                        var typed = Array.CreateInstance(element, 0);
                        var values = strings.Select(s => ParseEnum(element, s)).Where(v => v is not null).ToList();
                        typed = Array.CreateInstance(element, values.Count);
                        for (var i = 0; i < values.Count; i++)
                        {
                            typed.SetValue(values[i], i);
                        }

                        return typed;
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is FormatException || ex is ArgumentException)
            {
                return null;
            }

            return null;
        }

        private static object? ParseEnum(Type type, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            foreach (var name in Enum.GetNames(type))
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return Enum.Parse(type, name);
                }
            }

            return null;
        }

        /// <summary>Strings from an array, a null, a single string, or the {"AllowedDomain":[{"Domain":…}]} shape.</summary>
        private static List<string> Strings(JsonNode node)
        {
            var list = new List<string>();
            void Collect(JsonNode? n)
            {
                switch (n)
                {
                    case null:
                        break;
                    case JsonArray array:
                        foreach (var item in array)
                        {
                            Collect(item);
                        }

                        break;
                    case JsonObject obj:
                        foreach (var pair in obj)
                        {
                            if (string.Equals(pair.Key, "Domain", StringComparison.OrdinalIgnoreCase) && pair.Value is JsonValue v)
                            {
                                list.Add(v.ToString());
                            }
                            else if (pair.Value is JsonArray || pair.Value is JsonObject)
                            {
                                Collect(pair.Value);
                            }
                        }

                        break;
                    case JsonValue value:
                        var text = value.ToString();
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            list.Add(text);
                        }

                        break;
                }
            }

            Collect(node);
            return list;
        }
    }
}
