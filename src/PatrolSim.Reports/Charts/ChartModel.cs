namespace PatrolSim.Reports.Charts;

/// <summary>
/// A chart to draw, independent of any renderer: title, axes, series and decorations.
/// The series kinds decide the chart kind (see <see cref="ChartKind"/>); mixing incompatible kinds is an error
/// reported by <see cref="ChartChecks.Validate"/>.
/// </summary>
/// <param name="Title">Title shown above the chart and used as the SVG &lt;title&gt;.</param>
/// <param name="Series">The data series, drawn in order; colours follow the Okabe–Ito palette in this order.</param>
public sealed record Chart(string Title, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Second line under the title (e.g. scenario, replications, CI level).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Accessible description written to &lt;desc&gt;; a summary is generated when null.</summary>
    public string? Description { get; init; }

    /// <summary>Horizontal axis (label, unit, fixed range, categories for bar charts).</summary>
    public Axis X { get; init; } = new();

    /// <summary>Vertical axis (label, unit, fixed range).</summary>
    public Axis Y { get; init; } = new();

    /// <summary>Where the legend goes; <see cref="LegendPlacement.Auto"/> shows it above the plot when there are two or more entries.</summary>
    public LegendPlacement Legend { get; init; } = LegendPlacement.Auto;

    /// <summary>Horizontal or vertical reference lines (targets, zero, baselines), included in the axis ranges.</summary>
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];

    /// <summary>Free text placed at data coordinates.</summary>
    public IReadOnlyList<Annotation> Annotations { get; init; } = [];

    /// <summary>When set, the Pareto front over all scatter points of the chart is computed and highlighted.</summary>
    public ParetoHighlight? Pareto { get; init; }

    /// <summary>Width in pixels (default 960, slide size).</summary>
    public int Width { get; init; } = 960;

    /// <summary>Height in pixels (default 540, slide size).</summary>
    public int Height { get; init; } = 540;

    /// <summary>Prefix for element ids inside the SVG (clip path); derived from the content when null. Set it when two charts share a page.</summary>
    public string? Id { get; init; }
}

/// <summary>An axis: label, unit, optional fixed range and tick format, or category labels for bar charts.</summary>
/// <param name="Label">Axis title, e.g. "P1 response time".</param>
/// <param name="Unit">Unit shown in parentheses after the label, e.g. "min".</param>
public sealed record Axis(string? Label = null, string? Unit = null)
{
    /// <summary>Fixed lower end; computed from the data when null.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper end; computed from the data when null.</summary>
    public double? Max { get; init; }

    /// <summary>Category labels of a band axis (the x axis of bar charts), one per <see cref="BarValue"/>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Extend the computed range to include zero.</summary>
    public bool IncludeZero { get; init; }

    /// <summary>The quantity is never negative (every metric; not a paired difference): the computed range does not reach below zero.</summary>
    public bool NeverNegative { get; init; }

    /// <summary>Show tick labels as percentages (value × 100 followed by "%"): for shares in [0, 1].</summary>
    public bool Percent { get; init; }

    /// <summary>.NET numeric format string for tick labels (invariant culture); automatic decimals when null.</summary>
    public string? TickFormat { get; init; }

    /// <summary>The axis title with the unit: "Label (unit)".</summary>
    public string? Title => (Label, Unit) switch
    {
        (null or "", null or "") => null,
        (null or "", _) => Unit,
        (_, null or "") => Label,
        _ => $"{Label} ({Unit})",
    };
}

/// <summary>Base of all series: a name shown in the legend and an optional colour override.</summary>
/// <param name="Name">Legend label and value of the data-series attribute.</param>
public abstract record ChartSeries(string Name)
{
    /// <summary>CSS colour overriding the palette colour (e.g. "#0072B2").</summary>
    public string? Color { get; init; }
}

/// <summary>One point of a line, with an optional confidence band (NaN = none; NaN Y = gap).</summary>
public readonly record struct LinePoint(double X, double Y, double Low = double.NaN, double High = double.NaN);

/// <summary>A line through points in the given order; NaN values leave gaps; Low/High draw a shaded band.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points) : ChartSeries(Name)
{
    /// <summary>Point marker; <see cref="MarkerShape.Auto"/> draws markers when there are at most 40 points.</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.Auto;

    /// <summary>Draw the line dashed.</summary>
    public bool Dashed { get; init; }
}

