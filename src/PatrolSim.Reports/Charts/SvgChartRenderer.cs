using System.Globalization;
using System.Text;
using System.Xml;

namespace PatrolSim.Reports.Charts;

/// <summary>Turns a chart model into a document. Implementations: <see cref="SvgChartRenderer"/>; a plotting library can replace it.</summary>
public interface IChartRenderer
{
    /// <summary>Renders the chart; the same chart always gives the same text.</summary>
    string Render(Chart chart);
}

/// <summary>
/// Renders charts as standalone SVG 1.1 (xmlns, viewBox, width/height, &lt;title&gt;, &lt;desc&gt;; no scripts, fonts,
/// styles or other external resources), which can also be inlined in HTML as is. Series are &lt;g class="series"
/// data-series="name"&gt; groups; points carry data-x/data-y (data values) and data-px/data-py (pixels).
/// </summary>
public sealed class SvgChartRenderer : IChartRenderer
{
    /// <summary>The SVG namespace.</summary>
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Generic font stack: no font files are referenced.</summary>
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

    private const string Ink = "#1A1A1A";
    private const string MutedInk = "#4D4D4D";
    private const string GridColor = "#E3E3E3";

    /// <inheritdoc />
    public string Render(Chart chart) => Render(ChartLayout.Compute(chart));

    /// <summary>Renders an already computed layout.</summary>
    public string Render(ChartLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var w = new SvgText();
        new Drawing(layout, w).Draw();
        return w.ToString();
    }

