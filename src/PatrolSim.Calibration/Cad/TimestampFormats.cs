using System.Globalization;

namespace PatrolSim.Calibration.Cad;

/// <summary>Timestamp formats tried when a column's format is not given, and detection of the one a column uses.</summary>
public static class TimestampFormats
{
    /// <summary>
    /// Formats tried in order (invariant culture). Month-first (US) comes before day-first, so an all-ambiguous column
    /// (every day ≤ 12) is read month-first; give the format explicitly for day-first files.
    /// </summary>
    public static IReadOnlyList<string> Candidates { get; } =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy/MM/dd HH:mm:ss.FFFFFFF",
        "yyyy/MM/dd HH:mm:ss",
        "M/d/yyyy H:mm:ss.FFFFFFF",
        "M/d/yyyy H:mm:ss",
        "M/d/yyyy H:mm",
        "M/d/yyyy h:mm:ss tt",
        "M/d/yyyy h:mm tt",
        "d/M/yyyy H:mm:ss",
        "d/M/yyyy H:mm",
        "d.M.yyyy H:mm:ss",
        "d.M.yyyy H:mm",
        "yyyyMMddHHmmss",
    ];

    /// <summary>Parses one value with one format; the wall-clock time as written (an offset suffix is read, then dropped).</summary>
    public static bool TryParse(string value, string format, out DateTime result)
    {
        if (DateTimeOffset.TryParseExact(value.Trim(), format, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            result = parsed.DateTime;
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>
    /// The first format (of <paramref name="formats"/>, default <see cref="Candidates"/>) that parses every sample value,
    /// else the one parsing the most; null when none parses any.
    /// </summary>
    public static string? Detect(IReadOnlyCollection<string> samples, IReadOnlyList<string>? formats = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        formats ??= Candidates;
        string? best = null;
        var bestCount = 0;
        foreach (var format in formats)
        {
            var count = samples.Count(s => TryParse(s, format, out _));
            if (count == samples.Count && count > 0) return format;
            if (count > bestCount)
            {
                best = format;
                bestCount = count;
            }
        }
        return best;
    }
}
