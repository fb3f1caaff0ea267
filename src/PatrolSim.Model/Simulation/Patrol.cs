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
    /// Draws the next self-initiated start of an idle unit: exponential at the rate (at its peak hourly
    /// multiplier when the rate varies by hour, thinned at the start).
    /// </summary>
    private void ScheduleProactiveCandidate(int u)
    {
        var si = _x.S.Demand.SelfInitiated;
        if (si is not null && si.RatePerUnitHour > 0)
        {
            double hours = _units.Rng(u).Exponential(1.0 / (si.RatePerUnitHour * _x.C.SelfInitiatedPeak));
            _x.Schedule(_x.Now + SimTime.FromHours(hours).Ticks, EventKind.ProactiveStart, u, _units[u].Stamp);
        }
    }

    /// <summary>A candidate self-initiated start of an idle unit: started, or (rate varying by hour) thinned away.</summary>
    public void OnProactiveCandidate(int u)
    {
        if (_x.C.SelfInitiatedHourly is { } hourly)
        {
            int hour = (int)(_x.Now / SimTime.TicksPerHour % 24);
            if (_units.Rng(u).NextDouble() * _x.C.SelfInitiatedPeak >= hourly[hour])
            {
                ScheduleProactiveCandidate(u);
                return;
            }
        }

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
