using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Keeps every call record of a replication, and answers what the exact-case tests ask of them.</summary>
internal sealed class CallList : ICallSink
{
    public List<CallRecord> Calls { get; } = [];

    public void Call(CallRecord call) => Calls.Add(call);

    /// <summary>Calls with a unit dispatched at or before <paramref name="minutes"/> and cleared after it.</summary>
    public List<CallRecord> InServiceAt(double minutes) =>
        [.. Calls.Where(c => c.FirstDispatchMinutes <= minutes && (c.ClearMinutes is null || c.ClearMinutes > minutes))];

    /// <summary>Runs one replication of <paramref name="scenario"/> and returns its metrics and calls.</summary>
    public static (Metrics.ReplicationResult Result, CallList Calls) Run(Definition.Scenario scenario, ulong seed, int replication = 0)
    {
        var sink = new CallList();
        var result = new PatrolSimulation(scenario).Run(seed, replication, trace: null, calls: sink);
        return (result, sink);
    }
}