/// <summary>One bar: value with an optional error bar (NaN = none).</summary>
public readonly record struct BarValue(double Value, double Low = double.NaN, double High = double.NaN);

/// <summary>One group of bars (one colour): a value per category of the chart's x axis (<see cref="Axis.Categories"/>).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<BarValue> Values) : ChartSeries(Name);

/// <summary>One scatter point with an optional text label drawn beside it and optional confidence intervals on both axes (NaN = none).</summary>
public readonly record struct ScatterPoint(double X, double Y, string? Label = null)
{
    /// <summary>Lower end of the x interval.</summary>
    public double XLow { get; init; } = double.NaN;

    /// <summary>Upper end of the x interval.</summary>
    public double XHigh { get; init; } = double.NaN;

    /// <summary>Lower end of the y interval.</summary>
    public double YLow { get; init; } = double.NaN;

    /// <summary>Upper end of the y interval.</summary>
    public double YHigh { get; init; } = double.NaN;

    /// <summary>Whether any interval end is known.</summary>
    public bool HasInterval => !(double.IsNaN(XLow) && double.IsNaN(XHigh) && double.IsNaN(YLow) && double.IsNaN(YHigh));
}

/// <summary>Points without lines; see <see cref="Chart.Pareto"/> to highlight the non-dominated ones.</summary>
public sealed record ScatterSeries(string Name, IReadOnlyList<ScatterPoint> Points) : ChartSeries(Name)
{
    /// <summary>Marker shape; <see cref="MarkerShape.Auto"/> cycles shapes by series so colour is not the only cue.</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.Auto;
}

/// <summary>
/// A heatmap: Values[row][column] over <paramref name="YCategories"/> (rows, top to bottom) × <paramref name="XCategories"/>.
/// The name titles the colour bar. NaN cells are drawn grey.
/// </summary>
public sealed record HeatmapSeries(
    string Name,
    IReadOnlyList<string> XCategories,
    IReadOnlyList<string> YCategories,
    IReadOnlyList<IReadOnlyList<double>> Values) : ChartSeries(Name)
{
    /// <summary>Sequential (viridis) or diverging (blue–white–red, symmetric about zero) colours.</summary>
    public ColorScaleKind Scale { get; init; } = ColorScaleKind.Sequential;

    /// <summary>Write each cell's value in the cell.</summary>
    public bool ShowValues { get; init; } = true;

    /// <summary>.NET numeric format for cell values; three significant digits when null.</summary>
    public string? ValueFormat { get; init; }

    /// <summary>Fixed colour-scale minimum; data minimum when null.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed colour-scale maximum; data maximum when null.</summary>
    public double? Max { get; init; }
}

/// <summary>A histogram of raw values (NaN skipped); bins are computed by <see cref="Histogram.Compute"/>.</summary>
public sealed record HistogramSeries(string Name, IReadOnlyList<double> Values) : ChartSeries(Name)
{
    /// <summary>Bin width; chosen by the Freedman–Diaconis rule rounded to 1, 2 or 5 × 10^k when null.</summary>
    public double? BinWidth { get; init; }

    /// <summary>Left edge of a bin; bins are aligned to multiples of the width from it (default 0).</summary>
    public double? Origin { get; init; }

    /// <summary>Count per bin or percentage of values per bin.</summary>
    public HistogramScale Scale { get; init; } = HistogramScale.Count;
}

/// <summary>An empirical cumulative distribution of raw values (NaN skipped), drawn as a step line on a 0–1 axis.</summary>
public sealed record EcdfSeries(string Name, IReadOnlyList<double> Values) : ChartSeries(Name);

/// <summary>
/// A 24-hour (hour of day) or 168-hour (hour of week) profile: Values[h] is the value for hour h, drawn at h + 0.5.
/// Optional Low/High give a band. NaN leaves a gap.
/// </summary>
public sealed record ProfileSeries(string Name, IReadOnlyList<double> Values) : ChartSeries(Name)
{
    /// <summary>Band lower ends per hour (same length as Values).</summary>
    public IReadOnlyList<double>? Low { get; init; }

    /// <summary>Band upper ends per hour (same length as Values).</summary>
    public IReadOnlyList<double>? High { get; init; }

