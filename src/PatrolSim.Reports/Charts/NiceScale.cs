using System.Globalization;

namespace PatrolSim.Reports.Charts;

/// <summary>Nice tick values for a linear axis: Heckbert's "nice numbers" (Graphics Gems, 1990), loose labelling.</summary>
/// <param name="Min">Lower end of the axis (a multiple of <paramref name="Step"/> unless fixed by the caller).</param>
/// <param name="Max">Upper end of the axis.</param>
/// <param name="Step">Distance between ticks: 1, 2 or 5 × 10^k.</param>
/// <param name="Ticks">Tick values from Min to Max, computed as integer multiples of Step (no accumulated rounding).</param>
public sealed record NiceScale(double Min, double Max, double Step, IReadOnlyList<double> Ticks)
{
    /// <summary>Decimals needed to print the ticks exactly: max(0, −floor(log10 step)).</summary>
    public int Decimals => Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));

    /// <summary>
    /// Loose nice range covering [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="targetTicks"/> ticks.
    /// A zero-width range is widened first (v ± 10 % of |v|, or 0..1 around zero).
    /// </summary>
    public static NiceScale Compute(double min, double max, int targetTicks = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"Axis range must be finite, got [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
        }

        if (min > max)
        {
            (min, max) = (max, min);
        }

        (min, max) = Widen(min, max);
        targetTicks = Math.Max(2, targetTicks);
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / (targetTicks - 1), round: true);
        long first = (long)Math.Floor((min / step) + 1e-9);
        long last = (long)Math.Ceiling((max / step) - 1e-9);
        var ticks = TicksBetween(first, last, step);
        return new NiceScale(ticks[0], ticks[^1], step, ticks);
    }

    /// <summary>
    /// Ticks for a fixed axis range [<paramref name="min"/>, <paramref name="max"/>]: the ends are kept, ticks are the
    /// multiples of a nice step that fall inside.
    /// </summary>
    public static NiceScale Fixed(double min, double max, int targetTicks = 5)
    {
        if (min > max)
        {
            (min, max) = (max, min);
        }

        (min, max) = Widen(min, max);
        double step = NiceNumber(NiceNumber(max - min, round: false) / (Math.Max(2, targetTicks) - 1), round: true);
        long first = (long)Math.Ceiling((min / step) - 1e-9);
        long last = (long)Math.Floor((max / step) + 1e-9);
        return new NiceScale(min, max, step, TicksBetween(first, last, step));
    }

    /// <summary>
    /// Heckbert's nice number: the 1, 2, 5 or 10 × 10^k closest to <paramref name="x"/> when <paramref name="round"/>,
    /// otherwise the smallest such number ≥ x.
    /// </summary>
    public static double NiceNumber(double x, bool round)
    {
        if (x <= 0 || !double.IsFinite(x))
        {
            return 1;
        }

        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction switch { < 1.5 => 1, < 3 => 2, < 7 => 5, _ => 10 }
            : fraction switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 };
        return nice * power;
    }

    /// <summary>Formats a tick value with <paramref name="decimals"/> decimals, thousands separators, invariant culture and a typographic minus sign (U+2212).</summary>
    public static string Format(double value, int decimals)
    {
        double rounded = Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no "-0"
        }

        string text = Math.Abs(rounded).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded < 0 ? "\u2212" + text : text;
    }

    private static (double Min, double Max) Widen(double min, double max)
    {
        if (max > min)
        {
            return (min, max);
        }

        if (min == 0)
        {
            return (0, 1);
        }

        double half = Math.Abs(min) * 0.1;
        return (min - half, max + half);
    }

    private static double[] TicksBetween(long first, long last, double step)
    {
        var ticks = new double[Math.Max(0, last - first + 1)];
        for (int i = 0; i < ticks.Length; i++)
        {
            double t = (first + i) * step;
            // Snap tiny binary noise (0.1 * 3 = 0.30000000000000004) to the printed value.
            ticks[i] = Math.Round(t, Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 2, 0, 15));
        }

        return ticks;
    }
}
