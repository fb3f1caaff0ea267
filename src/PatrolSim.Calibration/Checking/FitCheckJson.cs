using System.Globalization;
using System.Text.Json;
using PatrolSim.Output;

namespace PatrolSim.Calibration.Checking;

/// <summary>
/// fit-check's JSON (schemaVersion 1): <c>periodDays</c>, <c>observedDays</c>, calls per day, <c>hourOfDay</c> and
/// <c>weekday</c> comparisons, <c>priorityMix</c>, and <c>byPriority.&lt;p&gt;.&lt;measure&gt;</c> with observed and
/// simulated n, p10, p50, p90, mean and the KS distance and critical value (docs/calibration.md §8).
/// </summary>
public static class FitCheckJson
{
    /// <summary>Writes <paramref name="r"/> as indented JSON (NaN as null).</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="r">The comparison.</param>
    /// <param name="tool">Tool name and version, e.g. <c>patrolsim 1.0.0</c>.</param>
    /// <param name="scenarioFile">The scenario file compared.</param>
    public static void Write(Stream stream, FitCheckResult r, string tool, string scenarioFile)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(r);
        using var w = Json.CreateWriter(stream);
        void Num(string name, double v) => w.WriteNumberOrNull(name, v);

        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 1);
        w.WriteString("tool", tool);
        w.WriteString("scenario", r.ScenarioName);
        w.WriteString("scenarioFile", scenarioFile);
        w.WriteString("data", r.SourceName);
        Num("periodDays", r.PeriodDays);
        Num("observedDays", r.ObservedDays);
        Num("warmupDays", r.WarmupDays);
        w.WriteNumber("replications", r.Replications);
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("observedCalls", r.ObservedCalls);
        w.WriteNumber("simulatedCalls", r.SimulatedCalls);
        Num("observedCallsPerDay", r.ObservedCallsPerDay);
        Num("simulatedCallsPerDay", r.SimulatedCallsPerDay);
        foreach (var c in new[] { r.HourOfDay, r.Weekday })
        {
            w.WriteStartObject(c.Name);
            Num("chiSquare", c.ChiSquare);
            w.WriteNumber("degreesOfFreedom", c.DegreesOfFreedom);
            Num("pValue", c.PValue);
            Num("meanAbsRelativeError", c.MeanAbsRelativeError);
            w.WriteStartArray("rows");
            foreach (var row in c.Rows)
            {
                w.WriteStartObject();
                w.WriteString("bin", row.Label);
                Num("observedPerDay", row.Observed);
                Num("simulatedPerDay", row.Simulated);
                Num("relativeError", row.RelativeError);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject("priorityMix");
        foreach (var row in r.PriorityMix)
        {
            w.WriteStartObject(row.Label);
            Num("observed", row.Observed);
            Num("simulated", row.Simulated);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("byPriority");
        foreach (var p in r.Priorities)
        {
            w.WriteStartObject(p.Priority.ToString(CultureInfo.InvariantCulture));
            foreach (var m in p.Measures)
            {
                w.WriteStartObject(m.Measure);
                foreach (var (side, summary) in new[] { ("observed", m.Observed), ("simulated", m.Simulated) })
                {
                    w.WriteStartObject(side);
                    w.WriteNumber("n", summary.N);
                    Num("p10", summary.P10);
                    Num("p50", summary.P50);
                    Num("p90", summary.P90);
                    Num("mean", summary.Mean);
                    w.WriteEndObject();
                }

                Num("ksDistance", m.KsDistance);
                Num("ksCritical05", m.KsCritical);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
