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

    /// <summary>Puts a unit on patrol idle at (x, y) in zone <paramref name="zone"/>, with its next self-initiated start drawn.</summary>
    public void Idle(int u, double x, double y, int zone)
    {
        _units.BecomeIdle(u, x, y, zone);
        ScheduleProactiveCandidate(u);
    }

    /// <summary>A unit just formed (idle where it starts) begins its patrol: its first self-initiated start is drawn.</summary>
    public void Begin(int u) => ScheduleProactiveCandidate(u);

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
        _x.Schedule(arrive, EventKind.ReturnHome, u, unit.Stamp);
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
    /// Draws the next self-initiated start of an idle unit: the first event after now of the Poisson process at the
    /// rate per idle unit-hour (by hour of day when it varies), by inversion of the integrated rate, so the one event
    /// scheduled is the start itself (thinning needed an event for every candidate: 146,296 candidates for 17,341
    /// starts in a year of benchmark-all-features). The process is memoryless: drawn when the unit becomes idle, it is
    /// the same process as the one observed while the unit stays idle.
    /// </summary>
    private void ScheduleProactiveCandidate(int u)
    {
        if (_x.C.SelfInitiatedRate is { } rate)
        {
            _x.Schedule(rate.NextByInversion(new SimTime(_x.Now), _units.Rng(u)).Ticks, EventKind.ProactiveStart, u, _units[u].Stamp);
        }
    }

    /// <summary>An idle unit starts a self-initiated activity.</summary>
    public void OnProactiveStart(int u)
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
