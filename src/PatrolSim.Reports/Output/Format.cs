using System.Globalization;

namespace PatrolSim.Reports.Output;

/// <summary>Invariant, round-trippable number formatting shared by every output file.</summary>
public static class Format
{
    /// <summary>Shortest round-trip form; empty for NaN (a missing value in CSV).</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Fixed decimals for people; "–" for NaN.</summary>
    public static string Display(double value, int decimals) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Decimals that suit a metric's unit in tables.</summary>
    public static int DecimalsFor(string unit) => unit switch
    {
        "share" => 3,
        "calls" => 1,
        "officers" => 2,
        _ => 2,
    };
}
