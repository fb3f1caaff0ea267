using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>Where a dispatch rule looks for a unit.</summary>
internal enum Candidates
{
    /// <summary>Idle and returning patrol units.</summary>
    Available,

    /// <summary>Units on self-initiated work (a preempting call may take them).</summary>
    OnProactive,

    /// <summary>Units on calls of the preemptible priorities (a preempting call may take them).</summary>
    OnPreemptibleCall,
}

/// <summary>Chooses a unit for a call among candidates (one implementation per <see cref="DispatchRule"/>).</summary>
internal interface IDispatchRule
{
    /// <summary>The unit the rule sends to <paramref name="call"/> from <paramref name="from"/>, or -1 when there is none; backup-only units only when allowed.</summary>
    int Choose(in CallState call, Candidates from, bool backupOnlyToo);
}
/// <summary>
/// Which unit serves a call: the call's dispatch rule (the one in force when it arrived) over the candidates, with the
/// scenario's policy for backup-only units around it (as backup, preferred when configured, or first only at or above
/// their risk level). The same rule chooses among available units and, for a preempting call, among units on
/// self-initiated work or on calls it may take. A new rule is one <see cref="IDispatchRule"/> here; the dispatcher
/// decides when to ask.
/// </summary>
internal sealed class DispatchRules
{
    private readonly CompiledScenario _c;
    private readonly UnitTable _units;
    private readonly CallTable _calls;
    private readonly AvailableUnits _available;
    private readonly IDispatchRule[] _rules;
    private readonly double _preferWithinMinutes;

    public DispatchRules(UnitTable units, CallTable calls, CompiledScenario compiled)
    {
        _c = compiled;

        // The cap on preferring backup-only units, in minutes of foreseeable travel (no cap, or no travel: infinite).
        _preferWithinMinutes = compiled.Scenario.Policy.BackupUnits?.PreferWithinMinutes is { } minutes && !compiled.ZeroTravel
            ? minutes
            : double.PositiveInfinity;
        _units = units;
        _calls = calls;
        _available = units.Available;
        var closest = new Closest(this);
        _rules = new IDispatchRule[Enum.GetValues<DispatchRule>().Length];
        _rules[(int)DispatchRule.Closest] = closest;
        _rules[(int)DispatchRule.HomeBeatFirst] = new HomeBeatFirst(this, closest);
        _rules[(int)DispatchRule.Preference] = new Preference(this, compiled.Preferences, closest);
    }

    /// <summary>Whether backup-only units may serve the call now: as backup, or first at or above their risk level.</summary>
    public bool BackupOnlyMayServe(in CallState call) => call.Assigned > 0 || call.RiskLevel >= _c.BackupOnlyFirstFromRisk;

    /// <summary>Whether unit <paramref name="u"/> may serve the call now (a backup-only unit only as <see cref="BackupOnlyMayServe"/> allows).</summary>
    public bool MayServe(int u, in CallState call) => !_units[u].BackupOnly || BackupOnlyMayServe(call);

    /// <summary>The available unit the call gets next, or -1.</summary>
    public int Choose(int slot)
    {
        ref CallState call = ref _calls[slot];
        var rule = _rules[(int)call.Rule];
        if (!_c.HasBackupOnly)
        {
            return rule.Choose(call, Candidates.Available, backupOnlyToo: false);
        }

        bool backup = call.Assigned > 0;
        bool mayUse = BackupOnlyMayServe(call);
        if (backup && _c.PreferBackupOnly)
        {
            int b = _available.Nearest(call.X, call.Y, -1, backupOnly: true, call.Zone, call.Priority);
            if (b >= 0)
            {
                if (double.IsPositiveInfinity(_preferWithinMinutes))
                {
                    return b;
                }

                // Preferred only if not too much farther than the unit the rule would send instead.
                int p = rule.Choose(call, Candidates.Available, mayUse);
                return p < 0 || Estimate(b, call) - Estimate(p, call) <= _preferWithinMinutes ? b : p;
            }
        }

        int u = rule.Choose(call, Candidates.Available, mayUse);
        return u >= 0 || !mayUse ? u : _available.Nearest(call.X, call.Y, -1, backupOnly: true, call.Zone, call.Priority);
    }

    /// <summary>The foreseeable trip time of unit <paramref name="u"/> to the call, minutes.</summary>
    private double Estimate(int u, in CallState call)
    {
        var (x, y) = _units.PositionNow(u);
        return _c.Travel.EstimateMinutes(x, y, _units.ZoneNow(u), call.X, call.Y, call.Zone, call.Priority);
    }

