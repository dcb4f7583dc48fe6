using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// How every policy and configuration change is made (Set-ExternalUserPolicy, Set-LobbyBypass -Identity,
    /// Set-AcsFederationConfiguration, Restore-ExternalUserConfiguration): read the instance, refuse if it differs from
    /// what the caller read (a piped object), compute the real changes, show before/after and confirm (-WhatIf stops
    /// here), then guard against lost updates on the client side, because the Teams admin API is not evidenced to
    /// offer optimistic concurrency: read the instance again right before the write and refuse
    /// (PolicyChangedConcurrently, nothing written) if anything differs from the state that was shown and confirmed.
    /// The write is a PUT of only the changed settings (If-Match only if the service handed out an ETag); then the
    /// instance is read once more and every written setting checked (ChangeNotApplied if one did not take).
    /// Contract: docs/CONTRACTS.md, Teams admin, PUT configuration.
    /// </summary>
    internal static class PolicyChange
    {
        internal static T? Apply<T>(
            AcsTeamsCmdlet cmdlet,
            TeamsAdminClient teams,
            string type,
            string identity,
            IReadOnlyDictionary<string, object?> desired,
            object? baseline,
            bool force,
            string appliesTo,
            Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<int?>>? countUsers = null,
            Action<T, Dictionary<string, object?>>? computeFromCurrent = null,
            IReadOnlyList<string>? notes = null)
            where T : class, new()
        {
            var (instance, _) = cmdlet.Run(ct => teams.GetAsync(type, identity, ct));
            var current = PolicyMapper.Read<T>(instance);
            if (computeFromCurrent is not null)
            {
                // Relative edits (add/remove list entries) are computed from this very read, which the guard below compares with the state just before the write.
                var merged = new Dictionary<string, object?>(desired.ToDictionary(p => p.Key, p => p.Value));
                computeFromCurrent(current, merged);
                desired = merged;
            }

            if (baseline is not null)
            {
                foreach (var property in typeof(T).GetProperties().Where(p => p.SetMethod is not null && p.Name != "Identity"))
                {
                    var then = PolicyMapper.Value(baseline, property.Name);
                    var now = property.GetValue(current);
                    if (!PolicyMapper.SameValue(then, now))
                    {
                        throw new AcsTeamsSecurityException(
                            ErrorIds.PolicyChangedConcurrently,
                            ErrorCategory.ResourceBusy,
                            $"{type} {identity} changed since you read it ({property.Name} was {PolicyMapper.Display(then)}, is now {PolicyMapper.Display(now)}). Nothing was written: read it again and repeat the change.")
                        {
                            Target = identity,
                        };
                    }
                }
            }

            var changes = new List<(string Setting, object? Before, object? After, ChangeDirection Direction)>();
            foreach (var pair in desired)
            {
                var before = PolicyMapper.Value(current, pair.Key);
                if (!PolicyMapper.SameValue(before, pair.Value))
                {
                    changes.Add((pair.Key, before, pair.Value, ChangeImpact.Classify(pair.Key, before, pair.Value)));
                }
            }

            if (changes.Count == 0)
            {
                cmdlet.NothingToChange($"{type} {identity} already has these settings");
                return current;
            }

            var loosening = changes.Where(c => c.Direction == ChangeDirection.Loosening).ToList();
            if (loosening.Count > 0 && countUsers is not null)
            {
                // Loosening changes say how many people they open the door for.
                var users = cmdlet.Run(countUsers);
                if (users is not null)
                {
                    appliesTo = $"{users} user(s): {appliesTo}";
                }
            }

            var text = new StringBuilder();
            text.Append(loosening.Count > 0 ? "LOOSEN " : "Change ").Append(type).Append(' ').Append(identity).Append(" (applies to ").Append(appliesTo).Append("):");
            foreach (var change in changes)
            {
                text.Append(System.Environment.NewLine).Append("  ").Append(change.Setting).Append(": ").Append(PolicyMapper.Display(change.Before)).Append(" -> ").Append(PolicyMapper.Display(change.After));
                if (change.Direction == ChangeDirection.Loosening)
                {
                    text.Append("  (loosens security)");
                }
            }

            foreach (var note in notes ?? Array.Empty<string>())
            {
                // What the caller's names and ARM ids resolved to, so the confirmation shows which resource each GUID is.
                text.Append(System.Environment.NewLine).Append("  ").Append(note);
            }

            if (!cmdlet.ShouldProcess(text.ToString(), text.ToString(), "Confirm"))
            {
                return null;
            }

            if (loosening.Count > 0 && !cmdlet.ConfirmLoosening($"{text}{System.Environment.NewLine}Continue?", force))
            {
                return null;
            }

            // Lost-update guard: what the service has now must still be what was shown and confirmed.
            var (again, etag) = cmdlet.Run(ct => teams.GetAsync(type, identity, ct));
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
            foreach (var change in changes)
            {
                body[change.Setting] = PolicyMapper.ToJson(change.After);
            }

            // The answer (an object, an array or nothing) is not trusted to show the result: the instance is read again.
            cmdlet.Run(ct => teams.PutAsync(type, identity, body, etag, ct));
            var (written, _) = cmdlet.Run(ct => teams.GetAsync(type, identity, ct));
            var updated = PolicyMapper.Read<T>(written);
            var missed = changes
                .Select(c => (c.Setting, Expected: c.After, Actual: PolicyMapper.Value(updated, c.Setting)))
                .Where(c => !PolicyMapper.SameValue(c.Expected, c.Actual))
                .ToList();
            if (missed.Count > 0)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.ChangeNotApplied,
                    ErrorCategory.InvalidResult,
                    $"The Teams admin service accepted the change of {type} {identity}, but reading it again shows {string.Join("; ", missed.Select(m => $"{m.Setting} is {PolicyMapper.Display(m.Actual)}, not {PolicyMapper.Display(m.Expected)}"))}. Check the instance with Get-ExternalUserPolicy or Get-AcsFederationConfiguration, then repeat the change; if it still does not take, the service may not support the setting for this instance.")
                {
                    Target = identity,
                    Service = nameof(AcsTeamsService.TeamsAdmin),
                };
            }

            cmdlet.WriteVerboseLine($"Changed {type} {identity}: {string.Join(", ", changes.Select(c => $"{c.Setting} {PolicyMapper.Display(c.Before)} -> {PolicyMapper.Display(c.After)}"))} (checked by reading it again).");
            return updated;
        }

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

        /// <summary>A counter of the users a policy instance applies to, for the confirmation text.</summary>
        internal static Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<int?>> UserCounter(Session.AcsTeamsSecurityContext context, string policyType, string identity)
        {
            var service = new TeamsPolicyService(context.Clients);
            return ct => service.CountUsersAsync(policyType, identity, ct);
        }

        internal static string AppliesTo(string identity) =>
            string.Equals(identity, "Global", StringComparison.OrdinalIgnoreCase)
                ? "every user without another assignment"
                : "the users it is assigned to, directly or through groups";
    }
}
