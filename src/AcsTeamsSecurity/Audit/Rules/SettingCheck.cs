using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>Which policy instances a declared rule looks at.</summary>
    internal enum SettingScope
    {
        /// <summary>Every meeting policy instance, one finding each.</summary>
        EveryMeetingPolicy,

        /// <summary>The Global meeting policy only (the SCuBA lobby and recording checks).</summary>
        GlobalMeetingPolicy,

        /// <summary>Every external access policy instance, one finding each.</summary>
        EveryExternalAccessPolicy,

        /// <summary>The Global external access policy only.</summary>
        GlobalExternalAccessPolicy,
    }

    /// <summary>
    /// The one engine behind every declared rule of <c>rules.json</c>: "setting X of the policies in scope has one of
    /// the allowed values (or none of the forbidden ones)". A value the service did not report is a Warning; a plane
    /// that could not be read is an Error; a failure carries the declared fix for its scope. The declaration is checked
    /// when the catalogue loads: the setting must exist, every value must be a value of the setting, and the fix must
    /// itself satisfy the check.
    /// </summary>
    internal sealed class SettingCheck
    {
        private static readonly string[] Keys = { "scope", "setting", "allowed", "forbidden", "failure", "fix" };

        private SettingCheck(SettingScope scope, PropertyInfo property, IReadOnlyList<object> allowed, IReadOnlyList<object> forbidden, string failure, string fixCommand, object fixValue)
        {
            Scope = scope;
            Property = property;
            Allowed = allowed;
            Forbidden = forbidden;
            Failure = failure;
            FixCommand = fixCommand;
            FixValue = fixValue;
        }

        internal SettingScope Scope { get; }

        /// <summary>The setting, a property of the scope's settings model.</summary>
        internal PropertyInfo Property { get; }

        internal string Setting => Property.Name;

        internal IReadOnlyList<object> Allowed { get; }

        internal IReadOnlyList<object> Forbidden { get; }

        /// <summary>What a failure means, completing "&lt;Setting&gt; is &lt;value&gt;: …".</summary>
        internal string Failure { get; }

        /// <summary>The command of the fix, without its -Identity and setting (for example <c>Set-LobbyBypass</c>).</summary>
        internal string FixCommand { get; }

        /// <summary>The value the fix sets.</summary>
        internal object FixValue { get; }

        internal bool IsGlobalOnly => Scope is SettingScope.GlobalMeetingPolicy or SettingScope.GlobalExternalAccessPolicy;

        internal bool IsMeetingPolicy => Scope is SettingScope.EveryMeetingPolicy or SettingScope.GlobalMeetingPolicy;

        /// <summary>The policy type, as findings name it in their Setting (TeamsMeetingPolicy.&lt;setting&gt;).</summary>
        internal string PolicyType => IsMeetingPolicy ? "TeamsMeetingPolicy" : "ExternalAccessPolicy";

        /// <summary>The remediation as Get-ExternalUserSecurityRule shows it.</summary>
        internal string Remediation => $"{FixCommand} -Identity {(IsGlobalOnly ? "Global" : "'<Identity>'")} -{Setting} {Show(FixValue)}";

        /// <summary>Whether a reported value satisfies the rule.</summary>
        internal bool Accepts(object value) => Allowed.Count > 0 ? Allowed.Any(a => Same(a, value)) : !Forbidden.Any(f => Same(f, value));

        internal static SettingCheck Parse(JsonObject o)
        {
            var unknown = o.Select(p => p.Key).FirstOrDefault(k => !Keys.Contains(k, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new FormatException($"check: unknown property '{unknown}' (known: {string.Join(", ", Keys)}).");
            }

            var scopeText = o["scope"]?.GetValue<string>() ?? throw new FormatException("check: 'scope' is missing.");
            if (!Enum.TryParse<SettingScope>(scopeText, out var scope) || !Enum.IsDefined(typeof(SettingScope), scope))
            {
                throw new FormatException($"check: scope '{scopeText}' is not one of {string.Join(", ", Enum.GetNames(typeof(SettingScope)))}.");
            }

            var model = scope is SettingScope.EveryMeetingPolicy or SettingScope.GlobalMeetingPolicy ? typeof(MeetingPolicySettings) : typeof(ExternalAccessPolicySettings);
            var settingText = o["setting"]?.GetValue<string>() ?? throw new FormatException("check: 'setting' is missing.");
            var property = model.GetProperty(settingText, BindingFlags.Public | BindingFlags.Instance);
            var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property is null || type is null || !(type == typeof(bool) || type.IsEnum || type == typeof(string)))
            {
                throw new FormatException($"check: '{settingText}' is not a single-valued setting of {model.Name}.");
            }

            var allowed = Values(o["allowed"], type, "allowed");
            var forbidden = Values(o["forbidden"], type, "forbidden");
            if ((allowed.Count == 0) == (forbidden.Count == 0))
            {
                throw new FormatException("check: give either 'allowed' or 'forbidden' values.");
            }

            var fix = o["fix"] as JsonObject ?? throw new FormatException("check: 'fix' is missing.");
            var fixValue = Values(new JsonArray(fix["value"]?.DeepClone()), type, "fix.value").Single();
            var failure = o["failure"]?.GetValue<string>();
            var command = fix["command"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(failure) || string.IsNullOrWhiteSpace(command))
            {
                throw new FormatException("check: 'failure' and 'fix.command' are required.");
            }

            var check = new SettingCheck(scope, property, allowed, forbidden, failure!, command!, fixValue);
            return check.Accepts(fixValue) ? check : throw new FormatException($"check: the fix sets {property.Name} to {Show(fixValue)}, which the check does not accept.");
        }

        /// <summary>The findings of the rule on a snapshot.</summary>
        internal IEnumerable<RuleResult> Evaluate(ConfigurationSnapshot s)
        {
            var setting = $"{PolicyType}.{Setting}";
            var plane = IsMeetingPolicy ? AuditPlane.MeetingPolicy : AuditPlane.ExternalAccessPolicy;
            var policies = IsMeetingPolicy
                ? s.MeetingPolicies.Select(p => (Settings: (object)p.Settings, p.Settings.Identity, p.UserCount)).ToList()
                : s.ExternalAccessPolicies.Select(p => (Settings: (object)p.Settings, p.Settings.Identity, p.UserCount)).ToList();
            if (s.CollectionErrors.FirstOrDefault(e => e.Plane == plane) is { } error)
            {
                yield return new RuleResult(FindingStatus.Error, IsGlobalOnly ? "Global" : IsMeetingPolicy ? "(meeting policies)" : "(external access policies)", setting, "(not read)", error.Message);
                yield break;
            }

            if (IsGlobalOnly)
            {
                var global = policies.FirstOrDefault(p => string.Equals(p.Identity, "Global", StringComparison.OrdinalIgnoreCase));
                if (global.Settings is null)
                {
                    yield return new RuleResult(FindingStatus.Error, "Global", setting, "(missing)", $"The snapshot has no Global {(IsMeetingPolicy ? "meeting" : "external access")} policy.");
                    yield break;
                }

                policies = new[] { global }.ToList();
            }

            foreach (var (settings, identity, userCount) in policies)
            {
                var value = Property.GetValue(settings);
                var actual = value is null ? "(not reported)" : PolicyMapper.Display(value);
                var scope = IsGlobalOnly ? "Global" : identity;
                var fix = IsGlobalOnly ? Remediation : Remediation.Replace("'<Identity>'", CommandText.Literal(identity));
                if (value is null)
                {
                    // The Global-only rules have always offered their fix with the warning; the per-policy rules have not.
                    yield return new RuleResult(FindingStatus.Warning, scope, setting, actual, $"The service did not report {Setting}; the rule cannot be evaluated.", IsGlobalOnly ? fix : string.Empty, userCount);
                }
                else if (Accepts(value))
                {
                    yield return new RuleResult(FindingStatus.Pass, scope, setting, actual, $"{Setting} is {actual}.", string.Empty, userCount);
                }
                else
                {
                    yield return new RuleResult(FindingStatus.Fail, scope, setting, actual, $"{Setting} is {actual}: {Failure}{(IsGlobalOnly ? " (Global policy)" : string.Empty)}.", fix, userCount);
                }
            }
        }

        private static IReadOnlyList<object> Values(JsonNode? node, Type type, string name)
        {
            if (node is null)
            {
                return Array.Empty<object>();
            }

            var list = new List<object>();
            foreach (var item in node as JsonArray ?? throw new FormatException($"check: '{name}' is not an array."))
            {
                var value = item as JsonValue;
                if (type == typeof(bool) && value is not null && value.TryGetValue<bool>(out var b))
                {
                    list.Add(b);
                }
                else if (type.IsEnum && value is not null && value.TryGetValue<string>(out var e) && Enum.GetNames(type).Contains(e, StringComparer.Ordinal))
                {
                    list.Add(Enum.Parse(type, e));
                }
                else if (type == typeof(string) && value is not null && value.TryGetValue<string>(out var s))
                {
                    list.Add(s);
                }
                else
                {
                    var expected = type.IsEnum ? string.Join(", ", Enum.GetNames(type)) : type == typeof(bool) ? "true or false" : "a string";
                    throw new FormatException($"check: {name} value {item?.ToJsonString() ?? "null"} is not {expected}.");
                }
            }

            return list;
        }

        private static bool Same(object a, object b) => a is string sa && b is string sb ? string.Equals(sa, sb, StringComparison.OrdinalIgnoreCase) : a.Equals(b);

        private static string Show(object value) => value switch
        {
            bool b => b ? "$true" : "$false",
            string s => CommandText.Literal(s),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
