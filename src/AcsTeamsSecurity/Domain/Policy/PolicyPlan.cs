using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Domain.Policy
{
    /// <summary>One setting a change moves: its value before and after, and whether that loosens security.</summary>
    internal sealed class SettingChange
    {
        internal SettingChange(string setting, object? before, object? after, ChangeDirection direction)
        {
            Setting = setting;
            Before = before;
            After = after;
            Direction = direction;
        }

        internal string Setting { get; }

        internal object? Before { get; }

        internal object? After { get; }

        internal ChangeDirection Direction { get; }

        internal bool Loosens => Direction == ChangeDirection.Loosening;

        /// <summary>The before/after line of a confirmation: "  Setting: before -> after", marked when it loosens.</summary>
        internal string Line => $"  {Setting}: {SettingValues.Display(Before)} -> {SettingValues.Display(After)}{(Loosens ? "  (loosens security)" : string.Empty)}";

        /// <summary>
        /// The settings of <paramref name="desired"/> whose value differs from <paramref name="current"/>'s, in the
        /// order asked for, each with its direction (ChangeImpact).
        /// </summary>
        internal static IReadOnlyList<SettingChange> Between(object current, IEnumerable<KeyValuePair<string, object?>> desired)
        {
            var changes = new List<SettingChange>();
            foreach (var pair in desired)
            {
                var before = SettingValues.Value(current, pair.Key);
                if (!SettingValues.Same(before, pair.Value))
                {
                    changes.Add(new SettingChange(pair.Key, before, pair.Value, ChangeImpact.Classify(pair.Key, before, pair.Value)));
                }
            }

            return changes;
        }
    }

    /// <summary>A setting of the instance the caller read that differs from the instance now: someone else changed it.</summary>
    internal sealed class PolicyConflict
    {
        internal PolicyConflict(string setting, object? then, object? now)
        {
            Setting = setting;
            Then = then;
            Now = now;
        }

        internal string Setting { get; }

        internal object? Then { get; }

        internal object? Now { get; }
    }

    /// <summary>
    /// The plan of one change of a policy instance or tenant configuration, computed without any I/O from the instance
    /// as it is now, the settings asked for and (optionally) the instance as the caller read it: which settings really
    /// change, in which direction, whether the caller's copy is stale, whom the change affects, and how it reads in a
    /// confirmation. Cmdlets.Editing.PolicyEditor prompts with it and writes it.
    /// </summary>
    internal sealed class PolicyPlan
    {
        /// <summary>Whom a change of a tenant-wide configuration affects.</summary>
        internal const string WholeTenant = "the whole tenant";

        private PolicyPlan(string type, string identity, string appliesTo, IReadOnlyList<SettingChange> changes, PolicyConflict? conflict)
        {
            Type = type;
            Identity = identity;
            AppliesTo = appliesTo;
            Changes = changes;
            Conflict = conflict;
        }

        /// <summary>The service's name of the policy or configuration type (TeamsMeetingPolicy, TeamsAcsFederationConfiguration, ...).</summary>
        internal string Type { get; }

        /// <summary>The instance: Global or Tag:Name.</summary>
        internal string Identity { get; }

        /// <summary>Whom the instance applies to, in words.</summary>
        internal string AppliesTo { get; }

        /// <summary>The settings that differ from what the instance has now; settings already as asked are left out.</summary>
        internal IReadOnlyList<SettingChange> Changes { get; }

        /// <summary>Set when the caller's copy of the instance is stale: nothing may be written.</summary>
        internal PolicyConflict? Conflict { get; }

        /// <summary>True when every setting already has the value asked for.</summary>
        internal bool IsEmpty => Changes.Count == 0;

        /// <summary>True when any change loosens security: the change needs the second confirmation, and the users it affects are counted.</summary>
        internal bool Loosens => Changes.Any(c => c.Loosens);

        /// <summary>
        /// Plans setting <paramref name="desired"/> on an instance that is <paramref name="current"/> now.
        /// <paramref name="baseline"/> is the instance as the caller read it (a piped object) or null; when it is of the
        /// same type as <paramref name="current"/>, any settable property (Identity aside) that differs between the two is
        /// a <see cref="Conflict"/>. <paramref name="appliesTo"/> defaults to whom a policy instance of that identity applies to.
        /// </summary>
        internal static PolicyPlan Plan(string type, string identity, object current, IReadOnlyDictionary<string, object?> desired, object? baseline = null, string? appliesTo = null)
        {
            if (current is null)
            {
                throw new ArgumentNullException(nameof(current));
            }

            return new PolicyPlan(
                type,
                identity,
                appliesTo ?? PolicyIdentity.AppliesTo(identity),
                SettingChange.Between(current, desired),
                FindConflict(current, baseline));
        }

        /// <summary>
        /// The confirmation text: titled LOOSEN when any setting loosens, whom it applies to (with the number of users,
        /// when known), one line per setting, then the notes (for example what names and ARM ids resolved to).
        /// </summary>
        internal string Describe(int? users = null, IEnumerable<string>? notes = null)
        {
            var appliesTo = users is null ? AppliesTo : $"{users} user(s): {AppliesTo}";
            var text = new StringBuilder();
            text.Append(Loosens ? "LOOSEN " : "Change ").Append(Type).Append(' ').Append(Identity).Append(" (applies to ").Append(appliesTo).Append("):");
            foreach (var line in Changes.Select(c => c.Line).Concat(notes?.Select(n => "  " + n) ?? Enumerable.Empty<string>()))
            {
                text.Append(System.Environment.NewLine).Append(line);
            }

            return text.ToString();
        }

        /// <summary>One line for the log: every change, before -> after.</summary>
        internal string Summary() =>
            string.Join(", ", Changes.Select(c => $"{c.Setting} {SettingValues.Display(c.Before)} -> {SettingValues.Display(c.After)}"));

        /// <summary>The settings that <paramref name="written"/> (the instance read again after the write) does not show with the value written.</summary>
        internal IReadOnlyList<(string Setting, object? Expected, object? Actual)> NotAppliedIn(object written) =>
            Changes
                .Select(c => (c.Setting, Expected: c.After, Actual: SettingValues.Value(written, c.Setting)))
                .Where(c => !SettingValues.Same(c.Expected, c.Actual))
                .ToList();

        private static PolicyConflict? FindConflict(object current, object? baseline)
        {
            if (baseline is null || baseline.GetType() != current.GetType())
            {
                return null; // no copy of the same kind to compare with
            }

            foreach (var property in current.GetType().GetProperties().Where(p => p.SetMethod is not null && p.Name != "Identity"))
            {
                var then = SettingValues.Value(baseline, property.Name);
                var now = property.GetValue(current);
                if (!SettingValues.Same(then, now))
                {
                    return new PolicyConflict(property.Name, then, now);
                }
            }

            return null;
        }
    }
}