    /// <summary>Day of the first 24 hours of a 168-hour profile.</summary>
    public DayOfWeek FirstDay { get; init; } = DayOfWeek.Monday;

    /// <summary>Point marker; <see cref="MarkerShape.Auto"/> draws markers for 24-hour profiles only.</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.Auto;
}

/// <summary>Which axis a reference line crosses: X = vertical line at an x value, Y = horizontal line at a y value.</summary>
public enum ReferenceAxis
{
    /// <summary>Vertical line at an x value (e.g. a response-time target on a histogram).</summary>
    X,

    /// <summary>Horizontal line at a y value.</summary>
    Y,
}

/// <summary>A straight reference line with an optional label (targets, baselines).</summary>
public sealed record ReferenceLine(ReferenceAxis Axis, double Value, string? Label = null)
{
    /// <summary>Dashed (default) or solid.</summary>
    public bool Dashed { get; init; } = true;

    /// <summary>CSS colour; dark grey when null.</summary>
    public string? Color { get; init; }
}

/// <summary>Text placed at data coordinates (centred on the point).</summary>
public sealed record Annotation(double X, double Y, string Text);

/// <summary>Direction in which an objective improves.</summary>
public enum Objective
{
    /// <summary>Smaller is better.</summary>
    Minimise,

    /// <summary>Larger is better.</summary>
    Maximise,
}

/// <summary>Highlight the Pareto front of the chart's scatter points for the given objective directions.</summary>
public sealed record ParetoHighlight(Objective X, Objective Y, string Label = "Pareto front");

/// <summary>Legend position.</summary>
public enum LegendPlacement
{
    /// <summary>Above the plot when there are two or more entries, otherwise none.</summary>
    Auto,

    /// <summary>Above the plot, below the title, wrapping into rows.</summary>
    Top,

    /// <summary>A column right of the plot.</summary>
    Right,

    /// <summary>Below the x-axis title, wrapping into rows.</summary>
    Bottom,

    /// <summary>No legend.</summary>
    None,
}

/// <summary>Marker shapes.</summary>
public enum MarkerShape
{
    /// <summary>Chosen by the series kind.</summary>
    Auto,

    /// <summary>No marker.</summary>
    None,

    /// <summary>Circle.</summary>
    Circle,

    /// <summary>Square.</summary>
    Square,

    /// <summary>Upward triangle.</summary>
    Triangle,

    /// <summary>Diamond.</summary>
    Diamond,
}

/// <summary>
/// A map of areas (zones, beats) each filled by its value on a colour scale, with its label and value written inside;
/// the chart's axes are km and keep one unit equal on both. An area with a NaN value is drawn grey.
/// </summary>
/// <param name="Name">What the value is (the colour bar's label), e.g. "Mean response (min)".</param>
/// <param name="Areas">The areas to draw.</param>
public sealed record ZoneMapSeries(string Name, IReadOnlyList<MapArea> Areas) : ChartSeries(Name)
{
    /// <summary>Sequential (viridis) or diverging colours.</summary>
    public ColorScaleKind Scale { get; init; } = ColorScaleKind.Sequential;

    /// <summary>.NET numeric format for the values written in the areas; automatic when null.</summary>
    public string? ValueFormat { get; init; }
}

/// <summary>One area of a <see cref="ZoneMapSeries"/>.</summary>
/// <param name="Label">Its name, written inside it.</param>
/// <param name="Polygons">Its polygons, each a list of closed rings (the shell first, then holes), in km.</param>
/// <param name="LabelAt">Where its label goes (a point inside it).</param>
/// <param name="Value">The value that colours it.</param>
public sealed record MapArea(string Label, IReadOnlyList<IReadOnlyList<IReadOnlyList<(double X, double Y)>>> Polygons, (double X, double Y) LabelAt, double Value);

/// <summary>Colour scale kinds for heatmaps and maps.</summary>
public enum ColorScaleKind
{
    /// <summary>Viridis, low = dark purple, high = yellow.</summary>
    Sequential,

    /// <summary>Blue – white – red, symmetric about zero (for differences).</summary>
    Diverging,
}

/// <summary>Histogram y scale.</summary>
public enum HistogramScale
{
    /// <summary>Number of values per bin.</summary>
    Count,

    /// <summary>Percentage of the series' values per bin.</summary>
    Percent,
}
