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

        /// <summary>Where evaluators live: a rule's <c>"evaluator": "Name"</c> is the class <c>{EvaluatorNamespace}.NameEvaluator</c>.</summary>
        internal const string EvaluatorNamespace = "AcsTeamsSecurity.Audit.Rules.Evaluators";

        /// <summary>
        /// Every evaluator class of the module, by name (the class name without the Evaluator suffix). Built on first use;
        /// a module type that cannot load fails here with the loader's own exceptions rather than hiding an evaluator.
        /// </summary>
        internal static IReadOnlyDictionary<string, Type> Evaluators => EvaluatorTypes.Value;

        private static readonly Lazy<IReadOnlyDictionary<string, Type>> EvaluatorTypes = new Lazy<IReadOnlyDictionary<string, Type>>(() =>
            typeof(IRuleEvaluator).Assembly.GetTypes()
                .Where(t => typeof(IRuleEvaluator).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract)
                .ToDictionary(EvaluatorName, t => t, StringComparer.Ordinal));

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

            // Looked up by its full name, so one rule's evaluator is found (or not) on its own, and a failure names the rule.
            var type = data.Evaluator is null ? null : typeof(IRuleEvaluator).Assembly.GetType($"{EvaluatorNamespace}.{data.Evaluator}Evaluator", throwOnError: false);
            if (type is null || !typeof(IRuleEvaluator).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new FormatException($"Rule {data.Definition.Id}: no evaluator named '{data.Evaluator}' (expected a class {EvaluatorNamespace}.{data.Evaluator}Evaluator implementing IRuleEvaluator).");
            }

            IRuleEvaluator evaluator;
            try
            {
                evaluator = (IRuleEvaluator)Activator.CreateInstance(type)!;
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is MissingMethodException || ex is TypeLoadException || ex is FileNotFoundException || ex is MemberAccessException)
            {
                throw new FormatException($"Rule {data.Definition.Id}: its evaluator {type.FullName} could not be created: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            return new AuditRule(data.Definition, (snapshot, options) => evaluator.Evaluate(snapshot, options, data));
        }

        private static string EvaluatorName(Type type) =>
            type.Name.EndsWith("Evaluator", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Evaluator".Length) : type.Name;

        private static string Read(Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The module has no embedded resource {name}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
