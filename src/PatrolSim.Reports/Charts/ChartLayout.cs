using System.Globalization;

namespace PatrolSim.Reports.Charts;

/// <summary>The chart kind, inferred from the series kinds.</summary>
public enum ChartKind
{
    /// <summary>Lines and/or scatter points on two linear axes.</summary>
    XY,

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
}

/// <summary>A rectangle in pixels.</summary>
public readonly record struct Rect(double X, double Y, double Width, double Height)
{
    /// <summary>X + Width.</summary>
    public double Right => X + Width;

    /// <summary>Y + Height.</summary>
    public double Bottom => Y + Height;
}

/// <summary>A tick: data value, pixel position along its axis, and label (label lines when wrapped).</summary>
public sealed record Tick(double Value, double Position, string Label)
{
    /// <summary>The label split into lines (one line unless a category label was wrapped).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [Label];
}

/// <summary>One axis after layout: its scale, ticks and title.</summary>
public sealed record AxisLayout(Scale Scale, IReadOnlyList<Tick> Ticks, string? Title)
{
    /// <summary>The scale as a linear scale, or null for a band (category) axis.</summary>
    public LinearScale? Linear => Scale as LinearScale;

    /// <summary>The scale as a band scale, or null for a linear axis.</summary>
    public BandScale? Band => Scale as BandScale;

    /// <summary>Rotation of tick labels in degrees (0, or −40 for long category labels).</summary>
    public double LabelAngle { get; init; }

    /// <summary>Whether the user fixed either end of the range (data may then fall outside and is clipped).</summary>
    public bool Fixed { get; init; }
}

/// <summary>How a legend entry is drawn.</summary>
public enum LegendSymbol
{
    /// <summary>A line (with marker if any).</summary>
    Line,

    /// <summary>A line over a shaded band.</summary>
    LineBand,

    /// <summary>A marker only.</summary>
    Marker,

    /// <summary>A filled box.</summary>
    Box,

    /// <summary>The Pareto-front style (dashed line, ringed marker).</summary>
    Front,
}

/// <summary>A legend entry placed at (X, Y): X is the left of the symbol, Y the vertical centre of the row.</summary>
public sealed record LegendEntry(string Label, string Color, LegendSymbol Symbol, MarkerShape Marker, bool Dashed, double X, double Y);

/// <summary>The colour bar of a heatmap: scale, bar rectangle (top = maximum) and ticks (positions are y pixels).</summary>
public sealed record ColorBarLayout(ColorScale Scale, Rect Bar, IReadOnlyList<Tick> Ticks, string Title);

/// <summary>
/// The layout of a chart: plot area, axis scales and ticks, legend positions and the derived data (histogram bins,
/// ECDF steps, Pareto front, colour scale). Renderers draw from it; tests check data against its scales.
/// </summary>
public sealed class ChartLayout
{
    internal const double Pad = 16;
    internal const double TitleSize = 20;
    internal const double SubtitleSize = 15;
    internal const double AxisTitleSize = 16;
    internal const double TickSize = 14;
    internal const double LegendSize = 14;
    internal const double LabelSize = 13;
    internal const double LegendRow = 24;
    private const double TickLength = 6;

