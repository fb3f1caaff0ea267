using System.Globalization;
using System.Text;

namespace PatrolSim.Calibration.Fitting;

/// <summary>
/// Writes a <see cref="CalibrationResult"/> as scenario YAML. A small line-based emitter rather than YamlDotNet's
/// serializer: the file must carry comments next to the values they explain (goodness of fit, how staffing was
/// estimated, what was not fitted), which the serializer cannot place, and the layout (one call type per line, the
/// weekly profile as seven rows of 24) is meant to be read and edited by hand. Numbers are rounded and written with the
/// invariant culture, so the same calls give the same bytes.
/// </summary>
internal static class ScenarioYamlWriter
{
    public static string Write(CalibrationResult r)
    {
        var w = new Writer();
        w.Comment("Scenario calibrated from CAD data by PatrolSim.Calibration. Values are fitted unless a comment says otherwise;");
        w.Comment("review staffing, travel, city and risk (not in CAD data) before relying on it.");
        if (r.SourceName is not null) w.Comment($"Source: {r.SourceName}");
        w.Comment($"Period: {r.PeriodStart:yyyy-MM-dd} .. {r.PeriodEnd:yyyy-MM-dd} ({N(r.PeriodDays, 2)} days)");
        foreach (var note in r.ReadNotes) w.Comment(note);
        var si = r.SelfInitiated;
        w.Comment($"Calls used: {r.TotalCalls} ({N(r.TotalCallsPerDay, 2)}/day); citizen calls {r.CitizenCalls} ({N(r.CallsPerDay, 2)}/day)"
                  + (si is null ? "; no self-initiated calls recognised" : $"; self-initiated {si.Calls} ({N(si.CallsPerDay, 2)}/day, under demand.selfInitiated)"));
        w.Line($"name: {Q(r.Name)}");
        w.Line($"description: {Q(string.Create(CultureInfo.InvariantCulture, $"Fitted to {r.SourceName ?? "CAD data"} ({r.PeriodStart:yyyy-MM-dd} to {r.PeriodEnd:yyyy-MM-dd}): {N(r.CallsPerDay, 1)} citizen calls a day, {r.Priorities.Count} priorities."))}");
        w.Line($"horizon: {{ days: {r.HorizonDays}, warmupDays: {r.WarmupDays} }}");

        WriteCity(w, r.City);

        w.Line("demand:");
        w.Comment("citizen calls per day (self-initiated calls are not in it)", 2);
        w.Line($"  callsPerDay: {N(r.CallsPerDay, 2)}");
        w.Line("  profile:");
        w.Comment($"weekly: hour 0 = Monday 00:00; {r.ProfileMethod}", 4);
        w.Line("    weekly: [");
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        for (var d = 0; d < 7; d++)
        {
            var row = string.Join(", ", Enumerable.Range(d * 24, 24).Select(i => N(r.WeeklyProfile[i], 3)));
            w.Line($"      {row}{(d < 6 ? "," : "")}  # {days[d]}");
        }
        w.Line("    ]");

        w.Line("  callTypes:");
        w.Comment("priority mix of citizen calls: " + string.Join(", ", r.Priorities.Select(p => $"P{p.Priority} {N(100 * p.Share, 2)}% ({p.Calls})")), 4);
        w.Comment("officers are integers: a priority's mean of m units per call is split into floor(m)- and floor(m)+1-officer types", 4);
        w.Comment("whose shares keep the mean (one officer per unit assumed); calls that never had a unit on scene are needsUnit: false.", 4);
        w.Comment("risk is not in CAD data: every type has the default risk (none); set it by hand.", 4);
        foreach (var p in r.Priorities)
        {
            w.Comment($"P{p.Priority}: {p.Calls} call{(p.Calls == 1 ? "" : "s")}; on-scene (arrived -> closed) {Describe(p.OnScene, r)}", 4);
            w.Comment($"P{p.Priority}: units per call {N(p.UnitsPerCall, 3)} ({p.UnitsSource}); no unit on scene {N(100 * p.NoUnitShare, 1)}%"
                      + (p.MedianQueueMinutes is { } q ? $"; median received -> dispatched {N(q, 1)} min" : "")
                      + (p.MedianResponseMinutes is { } a ? $"; median received -> arrived {N(a, 1)} min" : ""), 4);
            foreach (var t in r.CallTypes.Where(t => t.Priority == p.Priority))
            {
                var extra = (t.Officers != 1 ? $", officers: {t.Officers}" : "") + (t.NeedsUnit ? "" : ", needsUnit: false");
                w.Line($"    - {{ name: {Q(t.Name)}, share: {N(t.Share, 5)}, priority: {t.Priority}, onScene: {Dist(t.OnScene)}{extra} }}");
            }
        }

        if (si is not null)
        {
            w.Line("  selfInitiated:");
            if (si.RateNote is { } rateNote)
            {
                w.Comment($"{si.Calls} calls{(si.Rule.Length > 0 ? " where " + si.Rule : "")} ({N(si.CallsPerDay, 2)}/day)", 4);
                w.Comment(rateNote, 4);
            }
            else
            {
                w.Comment($"{si.Calls} calls{(si.Rule.Length > 0 ? " where " + si.Rule : "")}; ratePerUnitHour = calls / idle unit-hours = {si.Calls} / {N(si.IdleUnitHours, 0)}", 4);
                w.Comment("idle unit-hours ASSUME one-officer units and the staffing below: on-duty officer-hours minus officer-hours busy on citizen calls", 4);
            }
            w.Comment($"on-scene (arrived -> closed) {Describe(si.OnScene, r)}; risk not in CAD data", 4);
            w.Line($"    ratePerUnitHour: {N(si.RatePerUnitHour, 4)}");
            w.Line($"    onScene: {Dist(si.OnScene)}");
        }

        WriteCallHandling(w, r.CallHandling);

        WriteTravel(w, r.Travel);

        w.Line("staffing:");
        if (r.StaffingNotes.Count > 0)
        {
            foreach (var note in r.StaffingNotes) w.Comment(note, 2);
        }
        else if (r.Shifts.Any(s => s.Estimated))
        {
            w.Comment("staffing is NOT in CAD data. Estimated shifts get the minimum officers consistent with the data: the ceiling of the", 2);
            w.Comment("highest hourly mean of concurrently busy officers (calls dispatched -> closed, x units per call, self-initiated included)", 2);
            w.Comment("in the hours attributed to the shift (each hour to the latest-starting shift on duty). Real staffing is higher;", 2);
            w.Comment("give it with calibrate --officers-per-shift or search it with calibrate --fit-staffing.", 2);
        }
        else
        {
            w.Comment("officers per shift as given (not estimated from the data)", 2);
        }
        w.Line("  shifts:");
        foreach (var s in r.Shifts)
            w.Line($"    - {{ name: {Q(s.Name)}, start: \"{s.Start}\", hours: {N(s.Hours, 2)}, officers: {s.Officers} }}  # {s.Source ?? (s.Estimated ? "estimated" : "given")}; peak hourly busy officers {N(s.PeakBusyOfficers, 1)}");

        w.Line("policy:");
        w.Comment("not in CAD data: all one-officer cars, no backup rule beyond each type's officers, closest unit", 2);
        w.Line("  crew: { twoOfficerShare: 0.0 }");
        w.Line("  backup: { rule: none, engage: alone }");
        var holds = r.CallHandling?.Holds ?? [];
        if (holds.Count == 0)
        {
            w.Line("  dispatch: { rule: closest }");
        }
        else
        {
            var proc = r.CallHandling!.DispatchProcessing!;
            w.Line("  dispatch:");
            w.Line("    rule: closest");
            w.Comment("holdMinutes (FITTED): a call of these priorities waits at least a drawn hold after it is ready before a unit is sent.", 4);
            w.Comment($"Evidence: with no other call waiting for dispatch (low load), their queued -> dispatched median is at least {N(CallHandlingFit.HoldMinRatio, 1)} x P{proc.Priority}'s", 4);
            w.Comment($"({N(proc.DispatchAtLowLoad.Observed.P50, 2)} min), so they are held (stacked), not processed. Hold = each low-load time minus the processing mean", 4);
            w.Comment($"({N(proc.DispatchAtLowLoad.Observed.Mean, 2)} min), floored at 0; written as that whole sample (empirical: 20-50 quantiles lose the far tail's", 4);
            w.Comment("share of the mean, and the lognormal over-weights it).", 4);
            w.Comment("Fitted at low load only, so congestion is left to the staffing: the hold is a per-priority distribution, not a per-hour constant.", 4);
            w.Comment("reserve cut-off (policy.dispatch.reserve): not fitted and not written. A reserve would show as the least urgent calls' delay rising", 4);
            w.Comment("faster with the number of calls in service than the others'; in Alexandria it does not (docs/calibration.md, section 2).", 4);
            w.Line("    holdMinutes:");
            foreach (var h in holds)
            {
                var o = h.LowLoad.Observed;
                w.Comment($"P{h.Priority}: low-load queued -> dispatched n {o.N}, median {N(o.P50, 2)}, mean {N(o.Mean, 2)}, p90 {N(o.P90, 2)} min; hold median {N(h.Hold.Quantiles[h.Hold.Quantiles.Count / 2], 2)}, mean {N(h.Hold.Mean, 2)} min", 6);
                w.Line($"      {h.Priority}: {Dist(h.Hold)}");
            }
        }
        return w.ToString();
    }

