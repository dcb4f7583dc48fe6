using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;

namespace AcsTeamsSecurity.Cmdlets.Editing
{
    /// <summary>
    /// How every policy and configuration change is made (Set-ExternalUserPolicy, Set-LobbyBypass -Identity,
    /// Set-AcsFederationConfiguration, Restore-ExternalUserConfiguration): read the instance, plan the change
    /// (<see cref="PolicyPlan"/>: refuse if the caller's copy is stale, keep only real changes), show before/after and
    /// confirm (-WhatIf stops here; loosening changes need a second confirmation unless -Force), then guard against lost
    /// updates on the client side, because the Teams admin API is not evidenced to offer optimistic concurrency: read
    /// the instance again right before the write and refuse (PolicyChangedConcurrently, nothing written) if anything
    /// differs from the state that was shown and confirmed. The write is a PUT of only the changed settings (If-Match
    /// only if the service handed out an ETag); then the instance is read once more and every written setting checked
    /// (ChangeNotApplied if one did not take). Contract: docs/CONTRACTS.md, Teams admin, PUT configuration.
    /// </summary>
    internal sealed class PolicyEditor
    {
        private readonly AcsTeamsCmdlet _cmdlet;
        private readonly AcsTeamsSecurityContext _context;
        private readonly TeamsAdminClient _teams;
        private readonly bool _force;

        /// <summary>An editor for one cmdlet run; <paramref name="force"/> gives the loosening confirmation (never -WhatIf).</summary>
        internal PolicyEditor(AcsTeamsCmdlet cmdlet, AcsTeamsSecurityContext context, bool force)
        {
            _cmdlet = cmdlet;
            _context = context;
            _teams = context.Clients.TeamsAdmin();
            _force = force;
        }

        /// <summary>
        /// Changes a per-user policy instance (TeamsMeetingPolicy, ExternalAccessPolicy) of <paramref name="identity"/>
        /// (Global or Tag:Name). <paramref name="baseline"/> is the instance as the caller read it, or null. A loosening
        /// change names how many users it affects. Returns the instance after the change, as it is when nothing changed,
        /// or null when the change was not confirmed.
        /// </summary>
        internal T? ChangePolicy<T>(string type, string identity, IReadOnlyDictionary<string, object?> desired, object? baseline = null)
            where T : class, new() =>
            Apply<T>(type, identity, desired, baseline, null, countUsers: true, null, null);

        /// <summary>
        /// Changes the tenant-wide configuration <paramref name="type"/> (its Global instance). <paramref name="relative"/>
        /// computes settings from the current instance (adding to or removing from a list), from the same read that the
        /// lost-update guard compares; <paramref name="notes"/> are shown under the before/after lines.
        /// </summary>
        internal AcsFederationConfiguration? ChangeTenant(string type, IReadOnlyDictionary<string, object?> desired, Action<AcsFederationConfiguration, Dictionary<string, object?>>? relative = null, IReadOnlyList<string>? notes = null) =>
            Apply(type, PolicyIdentity.Global, desired, null, PolicyPlan.WholeTenant, countUsers: false, relative, notes);

        /// <summary>
        /// The first top-level property (any, not only the settings this module models; the service's Key metadata
        /// aside) whose value differs between two reads of an instance, with both values as JSON; null when equal.
        /// </summary>
        internal static (string Setting, string Then, string Now)? FirstDifference(JsonObject then, JsonObject now)
        {
            var names = then.Select(p => p.Key).Concat(now.Select(p => p.Key)).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                if (string.Equals(name, "Key", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var a = Json(then, name);
                var b = Json(now, name);
                if (!string.Equals(a, b, StringComparison.Ordinal))
                {
                    return (name, a, b);
                }
            }

            return null;
        }

        private T? Apply<T>(string type, string identity, IReadOnlyDictionary<string, object?> desired, object? baseline, string? appliesTo, bool countUsers, Action<T, Dictionary<string, object?>>? relative, IReadOnlyList<string>? notes)
            where T : class, new()
        {
            var (instance, _) = _cmdlet.Run(ct => _teams.GetAsync(type, identity, ct));
            var current = PolicyMapper.Read<T>(instance);
            if (relative is not null)
            {
                // Relative edits (add/remove list entries) are computed from this very read, which the guard below compares with the state just before the write.
                var merged = desired.ToDictionary(p => p.Key, p => p.Value);
                relative(current, merged);
                desired = merged;
            }

            var plan = PolicyPlan.Plan(type, identity, current, desired, baseline, appliesTo);
            if (plan.Conflict is { } conflict)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyChangedConcurrently,
                    ErrorCategory.ResourceBusy,
                    $"{type} {identity} changed since you read it ({conflict.Setting} was {SettingValues.Display(conflict.Then)}, is now {SettingValues.Display(conflict.Now)}). Nothing was written: read it again and repeat the change.")
                {
                    Target = identity,
                };
            }

            if (plan.IsEmpty)
            {
                _cmdlet.NothingToChange($"{type} {identity} already has these settings");
                return current;
            }

            // Loosening changes say how many people they open the door for.
            var users = plan.Loosens && countUsers ? _cmdlet.Run(ct => new TeamsPolicyService(_context.Clients).CountUsersAsync(type, identity, ct)) : null;
            var text = plan.Describe(users, notes);
            if (!_cmdlet.ShouldProcess(text, text, "Confirm"))
            {
                return null;
            }

            if (plan.Loosens && !_cmdlet.ConfirmLoosening($"{text}{System.Environment.NewLine}Continue?", _force))
            {
                return null;
            }

            // Lost-update guard: what the service has now must still be what was shown and confirmed.
            var (again, etag) = _cmdlet.Run(ct => _teams.GetAsync(type, identity, ct));
            var moved = FirstDifference(instance, again);
            if (moved is not null)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyChangedConcurrently,
                    ErrorCategory.ResourceBusy,
                    $"{type} {identity} changed after the change was shown for confirmation ({moved.Value.Setting} was {moved.Value.Then}, is now {moved.Value.Now}). Nothing was written: run the command again to see the change against the new state.")
                {
                    Target = identity,
                };
            }

            var body = new JsonObject();
            foreach (var change in plan.Changes)
            {
                body[change.Setting] = PolicyMapper.ToJson(change.After);
            }

            // The answer (an object, an array or nothing) is not trusted to show the result: the instance is read again.
            _cmdlet.Run(ct => _teams.PutAsync(type, identity, body, etag, ct));
            var (written, _) = _cmdlet.Run(ct => _teams.GetAsync(type, identity, ct));
            var updated = PolicyMapper.Read<T>(written);
            var missed = plan.NotAppliedIn(updated);
            if (missed.Count > 0)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.ChangeNotApplied,
                    ErrorCategory.InvalidResult,
                    $"The Teams admin service accepted the change of {type} {identity}, but reading it again shows {string.Join("; ", missed.Select(m => $"{m.Setting} is {SettingValues.Display(m.Actual)}, not {SettingValues.Display(m.Expected)}"))}. Check the instance with Get-ExternalUserPolicy or Get-AcsFederationConfiguration, then repeat the change; if it still does not take, the service may not support the setting for this instance.")
                {
                    Target = identity,
                    Service = nameof(AcsTeamsService.TeamsAdmin),
                };
            }

            _cmdlet.WriteVerboseLine($"Changed {type} {identity}: {plan.Summary()} (checked by reading it again).");
            return updated;
        }

        private static string Json(JsonObject source, string name)
        {
            foreach (var pair in source)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value?.ToJsonString() ?? "null";
                }
            }

            return "(absent)";
        }
    }
}
