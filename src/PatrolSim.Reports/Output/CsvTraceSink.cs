using System.Globalization;
using CsvHelper;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>Writes an event trace as CSV: <c>timeMinutes, kind, call, unit, detail</c> (empty call/unit where none).</summary>
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
    public void Record(double timeMinutes, string kind, long callId, long unitId, string detail)
    {
        _csv.WriteField(timeMinutes.ToString("0.###", CultureInfo.InvariantCulture));
        _csv.WriteField(kind);
        _csv.WriteField(callId < 0 ? "" : callId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(unitId < 0 ? "" : unitId.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(detail);
        _csv.EndRecord();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
