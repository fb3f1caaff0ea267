using System.Text.Json.Serialization;
using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// <c>patrolsim sensitivity --json</c> (schemaVersion 1; docs/output-formats.md): per metric its rows, variance and noise
/// share, and per parameter <c>first</c> and <c>total</c> (saltelli) or <c>muStar</c>, <c>mu</c>, <c>sigma</c> (morris), each
/// estimate with its interval as <c>{ estimate, lo, hi }</c>; non-finite numbers are null.
/// </summary>
public static partial class SensitivityJson
{
    /// <summary>Version of the layout.</summary>
    public const int SchemaVersion = 1;

    private static readonly SensitivityJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes <paramref name="result"/>.</summary>
    public static void Write(Stream stream, SensitivityResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Manifest;
        var metrics = new OrderedDictionary<string, MetricJson>();
        foreach (var ms in result.Metrics)
        {
            var parameters = new OrderedDictionary<string, ParameterJson>();
            foreach (var p in ms.Parameters)
            {
                parameters[p.Parameter] = new ParameterJson(
                    Of(p.Sobol?.First), Of(p.Sobol?.Total), Of(p.Morris?.MuStar), p.Morris?.Mu, p.Morris?.Sigma, p.Morris?.Effects);
            }

            metrics[ms.Metric] = new MetricJson(ms.Rows, ms.Variance, ms.NoiseShare, parameters);
        }

        string method = m.Design.Kind == DesignKind.Saltelli
            ? "first: Saltelli et al. 2010 estimator; total: Jansen 1999 estimator; on each point's mean over its replications"
            : "Morris 1991 elementary effects in units of each parameter's full range; muStar as Campolongo et al. 2007";
        Json.Write(stream, new SensitivityDocument(SchemaVersion, tool, m.SweepFile, m.Hash,
            new DesignJson(m.Design.Name, m.Design.Samples, m.Design.Kind == DesignKind.Morris ? m.Design.Levels : null),
            m.Points, m.Replications, method, new BootstrapJson(result.Resamples, result.BootstrapSeed, 0.95, "percentile"), metrics), Context.SensitivityDocument);
        stream.WriteByte((byte)'\n');
    }

    private static EstimateJson? Of(Estimate? e) => e is { } x ? new EstimateJson(x.Value, x.Low, x.High) : null;

    private sealed record SensitivityDocument(int SchemaVersion, string Tool, string Sweep, string Hash, DesignJson Design, int Points, int Replications,
        string Method, BootstrapJson Bootstrap, IReadOnlyDictionary<string, MetricJson> Metrics);

    private sealed record DesignJson(string Kind, long Samples, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Levels);

    private sealed record BootstrapJson(int Resamples, ulong Seed, double Level, string Interval);

    private sealed record MetricJson(int Rows, double Variance, double NoiseShare, IReadOnlyDictionary<string, ParameterJson> Parameters);

    /// <summary>A parameter's indices: first and total (saltelli), or muStar, mu, sigma and effects (morris); the others are left out.</summary>
    private sealed record ParameterJson(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EstimateJson? First,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EstimateJson? Total,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EstimateJson? MuStar,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Mu,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sigma,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Effects);

    private sealed record EstimateJson(double Estimate, double Lo, double Hi);

    [JsonSerializable(typeof(SensitivityDocument))]
    private sealed partial class SensitivityJsonContext : JsonSerializerContext;
}
