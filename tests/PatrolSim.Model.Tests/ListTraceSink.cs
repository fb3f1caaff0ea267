using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Keeps trace rows in memory for assertions.</summary>
internal sealed class ListTraceSink : ITraceSink
{
    public List<TraceRow> Rows { get; } = [];

    public void Record(double timeMinutes, string kind, long callId, long unitId, string detail) =>
        Rows.Add(new TraceRow(timeMinutes, kind, callId, unitId, detail));
}

internal sealed record TraceRow(double Time, string Kind, long Call, long Unit, string Detail);
