using System.Text.Json;
using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// <c>patrolsim sensitivity --json</c> (schemaVersion 1; docs/output-formats.md): per metric its rows, variance and noise
/// share, and per parameter <c>first</c> and <c>total</c> (saltelli) or <c>muStar</c>, <c>mu</c>, <c>sigma</c> (morris), each
/// estimate with its interval as <c>{ estimate, lo, hi }</c>; non-finite numbers are null.
/// </summary>
public static class SensitivityJson
{
    /// <summary>Version of the layout.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes <paramref name="result"/>.</summary>
    public static void Write(Stream stream, SensitivityResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Manifest;
        using var w = Json.CreateWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", tool);
        w.WriteString("sweep", m.SweepFile);
        w.WriteString("hash", m.Hash);
        w.WriteStartObject("design");
        w.WriteString("kind", m.Design.Name);
        w.WriteNumber("samples", m.Design.Samples);
        if (m.Design.Kind == DesignKind.Morris)
        {
            w.WriteNumber("levels", m.Design.Levels);
        }

        w.WriteEndObject();
        w.WriteNumber("points", m.Points);
        w.WriteNumber("replications", m.Replications);
        w.WriteString("method", m.Design.Kind == DesignKind.Saltelli
            ? "first: Saltelli et al. 2010 estimator; total: Jansen 1999 estimator; on each point's mean over its replications"
            : "Morris 1991 elementary effects in units of each parameter's full range; muStar as Campolongo et al. 2007");
        w.WriteStartObject("bootstrap");
        w.WriteNumber("resamples", result.Resamples);
        w.WriteNumber("seed", result.BootstrapSeed);
        w.WriteNumber("level", 0.95);
        w.WriteString("interval", "percentile");
        w.WriteEndObject();
        w.WriteStartObject("metrics");
        foreach (var ms in result.Metrics)
        {
            w.WriteStartObject(ms.Metric);
            w.WriteNumber("rows", ms.Rows);
            w.WriteNumberOrNull("variance", ms.Variance);
            w.WriteNumberOrNull("noiseShare", ms.NoiseShare);
            w.WriteStartObject("parameters");
            foreach (var p in ms.Parameters)
            {
                w.WriteStartObject(p.Parameter);
                if (p.Sobol is { } s)
                {
                    Estimate(w, "first", s.First);
                    Estimate(w, "total", s.Total);
                }

                if (p.Morris is { } e)
                {
                    Estimate(w, "muStar", e.MuStar);
                    w.WriteNumberOrNull("mu", e.Mu);
                    w.WriteNumberOrNull("sigma", e.Sigma);
                    w.WriteNumber("effects", e.Effects);
                }

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

    private static void Estimate(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        w.WriteNumberOrNull("estimate", e.Value);
        w.WriteNumberOrNull("lo", e.Low);
        w.WriteNumberOrNull("hi", e.High);
        w.WriteEndObject();
    }
}
