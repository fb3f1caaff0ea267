using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace PatrolSim.Cli;

/// <summary>
/// Progress of long work: a Spectre progress bar (done, rate, ETA) on a terminal; when output is
/// redirected, a plain line on standard error at most every few seconds, so logs stay readable.
/// </summary>
internal static class Progress
{
    public static T Run<T>(CliContext ctx, string what, int total, Func<IProgress<int>, T> work)
    {
        if (ctx.Interactive)
        {
            T result = default!;
            ctx.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountAndRateColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(p =>
                {
                    var task = p.AddTask(what, maxValue: total);
                    result = work(new Reporter(done => task.Value = done));
                });
            return result;
        }

        var lines = new PlainLines(ctx.Error, what, total);
        var value = work(new Reporter(lines.Report));
        lines.Finish();
        return value;
    }

    /// <summary>"done/total, rate/s": how many jobs are finished and how fast they go.</summary>
    private sealed class CountAndRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            ArgumentNullException.ThrowIfNull(task);
            string rate = task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $", {speed:F1}/s") : "";
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0}{rate}"));
        }
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        private int _max;

        public void Report(int value)
        {
            // Reports arrive from several threads, possibly out of order: keep the largest.
            int seen;
            do
            {
                seen = Volatile.Read(ref _max);
                if (value <= seen)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _max, value, seen) != seen);
            report(value);
        }
    }

    /// <summary>Plain progress lines for logs: the first once a second has passed, then at most one every five seconds.</summary>
    internal sealed class PlainLines(TextWriter error, string what, int total)
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _lock = new();
        private TimeSpan _last = First - Every;
        private int _done;
        private bool _printed;

        public void Report(int done)
        {
            lock (_lock)
            {
                _done = done;
                if (_clock.Elapsed - _last < Every)
                {
                    return;
                }

                _last = _clock.Elapsed;
                _printed = true;
                error.WriteLine(Line(done));
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_printed)
                {
                    error.WriteLine(Line(_done));
                }
            }
        }

        private string Line(int done)
        {
            double secs = _clock.Elapsed.TotalSeconds;
            double rate = secs > 0 ? done / secs : 0;
            string eta = rate > 0 && done < total ? FormattableString.Invariant($", ETA {TimeSpan.FromSeconds((total - done) / rate):hh\\:mm\\:ss}") : "";
            return string.Create(CultureInfo.InvariantCulture, $"{what}: {done}/{total} ({100.0 * done / total:F0}%), {rate:F1}/s{eta}");
        }
    }
}
