using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments.Council;
using PatrolSim.Output;

namespace PatrolSim.Experiments;

/// <summary>
/// Files of <c>patrolsim compare</c> (schema in docs/sweeps.md): JSON with every metric's per-variant mean/CI
/// and paired difference to the reference (with its paired-t p-value and Holm's adjusted p-value), and a long CSV with
/// one row per metric × variant.
/// </summary>
public static partial class ComparisonOutput
{
    /// <summary>Version of the JSON layout: 2 since <c>significant</c> follows Holm's adjusted p-value (it was the CI excluding 0).</summary>
    public const int SchemaVersion = 2;

    private static readonly ComparisonJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes the JSON comparison.</summary>
    public static void WriteJson(Stream stream, ComparisonResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new OrderedDictionary<string, MetricJson>();
        foreach (var m in result.Metrics)
        {
            string? statistic = PooledQuantiles.StatisticOf(m.Metric);
            var values = new OrderedDictionary<string, CiJson>();
            var differences = new OrderedDictionary<string, DifferenceJson>();
            for (int i = 0; i < result.Variants.Count; i++)
            {
                var vm = result.Get(i, m);
                var ci = vm.Value;
                values[result.Variants[i].Name] = new CiJson(ci.Mean, ci.Low, ci.High, ci.N, statistic is null ? null : result.Runs[i].PooledOf(m));
                if (i > 0)
                {
                    var d = vm.Difference;
                    differences[result.Variants[i].Name] = new DifferenceJson(d.Mean, d.Low, d.High, d.N, vm.P, vm.PHolm, vm.Significant);
                }
            }

            metrics[m.Name] = new MetricJson(m.Metric.Unit, m.Metric.Better.ToString().ToLowerInvariant(), statistic, values, differences);
        }

        Json.Write(stream, new ComparisonJson(SchemaVersion, tool, result.Seed, result.Replications, result.Variants[0].Name,
            [.. result.Variants.Select(v => new VariantJson(v.Name, v.Scenario.Name, v.Source, v.Scenario.Horizon.Days, MeasuredPeriod.Days(v.Scenario),
                CouncilOutput.ToJson(CouncilBasis.For(v.Scenario))))], metrics),
            Context.ComparisonJson);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes the long CSV: <c>metric, unit, variant, mean, ci95Low, ci95High, diffMean, diffCi95Low,
    /// diffCi95High, significant, n, diffN, p, pHolm, pooled</c> (difference cells empty for the reference;
    /// <c>significant</c> is pHolm &lt; 0.05; <c>pooled</c> only for the response-time quantiles, whose <c>mean</c> is
    /// the mean of the replications' own quantiles).
    /// </summary>
    public static void WriteCsv(TextWriter writer, ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.Write(Csv.Line(["metric", "unit", "variant", "mean", "ci95Low", "ci95High", "diffMean", "diffCi95Low", "diffCi95High", "significant",
            "n", "diffN", "p", "pHolm", "pooled"]));
        foreach (var m in result.Metrics)
        {
            for (int i = 0; i < result.Variants.Count; i++)
            {
                var s = result.Get(i, m);
                bool reference = i == 0;
                writer.Write(Csv.Line(
                [
                    m.Name, m.Metric.Unit, result.Variants[i].Name,
                    N(s.Value.Mean), N(s.Value.Low), N(s.Value.High),
                    reference ? "" : N(s.Difference.Mean), reference ? "" : N(s.Difference.Low), reference ? "" : N(s.Difference.High),
                    reference ? "" : (s.Significant ? "true" : "false"),
                    N(s.Value.N), reference ? "" : N(s.Difference.N), reference ? "" : N(s.P), reference ? "" : N(s.PHolm),
                    PooledQuantiles.StatisticOf(m.Metric) is null ? "" : N(result.Runs[i].PooledOf(m)),
                ]));
            }
        }
    }

    private static string N(double v) => Numbers.RoundTrip(v);

    private sealed record ComparisonJson(int SchemaVersion, string Tool, ulong Seed, int Replications, string Reference,
        IReadOnlyList<VariantJson> Variants, IReadOnlyDictionary<string, MetricJson> Metrics);

    private sealed record VariantJson(string Name, string Scenario, string Source, double Days, double MeasuredDays, CouncilBasisJson Council);

    /// <summary>A metric; <paramref name="Statistic"/> says what a response-time quantile's value is (absent for other metrics).</summary>
    private sealed record MetricJson(string Unit, string Better,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statistic,
        IReadOnlyDictionary<string, CiJson> Values, IReadOnlyDictionary<string, DifferenceJson> PairedDifferences);

    /// <summary>A variant's value; <paramref name="Pooled"/> is the quantile of all replications' calls (response-time quantiles only).</summary>
    private sealed record CiJson(double Mean, double Ci95Low, double Ci95High, int N,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Pooled);

    /// <summary>A paired difference with its paired-t p-value, Holm's adjusted p-value, and significant = pHolm &lt; 0.05.</summary>
    private sealed record DifferenceJson(double Mean, double Ci95Low, double Ci95High, int N, double P, double PHolm, bool Significant);

    [JsonSerializable(typeof(ComparisonJson))]
    private sealed partial class ComparisonJsonContext : JsonSerializerContext;
}
