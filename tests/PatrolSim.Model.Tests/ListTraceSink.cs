using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Keeps the typed trace events in memory for assertions.</summary>
internal sealed class ListTraceSink : ITraceSink
{
    public List<TraceEvent> Rows { get; } = [];

    public void Record(TraceEvent e) => Rows.Add(e);

    public IEnumerable<T> Of<T>()
        where T : TraceEvent => Rows.OfType<T>();
}
