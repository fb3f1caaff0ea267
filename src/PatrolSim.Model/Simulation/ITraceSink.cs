namespace PatrolSim.Model.Simulation;

/// <summary>Receives one row per event of a traced replication (kind, call id, unit id; -1 where none).</summary>
public interface ITraceSink
{
    /// <summary>Records an event.</summary>
    /// <param name="timeMinutes">Simulated time, minutes.</param>
    /// <param name="kind">What happened, e.g. "arrive", "dispatch", "on-scene", "clear".</param>
    /// <param name="callId">Call number, or -1.</param>
    /// <param name="unitId">Unit number, or -1.</param>
    /// <param name="detail">Short detail (priority, officers, policy), may be empty.</param>
    void Record(double timeMinutes, string kind, long callId, long unitId, string detail);
}
