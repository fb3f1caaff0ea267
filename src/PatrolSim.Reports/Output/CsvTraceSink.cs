using System.Globalization;
using CsvHelper;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The trace writer: typed trace events as CSV rows <c>timeMinutes, kind, call, unit, detail</c> (empty
/// call/unit where none). The detail column is the one place where an event's fields become text.
/// </summary>
public sealed class CsvTraceSink : ITraceSink, IDisposable
{
    private readonly CsvWriter _csv;

    /// <summary>Starts the trace with its header.</summary>
    public CsvTraceSink(TextWriter writer)
    {
        _csv = Csv.CreateWriter(writer);
        _csv.WriteRecord(["timeMinutes", "kind", "call", "unit", "detail"]);
    }

    /// <inheritdoc/>
    public void Record(TraceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _csv.WriteField(e.TimeMinutes.ToString("0.###", CultureInfo.InvariantCulture));
        _csv.WriteField(e.Kind);
        _csv.WriteField(e.CallId < 0 ? "" : e.CallId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(e.UnitId < 0 ? "" : e.UnitId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(Detail(e));
        _csv.EndRecord();
    }

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