    /// <summary>The <c>city:</c> section: a zones file or a rectangle of beats, their weights, the call locations file.</summary>
    private static void WriteCity(Writer w, CityFit c)
    {
        w.Line("city:");
        w.Comment($"size: {c.Note}", 2);
        foreach (var note in c.CoordinateNotes) w.Comment("coordinates: " + note, 2);
        w.Comment($"demand weights: {c.WeightsNote}", 2);
        if (c.ZonesFile is { } file)
        {
            var o = c.ZoneOptions;
            var d = PatrolSim.Geography.ZoneFileOptions.Default;
            var keys = new List<string> { $"file: {Q(file)}" };
            if (o.IdProperty != d.IdProperty) keys.Add($"idProperty: {Q(o.IdProperty)}");
            if (o.WeightProperty != d.WeightProperty) keys.Add($"weightProperty: {Q(o.WeightProperty)}");
            if (o.DistrictProperty != d.DistrictProperty) keys.Add($"districtProperty: {Q(o.DistrictProperty)}");
            if (o.ProjectedUnitMetres != d.ProjectedUnitMetres) keys.Add($"unitMetres: {o.ProjectedUnitMetres.ToString("R", CultureInfo.InvariantCulture)}");
            if (c.ZoneWeights is null)
            {
                w.Line($"  zones: {{ {string.Join(", ", keys)} }}");
            }
            else
            {
                w.Line("  zones:");
                foreach (var key in keys) w.Line("    " + key);
                w.Line($"    weights: {{ {string.Join(", ", c.ZoneWeights.Select(z => $"{Q(z.Id)}: {N(z.Weight, 4)}"))} }}");
            }
        }
        else
        {
            w.Line($"  widthKm: {N(c.WidthKm, 2)}");
            w.Line($"  heightKm: {N(c.HeightKm, 2)}");
            w.Comment("beats: a grid, not fitted; give the department's own beats with calibrate --zones FILE.geojson", 2);
            w.Line(c.BeatWeights is { } weights
                ? $"  beats: {{ rows: {c.BeatRows}, cols: {c.BeatCols}, weights: [{string.Join(", ", weights.Select(x => N(x, 4)))}] }}"
                : $"  beats: {{ rows: {c.BeatRows}, cols: {c.BeatCols} }}");
        }

        if (c.CallPointsFile is { } points && c.CallPoints.Count > 0)
        {
            w.Comment($"calls happen at the {c.CallPoints.Count} observed locations of the citizen calls, drawn uniformly within their zone, so busy corners stay busy", 2);
            w.Line($"  callPoints: {Q(points)}");
        }
    }

