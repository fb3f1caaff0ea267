using System.Collections.Concurrent;
using System.Globalization;

namespace PatrolSim.Web;

/// <summary>
/// At most <see cref="WebLimits.MaxConcurrentSimulations"/> simulations at once: a request that finds every slot taken is
/// refused at once (429) rather than queued, so a class sees "busy" instead of a page that hangs. The admitted simulations
/// run on the gate's own threads (<see cref="RunAsync{T}"/>), never on the thread pool's: the pool's threads serve the
/// requests, so a refusal never waits for a simulation to finish.
/// </summary>
/// <remarks>
/// Why threads of its own: a simulation holds its threads for seconds (the replications of <c>Parallel.For</c>). On the
/// thread pool, two such simulations took every thread the pool had at start (its minimum is one per core), and the pool
/// adds threads only about twice a second, so in a first burst of heavy runs the refusals waited 2-3 s for a thread to
/// answer on (issue 24: 9 of 28 refusals after 2.8-3.0 s; 28 of 28 after 2.0-2.5 s on the 2-core build machine).
/// </remarks>
public sealed class SimulationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly SimulationThreads _threads;

    /// <summary>Creates a gate with <paramref name="slots"/> slots, each simulation using up to <paramref name="parallelism"/> threads.</summary>
    public SimulationGate(int slots, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _slots = new SemaphoreSlim(slots, slots);
        Slots = slots;
        Parallelism = parallelism;
        _threads = new SimulationThreads(slots * parallelism);
    }

    /// <summary>Number of slots.</summary>
    public int Slots { get; }

    /// <summary>Threads one simulation may use (its replications' parallelism).</summary>
    public int Parallelism { get; }

    /// <summary>Takes a slot if one is free (dispose the result to give it back); null when all are taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    /// <summary>
    /// Runs <paramref name="work"/> on the gate's threads (take a slot first). Work started there that runs in parallel on
    /// <see cref="TaskScheduler.Current"/> (as <c>ReplicationRunner</c> does) stays on them.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, _threads);

    /// <inheritdoc/>
    public void Dispose()
    {
        _threads.Dispose();
        _slots.Dispose();
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    /// <summary>
    /// A task scheduler over a fixed set of threads of its own. Hand-written: the BCL's schedulers and
    /// <c>ConcurrentExclusiveSchedulerPair</c> all run on the thread pool, which is what the gate must keep free, and no
    /// package in the feed offers one. A task waited for on one of these threads may run inline there (a parallel loop's
    /// first part does), so a simulation never waits for a thread held by another.
    /// </summary>
    private sealed class SimulationThreads : TaskScheduler, IDisposable
    {
        [ThreadStatic]
        private static SimulationThreads? t_owner;

        private readonly BlockingCollection<Task> _queue = [];
        private readonly int _count;

        public SimulationThreads(int count)
        {
            _count = count;
            for (int i = 0; i < count; i++)
            {
                new Thread(Work) { IsBackground = true, Name = "PatrolSim simulation " + (i + 1).ToString(CultureInfo.InvariantCulture) }.Start();
            }
        }

        public override int MaximumConcurrencyLevel => _count;

        /// <summary>No new work; each thread ends once the queue is empty (the collection stays for threads still reading it).</summary>
        public void Dispose() => _queue.CompleteAdding();

        protected override void QueueTask(Task task) => _queue.Add(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => t_owner == this && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

        private void Work()
        {
            t_owner = this;
            foreach (var task in _queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
    }
}
