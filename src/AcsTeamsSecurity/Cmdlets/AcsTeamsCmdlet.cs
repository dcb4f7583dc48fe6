using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet in the module. It owns the invocation's cancellation (Ctrl+C cancels network
    /// calls), the bridge from async work to the pipeline thread (messages, progress, results and per-item
    /// errors raised on any thread are queued and written on the pipeline thread, the only thread PowerShell
    /// allows), and the error helpers that turn <see cref="AcsTeamsSecurityException"/> into error records
    /// with stable ids.
    /// </summary>
    public abstract class AcsTeamsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<(Kind Kind, object Payload)> _pending = new ConcurrentQueue<(Kind Kind, object Payload)>();
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);
        private readonly System.Collections.Generic.List<object> _unwritten = new System.Collections.Generic.List<object>();
        private bool _disposed;
        private bool _finishOnStop;
        private int _written;

        private enum Kind
        {
            Verbose,
            Debug,
            Warning,
            Progress,
            Output,
            Error,
        }

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
                _arrived.Set();
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
                _arrived.Dispose();
            }

            _disposed = true;
        }

        /// <summary>
        /// Runs async work on the thread pool and waits for it on the pipeline thread, writing what it logs,
        /// emits and fails as it happens. Stopping the pipeline cancels the work.
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> operation) => RunCore(new Sink(this), operation);

        /// <summary>Runs async work that returns nothing.</summary>
        internal void Run(Func<CancellationToken, Task> operation) =>
            Run<bool>(async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// Runs bulk work that emits results and per-item errors from any thread through <see cref="IPipelineSink"/>;
        /// they reach the pipeline as they happen, so one failed item never hides the others.
        /// </summary>
        internal void RunStreaming(Func<IPipelineSink, CancellationToken, Task> operation) => RunStreaming(operation, finishOnStop: false);

        /// <summary>
        /// As <see cref="RunStreaming(Func{IPipelineSink, CancellationToken, Task})"/>; with <paramref name="finishOnStop"/>,
        /// a stop (Ctrl+C) waits for the work to end (it must end promptly once the token is cancelled, for example by
        /// finishing the requests already sent) so that nothing it created goes unaccounted for. Results that arrive
        /// once the pipeline is stopping cannot be written: <see cref="TakeUnwritten"/> returns them.
        /// </summary>
        internal void RunStreaming(Func<IPipelineSink, CancellationToken, Task> operation, bool finishOnStop)
        {
            var sink = new Sink(this);
            _finishOnStop = finishOnStop;
            try
            {
                RunCore<bool>(sink, async ct =>
                {
                    await operation(sink, ct).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                _finishOnStop = false;
            }
        }

        /// <summary>How many results this invocation has written to the pipeline.</summary>
        internal int WrittenCount => _written;

        /// <summary>The results that arrived after the pipeline began to stop, so could not be written.</summary>
        internal System.Collections.Generic.List<object> TakeUnwritten()
        {
            var taken = new System.Collections.Generic.List<object>(_unwritten);
            _unwritten.Clear();
            return taken;
        }

        /// <summary>
        /// A line for the user when the pipeline is stopping and the streams are closed: straight to the host.
        /// </summary>
        internal void TellHostWhileStopping(string text)
        {
            try
            {
                Host?.UI?.WriteWarningLine(Redactor.Redact(text));
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A host without a user interface (a bare runspace): nothing to tell.
            }
        }

        /// <summary>Writes a non-terminating error for one failed input.</summary>
        internal void WriteFailure(AcsTeamsSecurityException exception, object? target = null) =>
            WriteError(ErrorRecordFactory.Create(exception, target));

        /// <summary>Stops the cmdlet with a terminating error (nothing else in this call can succeed).</summary>
        internal void ThrowFailure(AcsTeamsSecurityException exception, object? target = null) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, target));

        /// <summary>
        /// ShouldProcess that honours -Force: -Force skips the confirmation prompt, never -WhatIf, and an
        /// explicit -Confirm still prompts.
        /// </summary>
        internal bool ShouldProcessOrForce(string target, string action, bool force)
        {
            // $WhatIfPreference counts as -WhatIf: -Force must never turn a what-if run into a write.
            var confirm = MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (force && !WhatIfRequested && !confirm)
            {
                return true;
            }

            return ShouldProcess(target, action);
        }

        /// <summary>
        /// The extra confirmation for changes that loosen security (the cmdlet's declared impact covers the rest):
        /// -Force or an explicit -Confirm (true or false) settles it; otherwise the user is asked, and a
        /// non-interactive session gets ConfirmationRequired instead of a silent loosening.
        /// </summary>
        internal bool ConfirmLoosening(string query, bool force)
        {
            if (force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true;
            }

            try
            {
                // Asked with No as the default: pressing Enter must not loosen security.
                var ui = Host?.UI ?? throw new PSInvalidOperationException("No host user interface to ask for confirmation.");
                var choices = new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.ChoiceDescription>
                {
                    new System.Management.Automation.Host.ChoiceDescription("&Yes", "Make this change, which loosens security."),
                    new System.Management.Automation.Host.ChoiceDescription("&No", "Change nothing (the default)."),
                };
                return ui.PromptForChoice("This change loosens security for Teams external users", query, choices, 1) == 0;
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException)
            {
                throw ErrorFactory.ConfirmationRequired(ex, Strings.ConfirmationRequired_ThisChangeLoosensSecurity);
            }
        }

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

        /// <summary>
        /// A one-line summary for the person at the console: an information record tagged PSHOST, shown like
        /// Write-Host (hidden with -InformationAction Ignore, captured with 6>).
        /// </summary>
        internal void Say(string text) =>
            WriteInformation(new HostInformationMessage { Message = text }, HostTags);

        private static readonly string[] HostTags = { "PSHOST" };

        /// <summary>True when -WhatIf was given (or $WhatIfPreference is set).</summary>
        internal bool WhatIfRequested
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s)
                {
                    return s.IsPresent;
                }

                return SessionState?.PSVariable.GetValue("WhatIfPreference") is { } preference && LanguagePrimitives.IsTrue(preference);
            }
        }

        /// <summary>How many changes this invocation found already in place.</summary>
        internal int UnchangedCount { get; private set; }

        /// <summary>
        /// A change that finds everything already as asked: -WhatIf says so (rather than printing nothing),
        /// otherwise a verbose line.
        /// </summary>
        internal void NothingToChange(string what)
        {
            UnchangedCount++;
            if (WhatIfRequested)
            {
                Say(Strings.Format(Strings.Say_WhatIfNothingTo, what));
            }
            else
            {
                WriteVerbose(Strings.Format(Strings.Verbose_NothingToChange, what));
            }
        }

        /// <summary>WriteVerbose for helpers outside the class hierarchy (same -Debug handling).</summary>
        internal void WriteVerboseLine(string text) => WriteVerbose(text);

        private bool DebugRequested =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var value) && value is SwitchParameter debug && debug.IsPresent;

        private T RunCore<T>(Sink sink, Func<CancellationToken, Task<T>> operation)
        {
            var token = _stopping.Token;
            var commandName = MyInvocation.MyCommand?.Name;
            var commandType = GetType();
            var task = Task.Run(
                async () =>
                {
                    using (OperationLog.Use(sink, commandName))
                    using (RunningCommand.Use(service => RequiredPermissionText.For(commandType, service)))
                    {
                        return await operation(token).ConfigureAwait(false);
                    }
                },
                token);

            var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _arrived };
            PipelineStoppedException? stopped = null;
            while (!task.IsCompleted)
            {
                WaitHandle.WaitAny(handles);
                try
                {
                    Flush();
                }
                catch (PipelineStoppedException ex)
                {
                    // Stopped from downstream (Select-Object -First) or by Ctrl+C before StopProcessing ran:
                    // the work must stop too, not carry on unseen.
                    stopped = ex;
                    CancelWork();
                }

                if (token.IsCancellationRequested && !task.IsCompleted && _finishOnStop)
                {
                    // Bulk work that must account for what it created: let it finish the requests already sent.
                    while (!task.IsCompleted)
                    {
                        WaitHandle.WaitAny(handles);
                        Flush();
                    }

                    break;
                }

                if (token.IsCancellationRequested && !task.IsCompleted)
                {
                    // The work observes the token; give it a moment to unwind, then stop regardless.
                    task.Wait(TimeSpan.FromSeconds(2));
                    break;
                }
            }

            try
            {
                Flush();
            }
            catch (PipelineStoppedException ex)
            {
                stopped ??= ex;
                CancelWork();
                Flush();
            }

            if (stopped is not null)
            {
                throw stopped;
            }

            if (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            return task.GetAwaiter().GetResult();
        }

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (AcsTeamsSecurityException ex)
            {
                Flush();
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
                Flush();
                base.WriteDebug(Redactor.Redact(ex.ToString()));
                WriteError(ErrorRecordFactory.Unexpected(ex, MyInvocation.MyCommand.Name));
            }
        }

        private void CancelWork()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void Flush()
        {
            while (_pending.TryDequeue(out var item))
            {
                if (_stopping.IsCancellationRequested && item.Kind != Kind.Output)
                {
                    // The pipeline is stopping and refuses every write; results are kept below, the rest is dropped.
                    continue;
                }

                switch (item.Kind)
                {
                    case Kind.Verbose:
                        WriteVerbose((string)item.Payload);
                        break;
                    case Kind.Debug:
                        base.WriteDebug((string)item.Payload);
                        break;
                    case Kind.Warning:
                        WriteWarning((string)item.Payload);
                        break;
                    case Kind.Progress:
                        WriteProgress((ProgressRecord)item.Payload);
                        break;
                    case Kind.Output:
                        if (_stopping.IsCancellationRequested || Stopping)
                        {
                            // The pipeline is stopping: PowerShell refuses every write now. Kept for TakeUnwritten.
                            _unwritten.Add(item.Payload);
                            break;
                        }

                        try
                        {
                            WriteObject(item.Payload);
                            _written++;
                        }
                        catch (PipelineStoppedException)
                        {
                            // The stop came while a later command was processing this result: it was delivered
                            // (for example into -OutVariable), so it counts as written, never as lost.
                            _written++;
                            throw;
                        }

                        break;
                    case Kind.Error:
                        WriteFailure((AcsTeamsSecurityException)item.Payload);
                        break;
                }
            }
        }

        /// <summary>Receives what background work produces, from any thread.</summary>
        internal interface IPipelineSink : IOperationLog
        {
            /// <summary>Queues a result for the output stream.</summary>
            void Output(object value);

            /// <summary>Queues a non-terminating error for one failed item.</summary>
            void Error(AcsTeamsSecurityException error);
        }

        private sealed class Sink : IPipelineSink
        {
            private readonly AcsTeamsCmdlet _owner;
            private readonly int _progressId = 1;

            internal Sink(AcsTeamsCmdlet owner) => _owner = owner;

            public void Verbose(string message) => Enqueue(Kind.Verbose, Redactor.Redact(message));

            public void Debug(string message) => Enqueue(Kind.Debug, Redactor.Redact(message));

            public void Warning(string message) => Enqueue(Kind.Warning, Redactor.Redact(message));

            public void Progress(string activity, string status, int percent)
            {
                var record = new ProgressRecord(_progressId, activity, status)
                {
                    PercentComplete = Math.Min(100, percent),
                    RecordType = percent >= 100 ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                };
                Enqueue(Kind.Progress, record);
            }

            public void Output(object value) => Enqueue(Kind.Output, value);

            public void Error(AcsTeamsSecurityException error) => Enqueue(Kind.Error, error);

            private void Enqueue(Kind kind, object payload)
            {
                if (_owner._disposed)
                {
                    return;
                }

                _owner._pending.Enqueue((kind, payload));
                try
                {
                    _owner._arrived.Set();
                }
                catch (ObjectDisposedException)
                {
                    // The cmdlet finished while background work was still reporting.
                }
            }
        }
    }
}
