using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Reports.Output;

namespace PatrolSim.Web;

/// <summary>
/// An in-memory trace sink for the map: every event of one simulated day as a compact <see cref="AnimationEvent"/> (times
/// and km to three decimals, as the CSV trace writes them; positions from <see cref="CsvTraceSink.Position"/>), each call
/// event carrying its call's priority and risk, the units that went on duty, and the dispatcher's queue at each change.
/// It decides nothing the model decides: who is alone at a risky call is the model's <see cref="AloneChanged"/> records
/// (passed through as alone-start and alone-end events), and the queue is the model's <see cref="QueueChanged"/> records.
/// </summary>
internal sealed class AnimationRecorder(Scenario scenario) : ITraceSink
{
    /// <summary>The day replayed, minutes.</summary>
    public const double Minutes = 1440;

    // A call type's risk counts in solo exposure when its level is above none (the model's rule for "alone at a risky call").
    private readonly Dictionary<string, bool> _riskyByType = scenario.Demand.CallTypes
        .GroupBy(c => c.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Risk != RiskLevel.None, StringComparer.Ordinal);

    private readonly Dictionary<long, (int Priority, bool Risky)> _calls = [];
    private readonly Dictionary<long, UnitInfo> _units = [];

    /// <summary>The events, in time order (the queue's changes are in <see cref="Queue"/> instead).</summary>
    public List<AnimationEvent> Events { get; } = [];

    /// <summary>The dispatcher's queue length at each change, from 0 at time 0.</summary>
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
            case QueueChanged q:
                QueueChange(q.TimeMinutes, q.Waiting);
                return;
            case CallArrived a:
                _calls[a.Call] = (a.Priority, _riskyByType.GetValueOrDefault(a.CallType));
                officers = a.OfficersNeeded;
                break;
            case UnitDispatched d:
                officers = d.Officers;
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

    /// <summary>One point per time (the last length at that time), and only when the length changes.</summary>
    private void QueueChange(double t, int waiting)
    {
        var point = new QueuePoint(Round(t)!.Value, waiting);
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
