using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>
/// Runs numbered jobs on several threads and hands their results to one writer in job order, whatever order
/// they finish in. A job starts only while fewer than <c>window</c> jobs are started and not yet written, so
/// finished results wait in a bounded reorder buffer.
/// </summary>
/// <remarks>
/// <see cref="Parallel.ForEachAsync{TSource}(IAsyncEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// runs the jobs; a channel of window credits gates which job numbers it may take, and a channel of finished
/// results feeds the writer. When a job throws, ForEachAsync stops taking jobs, lets the running ones finish and
/// completes with the exception; the writer then writes every result before the failed job and rethrows it.
/// Nothing waits on a job that will never run, so a failure anywhere (also at the head of a full window) cannot hang.
/// </remarks>
internal static class OrderedParallel
{
    /// <summary>
    /// Runs <paramref name="job"/> for 0 .. <paramref name="count"/> - 1 and calls <paramref name="write"/> with
    /// each result in order. Cancelling <paramref name="stop"/> starts no more jobs; started ones finish and are written.
    /// </summary>
    /// <returns>How many results were written (a prefix of the jobs).</returns>
    /// <exception cref="Exception">The first exception a job threw, after the results before it are written.</exception>
    public static long Run<T>(long count, int workers, int window, Func<long, T> job, Action<long, T> write, CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return RunAsync(count, workers, window, job, write, stop).GetAwaiter().GetResult();
    }

    private static async Task<long> RunAsync<T>(long count, int workers, int window, Func<long, T> job, Action<long, T> write, CancellationToken stop)
    {
        var credits = Channel.CreateBounded<bool>(window);
        for (int i = 0; i < window; i++)
        {
            credits.Writer.TryWrite(true);
        }

        var finished = Channel.CreateUnbounded<(long Index, T Result)>(new UnboundedChannelOptions { SingleReader = true });
        using var abort = new CancellationTokenSource();
        var jobs = RunJobs();
        async Task RunJobs()
        {
            try
            {
                await Parallel.ForEachAsync(
                    Indexes(count, credits.Reader, stop),
                    new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = abort.Token },
                    (index, _) =>
                    {
                        finished.Writer.TryWrite((index, job(index)));
                        return ValueTask.CompletedTask;
                    }).ConfigureAwait(false);
            }
            finally
            {
                finished.Writer.TryComplete();
            }
        }

        long written = 0;
        try
        {
            var waiting = new Dictionary<long, T>();
            await foreach (var (index, result) in finished.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                waiting.Add(index, result);
                while (waiting.Remove(written, out var next))
                {
                    write(written, next);
                    written++;
                    credits.Writer.TryWrite(true);
                }
            }
        }
        catch
        {
            // The writer failed: take no more jobs, and return only once the running ones have ended.
            await abort.CancelAsync().ConfigureAwait(false);
            await jobs.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // A job's exception, if any, surfaces here, after every result before that job is written.
        await jobs.ConfigureAwait(false);
        return written;
    }

    /// <summary>0 .. count - 1, each once a window credit is free; ends early when stopped or when ForEachAsync gives up.</summary>
    private static async IAsyncEnumerable<long> Indexes(long count, ChannelReader<bool> credits, CancellationToken stop,
        [EnumeratorCancellation] CancellationToken cancelled = default)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, cancelled);
        for (long i = 0; i < count; i++)
        {
            if (!await TakeCredit(credits, either.Token).ConfigureAwait(false))
            {
                yield break;
            }

            yield return i;
        }
    }

    private static async Task<bool> TakeCredit(ChannelReader<bool> credits, CancellationToken token)
    {
        try
        {
            await credits.ReadAsync(token).ConfigureAwait(false);
            return !token.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
