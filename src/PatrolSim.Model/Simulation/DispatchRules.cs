using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>Chooses a unit for a call among the available patrol units (one implementation per <see cref="DispatchRule"/>).</summary>
internal interface IDispatchRule
{
    /// <summary>The unit the rule sends to <paramref name="call"/>, or -1 when none is available; backup-only units only when allowed.</summary>
    int Choose(in CallState call, bool backupOnlyToo);
}

/// <summary>
/// Which unit serves a call: the call's dispatch rule (the one in force when it arrived) over the available patrol
/// units, with the scenario's policy for backup-only units around it (as backup, preferred when configured, or first
/// only at or above their risk level), and which unit a preempting call takes. A new rule is one
/// <see cref="IDispatchRule"/> here; the dispatcher decides when to ask.
/// </summary>
internal sealed class DispatchRules
{
    private readonly CompiledScenario _c;
    private readonly UnitTable _units;
    private readonly CallTable _calls;
    private readonly AvailableUnits _available;
    private readonly IDispatchRule[] _rules;

    public DispatchRules(UnitTable units, CallTable calls, CompiledScenario compiled)
    {
        _c = compiled;
        _units = units;
        _calls = calls;
        _available = units.Available;
        var closest = new Closest(_available);
        _rules = new IDispatchRule[Enum.GetValues<DispatchRule>().Length];
        _rules[(int)DispatchRule.Closest] = closest;
        _rules[(int)DispatchRule.HomeBeatFirst] = new HomeBeatFirst(_available, closest);
        _rules[(int)DispatchRule.Preference] = new Preference(_available, _units, _c.Preferences, closest);
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
            return rule.Choose(call, backupOnlyToo: false);
        }

        bool backup = call.Assigned > 0;
        bool mayUse = BackupOnlyMayServe(call);
        if (backup && _c.PreferBackupOnly)
        {
            int b = _available.Nearest(call.X, call.Y, -1, backupOnly: true);
            if (b >= 0)
            {
                return b;
            }
        }

        int u = rule.Choose(call, mayUse);
        return u >= 0 || !mayUse ? u : _available.Nearest(call.X, call.Y, -1, backupOnly: true);
    }

    /// <summary>The unit on self-initiated work a preempting call takes (the nearest), or -1.</summary>
    public int ChooseOnProactive(int slot)
    {
        ref CallState call = ref _calls[slot];
        return _available.NearestOnProactive(call.X, call.Y, backupOnlyToo: BackupOnlyMayServe(call));
    }

    /// <summary>
    /// The unit a preempting call takes from a call of the preemptible priorities: the nearest (L1, from where it is
    /// now) that is not a backup-only unit, not past its shift's end and not waiting to be re-formed; -1 when none.
    /// </summary>
    public int ChooseOnPreemptibleCall(int slot)
    {
        ref CallState call = ref _calls[slot];
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        for (int u = 0; u < _units.Count; u++)
        {
            ref readonly UnitState unit = ref _units[u];
            if (unit.Status is not (UnitStatus.EnRoute or UnitStatus.OnScene) || unit.EndOfShift || unit.Reform || unit.BackupOnly
                || _calls[unit.Call].Priority < _c.PreemptCallsFromPriority)
            {
                continue;
            }

            var (ux, uy) = _units.PositionNow(u);
            double d = Math.Abs(ux - call.X) + Math.Abs(uy - call.Y);
            if (d < best)
            {
                best = d;
                bestUnit = u;
            }
        }

        return bestUnit;
    }

    /// <summary>Closest available unit first (L1 distance; travel time is monotone in it).</summary>
    private sealed class Closest(AvailableUnits available) : IDispatchRule
    {
        public int Choose(in CallState call, bool backupOnlyToo) => available.Nearest(call.X, call.Y, -1);
    }

    /// <summary>The nearest available unit of the call's beat, else the closest.</summary>
    private sealed class HomeBeatFirst(AvailableUnits available, Closest closest) : IDispatchRule
    {
        public int Choose(in CallState call, bool backupOnlyToo)
        {
            int u = available.Nearest(call.X, call.Y, call.Zone);
            return u >= 0 ? u : closest.Choose(call, backupOnlyToo);
        }
    }

    /// <summary>The first available unit of the zone's preference list (the hypercube model's dispatch), else the closest.</summary>
    private sealed class Preference(AvailableUnits available, UnitTable units, int[][] preferences, Closest closest) : IDispatchRule
    {
        public int Choose(in CallState call, bool backupOnlyToo)
        {
            foreach (int number in preferences[call.Zone])
            {
                int u = available.UnitByNumber(number);
                if (u >= 0 && available.IsAvailable(u) && (backupOnlyToo || !units[u].BackupOnly))
                {
                    return u;
                }
            }

            return closest.Choose(call, backupOnlyToo);
        }
    }
}
