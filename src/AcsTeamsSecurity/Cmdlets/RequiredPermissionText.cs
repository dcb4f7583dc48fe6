using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// The one source of permission text in messages: a cmdlet type's <see cref="RequiredPermissionAttribute"/>s for a
    /// service, as one phrase ("the Graph application permission X; or the delegated scope Y; and also ..."). The help's
    /// REQUIRED PERMISSIONS section is checked against the same attributes.
    /// </summary>
    internal static class RequiredPermissionText
    {
        private static readonly ConcurrentDictionary<(Type, AcsTeamsService), string?> Cache = new ConcurrentDictionary<(Type, AcsTeamsService), string?>();

        /// <summary>What <paramref name="command"/> declares on <paramref name="service"/>, or null when it declares nothing there.</summary>
        internal static string? For(Type command, AcsTeamsService service) =>
            Cache.GetOrAdd((command, service), key =>
            {
                var parts = key.Item1.GetCustomAttributes<RequiredPermissionAttribute>(false)
                    .Where(a => a.Service == key.Item2)
                    .Select(a => a.Describe())
                    .Where(text => text.Length > 0)
                    .ToList();
                return parts.Count == 0 ? null : string.Join(Strings.RequiredPermission_AndAlso, parts);
            });
    }
}
