using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Keeps every call record in memory for assertions.</summary>
internal sealed class ListCallSink : ICallSink
{
    public List<CallRecord> Calls { get; } = [];

    public void Call(CallRecord call) => Calls.Add(call);
}
