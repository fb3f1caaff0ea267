using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Reports.Output;

namespace PatrolSim.Web;

/// <summary>
/// An in-memory trace sink for the map: every event of one simulated day as a compact <see cref="AnimationEvent"/> (times
/// and km to three decimals, as the CSV trace writes them; positions from <see cref="CsvTraceSink.Position"/>), each call
/// event carrying its call's priority and risk, the units that went on duty, and the queue of calls waiting for a first
/// unit at each change.
/// </summary>
internal sealed class AnimationRecorder(Scenario scenario) : ITraceSink
{
    /// <summary>The day replayed, minutes.</summary>
    public const double Minutes = 1440;

    private readonly Dictionary<string, bool> _riskyByType = scenario.Demand.CallTypes
        .GroupBy(c => c.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => scenario.RiskWeights.Of(g.First().Risk) > 0, StringComparer.Ordinal);

    private readonly Dictionary<long, (int Priority, bool Risky)> _calls = [];
    private readonly HashSet<long> _waiting = [];
    private readonly Dictionary<long, UnitInfo> _units = [];

    /// <summary>The events, in time order.</summary>
    public List<AnimationEvent> Events { get; } = [];

    /// <summary>The queue length at each change, from 0 at time 0.</summary>
    public List<QueuePoint> Queue { get; } = [new QueuePoint(0, 0)];

    /// <summary>Every unit that went on duty, in order of first appearance.</summary>
    public IReadOnlyList<UnitInfo> Units => [.. _units.Values];

    /// <inheritdoc/>
    public void Record(TraceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.TimeMinutes > Minutes)
        {
            return;
        }

        int? officers = null;
        switch (e)
        {
            case CallArrived a:
                _calls[a.Call] = (a.Priority, _riskyByType.GetValueOrDefault(a.CallType));
                officers = a.OfficersNeeded;
                QueueChange(e.TimeMinutes, _waiting.Add(a.Call));
                break;
            case UnitDispatched d:
                officers = d.Officers;
                QueueChange(e.TimeMinutes, _waiting.Remove(d.Call));
                break;
            case UnitOnDuty u:
                officers = u.Officers;
                _units.TryAdd(u.Unit, new UnitInfo(u.Unit, "Unit " + u.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Officers, u.BackupOnly));
                break;
        }

        long? call = e.CallId >= 0 ? e.CallId : null;
        var known = call is { } c && _calls.TryGetValue(c, out var info) ? info : ((int Priority, bool Risky)?)null;
        var (x, y, toX, toY) = CsvTraceSink.Position(e);
        Events.Add(new AnimationEvent(Round(e.TimeMinutes)!.Value, e.Kind, e.UnitId >= 0 ? e.UnitId : null, call,
            known?.Priority, known?.Risky, officers, Round(x), Round(y), Round(toX), Round(toY)));
    }

    /// <summary>One point per time: a call dispatched the moment it arrives leaves the queue as it was.</summary>
    private void QueueChange(double t, bool changed)
    {
        if (!changed)
        {
            return;
        }

        var point = new QueuePoint(Round(t)!.Value, _waiting.Count);
        if (Queue.Count > 0 && Queue[^1].T == point.T)
        {
            Queue.RemoveAt(Queue.Count - 1);
        }

        if (Queue.Count == 0 || Queue[^1].Length != point.Length)
        {
            Queue.Add(point);
        }
    }

    private static double? Round(double v) => double.IsNaN(v) ? null : Math.Round(v, 3);
}
