using System.Globalization;
using MathNet.Numerics.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// A scenario with known curve travel (turnout, speeds, noise, hour factors, delays, units already at the scene) on four
/// square beats is simulated for 28 days (<c>run --cad-export</c>, seed 1), and <c>calibrate --zones</c> fits a scenario to
/// the export with the true staffing given. Shared by the round-trip tests.
/// </summary>
public sealed class TravelRoundTripFixture
{
    /// <summary>Hour factors of the truth: a daily and a half-daily wave, slow in the late afternoon, quick before 08:00.</summary>
    public static readonly double[] HourFactors =
        [.. Enumerable.Range(0, 24).Select(h => Math.Round(1 + (0.2 * Math.Cos(2 * Math.PI * (h - 17) / 24)) - (0.08 * Math.Cos(4 * Math.PI * (h - 8) / 24)), 3))];

    public static string Truth => $$"""
        name: Travel round-trip truth
        description: Known curve travel for the calibration round trip.
        horizon: { days: 28, warmupDays: 2 }
        city: { zones: four.geojson }
        demand:
          callsPerDay: 260
          profile:
            hourly: [0.90, 0.75, 0.65, 0.55, 0.45, 0.40, 0.45, 0.60, 0.80, 0.95, 1.05, 1.10,
                     1.15, 1.15, 1.20, 1.30, 1.35, 1.35, 1.30, 1.25, 1.20, 1.15, 1.05, 1.00]
          callTypes:
            - { name: urgent, share: 0.12, priority: 1, onScene: { dist: lognormal, mean: 40, cv: 0.8 } }
            - { name: prompt, share: 0.38, priority: 2, onScene: { dist: lognormal, mean: 25, cv: 0.9 } }
            - { name: routine, share: 0.32, priority: 3, onScene: { dist: lognormal, mean: 30, cv: 0.8 } }
            - { name: report, share: 0.18, priority: 4, onScene: { dist: lognormal, mean: 20, cv: 1.0 } }
        travel:
          model: curve
          distance: euclidean
          detour: 1.3
          accelerationMps2: 1
          turnoutMinutes: { 1: 0.5, 2: 1.0, 3: 1.5, 4: 2.0 }
          speedKmh: { 1: 55, 2: 40, 3: 35, 4: 30 }
          noiseCv: 0.25
          hourFactors: [{{string.Join(", ", HourFactors.Select(h => h.ToString(CultureInfo.InvariantCulture)))}}]
          delayMinutes:
            3: { dist: lognormal, mean: 3, cv: 1.5 }
            4: { dist: lognormal, mean: 6, cv: 2 }
          atSceneShare: { 2: 0.05, 4: 0.1 }
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 8, officers: 14 }
            - { name: evening, start: "15:00", hours: 8, officers: 16 }
            - { name: night, start: "23:00", hours: 8, officers: 11 }
        policy:
          crew: { twoOfficerShare: 0.0 }
          backup: { rule: none, engage: alone }
          dispatch: { rule: closest }
        """;

    public TravelRoundTripFixture()
    {
        Dir = CliRunner.TempDir();
        // Four 4 x 4 km beats in metres from (0, 0), so the export's metres are the zones' coordinates.
        var features = Enumerable.Range(0, 4).Select(i =>
        {
            int x = 4000 * (i % 2), y = 4000 * (i / 2);
            return string.Create(CultureInfo.InvariantCulture,
                $"{{ \"type\": \"Feature\", \"properties\": {{ \"id\": \"{i + 1}\" }}, \"geometry\": {{ \"type\": \"Polygon\", \"coordinates\": [[[{x}, {y}], [{x + 4000}, {y}], [{x + 4000}, {y + 4000}], [{x}, {y + 4000}], [{x}, {y}]]] }} }}");
        });
        File.WriteAllText(Path.Combine(Dir, "four.geojson"), $"{{ \"type\": \"FeatureCollection\", \"features\": [{string.Join(", ", features)}] }}");
        TruthPath = Path.Combine(Dir, "truth.yaml");
        File.WriteAllText(TruthPath, Truth);
        CadPath = Path.Combine(Dir, "cad.csv");
        FittedPath = Path.Combine(Dir, "fitted.yaml");
        var run = CliRunner.Run("run", TruthPath, "-r", "1", "--seed", "1", "--cad-export", CadPath);
        Assert.True(run.Exit == 0, run.Err);
        Calibrate = CliRunner.Run("calibrate", CadPath, "--zones", Path.Combine(Dir, "four.geojson"), "--officers-per-shift", "14,16,11", "--out", FittedPath);
        Assert.True(Calibrate.Exit == 0, Calibrate.Err);
        TruthScenario = ScenarioLoader.Load(TruthPath);
        Fitted = ScenarioLoader.Load(FittedPath);
        Trips = ExportedTrips(CadPath);
    }

