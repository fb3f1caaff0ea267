using CsvHelper;

namespace PatrolSim.Geography;

/// <summary>How the geography's CSV inputs (travel-time matrices, call locations) are read: a header row, line numbers kept for messages, empty lines skipped, short rows allowed (a missing cell is reported by the caller).</summary>
internal static class GeoCsv
{
    /// <summary>A reader over <paramref name="reader"/> (left open) and its header cells, trimmed, without a byte-order mark.</summary>
    public static CsvReader Open(TextReader reader, out string[] header)
    {
        var csv = CsvReader.Create(reader, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        }, leaveOpen: true);
        header = [.. csv.Headers.Select((h, i) => (i == 0 ? h.TrimStart('\uFEFF') : h).Trim())];
        return csv;
    }
}
