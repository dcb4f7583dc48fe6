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
using AcsTeamsSecurity.Policy;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// How every policy and configuration change is made: re-read the instance, refuse if it differs from what
    /// the caller read, compute the real changes, show before/after, confirm loosening changes, then write only
    /// what changes, guarded by the instance's version. -WhatIf stops before the write.
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
            Action<T, Dictionary<string, object?>>? computeFromCurrent = null)
            where T : class, new()
        {
            var (instance, etag) = cmdlet.Run(ct => teams.GetAsync(type, identity, ct));
            var current = PolicyMapper.Read<T>(instance);
            if (computeFromCurrent is not null)
            {
                // Relative edits (add/remove list entries) are computed from this very read, whose version guards the write.
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

            if (!cmdlet.ShouldProcess(text.ToString(), text.ToString(), "Confirm"))
            {
                return null;
            }

            if (loosening.Count > 0 && !cmdlet.ConfirmLoosening($"{text}{System.Environment.NewLine}Continue?", force))
            {
                return null;
            }

            var patch = new JsonObject();
            foreach (var change in changes)
            {
                patch[change.Setting] = PolicyMapper.ToJson(change.After);
            }

            var updated = cmdlet.Run(ct => teams.PatchAsync(type, identity, patch, etag, ct));
            cmdlet.WriteVerboseLine($"Changed {type} {identity}: {string.Join(", ", changes.Select(c => $"{c.Setting} {PolicyMapper.Display(c.Before)} -> {PolicyMapper.Display(c.After)}"))}.");
            return PolicyMapper.Read<T>(updated);
        }

        /// <summary>A counter of the users a policy instance applies to, for the confirmation text.</summary>
        internal static Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<int?>> UserCounter(Session.AcsTeamsSecurityContext context, string policyType, string identity)
        {
            var service = new TeamsPolicyService(context);
            return ct => service.CountUsersAsync(policyType, identity, ct);
        }

        internal static string AppliesTo(string identity) =>
            string.Equals(identity, "Global", StringComparison.OrdinalIgnoreCase)
                ? "every user without another assignment"
                : "the users it is assigned to, directly or through groups";
    }
}
