namespace PatrolSim.Calibration.Cad;

/// <summary>What to do with a row whose timestamps are out of order (or whose offsets are negative).</summary>
public enum BadTimingPolicy
{
    /// <summary>
    /// Keep the call (it still counts for volume, profile and mix) and its times, except each time that breaks the order
    /// (the later one of the out-of-order pair): only the broken interval is lost.
    /// </summary>
    IgnoreOutOfOrderTime,
    /// <summary>Reject the whole row.</summary>
    RejectRow,
}

/// <summary>Options for <see cref="CadReader"/>.</summary>
public sealed record CadReadOptions
{
    /// <summary>Default options: formats detected, nothing excluded, out-of-order times ignored, 5 example lines per reason.</summary>
    public static CadReadOptions Default { get; } = new();

    /// <summary>Timestamp formats to use (invariant culture, .NET custom format strings), tried in order; null = detect per column.</summary>
    public IReadOnlyList<string>? TimestampFormats { get; init; }

    /// <summary>Priorities whose calls are dropped (counted as excluded, not as bad), e.g. 8 for off-duty details.</summary>
    public IReadOnlySet<int> ExcludePriorities { get; init; } = new HashSet<int>();

    /// <summary>What to do with out-of-order timestamps and negative intervals.</summary>
    public BadTimingPolicy BadTimings { get; init; } = BadTimingPolicy.IgnoreOutOfOrderTime;

    /// <summary>Example line numbers kept per bad-row reason.</summary>
    public int MaxExampleLines { get; init; } = 5;

    /// <summary>Non-empty values sampled per time column to detect its format.</summary>
    public int FormatDetectionSample { get; init; } = 500;

    /// <summary>Cell values read as missing (case-insensitive), besides the empty string.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = ["NULL", "NA", "N/A", "NAN", "NONE", "-"];
}
