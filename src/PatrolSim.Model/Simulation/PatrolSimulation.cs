using PatrolSim.Engine.Random;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>Options of a simulation beyond the scenario.</summary>
/// <param name="TrackUnitStates">
/// Record the time spent in each busy-set of unit numbers (for the hypercube comparison); only for
/// scenarios with at most 16 units on duty.
/// </param>
/// <param name="MaxCallsPerReplication">
/// The hard stop: a replication that generates more calls throws <see cref="CallLimitExceededException"/> instead of
/// growing without bound. A scenario is refused before it runs when it expects more than
/// <see cref="ScenarioRules.MaxCallsPerReplication"/> (5 million); the default stop is 6 million, beyond any chance
/// variation of an accepted scenario (a Poisson count of 5 million has a standard deviation of about 2,240).
/// </param>
public sealed record SimulationOptions(bool TrackUnitStates = false, long MaxCallsPerReplication = SimulationOptions.DefaultMaxCallsPerReplication)
{
    /// <summary>1.2 × <see cref="ScenarioRules.MaxCallsPerReplication"/>: 6 million calls, about 1.2 GB.</summary>
    public const long DefaultMaxCallsPerReplication = (long)(1.2 * ScenarioRules.MaxCallsPerReplication);
}

/// <summary>
/// The patrol model of design §2 on the engine's event queue: calls arrive as a non-homogeneous Poisson
/// process, units are formed at shift starts per the crew policy, dispatch sends as many units as the
/// backup rule requires, calls wait by priority then arrival, and metrics are gathered per replication.
/// One instance per scenario; <see cref="Run"/> is thread-safe (each call has its own state).
/// </summary>
public sealed class PatrolSimulation
{
    private readonly CompiledScenario _compiled;
    private readonly SimulationOptions _options;

    /// <summary>Prepares a scenario for simulation.</summary>
    public PatrolSimulation(Scenario scenario, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _compiled = new CompiledScenario(scenario);
        _options = options ?? new SimulationOptions();
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario => _compiled.Scenario;

    /// <summary>Priorities that occur in the scenario, ascending.</summary>
    public IReadOnlyList<int> Priorities => _compiled.Priorities;

    /// <summary>Runs replication <paramref name="replication"/> of the master seed.</summary>
    /// <param name="masterSeed">The run's seed.</param>
    /// <param name="replication">Replication index; its streams derive from (seed, replication).</param>
    /// <param name="trace">Receives every event (slow; for one replication).</param>
    /// <param name="calls">Receives every call's history (for CAD export and fit checks).</param>
    public ReplicationResult Run(ulong masterSeed, int replication, ITraceSink? trace = null, ICallSink? calls = null)
    {
        var run = new Replication(_compiled, _options, RandomStreams.ReplicationSeed(masterSeed, replication), trace, calls);
        return run.Execute(replication);
    }
}
