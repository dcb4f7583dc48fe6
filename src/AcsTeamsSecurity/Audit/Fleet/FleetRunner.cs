using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Audit.Fleet
{
    /// <summary>
    /// Runs one piece of work per tenant, at most <c>throttle</c> at a time, and reports progress a person can read: how
    /// many tenants are done, how many failed, which are running, and an estimate of the time left. Each tenant's own
    /// messages are prefixed with its name; a tenant whose work throws becomes a failure result (the others carry on).
    /// </summary>
    internal static class FleetRunner
    {
        internal static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
            IReadOnlyList<TItem> items,
            int throttle,
            Func<TItem, string> nameOf,
            Func<TItem, CancellationToken, Task<TResult>> work,
            Func<TItem, Exception, TimeSpan, TResult> failed,
            Func<TResult, bool> isFailure,
            IOperationLog log,
            string activity,
            CancellationToken cancellationToken)
        {
            var results = new TResult[items.Count];
            var progress = new FleetProgress(items.Count, activity, log);
            using var gate = new SemaphoreSlim(Math.Max(1, throttle));
            var tasks = new List<Task>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var index = i;
                tasks.Add(Task.Run(
                    async () =>
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        var name = nameOf(items[index]);
                        var watch = Stopwatch.StartNew();
                        progress.Started(name);
                        try
                        {
                            using (OperationLog.Use(new TenantLog(log, name)))
                            {
                                results[index] = await work(items[index], cancellationToken).ConfigureAwait(false);
                            }
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception ex) when (!(ex is OutOfMemoryException))
                        {
                            results[index] = failed(items[index], ex, watch.Elapsed);
                        }
                        finally
                        {
                            gate.Release();
                        }

                        progress.Finished(name, isFailure(results[index]), watch.Elapsed);
                    },
                    cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            progress.Complete();
            return results;
        }

        /// <summary>Counts, the tenants in flight and the ETA, as one progress bar plus a verbose line per tenant.</summary>
        private sealed class FleetProgress
        {
            private readonly object _gate = new object();
            private readonly int _total;
            private readonly string _activity;
            private readonly IOperationLog _log;
            private readonly Stopwatch _watch = Stopwatch.StartNew();
            private readonly List<string> _running = new List<string>();
            private int _done;
            private int _failed;

            internal FleetProgress(int total, string activity, IOperationLog log)
            {
                _total = total;
                _activity = activity;
                _log = log;
            }

            internal void Started(string name)
            {
                lock (_gate)
                {
                    _running.Add(name);
                    Report();
                }
            }

            internal void Finished(string name, bool failed, TimeSpan took)
            {
                lock (_gate)
                {
                    _running.Remove(name);
                    _done++;
                    if (failed)
                    {
                        _failed++;
                    }

                    _log.Verbose(Strings.Format(Strings.Verbose_FleetTenantFinished, name, failed ? "FAILED" : "done", took.TotalSeconds, _done, _total));
                    Report();
                }
            }

            internal void Complete() => _log.Progress(_activity, Strings.Format(Strings.Progress_FleetTenantsDone, _total), 100);

            /// <summary>Text such as "12 of 50 tenant(s) done, 1 failed, about 00:01:10 left; running: a, b".</summary>
            internal static string Status(int done, int total, int failed, TimeSpan elapsed, List<string> running)
            {
                var text = string.Format(CultureInfo.InvariantCulture, "{0} of {1} tenant(s) done", done, total);
                if (failed > 0)
                {
                    text += string.Format(CultureInfo.InvariantCulture, ", {0} failed", failed);
                }

                if (done > 0 && done < total)
                {
                    var left = TimeSpan.FromTicks(elapsed.Ticks / done * (total - done));
                    text += ", about " + left.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) + " left";
                }

                if (running.Count > 0)
                {
                    text += "; running: " + string.Join(", ", running.Count > 4 ? running.GetRange(0, 4) : running) + (running.Count > 4 ? ", ..." : string.Empty);
                }

                return text;
            }

            private void Report() =>
                _log.Progress(_activity, Status(_done, _total, _failed, _watch.Elapsed, _running), _total == 0 ? 100 : Math.Min(99, _done * 100 / _total));
        }

        /// <summary>A tenant's own messages, prefixed with its name; its inner progress bars are dropped (the fleet has one).</summary>
        private sealed class TenantLog : IOperationLog
        {
            private readonly IOperationLog _inner;
            private readonly string _prefix;

            internal TenantLog(IOperationLog inner, string name)
            {
                _inner = inner;
                _prefix = "[" + name + "] ";
            }

            public void Verbose(string message) => _inner.Verbose(_prefix + message);

            public void Debug(string message) => _inner.Debug(_prefix + message);

            public void Warning(string message) => _inner.Warning(_prefix + message);

            public void Progress(string activity, string status, int percent)
            {
            }
        }
    }
}
