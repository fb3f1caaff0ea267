using System.Text.Json;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// Writes the JSON summary of a run (schema in docs/output-formats.md): schemaVersion, scenario, seed,
/// replications, <c>metrics.&lt;name&gt;.{mean, ci95Low, ci95High}</c> (the council figures after the catalogue's),
/// <c>byPriority.&lt;p&gt;.&lt;name&gt;</c> and the <c>council</c> basis. NaN (not applicable) is written as null.
/// Same input, same bytes.
/// </summary>
public static class JsonSummaryWriter
{
    /// <summary>Version of the JSON layout; bumped on breaking changes.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Writes the summary to a stream.</summary>
    public static void Write(Stream stream, RunSummary summary, RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(info);
        using var w = Json.CreateWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", info.Tool);
        w.WriteStartObject("scenario");
        w.WriteString("name", summary.Scenario.Name);
        w.WriteString("file", info.ScenarioFile);
        w.WriteStartArray("overrides");
        foreach (string o in info.Overrides)
        {
            w.WriteStringValue(o);
        }

        w.WriteEndArray();
        w.WriteNumber("days", summary.Scenario.Horizon.Days);
        w.WriteNumber("warmupDays", summary.Scenario.Horizon.WarmupDays);
        w.WriteEndObject();
        w.WriteNumber("seed", summary.Seed);
        w.WriteNumber("replications", summary.Replications.Count);
        w.WriteStartArray("warnings");
        foreach (string warning in summary.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteStartObject("metrics");
        WriteMetrics(w, summary.Overall, overall: true);
        foreach (var figure in summary.Council)
        {
            WriteCi(w, figure.Measure.Name, figure.Value, figure.Measure.Metric.Unit);
        }

        w.WriteEndObject();
        w.WriteStartObject("byPriority");
        foreach (var (p, list) in summary.ByPriority)
        {
            w.WriteStartObject(p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteMetrics(w, list, overall: false);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        CouncilOutput.WriteBasis(w, summary.Basis);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteMetrics(Utf8JsonWriter w, IReadOnlyList<ConfidenceInterval> values, bool overall)
    {
        foreach (var m in MetricCatalog.All)
        {
            if (!overall && !m.ByPriority)
            {
                continue;
            }

            WriteCi(w, m.Name, values[m.Index], m.Unit);
        }
    }

    private static void WriteCi(Utf8JsonWriter w, string name, ConfidenceInterval ci, string unit)
    {
        w.WriteStartObject(name);
        w.WriteNumberOrNull("mean", ci.Mean);
        w.WriteNumberOrNull("ci95Low", ci.Low);
        w.WriteNumberOrNull("ci95High", ci.High);
        w.WriteString("unit", unit);
        w.WriteEndObject();
    }
}

/// <summary>What a run's outputs record about how it was made.</summary>
/// <param name="Tool">"patrolsim VERSION".</param>
/// <param name="ScenarioFile">The scenario file as given.</param>
/// <param name="Overrides">The --set overrides, in order.</param>
public sealed record RunInfo(string Tool, string ScenarioFile, IReadOnlyList<string> Overrides);