    private static readonly MarkerShape[] Shapes = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Triangle, MarkerShape.Diamond];

    private ChartLayout(Chart chart, ChartKind kind)
    {
        Chart = chart;
        Kind = kind;
    }

    /// <summary>The chart laid out.</summary>
    public Chart Chart { get; }

    /// <summary>Kind inferred from the series.</summary>
    public ChartKind Kind { get; }

    /// <summary>Plot area (inside the axes).</summary>
    public Rect Plot { get; private set; }

    /// <summary>Horizontal axis.</summary>
    public AxisLayout X { get; private set; } = null!;

    /// <summary>Vertical axis.</summary>
    public AxisLayout Y { get; private set; } = null!;

    /// <summary>Resolved legend placement (never Auto).</summary>
    public LegendPlacement LegendPlacement { get; private set; }

    /// <summary>Legend entries with positions (empty when there is no legend).</summary>
    public IReadOnlyList<LegendEntry> Legend { get; private set; } = [];

    /// <summary>Colour of each series (palette or override).</summary>
    public IReadOnlyList<string> SeriesColors { get; private set; } = [];

    /// <summary>Resolved marker of each series (None for bars, histograms, ECDFs, heatmaps). Points isolated between gaps get a circle even when None.</summary>
    public IReadOnlyList<MarkerShape> SeriesMarkers { get; private set; } = [];

    /// <summary>Whether each series is drawn dashed.</summary>
    public IReadOnlyList<bool> SeriesDashed { get; private set; } = [];

    /// <summary>Histogram bins (shared edges, one list per series) for a histogram chart.</summary>
    public HistogramResult? Histogram { get; private set; }

    /// <summary>ECDF steps per series for an ECDF chart.</summary>
    public IReadOnlyList<IReadOnlyList<EcdfStep>>? Ecdfs { get; private set; }

    /// <summary>Pareto-front points as (series index, point index), ordered by x, when <see cref="Chart.Pareto"/> is set.</summary>
    public IReadOnlyList<(int Series, int Point)> ParetoFront { get; private set; } = [];

    /// <summary>Colour bar of a heatmap chart.</summary>
    public ColorBarLayout? ColorBar { get; private set; }

    /// <summary>Hours of a profile chart (24 or 168), else 0.</summary>
    public int ProfileHours { get; private set; }

    /// <summary>True when no series has any finite data point ("No data" is drawn).</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>Baseline of the title text.</summary>
    public double TitleBaseline { get; private set; }

    /// <summary>Baseline of the subtitle text (0 when none).</summary>
    public double SubtitleBaseline { get; private set; }

    /// <summary>Id prefix for SVG elements (XML name).</summary>
    public string Id { get; private set; } = "";

    /// <summary>Validates the chart and computes its layout.</summary>
    /// <exception cref="ArgumentException">Incompatible series kinds or inconsistent data sizes (all problems listed).</exception>
    public static ChartLayout Compute(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var kind = Validate(chart);
        var layout = new ChartLayout(chart, kind);
        layout.Build();
        return layout;
    }

    private static ChartKind Validate(Chart chart)
    {
        var errors = new List<string>();
        if (chart.Width < 200 || chart.Height < 150)
        {
            errors.Add($"chart size {chart.Width}×{chart.Height} is too small: use at least 200×150 pixels");
        }

        var kinds = chart.Series.Select(s => s switch
        {
            LineSeries or ScatterSeries => ChartKind.XY,
            BarSeries => ChartKind.Bars,
            HeatmapSeries => ChartKind.Heatmap,
            HistogramSeries => ChartKind.Histogram,
            EcdfSeries => ChartKind.Ecdf,
            ProfileSeries => ChartKind.Profile,
            _ => throw new ArgumentException($"Unknown series type {s.GetType().Name}.", nameof(chart)),
        }).Distinct().ToList();
        if (kinds.Count > 1)
        {
            errors.Add($"series kinds cannot be mixed in one chart: {string.Join(", ", kinds)}");
        }

        var kind = kinds.Count == 0 ? ChartKind.XY : kinds[0];
        if (kind == ChartKind.Heatmap && chart.Series.Count > 1)
        {
            errors.Add("a heatmap chart holds exactly one HeatmapSeries");
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

        if (chart.Pareto is not null && kind != ChartKind.XY)
        {
            errors.Add("a Pareto front needs scatter series");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Chart '{chart.Title}' is invalid: " + string.Join("; ", errors) + ".", nameof(chart));
        }

        return kind;
    }

    private void Build()
    {
        var c = Chart;
        Id = MakeId(c);
        ResolveSeriesStyles();
        ComputeDerivedData();

        // Vertical stack from the top: title, subtitle, legend.
        double top = Pad;
        TitleBaseline = top + TitleSize;
        top = TitleBaseline + 6;
        if (!string.IsNullOrEmpty(c.Subtitle))
        {
            SubtitleBaseline = top + SubtitleSize + 2;
            top = SubtitleBaseline + 4;
        }

        var entries = LegendItems();
        LegendPlacement = c.Legend switch
        {
            LegendPlacement.Auto => entries.Count >= 2 ? LegendPlacement.Top : LegendPlacement.None,
            _ when entries.Count == 0 => LegendPlacement.None,
            var p => p,
        };
        if (LegendPlacement == LegendPlacement.Right && top + 14 + (entries.Count * LegendRow) > c.Height - Pad - 60)
        {
            LegendPlacement = LegendPlacement.Top; // a column that does not fit the height wraps into rows above the plot instead
        }

        double legendWidth = Math.Min(c.Width * 0.3, entries.Count == 0 ? 0 : entries.Max(e => EntryWidth(e.Label)));
        int legendRows = 0;
        if (LegendPlacement is LegendPlacement.Top or LegendPlacement.Bottom)
        {
            legendRows = FlowLegend(entries, 0, 0).Rows;
        }

        if (LegendPlacement == LegendPlacement.Top)
        {
            top += 6;
            Legend = FlowLegend(entries, Pad, top + (LegendRow / 2)).Entries;
            top += legendRows * LegendRow;
        }

        top += 14; // room for the top tick label
        if (c.ReferenceLines.Any(r => r.Axis == ReferenceAxis.X && !string.IsNullOrEmpty(r.Label)) && Kind != ChartKind.Heatmap)
        {
            top += 8; // labels of vertical reference lines sit above the plot
        }

        double bottom = c.Height - Pad;
        if (LegendPlacement == LegendPlacement.Bottom)
        {
            bottom -= legendRows * LegendRow;
        }

        string? xTitle = Kind == ChartKind.Heatmap ? c.X.Title : c.X.Title ?? DefaultXTitle();
        string? yTitle = c.Y.Title ?? DefaultYTitle();
        if (xTitle is not null)
        {
            bottom -= AxisTitleSize + 12;
        }

        double right = c.Width - Pad;
        if (LegendPlacement == LegendPlacement.Right)
        {
            right -= legendWidth + 16;
        }

        // Pass 1: y axis with an estimated plot height (one line of x labels), giving the left margin.
        double xLabelBand = TickLength + 6 + TickSize + (Kind == ChartKind.Profile && ProfileHours == 168 ? 4 : 0);
        double plotBottom = bottom - xLabelBand;
        var (yAxis, yLabelWidth) = BuildY(top, plotBottom, yTitle);
        double left = Pad + (yTitle is null ? 0 : AxisTitleSize + 12) + yLabelWidth + 8 + TickLength;

        if (Kind == ChartKind.Heatmap)
        {
            right -= 16 + 8 + ColorBarLabelWidth() + 10 + (AxisTitleSize + 6);
        }

        // The last x tick label is centred on the right end of the plot: keep half of it inside the picture.
        right = Math.Min(right, c.Width - Math.Max(Pad, (XEndLabelWidth() / 2) + 4));

        // x axis; category labels may wrap or rotate, which grows the bottom margin.
        var (xAxis, xLabelHeight) = BuildX(left, right, xTitle);
        if (Math.Abs(xLabelHeight - TickSize) > 0.5)
        {
            plotBottom = bottom - (TickLength + 6 + xLabelHeight);
            (yAxis, double w2) = BuildY(top, plotBottom, yTitle);
            if (w2 > yLabelWidth + 0.5)
            {
                left += w2 - yLabelWidth;
                (xAxis, _) = BuildX(left, right, xTitle);
            }
        }

        // Rotated labels hang left of their tick: keep the first ones inside the picture.
        if (xAxis.LabelAngle != 0)
        {
            double cos = Math.Cos(xAxis.LabelAngle * Math.PI / 180);
            double overhang = xAxis.Ticks.Max(t => (TextMetrics.Width(t.Label, TickSize) * cos) + 4 - (t.Position - Pad));
            if (overhang > 0)
            {
                left += overhang;
                (xAxis, _) = BuildX(left, right, xTitle);
            }
        }

        X = xAxis;
        Y = yAxis;
        Plot = new Rect(left, top, right - left, plotBottom - top);

        if (LegendPlacement == LegendPlacement.Bottom)
        {
            Legend = FlowLegend(entries, Pad, c.Height - Pad - (legendRows * LegendRow) + (LegendRow / 2)).Entries;
        }
        else if (LegendPlacement == LegendPlacement.Right)
        {
            double lx = c.Width - Pad - legendWidth;
            Legend = entries.Select((e, i) => e with { X = lx, Y = top + (LegendRow / 2) + (i * LegendRow) }).ToList();
        }

        if (Kind == ChartKind.Heatmap)
        {
            BuildColorBar();
        }
    }

    private void ResolveSeriesStyles()
    {
        var series = Chart.Series;
        SeriesColors = series.Select((s, i) => s.Color ?? Palette.Color(i)).ToList();
        // Past the eight palette colours, lines turn dashed and bars hollow so repeated colours stay distinguishable.
        SeriesDashed = series.Select((s, i) => (s is LineSeries { Dashed: true }) || (i >= Palette.OkabeIto.Count && s.Color is null)).ToList();
        SeriesMarkers = series.Select((s, i) => s switch
        {
            LineSeries l => l.Marker switch
            {
                MarkerShape.Auto => l.Points.Count(p => double.IsFinite(p.X) && double.IsFinite(p.Y)) <= 40 ? Shapes[i % Shapes.Length] : MarkerShape.None,
                var m => m,
            },
            ScatterSeries sc => sc.Marker == MarkerShape.Auto ? Shapes[i % Shapes.Length] : sc.Marker,
            ProfileSeries p => p.Marker == MarkerShape.Auto ? (p.Values.Count <= 24 ? Shapes[i % Shapes.Length] : MarkerShape.None) : p.Marker,
            _ => MarkerShape.None,
        }).ToList();
    }

    private void ComputeDerivedData()
    {
        var c = Chart;
        switch (Kind)
        {
            case ChartKind.Histogram:
                var hs = c.Series.Cast<HistogramSeries>().ToList();
                Histogram = Charts.Histogram.Compute(
                    hs.Select(h => h.Values).ToList(),
                    hs.Select(h => h.BinWidth).FirstOrDefault(w => w is > 0),
                    hs.Select(h => h.Origin).FirstOrDefault(o => o is not null));
                IsEmpty = Histogram.BinCount == 0;
                break;
            case ChartKind.Ecdf:
                Ecdfs = c.Series.Cast<EcdfSeries>().Select(e => Charts.Ecdf.Compute(e.Values)).ToList();
                IsEmpty = Ecdfs.All(e => e.Count == 0);
                break;
            case ChartKind.Profile:
                ProfileHours = c.Series.OfType<ProfileSeries>().First().Values.Count;
                IsEmpty = c.Series.Cast<ProfileSeries>().All(p => !p.Values.Any(double.IsFinite));
                break;
            case ChartKind.Bars:
                IsEmpty = c.Series.Cast<BarSeries>().All(b => !b.Values.Any(v => double.IsFinite(v.Value)));
                break;
            case ChartKind.Heatmap:
                var hm = (HeatmapSeries)c.Series[0];
                IsEmpty = !hm.Values.SelectMany(r => r).Any(double.IsFinite);
                break;
            default:
                IsEmpty = !c.Series.Any(s => s switch
                {
                    LineSeries l => l.Points.Any(p => double.IsFinite(p.X) && double.IsFinite(p.Y)),
                    ScatterSeries sc => sc.Points.Any(p => double.IsFinite(p.X) && double.IsFinite(p.Y)),
                    _ => false,
                });
                if (c.Pareto is { } pareto)
                {
                    var all = new List<(int S, int P, double X, double Y)>();
                    for (int s = 0; s < c.Series.Count; s++)
                    {
                        if (c.Series[s] is ScatterSeries sc)
                        {
                            all.AddRange(sc.Points.Select((p, i) => (s, i, p.X, p.Y)));
                        }
                    }

                    ParetoFront = Charts.ParetoFront.Compute(all.Select(a => (a.X, a.Y)).ToList(), pareto.X, pareto.Y)
                        .Select(k => (all[k].S, all[k].P)).ToList();
                }

                break;
        }
    }

    private List<LegendEntry> LegendItems()
    {
        var list = new List<LegendEntry>();
        for (int i = 0; i < Chart.Series.Count; i++)
        {
            var s = Chart.Series[i];
            if (string.IsNullOrEmpty(s.Name) || s is HeatmapSeries)
            {
                continue;
            }

            var symbol = s switch
            {
                LineSeries l when l.Points.Any(p => double.IsFinite(p.Low) && double.IsFinite(p.High)) => LegendSymbol.LineBand,
                ProfileSeries { Low: not null, High: not null } => LegendSymbol.LineBand,
                LineSeries or ProfileSeries or EcdfSeries => LegendSymbol.Line,
                ScatterSeries => LegendSymbol.Marker,
                _ => LegendSymbol.Box,
            };
            list.Add(new LegendEntry(s.Name, SeriesColors[i], symbol, SeriesMarkers[i], SeriesDashed[i], 0, 0));
        }

        if (Chart.Pareto is { } p && ParetoFront.Count > 0)
        {
            list.Add(new LegendEntry(p.Label, "#222222", LegendSymbol.Front, MarkerShape.Circle, true, 0, 0));
        }

        return list;
    }

    private static double EntryWidth(string label) => 28 + 8 + TextMetrics.Width(label, LegendSize);

    private (IReadOnlyList<LegendEntry> Entries, int Rows) FlowLegend(List<LegendEntry> entries, double x0, double y0)
    {
        double maxX = Chart.Width - Pad;
        double x = x0, y = y0;
        int rows = entries.Count == 0 ? 0 : 1;
        var placed = new List<LegendEntry>(entries.Count);
        foreach (var e in entries)
        {
            double w = EntryWidth(e.Label);
            if (x > x0 && x + w > maxX)
            {
                rows++;
                x = x0;
                y += LegendRow;
            }

            placed.Add(e with { X = x, Y = y });
            x += w + 22;
        }

        return (placed, rows);
    }

    private string? DefaultXTitle() => Kind switch
    {
        ChartKind.Profile => ProfileHours == 168 ? null : "Hour of day",
        _ => null,
    };

    private string? DefaultYTitle() => Kind switch
    {
        ChartKind.Histogram => Chart.Series.OfType<HistogramSeries>().Any(h => h.Scale == HistogramScale.Percent) ? "Share (%)" : "Count",
        ChartKind.Ecdf => "Cumulative share",
        _ => null,
    };

    // ---- y axis -------------------------------------------------------------------------------------------

    private (AxisLayout Axis, double LabelWidth) BuildY(double top, double bottom, string? title)
    {
        var c = Chart;
        if (Kind == ChartKind.Heatmap)
        {
            var h = (HeatmapSeries)c.Series[0];
            var band = new BandScale(h.YCategories.Count, top, bottom, 0, 0);
            double maxW = c.Width * 0.25;
            var ticks = h.YCategories.Select((cat, i) =>
            {
                string label = TextMetrics.Truncate(cat, TickSize, maxW);
                return new Tick(i, band.Map(i), label);
            }).ToList();
            return (new AxisLayout(band, ticks, title), ticks.Count == 0 ? 0 : ticks.Max(t => TextMetrics.Width(t.Label, TickSize)));
        }

        var values = new List<double>();
        bool includeZero = c.Y.IncludeZero;
        switch (Kind)
        {
            case ChartKind.Bars:
                includeZero = true;
                foreach (var v in c.Series.Cast<BarSeries>().SelectMany(b => b.Values))
                {
                    values.Add(v.Value);
                    values.Add(v.Low);
                    values.Add(v.High);
                }

                break;
            case ChartKind.Histogram:
                includeZero = true;
                var hs = c.Series.Cast<HistogramSeries>().ToList();
                for (int s = 0; s < hs.Count; s++)
                {
                    values.AddRange(Histogram!.Bins[s].Select(b => HistogramHeight(s, b)));
                }

                break;
            case ChartKind.Ecdf:
                values.Add(0);
                values.Add(1);
                break;
            case ChartKind.Profile:
                foreach (var p in c.Series.Cast<ProfileSeries>())
                {
                    values.AddRange(p.Values);
                    values.AddRange(p.Low ?? []);
                    values.AddRange(p.High ?? []);
                }

                includeZero |= values.Where(double.IsFinite).All(v => v >= 0);
                break;
            default:
                foreach (var s in c.Series)
                {
                    if (s is LineSeries l)
                    {
                        foreach (var p in l.Points.Where(p => double.IsFinite(p.X)))
                        {
                            values.Add(p.Y);
                            values.Add(p.Low);
                            values.Add(p.High);
                        }
                    }
                    else if (s is ScatterSeries sc)
                    {
                        values.AddRange(sc.Points.Where(p => double.IsFinite(p.X)).Select(p => p.Y));
                    }
                }

                values.AddRange(c.Annotations.Select(a => a.Y));
                break;
        }

        values.AddRange(c.ReferenceLines.Where(r => r.Axis == ReferenceAxis.Y).Select(r => r.Value));
        int target = Math.Clamp((int)Math.Round((bottom - top) / 70) + 1, 3, 8);
        var (nice, isFixed) = Range(values, c.Y, includeZero, target, Kind == ChartKind.Ecdf, HasScatter);
        var scale = new LinearScale(nice.Min, nice.Max, bottom, top);
        var yTicks = nice.Ticks.Select(t => new Tick(t, scale.Map(t), FormatTick(t, nice, c.Y))).ToList();
        return (new AxisLayout(scale, yTicks, title) { Fixed = isFixed }, yTicks.Count == 0 ? 0 : yTicks.Max(t => TextMetrics.Width(t.Label, TickSize)));
    }

    internal double HistogramHeight(int series, HistogramBin bin)
    {
        var h = (HistogramSeries)Chart.Series[series];
        if (h.Scale == HistogramScale.Count)
        {
            return bin.Count;
        }

        int n = h.Values.Count(double.IsFinite);
        return n == 0 ? 0 : 100.0 * bin.Count / n;
    }

    // ---- x axis -------------------------------------------------------------------------------------------

    private (AxisLayout Axis, double LabelHeight) BuildX(double left, double right, string? title)
    {
        var c = Chart;
        if (Kind is ChartKind.Bars or ChartKind.Heatmap)
        {
            var cats = Kind == ChartKind.Bars ? c.X.Categories! : ((HeatmapSeries)c.Series[0]).XCategories;
            var band = Kind == ChartKind.Bars
                ? new BandScale(cats.Count, left, right, 0.25, 0.15)
                : new BandScale(cats.Count, left, right, 0, 0);
            return CategoryTicks(band, cats, title);
        }

        if (Kind == ChartKind.Profile)
        {
            var scale = new LinearScale(0, ProfileHours, left, right);
            List<Tick> ticks;
            if (ProfileHours == 24)
            {
                ticks = Enumerable.Range(0, 9).Select(k => k * 3)
                    .Select(h => new Tick(h, scale.Map(h), h.ToString("00", CultureInfo.InvariantCulture) + ":00")).ToList();
            }
            else
            {
                var first = c.Series.OfType<ProfileSeries>().First().FirstDay;
                ticks = Enumerable.Range(0, 7).Select(d => new Tick(
                    (d * 24) + 12,
                    scale.Map((d * 24) + 12),
                    CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName((DayOfWeek)(((int)first + d) % 7)))).ToList();
            }

            return (new AxisLayout(scale, ticks, title), TickSize);
        }

        var values = new List<double>();
        switch (Kind)
        {
            case ChartKind.Histogram:
                if (Histogram!.BinCount > 0)
                {
                    values.Add(Histogram.Origin);
                    values.Add(Histogram.Origin + (Histogram.BinCount * Histogram.Width));
                }

                break;
            case ChartKind.Ecdf:
                values.AddRange(Ecdfs!.SelectMany(e => e).Select(s => s.X));
                break;
            default:
                foreach (var s in c.Series)
                {
                    if (s is LineSeries l)
                    {
                        values.AddRange(l.Points.Where(p => double.IsFinite(p.Y) || double.IsFinite(p.Low)).Select(p => p.X));
                    }
                    else if (s is ScatterSeries sc)
                    {
                        values.AddRange(sc.Points.Where(p => double.IsFinite(p.Y)).Select(p => p.X));
                    }
                }

                values.AddRange(c.Annotations.Select(a => a.X));
                break;
        }

        values.AddRange(c.ReferenceLines.Where(r => r.Axis == ReferenceAxis.X).Select(r => r.Value));
        int target = Math.Clamp((int)Math.Round((right - left) / 110) + 1, 3, 10);
        var (nice, isFixed) = Range(values, c.X, c.X.IncludeZero, target, false, HasScatter);
        var linear = new LinearScale(nice.Min, nice.Max, left, right);
        var xTicks = nice.Ticks.Select(t => new Tick(t, linear.Map(t), FormatTick(t, nice, c.X))).ToList();

        // Thin the labels when they would collide.
        double widest = xTicks.Count == 0 ? 0 : xTicks.Max(t => TextMetrics.Width(t.Label, TickSize));
        if (xTicks.Count > 1 && Math.Abs(xTicks[1].Position - xTicks[0].Position) < widest + 12)
        {
            nice = c.X.Min is not null && c.X.Max is not null
                ? NiceScale.Fixed(nice.Min, nice.Max, Math.Max(2, target / 2))
                : NiceScale.Compute(values.Where(double.IsFinite).DefaultIfEmpty(0).Min(), values.Where(double.IsFinite).DefaultIfEmpty(1).Max(), Math.Max(2, target / 2));
            linear = new LinearScale(nice.Min, nice.Max, left, right);
            xTicks = nice.Ticks.Select(t => new Tick(t, linear.Map(t), FormatTick(t, nice, c.X))).ToList();
        }

        return (new AxisLayout(linear, xTicks, title) { Fixed = isFixed }, TickSize);
    }

    private static (AxisLayout, double) CategoryTicks(BandScale band, IReadOnlyList<string> cats, string? title)
    {
        if (cats.Count == 0)
        {
            return (new AxisLayout(band, [], title), TickSize);
        }

        double room = band.Step - 6;
        var wrapped = cats.Select(cat => TextMetrics.Wrap(cat, TickSize, room, 3)).ToList();
        if (wrapped.All(w => w is not null))
        {
            var ticks = cats.Select((cat, i) => new Tick(i, band.Map(i), cat) { Lines = wrapped[i]! }).ToList();
            int lines = wrapped.Max(w => w!.Count);
            return (new AxisLayout(band, ticks, title), (lines * (TickSize + 3)) - 3);
        }

        // Rotate by 40 degrees; cut labels longer than 220 px.
        var rotated = cats.Select((cat, i) => new Tick(i, band.Map(i), TextMetrics.Truncate(cat, TickSize, 220))).ToList();
        double longest = rotated.Max(t => TextMetrics.Width(t.Label, TickSize));
        double height = (longest * Math.Sin(40 * Math.PI / 180)) + (TickSize * Math.Cos(40 * Math.PI / 180));
        return (new AxisLayout(band, rotated, title) { LabelAngle = -40 }, height);
    }

    private double XEndLabelWidth()
    {
        if (Kind is ChartKind.Bars or ChartKind.Heatmap)
        {
            return 0;
        }

        if (Kind == ChartKind.Profile)
        {
            return ProfileHours == 24 ? TextMetrics.Width("24:00", TickSize) : 0;
        }

        return TextMetrics.Width("00000.0", TickSize);
    }

    private bool HasScatter => Chart.Series.Any(s => s is ScatterSeries);

    private static (NiceScale Scale, bool Fixed) Range(List<double> values, Axis axis, bool includeZero, int target, bool unit, bool margin)
    {
        var finite = values.Where(double.IsFinite).ToList();
        double lo = finite.Count == 0 ? 0 : finite.Min();
        double hi = finite.Count == 0 ? 1 : finite.Max();
        if (margin && hi > lo)
        {
            // Scatter markers and their labels should not sit on the axes: 4 % margin, without crossing zero.
            double m = (hi - lo) * 0.04;
            lo = lo >= 0 ? Math.Max(0, lo - m) : lo - m;
            hi = hi <= 0 ? Math.Min(0, hi + m) : hi + m;
        }

        if (includeZero)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }

        if (axis.Min is { } fmin && axis.Max is { } fmax)
        {
            return (NiceScale.Fixed(fmin, fmax, target), true);
        }

        if (unit)
        {
            return (NiceScale.Fixed(axis.Min ?? 0, axis.Max ?? 1, 6), axis.Min is not null || axis.Max is not null);
        }

        if (axis.Min is { } min)
        {
            lo = min;
            hi = Math.Max(hi, min);
        }

        if (axis.Max is { } max)
        {
            hi = max;
            lo = Math.Min(lo, max);
        }

        var nice = NiceScale.Compute(lo, hi, target);
        if (axis.Min is null && axis.Max is null)
        {
            return (nice, false);
        }

        double dMin = axis.Min ?? nice.Min, dMax = axis.Max ?? nice.Max;
        return (NiceScale.Fixed(dMin, dMax, target) with { Step = nice.Step, Ticks = nice.Ticks.Where(t => t >= dMin - 1e-12 && t <= dMax + 1e-12).ToList() }, true);
    }

    private static string FormatTick(double value, NiceScale nice, Axis axis)
    {
        if (axis.TickFormat is { } f)
        {
            return value.ToString(f, CultureInfo.InvariantCulture);
        }

        if (axis.Percent)
        {
            return NiceScale.Format(value * 100, Math.Max(0, nice.Decimals - 2)) + "%";
        }

        return NiceScale.Format(value, nice.Decimals);
    }

    // ---- heatmap colour bar -------------------------------------------------------------------------------

    private double ColorBarLabelWidth()
    {
        var nice = ColorBarScale().Nice;
        return nice.Ticks.Select(t => TextMetrics.Width(FormatCell(t, nice.Decimals, null), TickSize)).DefaultIfEmpty(0).Max();
    }

    private (ColorScale Scale, NiceScale Nice) ColorBarScale()
    {
        var h = (HeatmapSeries)Chart.Series[0];
        var finite = h.Values.SelectMany(r => r).Where(double.IsFinite).ToList();
        double lo = h.Min ?? (finite.Count == 0 ? 0 : finite.Min());
        double hi = h.Max ?? (finite.Count == 0 ? 1 : finite.Max());
        var scale = new ColorScale(h.Scale, lo, hi);
        return (scale, NiceScale.Fixed(scale.Min, scale.Max, 6));
    }

    private void BuildColorBar()
    {
        var h = (HeatmapSeries)Chart.Series[0];
        var (scale, nice) = ColorBarScale();
        var bar = new Rect(Plot.Right + 16, Plot.Y, 16, Plot.Height);
        var map = new LinearScale(scale.Min, scale.Max, bar.Bottom, bar.Y);
        var ticks = nice.Ticks.Select(t => new Tick(t, map.Map(t), FormatCell(t, nice.Decimals, null))).ToList();
        ColorBar = new ColorBarLayout(scale, bar, ticks, h.Name);
    }

    internal static string FormatCell(double value, int? decimals, string? format)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (format is not null)
        {
            return value.ToString(format, CultureInfo.InvariantCulture);
        }

        int d = decimals ?? Math.Abs(value) switch { >= 100 => 0, >= 10 => 1, _ => 2 };
        return NiceScale.Format(value, d);
    }

    private static string MakeId(Chart c)
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
