using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>
    /// The audit catalogue: the rules declared in the embedded <c>rules.json</c> (metadata, mappings and, for a rule
    /// that checks one setting, the declaration <see cref="SettingCheck"/> evaluates), each with the long description of
    /// its check from <c>en-US/rules/&lt;id&gt;.md</c>. Rules that need real logic name an <see cref="IRuleEvaluator"/>
    /// (<c>Evaluators/&lt;Name&gt;Evaluator.cs</c>). Every rule is a pure function of a snapshot, so a live audit and an
    /// audit of the same tenant's snapshot give the same findings. Mappings: CISA SCuBA Teams baseline and Maester
    /// (api-facts §6), the Azure Policy built-ins for ACS (§7.3); the ATS.ACS and ATS.RES rules are the ACS-specific
    /// checks none of them has.
    /// </summary>
    internal static class RuleCatalog
    {
        internal const string Scuba = "CISA SCuBA";
        internal const string Maester = "Maester";
        internal const string Cis = "CIS M365";
        internal const string AzurePolicy = "Azure Policy";

        /// <summary>The logical name of the embedded catalogue.</summary>
        internal const string CatalogueResource = "AcsTeamsSecurity.Rules.rules.json";

        /// <summary>The logical name prefix of the embedded descriptions (<c>en-US/rules/&lt;id&gt;.md</c>).</summary>
        internal const string DescriptionPrefix = "AcsTeamsSecurity.Rules.Descriptions.";

        private static readonly Lazy<IReadOnlyList<RuleData>> Data = new Lazy<IReadOnlyList<RuleData>>(LoadEmbedded);

        private static readonly Lazy<IReadOnlyList<AuditRule>> Rules = new Lazy<IReadOnlyList<AuditRule>>(() => Data.Value.Select(Bind).ToList());

        /// <summary>The rules, in catalogue order (the order of <c>rules.json</c>).</summary>
        internal static IReadOnlyList<AuditRule> All => Rules.Value;

        /// <summary>The declarations behind <see cref="All"/>, in the same order.</summary>
        internal static IReadOnlyList<RuleData> Declarations => Data.Value;

        /// <summary>The named evaluators of this assembly, by name (the class name without the Evaluator suffix).</summary>
        internal static IReadOnlyDictionary<string, IRuleEvaluator> Evaluators { get; } = ModuleTypes()
            .Where(t => typeof(IRuleEvaluator).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract)
            .ToDictionary(t => t.Name.EndsWith("Evaluator", StringComparison.Ordinal) ? t.Name.Substring(0, t.Name.Length - "Evaluator".Length) : t.Name, t => (IRuleEvaluator)Activator.CreateInstance(t)!, StringComparer.Ordinal);

        /// <summary>Reads the embedded catalogue and descriptions; a broken catalogue fails here, naming the rule.</summary>
        internal static IReadOnlyList<RuleData> LoadEmbedded()
        {
            var assembly = typeof(RuleCatalog).Assembly;
            var descriptions = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(DescriptionPrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
                .ToDictionary(n => n.Substring(DescriptionPrefix.Length, n.Length - DescriptionPrefix.Length - ".md".Length), n => Read(assembly, n), StringComparer.Ordinal);
            return RuleData.ParseCatalogue(Read(assembly, CatalogueResource), descriptions);
        }

        /// <summary>The rule as the engine runs it: the declared check, or the named evaluator.</summary>
        internal static AuditRule Bind(RuleData data)
        {
            if (data.Check is { } check)
            {
                return new AuditRule(data.Definition, (snapshot, options) => check.Evaluate(snapshot));
            }

            if (data.Evaluator is null || !Evaluators.TryGetValue(data.Evaluator, out var evaluator))
            {
                throw new FormatException($"Rule {data.Definition.Id}: no evaluator named '{data.Evaluator}' (expected a class {data.Evaluator}Evaluator implementing IRuleEvaluator).");
            }

            return new AuditRule(data.Definition, (snapshot, options) => evaluator.Evaluate(snapshot, options, data));
        }

        /// <summary>The module's types; those whose dependencies cannot load are not evaluators and are skipped.</summary>
        private static IEnumerable<Type> ModuleTypes()
        {
            try
            {
                return typeof(IRuleEvaluator).Assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                return ex.Types.Where(t => t is not null)!;
            }
        }

        private static string Read(Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The module has no embedded resource {name}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
