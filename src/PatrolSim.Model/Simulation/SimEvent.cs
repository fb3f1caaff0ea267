namespace PatrolSim.Model.Simulation;

/// <summary>Event kinds of the patrol model. The numeric value is the kind priority: at equal times lower values go first.</summary>
public enum EventKind : byte
{
    /// <summary>End of the warm-up: statistics restart.</summary>
    WarmupEnd = 0,

    /// <summary>A policy window closes.</summary>
    PolicyEnd = 1,

    /// <summary>A policy window opens.</summary>
    PolicyStart = 2,

    /// <summary>A call's service ends; its units are freed.</summary>
    CallClear = 3,

    /// <summary>A unit reaches a call.</summary>
    UnitArrive = 4,

    /// <summary>A unit is back in its beat (scheduled only when something observes arrivals: self-initiated work or the trace).</summary>
    ReturnHome = 5,

    /// <summary>A self-initiated activity ends.</summary>
    ProactiveEnd = 6,

    /// <summary>A shift instance ends.</summary>
    ShiftEnd = 7,

    /// <summary>A shift starts.</summary>
    ShiftStart = 8,

    /// <summary>A self-initiated opportunity of an on-duty unit: an activity starts if the unit is idle.</summary>
    ProactiveStart = 9,

    /// <summary>A call for service arrives.</summary>
    CallArrival = 10,

    /// <summary>A call is ready for dispatch after call-taking and any hold.</summary>
    CallReady = 11,

    /// <summary>A unit finished writing a call's report.</summary>
    ReportDone = 12,

    /// <summary>A candidate extra call of a demand window (an event's own calls) arrives.</summary>
    ExtraCallArrival = 13,

    /// <summary>A unit's meal break is due.</summary>
    BreakDue = 14,

    /// <summary>A unit's meal break ends.</summary>
    BreakEnd = 15,
}

/// <summary>Event payload: kind, target (unit, call, shift or window index) and a stamp to recognise stale events.</summary>
internal readonly record struct SimEvent(EventKind Kind, int Target, int Stamp);
