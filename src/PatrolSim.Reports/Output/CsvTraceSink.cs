using System.Globalization;
using CsvHelper;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The trace writer: typed trace events as CSV rows <c>timeMinutes, kind, call, unit, detail, x, y, toX, toY</c> (empty
/// call/unit where none). The detail column is the one place where an event's fields become text; <c>x, y</c> is where the
/// event puts the call or unit and <c>toX, toY</c> where the unit heads (km, empty where the event has no position).
/// </summary>
public sealed class CsvTraceSink : ITraceSink, IDisposable
{
    private readonly CsvWriter _csv;

    /// <summary>Starts the trace with its header.</summary>
    public CsvTraceSink(TextWriter writer)
    {
        _csv = Csv.CreateWriter(writer);
        _csv.WriteRecord(["timeMinutes", "kind", "call", "unit", "detail", "x", "y", "toX", "toY"]);
    }

    /// <inheritdoc/>
    public void Record(TraceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _csv.WriteField(Milli(e.TimeMinutes));
        _csv.WriteField(e.Kind);
        _csv.WriteField(e.CallId < 0 ? "" : e.CallId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(e.UnitId < 0 ? "" : e.UnitId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(Detail(e));
        var (x, y, toX, toY) = Position(e);
        _csv.WriteField(Milli(x));
        _csv.WriteField(Milli(y));
        _csv.WriteField(Milli(toX));
        _csv.WriteField(Milli(toY));
        _csv.EndRecord();
    }

    /// <summary>
    /// Where an event puts its call or unit (<c>X, Y</c>) and where the unit heads (<c>ToX, ToY</c>), km; NaN where none:
    /// a call's location at arrival, a dispatched unit's start and its call, a unit on scene, going on duty, back on patrol,
    /// returning to its beat (from, to) and idle in it.
    /// </summary>
    public static (double X, double Y, double ToX, double ToY) Position(TraceEvent e) => e switch
    {
        CallArrived a => (a.X, a.Y, double.NaN, double.NaN),
        UnitDispatched d => (d.X, d.Y, d.ToX, d.ToY),
        UnitOnScene o => (o.X, o.Y, double.NaN, double.NaN),
        UnitOnDuty u => (u.X, u.Y, double.NaN, double.NaN),
        UnitPulled p => (p.X, p.Y, double.NaN, double.NaN),
        UnitReturning r => (r.X, r.Y, r.ToX, r.ToY),
        UnitIdle i => (i.X, i.Y, double.NaN, double.NaN),
        _ => (double.NaN, double.NaN, double.NaN, double.NaN),
    };

    // Times and coordinates to three decimals (a millisecond-ish of a minute, a metre of a km); empty for NaN.
    private static string Milli(double v) => double.IsNaN(v) ? "" : v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The detail column of an event.</summary>
    public static string Detail(TraceEvent e) => e switch
    {
        CallArrived a => FormattableString.Invariant($"P{a.Priority} {a.CallType} needs {a.OfficersNeeded}"),
        UnitDispatched d => d.Officers == 1 ? "officers 1" : "officers 2",
        ShiftStarted s => FormattableString.Invariant($"{s.Shift}: {s.Officers} officers, {s.Units} units ({s.TwoOfficerUnits} two-officer)"),
        ShiftEnded s => s.Shift,
        UnitPreempted p => FormattableString.Invariant($"to call {p.ToCall}"),
        UnitOnDuty u => FormattableString.Invariant($"unit {u.Number}, officers {u.Officers}, zone {u.HomeZone + 1}{(u.BackupOnly ? ", backup only" : "")}"),
        UnitOffDuty o => o.Overtime ? "overtime" : "",
        QueueChanged q => FormattableString.Invariant($"waiting {q.Waiting}"),
        PolicyWindowChanged p => FormattableString.Invariant(
            $"window {p.Window + 1}: twoOfficerShare={p.TwoOfficerShare} backup={p.Backup} engage={p.Engage} dispatch={p.Dispatch}"),
        _ => "",
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
