using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>Receives every event of a traced replication as a typed value, in simulated-time order.</summary>
public interface ITraceSink
{
    /// <summary>Records an event.</summary>
    void Record(TraceEvent e);
}

/// <summary>
/// One event of a traced replication. Each kind is its own record; <see cref="Kind"/> is the short name
/// the CSV trace uses. Call and unit numbers are the model's ids (unit ids are stable across shifts).
/// </summary>
/// <param name="TimeMinutes">Simulated time, minutes from the start.</param>
public abstract record TraceEvent(double TimeMinutes)
{
    /// <summary>Short kind name, e.g. <c>arrive</c>, <c>dispatch</c>, <c>on-scene</c>, <c>clear</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The call concerned, or -1.</summary>
    public virtual long CallId => -1;

    /// <summary>The unit concerned, or -1.</summary>
    public virtual long UnitId => -1;
}

/// <summary>An event about one call; <see cref="TraceEvent.CallId"/> is <paramref name="Call"/>.</summary>
public abstract record CallTraceEvent(double TimeMinutes, long Call) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override long CallId => Call;
}

/// <summary>An event about one unit; <see cref="TraceEvent.UnitId"/> is <paramref name="Unit"/>.</summary>
public abstract record UnitTraceEvent(double TimeMinutes, long Unit) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override long UnitId => Unit;
}

/// <summary>A call that needs a unit arrived at (<paramref name="X"/>, <paramref name="Y"/>), km from the city's origin.</summary>
public sealed record CallArrived(double TimeMinutes, long Call, int Priority, string CallType, int OfficersNeeded, double X, double Y) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "arrive";
}

/// <summary>A call handled without a unit (by phone) arrived and was closed.</summary>
public sealed record CallWithoutUnit(double TimeMinutes, long Call) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "no-unit";
}

/// <summary>
/// A unit was sent to a call: it leaves (<paramref name="X"/>, <paramref name="Y"/>), where it is now, for the call at
/// (<paramref name="ToX"/>, <paramref name="ToY"/>) (after the dispatcher's processing; it is on scene at its <see cref="UnitOnScene"/>).
/// </summary>
public sealed record UnitDispatched(double TimeMinutes, long Call, long Unit, int Officers, double X, double Y, double ToX, double ToY) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "dispatch";

    /// <inheritdoc/>
    public override long UnitId => Unit;
}

/// <summary>A more urgent call took a unit from a call of lower priority (preemption); the unit is dispatched to it next.</summary>
public sealed record UnitPreempted(double TimeMinutes, long Unit, long FromCall, long ToCall) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "preempted";

    /// <inheritdoc/>
    public override long CallId => FromCall;
}

/// <summary>A unit reached a call at (<paramref name="X"/>, <paramref name="Y"/>).</summary>
public sealed record UnitOnScene(double TimeMinutes, long Call, long Unit, double X, double Y) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "on-scene";

    /// <inheritdoc/>
    public override long UnitId => Unit;
}

/// <summary>Service of a call started (on arrival of the first officer, or of all required officers under <c>engage: wait</c>).</summary>
public sealed record ServiceStarted(double TimeMinutes, long Call) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "service-start";
}

/// <summary>A call's service ended; its units are freed.</summary>
public sealed record CallCleared(double TimeMinutes, long Call) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => "clear";
}

/// <summary>
/// The model starts (<see cref="Alone"/>) or stops counting officer-minutes alone on scene at a risky call: service has
/// started (or resumed), exactly one officer is on scene and the call's risk level is above none. The one definition of
/// "alone at a risky call" that the exposure metrics use.
/// </summary>
public sealed record AloneChanged(double TimeMinutes, long Call, bool Alone) : CallTraceEvent(TimeMinutes, Call)
{
    /// <inheritdoc/>
    public override string Kind => Alone ? "alone-start" : "alone-end";
}

