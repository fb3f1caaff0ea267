using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Output;

namespace PatrolSim.Calibration.Checking;

/// <summary>
/// fit-check's JSON (schemaVersion 1): <c>periodDays</c>, <c>observedDays</c>, calls per day, <c>hourOfDay</c> and
/// <c>weekday</c> comparisons, <c>priorityMix</c>, and <c>byPriority.&lt;p&gt;.&lt;measure&gt;</c> with observed and
/// simulated n, p10, p50, p90, mean and the KS distance and critical value (docs/calibration.md §8).
/// </summary>
public static partial class FitCheckJson
{
    private static readonly FitCheckJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes <paramref name="r"/> as indented JSON (NaN as null).</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="r">The comparison.</param>
    /// <param name="tool">Tool name and version, e.g. <c>patrolsim 1.0.0</c>.</param>
    /// <param name="scenarioFile">The scenario file compared.</param>
    public static void Write(Stream stream, FitCheckResult r, string tool, string scenarioFile)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(r);
        var mix = new OrderedDictionary<string, MixJson>(r.PriorityMix.Select(row => KeyValuePair.Create(row.Label, new MixJson(row.Observed, row.Simulated))));
        var byPriority = new OrderedDictionary<string, IReadOnlyDictionary<string, MeasureJson>>(r.Priorities.Select(p => KeyValuePair.Create(
            p.Priority.ToString(CultureInfo.InvariantCulture),
            (IReadOnlyDictionary<string, MeasureJson>)new OrderedDictionary<string, MeasureJson>(p.Measures.Select(m => KeyValuePair.Create(
                m.Measure, new MeasureJson(SummaryOf(m.Observed), SummaryOf(m.Simulated), m.KsDistance, m.KsCritical)))))));
        Json.Write(stream, new FitJson(1, tool, r.ScenarioName, scenarioFile, r.SourceName, r.PeriodDays, r.ObservedDays, r.WarmupDays, r.Replications, r.Seed,
            r.ObservedCalls, r.SimulatedCalls, r.ObservedCallsPerDay, r.SimulatedCallsPerDay, CountsOf(r.HourOfDay), CountsOf(r.Weekday), mix, byPriority), Context.FitJson);
    }

    private static CountsJson CountsOf(CountComparison c) =>
        new(c.ChiSquare, c.DegreesOfFreedom, c.PValue, c.MeanAbsRelativeError, [.. c.Rows.Select(row => new CountRowJson(row.Label, row.Observed, row.Simulated, row.RelativeError))]);

    private static SummaryJson SummaryOf(SampleSummary s) => new(s.N, s.P10, s.P50, s.P90, s.Mean);

    private sealed record FitJson(
        int SchemaVersion, string Tool, string Scenario, string ScenarioFile, string Data, double PeriodDays, double ObservedDays, double WarmupDays,
        int Replications, ulong Seed, int ObservedCalls, int SimulatedCalls, double ObservedCallsPerDay, double SimulatedCallsPerDay,
        CountsJson HourOfDay, CountsJson Weekday, IReadOnlyDictionary<string, MixJson> PriorityMix,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, MeasureJson>> ByPriority);

    private sealed record CountsJson(double ChiSquare, int DegreesOfFreedom, double PValue, double MeanAbsRelativeError, IReadOnlyList<CountRowJson> Rows);

    private sealed record CountRowJson(string Bin, double ObservedPerDay, double SimulatedPerDay, double RelativeError);

    private sealed record MixJson(double Observed, double Simulated);

    private sealed record MeasureJson(
        SummaryJson Observed,
        SummaryJson Simulated,
        double KsDistance,
        [property: JsonPropertyName("ksCritical05")] double KsCritical);

    private sealed record SummaryJson(int N, double P10, double P50, double P90, double Mean);

    [JsonSerializable(typeof(FitJson))]
    private sealed partial class FitCheckJsonContext : JsonSerializerContext;
}
