using System;
using System.Threading;

namespace AcsTeamsSecurity.Diagnostics
{
    /// <summary>
    /// Where background work reports progress. The cmdlet base class implements it with a queue that
    /// is flushed on the pipeline thread, because PowerShell's Write* methods may only be called there.
    /// </summary>
    internal interface IOperationLog
    {
        /// <summary>One line per business step (-Verbose).</summary>
        void Verbose(string message);

        /// <summary>Wire-level detail (-Debug): method, URL, status, duration, request id. Never a secret.</summary>
        void Debug(string message);

        /// <summary>Something the user must see (device-code instructions, a token that cannot be refreshed).</summary>
        void Warning(string message);

        /// <summary>Progress of a bulk operation; <paramref name="percent"/> of -1 means unknown, 100 completes the bar.</summary>
        void Progress(string activity, string status, int percent);
    }

    /// <summary>The log of the cmdlet invocation the current async flow belongs to.</summary>
    internal static class OperationLog
    {
        private static readonly AsyncLocal<IOperationLog?> CurrentLog = new AsyncLocal<IOperationLog?>();
        private static readonly AsyncLocal<string?> CurrentCommand = new AsyncLocal<string?>();

        /// <summary>The current log, or a sink that drops everything.</summary>
        internal static IOperationLog Current => CurrentLog.Value ?? NullLog.Instance;

        /// <summary>The name of the cmdlet the current async flow works for (sent to the Teams admin API as X-MS-CmdletName), or null.</summary>
        internal static string? CommandName => CurrentCommand.Value;

        /// <summary>Makes <paramref name="log"/> (and the cmdlet name, if given) current for the calling async flow until disposed.</summary>
        internal static IDisposable Use(IOperationLog log, string? commandName = null)
        {
            var previous = CurrentLog.Value;
            var previousCommand = CurrentCommand.Value;
            CurrentLog.Value = log;
            CurrentCommand.Value = commandName ?? previousCommand;
            return new Restore(previous, previousCommand);
        }

        private sealed class Restore : IDisposable
        {
            private readonly IOperationLog? _previous;
            private readonly string? _previousCommand;

            internal Restore(IOperationLog? previous, string? previousCommand)
            {
                _previous = previous;
                _previousCommand = previousCommand;
            }

            public void Dispose()
            {
                CurrentLog.Value = _previous;
                CurrentCommand.Value = _previousCommand;
            }
        }

        private sealed class NullLog : IOperationLog
        {
            internal static readonly NullLog Instance = new NullLog();

            public void Verbose(string message)
            {
            }

            public void Debug(string message)
            {
            }

            public void Warning(string message)
            {
            }

            public void Progress(string activity, string status, int percent)
            {
            }
        }
    }
}
