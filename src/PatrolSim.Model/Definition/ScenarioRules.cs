using System.Globalization;

namespace PatrolSim.Model.Definition;

/// <summary>
/// The rules of a scenario that span keys or that the simulation relies on (a warm-up shorter than the horizon,
/// unique names, zones inside the city, dispatch preferences naming zones and units that exist, priorities that
/// call types have, calls that fit in memory), in one place. The YAML binder calls each part as it builds it and
/// attaches the file and line to each key path; <c>PatrolSimulation</c> checks a whole scenario built in code,
/// so both say the same thing. The range of each single key (a share between 0 and 1, a positive mean) is the
/// file schema's (<c>PatrolSim.Scenarios.ScenarioSchema</c>), which a scenario built in code is trusted to respect.
/// </summary>
public static partial class ScenarioRules
{
    /// <summary>
    /// The most calls one replication may expect. Memory grows with the calls of one replication (about 200 bytes
    /// each, measured: every call's record and its samples for the quantiles), times the replications running at
    /// once: five million calls is about 1 GB per replication; more is refused before anything runs instead of ending
    /// in an OutOfMemoryException.
    /// </summary>
    public const double MaxCallsPerReplication = 5_000_000;

    /// <summary>Every problem of <paramref name="s"/>, in the order of the file format's sections.</summary>
    public static IReadOnlyList<ScenarioProblem> Check(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var priorities = PrioritiesOf(s.Demand.CallTypes);
        return
        [
            .. OfHorizon(s.Horizon),
            .. OfCity(s.City),
            .. OfDemand(s.Demand),
            .. OfCallVolume(s.Horizon, s.Demand, s.Policy.Changes),
            .. OfStaffing(s.Staffing),
            .. OfEmployment(s.Employment),
            .. OfPolicy(s.Policy, s.City, s.Horizon, s.Staffing, priorities),
            .. OfCallHandling(s.CallHandling, priorities),
        ];
    }

    /// <summary>Throws <see cref="InvalidScenarioException"/> listing every problem of <paramref name="s"/>, if any.</summary>
    public static void ThrowIfInvalid(Scenario s)
    {
        var problems = Check(s);
        if (problems.Count > 0)
        {
            throw new InvalidScenarioException(problems);
        }
    }

    /// <summary>The priorities of the call types, ascending and distinct.</summary>
    public static IReadOnlyList<int> PrioritiesOf(IEnumerable<CallType> callTypes) => [.. callTypes.Select(t => t.Priority).Distinct().Order()];

    /// <summary>The warm-up ends before the horizon.</summary>
    public static IEnumerable<ScenarioProblem> OfHorizon(Horizon h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (h.WarmupDays >= h.Days)
        {
            yield return new("horizon.warmupDays", $"is {Number(h.WarmupDays)}; it must be less than horizon.days ({Number(h.Days)})");
        }
    }

    /// <summary>Zone ids are unique, zones lie inside the city, and some zone has demand.</summary>
    public static IEnumerable<ScenarioProblem> OfCity(City c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < c.Zones.Count; i++)
        {
            var z = c.Zones[i];
            string path = Index("city.zones", i);
            if (!ids.Add(z.Id))
            {
                ok = false;
                yield return new(path + ".id", UsedTwice(z.Id, "zone", "zone ids"));
            }

            if (z.XKm + z.WidthKm > c.WidthKm + 1e-9 || z.YKm + z.HeightKm > c.HeightKm + 1e-9)
            {
                ok = false;
                yield return new(path, $"zone '{z.Id}' reaches beyond the city ({Number(c.WidthKm)} × {Number(c.HeightKm)} km); make it smaller or the city larger");
            }
        }

