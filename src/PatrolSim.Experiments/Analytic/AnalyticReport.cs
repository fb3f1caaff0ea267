using System.Globalization;
using System.Text.Json.Serialization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Output;

namespace PatrolSim.Experiments.Analytic;

/// <summary>A table of text cells, rendered by the CLI (Spectre) or as Markdown.</summary>
/// <param name="Title">Heading.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows of cells.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Formats a <see cref="ScenarioEstimate"/> (and optionally <see cref="SimulatedValues"/>) as tables, Markdown and JSON.</summary>
public static partial class AnalyticReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The per-block table with the whole-day row last.</summary>
    public static ReportTable Blocks(ScenarioEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var headers = new List<string> { "Block", "Shifts", "Units (2-off)", "Calls/h", "Units/call", "Busy min", "Load", "Util", "P(wait)", "Wq min", "Travel min", "Response min" };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var b in estimate.Blocks.Append(estimate.Day))
        {
            rows.Add(
            [
                b.Label, b.Shifts,
                b.IsDay ? $"{F(b.Units, 1)} ({F(b.TwoOfficerCars, 1)})" : $"{F(b.Units, 0)} ({F(b.TwoOfficerCars, 0)})",
                F(b.CallsPerHour, 2), F(b.UnitsPerCall, 2), F(b.MeanBusyTime, 1), F(b.OfferedLoad, 2), F(b.Utilization, 3),
                F(b.ProbabilityOfWait, 4), F(b.MeanQueueDelay, 2), F(b.Travel, 2), F(b.Response, 2),
            ]);
        }

        return new ReportTable("Analytic estimates by staffing block", headers, rows);
    }

    /// <summary>Per block and priority: mean queue delay (Cobham), travel and response, minutes.</summary>
    public static ReportTable ByPriority(ScenarioEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var priorities = estimate.Day.ByPriority.Select(p => p.Priority).ToList();
        var headers = new List<string> { "Block" };
        foreach (int p in priorities)
        {
            string n = p.ToString(Inv);
            headers.AddRange([$"P{n} Wq", $"P{n} travel", $"P{n} response"]);
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var b in estimate.Blocks.Append(estimate.Day))
        {
            var row = new List<string> { b.Label };
            foreach (int p in priorities)
            {
                var e = b.ByPriority.FirstOrDefault(x => x.Priority == p);
                row.AddRange([F(e?.MeanQueueDelay ?? double.NaN, 2), F(e?.Travel ?? double.NaN, 2), F(e?.Response ?? double.NaN, 2)]);
            }

            rows.Add(row);
        }

        return new ReportTable("By priority (minutes)", headers, rows);
    }

    /// <summary>Analytic whole-day values beside the simulation's (mean and CI).</summary>
    public static ReportTable Comparison(ScenarioEstimate estimate, SimulatedValues sim)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(sim);
        var d = estimate.Day;
        var rows = new List<IReadOnlyList<string>>
        {
            Row("utilisation", d.Utilization, sim.Get("utilization"), 4),
            Row("P(wait)", d.ProbabilityOfWait, sim.Get("probDelayed"), 4),
            Row("queue delay, min", d.MeanQueueDelay, sim.Get("queueDelay.mean"), 3),
        };
        foreach (var p in d.ByPriority)
        {
            rows.Add(Row($"queue delay P{p.Priority.ToString(Inv)}, min", p.MeanQueueDelay, sim.Get("queueDelay.mean", p.Priority), 3));
        }

        rows.Add(Row("travel, min", d.Travel, sim.Get("travelTime.mean"), 3));
        rows.Add(Row("response, min", d.Response, sim.Get("responseTime.mean"), 3));
        return new ReportTable(CompareTitle("Whole day: analytic vs simulated", sim), ["Metric", "Analytic", "Simulated", CiHeader(sim), "In CI"], rows);
    }

    /// <summary>Hypercube workloads beside the simulated unit busy fractions; null without a hypercube.</summary>
    public static ReportTable? HypercubeWorkloads(ScenarioEstimate estimate, SimulatedValues? sim)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (estimate.Hypercube is not { } h)
        {
            return null;
        }

        sim = sim?.Workloads is null ? null : sim;
        var rows = h.Result.Workloads.Select((w, n) => Row($"unit {(n + 1).ToString(Inv)}", w, sim?.Workloads?.ElementAtOrDefault(n), 4)).ToList();
        return new ReportTable(CompareTitle("Hypercube: unit workloads", sim), Headers(sim, "Unit"), rows);
    }

    /// <summary>Hypercube state probabilities (all-busy includes queued states) beside the simulated time fractions.</summary>
    public static ReportTable? HypercubeStates(ScenarioEstimate estimate, SimulatedValues? sim)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (estimate.Hypercube is not { Result.StateProbabilities: { } p })
        {
            return null;
        }

        sim = sim?.States is null ? null : sim;
        int all = p.Count - 1;
        var rows = new List<IReadOnlyList<string>>();
        for (int m = 0; m <= all; m++)
        {
            // Infinite line: the all-busy state of the 2^N solution carries the queue's geometric tail.
            double value = m == all ? estimate.Hypercube.Result.ProbabilityAllBusy : p[m];
            rows.Add(Row(MaskLabel(m, all), value, sim?.States?.ElementAtOrDefault(m), 4));
        }

        return new ReportTable(CompareTitle("Hypercube: state probabilities (busy units)", sim), Headers(sim, "State"), rows);
    }

    /// <summary>Writes the whole report as Markdown.</summary>
    public static void WriteMarkdown(TextWriter w, ScenarioEstimate estimate, SimulatedValues? sim)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(estimate);
        w.WriteLine($"### {estimate.Scenario.Name}");
        w.WriteLine();
        foreach (var t in Tables(estimate, sim))
        {
            w.WriteLine($"**{t.Title}**");
            w.WriteLine();
            w.WriteLine("| " + string.Join(" | ", t.Headers) + " |");
            w.WriteLine("|" + string.Join("|", t.Headers.Select((h, i) => i == 0 || h == "Shifts" ? " --- " : " ---: ")) + "|");
            foreach (var r in t.Rows)
            {
                w.WriteLine("| " + string.Join(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
            }

            w.WriteLine();
        }

        WriteList(w, "Assumptions the scenario breaks", estimate.Assumptions);
        WriteList(w, "Per block", estimate.Blocks.Where(b => b.Notes.Count > 0).Select(b => $"{b.Label}: {string.Join("; ", b.Notes)}").ToList());
    }

    /// <summary>All tables of the report, in order.</summary>
    public static IReadOnlyList<ReportTable> Tables(ScenarioEstimate estimate, SimulatedValues? sim)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var list = new List<ReportTable> { Blocks(estimate), ByPriority(estimate) };
        if (sim is not null)
        {
            list.Add(Comparison(estimate, sim));
        }

        if (HypercubeWorkloads(estimate, sim) is { } w)
        {
            list.Add(w);
        }

        if (HypercubeStates(estimate, sim) is { } s)
        {
            list.Add(s);
        }

        return list;
    }

    private static readonly AnalyticJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes the estimates (and simulated values) as JSON; numbers rounded to 10 decimals, NaN as null. Schema: docs/analytic.md.</summary>
    public static void WriteJson(Stream stream, IReadOnlyList<(string Path, ScenarioEstimate Estimate, SimulatedValues? Sim)> items, string tool)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(items);
        Json.Write(stream, new AnalyticJson(tool, [.. items.Select(i => ScenarioOf(i.Path, i.Estimate, i.Sim))]), Context.AnalyticJson);
    }

    private static ScenarioJson ScenarioOf(string path, ScenarioEstimate e, SimulatedValues? sim)
    {
        HypercubeJson? hypercube = e.Hypercube is { } h
            ? new HypercubeJson(h.Input.Units, Round(h.Result.Workloads),
                h.Result.StateProbabilities is { } p ? Round([.. p.Select((v, m) => m == p.Count - 1 ? h.Result.ProbabilityAllBusy : v)]) : null,
                R(h.Result.ProbabilityOfWait), R(h.Result.MeanQueueWait * 60))
            : null;
        SimulatedJson? simulated = sim is null ? null : new SimulatedJson(
            sim.Summary.Replications.Count, sim.Summary.Seed, R(sim.Level),
            Ci(sim.Get("utilization")), Ci(sim.Get("probDelayed")), Ci(sim.Get("queueDelay.mean")), Ci(sim.Get("travelTime.mean")), Ci(sim.Get("responseTime.mean")),
            new OrderedDictionary<string, CiJson?>(e.Day.ByPriority.Select(p => KeyValuePair.Create(p.Priority.ToString(Inv), Ci(sim.Get("queueDelay.mean", p.Priority))))),
            sim.Workloads is { } wl ? [.. wl.Select(CiOf)] : null,
            sim.States is { } st ? [.. st.Select(CiOf)] : null);
        return new ScenarioJson(path, e.Scenario.Name, [.. e.Blocks.Select(BlockOf)], BlockOf(e.Day), e.Assumptions, hypercube, simulated);
    }

    private static BlockJson BlockOf(BlockEstimate b) => new(
        b.Label, b.Shifts, R(b.Hours), R(b.Units), R(b.Officers), R(b.TwoOfficerCars), R(b.CallsPerHour), R(b.UnitsPerCall), R(b.Servers),
        R(b.MeanBusyTime), R(b.OfferedLoad), R(b.Utilization), R(b.ProbabilityOfWait), R(b.MeanQueueDelay), R(b.Travel), R(b.Response), R(b.PeakToMean),
        [.. b.ByPriority.Select(p => new BlockPriorityJson(p.Priority, R(p.CallsPerHour), R(p.MeanQueueDelay), R(p.Travel), R(p.Response)))],
        b.Notes);

    /// <summary>A confidence interval, or null when there is none (no finite mean).</summary>
    private static CiJson? Ci(ConfidenceInterval? ci) => ci is { } c && double.IsFinite(c.Mean) ? CiOf(c) : null;

    private static CiJson CiOf(ConfidenceInterval c) => new(R(c.Mean), R(c.Low), R(c.High));

    private static double R(double v) => Math.Round(v, 10);

    private static double[] Round(IReadOnlyList<double> values) => [.. values.Select(R)];

    private sealed record AnalyticJson(string Tool, IReadOnlyList<ScenarioJson> Scenarios);

    private sealed record ScenarioJson(
        string File,
        string Name,
        IReadOnlyList<BlockJson> Blocks,
        BlockJson Day,
        IReadOnlyList<string> Assumptions,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HypercubeJson? Hypercube,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SimulatedJson? Simulated);

    private sealed record BlockJson(
        string Block, string Shifts, double Hours, double Units, double Officers, double TwoOfficerCars, double CallsPerHour, double UnitsPerCall,
        double Servers, double MeanBusyMinutes, double OfferedLoad, double Utilization, double ProbabilityOfWait, double QueueDelayMinutes,
        double TravelMinutes, double ResponseMinutes, double PeakToMean, IReadOnlyList<BlockPriorityJson> ByPriority, IReadOnlyList<string> Notes);

    private sealed record BlockPriorityJson(int Priority, double CallsPerHour, double QueueDelayMinutes, double TravelMinutes, double ResponseMinutes);

    private sealed record HypercubeJson(
        int Units,
        IReadOnlyList<double> Workloads,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? StateProbabilities,
        double ProbabilityOfWait,
        double MeanQueueWaitMinutes);

    private sealed record SimulatedJson(
        int Replications,
        ulong Seed,
        double Level,
        CiJson? Utilization,
        CiJson? ProbDelayed,
        CiJson? QueueDelay,
        CiJson? Travel,
        CiJson? Response,
        IReadOnlyDictionary<string, CiJson?> QueueDelayByPriority,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CiJson>? Workloads,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CiJson>? StateFractions);

    private sealed record CiJson(double Mean, double Low, double High);

    [JsonSerializable(typeof(AnalyticJson))]
    private sealed partial class AnalyticJsonContext : JsonSerializerContext;

    private static void WriteList(TextWriter w, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        w.WriteLine($"{title}:");
        w.WriteLine();
        foreach (string i in items)
        {
            w.WriteLine($"- {i}");
        }

        w.WriteLine();
    }

    private static string MaskLabel(int mask, int all)
    {
        if (mask == 0)
        {
            return "{} (all idle)";
        }

        var units = Enumerable.Range(0, 31).Where(b => (mask & (1 << b)) != 0).Select(b => (b + 1).ToString(Inv));
        return "{" + string.Join(",", units) + "}" + (mask == all ? " (all busy, incl. queue)" : "");
    }

    private static List<string> Headers(SimulatedValues? sim, string first) =>
        sim is null ? [first, "Analytic"] : [first, "Analytic", "Simulated", CiHeader(sim), "In CI"];

    private static string CiHeader(SimulatedValues sim) => $"{(sim.Level * 100).ToString("0.#", Inv)}% CI";

    private static string CompareTitle(string title, SimulatedValues? sim) => sim is null
        ? title
        : $"{title} ({sim.Summary.Replications.Count.ToString(Inv)} replications, seed {sim.Summary.Seed.ToString(Inv)})";

    private static List<string> Row(string name, double analytic, ConfidenceInterval? sim, int decimals)
    {
        var row = new List<string> { name, F(analytic, decimals) };
        if (sim is { } s)
        {
            bool finite = double.IsFinite(s.Mean);
            row.Add(F(s.Mean, decimals));
            row.Add(finite ? $"[{F(s.Low, decimals)}, {F(s.High, decimals)}]" : "–");
            row.Add(!finite || !double.IsFinite(analytic) ? "–" : s.Contains(analytic) ? "yes" : "no");
        }

        return row;
    }

    /// <summary>A number with fixed decimals, "–" for NaN or infinity.</summary>
    public static string F(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals.ToString(Inv), Inv) : "–";
}