    /// <summary>The <c>travel:</c> section: fitted (<see cref="TravelFit"/>), or defaults when the data have too few trips.</summary>
    private static void WriteTravel(Writer w, TravelFit? t)
    {
        w.Line("travel:");
        if (t is null)
        {
            w.Comment("NOT fitted (the data have too few trips: no dispatched/en-route and arrival times): defaults; compare responses with fit-check", 2);
            w.Line("  model: manhattan");
            w.Line("  detour: 1.3");
            w.Line("  turnoutMinutes: 1.0");
            w.Line("  speedKmh: { 1: 60, 2: 45, 3: 40 }");
            return;
        }

        var o = t.Observed;
        var trip = o.FromEnRoute ? "en route -> on scene" : "dispatched -> on scene (no en-route times: turnout is inside the trip)";
        w.Comment($"FITTED by simulation to the data's trips ({trip}; citizen calls; docs/geography.md, \"How travel is fitted\"):", 2);
        w.Comment("trip = curve(detour x straight-line distance) x hour factor x noise + delay, or none for a unit already at the scene.", 2);
        w.Comment($"Each simulation: the data's days, {t.Replications} replications, seed {t.Seed}; the closest to the data of {t.Steps.Count} (simulation {t.Iterations}). Observed vs simulated trips,", 2);
        w.Comment("median / p90 of all trips (min) and the share of units already at the scene (a trip under 15 s):", 2);
        foreach (var p in o.Trips.Keys)
        {
            var obs = o.Trips[p];
            var sim = t.Simulated.GetValueOrDefault(p);
            w.Comment($"P{p}: n {obs.All.N}: {N(obs.All.P50, 2)} / {N(obs.All.P90, 2)}, at scene {N(100 * obs.AtSceneShare, 1)}%"
                      + (sim is null ? "" : $" vs {N(sim.All.P50, 2)} / {N(sim.All.P90, 2)}, {N(100 * sim.AtSceneShare, 1)}%")
                      + (obs.All.N < TravelObservations.MinTrips ? $" (fewer than {TravelObservations.MinTrips} trips: not fitted)" : ""), 2);
        }

        w.Line("  model: curve");
        w.Line("  distance: euclidean");
        w.Comment("detour and acceleration are NOT fitted: trip times without routes show only detour / speed and v / a; typical values, held fixed", 2);
        w.Line($"  detour: {N(t.Detour, 3)}");
        w.Line($"  accelerationMps2: {N(t.AccelerationMps2, 3)}");
        w.Comment(o.FromEnRoute
            ? "turnout: each priority's observed median dispatched -> en route (a constant in the model): " + string.Join("; ", o.Turnout.Select(kv => $"P{kv.Key} n {kv.Value.N}, median {N(kv.Value.P50, 3)}, mean {N(kv.Value.Mean, 2)}, p90 {N(kv.Value.P90, 2)} min"))
            : "turnout: not in the data (no en-route times), so 0: the fitted trip includes it", 2);
        w.Line($"  turnoutMinutes: {{ {string.Join(", ", t.Priorities.Select(p => $"{p.Priority}: {N(p.TurnoutMinutes, TravelFit.Decimals.Turnout)}"))} }}");
        w.Comment("cruise speed of each priority, fitted to its trips (quartiles, p90, mean of the moving ones) with the noise and the delay", 2);
        var copied = t.Priorities.Where(p => p.CopiedFrom is not null).ToArray();
        if (copied.Length > 0)
            w.Comment("priorities with too few trips take the nearest fitted priority's travel: " + string.Join(", ", copied.Select(p => $"P{p.Priority} from P{p.CopiedFrom}")), 2);
        w.Line($"  speedKmh: {{ {string.Join(", ", t.Priorities.Select(p => $"{p.Priority}: {N(p.SpeedKmh, TravelFit.Decimals.Speed)}"))} }}");
        w.Comment($"noise on the driving time: fitted with P{t.NoisePriority}'s speed on its trips, P{t.NoisePriority} having no delay (an emergency: nobody finishes first)", 2);
        w.Line($"  noiseCv: {N(t.NoiseCv, TravelFit.Decimals.Noise)}");
        w.Comment("hourFactors: the data's trip time by hour of day over its priority's median (pooled, 1-2-1 smoothed), rescaled by simulation", 2);
        w.Comment("until the simulated hours agree (what the simulation's own distances by hour do not explain: traffic); mean 1 over the data's trips", 2);
        w.Line($"  hourFactors: [{string.Join(", ", t.HourFactors.Select(h => N(h, TravelFit.Decimals.HourFactor)))}]");
        var delays = t.Priorities.Where(p => p.HasDelay).ToArray();
        if (delays.Length > 0)
        {
            w.Comment("delay before arriving, by priority (units finishing what they do, driving without hurry): lognormal, fitted with the speed", 2);
            w.Line("  delayMinutes:");
            foreach (var p in delays)
                w.Line($"    {p.Priority}: {{ dist: lognormal, mean: {N(p.DelayMeanMinutes, TravelFit.Decimals.DelayMean)}, cv: {N(p.DelayCv, TravelFit.Decimals.DelayCv)} }}");
        }

        var atScene = t.Priorities.Where(p => p.AtSceneShare > 0).ToArray();
        if (atScene.Length > 0)
        {
            w.Comment("share of units sent that are already at the scene (no trip): the observed share of trips under 15 s, rescaled by simulation", 2);
            w.Comment("(a call with several units more often has one there)", 2);
            w.Line($"  atSceneShare: {{ {string.Join(", ", atScene.Select(p => $"{p.Priority}: {N(p.AtSceneShare, TravelFit.Decimals.AtScene)}"))} }}");
        }
    }