    /// <summary>Escapes text for XML content and attribute values; characters not allowed in XML are dropped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(ch).Append(text[++i]);
                    }
                    else if (XmlConvert.IsXmlChar(ch))
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Minimal SVG text builder: numbers invariant with at most two decimals, all text escaped.</summary>
    private sealed class SvgText
    {
        private readonly StringBuilder _sb = new(16 * 1024);

        public SvgText Raw(string s)
        {
            _sb.Append(s);
            return this;
        }

        public SvgText Open(string tag)
        {
            _sb.Append('<').Append(tag);
            return this;
        }

        public SvgText A(string name, string? value)
        {
            if (value is not null)
            {
                _sb.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
            }

            return this;
        }

        public SvgText A(string name, double value) => A(name, Num(value));

        public SvgText A(string name, double? value) => value is { } v ? A(name, Num(v)) : this;

        public SvgText Data(string name, double value) =>
            A(name, double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture));

        public SvgText Close() => Raw("/>\n");

        public SvgText End() => Raw(">");

        public SvgText EndLine() => Raw(">\n");

        public SvgText Text(string? s) => Raw(Escape(s));

        public SvgText Tag(string tag) => Raw("</" + tag + ">\n");

        public override string ToString() => _sb.ToString();

        public static string Num(double v)
        {
            double r = Math.Round(v, 2);
            return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
        }
    }

    private sealed class Drawing(ChartLayout layout, SvgText w)
    {
        private readonly Chart _c = layout.Chart;
        private Rect P => layout.Plot;

        public void Draw()
        {
            w.Open("svg").A("xmlns", SvgNamespace).A("width", _c.Width).A("height", _c.Height)
                .A("viewBox", $"0 0 {_c.Width.ToString(CultureInfo.InvariantCulture)} {_c.Height.ToString(CultureInfo.InvariantCulture)}")
                .A("role", "img").A("class", "chart chart-" + layout.Kind.ToString().ToLowerInvariant())
                .A("data-kind", layout.Kind.ToString())
                .A("font-family", FontFamily).EndLine();
            w.Open("title").End().Text(_c.Title).Tag("title");
            w.Open("desc").End().Text(_c.Description ?? Describe()).Tag("desc");
            w.Open("defs").End().Open("clipPath").A("id", layout.Id + "-plot").End();
            double inflate = layout.X.Fixed || layout.Y.Fixed ? 0 : 12;
            w.Open("rect").A("x", P.X - inflate).A("y", P.Y - inflate).A("width", P.Width + (2 * inflate)).A("height", P.Height + (2 * inflate)).Close();
            w.Tag("clipPath").Tag("defs");
            w.Open("rect").A("class", "background").A("width", "100%").A("height", "100%").A("fill", "#FFFFFF").Close();

            DrawTitles();
            DrawGrid();
            w.Open("g").A("class", "plot").A("clip-path", $"url(#{layout.Id}-plot)").EndLine();
            DrawPareto();
            for (int i = 0; i < _c.Series.Count; i++)
            {
                DrawSeries(i);
            }

            w.Tag("g");
            DrawZeroLine();
            DrawReferenceLines();
            DrawAxes();
            DrawLabels();
            DrawLegend();
            DrawColorBar();
            if (layout.IsEmpty)
            {
                w.Open("text").A("class", "no-data").A("x", P.X + (P.Width / 2)).A("y", P.Y + (P.Height / 2))
                    .A("text-anchor", "middle").A("font-size", 18).A("fill", MutedInk).End().Text("No data").Tag("text");
            }

            w.Tag("svg");
        }

        private string Describe()
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{layout.Kind} chart with {_c.Series.Count} series");
            if (_c.Series.Count > 0)
            {
                sb.Append(": ").Append(string.Join(", ", _c.Series.Select(s => s.Name)));
            }

            sb.Append('.');
            AppendAxis(sb, "Horizontal", layout.X);
            AppendAxis(sb, "Vertical", layout.Y);
            return sb.ToString();
        }

        private static void AppendAxis(StringBuilder sb, string name, AxisLayout axis)
        {
            sb.Append(' ').Append(name).Append(" axis");
            if (axis.Title is not null)
            {
                sb.Append(": ").Append(axis.Title);
            }

            if (axis.Linear is { } l)
            {
                sb.Append(CultureInfo.InvariantCulture, $", from {l.DomainMin.ToString("G6", CultureInfo.InvariantCulture)} to {l.DomainMax.ToString("G6", CultureInfo.InvariantCulture)}");
            }
            else if (axis.Ticks.Count > 0)
            {
                sb.Append(", categories ").Append(string.Join(", ", axis.Ticks.Select(t => t.Label)));
            }

            sb.Append('.');
        }

        private void DrawTitles()
        {
            w.Open("text").A("class", "title").A("x", ChartLayout.Pad).A("y", layout.TitleBaseline).A("font-size", ChartLayout.TitleSize)
                .A("font-weight", "600").A("fill", Ink).End().Text(_c.Title).Tag("text");
            if (!string.IsNullOrEmpty(_c.Subtitle))
            {
                w.Open("text").A("class", "subtitle").A("x", ChartLayout.Pad).A("y", layout.SubtitleBaseline).A("font-size", ChartLayout.SubtitleSize)
                    .A("fill", MutedInk).End().Text(_c.Subtitle).Tag("text");
            }
        }

        private void DrawGrid()
        {
            w.Open("g").A("class", "grid").A("stroke", GridColor).A("stroke-width", 1).EndLine();
            if (layout.Kind != ChartKind.Heatmap)
            {
                foreach (var t in layout.Y.Ticks)
                {
                    w.Open("line").A("x1", P.X).A("x2", P.Right).A("y1", t.Position).A("y2", t.Position).Close();
                }
            }

            if (layout.Kind is ChartKind.XY or ChartKind.Ecdf or ChartKind.Histogram)
            {
                foreach (var t in layout.X.Ticks)
                {
                    w.Open("line").A("x1", t.Position).A("x2", t.Position).A("y1", P.Y).A("y2", P.Bottom).Close();
                }
            }

            if (layout.Kind == ChartKind.Profile)
            {
                var x = layout.X.Scale;
                if (layout.ProfileHours == 24)
                {
                    foreach (var t in layout.X.Ticks)
                    {
                        w.Open("line").A("x1", t.Position).A("x2", t.Position).A("y1", P.Y).A("y2", P.Bottom).Close();
                    }
                }
                else
                {
                    for (int d = 1; d < 7; d++)
                    {
                        w.Open("line").A("class", "day-separator").A("stroke", "#A6A6A6").A("x1", x.Map(d * 24)).A("x2", x.Map(d * 24))
                            .A("y1", P.Y).A("y2", P.Bottom).Close();
                    }
                }
            }

            w.Tag("g");
        }

        private void DrawZeroLine()
        {
            if (layout.Y.Linear is { } y && y.DomainMin < 0 && y.DomainMax > 0)
            {
                double py = y.Map(0);
                w.Open("line").A("class", "zero-line").A("x1", P.X).A("x2", P.Right).A("y1", py).A("y2", py)
                    .A("stroke", MutedInk).A("stroke-width", 1.5).Close();
            }
        }

        private void DrawSeries(int i)
        {
            var s = _c.Series[i];
            string color = layout.SeriesColors[i];
            string kind = s switch
            {
                LineSeries => "line",
                ScatterSeries => "scatter",
                BarSeries => "bar",
                HeatmapSeries => "heatmap",
                HistogramSeries => "histogram",
                EcdfSeries => "ecdf",
                ProfileSeries => "profile",
                _ => "series",
            };
            w.Open("g").A("class", "series series-" + kind).A("data-series", s.Name).A("data-index", i).A("data-color", color).EndLine();
            switch (s)
            {
                case LineSeries l:
                    DrawLine(l.Points, i, color);
                    break;
                case ProfileSeries p:
                    DrawLine(ProfilePoints(p), i, color);
                    break;
                case ScatterSeries sc:
                    DrawScatter(sc, i, color);
                    break;
                case BarSeries b:
                    DrawBars(b, i, color);
                    break;
                case HistogramSeries:
                    DrawHistogram(i, color);
                    break;
                case EcdfSeries:
                    DrawEcdf(i, color);
                    break;
                case HeatmapSeries h:
                    DrawHeatmap(h);
                    break;
            }

            w.Tag("g");
        }

        private static List<LinePoint> ProfilePoints(ProfileSeries p) =>
            p.Values.Select((v, h) => new LinePoint(h + 0.5, v, p.Low?[h] ?? double.NaN, p.High?[h] ?? double.NaN)).ToList();

        private void DrawLine(IReadOnlyList<LinePoint> points, int i, string color)
        {
            var x = layout.X.Scale;
            var y = layout.Y.Scale;

            // Confidence band: one polygon per run of points with both ends finite.
            foreach (var run in Runs(points, p => double.IsFinite(p.X) && double.IsFinite(p.Low) && double.IsFinite(p.High)))
            {
                if (run.Count == 1)
                {
                    // A band needs two points: show a lone interval as an error bar.
                    double cx = x.Map(run[0].X), lo = y.Map(run[0].Low), hi = y.Map(run[0].High);
                    w.Open("path").A("class", "ci-band error-bar").A("d",
                        $"M{SvgText.Num(cx)} {SvgText.Num(lo)} V{SvgText.Num(hi)} M{SvgText.Num(cx - 6)} {SvgText.Num(hi)} H{SvgText.Num(cx + 6)} M{SvgText.Num(cx - 6)} {SvgText.Num(lo)} H{SvgText.Num(cx + 6)}")
                        .A("stroke", color).A("stroke-width", 2).A("fill", "none").Close();
                    continue;
                }

                var d = new StringBuilder();
                for (int k = 0; k < run.Count; k++)
                {
                    d.Append(k == 0 ? "M" : " L").Append(SvgText.Num(x.Map(run[k].X))).Append(' ').Append(SvgText.Num(y.Map(run[k].High)));
                }

                for (int k = run.Count - 1; k >= 0; k--)
                {
                    d.Append(" L").Append(SvgText.Num(x.Map(run[k].X))).Append(' ').Append(SvgText.Num(y.Map(run[k].Low)));
                }

                d.Append(" Z");
                w.Open("path").A("class", "ci-band").A("d", d.ToString()).A("fill", color).A("fill-opacity", 0.18).A("stroke", "none").Close();
            }

            foreach (var run in Runs(points, p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            {
                if (run.Count < 2)
                {
                    continue;
                }

                var d = new StringBuilder();
                for (int k = 0; k < run.Count; k++)
                {
                    d.Append(k == 0 ? "M" : " L").Append(SvgText.Num(x.Map(run[k].X))).Append(' ').Append(SvgText.Num(y.Map(run[k].Y)));
                }

                w.Open("path").A("class", "line").A("d", d.ToString()).A("fill", "none").A("stroke", color).A("stroke-width", 2.5)
                    .A("stroke-linejoin", "round").A("stroke-linecap", "round").A("stroke-dasharray", layout.SeriesDashed[i] ? "8 5" : null).Close();
            }

            var marker = layout.SeriesMarkers[i];
            bool Finite(int k) => k >= 0 && k < points.Count && double.IsFinite(points[k].X) && double.IsFinite(points[k].Y);
            for (int k = 0; k < points.Count; k++)
            {
                var p = points[k];
                if (!Finite(k))
                {
                    continue;
                }

                // A point with gaps on both sides has no line: it always gets a marker.
                var shape = marker != MarkerShape.None ? marker : !Finite(k - 1) && !Finite(k + 1) ? MarkerShape.Circle : MarkerShape.None;
                if (shape != MarkerShape.None)
                {
                    Marker(shape, x.Map(p.X), y.Map(p.Y), 4.5, color, "#FFFFFF", 1.2, "point", p.X, p.Y, p.Low, p.High);
                }
            }
        }

        private static List<List<LinePoint>> Runs(IReadOnlyList<LinePoint> points, Func<LinePoint, bool> ok)
        {
            var runs = new List<List<LinePoint>>();
            List<LinePoint>? current = null;
            foreach (var p in points)
            {
                if (ok(p))
                {
                    (current ??= []).Add(p);
                }
                else if (current is not null)
                {
                    runs.Add(current);
                    current = null;
                }
            }

            if (current is not null)
            {
                runs.Add(current);
            }

            return runs;
        }

        private void Marker(MarkerShape shape, double px, double py, double r, string fill, string stroke, double strokeWidth,
            string cls, double dx, double dy, double low = double.NaN, double high = double.NaN, bool pareto = false)
        {
            switch (shape)
            {
                case MarkerShape.Square:
                    double h = r * 0.9;
                    w.Open("rect").A("x", px - h).A("y", py - h).A("width", 2 * h).A("height", 2 * h);
                    break;
                case MarkerShape.Triangle:
                    double t = r * 1.2;
                    w.Open("path").A("d", $"M{SvgText.Num(px)} {SvgText.Num(py - t)} L{SvgText.Num(px + (t * 0.95))} {SvgText.Num(py + (t * 0.65))} L{SvgText.Num(px - (t * 0.95))} {SvgText.Num(py + (t * 0.65))} Z");
                    break;
                case MarkerShape.Diamond:
                    double q = r * 1.25;
                    w.Open("path").A("d", $"M{SvgText.Num(px)} {SvgText.Num(py - q)} L{SvgText.Num(px + q)} {SvgText.Num(py)} L{SvgText.Num(px)} {SvgText.Num(py + q)} L{SvgText.Num(px - q)} {SvgText.Num(py)} Z");
                    break;
                default:
                    w.Open("circle").A("cx", px).A("cy", py).A("r", r);
                    break;
            }

            w.A("class", cls).A("fill", fill).A("stroke", stroke).A("stroke-width", strokeWidth)
                .Data("data-x", dx).Data("data-y", dy).A("data-px", px).A("data-py", py);
            if (double.IsFinite(low) && double.IsFinite(high))
            {
                w.Data("data-low", low).Data("data-high", high);
            }

            if (pareto)
            {
                w.A("data-pareto", "true");
            }

            w.Close();
        }

        private void DrawScatter(ScatterSeries sc, int i, string color)
        {
            var onFront = layout.ParetoFront.Where(f => f.Series == i).Select(f => f.Point).ToHashSet();
            for (int k = 0; k < sc.Points.Count; k++)
            {
                var p = sc.Points[k];
                if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
                {
                    continue;
                }

                Marker(layout.SeriesMarkers[i], layout.X.Scale.Map(p.X), layout.Y.Scale.Map(p.Y), 6, color, "#FFFFFF", 1.2, "point", p.X, p.Y, pareto: onFront.Contains(k));
            }
        }

        private void DrawPareto()
        {
            if (layout.ParetoFront.Count == 0)
            {
                return;
            }

            var pts = layout.ParetoFront.Select(f => ((ScatterSeries)_c.Series[f.Series]).Points[f.Point])
                .Select(p => (X: layout.X.Scale.Map(p.X), Y: layout.Y.Scale.Map(p.Y))).ToList();
            w.Open("g").A("class", "pareto-front").A("data-count", pts.Count).EndLine();
            if (pts.Count > 1)
            {
                w.Open("polyline").A("points", string.Join(" ", pts.Select(p => SvgText.Num(p.X) + "," + SvgText.Num(p.Y))))
                    .A("fill", "none").A("stroke", "#222222").A("stroke-width", 1.5).A("stroke-dasharray", "6 4").Close();
            }

            foreach (var p in pts)
            {
                w.Open("circle").A("class", "pareto-ring").A("cx", p.X).A("cy", p.Y).A("r", 10).A("fill", "none")
                    .A("stroke", "#222222").A("stroke-width", 1.6).Close();
            }

            w.Tag("g");
        }

        private void DrawBars(BarSeries b, int i, string color)
        {
            var band = layout.X.Band!;
            var y = layout.Y.Scale;
            int groups = _c.Series.Count;
            double sub = band.BandWidth / groups;
            double gap = groups > 1 ? Math.Min(3, sub * 0.1) : 0;
            double zero = y.Map(0);
            for (int k = 0; k < b.Values.Count; k++)
            {
                var v = b.Values[k];
                double x0 = band.Start(k) + (i * sub) + (gap / 2), width = sub - gap;
                if (double.IsFinite(v.Value))
                {
                    double py = y.Map(v.Value);
                    bool hollow = layout.SeriesDashed[i];
                    w.Open("rect").A("class", "bar").A("x", x0).A("y", Math.Min(py, zero)).A("width", width).A("height", Math.Abs(zero - py))
                        .A("fill", color).A("fill-opacity", hollow ? 0.35 : null).A("stroke", hollow ? color : null).A("stroke-width", hollow ? 1.5 : null).A("data-category", _c.X.Categories![k]).Data("data-value", v.Value);
                    if (double.IsFinite(v.Low) && double.IsFinite(v.High))
                    {
                        w.Data("data-low", v.Low).Data("data-high", v.High);
                    }

                    w.Close();
                }

                if (double.IsFinite(v.Low) && double.IsFinite(v.High))
                {
                    double cx = x0 + (width / 2), cap = Math.Min(10, width * 0.5) / 2;
                    double lo = y.Map(v.Low), hi = y.Map(v.High);
                    w.Open("path").A("class", "error-bar").A("d",
                        $"M{SvgText.Num(cx)} {SvgText.Num(lo)} V{SvgText.Num(hi)} M{SvgText.Num(cx - cap)} {SvgText.Num(hi)} H{SvgText.Num(cx + cap)} M{SvgText.Num(cx - cap)} {SvgText.Num(lo)} H{SvgText.Num(cx + cap)}")
                        .A("stroke", Ink).A("stroke-width", 1.6).A("fill", "none").Close();
                }
            }
        }

        private void DrawHistogram(int i, string color)
        {
            var bins = layout.Histogram!.Bins[i];
            var x = layout.X.Scale;
            var y = layout.Y.Scale;
            bool overlay = _c.Series.Count > 1;
            foreach (var bin in bins)
            {
                double x0 = x.Map(bin.Lower), x1 = x.Map(bin.Upper);
                double height = layout.HistogramHeight(i, bin);
                double py = y.Map(height), zero = y.Map(0);
                w.Open("rect").A("class", "bin").A("x", x0 + 0.5).A("y", py).A("width", Math.Max(0, x1 - x0 - 1)).A("height", zero - py)
                    .A("fill", color).A("fill-opacity", overlay ? 0.45 : 0.85).A("stroke", overlay ? color : null)
                    .Data("data-lower", bin.Lower).Data("data-upper", bin.Upper).A("data-count", bin.Count).Data("data-y", height).Close();
            }
        }

        private void DrawEcdf(int i, string color)
        {
            var steps = layout.Ecdfs![i];
            if (steps.Count == 0)
            {
                return;
            }

            var x = layout.X.Linear!;
            var y = layout.Y.Scale;
            var d = new StringBuilder();
            d.Append('M').Append(SvgText.Num(x.RangeStart)).Append(' ').Append(SvgText.Num(y.Map(0)));
            foreach (var s in steps)
            {
                d.Append(" H").Append(SvgText.Num(x.Map(s.X))).Append(" V").Append(SvgText.Num(y.Map(s.P)));
            }

            d.Append(" H").Append(SvgText.Num(x.RangeEnd));
            w.Open("path").A("class", "line ecdf").A("d", d.ToString()).A("fill", "none").A("stroke", color).A("stroke-width", 2.5)
                .A("stroke-dasharray", layout.SeriesDashed[i] ? "8 5" : null).A("data-steps", steps.Count).Close();
        }

        private void DrawHeatmap(HeatmapSeries h)
        {
            var xb = layout.X.Band!;
            var yb = layout.Y.Band!;
            var scale = layout.ColorBar!.Scale;
            for (int r = 0; r < h.YCategories.Count; r++)
            {
                for (int col = 0; col < h.XCategories.Count; col++)
                {
                    double v = h.Values[r][col];
                    double x0 = xb.Start(col), y0 = yb.Start(r);
                    w.Open("rect").A("class", "cell").A("x", x0).A("y", y0).A("width", xb.BandWidth).A("height", yb.BandWidth)
                        .A("fill", scale.Color(v)).A("stroke", "#FFFFFF").A("stroke-width", 1)
                        .A("data-x", h.XCategories[col]).A("data-y", h.YCategories[r]).Data("data-value", v).Close();
                    if (h.ShowValues)
                    {
                        string label = ChartLayout.FormatCell(v, null, h.ValueFormat);
                        double size = Math.Min(ChartLayout.LabelSize + 1, yb.BandWidth * 0.45);
                        if (size >= 9 && TextMetrics.Width(label, size) <= xb.BandWidth - 4)
                        {
                            w.Open("text").A("class", "cell-label").A("x", x0 + (xb.BandWidth / 2)).A("y", y0 + (yb.BandWidth / 2) + (size * 0.35))
                                .A("text-anchor", "middle").A("font-size", size).A("fill", scale.IsLight(v) ? Ink : "#FFFFFF").End().Text(label).Tag("text");
                        }
                    }
                }
            }
        }

        private void DrawReferenceLines()
        {
            if (_c.ReferenceLines.Count == 0)
            {
                return;
            }

            w.Open("g").A("class", "reference-lines").EndLine();
            foreach (var r in _c.ReferenceLines)
            {
                string color = r.Color ?? "#333333";
                if (r.Axis == ReferenceAxis.X && layout.X.Linear is { } x && x.Contains(r.Value))
                {
                    double px = x.Map(r.Value);
                    w.Open("line").A("class", "reference-line").A("x1", px).A("x2", px).A("y1", P.Y).A("y2", P.Bottom).A("stroke", color)
                        .A("stroke-width", 1.8).A("stroke-dasharray", r.Dashed ? "6 4" : null).Data("data-value", r.Value).Close();
                    if (!string.IsNullOrEmpty(r.Label))
                    {
                        double half = TextMetrics.Width(r.Label, ChartLayout.LabelSize) / 2;
                        double lx = Math.Clamp(px, half + ChartLayout.Pad, _c.Width - ChartLayout.Pad - half);
                        Halo(lx, P.Y - 7, "middle", r.Label, color);
                    }
                }
                else if (r.Axis == ReferenceAxis.Y && layout.Y.Linear is { } y && y.Contains(r.Value))
                {
                    double py = y.Map(r.Value);
                    w.Open("line").A("class", "reference-line").A("x1", P.X).A("x2", P.Right).A("y1", py).A("y2", py).A("stroke", color)
                        .A("stroke-width", 1.8).A("stroke-dasharray", r.Dashed ? "6 4" : null).Data("data-value", r.Value).Close();
                    if (!string.IsNullOrEmpty(r.Label))
                    {
                        bool below = py - P.Y < 20;
                        Halo(P.Right - 6, below ? py + 17 : py - 6, "end", r.Label, color);
                    }
                }
            }

            w.Tag("g");
        }

        private void Halo(double x, double y, string anchor, string text, string color, string cls = "reference-label")
        {
            w.Open("text").A("class", cls).A("x", x).A("y", y).A("text-anchor", anchor).A("font-size", ChartLayout.LabelSize)
                .A("fill", color).A("stroke", "#FFFFFF").A("stroke-width", 3).A("stroke-linejoin", "round").A("paint-order", "stroke")
                .End().Text(text).Tag("text");
        }

        private void DrawAxes()
        {
            // x axis
            var xAxis = layout.X;
            w.Open("g").A("class", "axis axis-x").A("font-size", ChartLayout.TickSize).A("fill", Ink);
            AxisData(xAxis);
            w.EndLine();
            if (layout.Kind != ChartKind.Heatmap)
            {
                w.Open("line").A("class", "domain").A("x1", P.X).A("x2", P.Right).A("y1", P.Bottom).A("y2", P.Bottom).A("stroke", MutedInk).A("stroke-width", 1.2).Close();
            }

            double labelTop = P.Bottom + 6 + ChartLayout.TickSize;
            if (layout.Kind == ChartKind.Profile && layout.ProfileHours == 168)
            {
                // Day boundaries reach down between the day names; minor ticks every six hours.
                for (int h = 0; h <= 168; h += 6)
                {
                    double px = xAxis.Scale.Map(h);
                    double len = h % 24 == 0 ? 6 + ChartLayout.TickSize + 8 : 5;
                    w.Open("line").A("class", h % 24 == 0 ? "day-tick" : "minor-tick").A("x1", px).A("x2", px).A("y1", P.Bottom).A("y2", P.Bottom + len).A("stroke", MutedInk).Close();
                }
            }

            foreach (var t in xAxis.Ticks)
            {
                w.Open("g").A("class", "tick").Data("data-value", t.Value).EndLine();
                bool dayLabel = layout.Kind == ChartKind.Profile && layout.ProfileHours == 168;
                if (!dayLabel && layout.Kind != ChartKind.Heatmap)
                {
                    w.Open("line").A("x1", t.Position).A("x2", t.Position).A("y1", P.Bottom).A("y2", P.Bottom + 6).A("stroke", MutedInk).Close();
                }

                if (xAxis.LabelAngle != 0)
                {
                    double ty = P.Bottom + 6 + 6;
                    w.Open("text").A("x", t.Position).A("y", ty + 5).A("text-anchor", "end")
                        .A("transform", $"rotate({SvgText.Num(xAxis.LabelAngle)} {SvgText.Num(t.Position)} {SvgText.Num(ty)})").End().Text(t.Label).Tag("text");
                }
                else if (t.Lines.Count > 1)
                {
                    w.Open("text").A("x", t.Position).A("y", labelTop + 6).A("text-anchor", "middle").End();
                    for (int k = 0; k < t.Lines.Count; k++)
                    {
                        w.Open("tspan").A("x", t.Position).A("dy", k == 0 ? "0" : SvgText.Num(ChartLayout.TickSize + 3)).End().Text(t.Lines[k]).Raw("</tspan>");
                    }

                    w.Tag("text");
                }
                else
                {
                    w.Open("text").A("x", t.Position).A("y", labelTop + 6).A("text-anchor", "middle").End().Text(t.Label).Tag("text");
                }

                w.Tag("g");
            }

            if (xAxis.Title is not null)
            {
                w.Open("text").A("class", "axis-title").A("x", P.X + (P.Width / 2)).A("y", _c.Height - ChartLayout.Pad - LegendHeight(LegendPlacement.Bottom) - 4)
                    .A("text-anchor", "middle").A("font-size", ChartLayout.AxisTitleSize).End().Text(xAxis.Title).Tag("text");
            }

            w.Tag("g");

            // y axis
            var yAxis = layout.Y;
            w.Open("g").A("class", "axis axis-y").A("font-size", ChartLayout.TickSize).A("fill", Ink);
            AxisData(yAxis);
            w.EndLine();
            if (layout.Kind != ChartKind.Heatmap)
            {
                w.Open("line").A("class", "domain").A("x1", P.X).A("x2", P.X).A("y1", P.Y).A("y2", P.Bottom).A("stroke", MutedInk).A("stroke-width", 1.2).Close();
            }

            foreach (var t in yAxis.Ticks)
            {
                w.Open("g").A("class", "tick").Data("data-value", t.Value).EndLine();
                if (layout.Kind != ChartKind.Heatmap)
                {
                    w.Open("line").A("x1", P.X - 6).A("x2", P.X).A("y1", t.Position).A("y2", t.Position).A("stroke", MutedInk).Close();
                }

                w.Open("text").A("x", P.X - 6 - 6).A("y", t.Position + 5).A("text-anchor", "end").End().Text(t.Label).Tag("text");
                w.Tag("g");
            }

            if (yAxis.Title is not null)
            {
                double tx = ChartLayout.Pad + ChartLayout.AxisTitleSize - 2, ty = P.Y + (P.Height / 2);
                w.Open("text").A("class", "axis-title").A("x", tx).A("y", ty).A("text-anchor", "middle").A("font-size", ChartLayout.AxisTitleSize)
                    .A("transform", $"rotate(-90 {SvgText.Num(tx)} {SvgText.Num(ty)})").End().Text(yAxis.Title).Tag("text");
            }

            w.Tag("g");
        }

        private static readonly (double Dx, double Dy, bool End)[] LabelOffsets = [(10, -8, false), (10, 18, false), (-10, -8, true), (-10, 18, true)];

        private static bool Overlaps(Rect a, Rect b) => a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;

        private double LegendHeight(LegendPlacement placement) =>
            layout.LegendPlacement != placement || layout.Legend.Count == 0
                ? 0
                : layout.Legend.Select(e => e.Y).Distinct().Count() * ChartLayout.LegendRow;

        private void AxisData(AxisLayout axis)
        {
            if (axis.Linear is { } l)
            {
                w.Data("data-min", l.DomainMin).Data("data-max", l.DomainMax);
            }
            else if (axis.Band is { } b)
            {
                w.A("data-categories", b.Count);
            }
        }

        private void DrawLabels()
        {
            bool any = _c.Annotations.Count > 0 || _c.Series.OfType<ScatterSeries>().Any(s => s.Points.Any(p => !string.IsNullOrEmpty(p.Label)));
            if (!any)
            {
                return;
            }

            w.Open("g").A("class", "labels").EndLine();
            // Greedy placement: the first of four spots around the point that overlaps no label placed before.
            var placed = new List<Rect>();
            foreach (var sc in _c.Series.OfType<ScatterSeries>())
            {
                foreach (var p in sc.Points.Where(p => !string.IsNullOrEmpty(p.Label) && double.IsFinite(p.X) && double.IsFinite(p.Y)))
                {
                    double px = layout.X.Scale.Map(p.X), py = layout.Y.Scale.Map(p.Y);
                    double width = TextMetrics.Width(p.Label, ChartLayout.LabelSize), height = ChartLayout.LabelSize + 2;
                    var candidates = LabelOffsets
                        .Select(o => (o.End, X: px + o.Dx, Y: py + o.Dy, Box: new Rect(o.End ? px + o.Dx - width : px + o.Dx, py + o.Dy - ChartLayout.LabelSize, width, height)))
                        .Where(o => o.Box.X >= 2 && o.Box.Right <= _c.Width - 2)
                        .ToList();
                    if (candidates.Count == 0)
                    {
                        continue;
                    }

                    var spot = candidates.FirstOrDefault(o => !placed.Any(r => Overlaps(r, o.Box)));
                    if (spot == default)
                    {
                        spot = candidates[0];
                    }

                    placed.Add(spot.Box);
                    Halo(spot.X, spot.Y, spot.End ? "end" : "start", p.Label!, Ink, "point-label");
                }
            }

            foreach (var a in _c.Annotations)
            {
                if (layout.X.Scale is LinearScale x && layout.Y.Scale is LinearScale y)
                {
                    Halo(x.Map(a.X), y.Map(a.Y), "middle", a.Text, Ink, "annotation");
                }
            }

            w.Tag("g");
        }

        private void DrawLegend()
        {
            if (layout.Legend.Count == 0)
            {
                return;
            }

            w.Open("g").A("class", "legend").A("font-size", ChartLayout.LegendSize).A("fill", Ink).EndLine();
            foreach (var e in layout.Legend)
            {
                w.Open("g").A("class", "legend-entry").A("data-series", e.Label).EndLine();
                double x = e.X, y = e.Y;
                switch (e.Symbol)
                {
                    case LegendSymbol.Box:
                        w.Open("rect").A("x", x + 6).A("y", y - 8).A("width", 16).A("height", 16).A("fill", e.Color)
                            .A("fill-opacity", e.Dashed ? 0.35 : null).A("stroke", e.Dashed ? e.Color : null).A("stroke-width", e.Dashed ? 1.5 : null).Close();
                        break;
                    case LegendSymbol.Marker:
                        Marker(e.Marker, x + 14, y, 6, e.Color, "#FFFFFF", 1.2, "legend-marker", double.NaN, double.NaN);
                        break;
                    case LegendSymbol.Front:
                        w.Open("line").A("x1", x).A("x2", x + 28).A("y1", y).A("y2", y).A("stroke", e.Color).A("stroke-width", 1.5).A("stroke-dasharray", "6 4").Close();
                        w.Open("circle").A("cx", x + 14).A("cy", y).A("r", 8).A("fill", "none").A("stroke", e.Color).A("stroke-width", 1.6).Close();
                        break;
                    default:
                        if (e.Symbol == LegendSymbol.LineBand)
                        {
                            w.Open("rect").A("x", x).A("y", y - 7).A("width", 28).A("height", 14).A("fill", e.Color).A("fill-opacity", 0.18).Close();
                        }

                        w.Open("line").A("x1", x).A("x2", x + 28).A("y1", y).A("y2", y).A("stroke", e.Color).A("stroke-width", 2.5)
                            .A("stroke-dasharray", e.Dashed ? "8 5" : null).Close();
                        if (e.Marker is not MarkerShape.None and not MarkerShape.Auto)
                        {
                            Marker(e.Marker, x + 14, y, 4.5, e.Color, "#FFFFFF", 1.2, "legend-marker", double.NaN, double.NaN);
                        }

                        break;
                }

                w.Open("text").A("x", x + 36).A("y", y + 5).End().Text(e.Label).Tag("text");
                w.Tag("g");
            }

            w.Tag("g");
        }

        private void DrawColorBar()
        {
            if (layout.ColorBar is not { } bar)
            {
                return;
            }

            var r = bar.Bar;
            w.Open("g").A("class", "color-bar").A("font-size", ChartLayout.TickSize).A("fill", Ink)
                .Data("data-min", bar.Scale.Min).Data("data-max", bar.Scale.Max).A("data-min-color", bar.Scale.MinColor).A("data-max-color", bar.Scale.MaxColor).EndLine();
            const int Stripes = 64;
            double h = r.Height / Stripes;
            for (int k = 0; k < Stripes; k++)
            {
                double v = bar.Scale.Min + ((bar.Scale.Max - bar.Scale.Min) * (k + 0.5) / Stripes);
                w.Open("rect").A("x", r.X).A("y", r.Bottom - ((k + 1) * h)).A("width", r.Width).A("height", h + 0.6).A("fill", bar.Scale.Color(v)).Close();
            }

            w.Open("rect").A("x", r.X).A("y", r.Y).A("width", r.Width).A("height", r.Height).A("fill", "none").A("stroke", MutedInk).A("stroke-width", 0.8).Close();
            double labelRight = r.Right;
            foreach (var t in bar.Ticks)
            {
                w.Open("line").A("x1", r.Right).A("x2", r.Right + 5).A("y1", t.Position).A("y2", t.Position).A("stroke", MutedInk).Close();
                w.Open("text").A("x", r.Right + 8).A("y", t.Position + 5).End().Text(t.Label).Tag("text");
                labelRight = Math.Max(labelRight, r.Right + 8 + TextMetrics.Width(t.Label, ChartLayout.TickSize));
            }

            if (!string.IsNullOrEmpty(bar.Title))
            {
                double tx = Math.Min(labelRight + 10 + (ChartLayout.AxisTitleSize / 2), _c.Width - ChartLayout.Pad), ty = r.Y + (r.Height / 2);
                w.Open("text").A("class", "axis-title").A("x", tx).A("y", ty).A("text-anchor", "middle").A("font-size", ChartLayout.AxisTitleSize)
                    .A("transform", $"rotate(90 {SvgText.Num(tx)} {SvgText.Num(ty)})").End().Text(bar.Title).Tag("text");
            }

            w.Tag("g");
        }
    }
}