    public string Dir { get; }
    public string TruthPath { get; }
    public string CadPath { get; }
    public string FittedPath { get; }
    public (int Exit, string Out, string Err) Calibrate { get; }
    public Scenario TruthScenario { get; }
    public Scenario Fitted { get; }

    /// <summary>The export's trips (En_Route → Arrived, minutes) by priority, read independently of the calibration code.</summary>
    public IReadOnlyDictionary<int, double[]> Trips { get; }

    private static Dictionary<int, double[]> ExportedTrips(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int enRoute = Array.IndexOf(header, "En_Route"), arrived = Array.IndexOf(header, "Arrived"), priority = Array.IndexOf(header, "Priority");
        var trips = new Dictionary<int, List<double>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(','); // the round trip's call types have no commas
            if (cells[enRoute].Length == 0 || cells[arrived].Length == 0) continue;
            var minutes = (DateTime.Parse(cells[arrived], CultureInfo.InvariantCulture) - DateTime.Parse(cells[enRoute], CultureInfo.InvariantCulture)).TotalMinutes;
            int p = int.Parse(cells[priority], CultureInfo.InvariantCulture);
            if (!trips.TryGetValue(p, out var list)) trips[p] = list = [];
            list.Add(minutes);
        }
        return trips.ToDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray());
    }
}

public class TravelRoundTripTests(TravelRoundTripFixture rt) : IClassFixture<TravelRoundTripFixture>
{
    [Fact]
    public void Calibrate_RecoversTheTurnout_Exactly_AndTheShareOfUnitsAlreadyThere_WithinTheSamplesError()
    {
        var t = rt.Fitted.Travel;
        Assert.Equal(TravelModel.Curve, t.Model);
        // A constant turnout: every exported en-route time is dispatch + it (to the millisecond).
        Assert.Equal(new Dictionary<int, double> { [1] = 0.5, [2] = 1, [3] = 1.5, [4] = 2 }, t.TurnoutByPriority);
        // A share s of n trips is known to sqrt(s (1 - s) / n): 4 standard errors allowed (P2 n ~ 2,800: 0.016; P4 ~ 1,300: 0.033).
        foreach (var (p, share) in new[] { (2, 0.05), (4, 0.1) })
        {
            var n = rt.Trips[p].Length;
            Assert.InRange(t.AtSceneShare![p], share - (4 * Math.Sqrt(share * (1 - share) / n)), share + (4 * Math.Sqrt(share * (1 - share) / n)));
        }

        Assert.InRange(t.AtSceneShare!.GetValueOrDefault(1), 0, 0.01); // none in the truth; a unit 100 m away takes 20 s
        Assert.InRange(t.AtSceneShare!.GetValueOrDefault(3), 0, 0.01);
    }

    [Fact]
    public void Calibrate_RecoversTheUrgentPrioritysSpeedAndTheNoise_WithinTheSamplesError()
    {
        var t = rt.Fitted.Travel;
        // P1 has no delay, so its trips are the curve over the distances times the noise: its cruise speed scales their
        // median, known to 1.2533 sd(ln trip) / sqrt(n) in relative terms (the median's standard error, in logs); 4 allowed.
        var p1 = rt.Trips[1].Where(m => m >= 0.25).ToArray();
        var relative = 1.2533 * p1.Select(m => Math.Log(m)).StandardDeviation() / Math.Sqrt(p1.Length);
        Assert.InRange(t.SpeedKmh[1] / 55, 1 - (4 * relative), 1 + (4 * relative));
        Assert.False(t.DelayByPriority?.ContainsKey(1) ?? false);
        // The noise is the variance of ln(trip) the distances leave: about 0.06 of P1's 0.5, itself known to a relative
        // sqrt(2 / n) ~ 5% (0.024) at n ~ 880, so the cv to about 0.05. 3 of those allowed.
        Assert.InRange(t.NoiseCv, 0.25 - 0.15, 0.25 + 0.15);
    }

    [Fact]
    public void Calibrate_RecoversTheHourFactors_WithinTheirMediansError()
    {
        // Each hour's ratio rests on ~300 trips (7,200 over 24 hours), whose median is known to about 1.25 x 0.7 / sqrt(300)
        // ~ 5%; the daily waves pool the hours. 12% allowed on each hour, and the shape must follow the truth's.
        var fitted = rt.Fitted.Travel.HourFactors!;
        Assert.All(Enumerable.Range(0, 24), h => Assert.InRange(fitted[h] / TravelRoundTripFixture.HourFactors[h], 0.88, 1.12));
        Assert.True(Correlation.Pearson(fitted, TravelRoundTripFixture.HourFactors) > 0.95);
    }

