using System;
using System.Collections;
using System.Linq;
using System.Reflection;

namespace AcsTeamsSecurity.Models
{
    /// <summary>
    /// Reading, comparing and showing the value of one setting of a model (a policy instance, a tenant configuration,
    /// an online meeting) by its property name: what change planning, drift and the before/after lines share.
    /// </summary>
    internal static class SettingValues
    {
        /// <summary>The current value of a setting, as an object comparable with what a cmdlet asks for; null when the model has no such setting.</summary>
        internal static object? Value(object model, string setting) =>
            model.GetType().GetProperty(setting, BindingFlags.Public | BindingFlags.Instance)?.GetValue(model);

        /// <summary>Display text for before/after lines.</summary>
        internal static string Display(object? value) => value switch
        {
            null => "(not set)",
            bool b => b ? "True" : "False",
            string s => s,
            IEnumerable items => "[" + string.Join(", ", items.Cast<object>()) + "]",
            _ => value.ToString() ?? string.Empty,
        };

        /// <summary>
        /// Structural equality for settings: lists compare as multisets (order does not matter, duplicates do) and the
        /// same in both directions; values case-insensitively (the service's enum names vary in case).
        /// </summary>
        internal static bool Same(object? a, object? b)
        {
            if (a is not string && a is IEnumerable ea && b is not string && b is IEnumerable eb)
            {
                var la = ea.Cast<object>().Select(x => x.ToString() ?? string.Empty).OrderBy(x => x, StringComparer.OrdinalIgnoreCase).ToList();
                var lb = eb.Cast<object>().Select(x => x.ToString() ?? string.Empty).OrderBy(x => x, StringComparer.OrdinalIgnoreCase).ToList();
                return la.SequenceEqual(lb, StringComparer.OrdinalIgnoreCase);
            }

            return string.Equals(Display(a), Display(b), StringComparison.OrdinalIgnoreCase);
        }
    }
}
