using System.Diagnostics;
using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>What a parser did with one input.</summary>
    internal enum FuzzOutcome
    {
        Accepted,
        Rejected,
    }

    /// <summary>One generated input: the strategy that made it, the text, and whatever the oracle needs (for example the key it holds).</summary>
    internal sealed record FuzzInput<T>(string Strategy, string? Text, T Context);

    /// <summary>A property did not hold; the message names the seed and iteration to replay.</summary>
    internal sealed class FuzzFailureException : Exception
    {
        public FuzzFailureException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }

    /// <summary>The loop every fuzz test shares: generate, check, time, count, and report.</summary>
    internal static class FuzzHarness
    {
        internal const int Inputs = 100_000;

        /// <summary>The fuzz tests run one at a time so their timings are not two tests sharing two cores.</summary>
        internal const string Collection = "Fuzz";

        /// <summary>
        /// Runs <paramref name="count"/> inputs. <paramref name="check"/> throws when a property does not hold; the
        /// failure names the parser, seed, iteration, strategy and input. Also fails when fewer than
        /// <paramref name="minAccepted"/> inputs were accepted, so a generator that only makes garbage cannot pass
        /// by never reaching the success path.
        /// </summary>
        internal static FuzzReport Run<T>(ITestOutputHelper? output, string parser, int seed, int count, Func<FuzzGen, FuzzInput<T>> generate, Func<FuzzInput<T>, FuzzOutcome> check, int minAccepted)
        {
            var strategies = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int accepted = 0, rejected = 0;
            long slowest = 0;
            string slowestWhat = string.Empty;
            var total = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var input = generate(new FuzzGen(seed, i));
                strategies[input.Strategy] = strategies.TryGetValue(input.Strategy, out var n) ? n + 1 : 1;
                var start = Stopwatch.GetTimestamp();
                FuzzOutcome outcome;
                try
                {
                    outcome = check(input);
                }
                catch (Exception ex)
                {
                    throw new FuzzFailureException(
                        $"{parser}: a property failed at seed {seed}, iteration {i} (replay: new FuzzGen({seed}, {i})), strategy '{input.Strategy}'. Input ({input.Text?.Length ?? 0} chars): {FuzzGen.Show(input.Text)}{Environment.NewLine}{ex.GetType().FullName}: {ex.Message}",
                        ex);
                }

                var elapsed = Stopwatch.GetTimestamp() - start;
                if (elapsed > slowest)
                {
                    slowest = elapsed;
                    slowestWhat = $"iteration {i}, {input.Strategy}, {input.Text?.Length ?? 0} chars";
                }

                if (outcome == FuzzOutcome.Accepted)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }

            total.Stop();
            var report = new FuzzReport(parser, count, accepted, rejected, slowest * 1000.0 / Stopwatch.Frequency, slowestWhat, total.Elapsed);
            output?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Fuzz {parser}: {count} inputs tried (seed {seed}); accepted {accepted}, rejected {rejected}; strategies {string.Join(", ", strategies.Select(p => $"{p.Key} {p.Value}"))}; slowest input {report.SlowestMilliseconds:F3} ms ({slowestWhat}); total {total.Elapsed.TotalSeconds:F2} s"));
            Assert.True(accepted >= minAccepted, $"{parser}: only {accepted} of {count} inputs were accepted (at least {minAccepted} expected): the generators no longer reach the success path.");
            return report;
        }

        /// <summary>Asserts <paramref name="ex"/> is the module's own error with <paramref name="errorId"/>; otherwise fails with the whole exception, stack included.</summary>
        internal static AcsTeamsSecurity.Errors.AcsTeamsSecurityException ExpectError(Exception ex, string errorId)
        {
            if (ex is not AcsTeamsSecurity.Errors.AcsTeamsSecurityException error)
            {
                throw new Xunit.Sdk.XunitException($"Expected AcsTeamsSecurityException {errorId}, got {ex}");
            }

            Assert.Equal(errorId, error.ErrorId);
            return error;
        }

        /// <summary>Fails with the whole exception, stack included, when <paramref name="action"/> throws.</summary>
        internal static void NoThrow(Action action)
        {
            if (Catch(action) is { } ex)
            {
                throw new Xunit.Sdk.XunitException($"Expected no exception, got {ex}");
            }
        }

        /// <summary>The exception <paramref name="action"/> throws, or null.</summary>
        internal static Exception? Catch(Action action)
        {
            try
            {
                action();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    internal sealed record FuzzReport(string Parser, int Count, int Accepted, int Rejected, double SlowestMilliseconds, string Slowest, TimeSpan Total);
}

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>Fuzz tests run alone (after the parallel tests), so their timings measure the parsers, not contention.</summary>
    [Xunit.CollectionDefinition(FuzzHarness.Collection, DisableParallelization = true)]
    public sealed class FuzzTestGroup
    {
    }
}
