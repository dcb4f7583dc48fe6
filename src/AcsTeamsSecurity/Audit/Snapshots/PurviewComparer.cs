using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// Drift of the Purview plane between two snapshots: DLP policies added or removed (by name), their settings, and the
    /// Customer Key status, each classified from the external user's side (a policy that stops blocking, or leaves out
    /// more users, loosens). Compare reports it; Restore never writes it (the module does not change Purview).
    /// </summary>
    internal static class PurviewComparer
    {
        private static readonly string[] Ignored = { nameof(ExternalUserDlpPolicy.Name), nameof(ExternalUserDlpPolicy.ModeText), nameof(ExternalUserDlpPolicy.Rules), nameof(ExternalUserDlpPolicy.Workload), nameof(ExternalUserCustomerKeyStatus.Detail) };

        internal static void Compare(List<ExternalUserConfigurationChange> changes, SnapshotPurview reference, SnapshotPurview difference)
        {
            var before = reference.DlpPolicies.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var after = difference.DlpPolicies.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var pair in before)
            {
                if (!after.TryGetValue(pair.Key, out var now))
                {
                    changes.Add(new ExternalUserConfigurationChange(AuditPlane.Purview, pair.Key, "(instance)", "present", "absent", ConfigurationChangeType.Removed, pair.Value.Enforced ? ChangeDirection.Loosening : ChangeDirection.Neutral));
                    continue;
                }

                Settings(changes, pair.Key, pair.Value, now);
            }

            foreach (var pair in after.Where(p => !before.ContainsKey(p.Key)))
            {
                changes.Add(new ExternalUserConfigurationChange(AuditPlane.Purview, pair.Key, "(instance)", "absent", "present", ConfigurationChangeType.Added, pair.Value.Enforced ? ChangeDirection.Tightening : ChangeDirection.Neutral));
            }

            Settings(changes, "Customer Key", reference.CustomerKey, difference.CustomerKey);
        }

        private static void Settings(List<ExternalUserConfigurationChange> changes, string scope, object reference, object difference)
        {
            foreach (var property in SnapshotSerializer.SettableProperties(reference.GetType()).Where(p => Array.IndexOf(Ignored, p.Name) < 0))
            {
                var a = property.GetValue(reference);
                var b = property.GetValue(difference);
                if (SettingValues.Same(a, b) && (a is null) == (b is null))
                {
                    continue;
                }

                changes.Add(new ExternalUserConfigurationChange(AuditPlane.Purview, scope, property.Name, Text(a), Text(b), ConfigurationChangeType.Modified, Direction(property.Name, a, b)));
            }
        }

        /// <summary>Loosening when protection for external users' content drops; tightening when it grows.</summary>
        internal static ChangeDirection Direction(string setting, object? before, object? after)
        {
            switch (setting)
            {
                case nameof(ExternalUserDlpPolicy.Mode):
                    return Rank(ModeRank(before), ModeRank(after));
                case nameof(ExternalUserCustomerKeyStatus.State):
                    return Rank(before is CustomerKeyState.Assigned ? 1 : 0, after is CustomerKeyState.Assigned ? 1 : 0);
                case nameof(ExternalUserDlpPolicy.CoversAllTeamsUsers):
                case nameof(ExternalUserDlpPolicy.BlocksExternalParticipants):
                    return Rank(before is true ? 1 : 0, after is true ? 1 : 0);
                case nameof(ExternalUserDlpPolicy.TeamsLocationException):
                    // A user or group newly excluded loosens; only removals tighten.
                    return Items(after).Except(Items(before), StringComparer.OrdinalIgnoreCase).Any() ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                case nameof(ExternalUserDlpPolicy.BlockedInformationTypes):
                    return Items(before).Except(Items(after), StringComparer.OrdinalIgnoreCase).Any() ? ChangeDirection.Loosening : ChangeDirection.Tightening;
                default:
                    return ChangeDirection.Neutral;
            }
        }

        private static int ModeRank(object? mode) => mode switch
        {
            DlpPolicyMode.Enable => 2,
            DlpPolicyMode.TestWithNotifications => 1,
            DlpPolicyMode.TestWithoutNotifications => 1,
            _ => 0,
        };

        private static ChangeDirection Rank(int before, int after) =>
            after < before ? ChangeDirection.Loosening : after > before ? ChangeDirection.Tightening : ChangeDirection.Unchanged;

        private static IReadOnlyList<string> Items(object? value) =>
            value is IEnumerable<string> items ? items.ToList() : (IReadOnlyList<string>)Array.Empty<string>();

        private static string? Text(object? value) => value is null ? null : SettingValues.Display(value);
    }
}