/// <summary>The dispatcher's queue changed: <paramref name="Waiting"/> calls wait for a unit (a first unit, backup or a team).</summary>
public sealed record QueueChanged(double TimeMinutes, int Waiting) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override string Kind => "queue";
}

/// <summary>A shift instance started with its units formed.</summary>
public sealed record ShiftStarted(double TimeMinutes, string Shift, int Officers, int Units, int TwoOfficerUnits) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override string Kind => "shift-start";
}

/// <summary>A shift instance ended (busy units finish their calls first).</summary>
public sealed record ShiftEnded(double TimeMinutes, string Shift) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override string Kind => "shift-end";
}

/// <summary>A unit went off duty, after its shift's end when <see cref="Overtime"/>.</summary>
public sealed record UnitOffDuty(double TimeMinutes, long Unit, bool Overtime) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "off-duty";
}

/// <summary>
/// A unit of shift <paramref name="Shift"/> (its index in the scenario's shifts) went on duty at (<paramref name="X"/>,
/// <paramref name="Y"/>) (formed at a shift's start, or re-formed after a crew-policy change).
/// </summary>
public sealed record UnitOnDuty(double TimeMinutes, long Unit, int Number, int Officers, int HomeZone, bool BackupOnly, double X, double Y, int Shift = -1) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "on-duty";
}

/// <summary>
/// A staffing window took a unit off patrol (<see cref="Pulled"/>) where it was, at (<paramref name="X"/>, <paramref name="Y"/>),
/// or gave it back, idle at (<paramref name="X"/>, <paramref name="Y"/>).
/// </summary>
public sealed record UnitPulled(double TimeMinutes, long Unit, bool Pulled, double X, double Y) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => Pulled ? "pulled" : "back-on-patrol";
}

/// <summary>
/// A unit freed at (<paramref name="X"/>, <paramref name="Y"/>) heads back to (<paramref name="ToX"/>, <paramref name="ToY"/>) in its
/// beat, available on the way; <see cref="UnitIdle"/> follows when it gets there (unless it is dispatched first).
/// </summary>
public sealed record UnitReturning(double TimeMinutes, long Unit, double X, double Y, double ToX, double ToY) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "return";
}

/// <summary>A returning unit reached its beat and is idle at (<paramref name="X"/>, <paramref name="Y"/>).</summary>
public sealed record UnitIdle(double TimeMinutes, long Unit, double X, double Y) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "idle";
}

/// <summary>A unit's crew was dissolved to re-form crews after an immediate crew-policy change (its officers stay on duty).</summary>
public sealed record CrewDissolved(double TimeMinutes, long Unit) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "crew-dissolved";
}

/// <summary>A unit started (<see cref="Started"/>) or ended its meal break.</summary>
public sealed record MealBreakChanged(double TimeMinutes, long Unit, bool Started) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => Started ? "break-start" : "break-end";
}

/// <summary>An idle unit started a self-initiated activity.</summary>
public sealed record ProactiveStarted(double TimeMinutes, long Unit) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "proactive-start";
}

/// <summary>A self-initiated activity ended.</summary>
public sealed record ProactiveEnded(double TimeMinutes, long Unit) : UnitTraceEvent(TimeMinutes, Unit)
{
    /// <inheritdoc/>
    public override string Kind => "proactive-end";
}

/// <summary>A policy window opened or closed; the settings are those in force afterwards.</summary>
public sealed record PolicyWindowChanged(
    double TimeMinutes,
    int Window,
    bool Opened,
    double TwoOfficerShare,
    BackupRule Backup,
    Engagement Engage,
    DispatchRule Dispatch) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override string Kind => Opened ? "policy-start" : "policy-end";
}

/// <summary>The warm-up ended: statistics restart.</summary>
public sealed record WarmupEnded(double TimeMinutes) : TraceEvent(TimeMinutes)
{
    /// <inheritdoc/>
    public override string Kind => "warmup-end";
}