    /// <summary>The <c>callHandling:</c> section: intake by priority (lognormal) and processing (the low-load dispatch of the most urgent priority).</summary>
    private static void WriteCallHandling(Writer w, CallHandlingFit? h)
    {
        if (h?.PooledIntake is not { } pooled || pooled.LogNormal.Kind == DurationFitKind.Default) return;
        w.Line("callHandling:");
        w.Comment("FITTED from the queued column (citizen calls): intake = received -> queued (call-taking and entry), lognormal by maximum", 2);
        w.Comment($"likelihood over the positive times (zeros left out), per priority with at least {CallHandlingFit.MinIntakeSamples} times, else the pooled fit (default).", 2);
        w.Line("  intakeMinutes:");
        foreach (var p in h.Priorities.Where(p => p.Intake.Observed.N >= CallHandlingFit.MinIntakeSamples && p.Intake.LogNormal.Kind != DurationFitKind.Default))
        {
            w.Comment($"P{p.Priority}: {DescribeInterval(p.Intake)}", 4);
            w.Line($"    {p.Priority}: {LogNormal(p.Intake.LogNormal)}");
        }
        w.Comment($"pooled: {DescribeInterval(pooled)}", 4);
        w.Line($"    default: {LogNormal(pooled.LogNormal)}");
        if (h.DispatchProcessing is { } proc && proc.DispatchAtLowLoad.LogNormal.Kind != DurationFitKind.Default)
        {
            w.Comment($"processing = dispatcher's time from ready (and a unit free) to dispatch: the low-load queued -> dispatched of P{proc.Priority}, the most urgent", 2);
            w.Comment($"priority with at least {CallHandlingFit.MinProcessingSamples} times ({h.LowLoad}); {DescribeInterval(proc.DispatchAtLowLoad)}", 2);
            w.Line($"  processingMinutes: {LogNormal(proc.DispatchAtLowLoad.LogNormal)}");
        }
    }

