using System.Globalization;
using CsvHelper;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;

namespace PatrolSim.Calibration.Export;

/// <summary>
/// Collects a replication's calls (<see cref="ICallSink"/>) and writes them as a CAD-style CSV, one row per call in
/// arrival order, with column names that <see cref="Cad.CadMapping.Default"/> recognises, so <c>patrolsim calibrate</c>
/// reads the file without <c>--map</c>. Timestamps are wall-clock times from <see cref="StartDate"/> (a Monday, as
/// simulated day 0 is); x and y are metres from the city's south-west corner (metres, so they are not taken for degrees).
/// <c>Queued</c> is when the call became ready for dispatch (<see cref="CallRecord.QueuedMinutes"/>): after intake and,
/// for a held priority, after the hold too, since the model logs only that one time. <c>En_Route</c> is when the first
/// dispatched unit rolled (<see cref="CallRecord.EnRouteMinutes"/>: dispatch + the priority's turnout).
/// </summary>
public sealed class CadCsvExport : ICallSink
{
    /// <summary>Simulated time zero: Monday 2024-01-01 00:00.</summary>
    public static readonly DateTime StartDate = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Timestamp format of the time columns.</summary>
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff";

    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["Incident_Id", "Received", "Queued", "Dispatched", "En_Route", "Arrived", "Cleared", "Priority", "Call_Type", "Units", "Beat", "X", "Y", "Self_Initiated"];

    private readonly List<CallRecord> _calls = [];
    private readonly object _lock = new();

    /// <summary>Calls collected so far.</summary>
    public int Count => _calls.Count;

    /// <inheritdoc/>
    public void Call(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_lock) _calls.Add(call);
    }

    /// <summary>Writes the collected calls, sorted by call number (arrival order). Steps that never happened are empty cells.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord([.. Header]);
        foreach (var c in _calls.OrderBy(c => c.Id))
        {
            csv.WriteField(c.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Time(c.ArrivalMinutes));
            csv.WriteField(Time(c.QueuedMinutes));
            csv.WriteField(Time(c.FirstDispatchMinutes));
            csv.WriteField(Time(c.EnRouteMinutes));
            csv.WriteField(Time(c.FirstOnSceneMinutes));
            csv.WriteField(Time(c.ClearMinutes));
            csv.WriteField(c.Priority.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.Type);
            csv.WriteField(c.NeedsUnit ? c.Units.ToString(CultureInfo.InvariantCulture) : "0");
            csv.WriteField(c.Zone);
            csv.WriteField(Math.Round(c.XKm * 1000, 1).ToString("0.#", CultureInfo.InvariantCulture));
            csv.WriteField(Math.Round(c.YKm * 1000, 1).ToString("0.#", CultureInfo.InvariantCulture));
            csv.WriteField("false");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Minutes since time zero as a timestamp (rounded to the millisecond); empty when null.</summary>
    public static string Time(double? minutes) => minutes is { } m
        ? StartDate.AddMilliseconds(Math.Round(m * 60_000)).ToString(TimestampFormat, CultureInfo.InvariantCulture)
        : "";
}