    /// <summary>The unit a preempting call takes from <paramref name="from"/> (self-initiated work or preemptible calls) by its rule, or -1.</summary>
    public int ChoosePreempted(int slot, Candidates from)
    {
        ref CallState call = ref _calls[slot];
        return _rules[(int)call.Rule].Choose(call, from, BackupOnlyMayServe(call));
    }

    /// <summary>
    /// The candidate nearest in L1 distance (from where it is now) to (x, y), of <paramref name="zone"/> only when it is
    /// not -1; -1 when none. Available candidates are patrol units (backup-only units have their own search); units on
    /// self-initiated work include backup-only units when allowed; units on calls never do, nor units past their
    /// shift's end or waiting to be re-formed. Ties go to the lower slot.
    /// </summary>
    private int Nearest(Candidates from, in CallState call, int zone, bool backupOnlyToo) => from switch
    {
        Candidates.Available => _available.Nearest(call.X, call.Y, zone, toZone: call.Zone, priority: call.Priority),
        Candidates.OnProactive => _available.NearestOnProactive(call.X, call.Y, backupOnlyToo, zone, call.Zone, call.Priority),
        _ => NearestOnPreemptibleCall(call, zone),
    };

    /// <summary>
    /// The candidate homed in a beat bordering the call's that is nearest to it (each neighbour's nearest, compared by
    /// <see cref="AvailableUnits.TimeTo"/>; ties to the lower slot), or -1.
    /// </summary>
    private int NearestOfNeighbours(Candidates from, in CallState call, bool backupOnlyToo)
    {
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        foreach (int zone in _c.Geometry.Neighbours(call.Zone))
        {
            int u = Nearest(from, call, zone, backupOnlyToo);
            if (u < 0)
            {
                continue;
            }

            Nearer.Offer(_available.TimeTo(u, call.X, call.Y, call.Zone, call.Priority), u, ref best, ref bestUnit);
        }

        return bestUnit;
    }

    /// <summary>Whether unit <paramref name="u"/> is among the candidates.</summary>
    private bool IsCandidate(Candidates from, int u) => from switch
    {
        Candidates.Available => _available.IsAvailable(u),
        Candidates.OnProactive => _units[u].Status == UnitStatus.Proactive,
        _ => IsOnPreemptibleCall(u),
    };

    private bool IsOnPreemptibleCall(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        return unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene && !unit.EndOfShift && !unit.Reform && !unit.BackupOnly
            && _calls[unit.Call].Priority >= _c.PreemptCallsFromPriority;
    }

    private int NearestOnPreemptibleCall(in CallState call, int zone)
    {
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        for (int u = 0; u < _units.Count; u++)
        {
            if (!IsOnPreemptibleCall(u) || (zone >= 0 && _units[u].HomeZone != zone))
            {
                continue;
            }

            double d = _available.TimeTo(u, call.X, call.Y, call.Zone, call.Priority);
            if (d < best)
            {
                best = d;
                bestUnit = u;
            }
        }

        return bestUnit;
    }

    /// <summary>Closest candidate first (L1 distance; travel time is monotone in it).</summary>
    private sealed class Closest(DispatchRules search) : IDispatchRule
    {
        public int Choose(in CallState call, Candidates from, bool backupOnlyToo) => search.Nearest(from, call, -1, backupOnlyToo);
    }

    /// <summary>
    /// The nearest candidate of the call's beat, else the nearest of the beats sharing a boundary with it (real beats:
    /// <see cref="Geography.ZoneSet.Neighbours"/>; a grid city: beats sharing an edge), else the closest.
    /// </summary>
    private sealed class HomeBeatFirst(DispatchRules search, Closest closest) : IDispatchRule
    {
        public int Choose(in CallState call, Candidates from, bool backupOnlyToo)
        {
            int u = search.Nearest(from, call, call.Zone, backupOnlyToo);
            if (u < 0)
            {
                u = search.NearestOfNeighbours(from, call, backupOnlyToo);
            }

            return u >= 0 ? u : closest.Choose(call, from, backupOnlyToo);
        }
    }

    /// <summary>The first candidate of the zone's preference list (the hypercube model's dispatch), else the closest.</summary>
    private sealed class Preference(DispatchRules search, int[][] preferences, Closest closest) : IDispatchRule
    {
        public int Choose(in CallState call, Candidates from, bool backupOnlyToo)
        {
            foreach (int number in preferences[call.Zone])
            {
                int u = search._available.UnitByNumber(number);
                if (u >= 0 && search.IsCandidate(from, u) && (backupOnlyToo || !search._units[u].BackupOnly))
                {
                    return u;
                }
            }

            return closest.Choose(call, from, backupOnlyToo);
        }
    }
}
