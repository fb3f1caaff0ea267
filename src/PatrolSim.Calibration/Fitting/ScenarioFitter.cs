using System.Globalization;
using MathNet.Numerics.Statistics;
using PatrolSim.Calibration.Cad;

namespace PatrolSim.Calibration.Fitting;

/// <summary>Fits a scenario (volume, weekly profile, priority mix, call types, on-scene times, units per call, self-initiated rate, staffing) to CAD calls.</summary>
public static class ScenarioFitter
{
    /// <summary>Fits the calls of a read, adding the read summary, bad rows and mapping to the result's notes.</summary>
    public static CalibrationResult Fit(CadReadResult read, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var notes = new List<string> { read.Summary };
        notes.AddRange(read.Report.Describe().Select(line => "  " + line));
        notes.Add("column mapping:");
        notes.AddRange(read.Mapping.Describe().Select(line => "  " + line));
        var result = Fit(read.Calls, options, read.SourceName);
        var rule = string.Join(" or ", read.Mapping.SelfInitiatedRules);
        return result with
        {
            ReadNotes = notes,
            SelfInitiated = result.SelfInitiated is { } si ? si with { Rule = rule } : null,
        };
    }

    /// <summary>Fits calls (those matching the self-initiated rule become <c>selfInitiated</c>, the rest the demand).</summary>
    public static CalibrationResult Fit(IReadOnlyList<CadCall> calls, FitOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        options ??= FitOptions.Default;
        if (calls.Count == 0)
            throw new ArgumentException("no calls to fit: every row was rejected or excluded.", nameof(calls));

        var window = ObservationWindow.Of(calls.Select(c => c.Received));
        var start = DateOnly.FromDateTime(window.Start);
        var end = DateOnly.FromDateTime(window.End.AddTicks(-1));
        var days = options.PeriodDays ?? window.Days;
        var citizen = calls.Where(c => !c.SelfInitiated).ToArray();
        var selfInitiated = calls.Where(c => c.SelfInitiated).ToArray();
        if (citizen.Length == 0)
            throw new ArgumentException("every call matched the self-initiated rule: no citizen calls left to fit.", nameof(calls));

        var anyArrival = calls.Any(c => c.Arrived.HasValue);
        var anyUnits = calls.Any(c => c.Units.HasValue);
        bool GotUnit(CadCall c) => !anyArrival || c.Arrived.HasValue;
        var maxMinutes = options.MaxOnSceneHours * 60;

        DurationFit FitMinutes(IEnumerable<CadCall> group) => DurationFit.Fit(
            group.Select(OnSceneMinutes).OfType<double>(), maxMinutes, options.KsThreshold, options.EmpiricalPoints, options.DefaultOnSceneMinutes, options.MaxMeanError);

        var pooled = FitMinutes(citizen.Where(GotUnit));
        var priorities = new List<PriorityFit>();
        foreach (var group in citizen.GroupBy(c => c.Priority).OrderBy(g => g.Key))
        {
            var withUnit = group.Where(GotUnit).ToArray();
            var onScene = FitMinutes(withUnit);
            if (onScene.N < options.MinSamplesPerFit && pooled.N >= options.MinSamplesPerFit)
                onScene = pooled with { Note = string.Create(CultureInfo.InvariantCulture, $"pooled over all priorities: only {onScene.N} on-scene times for P{group.Key}") };
            var (units, unitsSource) = UnitsPerCall(withUnit, anyUnits, options.MultiUnitGapSeconds);
            priorities.Add(new PriorityFit(
                group.Key, group.Count(), (double)group.Count() / citizen.Length,
                1 - ((double)withUnit.Length / group.Count()),
                units, unitsSource, onScene,
                Median(group.Select(ObservedIntervals.QueueDelayMinutes)), Median(group.Select(ObservedIntervals.ResponseMinutes))));
        }

        var callTypes = BuildCallTypes(citizen, priorities, options.MaxCallTypes, GotUnit);
        var (profile, profileMethod) = WeeklyProfile(citizen, window.HourOfWeekOccurrences(), options.ProfileSmoothingHours);

        var byPriority = priorities.ToDictionary(p => p.Priority);
        double BusyMinutesFallback(CadCall c) =>
            byPriority.TryGetValue(c.Priority, out var p) ? p.OnScene.Mean : pooled.Mean;
        int Officers(CadCall c) => anyUnits
            ? Math.Max(1, c.Units ?? 1)
            : c.Closed is { } closed && c.Cleared is { } cleared && (closed - cleared).TotalSeconds > options.MultiUnitGapSeconds ? 2 : 1;
        var busyCitizen = citizen.Where(GotUnit).Select(c => Busy(c, Officers(c), BusyMinutesFallback(c), maxMinutes)).OfType<BusyInterval>().ToArray();
        var busySelf = selfInitiated.Select(c => Busy(c, Officers(c), BusyMinutesFallback(c), maxMinutes)).OfType<BusyInterval>().ToArray();
        var periodStart = start.ToDateTime(TimeOnly.MinValue);
        var hours = (int)Math.Ceiling((options.PeriodDays ?? (end.DayNumber - start.DayNumber + 1)) * 24); // whole calendar days
        var busyByHour = BusyByHour(busyCitizen.Concat(busySelf), periodStart, hours);
        var shifts = Staff(options.Shifts, busyByHour, periodStart);

        SelfInitiatedFit? self = null;
        if (selfInitiated.Length > 0)
        {
            var onDuty = shifts.Sum(s => s.Officers * s.Hours) * days;
            var busyCitizenHours = BusyByHour(busyCitizen, periodStart, hours).Sum();
            var idle = Math.Max(onDuty - busyCitizenHours, onDuty * 0.05);
            self = new SelfInitiatedFit(selfInitiated.Length, selfInitiated.Length / days, selfInitiated.Length / idle, idle,
                FitMinutes(selfInitiated.Where(GotUnit)), "");
        }

        var city = CityFitter.Fit(calls, options);
        return new CalibrationResult
        {
            Name = options.Name ?? (sourceName is null ? "Calibrated from CAD data" : $"Calibrated from {sourceName}"),
            SourceName = sourceName,
            PeriodStart = start,
            PeriodEnd = end,
            PeriodDays = days,
            TotalCalls = calls.Count,
            CitizenCalls = citizen.Length,
            WeeklyProfile = profile,
            ProfileMethod = profileMethod,
            Priorities = priorities,
            CallTypes = callTypes,
            SelfInitiated = self,
            CallHandling = CallHandlingFit.Fit(calls, options.LowLoadMaxWaiting),
            Shifts = shifts,
            City = city,
            KsThreshold = options.KsThreshold,
            MaxMeanError = options.MaxMeanError,
            HorizonDays = options.HorizonDays,
            WarmupDays = options.WarmupDays,
        };
    }

