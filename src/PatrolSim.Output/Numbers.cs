using System.Globalization;

namespace PatrolSim.Output;

/// <summary>How numbers appear in output files.</summary>
public static class Numbers
{
    /// <summary>Shortest round-trip form in invariant culture; empty for NaN (a missing value in CSV).</summary>
    public static string RoundTrip(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant culture.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
