using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Experiments;

/// <summary>
/// Runs replications of a scenario on several threads (of <see cref="TaskScheduler.Current"/>). Replication r always uses
/// the stream derived from (seed, r), and results are stored by index, so the output is identical for any degree of
/// parallelism.
/// </summary>
public static class ReplicationRunner
{
    /// <summary>Runs <paramref name="replications"/> replications and summarises them.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="replications">How many (at least 1).</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="parallelism">Threads to use (at least 1).</param>
    /// <param name="progress">Receives the number of replications finished so far.</param>
    /// <param name="options">Simulation options.</param>
    /// <param name="cancellationToken">Stops scheduling new replications.</param>
    /// <param name="firstReplication">Index of the first replication (0 unless the replications must be fresh ones, e.g. a confirmation's).</param>
    /// <exception cref="ExperimentException">A replication reached the simulation's hard stop on calls (<see cref="SimulationOptions.MaxCallsPerReplication"/>).</exception>
    public static RunSummary Run(Scenario scenario, int replications, ulong seed, int parallelism,
        IProgress<int>? progress = null, SimulationOptions? options = null, CancellationToken cancellationToken = default, int firstReplication = 0) =>
        RunSummary.From(scenario, seed, Replicate(scenario, firstReplication, replications, seed, parallelism, progress, options, cancellationToken));

    /// <summary>Runs replications <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of the master seed, in index order.</summary>
    /// <exception cref="ExperimentException">A replication reached the simulation's hard stop on calls (<see cref="SimulationOptions.MaxCallsPerReplication"/>).</exception>
    public static ReplicationResult[] Replicate(Scenario scenario, int first, int count, ulong seed, int parallelism,
        IProgress<int>? progress = null, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var sim = new PatrolSimulation(scenario, options);
        var results = new ReplicationResult[count];
        int done = 0;
        // On the caller's scheduler (the thread pool, unless the caller runs on a scheduler of its own, as the web server
        // does so that its simulations never hold the threads its requests are answered on).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current };
        try
        {
            Parallel.For(0, count, parallel, r =>
            {
                results[r] = sim.Run(seed, first + r);
                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<CallLimitExceededException>().FirstOrDefault() is { } limit)
        {
            // The simulation's hard stop: the scenario is too big for memory, an input problem.
            throw new ExperimentException(limit.Message, limit);
        }

        return results;
    }
}
