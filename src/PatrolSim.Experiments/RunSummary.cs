using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments;

/// <summary>
/// The replications of one scenario and their summary: for every metric the mean and 95% Student-t
/// interval over replications, overall and by priority.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The scenario simulated (after overrides).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Per-replication results, in replication order.</summary>
    public required IReadOnlyList<ReplicationResult> Replications { get; init; }

    /// <summary>Mean and CI of each overall metric, indexed like <see cref="MetricCatalog.All"/>.</summary>
    public required IReadOnlyList<ConfidenceInterval> Overall { get; init; }

    /// <summary>Mean and CI of each metric by priority.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyList<ConfidenceInterval>> ByPriority { get; init; }

    /// <summary>Summarises replication results.</summary>
    public static RunSummary From(Scenario scenario, ulong seed, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var overall = Summarise(results.Select(r => r.Overall).ToArray());
        var byPriority = new SortedDictionary<int, IReadOnlyList<ConfidenceInterval>>();
        foreach (int p in results.SelectMany(r => r.ByPriority.Keys).Distinct().Order())
        {
            byPriority[p] = Summarise(results.Select(r => r.ByPriority[p]).ToArray());
        }

        return new RunSummary { Scenario = scenario, Seed = seed, Replications = results, Overall = overall, ByPriority = byPriority };
    }

    /// <summary>The CI of metric <paramref name="metric"/>, overall (priority null) or for one priority; null when absent.</summary>
    public ConfidenceInterval? Get(string metric, int? priority = null)
    {
        var def = MetricCatalog.Find(metric);
        if (def is null)
        {
            return null;
        }

        if (priority is null)
        {
            return Overall[def.Index];
        }

        return ByPriority.TryGetValue(priority.Value, out var list) ? list[def.Index] : null;
    }

    private static ConfidenceInterval[] Summarise(IReadOnlyList<double>[] rows)
    {
        var result = new ConfidenceInterval[MetricCatalog.Count];
        var column = new double[rows.Length];
        for (int m = 0; m < result.Length; m++)
        {
            for (int r = 0; r < rows.Length; r++)
            {
                column[r] = rows[r][m];
            }

            result[m] = ConfidenceInterval.StudentT(column);
        }

        return result;
    }
}
