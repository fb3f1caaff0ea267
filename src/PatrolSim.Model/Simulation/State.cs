using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>What a unit is doing.</summary>
internal enum UnitStatus : byte
{
    Free = 0,
    Idle,
    Returning,
    EnRoute,
    OnScene,
    Proactive,

    /// <summary>Writing the report of a cleared call: busy, not on scene.</summary>
    Reporting,

    /// <summary>Pulled off patrol by a staffing window (a fixed post, a protest): on duty, not on patrol.</summary>
    Pulled,

    /// <summary>On a meal break: unavailable, counted as committed time.</summary>
    OnBreak,
}

/// <summary>
/// A patrol unit (a one- or two-officer car) of one shift instance. Lives in a pooled slot of the
/// <see cref="UnitTable"/>, which alone changes it; the other parts read it. Indexes over units (the instance
/// lists, zone lists and search structures) belong to the parts that keep them.
/// </summary>
internal struct UnitState
{
    public long Id;
    public int Number;
    public int Officers;
    public int Instance;
    public int HomeZone;
    public UnitStatus Status;
    public bool EndOfShift;

    // The crew policy changed (immediate window) while the unit was busy: it is re-formed when it comes free.
    public bool Reform;

    // A staffing window pulls this busy unit off patrol when its call clears.
    public bool PullWhenFree;

    // A backup-only unit (LAPD Metro): second unit only, or first to calls at or above a risk level.
    public bool BackupOnly;

    // The unit's next self-initiated opportunity is scheduled (see Patrol); false while its clock is stopped.
    public bool OpportunityPending;

    // Meal break: due time (ticks; -1 when none is pending this shift) and its drawn length.
    public long BreakDue;
    public long BreakTicks;

    // Changes whenever the unit's pending events become stale (a new status, a new trip).
    public int Stamp;

    // The call it serves (-1 when none) and the next unit on that call's crew list.
    public int Call;
    public int NextOnCall;

    // Movement: at FromX/FromY (in zone FromZone) at DepartTicks, at ToX/ToY (in ToZone) at ArriveTicks (linear in between).
    public double FromX, FromY, ToX, ToY;
    public int FromZone, ToZone;
    public long DepartTicks, ArriveTicks;

    public long DispatchTicks;
    public long ActivityStartTicks;
    public long ShiftEndTicks;
}

/// <summary>A call for service while it is open. Lives in a pooled slot.</summary>
internal struct CallState
{
    public long Id;

    // The call's own seed (common random numbers) and the trips drawn from it so far (TripRng).
    public ulong Seed;
    public int Trips;
    public long ArrivalTicks;
    public long QueuedTicks;
    public long ProcessingTicks;
    public long ReportTicks;
    public int Type;
    public int Priority;
    public double X, Y;
    public int Zone;
    public int Needed;
    public int Assigned;
    public int OnScene;
    public int Contacts;
    public int FirstUnit;
    public long FirstDispatch;

    // The first dispatched unit en route (its dispatch plus the priority's turnout).
    public long FirstEnRoute;
    public long FirstOnScene;
    public long SecondOnScene;
    public long FullOnScene;
    public long ServiceStart;
    public long FirstTravel;
    public long OnSceneTicks;

    // Written only by the MetricsCollector (the one definition of "alone at a risky call"): since when one officer
    // is alone on scene (-1: not alone) and the officer-minutes alone so far.
    public long AloneSince;
    public double SoloMinutes;
    public double RiskWeight;
    public int RiskLevel;

    // Rules in force when the call arrived (policy windows change them for later calls only).
    public Engagement Engage;
    public DispatchRule Rule;

    public bool Measured;

    // Preemption by a more urgent call: the pending clear event's stamp (slot-wide, never reused), the
    // clearance time scheduled, and the on-scene time still needed while service is paused.
    public int Stamp;
    public long ClearTicks;
    public long RemainingTicks;
    public bool Paused;

    public bool Waiting;
    public bool Open;
}

/// <summary>One day's instance of a shift (or a continuing 24-hour shift); its units are listed by <see cref="ShiftInstances"/>.</summary>
internal struct ShiftInstance
{
    public int Shift;
    public long EndTicks;
    public int FirstUnit;
    public double TwoOfficerShare;

    // Officers of the instance waiting to be formed into units after an immediate crew change.
    public int Pool;

    // Of the pool, officers who have had their meal break this shift (a crew formed only from them gets none).
    public int PoolBreakTaken;

    // Officers still in busy units formed under the old crew policy (they join the pool when free).
    public int Pending;
    public bool Active;
    public int Stamp;
}
