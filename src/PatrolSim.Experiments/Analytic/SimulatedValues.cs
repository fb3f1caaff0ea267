using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Experiments.Analytic;

/// <summary>
/// The simulated values placed beside the analytic ones (whole run, mean and CI over replications): utilisation,
/// P(wait), mean queue delay by priority, travel and response; with unit-state tracking also the unit workloads
/// and busy-set state fractions (hypercube comparison).
/// </summary>
/// <param name="Summary">The replications run.</param>
/// <param name="Level">Confidence level of the intervals below.</param>
/// <param name="Workloads">Busy fraction of each unit number (index 0 = unit 1), or null.</param>
/// <param name="States">Time fraction of each busy-set mask (bit 0 = unit 1); the all-busy entry includes time with calls waiting; or null.</param>
public sealed record SimulatedValues(RunSummary Summary, double Level, IReadOnlyList<ConfidenceInterval>? Workloads, IReadOnlyList<ConfidenceInterval>? States)
{
    /// <summary>Runs the simulation; unit states are tracked when <paramref name="trackUnits"/> and the force has at most 16 units.</summary>
    public static SimulatedValues Run(Scenario scenario, int replications, ulong seed, int parallelism, bool trackUnits,
        double level = 0.95, IProgress<int>? progress = null)
    {
        var options = new SimulationOptions(TrackUnitStates: trackUnits);
        var summary = ReplicationRunner.Run(scenario, replications, seed, parallelism, progress, options);
        var reps = summary.Replications;
        IReadOnlyList<ConfidenceInterval>? workloads = null, states = null;
        if (trackUnits && reps.All(r => r.UnitBusyFraction is not null && r.StateFractions is not null))
        {
            int n = reps.Min(r => r.UnitBusyFraction!.Count);
            workloads = [.. Enumerable.Range(0, n).Select(u => ConfidenceInterval.StudentT(reps.Select(r => r.UnitBusyFraction![u]).ToArray(), level))];
            int all = (1 << n) - 1;
            states = [.. Enumerable.Range(0, all + 1).Select(m => ConfidenceInterval.StudentT(
                reps.Select(r => r.StateFractions![m] + (m == all && r.StateFractions!.Count > all + 1 ? r.StateFractions[all + 1] : 0)).ToArray(), level))];
        }

        return new SimulatedValues(summary, level, workloads, states);
    }

    /// <summary>An overall metric (priority null) or one priority's, at <see cref="Level"/>.</summary>
    public ConfidenceInterval? Get(string metric, int? priority = null)
    {
        var def = MetricCatalog.Find(metric);
        if (def is null)
        {
            return null;
        }

        IEnumerable<double> values;
        if (priority is null)
        {
            values = Summary.Replications.Select(r => r.Overall[def.Index]);
        }
        else if (Summary.Replications.All(r => r.ByPriority.ContainsKey(priority.Value)))
        {
            values = Summary.Replications.Select(r => r.ByPriority[priority.Value][def.Index]);
        }
        else
        {
            return null;
        }

        return ConfidenceInterval.StudentT(values.ToArray(), Level);
    }
}
