using PatrolSim.Engine;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// What units do when no call needs them: patrol their beat (a random point of it, the hypercube model's mobile
/// unit), drive back to it after a call (available on the way), and start self-initiated activities (traffic stops,
/// checks) at the scenario's rate per idle unit-hour. Decides these moves; the <see cref="UnitTable"/> makes them.
/// </summary>
internal sealed class Patrol
{
    private readonly ReplicationContext _x;
    private readonly UnitTable _units;

    public Patrol(ReplicationContext context, UnitTable units)
    {
        _x = context;
        _units = units;
    }

    /// <summary>Puts a unit on patrol idle at (x, y) in zone <paramref name="zone"/>; its clock of self-initiated opportunities runs again if it had stopped.</summary>
    public void Idle(int u, double x, double y, int zone)
    {
        _units.BecomeIdle(u, x, y, zone);
        ScheduleOpportunity(u);
    }

    /// <summary>A unit just formed (idle where it starts) begins its patrol: its clock of self-initiated opportunities starts.</summary>
    public void Begin(int u) => ScheduleOpportunity(u);

    /// <summary>Sends a freed unit at (x, y) back to a random point of its beat; it is available on the way.</summary>
    public void ReturnToBeat(int u, double x, double y)
    {
        ref readonly UnitState unit = ref _units[u];
        var rng = _units.Rng(u);
        var (hx, hy) = _x.C.Geometry.PointIn(unit.HomeZone, rng);
        long arrive = _x.Now + _x.C.Travel.RoutineTrip(x, y, unit.ToZone, hx, hy, unit.HomeZone, _x.Now, rng);
        _x.Trace?.Record(new UnitReturning(_x.NowMinutes, unit.Id, x, y, hx, hy));
        if (arrive <= _x.Now)
        {
            Idle(u, hx, hy, unit.HomeZone);
            _x.Trace?.Record(new UnitIdle(_x.NowMinutes, unit.Id, hx, hy));
            return;
        }

        _units.StartReturn(u, hx, hy, arrive);

        // The clock of self-initiated opportunities runs from the arrival, known now: if it had stopped, it is drawn
        // from then (see OnOpportunity for one that comes during the drive).
        ScheduleOpportunity(u, arrive);

        // Arriving then changes what the unit is only for the trace (a UnitIdle line). Otherwise nothing can tell a
        // unit back on its beat from one still "returning" whose way back is over: it is available either way, where
        // PositionNow puts it (its beat point once the arrival time has passed), in the zone ZoneNow gives, on patrol
        // and uncommitted in the metrics, and every rule treats the two alike (meal breaks, staffing windows, shift
        // ends, self-initiated opportunities). So the arrival needs no event then; the unit stays "returning" until its
        // next change, or until a nearest-unit search meets it arrived and settles it idle (AvailableUnits), so later
        // searches find it among the idle (issue 28 item 1: 4.68 -> 3.34 events per call in the mid-size city).
        if (_x.ArrivalsObserved)
        {
            _x.Schedule(arrive, EventKind.ReturnHome, u, unit.Stamp);
        }
    }

    /// <summary>A returning unit reached its beat.</summary>
    public void OnReturnHome(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        Idle(u, unit.ToX, unit.ToY, unit.ToZone);
        _x.Trace?.Record(new UnitIdle(_x.NowMinutes, unit.Id, unit.ToX, unit.ToY));
    }

    // ---------------------------------------------------------------- self-initiated work

    /// <summary>
    /// Draws a unit's next self-initiated opportunity: the next event of a Poisson process at the rate per unit-hour
    /// (by hour of day when it varies), by inversion of the integrated rate. An opportunity that finds the unit idle
    /// starts an activity; one that finds it busy passes. Either way the clock then stops, and runs again (a fresh
    /// draw: the process is memoryless) when the unit is next idle; while the unit stays idle, or is busy only between
    /// the draw and the opportunity, nothing is rescheduled. The opportunities met while idle are a Poisson process at
    /// the rate over idle time, the model's "rate per idle unit-hour", with at most one event per busy spell that an
    /// opportunity falls in: drawing a start every time a unit became idle scheduled an event that most calls made
    /// stale. The event carries the unit's id, unique to this unit's time on duty.
    /// </summary>
    private void ScheduleOpportunity(int u) => ScheduleOpportunity(u, _x.Now);

    /// <summary>
    /// Draws the unit's next opportunity of the process running from <paramref name="from"/> (now, or the end of the
    /// drive back to the beat), unless one is already pending: a running clock is left alone.
    /// </summary>
    private void ScheduleOpportunity(int u, long from)
    {
        if (_x.C.SelfInitiatedRate is { } rate && !_units[u].OpportunityPending)
        {
            _units.SetOpportunityPending(u, true);
            _x.Schedule(rate.NextByInversion(new SimTime(from), _units.Rng(u)).Ticks, EventKind.ProactiveStart, u, OpportunityStamp(u));
        }
    }

    /// <summary>The stamp of a unit's self-initiated opportunities: its id (unique to a unit formed, so a slot re-used by another unit drops them).</summary>
    public int OpportunityStamp(int u) => (int)_units[u].Id;

    /// <summary>
    /// A self-initiated opportunity of an on-duty unit. A unit idle, or back on its beat (returning past its arrival
    /// time), starts an activity and its clock stops. A unit still driving back has its clock run on from its
    /// arrival (it is idle from then on unless dispatched first). A busy unit passes and its clock stops.
    /// </summary>
    public void OnOpportunity(int u)
    {
        _units.SetOpportunityPending(u, false);
        ref readonly UnitState unit = ref _units[u];
        if (unit.Status == UnitStatus.Returning && _x.Now < unit.ArriveTicks)
        {
            ScheduleOpportunity(u, unit.ArriveTicks);
            return;
        }

        if (unit.Status == UnitStatus.Returning)
        {
            _units.SettleArrival(u);
        }

        if (_units[u].Status == UnitStatus.Idle)
        {
            Start(u);
        }
    }

    /// <summary>An idle unit starts a self-initiated activity.</summary>
    private void Start(int u)
    {
        int stamp = _units.StartProactive(u);
        double minutes = _x.S.Demand.SelfInitiated!.Duration.Sample(_units.Rng(u));
        _x.Trace?.Record(new ProactiveStarted(_x.NowMinutes, _units[u].Id));
        _x.Schedule(_x.Now + SimTime.FromMinutes(minutes).Ticks, EventKind.ProactiveEnd, u, stamp);
    }

    /// <summary>A self-initiated activity ends: the unit is idle where it was.</summary>
    public void OnProactiveEnd(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        _x.Trace?.Record(new ProactiveEnded(_x.NowMinutes, unit.Id));
        Idle(u, unit.ToX, unit.ToY, unit.ToZone);
    }

    /// <summary>A call takes a unit from its self-initiated activity (preemption): the activity is abandoned.</summary>
    public void InterruptProactive(int u, MetricsCollector metrics)
    {
        metrics.Preempted();
        _x.Trace?.Record(new ProactiveEnded(_x.NowMinutes, _units[u].Id));
    }
}
