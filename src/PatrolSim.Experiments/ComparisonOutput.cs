using System.Globalization;
using System.Text.Json;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments.Council;
using PatrolSim.Output;

namespace PatrolSim.Experiments;

/// <summary>
/// Files of <c>patrolsim compare</c> (schema in docs/sweeps.md): JSON with every metric's per-variant mean/CI
/// and paired difference to the reference, and a long CSV with one row per metric × variant.
/// </summary>
public static class ComparisonOutput
{
    /// <summary>Version of the JSON layout.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the JSON comparison.</summary>
    public static void WriteJson(Stream stream, ComparisonResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = Json.CreateWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", tool);
        w.WriteNumber("seed", result.Seed);
        w.WriteNumber("replications", result.Replications);
        w.WriteString("reference", result.Variants[0].Name);
        w.WriteStartArray("variants");
        foreach (var v in result.Variants)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("scenario", v.Scenario.Name);
            w.WriteString("source", v.Source);
            w.WriteNumber("days", v.Scenario.Horizon.Days);
            CouncilOutput.WriteBasis(w, CouncilBasis.For(v.Scenario));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("metrics");
        foreach (var m in result.Metrics)
        {
            w.WriteStartObject(m.Name);
            w.WriteString("unit", m.Metric.Unit);
            w.WriteString("better", m.Metric.Better.ToString().ToLowerInvariant());
            w.WriteStartObject("values");
            for (int i = 0; i < result.Variants.Count; i++)
            {
                w.WriteStartObject(result.Variants[i].Name);
                WriteCi(w, result.Get(i, m).Value);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("pairedDifferences");
            for (int i = 1; i < result.Variants.Count; i++)
            {
                var d = result.Get(i, m).Difference;
                w.WriteStartObject(result.Variants[i].Name);
                WriteCi(w, d);
                w.WriteBoolean("significant", d.ExcludesZero);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
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

    private static void WriteCi(Utf8JsonWriter w, ConfidenceInterval ci)
    {
        w.WriteNumberOrNull("mean", ci.Mean);
        w.WriteNumberOrNull("ci95Low", ci.Low);
        w.WriteNumberOrNull("ci95High", ci.High);
        w.WriteNumber("n", ci.N);
    }
}
