using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// Writes the JSON summary of a run (schema in docs/output-formats.md): schemaVersion, scenario, seed,
/// replications, <c>metrics.&lt;name&gt;.{mean, ci95Low, ci95High, unit}</c> (the council figures after the catalogue's),
/// <c>byPriority.&lt;p&gt;.&lt;name&gt;</c>, the <c>council</c> basis, <c>byZone.&lt;id&gt;.{district, metrics}</c> and
/// <c>byDistrict.&lt;name&gt;.{zones, metrics}</c>. NaN (not applicable) is written as null. Same input, same bytes.
/// </summary>
public static partial class JsonSummaryWriter
{
    /// <summary>Version of the JSON layout; bumped on breaking changes.</summary>
    public const int SchemaVersion = 2;

    private static readonly SummaryJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes the summary to a stream.</summary>
    public static void Write(Stream stream, RunSummary summary, RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(info);
        var scenario = new ScenarioJson(summary.Scenario.Name, info.ScenarioFile, info.Overrides, summary.Scenario.Horizon.Days, summary.Scenario.Horizon.WarmupDays);
        var byPriority = new OrderedDictionary<string, IReadOnlyDictionary<string, MetricJson>>();
        foreach (var (p, list) in summary.ByPriority)
        {
            byPriority[p.ToString(CultureInfo.InvariantCulture)] = Metrics(list, overall: false);
        }

        var metrics = Metrics(summary.Overall, overall: true);
        foreach (var figure in summary.Council)
        {
            metrics[figure.Measure.Name] = Ci(figure.Value, figure.Measure.Metric.Unit);
        }

        Json.Write(stream, new SummaryJson(SchemaVersion, info.Tool, scenario, summary.Seed, summary.Replications.Count, summary.Warnings,
            metrics, byPriority, CouncilOutput.ToJson(summary.Basis), Areas(summary.ByZone, zone: true), Areas(summary.ByDistrict, zone: false)), Context.SummaryJson);
    }

    private static OrderedDictionary<string, AreaJson> Areas(IReadOnlyList<ZoneSummary> rows, bool zone)
    {
        var areas = new OrderedDictionary<string, AreaJson>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var metrics = new OrderedDictionary<string, MetricJson>();
            foreach (var m in ZoneMetricCatalog.All)
            {
                metrics[m.Name] = Ci(row.Metrics[m.Index], m.Unit);
            }

            areas[row.Id] = zone ? new AreaJson(row.District, null, metrics) : new AreaJson(null, row.Zones, metrics);
        }

        return areas;
    }

    private static OrderedDictionary<string, MetricJson> Metrics(IReadOnlyList<ConfidenceInterval> values, bool overall)
    {
        var metrics = new OrderedDictionary<string, MetricJson>();
        foreach (var m in MetricCatalog.All.Where(m => overall || m.ByPriority))
        {
            metrics[m.Name] = Ci(values[m.Index], m.Unit);
        }

        return metrics;
    }

    private static MetricJson Ci(ConfidenceInterval ci, string unit) => new(ci.Mean, ci.Low, ci.High, unit);

    private sealed record SummaryJson(int SchemaVersion, string Tool, ScenarioJson Scenario, ulong Seed, int Replications, IReadOnlyList<string> Warnings,
        IReadOnlyDictionary<string, MetricJson> Metrics, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricJson>> ByPriority, CouncilBasisJson Council,
        IReadOnlyDictionary<string, AreaJson> ByZone, IReadOnlyDictionary<string, AreaJson> ByDistrict);

    /// <summary>A zone (its district) or a district (its zones), and its metrics.</summary>
    private sealed record AreaJson(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? District,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Zones,
        IReadOnlyDictionary<string, MetricJson> Metrics);

    private sealed record ScenarioJson(string Name, string File, IReadOnlyList<string> Overrides, double Days, double WarmupDays);

    private sealed record MetricJson(double Mean, double Ci95Low, double Ci95High, string Unit);

    [JsonSerializable(typeof(SummaryJson))]
    private sealed partial class SummaryJsonContext : JsonSerializerContext;
}

/// <summary>What a run's outputs record about how it was made.</summary>
/// <param name="Tool">"patrolsim VERSION".</param>
/// <param name="ScenarioFile">The scenario file as given.</param>
/// <param name="Overrides">The --set overrides, in order.</param>
public sealed record RunInfo(string Tool, string ScenarioFile, IReadOnlyList<string> Overrides);
