using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments.Council;
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

    /// <summary>The council figures that apply to the scenario (officers to employ; costs and safety when it has those sections), in output order.</summary>
    public IReadOnlyList<CouncilFigure> Council { get; init; } = [];

    /// <summary>What the council figures take from the scenario: hours per officer, relief factor, roster hours, cars.</summary>
    public CouncilBasis Basis => CouncilBasis.For(Scenario);

    /// <summary>
    /// What a reader must know before trusting the table: a force that cannot keep up (more than 1% of calls
    /// unfinished, or utilisation at 0.98 or above), and shifts whose officers cannot all be paired as the
    /// crew policy asks. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Results by zone (beat), in the city's zone order (<see cref="ZoneSummary"/>); empty when not recorded.</summary>
    public IReadOnlyList<ZoneSummary> ByZone { get; init; } = [];

    /// <summary>Results by district, in order of first appearance among the zones; empty when the city has none.</summary>
    public IReadOnlyList<ZoneSummary> ByDistrict { get; init; } = [];

    /// <summary>Share of arrived calls left unfinished above which a run is flagged as not keeping up.</summary>
    public const double UnfinishedWarningShare = 0.01;

    /// <summary>Utilisation at or above which a run is flagged as not keeping up.</summary>
    public const double UtilizationWarning = 0.98;

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

        var council = MetricSelector.AllWithCouncil(scenario).Where(m => m.IsCouncil)
            .Select(m => new CouncilFigure(m, ConfidenceInterval.StudentT(results.Select(r => m.ValueIn(scenario, r)).ToArray())))
            .ToArray();
        var (zones, districts) = ZoneSummary.From(scenario.City, results);
        return new RunSummary
        {
            Scenario = scenario, Seed = seed, Replications = results, Overall = overall, ByPriority = byPriority,
            Council = council, ByZone = zones, ByDistrict = districts, Warnings = WarningsFor(scenario, overall),
        };
    }

    private static List<string> WarningsFor(Scenario scenario, ConfidenceInterval[] overall)
    {
        var warnings = new List<string>();
        double arrived = overall[MetricCatalog.CallsArrived].Mean;
        double unfinished = overall[MetricCatalog.CallsUnfinished].Mean;
        double utilization = overall[MetricCatalog.Utilization].Mean;
        if (arrived > 0 && unfinished > UnfinishedWarningShare * arrived)
        {
            warnings.Add(FormattableString.Invariant(
                $"{unfinished / arrived * 100:0.0}% of calls were still open at the end of the run (more than 1%): the force cannot keep up, and delays and response times shown cover only the calls that were served."));
        }

        if (utilization >= UtilizationWarning)
        {
            warnings.Add(FormattableString.Invariant(
                $"utilisation is {utilization:0.000} (0.98 or more): the force is saturated; queues grow without bound and results depend on the run length."));
        }

        foreach (var shift in scenario.Staffing.Shifts)
        {
            int officers = scenario.Staffing.OfficersOf(shift);
            double share = Staffing.TwoOfficerShareOf(shift, scenario.Policy.Crew.TwoOfficerShare);
            if (share >= 1 && officers % 2 == 1)
            {
                warnings.Add(FormattableString.Invariant(
                    $"shift '{shift.Name}' has {officers} officers: with every officer paired, one officer rides alone in a one-officer car."));
            }
        }

        return warnings;
    }

    /// <summary>The CI of metric <paramref name="metric"/>, overall (priority null) or for one priority; null when absent.</summary>
    public ConfidenceInterval? Get(string metric, int? priority = null)
    {
        if (CouncilMeasures.IsCouncil(metric))
        {
            return priority is null ? Council.FirstOrDefault(c => c.Measure.Name == metric)?.Value : null;
        }

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

    /// <summary>Each of <paramref name="count"/> metrics' Student-t interval across the replications' rows.</summary>
    internal static ConfidenceInterval[] Summarise(IReadOnlyList<double>[] rows, int count = -1)
    {
        var result = new ConfidenceInterval[count < 0 ? MetricCatalog.Count : count];
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

/// <summary>A council figure of a run: which it is (with its unit) and its mean and 95% interval over replications.</summary>
/// <param name="Measure">The figure.</param>
/// <param name="Value">Mean and 95% Student-t interval over replications.</param>
public sealed record CouncilFigure(MetricSelector Measure, ConfidenceInterval Value);