    /// <summary>Arrived → closed (or, without a close time, → first cleared), in minutes; null when either is missing.</summary>
    public static double? OnSceneMinutes(CadCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Arrived is not { } arrived) return null;
        var end = call.Closed ?? call.Cleared;
        return end is { } e ? (e - arrived).TotalMinutes : null;
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var minutes = values.OfType<double>().ToArray();
        return minutes.Length == 0 ? null : minutes.Median();
    }

    private static (double Mean, string Source) UnitsPerCall(CadCall[] withUnit, bool anyUnits, double gapSeconds)
    {
        if (withUnit.Length == 0) return (1, "no calls with a unit: 1 assumed");
        if (anyUnits)
        {
            var counted = withUnit.Where(c => c.Units.HasValue).ToArray();
            if (counted.Length > 0)
                return (counted.Average(c => Math.Max(1, c.Units!.Value)), "unit-count column");
        }
        var known = withUnit.Where(c => c.Closed.HasValue && c.Cleared.HasValue).ToArray();
        if (known.Length == 0) return (1, "no unit count and no cleared/closed times: 1 assumed");
        var multi = known.Count(c => (c.Closed!.Value - c.Cleared!.Value).TotalSeconds > gapSeconds);
        return (1 + ((double)multi / known.Length),
            string.Create(CultureInfo.InvariantCulture, $"proxy: 1 + share of calls still open {gapSeconds:0.#} s after the first unit cleared"));
    }

    private static List<FittedCallType> BuildCallTypes(CadCall[] citizen, List<PriorityFit> priorities, int maxTypes, Func<CadCall, bool> gotUnit)
    {
        var groups = citizen
            .GroupBy(c => (Type: c.CallType ?? "", c.Priority))
            .Select(g => (g.Key.Type, g.Key.Priority, Calls: g.ToArray()))
            .OrderByDescending(g => g.Calls.Length).ThenBy(g => g.Priority).ThenBy(g => g.Type, StringComparer.Ordinal)
            .ToList();
        var named = groups.Where(g => g.Type.Length > 0).Take(maxTypes).ToList();
        var rest = groups.Except(named)
            .GroupBy(g => g.Priority)
            .Select(g => (Type: named.Count == 0 && groups.All(x => x.Type.Length == 0) ? "" : "other", Priority: g.Key, Calls: g.SelectMany(x => x.Calls).ToArray()));
        var result = new List<FittedCallType>();
        var byPriority = priorities.ToDictionary(p => p.Priority);
        foreach (var (type, priority, calls) in named.Concat(rest).OrderBy(g => g.Priority).ThenBy(g => g.Type == "other" ? 1 : 0).ThenByDescending(g => g.Calls.Length).ThenBy(g => g.Type, StringComparer.Ordinal))
        {
            var fit = byPriority[priority];
            var share = (double)calls.Length / citizen.Length;
            var noUnit = 1 - ((double)calls.Count(gotUnit) / calls.Length);
            var label = type.Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $"P{priority}")
                : string.Create(CultureInfo.InvariantCulture, $"{type} P{priority}");
            if (noUnit > 0)
                result.Add(new FittedCallType(label + ", no unit", share * noUnit, priority, fit.OnScene, 1, false, type, calls.Length));
            // Integer officers: a mean m of units per call becomes floor(m) and floor(m)+1 officers with shares keeping the mean.
            var low = Math.Max(1, (int)Math.Floor(fit.UnitsPerCall));
            var high = Math.Clamp(fit.UnitsPerCall - low, 0, 1);
            foreach (var (officers, part) in new[] { (low, 1 - high), (low + 1, high) })
            {
                if (part <= 0 || noUnit >= 1) continue;
                var name = string.Create(CultureInfo.InvariantCulture, $"{label}, {officers} officer{(officers == 1 ? "" : "s")}");
                result.Add(new FittedCallType(name, share * (1 - noUnit) * part, priority, fit.OnScene, officers, true, type, calls.Length));
            }
        }
        return result;
    }

    /// <summary>
    /// Citizen calls per weekday-hour (hour 0 = Monday 00:00) divided by how often that hour of week is covered
    /// (<paramref name="occurrences"/>, from <see cref="ObservationWindow"/>), smoothed with a circular triangular kernel of
    /// half-width h hours (weights h+1−|k|) and normalised to mean 1. Hours of week never covered take the mean over the
    /// weekdays on which that hour of day is covered.
    /// </summary>
    internal static (double[] Profile, string Method) WeeklyProfile(IEnumerable<CadCall> calls, IReadOnlyList<double> occurrences, int halfWidth)
    {
        var counts = new double[168];
        foreach (var c in calls) counts[ObservationWindow.HourOfWeek(c.Received)]++;
        var rate = new double[168];
        var hourlySum = new double[24];
        var hourlyDays = new int[24];
        for (var w = 0; w < 168; w++)
        {
            if (occurrences[w] <= 0) continue;
            rate[w] = counts[w] / occurrences[w];
            hourlySum[w % 24] += rate[w];
            hourlyDays[w % 24]++;
        }
        var absentDays = Enumerable.Range(0, 7).Count(d => Enumerable.Range(d * 24, 24).All(w => occurrences[w] <= 0));
        for (var w = 0; w < 168; w++)
            if (occurrences[w] <= 0) rate[w] = hourlyDays[w % 24] > 0 ? hourlySum[w % 24] / hourlyDays[w % 24] : 0;

        var smoothed = SmoothCircular(rate, halfWidth);
        var mean = smoothed.Average();
        var profile = smoothed.Select(v => mean > 0 ? v / mean : 1).ToArray();
        var method = halfWidth == 0
            ? "calls per weekday-hour / occurrences of that weekday-hour, not smoothed, mean 1"
            : string.Create(CultureInfo.InvariantCulture,
                $"calls per weekday-hour / occurrences of that weekday-hour, smoothed across adjacent hours (circular triangular kernel, half-width {halfWidth} h, weights {string.Join("-", Enumerable.Range(-halfWidth, (2 * halfWidth) + 1).Select(k => halfWidth + 1 - Math.Abs(k)))}), mean 1");
        if (absentDays > 0) method += $"; {absentDays} weekday(s) absent from the period take the mean hourly shape";
        return (profile, method);
    }

    /// <summary>
    /// <paramref name="values"/> as a circle (the last next to the first), each replaced by the average over itself and
    /// its <paramref name="halfWidth"/> neighbours on each side, weighted by a triangular kernel (h + 1 − |k|).
    /// </summary>
    internal static double[] SmoothCircular(IReadOnlyList<double> values, int halfWidth)
    {
        var n = values.Count;
        var smoothed = new double[n];
        for (var w = 0; w < n; w++)
        {
            double sum = 0, weight = 0;
            for (var k = -halfWidth; k <= halfWidth; k++)
            {
                var kw = halfWidth + 1 - Math.Abs(k);
                sum += kw * values[(((w + k) % n) + n) % n];
                weight += kw;
            }
            smoothed[w] = sum / weight;
        }
        return smoothed;
    }

    private readonly record struct BusyInterval(DateTime From, DateTime To, int Officers);

    /// <summary>Dispatched (else en route, else arrived) → closed (else cleared, else arrival + the priority's mean on-scene).</summary>
    private static BusyInterval? Busy(CadCall c, int officers, double fallbackMinutes, double maxMinutes)
    {
        var from = c.Dispatched ?? c.EnRoute ?? c.Arrived;
        if (from is not { } f) return null;
        var to = c.Closed ?? c.Cleared ?? (c.Arrived is { } a ? a + TimeSpan.FromMinutes(fallbackMinutes) : null);
        if (to is not { } t || t <= f || (t - f).TotalMinutes > maxMinutes) return null;
        return new BusyInterval(c.Received + f, c.Received + t, officers);
    }

    /// <summary>Mean number of busy officers in each clock hour from <paramref name="start"/>.</summary>
    private static double[] BusyByHour(IEnumerable<BusyInterval> intervals, DateTime start, int hours)
    {
        var busy = new double[hours];
        foreach (var b in intervals)
        {
            var from = Math.Max(0, (b.From - start).TotalHours);
            var to = Math.Min(hours, (b.To - start).TotalHours);
            for (var h = (int)Math.Floor(from); h < to && h < hours; h++)
                busy[h] += (Math.Min(to, h + 1) - Math.Max(from, h)) * b.Officers;
        }
        return busy;
    }

    /// <summary>
    /// Officers per shift: given, or estimated as the ceiling of the highest hourly mean of busy officers over the hours
    /// attributed to the shift (each hour of day goes to the latest-starting shift on duty then).
    /// </summary>
    private static List<ShiftFit> Staff(IReadOnlyList<ShiftSpec> shifts, double[] busyByHour, DateTime start)
    {
        var owner = ShiftOfHour(shifts);
        var peak = new double[shifts.Count];
        for (var i = 0; i < busyByHour.Length; i++)
        {
            var s = owner[start.AddHours(i).Hour];
            if (s >= 0) peak[s] = Math.Max(peak[s], busyByHour[i]);
        }
        return shifts.Select((s, i) => new ShiftFit(s.Name, s.Start, s.Hours,
            s.Officers ?? Math.Max(1, (int)Math.Ceiling(peak[i] - 1e-9)), s.Officers is null, peak[i])).ToList();
    }

    /// <summary>The shift each hour of the day is attributed to: the latest-starting shift on duty then (−1 when none is).</summary>
    public static int[] ShiftOfHour(IReadOnlyList<ShiftSpec> shifts)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        var owner = new int[24];
        for (var h = 0; h < 24; h++)
        {
            owner[h] = -1;
            var best = int.MaxValue;
            for (var s = 0; s < shifts.Count; s++)
            {
                var since = ((h * 60) - shifts[s].StartMinute + 1440) % 1440;
                if (since < shifts[s].Hours * 60 && since < best)
                {
                    best = since;
                    owner[h] = s;
                }
            }
        }
        return owner;
    }
}
