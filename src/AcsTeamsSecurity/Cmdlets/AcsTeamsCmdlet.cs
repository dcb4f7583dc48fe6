using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet in the module. It owns the invocation's cancellation (Ctrl+C cancels network
    /// calls), the bridge from async work to the pipeline thread (Verbose/Debug/Warning raised on any
    /// thread are queued and written on the pipeline thread), and the error helpers that turn
    /// <see cref="AcsTeamsSecurityException"/> into error records with stable ids.
    /// </summary>
    public abstract class AcsTeamsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<(char Kind, string Text)> _messages = new ConcurrentQueue<(char Kind, string Text)>();
        private readonly AutoResetEvent _messageArrived = new AutoResetEvent(false);
        private bool _disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <inheritdoc />
        protected sealed override void BeginProcessing() => Guard(BeginProcessingCore);

        /// <inheritdoc />
        protected sealed override void ProcessRecord() => Guard(ProcessRecordCore);

        /// <inheritdoc />
        protected sealed override void EndProcessing() => Guard(EndProcessingCore);

        /// <summary>Override instead of BeginProcessing.</summary>
        protected virtual void BeginProcessingCore()
        {
        }

        /// <summary>Override instead of ProcessRecord.</summary>
        protected virtual void ProcessRecordCore()
        {
        }

        /// <summary>Override instead of EndProcessing.</summary>
        protected virtual void EndProcessingCore()
        {
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            if (!_disposed)
            {
                _stopping.Cancel();
                _messageArrived.Set();
            }
        }

        /// <summary>Releases the invocation's cancellation source.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases resources.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _stopping.Dispose();
                _messageArrived.Dispose();
            }

            _disposed = true;
        }

        /// <summary>
        /// Runs async work on the thread pool and waits for it on the pipeline thread, writing the
        /// messages it logs as they arrive. Stopping the pipeline cancels the work.
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> operation)
        {
            var log = new QueuedLog(this);
            var token = _stopping.Token;
            var task = Task.Run(
                async () =>
                {
                    using (OperationLog.Use(log))
                    {
                        return await operation(token).ConfigureAwait(false);
                    }
                },
                token);

            var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _messageArrived };
            while (!task.IsCompleted)
            {
                WaitHandle.WaitAny(handles);
                FlushMessages();
                if (token.IsCancellationRequested && !task.IsCompleted)
                {
                    // The work observes the token; give it a moment to unwind, then stop regardless.
                    task.Wait(TimeSpan.FromSeconds(2));
                    break;
                }
            }

            FlushMessages();
            if (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            return task.GetAwaiter().GetResult();
        }

        /// <summary>Runs async work that returns nothing.</summary>
        internal void Run(Func<CancellationToken, Task> operation) =>
            Run<bool>(async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// Writes a verbose line. PowerShell 7 makes a compiled cmdlet's verbose stream Inquire when only
        /// -Debug is given, which prompts on every line (and fails in non-interactive hosts such as
        /// runbooks); with -Debug the line goes to the debug stream instead, which -Debug shows anyway.
        /// </summary>
        protected new void WriteVerbose(string text)
        {
            if (DebugRequested)
            {
                base.WriteDebug(text);
            }
            else
            {
                base.WriteVerbose(text);
            }
        }

        /// <summary>
        /// Writes a warning. Under -Debug (without -WarningAction) PowerShell would make it Inquire too, so it
        /// goes to the debug stream, which -Debug shows; device-code instructions therefore stay visible.
        /// </summary>
        protected new void WriteWarning(string text)
        {
            if (DebugRequested && !MyInvocation.BoundParameters.ContainsKey("WarningAction"))
            {
                base.WriteDebug("WARNING: " + text);
            }
            else
            {
                base.WriteWarning(text);
            }
        }

        private bool DebugRequested =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var value) && value is SwitchParameter debug && debug.IsPresent;

        /// <summary>Writes a non-terminating error for one failed input.</summary>
        internal void WriteFailure(AcsTeamsSecurityException exception, object? target = null) =>
            WriteError(ErrorRecordFactory.Create(exception, target));

        /// <summary>Stops the cmdlet with a terminating error (nothing else in this call can succeed).</summary>
        internal void ThrowFailure(AcsTeamsSecurityException exception, object? target = null) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, target));

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (AcsTeamsSecurityException ex)
            {
                FlushMessages();
                WriteFailure(ex);
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is ParameterBindingException) && !(ex is PSInvalidOperationException) && !(ex is RuntimeException))
            {
                FlushMessages();
                WriteDebug(Redactor.Redact(ex.ToString()));
                WriteError(ErrorRecordFactory.Unexpected(ex, MyInvocation.MyCommand.Name));
            }
        }

        private void FlushMessages()
        {
            while (_messages.TryDequeue(out var message))
            {
                switch (message.Kind)
                {
                    case 'V':
                        WriteVerbose(message.Text);
                        break;
                    case 'D':
                        WriteDebug(message.Text);
                        break;
                    default:
                        WriteWarning(message.Text);
                        break;
                }
            }
        }

        private sealed class QueuedLog : IOperationLog
        {
            private readonly AcsTeamsCmdlet _owner;

            internal QueuedLog(AcsTeamsCmdlet owner) => _owner = owner;

            public void Verbose(string message) => Enqueue('V', message);

            public void Debug(string message) => Enqueue('D', message);

            public void Warning(string message) => Enqueue('W', message);

            private void Enqueue(char kind, string message)
            {
                if (_owner._disposed)
                {
                    return;
                }

                _owner._messages.Enqueue((kind, Redactor.Redact(message)));
                try
                {
                    _owner._messageArrived.Set();
                }
                catch (ObjectDisposedException)
                {
                    // The cmdlet finished while background work was still logging.
                }
            }
        }
    }
}
