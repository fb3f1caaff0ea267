using System.Globalization;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments;

/// <summary>
/// A metric overall (<c>responseTime.p90</c>) or for one priority (<c>responseTime.p90@1</c>), or a council figure
/// derived from a replication's metrics (<c>fteNeeded</c>, <c>annualCost</c>; <see cref="CouncilMeasures"/>): the names
/// used by sweep files, <c>--target</c> and comparison outputs.
/// </summary>
/// <param name="Metric">The metric.</param>
/// <param name="Priority">The priority, or null for all calls.</param>
public sealed record MetricSelector(MetricDefinition Metric, int? Priority)
{
    /// <summary>The name as written: <c>name</c> or <c>name@P</c>.</summary>
    public string Name => Priority is null ? Metric.Name : string.Create(CultureInfo.InvariantCulture, $"{Metric.Name}@{Priority.Value}");

    /// <summary>Whether this is a council figure (<see cref="CouncilMeasures"/>), computed from the metrics and the scenario.</summary>
    public bool IsCouncil => CouncilMeasures.IsCouncil(Metric.Name);

    /// <summary>The value in one replication of <paramref name="scenario"/> (NaN where it does not apply or the priority is absent).</summary>
    public double ValueIn(Scenario scenario, ReplicationResult result) =>
        IsCouncil ? CouncilMeasures.Value(Metric.Name, scenario, result) : ValueIn(result);

    /// <summary>The value of a catalogue metric in one replication (NaN where it does not apply or the priority is absent).</summary>
    /// <exception cref="InvalidOperationException">For a council figure, which needs the scenario.</exception>
    public double ValueIn(ReplicationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (IsCouncil)
        {
            throw new InvalidOperationException($"{Metric.Name} is computed from the scenario too; use ValueIn(scenario, result).");
        }

        if (Priority is null)
        {
            return result.Overall[Metric.Index];
        }

        return result.ByPriority.TryGetValue(Priority.Value, out var values) ? values[Metric.Index] : double.NaN;
    }

    /// <summary>Parses <c>name</c> or <c>name@P</c>; on failure returns null and a message saying what is allowed.</summary>
    public static MetricSelector? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int at = trimmed.IndexOf('@', StringComparison.Ordinal);
        string name = at < 0 ? trimmed : trimmed[..at];
        var def = MetricCatalog.Find(name) ?? CouncilMeasures.Find(name);
        if (def is null)
        {
            string? guess = YamlReader.DidYouMean(name, MetricCatalog.All.Select(m => m.Name).Concat(CouncilMeasures.Names));
            error = $"unknown metric '{name}'" + (guess is null ? "" : $" (did you mean '{guess}'?)") + "; see 'patrolsim run' output or docs/sweeps.md for the names";
            return null;
        }

        int? priority = null;
        if (at >= 0)
        {
            string p = trimmed[(at + 1)..];
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int pv) || pv < 1)
            {
                error = $"'{trimmed}': the priority after '@' must be a whole number of at least 1, not '{p}'";
                return null;
            }

            if (!def.ByPriority)
            {
                error = $"'{trimmed}': {def.Name} is not reported by priority; drop '@{p}'";
                return null;
            }

            priority = pv;
        }

        error = null;
        return new MetricSelector(def, priority);
    }

    /// <summary>Parses a selector or throws <see cref="ArgumentException"/> with the message of <see cref="TryParse"/>.</summary>
    public static MetricSelector Parse(string text) =>
        TryParse(text, out string? error) ?? throw new ArgumentException(error, nameof(text));

    /// <summary>Every metric overall, then every by-priority metric for each priority of the scenario's call types.</summary>
    public static IReadOnlyList<MetricSelector> AllFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var list = MetricCatalog.All.Select(m => new MetricSelector(m, null)).ToList();
        foreach (int p in scenario.Demand.CallTypes.Select(c => c.Priority).Distinct().Order())
        {
            list.AddRange(MetricCatalog.All.Where(m => m.ByPriority).Select(m => new MetricSelector(m, p)));
        }

        return list;
    }

    /// <summary><see cref="AllFor"/> followed by the council figures that apply to <paramref name="scenario"/>.</summary>
    public static IReadOnlyList<MetricSelector> AllWithCouncil(Scenario scenario) =>
        [.. AllFor(scenario), .. CouncilMeasures.For(scenario).Select(d => new MetricSelector(d, null))];
}
