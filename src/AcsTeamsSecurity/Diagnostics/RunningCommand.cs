using System;
using System.Threading;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Diagnostics
{
    /// <summary>
    /// What the clients may know about the cmdlet the current async flow works for: the permissions it declares with
    /// <c>[RequiredPermission]</c>, as the sentence a 403 message names. The cmdlet base class sets it around the work
    /// it runs; lower layers only read it (they cannot see the cmdlet types), and get null outside a cmdlet.
    /// </summary>
    internal static class RunningCommand
    {
        private static readonly AsyncLocal<Func<AcsTeamsService, string?>?> Describe = new AsyncLocal<Func<AcsTeamsService, string?>?>();

        /// <summary>What the running cmdlet needs on <paramref name="service"/> ("the Graph application permission X or Y; or ..."), or null.</summary>
        internal static string? PermissionsFor(AcsTeamsService service) => Describe.Value?.Invoke(service);

        /// <summary>Makes <paramref name="describe"/> the running cmdlet's permission text for the calling async flow until disposed.</summary>
        internal static IDisposable Use(Func<AcsTeamsService, string?> describe)
        {
            var previous = Describe.Value;
            Describe.Value = describe;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly Func<AcsTeamsService, string?>? _previous;

            internal Restore(Func<AcsTeamsService, string?>? previous) => _previous = previous;

            public void Dispose() => Describe.Value = _previous;
        }
    }
}
