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

        internal static void SetCurrent(AcsTeamsSecurityContext? context)
        {
            Volatile.Write(ref _failedSignIn, null);
            Volatile.Write(ref _current, context);
        }

        private static string? _failedSignIn;

        /// <summary>
        /// When the last Connect-AcsTeamsSecurity failed: the tenant it tried (null after a successful one or a Disconnect).
        /// </summary>
        internal static string? FailedSignIn => Volatile.Read(ref _failedSignIn);

        /// <summary>
        /// A Connect failed: no context is current any more, so later cmdlets cannot carry on against the previous
        /// tenant. The previous context stays usable with -Context.
        /// </summary>
        internal static AcsTeamsSecurityContext? ClearAfterFailedSignIn(string tenant)
        {
            var previous = Interlocked.Exchange(ref _current, null);
            Volatile.Write(ref _failedSignIn, tenant);
            return previous;
        }

        /// <summary>Clears the current context only if it is <paramref name="context"/>.</summary>
        internal static void ClearIfCurrent(AcsTeamsSecurityContext context) => Interlocked.CompareExchange(ref _current, null, context);
    }
}