    [Fact]
    public void FittedTravel_GivesTheTruthsTrips_ByPriority_WithinTheSamplesError()
    {
        // Speed and delay of a priority trade off (a little slower, or a little delay for everyone, look alike in 28 days of
        // trips), so what is checked for P2-P4 is what they make together: the trips. The truth's scenario is simulated with
        // its own travel and with the fitted one, 2 x 56 days each (same seed); each median and p90 must fall within the
        // distribution-free band of the export's sample (the order statistics 4 standard errors, 4 sqrt(n q (1 - q)) ranks,
        // either side of rank q n), the mean within 4 standard errors of the export's.
        var truth = Simulate(rt.TruthScenario);
        var fitted = Simulate(rt.TruthScenario with { Travel = rt.Fitted.Travel });
        foreach (var p in new[] { 1, 2, 3, 4 })
        {
            var sample = rt.Trips[p];
            foreach (var q in new[] { 0.5, 0.9 })
            {
                var (lo, hi) = Band(sample, q);
                var half = (hi - lo) / 2;
                Assert.True(Math.Abs(fitted[p].Quantile(q) - truth[p].Quantile(q)) <= half,
                    string.Create(CultureInfo.InvariantCulture, $"P{p} q{q}: fitted {fitted[p].Quantile(q):0.00} vs truth {truth[p].Quantile(q):0.00}, allowed {half:0.00}"));
            }

            var se = sample.StandardDeviation() / Math.Sqrt(sample.Length);
            Assert.True(Math.Abs(fitted[p].Average() - truth[p].Average()) <= 4 * se,
                string.Create(CultureInfo.InvariantCulture, $"P{p} mean: fitted {fitted[p].Average():0.00} vs truth {truth[p].Average():0.00}, allowed {4 * se:0.00}"));
        }
    }

    [Fact]
    public void Calibrate_SaysWhatWasFitted_InTheScenarioAndItsOutput()
    {
        var yaml = File.ReadAllText(rt.FittedPath);
        Assert.Contains("# FITTED by simulation to the data's trips (en route -> on scene; citizen calls; docs/geography.md, \"How travel is fitted\"):", yaml, StringComparison.Ordinal);
        Assert.Contains("# detour and acceleration are NOT fitted: trip times without routes show only detour / speed and v / a; typical values, held fixed", yaml, StringComparison.Ordinal);
        Assert.Contains("  zones:\n    file: \"four.geojson\"\n    weights: { \"1\": ", yaml, StringComparison.Ordinal);
        Assert.Contains("  callPoints: \"fitted.callpoints.csv\"", yaml, StringComparison.Ordinal);
        Assert.Contains("Travel fitted by simulation (trips en route -> on scene, minutes; observed / simulated)", rt.Calibrate.Out, StringComparison.Ordinal);
        Assert.Equal(rt.Trips.Values.Sum(t => t.Length), File.ReadLines(Path.Combine(rt.Dir, "fitted.callpoints.csv")).Count() - 1 - CallsWithoutTrip());
    }

    /// <summary>Citizen calls in the export with a location but no trip (no unit needed, or still open): they are call points too.</summary>
    private int CallsWithoutTrip() => File.ReadLines(rt.CadPath).Skip(1).Count(l => l.Split(',')[4].Length == 0 || l.Split(',')[5].Length == 0);

    /// <summary>The sample's values at ranks q n ± 4 sqrt(n q (1 - q)) (sorted ascending).</summary>
    private static (double Lo, double Hi) Band(double[] sorted, double q)
    {
        var n = sorted.Length;
        var spread = 4 * Math.Sqrt(n * q * (1 - q));
        return (sorted[Math.Max(0, (int)Math.Floor((q * n) - spread))], sorted[Math.Min(n - 1, (int)Math.Ceiling((q * n) + spread))]);
    }

    /// <summary>Trips (en route → first on scene) of the measured calls, by priority, 2 replications of 56 days, seed 5.</summary>
    private static Dictionary<int, double[]> Simulate(Scenario scenario)
    {
        var s = scenario with { Horizon = new Horizon(58, 2) };
        var sink = new TripSink();
        var sim = new PatrolSimulation(s);
        for (int r = 0; r < 2; r++)
        {
            sim.Run(5, r, calls: sink);
        }

        return sink.Trips.GroupBy(t => t.Priority).ToDictionary(g => g.Key, g => g.Select(t => t.Minutes).Order().ToArray());
    }

    private sealed class TripSink : ICallSink
    {
        public List<(int Priority, double Minutes)> Trips { get; } = [];

        public void Call(CallRecord call)
        {
            if (call.Measured && call.EnRouteMinutes is { } e && call.FirstOnSceneMinutes is { } a)
            {
                Trips.Add((call.Priority, a - e));
            }
        }
    }
}

internal static class SortedQuantile
{
    /// <summary>The R-8 quantile of an ascending array.</summary>
    public static double Quantile(this double[] sorted, double q) => SortedArrayStatistics.Quantile(sorted, q);
}
