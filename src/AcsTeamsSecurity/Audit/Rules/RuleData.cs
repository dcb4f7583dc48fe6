using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// One entry of <c>rules.json</c>: the public definition, and either the declared <see cref="SettingCheck"/> or the
    /// name of the evaluator (with its arguments). The remediation is written once: Get-ExternalUserSecurityRule shows it
    /// with its placeholder (<c>'&lt;Identity&gt;'</c>, <c>'&lt;ResourceId&gt;'</c>), and findings fill the placeholder in.
    /// </summary>
    internal sealed class RuleData
    {
        /// <summary>The placeholders a remediation template may hold, each standing for the finding's scope.</summary>
        internal static readonly IReadOnlyList<string> Placeholders = new[] { "'<Identity>'", "'<ResourceId>'" };

        /// <summary>The format version of rules.json this code reads (the file must state it).</summary>
        internal const int CatalogueVersion = 1;

        private static readonly string[] Keys = { "id", "title", "severity", "plane", "rationale", "expected", "remediation", "check", "evaluator", "arguments", "mappings" };

        private RuleData(ExternalUserSecurityRule definition, SettingCheck? check, string? evaluator, JsonObject arguments)
        {
            Definition = definition;
            Check = check;
            Evaluator = evaluator;
            Arguments = arguments;
        }

        /// <summary>What Get-ExternalUserSecurityRule shows and every finding repeats.</summary>
        internal ExternalUserSecurityRule Definition { get; }

        /// <summary>The declared check of a one-setting rule; null for a rule with an evaluator.</summary>
        internal SettingCheck? Check { get; }

        /// <summary>The evaluator's name; null for a declared rule.</summary>
        internal string? Evaluator { get; }

        /// <summary>Values the evaluator reads (for example whether a consumer rule looks at inbound contact).</summary>
        internal JsonObject Arguments { get; }

        /// <summary>The remediation for one scope: the template with its placeholder replaced by the quoted scope.</summary>
        internal string FixFor(string scope)
        {
            var template = Definition.Remediation;
            foreach (var placeholder in Placeholders)
            {
                var at = template.IndexOf(placeholder, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return template.Substring(0, at) + CommandText.Literal(scope) + template.Substring(at + placeholder.Length);
                }
            }

            return template;
        }

        /// <summary>A boolean argument (false when absent).</summary>
        internal bool Flag(string name) => Arguments[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

        /// <summary>Parses the catalogue; <paramref name="descriptions"/> maps rule ids to the markdown of en-US/rules/&lt;id&gt;.md.</summary>
        internal static IReadOnlyList<RuleData> ParseCatalogue(string json, IReadOnlyDictionary<string, string> descriptions)
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The rule catalogue is not a JSON object.");
            if (root["version"] is not JsonValue version)
            {
                throw new FormatException($"The rule catalogue does not state its format version; this module reads version {CatalogueVersion}.");
            }

            if (!(version.TryGetValue<int>(out var v) && v == CatalogueVersion))
            {
                throw new FormatException($"The rule catalogue's version is {version.ToJsonString()}; this module reads version {CatalogueVersion}.");
            }

            var rules = root["rules"] as JsonArray ?? throw new FormatException("The rule catalogue has no 'rules' array.");
            var list = new List<RuleData>();
            foreach (var node in rules)
            {
                var o = node as JsonObject ?? throw new FormatException("A rule of the catalogue is not a JSON object.");
                var id = Text(o, "id", "(no id)");
                try
                {
                    list.Add(Parse(o, id, descriptions));
                }
                catch (Exception ex) when (ex is FormatException || ex is ArgumentException || ex is InvalidOperationException)
                {
                    throw new FormatException($"Rule {id} in the catalogue: {ex.Message}", ex);
                }
            }

            var duplicate = list.GroupBy(r => r.Definition.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new FormatException($"Rule {duplicate.Key} is in the catalogue more than once.");
            }

            return list;
        }

        /// <summary>The check text of a rule's markdown: everything after the <c># &lt;id&gt;</c> heading, lines joined.</summary>
        internal static string Description(string id, string markdown)
        {
            var lines = markdown.Replace("\r\n", "\n").Split('\n');
            if (lines.Length == 0 || !string.Equals(lines[0].Trim(), "# " + id, StringComparison.Ordinal))
            {
                throw new FormatException($"en-US/rules/{id}.md must start with the heading '# {id}'.");
            }

            var paragraphs = new List<string>();
            var current = new List<string>();
            foreach (var line in lines.Skip(1).Select(l => l.Trim()).Append(string.Empty))
            {
                if (line.Length > 0)
                {
                    current.Add(line);
                }
                else if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(" ", current));
                    current.Clear();
                }
            }

            return paragraphs.Count > 0 ? string.Join("\n\n", paragraphs) : throw new FormatException($"en-US/rules/{id}.md has no description.");
        }

        private static RuleData Parse(JsonObject o, string id, IReadOnlyDictionary<string, string> descriptions)
        {
            var unknown = o.Select(p => p.Key).FirstOrDefault(k => !Keys.Contains(k, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new FormatException($"unknown property '{unknown}' (known: {string.Join(", ", Keys)}).");
            }

            if (!descriptions.TryGetValue(id, out var markdown))
            {
                throw new FormatException($"no description (en-US/rules/{id}.md).");
            }

            var check = o["check"] is JsonObject c ? SettingCheck.Parse(c) : null;
            var evaluator = o["evaluator"]?.GetValue<string>();
            if ((check is null) == (evaluator is null))
            {
                throw new FormatException("give either 'check' (a declared one-setting rule) or 'evaluator' (a named evaluator), not both or neither.");
            }

            var remediation = check?.Remediation ?? Text(o, "remediation");
            if (check is not null && o["remediation"] is not null)
            {
                throw new FormatException("a declared rule's remediation comes from check.fix; remove 'remediation'.");
            }

            var mappings = (o["mappings"] as JsonArray ?? new JsonArray())
                .Select(m => new RuleMapping(Text((JsonObject)m!, "framework"), Text((JsonObject)m!, "id")))
                .ToList();
            var definition = new ExternalUserSecurityRule(
                id,
                Text(o, "title"),
                Enum<AuditSeverity>(o, "severity"),
                Enum<AuditPlane>(o, "plane"),
                Text(o, "rationale"),
                Description(id, markdown),
                Text(o, "expected"),
                remediation,
                mappings);
            return new RuleData(definition, check, evaluator, o["arguments"] as JsonObject ?? new JsonObject());
        }

        private static string Text(JsonObject o, string name, string? fallback = null)
        {
            var value = o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback ?? throw new FormatException($"'{name}' is missing or empty.");
            }

            return value!;
        }

        private static T Enum<T>(JsonObject o, string name)
            where T : struct
        {
            var text = Text(o, name);
            return System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(typeof(T), value)
                ? value
                : throw new FormatException($"'{name}' is '{text}', not one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}.");
        }
    }
}
