using System.Globalization;

namespace PatrolSim.Reports.Charts;

/// <summary>What a chart draws, decided by its series kinds.</summary>
public enum ChartKind
{
    /// <summary>Lines and/or scatter points on two linear axes.</summary>
    Xy,

    /// <summary>Grouped bars over the x-axis categories.</summary>
    Bars,

    /// <summary>A single heatmap over two category axes.</summary>
    Heatmap,

    /// <summary>Histograms of raw values (shared bins).</summary>
    Histogram,

    /// <summary>Empirical CDFs of raw values.</summary>
    Ecdf,

    /// <summary>24-hour or 168-hour profiles.</summary>
    Profile,

    /// <summary>A map of areas (zones) shaded by a value, one unit on both axes.</summary>
    Map,
}

/// <summary>Checks a chart before drawing (every error at once), and derives its kind, id and text description.</summary>
public static class ChartChecks
{
    /// <summary>The kind of a chart (its first series decides; <see cref="Validate"/> rejects mixtures).</summary>
    public static ChartKind KindOf(Chart chart) => chart.Series.Count == 0 ? ChartKind.Xy : chart.Series[0] switch
    {
        BarSeries => ChartKind.Bars,
        HeatmapSeries => ChartKind.Heatmap,
        HistogramSeries => ChartKind.Histogram,
        EcdfSeries => ChartKind.Ecdf,
        ProfileSeries => ChartKind.Profile,
        ZoneMapSeries => ChartKind.Map,
        _ => ChartKind.Xy,
    };

    /// <summary>A one-sentence description for the SVG &lt;desc&gt;: kind, series, axis titles.</summary>
    public static string Describe(Chart chart) =>
        string.Create(CultureInfo.InvariantCulture, $"{KindOf(chart)} chart with {chart.Series.Count} series")
        + (chart.Series.Count > 0 ? ": " + string.Join(", ", chart.Series.Select(s => s.Name)) : "") + "."
        + (chart.X.Title is { } x ? " Horizontal axis: " + x + "." : "")
        + (chart.Y.Title is { } y ? " Vertical axis: " + y + "." : "");

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of the chart.</summary>
    public static void Validate(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var errors = new List<string>();
        if (chart.Width < 200 || chart.Height < 150)
        {
            errors.Add($"chart size {chart.Width}×{chart.Height} is too small: use at least 200×150 pixels");
        }

        var kinds = chart.Series.Select(s => s switch
        {
            LineSeries or ScatterSeries => ChartKind.Xy,
            BarSeries => ChartKind.Bars,
            HeatmapSeries => ChartKind.Heatmap,
            HistogramSeries => ChartKind.Histogram,
            EcdfSeries => ChartKind.Ecdf,
            ProfileSeries => ChartKind.Profile,
            ZoneMapSeries => ChartKind.Map,
            _ => throw new ArgumentException($"Unknown series type {s.GetType().Name}.", nameof(chart)),
        }).Distinct().ToList();
        if (kinds.Count > 1)
        {
            errors.Add($"series kinds cannot be mixed in one chart: {string.Join(", ", kinds)}");
        }

        var kind = kinds.Count == 0 ? ChartKind.Xy : kinds[0];
        if (kind == ChartKind.Heatmap && chart.Series.Count > 1)
        {
            errors.Add("a heatmap chart holds exactly one HeatmapSeries");
        }

        if (kind == ChartKind.Map && chart.Series.Count > 1)
        {
            errors.Add("a map chart holds exactly one ZoneMapSeries");
        }

        foreach (var s in chart.Series)
        {
            switch (s)
            {
                case BarSeries b when b.Values.Count != (chart.X.Categories?.Count ?? -1):
                    errors.Add($"bar series '{s.Name}' has {b.Values.Count} values but the x axis has {chart.X.Categories?.Count ?? 0} categories: set Chart.X.Categories to one label per value");
                    break;
                case HeatmapSeries h:
                    if (h.Values.Count != h.YCategories.Count)
                    {
                        errors.Add($"heatmap '{s.Name}' has {h.Values.Count} rows but {h.YCategories.Count} y categories");
                    }

                    for (int r = 0; r < h.Values.Count; r++)
                    {
                        if (h.Values[r].Count != h.XCategories.Count)
                        {
                            errors.Add($"heatmap '{s.Name}' row {r} has {h.Values[r].Count} values but there are {h.XCategories.Count} x categories");
                        }
                    }

                    break;
                case ZoneMapSeries m:
                    foreach (var area in m.Areas.Where(a => a.Polygons.Count == 0 || a.Polygons.Any(p => p.Count == 0 || p.Any(r => r.Count < 4))))
                    {
                        errors.Add($"map '{s.Name}' area '{area.Label}' has an empty polygon or a ring of fewer than 4 points (a closed ring repeats its first point)");
                    }

                    break;
                case ProfileSeries p:
                    if (p.Values.Count is not (24 or 168))
                    {
                        errors.Add($"profile '{s.Name}' has {p.Values.Count} values: use 24 (hour of day) or 168 (hour of week)");
                    }

                    if ((p.Low is not null && p.Low.Count != p.Values.Count) || (p.High is not null && p.High.Count != p.Values.Count))
                    {
                        errors.Add($"profile '{s.Name}' band (Low/High) must have as many values as Values ({p.Values.Count})");
                    }

                    break;
            }
        }

        var hours = chart.Series.OfType<ProfileSeries>().Select(p => p.Values.Count).Distinct().ToList();
        if (hours.Count > 1)
        {
            errors.Add("all profile series of a chart must have the same length (24 or 168)");
        }

        if (chart.Pareto is not null && kind != ChartKind.Xy)
        {
            errors.Add("a Pareto front needs scatter series");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Chart '{chart.Title}' is invalid: " + string.Join("; ", errors) + ".", nameof(chart));
        }

    }

    /// <summary>The chart's id as an HTML/SVG id: its letters, digits, '-' and '_', starting with a letter ("c" is put in front otherwise).</summary>
    public static string IdOf(Chart c)
    {
        if (!string.IsNullOrEmpty(c.Id))
        {
            var clean = new string(c.Id.Where(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_').ToArray());
            return clean.Length > 0 && char.IsAsciiLetter(clean[0]) ? clean : "c" + clean;
        }

        // FNV-1a over the title and series names: stable across runs and machines.
        uint hash = 2166136261;
        foreach (char ch in c.Title + "\u0001" + string.Join("\u0001", c.Series.Select(s => s.Name)))
        {
            hash = (hash ^ ch) * 16777619;
        }

        return "chart-" + hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