    private static string DescribeInterval(IntervalFit f) =>
        $"n {f.Observed.N}, zeros {N(100 * f.ZeroShare, 1)}%, median {N(f.Observed.P50, 2)}, mean {N(f.Observed.Mean, 2)}, p90 {N(f.Observed.P90, 2)} min; lognormal mean {N(f.LogNormal.Mean, 2)}, cv {N(f.LogNormal.Cv, 2)}, KS {N(f.LogNormal.KsDistance, 3)}";

    private static string LogNormal(DurationFit f) => $"{{ dist: lognormal, mean: {N(f.Mean, 3)}, cv: {N(f.Cv, 3)} }}";

    private static string Describe(DurationFit f, CalibrationResult r)
    {
        var meanError = Math.Abs((f.Kind == DurationFitKind.LogNormal ? f.Mean : f.LogNormalMean) - f.SampleMean) / f.SampleMean;
        var rule = $"(lognormal kept when KS <= {N(r.KsThreshold, 3)} and its mean is within {N(100 * r.MaxMeanError, 1)}% of the sample mean)";
        var text = f.Kind switch
        {
            DurationFitKind.LogNormal =>
                $"lognormal by maximum likelihood: mu {N(f.Mu, 3)}, sigma {N(f.Sigma, 3)} (log minutes), n {f.N}; mean {N(f.Mean, 1)} min vs sample {N(f.SampleMean, 1)} ({N(100 * meanError, 1)}% off), cv {N(f.Cv, 2)}; KS distance {N(f.KsDistance, 3)}; kept {rule}",
            DurationFitKind.Empirical =>
                $"EMPIRICAL, {f.Quantiles.Count} quantiles at (i+0.5)/{f.Quantiles.Count}: the lognormal fit (mu {N(f.Mu, 3)}, sigma {N(f.Sigma, 3)}) has KS distance {N(f.KsDistance, 3)} and mean {N(f.LogNormalMean, 1)} min vs sample {N(f.SampleMean, 1)} ({N(100 * meanError, 1)}% off) {rule}; n {f.N}, cv {N(f.Cv, 2)}",
            _ => $"no on-scene times in the data: default exponential, mean {N(f.Mean, 1)} min; set by hand",
        };
        return text + (f.Excluded > 0 ? $"; {f.Excluded} zero or over-long times left out" : "") + (f.Note is null ? "" : $"; {f.Note}");
    }

    private static string Dist(DurationFit f) => f.Kind switch
    {
        DurationFitKind.LogNormal => $"{{ dist: lognormal, mean: {N(f.Mean, 2)}, cv: {N(f.Cv, 3)} }}",
        DurationFitKind.Empirical => $"{{ dist: empirical, values: [{string.Join(", ", f.Quantiles.Select(v => N(v, 2)))}] }}",
        _ => $"{{ dist: exponential, mean: {N(f.Mean, 2)} }}",
    };

    /// <summary>Rounded to <paramref name="decimals"/>, no exponent, no trailing zeros, invariant culture.</summary>
    internal static string N(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // no "-0"
        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A YAML double-quoted string.</summary>
    internal static string Q(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                _ when char.IsControl(c) => sb.Append(' '),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public void Line(string text) => _sb.Append(text).Append('\n');

        public void Comment(string text, int indent = 0) =>
            Line(new string(' ', indent) + "# " + text.Replace('\n', ' ').Replace('\r', ' '));

        public override string ToString() => _sb.ToString();
    }
}
