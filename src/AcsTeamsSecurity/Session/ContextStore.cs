using System.Threading;

namespace AcsTeamsSecurity.Session
{
    /// <summary>
    /// The session's current context. It is process-wide on purpose: runspaces created by
    /// ForEach-Object -Parallel or runbook jobs in the same process see the connection made once.
    /// Scripts that drive several tenants pass -Context explicitly.
    /// </summary>
    internal static class ContextStore
    {
        private static AcsTeamsSecurityContext? _current;

        internal static AcsTeamsSecurityContext? Current => Volatile.Read(ref _current);

        internal static void SetCurrent(AcsTeamsSecurityContext? context) => Volatile.Write(ref _current, context);

        /// <summary>Clears the current context only if it is <paramref name="context"/>.</summary>
        internal static void ClearIfCurrent(AcsTeamsSecurityContext context) => Interlocked.CompareExchange(ref _current, null, context);
    }
}
