using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments.Analytic;

/// <summary>The crew of one shift on duty in a block: officers (after scale), two-officer cars and units.</summary>
/// <param name="Shift">Shift name.</param>
/// <param name="Officers">Officers on duty (officers × scale, rounded as the model does).</param>
/// <param name="TwoOfficerCars">round(officers × share / 2), at most officers / 2.</param>
/// <param name="Units">Cars: officers − two-officer cars.</param>
public sealed record ShiftCrew(string Shift, int Officers, int TwoOfficerCars, int Units);

/// <summary>
/// A maximal interval of the day (minutes after midnight; <see cref="EndMinute"/> may exceed 1440 when the
/// block wraps past midnight) during which the same set of shifts is on duty.
/// </summary>
/// <param name="StartMinute">Start, minutes after midnight (0 ≤ start &lt; 1440).</param>
/// <param name="EndMinute">End, minutes after the same midnight (start &lt; end ≤ start + 1440).</param>
/// <param name="Crews">The shifts on duty and their units, in scenario order.</param>
public sealed record StaffingBlock(double StartMinute, double EndMinute, IReadOnlyList<ShiftCrew> Crews)
{
    /// <summary>Length, hours.</summary>
    public double Hours => (EndMinute - StartMinute) / 60;

    /// <summary>Units (cars) on duty.</summary>
    public int Units => Crews.Sum(c => c.Units);

    /// <summary>Officers on duty.</summary>
    public int Officers => Crews.Sum(c => c.Officers);

    /// <summary>Two-officer cars on duty.</summary>
    public int TwoOfficerCars => Crews.Sum(c => c.TwoOfficerCars);

    /// <summary>"HH:MM–HH:MM".</summary>
    public string Label => $"{Clock(StartMinute)}–{Clock(EndMinute)}";

    /// <summary>Shift names joined by "+".</summary>
    public string ShiftNames => Crews.Count == 0 ? "(none)" : string.Join("+", Crews.Select(c => c.Shift));

    private static string Clock(double minute)
    {
        int m = (int)Math.Round(minute);
        if (m != 1440)
        {
            m %= 1440;
        }

        return FormattableString.Invariant($"{m / 60:00}:{m % 60:00}");
    }

    /// <summary>
    /// The staffing blocks of a scenario's day: the shift starts and ends (mod 24 h) cut the day into
    /// intervals; adjacent intervals with the same set of shifts on duty are merged, also across midnight.
    /// Shifts of 24 hours or more are on duty all day. Policy windows are ignored (base crew policy).
    /// </summary>
    public static IReadOnlyList<StaffingBlock> Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var shifts = scenario.Staffing.Shifts;
        var cuts = new SortedSet<double> { 0, 1440 };
        foreach (var sh in shifts)
        {
            if (sh.Hours < 24)
            {
                cuts.Add(Mod(sh.StartMinuteOfDay));
                cuts.Add(Mod(sh.StartMinuteOfDay + (sh.Hours * 60)));
            }
        }

        var points = cuts.ToArray();
        var segments = new List<(double Start, double End, bool[] OnDuty)>();
        for (int i = 0; i + 1 < points.Length; i++)
        {
            double mid = (points[i] + points[i + 1]) / 2;
            segments.Add((points[i], points[i + 1], [.. shifts.Select(sh => OnDuty(sh, mid))]));
        }

        // Merge neighbours with the same set on duty.
        var merged = new List<(double Start, double End, bool[] OnDuty)>();
        foreach (var seg in segments)
        {
            if (merged.Count > 0 && merged[^1].OnDuty.SequenceEqual(seg.OnDuty))
            {
                merged[^1] = (merged[^1].Start, seg.End, seg.OnDuty);
            }
            else
            {
                merged.Add(seg);
            }
        }

        // Across midnight: the last block continues into the first.
        if (merged.Count > 1 && merged[^1].OnDuty.SequenceEqual(merged[0].OnDuty))
        {
            var last = merged[^1];
            merged[0] = (last.Start, 1440 + merged[0].End, last.OnDuty);
            merged.RemoveAt(merged.Count - 1);
        }

        var blocks = merged.Select(m => new StaffingBlock(m.Start, m.End,
            [.. shifts.Where((_, i) => m.OnDuty[i]).Select(sh => Crew(scenario, sh))])).ToList();
        blocks.Sort((a, b) => Mod(a.StartMinute).CompareTo(Mod(b.StartMinute)));
        return blocks;
    }

    /// <summary>The units a shift forms under the base crew policy, as the model forms them.</summary>
    public static ShiftCrew Crew(Scenario scenario, Shift shift)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(shift);
        int officers = scenario.Staffing.OfficersOf(shift);
        double share = Staffing.TwoOfficerShareOf(shift, scenario.Policy.Crew.TwoOfficerShare);
        int pairs = Staffing.PairsOf(officers, share);
        return new ShiftCrew(shift.Name, officers, pairs, officers - pairs);
    }

    private static bool OnDuty(Shift sh, double minuteOfDay)
    {
        if (sh.Hours >= 24)
        {
            return true;
        }

        double since = Mod(minuteOfDay - sh.StartMinuteOfDay);
        return since < sh.Hours * 60;
    }

    private static double Mod(double minute) => ((minute % 1440) + 1440) % 1440;
}
