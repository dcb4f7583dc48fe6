using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Domain;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>Which rules to run: every filter given must match (ids and mapping ids accept wildcards).</summary>
    internal sealed class RuleFilter
    {
        internal IReadOnlyList<string> RuleIds { get; set; } = Array.Empty<string>();

        internal IReadOnlyList<AuditSeverity> Severities { get; set; } = Array.Empty<AuditSeverity>();

        internal IReadOnlyList<string> Frameworks { get; set; } = Array.Empty<string>();

        internal IReadOnlyList<string> MappingIds { get; set; } = Array.Empty<string>();

        /// <summary>The filter of the audit cmdlets' -RuleId/-Severity/-Framework/-MappingId parameters (null: not given).</summary>
        internal static RuleFilter From(string[]? ruleIds, AuditSeverity[]? severities, string[]? frameworks, string[]? mappingIds) => new RuleFilter
        {
            RuleIds = ruleIds ?? Array.Empty<string>(),
            Severities = severities ?? Array.Empty<AuditSeverity>(),
            Frameworks = frameworks ?? Array.Empty<string>(),
            MappingIds = mappingIds ?? Array.Empty<string>(),
        };

        internal bool IsEmpty => RuleIds.Count == 0 && Severities.Count == 0 && Frameworks.Count == 0 && MappingIds.Count == 0;

        internal bool Matches(ExternalUserSecurityRule rule) =>
            (RuleIds.Count == 0 || RuleIds.Any(p => Like(rule.Id, p) || rule.Mappings.Any(m => Like(m.Id, p))))
            && (Severities.Count == 0 || Severities.Contains(rule.Severity))
            && (Frameworks.Count == 0 || rule.Mappings.Any(m => Frameworks.Any(f => Like(m.Framework, f) || Like(m.Framework.Replace(" ", string.Empty), f))))
            && (MappingIds.Count == 0 || rule.Mappings.Any(m => MappingIds.Any(p => Like(m.Id, p))));

        /// <summary>The filters in words, for reports.</summary>
        internal string Describe()
        {
            if (IsEmpty)
            {
                return "none (all rules)";
            }

            var parts = new List<string>();
            if (RuleIds.Count > 0)
            {
                parts.Add("rule " + string.Join(", ", RuleIds));
            }

            if (Severities.Count > 0)
            {
                parts.Add("severity " + string.Join(", ", Severities));
            }

            if (Frameworks.Count > 0)
            {
                parts.Add("framework " + string.Join(", ", Frameworks));
            }

            if (MappingIds.Count > 0)
            {
                parts.Add("mapping " + string.Join(", ", MappingIds));
            }

            return string.Join("; ", parts);
        }

        private static bool Like(string value, string pattern) =>
            WildcardPattern.ContainsWildcardCharacters(pattern)
                ? new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value)
                : string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs the catalogue over a snapshot. Pure: the same snapshot always gives the same findings, in catalogue order.</summary>
    internal static class AuditEngine
    {
        internal static IReadOnlyList<AuditRule> Select(RuleFilter filter)
        {
            var rules = RuleCatalog.All.Where(r => filter.Matches(r.Definition)).ToList();
            if (rules.Count == 0)
            {
                var known = RuleCatalog.All.Select(r => r.Definition.Id).Concat(RuleCatalog.All.SelectMany(r => r.Definition.Mappings.Select(m => m.Id))).ToList();
                var hint = string.Concat(filter.RuleIds.Where(id => !WildcardPattern.ContainsWildcardCharacters(id)).Select(id => Domain.DidYouMean.Sentence(id, known)).Distinct());
                throw new AcsTeamsSecurityException(ErrorIds.AuditRuleNotFound, ErrorCategory.ObjectNotFound, $"No audit rule matches the filters ({filter.Describe()}).{hint} Get-ExternalUserSecurityRule lists the rules and their mappings.");
            }

            return rules;
        }

        internal static IEnumerable<ExternalUserSecurityFinding> Evaluate(ConfigurationSnapshot snapshot, IEnumerable<AuditRule> rules, AuditOptions options, string source)
        {
            foreach (var rule in rules)
            {
                var d = rule.Definition;
                List<RuleResult> results;
                try
                {
                    results = rule.Evaluate(snapshot, options).ToList();
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // A rule bug must not hide the other findings: it becomes an Error finding that says so.
                    results = new List<RuleResult> { new RuleResult(FindingStatus.Error, "(rule)", string.Empty, "(not evaluated)", $"The rule failed to evaluate: {ex.GetType().Name}: {ex.Message}") };
                }

                foreach (var r in results)
                {
                    yield return new ExternalUserSecurityFinding
                    {
                        RuleId = d.Id,
                        Title = d.Title,
                        Severity = d.Severity,
                        Status = r.Status,
                        Plane = d.Plane,
                        Scope = r.Scope,
                        Setting = r.Setting,
                        Actual = r.Actual,
                        Expected = d.Expected,
                        AffectedUsers = r.AffectedUsers,
                        Evidence = r.Evidence,
                        Remediation = r.Remediation,
                        Mappings = d.Mappings,
                        TenantId = snapshot.Metadata.TenantId,
                        Source = source,
                    };
                }
            }
        }
    }
}
