using System.Globalization;

namespace PatrolSim.Calibration.Cad;

/// <summary>What <see cref="CadReader"/> read from one file.</summary>
public sealed record CadReadResult
{
    /// <summary>The file name (or source name) read.</summary>
    public required string SourceName { get; init; }

    /// <summary>The calls used, in file order.</summary>
    public required IReadOnlyList<CadCall> Calls { get; init; }

    /// <summary>Rows rejected or partly ignored, by reason.</summary>
    public required BadRowReport Report { get; init; }

    /// <summary>Data rows read (the header not counted).</summary>
    public required int RowsRead { get; init; }

    /// <summary>Rows dropped because of <see cref="CadReadOptions.ExcludePriorities"/>, by priority.</summary>
    public required IReadOnlyDictionary<int, int> RowsExcludedByPriority { get; init; }

    /// <summary>Rows dropped by option.</summary>
    public int RowsExcluded => RowsExcludedByPriority.Values.Sum();

    /// <summary>Rows used (= <see cref="Calls"/>.Count).</summary>
    public int RowsUsed => Calls.Count;

    /// <summary>The mapping as applied.</summary>
    public required ResolvedCadMapping Mapping { get; init; }

    /// <summary>The timestamp format used for each timestamp column (null when no format parsed any value).</summary>
    public required IReadOnlyDictionary<CadField, string?> TimestampFormatsUsed { get; init; }

    /// <summary>
    /// Rows whose quoted fields hold line breaks (each spans several lines of the file), as (first line, lines): the
    /// lines of the file are the header's, the rows' and empty lines, each once.
    /// </summary>
    public IReadOnlyList<(int Line, int Lines)> MultiLineRows { get; init; } = [];

    /// <summary>
    /// e.g. <c>14580 rows read, 602 excluded (priority 8: 602), 0 rejected, 13978 used</c>, and when rows span several
    /// lines <c>; 1 row spans several lines (lines 51–53)</c>.
    /// </summary>
    public string Summary
    {
        get
        {
            var excluded = RowsExcluded == 0
                ? ""
                : " (" + string.Join(", ", RowsExcludedByPriority.OrderBy(kv => kv.Key).Select(kv =>
                    string.Create(CultureInfo.InvariantCulture, $"priority {kv.Key}: {kv.Value}"))) + ")";
            var multiLine = MultiLineRows.Count == 0
                ? ""
                : string.Create(CultureInfo.InvariantCulture,
                    $"; {MultiLineRows.Count} {(MultiLineRows.Count == 1 ? "row spans" : "rows span")} several lines (a quoted field with line breaks: {string.Join(", ", MultiLineRows.Take(5).Select(r => $"lines {r.Line}–{r.Line + r.Lines - 1}"))}{(MultiLineRows.Count > 5 ? ", ..." : "")})");
            return string.Create(CultureInfo.InvariantCulture,
                $"{RowsRead} rows read, {RowsExcluded} excluded{excluded}, {Report.RowsRejected} rejected, {RowsUsed} used{multiLine}");
        }
    }
}
