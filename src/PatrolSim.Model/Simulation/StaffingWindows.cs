namespace PatrolSim.Model.Simulation;

/// <summary>
/// Staffing windows that pull officers off patrol (fixed posts, a station guard, a protest): brings the officers off
/// patrol to the target in force, pulling idle, returning and proactive units first (a pair counts as two, so the pull
/// may exceed the target by one officer), then marking busy units to leave when their call clears; above the target,
/// cancels those marks and sends pulled units back on patrol. Pulled officers are on duty but not on patrol: they leave
/// the on-duty officer-time of the patrol metrics.
/// </summary>
internal sealed class StaffingWindows
{
    private readonly ReplicationContext _x;
    private readonly UnitTable _units;
    private readonly PolicyState _policy;
    private readonly Patrol _patrol;
    private readonly MealBreaks _breaks;
    private int _pulledOfficers;
    private int _pendingPull;

    public StaffingWindows(ReplicationContext context, UnitTable units, PolicyState policy, Patrol patrol, MealBreaks breaks)
    {
        _x = context;
        _units = units;
        _policy = policy;
        _patrol = patrol;
        _breaks = breaks;
    }

    /// <summary>Brings the officers off patrol to the target in force.</summary>
    public void ApplyPullTarget()
    {
        int target = _policy.PullOfficers;
        for (int u = _units.Count - 1; u >= 0 && _pulledOfficers + _pendingPull > target; u--)
        {
            if (_units[u].PullWhenFree)
            {
                _units.MarkPullWhenFree(u, false);
                _pendingPull -= _units[u].Officers;
            }
        }

        for (int u = _units.Count - 1; u >= 0 && _pulledOfficers + _pendingPull > target; u--)
        {
            if (_units[u].Status == UnitStatus.Pulled)
            {
                ref readonly UnitState unit = ref _units[u];
                _pulledOfficers -= unit.Officers;
                var (px, py) = _x.C.Geometry.PointIn(unit.HomeZone, _units.Rng(u));
                _x.Trace?.Record(new UnitPulled(_x.NowMinutes, unit.Id, Pulled: false, px, py));
                _patrol.Idle(u, px, py, unit.HomeZone);

                // Back on patrol with its break due: the break's start rule applies now.
                _breaks.Consider(u);
            }
        }

        for (int u = 0; u < _units.Count && _pulledOfficers + _pendingPull < target; u++)
        {
            if (_units[u].Status is UnitStatus.Idle or UnitStatus.Returning or UnitStatus.Proactive && !_units[u].EndOfShift)
            {
                Pull(u);
            }
        }

        for (int u = 0; u < _units.Count && _pulledOfficers + _pendingPull < target; u++)
        {
            ref readonly UnitState unit = ref _units[u];
            if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene or UnitStatus.Reporting && !unit.EndOfShift && !unit.PullWhenFree && !unit.Reform)
            {
                _units.MarkPullWhenFree(u, true);
                _pendingPull += unit.Officers;
            }
        }
    }

    /// <summary>A busy unit marked by a staffing window came free: it leaves patrol now.</summary>
    public void PullFreedUnit(int u)
    {
        Forget(u);
        Pull(u);
    }

    /// <summary>A unit marked to leave when free goes off duty instead: its mark is dropped.</summary>
    public void Forget(int u)
    {
        if (_units[u].PullWhenFree)
        {
            _units.MarkPullWhenFree(u, false);
            _pendingPull -= _units[u].Officers;
        }
    }

    /// <summary>A pulled unit goes off duty with its shift: its officers are no longer off patrol.</summary>
    public void OffDutyWhilePulled(int u) => _pulledOfficers -= _units[u].Officers;

    private void Pull(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        if (_x.Trace is { } trace)
        {
            var (px, py) = _units.PositionNow(u);
            trace.Record(new UnitPulled(_x.NowMinutes, unit.Id, Pulled: true, px, py));
        }

        _units.Pull(u);
        _pulledOfficers += unit.Officers;
    }
}
