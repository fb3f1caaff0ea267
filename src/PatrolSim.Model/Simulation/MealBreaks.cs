using PatrolSim.Engine;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Meal breaks: one per unit per shift, due at a drawn time in the shift's window. One start rule: a due break
/// starts when the unit is free of calls (idle or returning) and no call of priority ≤ the deferral priority waits.
/// A unit busy when its break falls due tries when it comes free, before taking a waiting call
/// (<see cref="TryStartWhenFreed"/>); a free unit whose break is deferred tries again every 5 minutes
/// (<see cref="Consider"/>). Break time is committed.
/// </summary>
internal sealed class MealBreaks
{
    private static readonly long RetryTicks = SimTime.FromMinutes(5).Ticks;

    private readonly ReplicationContext _x;
    private readonly UnitTable _units;
    private readonly Patrol _patrol;
    private readonly WaitingCalls _waiting;
    private readonly int _deferUpTo;

    public MealBreaks(ReplicationContext context, UnitTable units, Patrol patrol, WaitingCalls waiting)
    {
        _x = context;
        _units = units;
        _patrol = patrol;
        _waiting = waiting;
        _deferUpTo = context.S.Staffing.Break?.DeferWhilePriorityAtMost ?? 0;
    }

    /// <summary>Draws a unit's meal break for the shift that started at <paramref name="shiftStart"/> (when breaks are configured).</summary>
    public void Schedule(int u, long shiftStart)
    {
        _units.SetBreak(u, -1, 0);
        if (_x.S.Staffing.Break is not { } b)
        {
            return;
        }

        var rng = _units.Rng(u);
        double hours = b.EarliestHours + ((b.LatestHours - b.EarliestHours) * rng.NextDouble());
        long ticks = Math.Max(0, SimTime.FromMinutes(b.Duration.Sample(rng)).Ticks);
        long due = Math.Max(_x.Now, shiftStart + SimTime.FromHours(hours).Ticks);
        _units.SetBreak(u, due, ticks);
        _x.Schedule(due, EventKind.BreakDue, u, (int)_units[u].Id);
    }

    /// <summary>Whether the unit's break is due now (and not yet taken).</summary>
    public bool IsDue(int u) => _units[u].BreakDue >= 0 && _x.Now >= _units[u].BreakDue;

    /// <summary>
    /// The start rule for a unit that is (or has just become) free: its due break starts now unless an urgent call
    /// waits, in which case it is tried again in 5 minutes. Busy units are tried when they come free.
    /// </summary>
    public void Consider(int u)
    {
        if (!IsDue(u) || _units[u].Status is not (UnitStatus.Idle or UnitStatus.Returning))
        {
            return;
        }

        if (!_waiting.AnyUpTo(_deferUpTo))
        {
            Start(u);
        }
        else
        {
            _x.Schedule(_x.Now + RetryTicks, EventKind.BreakDue, u, (int)_units[u].Id);
        }
    }

    /// <summary>A unit leaving a call: its due break comes before the next call unless an urgent call waits (it stays committed).</summary>
    public bool TryStartWhenFreed(int u)
    {
        if (!IsDue(u) || _waiting.AnyUpTo(_deferUpTo))
        {
            return false;
        }

        Start(u);
        return true;
    }

    /// <summary>A meal break ends: the unit is back on patrol where it was.</summary>
    public void OnBreakEnd(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        _x.Trace?.Record(new MealBreakChanged(_x.NowMinutes, unit.Id, Started: false));
        _patrol.Idle(u, unit.ToX, unit.ToY, unit.ToZone);
    }

    private void Start(int u)
    {
        int stamp = _units.StartBreak(u);
        ref readonly UnitState unit = ref _units[u];
        _x.Trace?.Record(new MealBreakChanged(_x.NowMinutes, unit.Id, Started: true));
        _x.Schedule(_x.Now + unit.BreakTicks, EventKind.BreakEnd, u, stamp);
    }
}