        if (ok && c.Zones.All(z => z.Weight == 0))
        {
            yield return new("city", "every zone has weight 0; at least one zone must have demand");
        }
    }

    /// <summary>Call-type names are unique and some call type needs a unit.</summary>
    public static IEnumerable<ScenarioProblem> OfDemand(Demand d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < d.CallTypes.Count; i++)
        {
            if (!names.Add(d.CallTypes[i].Name))
            {
                ok = false;
                yield return new(Index("demand.callTypes", i) + ".name", UsedTwice(d.CallTypes[i].Name, "call type"));
            }
        }

        if (ok && d.CallTypes.All(t => !t.NeedsUnit))
        {
            yield return new("demand.callTypes", "every call type has needsUnit: false; at least one must need a unit");
        }
    }

    /// <summary>
    /// The calls a replication expects fit in memory (<see cref="MaxCallsPerReplication"/>): callsPerDay × multiplier
    /// over horizon.days, following the weekly profile (hour by hour: a short horizon at the busiest hours expects more
    /// than the daily mean), plus for every stretch of time inside demand windows (overlapping windows: the last one
    /// listed is in force, as in the simulation; clamped to the horizon) its multiplier − 1 times the base calls of
    /// that stretch. The simulation's own hard stop (<c>SimulationOptions.MaxCallsPerReplication</c>) is a little
    /// above, beyond the chance variation of an accepted scenario.
    /// </summary>
    public static IEnumerable<ScenarioProblem> OfCallVolume(Horizon h, Demand d, IReadOnlyList<PolicyChange> changes)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(changes);
        var calls = new ExpectedCalls(d);
        double end = h.Days * 1440;
        double baseCalls = calls.Between(0, end);
        if (baseCalls > MaxCallsPerReplication)
        {
            yield return new("demand.callsPerDay",
                $"gives {Count(baseCalls)} calls per replication (callsPerDay × multiplier over horizon.days, hour by hour of the weekly profile); at most {Count(MaxCallsPerReplication)} fit in memory (about 200 bytes each); simulate fewer days or a smaller demand");
            yield break;
        }

        var extra = new double[changes.Count];
        var cuts = new SortedSet<double> { 0, end };
        foreach (var c in changes.Where(c => c.Set.DemandMultiplier is not null))
        {
            cuts.Add(Math.Clamp(c.AtMinutes, 0, end));
            cuts.Add(Math.Clamp(c.AtMinutes + (c.DurationHours * 60), 0, end));
        }

        double from = 0;
        foreach (double to in cuts.Skip(1))
        {
            // The windows open over [from, to): the last one listed that sets the multiplier is in force.
            double mid = (from + to) / 2;
            for (int i = changes.Count - 1; i >= 0; i--)
            {
                var c = changes[i];
                if (c.Set.DemandMultiplier is { } m && c.AtMinutes <= mid && mid < c.AtMinutes + (c.DurationHours * 60))
                {
                    extra[i] += (m - 1) * calls.Between(from, to);
                    break;
                }
            }

            from = to;
        }

        double total = baseCalls + extra.Sum();
        if (total > MaxCallsPerReplication)
        {
            int worst = Enumerable.Range(0, extra.Length).MaxBy(i => extra[i]);
            var w = changes[worst];
            yield return new($"{Index("policy.changes", worst)}.set.demand.multiplier",
                $"is {Number(w.Set.DemandMultiplier!.Value)} for {Number(w.DurationHours)} hours: with the demand windows a replication expects {Count(total)} calls (the base calls, plus each window's multiplier − 1 times the base calls of its hours; this window adds {Count(extra[worst])}); at most {Count(MaxCallsPerReplication)} fit in memory (about 200 bytes each); lower the window's multiplier or shorten it (durationHours)");
        }
    }

    /// <summary>The base calls expected between two times: callsPerDay × multiplier, hour by hour of the weekly profile (mean 1).</summary>
    private sealed class ExpectedCalls
    {
        private const int WeekHours = 168;
        private readonly double _perMinute;
        private readonly double[] _cumulative = new double[WeekHours + 1];

        public ExpectedCalls(Demand d)
        {
            _perMinute = d.CallsPerDay * d.Multiplier / 1440;
            var profile = d.WeeklyProfile;
            double mean = profile.Count == WeekHours ? profile.Average() : 0;
            for (int hour = 0; hour < WeekHours; hour++)
            {
                // A profile a simulation could not use (not 168 hours, all zero) counts as flat.
                double weight = mean > 0 ? profile[hour] / mean : 1;
                _cumulative[hour + 1] = _cumulative[hour] + (weight * 60);
            }
        }

        public double Between(double fromMinutes, double toMinutes) => _perMinute * (Weighted(toMinutes) - Weighted(fromMinutes));

        /// <summary>Profile-weighted minutes from time zero (Monday 00:00) to <paramref name="minutes"/>.</summary>
        private double Weighted(double minutes)
        {
            double weeks = Math.Floor(minutes / (WeekHours * 60));
            double rest = minutes - (weeks * WeekHours * 60);
            int hour = Math.Min((int)(rest / 60), WeekHours - 1);
            return (weeks * _cumulative[WeekHours]) + _cumulative[hour] + ((_cumulative[hour + 1] - _cumulative[hour]) * (rest - (hour * 60)) / 60);
        }
    }

    /// <summary>The meal break's window does not end before it starts; shift names are unique; some shift has officers.</summary>
    public static IEnumerable<ScenarioProblem> OfStaffing(Staffing st)
    {
        ArgumentNullException.ThrowIfNull(st);
        if (st.Break is { } b && b.LatestHours < b.EarliestHours)
        {
            yield return new("staffing.mealBreak.latestHours", $"is {Number(b.LatestHours)}, before earliestHours ({Number(b.EarliestHours)}); the break's window must not end before it starts");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < st.Shifts.Count; i++)
        {
            if (!names.Add(st.Shifts[i].Name))
            {
                ok = false;
                yield return new(Index("staffing.shifts", i) + ".name", UsedTwice(st.Shifts[i].Name, "shift"));
            }
        }

        if (ok && st.Shifts.All(s => s.Officers == 0))
        {
            yield return new("staffing.shifts", "no shift has any officers; give at least one shift officers > 0");
        }
    }

    /// <summary>An officer is not on duty more hours a year than the contract pays for (the council's units, docs/decisions.md).</summary>
    public static IEnumerable<ScenarioProblem> OfEmployment(Employment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.AvailableHoursPerOfficer is { } available && available > e.ContractHoursPerYear)
        {
            yield return new("staffing.availableHoursPerOfficer", $"is {Number(available)}, more than contractHoursPerYear ({Number(e.ContractHoursPerYear)}); an officer cannot be on duty more hours than scheduled: lower it or raise contractHoursPerYear");
        }
    }

    /// <summary>The dispatch rule's preferences, holding and reserve, the windows and preemption, against the rest of the scenario.</summary>
    /// <param name="p">The policy.</param>
    /// <param name="city">The city (its zone ids), or null when unknown: preferences' zones are not checked.</param>
    /// <param name="horizon">The horizon, or null when unknown: windows are not checked against it.</param>
    /// <param name="staffing">The staffing (the largest unit number), or null when unknown: unit numbers are not checked.</param>
    /// <param name="priorities">The call types' priorities (<see cref="PrioritiesOf"/>), or null when unknown.</param>
    public static IEnumerable<ScenarioProblem> OfPolicy(Policy p, City? city, Horizon? horizon, Staffing? staffing, IReadOnlyList<int>? priorities)
    {
        ArgumentNullException.ThrowIfNull(p);
        return [.. OfDispatch(p.Dispatch, city, staffing, priorities), .. OfChanges(p.Changes, horizon), .. OfPreemption(p.Preemption, priorities)];
    }

    /// <summary>Preferences name zones and units that exist, holding names call-type priorities, the reserve leaves units to send.</summary>
    public static IEnumerable<ScenarioProblem> OfDispatch(DispatchPolicy d, City? city, Staffing? staffing, IReadOnlyList<int>? priorities)
    {
        ArgumentNullException.ThrowIfNull(d);
        int? maxUnit = staffing?.MaxUnitNumber();
        var zoneIds = city?.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (zone, units) in d.Preferences)
        {
            string path = "policy.dispatch.preferences." + zone;
            if (zoneIds is not null && !zoneIds.Contains(zone))
            {
                string? guess = DidYouMean(zone, zoneIds);
                yield return new(path, $"'{zone}' is not a zone id{(guess is null ? "" : $" (did you mean '{guess}'?)")}; beats are numbered 1..rows×cols row by row", AtKey: true);
                continue;
            }

            for (int i = 0; i < units.Count; i++)
            {
                if (maxUnit is not null && (units[i] < 1 || units[i] > maxUnit))
                {
                    yield return new(Index(path, i), Invariant($"zone '{zone}' names unit {units[i]}, which can never exist; unit numbers run from 1 to {maxUnit} (the shifts' officers × staffing.scale, rounded, added up)"));
                }
            }
        }

        foreach (int priority in d.Hold?.Keys ?? Enumerable.Empty<int>())
        {
            if (priorities is not null && !priorities.Contains(priority))
            {
                string key = priority.ToString(CultureInfo.InvariantCulture);
                yield return new("policy.dispatch.holdMinutes." + key, NotACallTypePriority(key, priorities, null), AtKey: true);
            }
        }

        if (d.Reserve is { } r)
        {
            if (priorities is not null)
            {
                int most = priorities[0], least = priorities[^1];
                if (most == least)
                {
                    yield return new("policy.dispatch.reserve.fromPriority", Invariant($"is {r.FromPriority}; every call type has priority {most}, so there are no more urgent calls to keep units for; remove reserve or give call types different priorities"));
                }
                else if (r.FromPriority <= most || r.FromPriority > least)
                {
                    yield return new("policy.dispatch.reserve.fromPriority", Invariant($"is {r.FromPriority}; it must be between {most + 1} and {least}: above the most urgent call-type priority and at most the least urgent (call-type priorities: {List(priorities)})"));
                }
            }

            if (maxUnit is not null && r.KeepFreeUnits >= maxUnit)
            {
                yield return new("policy.dispatch.reserve.keepFreeUnits", Invariant($"is {r.KeepFreeUnits}; it must be less than {maxUnit}, the number of units that can exist at most, or the calls it holds back would never get a unit"));
            }
        }

        if (d.Rule == DispatchRule.Preference && d.Preferences.Count == 0)
        {
            yield return new("policy.dispatch.preferences", "is missing; dispatch rule 'preference' needs a list of unit numbers per zone, e.g. preferences: { \"1\": [1, 2, 3] }");
        }
    }

    /// <summary>Every window opens inside the horizon.</summary>
    public static IEnumerable<ScenarioProblem> OfChanges(IReadOnlyList<PolicyChange> changes, Horizon? horizon)
    {
        ArgumentNullException.ThrowIfNull(changes);
        for (int i = 0; i < changes.Count; i++)
        {
            if (horizon is not null && changes[i].AtMinutes >= horizon.Days * 1440)
            {
                yield return new(Index("policy.changes", i) + ".at", $"is after the horizon ({Number(horizon.Days)} days); the window would never open");
            }
        }
    }

    /// <summary>Preemption names priorities the call types have and takes units from something.</summary>
    public static IEnumerable<ScenarioProblem> OfPreemption(Preemption? p, IReadOnlyList<int>? priorities)
    {
        if (p is null)
        {
            yield break;
        }

        bool upToOk = true;
        if (priorities is not null && p.UpToPriority < priorities[0])
        {
            upToOk = false;
            yield return new("policy.preemption.upToPriority", Invariant($"is {p.UpToPriority}; no call type is that urgent (call-type priorities: {List(priorities)}); use {priorities[0]} or more"));
        }

        if (p.FromCallsAtPriority is { } from)
        {
            const string path = "policy.preemption.fromCallsAtPriority";
            if (upToOk && from <= p.UpToPriority)
            {
                yield return new(path, Invariant($"is {from}; it must be greater than upToPriority ({p.UpToPriority}), so that calls take units only from less urgent calls"));
            }
            else if (priorities is not null && from > priorities[^1])
            {
                yield return new(path, Invariant($"is {from}; no call type is that little urgent (call-type priorities: {List(priorities)}); use {priorities[^1]} or less"));
            }
        }
        else if (!p.SelfInitiated)
        {
            yield return new("policy.preemption", "takes units from nothing: selfInitiated is false and fromCallsAtPriority is not given; set one of them or remove preemption");
        }
    }

    /// <summary>Call-taking times are given for priorities the call types have.</summary>
    public static IEnumerable<ScenarioProblem> OfCallHandling(CallHandling c, IReadOnlyList<int>? priorities)
    {
        ArgumentNullException.ThrowIfNull(c);
        foreach (int priority in c.Intake.Keys)
        {
            if (priorities is not null && !priorities.Contains(priority))
            {
                string key = priority.ToString(CultureInfo.InvariantCulture);
                yield return new("callHandling.intakeMinutes." + key, NotACallTypePriority(key, priorities, "default"), AtKey: true);
            }
        }
    }
}
