using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Plottables;

namespace PatrolSim.Reports.Charts;

/// <summary>Turns a <see cref="Chart"/> into text (SVG) that can be saved or inlined in HTML.</summary>
public interface IChartRenderer
{
    /// <summary>Renders the chart; the same chart always gives the same text.</summary>
    string Render(Chart chart);
}

/// <summary>
/// Draws charts with ScottPlot 5: the library owns axes, ticks, text measurement, legends and rendering; this class
/// only says what to draw. <see cref="Render"/> gives standalone SVG 1.1 (width, height, viewBox, &lt;title&gt;,
/// &lt;desc&gt;; no scripts or external resources; ids prefixed by the chart id so several charts share a page);
/// <see cref="RenderPng"/> gives the same picture as PNG at slide size.
/// </summary>
public sealed partial class ScottPlotChartRenderer : IChartRenderer
{
    /// <summary>The SVG namespace.</summary>
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Width of a PNG for slides (16:9).</summary>
    public const int SlideWidth = 1600;

    /// <summary>Height of a PNG for slides (16:9).</summary>
    public const int SlideHeight = 900;

    private const string FontName = "DejaVu Sans";

    /// <inheritdoc />
    public string Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var drawn = Draw(chart);
        return Standalone(drawn.Plot.GetSvgXml(chart.Width, chart.Height), chart);
    }

    /// <summary>
    /// Renders the chart as PNG bytes at <paramref name="width"/> × <paramref name="height"/> pixels: the chart's own
    /// layout scaled up, so text stays legible on a slide.
    /// </summary>
    public static byte[] RenderPng(Chart chart, int width = SlideWidth, int height = SlideHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var drawn = Draw(chart);
        drawn.Plot.ScaleFactor = Math.Min((double)width / chart.Width, (double)height / chart.Height);
        return drawn.Plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Builds the ScottPlot plot of a chart, laid out at the chart's size (direct labels placed).</summary>
    internal static DrawnChart Draw(Chart chart)
    {
        ChartChecks.Validate(chart);
        var plot = new Plot();
        var drawn = new DrawnChart(plot);
        try
        {
            Style(plot, chart);
            var kind = ChartChecks.KindOf(chart);
            switch (kind)
            {
                case ChartKind.Bars: DrawBars(plot, chart); break;
                case ChartKind.Heatmap: DrawHeatmap(plot, chart); break;
                case ChartKind.Histogram: DrawHistogram(plot, chart); break;
                case ChartKind.Ecdf: DrawEcdf(plot, chart); break;
                case ChartKind.Profile: DrawProfiles(plot, chart); break;
                case ChartKind.Map: DrawMap(plot, chart); break;
                default: DrawXy(plot, chart); break;
            }

            DrawReferenceLines(plot, chart);
            foreach (var a in chart.Annotations)
            {
                var t = plot.Add.Text(a.Text, a.X, a.Y);
                t.Alignment = Alignment.MiddleCenter;
                TextStyle(t, 12);
                drawn.Labels.Add(t);
            }

            SetLimits(plot, chart, kind);
            LabelReferenceLines(plot, chart);
            Legend(plot, chart, kind);
            if (kind == ChartKind.Xy)
            {
                drawn.Labels.AddRange(LabelPlacer.Place(plot, chart));
            }

            plot.RenderInMemory(chart.Width, chart.Height);
            return drawn;
        }
        catch
        {
            drawn.Dispose();
            throw;
        }
    }

    private static void Style(Plot plot, Chart chart)
    {
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Title.Label.Text = TitleText(chart);
        plot.Axes.Title.Label.FontSize = 17;
        plot.Axes.Bottom.Label.Text = chart.X.Title ?? "";
        plot.Axes.Left.Label.Text = chart.Y.Title ?? "";
        plot.Axes.Bottom.Label.FontSize = 14;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickFormatter(chart.X) };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickFormatter(chart.Y) };
        plot.Grid.MajorLineColor = Color.FromHex("#E3E3E3");
        plot.Axes.Right.MinimumSize = 30; // room for the last tick label, which is centred on the right edge of the data area
    }

    /// <summary>The title, with the subtitle wrapped under it so no line is wider than the canvas.</summary>
    private static string TitleText(Chart chart)
    {
        if (string.IsNullOrEmpty(chart.Subtitle))
        {
            return chart.Title;
        }

        // ScottPlot centres the title over the data area; beside a right-hand legend that area is narrower than the canvas,
        // so the subtitle wraps to its width (else its lines overrun the canvas on the left).
        double width = chart.Width - 40;
        if (chart.Legend == LegendPlacement.Right)
        {
            width -= RightLegendWidth(chart) + LeftAxisWidth;
        }

        return chart.Title + "\n" + string.Join('\n', Wrap(chart.Subtitle, new LabelStyle { FontName = FontName, FontSize = 17 }, width));
    }

    /// <summary>Room taken by the left axis's tick labels and title (an upper estimate).</summary>
    private const double LeftAxisWidth = 90;

    /// <summary>The width of a right-hand legend: the longest entry at the legend's font size plus symbol and padding.</summary>
    private static double RightLegendWidth(Chart chart)
    {
        var style = new LabelStyle { FontName = FontName, FontSize = LegendFontSize };
        using var paint = Paint.NewDisposablePaint();
        double longest = chart.Series.Select(s => s.Name).Append(chart.Pareto?.Label ?? "").Max(n => style.Measure(n, paint).Width);
        return longest + 60;
    }

    /// <summary>Legend entries' font size.</summary>
    private const float LegendFontSize = 12;

    /// <summary>Splits text at spaces into lines no wider than <paramref name="width"/> pixels (a single long word stays whole).</summary>
    private static List<string> Wrap(string text, LabelStyle style, double width)
    {
        using var paint = Paint.NewDisposablePaint();
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && style.Measure(candidate, paint).Width > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        lines.Add(line.ToString());
        return lines;
    }

    private static Func<double, string> TickFormatter(Axis axis)
    {
        var inv = CultureInfo.InvariantCulture;
        if (axis.Percent)
        {
            return v => Clean(v * 100).ToString("0.##", inv) + "%";
        }

        return axis.TickFormat is { } format ? v => Clean(v).ToString(format, inv) : v => Clean(v).ToString("0.####", inv);

        // Tick positions come from sums of steps: round away float noise (and "-0").
        static double Clean(double v) => Math.Abs(v) < 1e-12 ? 0 : Math.Round(v, 10);
    }

    private static Color ColorOf(ChartSeries s, int index) => Color.FromHex(s.Color ?? Palette.Color(index));

    /// <summary>Marker shapes cycled by series index so colour is never the only cue (nine shapes × eight colours).</summary>
    private static readonly ScottPlot.MarkerShape[] Shapes =
    [
        ScottPlot.MarkerShape.FilledCircle, ScottPlot.MarkerShape.FilledSquare, ScottPlot.MarkerShape.FilledTriangleUp,
        ScottPlot.MarkerShape.FilledDiamond, ScottPlot.MarkerShape.FilledTriangleDown, ScottPlot.MarkerShape.OpenCircle,
        ScottPlot.MarkerShape.OpenSquare, ScottPlot.MarkerShape.OpenTriangleUp, ScottPlot.MarkerShape.OpenDiamond,
    ];

    internal static ScottPlot.MarkerShape ShapeOf(MarkerShape shape, int index, bool auto) => shape switch
    {
        MarkerShape.None => ScottPlot.MarkerShape.None,
        MarkerShape.Circle => ScottPlot.MarkerShape.FilledCircle,
        MarkerShape.Square => ScottPlot.MarkerShape.FilledSquare,
        MarkerShape.Triangle => ScottPlot.MarkerShape.FilledTriangleUp,
        MarkerShape.Diamond => ScottPlot.MarkerShape.FilledDiamond,
        _ => auto ? Shapes[index % Shapes.Length] : ScottPlot.MarkerShape.None,
    };

    private static void TextStyle(Text t, float size)
    {
        t.LabelStyle.FontName = FontName;
        t.LabelFontSize = size;
        t.LabelFontColor = Color.FromHex("#1A1A1A");
    }

    /// <summary>Lines with optional bands and scatter series (the trade-off charts).</summary>
    private static void DrawXy(Plot plot, Chart chart)
    {
        for (int i = 0; i < chart.Series.Count; i++)
        {
            var color = ColorOf(chart.Series[i], i);
            switch (chart.Series[i])
            {
                case LineSeries line:
                    var pts = line.Points.Select(p => (p.X, p.Y, p.Low, p.High)).ToArray();
                    AddLine(plot, line.Name, pts, color, ShapeOf(line.Marker, i, line.Points.Count <= 40), line.Dashed);
                    break;
                case ScatterSeries scatter:
                    AddScatter(plot, scatter, color, ShapeOf(scatter.Marker, i, auto: true));
                    break;
            }
        }

        if (chart.Pareto is { } pareto)
        {
            var all = chart.Series.OfType<ScatterSeries>().SelectMany(s => s.Points).ToArray();
            var front = ParetoFront.Compute(all.Select(p => (p.X, p.Y)).ToArray(), pareto.X, pareto.Y)
                .Select(i => all[i]).OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
            if (front.Length > 0)
            {
                var line = plot.Add.ScatterLine(front.Select(p => p.X).ToArray(), front.Select(p => p.Y).ToArray(), Colors.Black);
                line.LineWidth = 1.5f;
                line.LinePattern = LinePattern.Dashed;
                line.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
                line.MarkerSize = 16;
                line.MarkerLineWidth = 1.5f;
                line.LegendText = pareto.Label;
            }
        }
    }

    /// <summary>A line split at NaN values, with a band where Low and High are known.</summary>
    private static void AddLine(Plot plot, string name, (double X, double Y, double Low, double High)[] points, Color color, ScottPlot.MarkerShape marker, bool dashed, ConnectStyle connect = ConnectStyle.Straight)
    {
        foreach (var band in Runs(points, p => !double.IsNaN(p.Low) && !double.IsNaN(p.High)))
        {
            var fill = plot.Add.FillY(band.Select(p => p.X).ToArray(), band.Select(p => p.Low).ToArray(), band.Select(p => p.High).ToArray());
            fill.FillColor = color.WithAlpha(0.18);
            fill.LineWidth = 0;
        }

        bool first = true;
        foreach (var run in Runs(points, p => !double.IsNaN(p.Y)))
        {
            var s = plot.Add.ScatterLine(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray(), color);
            s.LineWidth = 2;
            s.ConnectStyle = connect;
            s.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
            s.MarkerShape = marker;
            s.MarkerSize = 7;
            if (first)
            {
                s.LegendText = name;
                first = false;
            }
        }
    }

    private static List<T[]> Runs<T>(IReadOnlyList<T> points, Func<T, bool> keep)
    {
        var runs = new List<T[]>();
        var run = new List<T>();
        foreach (var p in points)
        {
            if (keep(p))
            {
                run.Add(p);
            }
            else if (run.Count > 0)
            {
                runs.Add([.. run]);
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            runs.Add([.. run]);
        }

        return runs;
    }

    private static void AddScatter(Plot plot, ScatterSeries series, Color color, ScottPlot.MarkerShape shape)
    {
        var xs = series.Points.Select(p => p.X).ToArray();
        var ys = series.Points.Select(p => p.Y).ToArray();
        if (series.Points.Any(p => p.HasInterval))
        {
            var err = plot.Add.ErrorBar(xs, ys, series.Points.Select(p => Below(p.Y, p.YLow)).ToArray());
            err.YErrorNegative = series.Points.Select(p => Below(p.Y, p.YLow)).ToArray();
            err.YErrorPositive = series.Points.Select(p => Above(p.Y, p.YHigh)).ToArray();
            err.XErrorNegative = series.Points.Select(p => Below(p.X, p.XLow)).ToArray();
            err.XErrorPositive = series.Points.Select(p => Above(p.X, p.XHigh)).ToArray();
            err.Color = color.WithAlpha(0.6);
            err.LineWidth = 1;
            err.CapSize = 4;
        }

        var s = plot.Add.ScatterPoints(xs, ys, color);
        s.MarkerShape = shape;
        s.MarkerSize = 9;
        s.MarkerLineWidth = 2;
        s.LegendText = series.Name;

        static double Below(double v, double low) => double.IsNaN(low) ? 0 : Math.Max(0, v - low);
        static double Above(double v, double high) => double.IsNaN(high) ? 0 : Math.Max(0, high - v);
    }

    /// <summary>Grouped bars: one colour per series, one group per category, asymmetric CI whiskers.</summary>
    private static void DrawBars(Plot plot, Chart chart)
    {
        var series = chart.Series.Cast<BarSeries>().ToArray();
        int n = series.Length;
        double width = 0.8 / Math.Max(1, n);
        for (int i = 0; i < n; i++)
        {
            var color = ColorOf(series[i], i);
            var values = series[i].Values;
            var positions = Enumerable.Range(0, values.Count).Select(c => c - 0.4 + (width * (i + 0.5))).ToArray();
            var bars = plot.Add.Bars(positions.Select((x, c) => new Bar
            {
                Position = x,
                Value = double.IsNaN(values[c].Value) ? 0 : values[c].Value,
                Size = width * 0.92,
                FillColor = color,
                LineWidth = 0,
            }).ToArray());
            bars.LegendText = series[i].Name;
            var withCi = Enumerable.Range(0, values.Count).Where(c => !double.IsNaN(values[c].Low) && !double.IsNaN(values[c].High)).ToArray();
            if (withCi.Length > 0)
            {
                var err = plot.Add.ErrorBar(withCi.Select(c => positions[c]).ToArray(), withCi.Select(c => values[c].Value).ToArray(), withCi.Select(_ => 0.0).ToArray());
                err.YErrorNegative = withCi.Select(c => Math.Max(0, values[c].Value - values[c].Low)).ToArray();
                err.YErrorPositive = withCi.Select(c => Math.Max(0, values[c].High - values[c].Value)).ToArray();
                err.Color = Color.FromHex("#1A1A1A");
                err.LineWidth = 1.5f;
                err.CapSize = (float)Math.Min(10, 300 * width / Math.Max(1, values.Count));
            }
        }

        var categories = chart.X.Categories ?? [];
        CategoryTicks((ScottPlot.AxisPanels.AxisBase)plot.Axes.Bottom, categories, chart.Width - 120);
        plot.Axes.Margins(bottom: 0);
    }

    /// <summary>Category labels under a band axis, wrapped onto lines that fit their slot (rotated when a single word does not).</summary>
    private static void CategoryTicks(ScottPlot.AxisPanels.AxisBase axis, IReadOnlyList<string> categories, double width)
    {
        double slot = (width / Math.Max(1, categories.Count)) - 8;
        var wrapped = categories.Select(c => Wrap(c, axis.TickLabelStyle, slot)).ToArray();
        axis.SetTicks(Enumerable.Range(0, categories.Count).Select(c => (double)c).ToArray(), wrapped.Select(w => string.Join('\n', w)).ToArray());
        using var paint = Paint.NewDisposablePaint();
        var widths = wrapped.SelectMany(w => w).Select(l => axis.TickLabelStyle.Measure(l, paint).Width).DefaultIfEmpty(0).ToArray();
        int lines = wrapped.Select(w => w.Count).DefaultIfEmpty(1).Max();
        if (widths.Max() > slot || lines > 3)
        {
            axis.SetTicks(Enumerable.Range(0, categories.Count).Select(c => (double)c).ToArray(), [.. categories]);
            axis.TickLabelStyle.Rotation = -30;
            axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
            axis.MinimumSize = (float)(categories.Max(c => axis.TickLabelStyle.Measure(c, paint).Width) * 0.5) + 40;
        }

        axis.MajorTickStyle.Length = 0;
    }

    private static void DrawHeatmap(Plot plot, Chart chart)
    {
        var h = chart.Series.OfType<HeatmapSeries>().Single();
        var finite = h.Values.SelectMany(r => r).Where(double.IsFinite).ToArray();
        var scale = new ColorScale(h.Scale, h.Min ?? (finite.Length > 0 ? finite.Min() : 0), h.Max ?? (finite.Length > 0 ? finite.Max() : 1));
        int rows = h.YCategories.Count;
        for (int r = 0; r < rows; r++)
        {
            double y = rows - 1 - r;
            for (int c = 0; c < h.XCategories.Count; c++)
            {
                double v = h.Values[r][c];
                var rect = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = Color.FromHex(scale.Color(v));
                rect.LineColor = Colors.White;
                rect.LineWidth = 1;
                if (h.ShowValues && !double.IsNaN(v))
                {
                    var t = plot.Add.Text(FormatValue(v, h.ValueFormat), c, y);
                    t.Alignment = Alignment.MiddleCenter;
                    TextStyle(t, 12);
                    t.LabelFontColor = scale.IsLight(v) ? Color.FromHex("#1A1A1A") : Colors.White;
                }
            }
        }

        CategoryTicks((ScottPlot.AxisPanels.AxisBase)plot.Axes.Bottom, h.XCategories, chart.Width - 200);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), [.. h.YCategories]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        var bar = plot.Add.ColorBar(new ColorAxis(scale), Edge.Right);
        bar.Label = h.Name;
        bar.LabelStyle.FontSize = 13;
        bar.LabelStyle.FontName = FontName;
    }

    internal static string FormatValue(double v, string? format) =>
        v.ToString(format ?? (Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.0" : "0.00"), CultureInfo.InvariantCulture);

    private static void DrawHistogram(Plot plot, Chart chart)
    {
        var series = chart.Series.Cast<HistogramSeries>().ToArray();
        var result = Histogram.Compute(series.Select(s => s.Values).ToArray(), series[0].BinWidth, series[0].Origin);
        int n = series.Length;
        for (int i = 0; i < n; i++)
        {
            var color = ColorOf(series[i], i);
            var bins = result.Bins[i];
            double total = bins.Sum(b => b.Count);
            bool percent = series[i].Scale == HistogramScale.Percent;
            double slot = result.Width / n;
            var bars = plot.Add.Bars(bins.Select(b => new Bar
            {
                Position = b.Lower + (slot * (i + 0.5)),
                Value = percent ? (total > 0 ? 100.0 * b.Count / total : 0) : b.Count,
                Size = slot * 0.95,
                FillColor = color.WithAlpha(n > 1 ? 0.85 : 1),
                LineWidth = 0,
            }).ToArray());
            bars.LegendText = series[i].Name;
        }

        plot.Axes.Margins(bottom: 0);
    }

    private static void DrawEcdf(Plot plot, Chart chart)
    {
        for (int i = 0; i < chart.Series.Count; i++)
        {
            var steps = Ecdf.Compute(((EcdfSeries)chart.Series[i]).Values);
            if (steps.Count == 0)
            {
                continue;
            }

            var pts = new List<(double X, double Y, double Low, double High)> { (steps[0].X, 0, double.NaN, double.NaN) };
            pts.AddRange(steps.Select(s => (s.X, s.P, double.NaN, double.NaN)));
            AddLine(plot, chart.Series[i].Name, [.. pts], ColorOf(chart.Series[i], i), ScottPlot.MarkerShape.None, dashed: false, ConnectStyle.StepHorizontal);
        }
    }

    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static void DrawProfiles(Plot plot, Chart chart)
    {
        var series = chart.Series.Cast<ProfileSeries>().ToArray();
        int hours = series[0].Values.Count;
        for (int i = 0; i < series.Length; i++)
        {
            var s = series[i];
            var pts = Enumerable.Range(0, s.Values.Count)
                .Select(h => (h + 0.5, s.Values[h], s.Low?[h] ?? double.NaN, s.High?[h] ?? double.NaN)).ToArray();
            AddLine(plot, s.Name, pts, ColorOf(s, i), ShapeOf(s.Marker, i, hours == 24), dashed: false);
        }

        if (hours == 24)
        {
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, 9).Select(k => k * 3.0).ToArray(), Enumerable.Range(0, 9).Select(k => (k * 3).ToString("00", CultureInfo.InvariantCulture) + ":00").ToArray());
        }
        else
        {
            int first = (int)series[0].FirstDay;
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, 7).Select(d => (d * 24) + 12.0).ToArray(), Enumerable.Range(0, 7).Select(d => Days[(first + d) % 7]).ToArray());
            foreach (int d in Enumerable.Range(1, 6))
            {
                var v = plot.Add.VerticalLine(d * 24, 1, Color.FromHex("#BDBDBD"));
                v.ExcludeFromLegend = true;
            }
        }
    }

    private static void DrawReferenceLines(Plot plot, Chart chart)
    {
        foreach (var r in chart.ReferenceLines)
        {
            var color = Color.FromHex(r.Color ?? "#4D4D4D");
            var pattern = r.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            AxisLine line = r.Axis == ReferenceAxis.X ? plot.Add.VerticalLine(r.Value, 1.5f, color, pattern) : plot.Add.HorizontalLine(r.Value, 1.5f, color, pattern);
            line.ExcludeFromLegend = true;
        }
    }

    /// <summary>Reference-line labels inside the plot area, at the top (vertical lines) or the right end (horizontal lines).</summary>
    private static void LabelReferenceLines(Plot plot, Chart chart)
    {
        var limits = plot.Axes.GetLimits();
        foreach (var r in chart.ReferenceLines.Where(r => !string.IsNullOrEmpty(r.Label)))
        {
            var t = r.Axis == ReferenceAxis.X ? plot.Add.Text(r.Label!, r.Value, limits.Top) : plot.Add.Text(r.Label!, limits.Right, r.Value);
            t.Alignment = r.Axis == ReferenceAxis.X ? Alignment.UpperLeft : Alignment.LowerRight;
            t.OffsetX = r.Axis == ReferenceAxis.X ? 3 : -3;
            t.OffsetY = r.Axis == ReferenceAxis.X ? 3 : -2;
            TextStyle(t, 11);
            t.LabelFontColor = Color.FromHex(r.Color ?? "#4D4D4D");
            t.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        }
    }

    /// <summary>Axis ranges: ScottPlot's autoscale, widened to reference lines and zero, kept at or above zero for never-negative quantities, clamped to fixed ends.</summary>
    private static void SetLimits(Plot plot, Chart chart, ChartKind kind)
    {
        plot.Axes.AutoScale();
        var l = plot.Axes.GetLimits();
        double left = l.Left, right = l.Right, bottom = l.Bottom, top = l.Top;
        foreach (var r in chart.ReferenceLines)
        {
            double pad = r.Axis == ReferenceAxis.X ? (right - left) * 0.03 : (top - bottom) * 0.03;
            (left, right, bottom, top) = r.Axis == ReferenceAxis.X
                ? (Math.Min(left, r.Value - pad), Math.Max(right, r.Value + pad), bottom, top)
                : (left, right, Math.Min(bottom, r.Value - pad), Math.Max(top, r.Value + pad));
        }

        if (chart.X.IncludeZero)
        {
            (left, right) = (Math.Min(left, 0), Math.Max(right, 0));
        }

        if (chart.Y.IncludeZero || kind is ChartKind.Bars or ChartKind.Histogram)
        {
            (bottom, top) = (Math.Min(bottom, 0), Math.Max(top, 0));
        }

        if (kind == ChartKind.Ecdf)
        {
            (bottom, top) = (0, 1.02);
        }

        (left, bottom) = (chart.X.NeverNegative ? Math.Max(left, 0) : left, chart.Y.NeverNegative ? Math.Max(bottom, 0) : bottom);

        if (kind == ChartKind.Profile)
        {
            (left, right) = (0, chart.Series.Cast<ProfileSeries>().First().Values.Count);
        }

        plot.Axes.SetLimits(chart.X.Min ?? left, chart.X.Max ?? right, chart.Y.Min ?? bottom, chart.Y.Max ?? top);
        if (kind == ChartKind.Map)
        {
            plot.Axes.SquareUnits();
        }
    }

    private static void Legend(Plot plot, Chart chart, ChartKind kind)
    {
        int entries = plot.GetPlottables().SelectMany(p => p.LegendItems).Count(i => !string.IsNullOrEmpty(i.LabelText));
        var placement = chart.Legend;
        if (placement == LegendPlacement.None || kind is ChartKind.Heatmap or ChartKind.Map || (placement == LegendPlacement.Auto && entries < 2) || entries == 0)
        {
            plot.HideLegend();
            return;
        }

        var edge = placement switch
        {
            LegendPlacement.Right => Edge.Right,
            LegendPlacement.Bottom => Edge.Bottom,
            _ => Edge.Top,
        };
        plot.ShowLegend(edge);
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = LegendFontSize;

        plot.Legend.Orientation = edge == Edge.Right ? Orientation.Vertical : Orientation.Horizontal;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>Makes ScottPlot's SVG standalone and deterministic: title and description, viewBox, chart-scoped ids, a font fallback.</summary>
    private static string Standalone(string svg, Chart chart)
    {
        string id = ChartChecks.IdOf(chart);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = IdPattern().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out string? renamed))
            {
                renamed = id + "-" + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids[m.Value] = renamed;
            }

            return renamed;
        });
        svg = svg.Replace("font-family=\"" + FontName + "\"", "font-family=\"DejaVu Sans, Verdana, sans-serif\"", StringComparison.Ordinal);
        if (chart.Legend == LegendPlacement.Right && svg.LastIndexOf("<clipPath", StringComparison.Ordinal) is >= 0 and int legend
            && LegendClip().Match(svg, legend) is { Success: true } clip)
        {
            // The legend (drawn last) clips its text to the box ScottPlot measured in DejaVu Sans; a browser without that
            // font draws the fallback (Verdana, wider) and the ends of long entries vanish. Clip at the canvas edge instead.
            double x = double.Parse(clip.Groups["x"].Value, CultureInfo.InvariantCulture);
            string width = (chart.Width - x).ToString("0.###", CultureInfo.InvariantCulture);
            svg = string.Concat(svg.AsSpan(0, clip.Groups["w"].Index), width, svg.AsSpan(clip.Groups["w"].Index + clip.Groups["w"].Length));
        }

        // SVG 2 href instead of xlink:href (the colour bar's gradient image), so the SVG inlines in HTML without a namespace.
        svg = svg.Replace("xlink:href=", "href=", StringComparison.Ordinal)
            .Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", StringComparison.Ordinal);

        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        int close = svg.IndexOf('>', open);
        var inv = CultureInfo.InvariantCulture;
        string head = string.Create(inv, $"<svg xmlns=\"{SvgNamespace}\" width=\"{chart.Width}\" height=\"{chart.Height}\" viewBox=\"0 0 {chart.Width} {chart.Height}\" role=\"img\" aria-labelledby=\"{id}-title\">")
            + $"\n<title id=\"{id}-title\">{Escape(chart.Title)}</title>\n<desc>{Escape(chart.Description ?? ChartChecks.Describe(chart))}</desc>";
        string rest = svg[(close + 1)..];
        return head + rest.TrimEnd() + "\n";
    }

    [GeneratedRegex(@"\b(?:cl|img|gr)_[0-9a-f]+\b")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"<clipPath[^>]*>\s*<rect x=""(?<x>[0-9.]+)"" y=""[0-9.]+"" width=""(?<w>[0-9.]+)""")]
    private static partial Regex LegendClip();

    /// <summary>Escapes text for XML content and attributes; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                case < ' ': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Our colour scale as ScottPlot's colour axis, for the heatmap's colour bar.</summary>
    private sealed class ColorAxis(ColorScale scale) : IHasColorAxis
    {
        public IColormap Colormap { get; } = new ScaleColormap(scale);

        public ScottPlot.Range GetRange() => new(scale.Min, scale.Max);
    }

    private sealed class ScaleColormap(ColorScale scale) : IColormap
    {
        public string Name => scale.Kind.ToString();

        public Color GetColor(double position) => Color.FromHex(scale.Color(scale.Min + (Math.Clamp(position, 0, 1) * (scale.Max - scale.Min))));
    }
}

/// <summary>A laid-out ScottPlot plot and the direct labels placed on it (for tests: their pixel boxes after rendering).</summary>
internal sealed class DrawnChart(Plot plot) : IDisposable
{
    public Plot Plot { get; } = plot;

    public List<Text> Labels { get; } = [];

    public void Dispose() => Plot.Dispose();
}
