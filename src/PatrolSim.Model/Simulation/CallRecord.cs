namespace PatrolSim.Model.Simulation;

/// <summary>
/// One call's history, as a CAD system would log it: times in minutes since time zero (Monday 00:00 of
/// day 0); null where the step never happened (no unit needed, or still open at the horizon).
/// </summary>
/// <param name="Id">Call number in arrival order.</param>
/// <param name="ArrivalMinutes">Call received.</param>
/// <param name="Priority">Priority of its type.</param>
/// <param name="Type">Call type name.</param>
/// <param name="Zone">Zone id where it happened.</param>
/// <param name="XKm">Location, km east of the city's south-west corner.</param>
/// <param name="YKm">Location, km north.</param>
/// <param name="FirstDispatchMinutes">First unit dispatched.</param>
/// <param name="FirstOnSceneMinutes">First officer on scene.</param>
/// <param name="ClearMinutes">Call cleared.</param>
/// <param name="Units">Units that were dispatched to it.</param>
/// <param name="Officers">Officers who came on scene.</param>
/// <param name="NeedsUnit">False for calls handled without a unit.</param>
/// <param name="Measured">Arrived after the warm-up.</param>
/// <param name="QueuedMinutes">Call-taking done: the CAD "queued" stamp (a hold, if any, comes after it); null when intake had not ended.</param>
/// <param name="EnRouteMinutes">The first dispatched unit en route (dispatch + turnout).</param>
public sealed record CallRecord(
    long Id,
    double ArrivalMinutes,
    int Priority,
    string Type,
    string Zone,
    double XKm,
    double YKm,
    double? FirstDispatchMinutes,
    double? FirstOnSceneMinutes,
    double? ClearMinutes,
    int Units,
    int Officers,
    bool NeedsUnit,
    bool Measured,
    double? QueuedMinutes = null,
    double? EnRouteMinutes = null);

/// <summary>Receives every call of a replication once: when it clears, when it needs no unit, or at the horizon if still open.</summary>
public interface ICallSink
{
    /// <summary>Records a call.</summary>
    void Call(CallRecord call);
}
