using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// Drift between two snapshots: every setting of every instance on every plane, each change classified by
    /// <see cref="ChangeImpact"/> (the same table that raises the confirmation level of loosening Set-* changes).
    /// A plane that either snapshot could not read is skipped and named in <see cref="SkippedPlanes"/>.
    /// </summary>
    internal sealed class SnapshotComparer
    {
        internal List<string> SkippedPlanes { get; } = new List<string>();

        internal IReadOnlyList<ExternalUserConfigurationChange> Compare(ConfigurationSnapshot reference, ConfigurationSnapshot difference)
        {
            var changes = new List<ExternalUserConfigurationChange>();
            if (Comparable(reference, difference, AuditPlane.Tenant))
            {
                Settings(changes, AuditPlane.Tenant, "Tenant", reference.Tenant, difference.Tenant);
            }

            if (Comparable(reference, difference, AuditPlane.MeetingPolicy))
            {
                Instances(changes, AuditPlane.MeetingPolicy, reference.MeetingPolicies, difference.MeetingPolicies, p => p.Settings.Identity, p => p.Settings, p => p.UserCount);
            }

            if (Comparable(reference, difference, AuditPlane.ExternalAccessPolicy))
            {
                Instances(changes, AuditPlane.ExternalAccessPolicy, reference.ExternalAccessPolicies, difference.ExternalAccessPolicies, p => p.Settings.Identity, p => p.Settings, p => p.UserCount);
            }

            if (Comparable(reference, difference, AuditPlane.BroadcastPolicy))
            {
                Instances(changes, AuditPlane.BroadcastPolicy, reference.BroadcastPolicies, difference.BroadcastPolicies, p => p.Settings.Identity, p => p.Settings, p => p.UserCount);
            }

            if (reference.AcsResources is null || difference.AcsResources is null)
            {
                if (reference.AcsResources is not null || difference.AcsResources is not null)
                {
                    SkippedPlanes.Add("AcsResource (only one snapshot has ACS resources: export both with the same -SubscriptionId)");
                }
            }
            else if (Comparable(reference, difference, AuditPlane.AcsResource))
            {
                Instances(changes, AuditPlane.AcsResource, reference.AcsResources, difference.AcsResources, r => r.Id, r => r, _ => null);
            }

            if (reference.Purview is null || difference.Purview is null)
            {
                if (reference.Purview is not null || difference.Purview is not null)
                {
                    SkippedPlanes.Add("Purview (only one snapshot has the Purview plane: a 1.0 snapshot, or one taken in a cloud or with a sign-in without Security & Compliance)");
                }
            }
            else if (Comparable(reference, difference, AuditPlane.Purview))
            {
                PurviewComparer.Compare(changes, reference.Purview, difference.Purview);
            }

            return changes;
        }

        private bool Comparable(ConfigurationSnapshot a, ConfigurationSnapshot b, AuditPlane plane)
        {
            var failed = a.CollectionErrors.Where(e => e.Plane == plane && e.ErrorId != CollectionError.DiagnosticSettingsUnreadable)
                .Concat(b.CollectionErrors.Where(e => e.Plane == plane && e.ErrorId != CollectionError.DiagnosticSettingsUnreadable)).ToList();
            if (failed.Count == 0)
            {
                return true;
            }

            SkippedPlanes.Add($"{plane} (not read completely in one of the snapshots: {failed[0].Message})");
            return false;
        }

        private static void Instances<T>(List<ExternalUserConfigurationChange> changes, AuditPlane plane, IEnumerable<T> reference, IEnumerable<T> difference, Func<T, string> key, Func<T, object> settings, Func<T, int?> users)
        {
            var before = reference.GroupBy(key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var after = difference.GroupBy(key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var pair in before)
            {
                var scope = ScopeName(plane, settings(pair.Value), pair.Key);
                if (!after.TryGetValue(pair.Key, out var now))
                {
                    changes.Add(new ExternalUserConfigurationChange(plane, scope, "(instance)", "present", "absent", ConfigurationChangeType.Removed, ChangeDirection.Neutral));
                    continue;
                }

                Settings(changes, plane, scope, settings(pair.Value), settings(now));
                var (u1, u2) = (users(pair.Value), users(now));
                if (u1 is not null && u2 is not null && u1 != u2)
                {
                    changes.Add(new ExternalUserConfigurationChange(plane, scope, "UserCount", Text(u1), Text(u2), ConfigurationChangeType.Modified, ChangeDirection.Neutral));
                }
            }

            foreach (var pair in after.Where(p => !before.ContainsKey(p.Key)))
            {
                changes.Add(new ExternalUserConfigurationChange(plane, ScopeName(plane, settings(pair.Value), pair.Key), "(instance)", "absent", "present", ConfigurationChangeType.Added, ChangeDirection.Neutral));
            }
        }

        private static string ScopeName(AuditPlane plane, object model, string key) => plane == AuditPlane.AcsResource && model is AcsResourceSettings r ? r.Name : key;

        private static void Settings(List<ExternalUserConfigurationChange> changes, AuditPlane plane, string scope, object reference, object difference)
        {
            foreach (var property in SnapshotSerializer.SettableProperties(reference.GetType()))
            {
                if (property.Name == "Identity" || property.Name == nameof(AcsResourceSettings.Id))
                {
                    continue;
                }

                var a = property.GetValue(reference);
                var b = property.GetValue(difference);
                if (SettingValues.Same(a, b) && (a is null) == (b is null))
                {
                    continue;
                }

                changes.Add(new ExternalUserConfigurationChange(plane, scope, property.Name, Text(a), Text(b), ConfigurationChangeType.Modified, ChangeImpact.Classify(property.Name, a, b)));
            }
        }

        private static string? Text(object? value) => value is null ? null : SettingValues.Display(value);
    }
}
