using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// Writes the JSON summary of a run (schema in docs/output-formats.md): schemaVersion, scenario (with its measured
/// days), seed, replications, warnings, <c>precision</c> (with --precision only), <c>warmupCheck</c>,
/// <c>metrics.&lt;name&gt;.{mean, ci95Low, ci95High, n, unit}</c> (the response-time quantiles also say which statistic
/// they are and give the pooled quantile; the council figures after the catalogue's), <c>byPriority.&lt;p&gt;.&lt;name&gt;</c>,
/// the <c>council</c> basis, <c>byZone.&lt;id&gt;.{district, metrics}</c> and <c>byDistrict.&lt;name&gt;.{zones, metrics}</c>.
/// NaN (not applicable) is written as null. Same input, same bytes.
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
        var scenario = new ScenarioJson(summary.Scenario.Name, info.ScenarioFile, info.Overrides, summary.Scenario.Horizon.Days, summary.Scenario.Horizon.WarmupDays,
            summary.MeasuredDays);
        var byPriority = new OrderedDictionary<string, IReadOnlyDictionary<string, MetricJson>>();
        foreach (var (p, list) in summary.ByPriority)
        {
            byPriority[p.ToString(CultureInfo.InvariantCulture)] = Metrics(list, overall: false, summary.PooledResponseByPriority.GetValueOrDefault(p));
        }

        var metrics = Metrics(summary.Overall, overall: true, summary.PooledResponse);
        foreach (var figure in summary.Council)
        {
            metrics[figure.Measure.Name] = Ci(figure.Value, figure.Measure.Metric.Unit);
        }

        Json.Write(stream, new SummaryJson(SchemaVersion, info.Tool, scenario, summary.Seed, summary.Replications.Count, summary.Warnings,
            Precision(summary.Precision), Warmup(summary.Warmup), metrics, byPriority, CouncilOutput.ToJson(summary.Basis), Areas(summary.ByZone, zone: true), Areas(summary.ByDistrict, zone: false)), Context.SummaryJson);
    }

    private static OrderedDictionary<string, AreaJson> Areas(IReadOnlyList<ZoneSummary> rows, bool zone)
    {
        var areas = new OrderedDictionary<string, AreaJson>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var metrics = new OrderedDictionary<string, MetricJson>();
            foreach (var m in ZoneMetricCatalog.All)
            {
                var ci = Ci(row.Metrics[m.Index], m.Unit);
                metrics[m.Name] = m.Index == ZoneMetricCatalog.ResponseP90 ? ci with { Statistic = ZoneSummary.P90Statistic } : ci;
            }

            areas[row.Id] = zone ? new AreaJson(row.District, null, metrics) : new AreaJson(null, row.Zones, metrics);
        }

        return areas;
    }

    private static OrderedDictionary<string, MetricJson> Metrics(IReadOnlyList<ConfidenceInterval> values, bool overall, PooledQuantiles? pooled)
    {
        var metrics = new OrderedDictionary<string, MetricJson>();
        foreach (var m in MetricCatalog.All.Where(m => overall || m.ByPriority))
        {
            var ci = values[m.Index];
            string? statistic = PooledQuantiles.StatisticOf(m);
            metrics[m.Name] = new MetricJson(ci.Mean, ci.Low, ci.High, ci.N, m.Unit, statistic, statistic is null ? null : pooled?.Of(m) ?? double.NaN);
        }

        return metrics;
    }

    private static MetricJson Ci(ConfidenceInterval ci, string unit) => new(ci.Mean, ci.Low, ci.High, ci.N, unit, null, null);

    private static PrecisionJson? Precision(PrecisionOutcome? precision) => precision is null ? null : new PrecisionJson(
        precision.Reached, precision.Replications, precision.InitialReplications, precision.MaxReplications,
        [.. precision.Results.Select(r => new PrecisionTargetJson(r.Target.Metric.Name, r.Target.Relative, r.Achieved, r.Reached))]);

    private static WarmupCheckJson? Warmup(WarmupCheck? check) => check is null ? null : new WarmupCheckJson(
        WarmupCheck.Method, check.SeriesDays, check.SuggestedDays, check.Mser.TooShort, check.Shift, check.PValue, check.Candidates, check.WarmupTooShort);

    private sealed record SummaryJson(int SchemaVersion, string Tool, ScenarioJson Scenario, ulong Seed, int Replications, IReadOnlyList<string> Warnings,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrecisionJson? Precision,
        WarmupCheckJson? WarmupCheck,
        IReadOnlyDictionary<string, MetricJson> Metrics, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricJson>> ByPriority, CouncilBasisJson Council,
        IReadOnlyDictionary<string, AreaJson> ByZone, IReadOnlyDictionary<string, AreaJson> ByDistrict);

    /// <summary>A zone (its district) or a district (its zones), and its metrics.</summary>
    private sealed record AreaJson(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? District,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Zones,
        IReadOnlyDictionary<string, MetricJson> Metrics);

    private sealed record ScenarioJson(string Name, string File, IReadOnlyList<string> Overrides, double Days, double WarmupDays, double MeasuredDays);

    /// <summary>A metric; the response-time quantiles also say which statistic they are and give the pooled quantile.</summary>
    private sealed record MetricJson(double Mean, double Ci95Low, double Ci95High, int N, string Unit,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statistic,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Pooled);

    private sealed record PrecisionJson(bool Reached, int Replications, int Batch, int MaxReplications, IReadOnlyList<PrecisionTargetJson> Targets);

    private sealed record PrecisionTargetJson(string Metric, double RelativeHalfWidth, double Achieved, bool Reached);

    private sealed record WarmupCheckJson(string Method, int SeriesDays, int MserDays, bool NotSettledByHalfway, double Shift, double P, int Candidates,
        bool WarmupTooShort);

    [JsonSerializable(typeof(SummaryJson))]
    private sealed partial class SummaryJsonContext : JsonSerializerContext;
}

/// <summary>What a run's outputs record about how it was made.</summary>
/// <param name="Tool">"patrolsim VERSION".</param>
/// <param name="ScenarioFile">The scenario file as given.</param>
/// <param name="Overrides">The --set overrides, in order.</param>
public sealed record RunInfo(string Tool, string ScenarioFile, IReadOnlyList<string> Overrides);
