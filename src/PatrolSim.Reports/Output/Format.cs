using System.Globalization;

namespace PatrolSim.Reports.Output;

/// <summary>Numbers for people in reports and console tables (files use <see cref="PatrolSim.Output.Numbers"/>).</summary>
public static class Format
{
    /// <summary>Fixed decimals for people; "–" for NaN.</summary>
    public static string Display(double value, int decimals) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Decimals that suit a metric's unit in tables.</summary>
    public static int DecimalsFor(string unit) => unit switch
    {
        "share" => 3,
        "calls" => 1,
        "officers" => 2,
        "FTE" => 1,
        _ when unit.EndsWith("/yr", StringComparison.Ordinal) => 0, // hours and money a year
        _ => 2,
    };
}
