using System.Globalization;

namespace PatrolSim.Reports.Charts;

/// <summary>The Okabe–Ito colour-blind-safe palette, ordered for contrast on white (yellow last).</summary>
public static class Palette
{
    /// <summary>Blue, orange, bluish green, vermillion, reddish purple, sky blue, black, yellow.</summary>
    public static IReadOnlyList<string> OkabeIto { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Colour of the series at <paramref name="index"/> (cycles after eight).</summary>
    public static string Color(int index) => OkabeIto[index % OkabeIto.Count];
}

/// <summary>Maps values in [<see cref="Min"/>, <see cref="Max"/>] to colours by piecewise-linear interpolation between stops.</summary>
public sealed class ColorScale
{
    private static readonly string[] Viridis =
        ["#440154", "#482878", "#3E4989", "#31688E", "#26828E", "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"];

    private static readonly string[] BlueRed =
        ["#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B"];

    private readonly (double R, double G, double B)[] _stops;

    /// <summary>Creates a scale over [min, max]; a diverging scale is made symmetric about zero.</summary>
    public ColorScale(ColorScaleKind kind, double min, double max)
    {
        Kind = kind;
        if (kind == ColorScaleKind.Diverging)
        {
            double m = Math.Max(Math.Abs(min), Math.Abs(max));
            (min, max) = m > 0 ? (-m, m) : (-1, 1);
        }
        else if (!(max > min))
        {
            (min, max) = min == 0 ? (0, 1) : (min - (Math.Abs(min) * 0.1), max + (Math.Abs(max) * 0.1));
        }

        Min = min;
        Max = max;
        _stops = (kind == ColorScaleKind.Sequential ? Viridis : BlueRed).Select(Parse).ToArray();
    }

    /// <summary>Kind of scale.</summary>
    public ColorScaleKind Kind { get; }

    /// <summary>Value mapped to the first stop.</summary>
    public double Min { get; }

    /// <summary>Value mapped to the last stop.</summary>
    public double Max { get; }

    /// <summary>Colour of the lowest value.</summary>
    public string MinColor => Color(Min);

    /// <summary>Colour of the highest value.</summary>
    public string MaxColor => Color(Max);

    /// <summary>"#rrggbb" for a value (clamped to the domain); light grey for NaN.</summary>
    public string Color(double value)
    {
        if (double.IsNaN(value))
        {
            return "#D9D9D9";
        }

        var (r, g, b) = Rgb(value);
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):X2}{(int)Math.Round(g):X2}{(int)Math.Round(b):X2}");
    }

    /// <summary>Whether dark text is more legible than white on the colour of <paramref name="value"/> (relative luminance &gt; 0.4).</summary>
    public bool IsLight(double value)
    {
        if (double.IsNaN(value))
        {
            return true;
        }

        var (r, g, b) = Rgb(value);
        static double Lin(double c) => (c /= 255) <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return (0.2126 * Lin(r)) + (0.7152 * Lin(g)) + (0.0722 * Lin(b)) > 0.4;
    }

    private (double R, double G, double B) Rgb(double value)
    {
        double t = Math.Clamp((value - Min) / (Max - Min), 0, 1) * (_stops.Length - 1);
        int i = Math.Min((int)Math.Floor(t), _stops.Length - 2);
        double f = t - i;
        var (a, b) = (_stops[i], _stops[i + 1]);
        return (a.R + ((b.R - a.R) * f), a.G + ((b.G - a.G) * f), a.B + ((b.B - a.B) * f));
    }

    private static (double, double, double) Parse(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
