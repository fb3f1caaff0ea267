using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments.Council;
using PatrolSim.Output;

namespace PatrolSim.Experiments;

/// <summary>
/// Files of <c>patrolsim compare</c> (schema in docs/sweeps.md): JSON with every metric's per-variant mean/CI
/// and paired difference to the reference, and a long CSV with one row per metric × variant.
/// </summary>
public static partial class ComparisonOutput
{
    /// <summary>Version of the JSON layout.</summary>
    public const int SchemaVersion = 1;

    private static readonly ComparisonJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes the JSON comparison.</summary>
    public static void WriteJson(Stream stream, ComparisonResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new OrderedDictionary<string, MetricJson>();
        foreach (var m in result.Metrics)
        {
            var values = new OrderedDictionary<string, CiJson>();
            var differences = new OrderedDictionary<string, DifferenceJson>();
            for (int i = 0; i < result.Variants.Count; i++)
            {
                var ci = result.Get(i, m).Value;
                values[result.Variants[i].Name] = new CiJson(ci.Mean, ci.Low, ci.High, ci.N);
                if (i > 0)
                {
                    var d = result.Get(i, m).Difference;
                    differences[result.Variants[i].Name] = new DifferenceJson(d.Mean, d.Low, d.High, d.N, d.ExcludesZero);
                }
            }

            metrics[m.Name] = new MetricJson(m.Metric.Unit, m.Metric.Better.ToString().ToLowerInvariant(), values, differences);
        }

        Json.Write(stream, new ComparisonJson(SchemaVersion, tool, result.Seed, result.Replications, result.Variants[0].Name,
            [.. result.Variants.Select(v => new VariantJson(v.Name, v.Scenario.Name, v.Source, v.Scenario.Horizon.Days, CouncilOutput.ToJson(CouncilBasis.For(v.Scenario))))], metrics), Context.ComparisonJson);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes the long CSV: <c>metric, unit, variant, mean, ci95Low, ci95High, diffMean, diffCi95Low,
    /// diffCi95High, significant</c> (difference cells empty for the reference).
    /// </summary>
    public static void WriteCsv(TextWriter writer, ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.Write(Csv.Line(["metric", "unit", "variant", "mean", "ci95Low", "ci95High", "diffMean", "diffCi95Low", "diffCi95High", "significant"]));
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
                    reference ? "" : (s.Difference.ExcludesZero ? "true" : "false"),
                ]));
            }
        }
    }

    private static string N(double v) => Numbers.RoundTrip(v);

    private sealed record ComparisonJson(int SchemaVersion, string Tool, ulong Seed, int Replications, string Reference,
        IReadOnlyList<VariantJson> Variants, IReadOnlyDictionary<string, MetricJson> Metrics);

    private sealed record VariantJson(string Name, string Scenario, string Source, double Days, CouncilBasisJson Council);

    private sealed record MetricJson(string Unit, string Better, IReadOnlyDictionary<string, CiJson> Values, IReadOnlyDictionary<string, DifferenceJson> PairedDifferences);

    private sealed record CiJson(double Mean, double Ci95Low, double Ci95High, int N);

    private sealed record DifferenceJson(double Mean, double Ci95Low, double Ci95High, int N, bool Significant);

    [JsonSerializable(typeof(ComparisonJson))]
    private sealed partial class ComparisonJsonContext : JsonSerializerContext;
}
