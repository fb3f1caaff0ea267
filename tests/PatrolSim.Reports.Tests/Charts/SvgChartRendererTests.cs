using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Tests.Charts;

public partial class SvgChartRendererTests
{
    private static readonly XNamespace Svg = SvgChartRenderer.SvgNamespace;
    private static readonly SvgChartRenderer Renderer = new();

    private static (XDocument Doc, ChartLayout Layout, string Text) Render(Chart chart)
    {
        string text = Renderer.Render(chart);
        return (XDocument.Parse(text), ChartLayout.Compute(chart), text);
    }

    private static double D(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)!.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool HasClass(XElement e, string cls) =>
        e.Attribute("class")?.Value.Split(' ').Contains(cls) == true;

    private static List<XElement> ByClass(XContainer doc, string cls) => doc.Descendants().Where(e => HasClass(e, cls)).ToList();

    private static List<XElement> Series(XDocument doc) => ByClass(doc, "series");

    private static XElement Axis(XDocument doc, string which) => ByClass(doc, "axis-" + which).Single();

    // ---- every chart kind ---------------------------------------------------------------------------------

    public static TheoryData<string> SampleNames() => [.. SampleCharts.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Render_EverySample_IsStandaloneAccessibleSvg(string name)
    {
        var chart = SampleCharts.All().Single(s => s.Name == name).Chart;
        var (doc, layout, text) = Render(chart);
        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("960", root.Attribute("width")!.Value);
        Assert.Equal("540", root.Attribute("height")!.Value);
        Assert.Equal("0 0 960 540", root.Attribute("viewBox")!.Value);
        Assert.Equal(Svg + "title", root.Elements().First().Name);
        Assert.Equal(chart.Title, root.Element(Svg + "title")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "desc")!.Value));
        Assert.Equal(chart.Series.Count, Series(doc).Count);
        Assert.Equal(chart.Series.Select(s => s.Name), Series(doc).Select(g => g.Attribute("data-series")!.Value));

        // No external resources, scripts or styles that could leak into a host page.
        Assert.DoesNotContain("href", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", text, StringComparison.Ordinal);
        Assert.DoesNotContain("url(http", text, StringComparison.Ordinal);

        // Readable at slide size.
        var sizes = doc.Descendants().Select(e => e.Attribute("font-size")).Where(a => a is not null).Select(a => double.Parse(a!.Value, CultureInfo.InvariantCulture));
        Assert.All(sizes, s => Assert.True(s >= 13, $"font size {s} too small"));
        Assert.Equal(20, D(ByClass(doc, "title").Single(), "font-size"));
        Assert.Equal(14, D(Axis(doc, "x"), "font-size"));

        // Plot area inside the picture, and legend entries above the plot, inside the width.
        Assert.True(layout.Plot.X > 40 && layout.Plot.Right <= 960 && layout.Plot.Y > 30 && layout.Plot.Bottom < 540);
        foreach (var e in layout.Legend.Where(_ => layout.LegendPlacement == LegendPlacement.Top))
        {
            Assert.True(e.Y + (ChartLayout.LegendRow / 2) <= layout.Plot.Y, $"legend entry '{e.Label}' overlaps the plot");
            Assert.True(e.X >= 0 && e.X < 960);
        }
    }

    /// <summary>(value, pixel) of each tick of an axis as drawn: its mark's position, or its label's when it has no mark.</summary>
    private static List<(double Value, double Pixel)> DrawnTicks(XDocument doc, string which) =>
    [
        .. ByClass(Axis(doc, which), "tick").Select(t =>
        {
            var mark = t.Element(Svg + "line");
            double pixel = mark is not null ? D(mark, which == "x" ? "x1" : "y1") : D(t.Element(Svg + "text")!, "x");
            return (D(t, "data-value"), pixel);
        }),
    ];

    /// <summary>Where the drawn ticks put <paramref name="value"/>: linear through the first and last tick.</summary>
    private static double OnTicks(List<(double Value, double Pixel)> ticks, double value) =>
        ticks[0].Pixel + ((value - ticks[0].Value) / (ticks[^1].Value - ticks[0].Value) * (ticks[^1].Pixel - ticks[0].Pixel));

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Render_EverySample_PointsSitWhereTheDrawnTicksPutThem_AndInsideTheAxisRanges(string name)
    {
        // The oracle is the picture itself: a point of value v is drawn where the axis's labelled ticks say v is.
        var chart = SampleCharts.All().Single(s => s.Name == name).Chart;
        var (doc, _, _) = Render(chart);
        var points = ByClass(doc, "point");
        if (points.Count == 0)
        {
            return;
        }

        var xTicks = DrawnTicks(doc, "x");
        var yTicks = DrawnTicks(doc, "y");
        Assert.True(xTicks.Count >= 2 && yTicks.Count >= 2);
        double xMin = D(Axis(doc, "x"), "data-min"), xMax = D(Axis(doc, "x"), "data-max");
        double yMin = D(Axis(doc, "y"), "data-min"), yMax = D(Axis(doc, "y"), "data-max");
        foreach (var p in points)
        {
            double x = D(p, "data-x"), y = D(p, "data-y");

            // Tick pixels are written to 0.01, so the line through them may be off by a few hundredths.
            Assert.InRange(D(p, "data-px") - OnTicks(xTicks, x), -0.05, 0.05);
            Assert.InRange(D(p, "data-py") - OnTicks(yTicks, y), -0.05, 0.05);
            if (p.Name == Svg + "circle")
            {
                Assert.Equal(D(p, "data-px"), D(p, "cx"));
                Assert.Equal(D(p, "data-py"), D(p, "cy"));
            }

            Assert.InRange(x, xMin, xMax);
            Assert.InRange(y, yMin, yMax);
            if (p.Attribute("data-low") is not null)
            {
                Assert.InRange(D(p, "data-low"), yMin, yMax);
                Assert.InRange(D(p, "data-high"), yMin, yMax);
            }
        }
    }

    [Fact]
    public void Render_UnderACommaDecimalCulture_GivesTheSameBytes()
    {
        // Numbers in SVG are invariant: a thread culture like German's must not turn 12.5 into 12,5 or 1000 into 1.000.
        // (The build uses invariant globalization, so the culture is made by hand.)
        var invariant = SampleCharts.All().Select(s => Renderer.Render(s.Chart)).ToList();
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        comma.NumberFormat.PercentDecimalSeparator = ",";
        comma.NumberFormat.NegativeSign = "\u2212";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(invariant, SampleCharts.All().Select(s => Renderer.Render(s.Chart)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // ---- line charts --------------------------------------------------------------------------------------

    [Fact]
    public void Line_PointsAndBand_LandOnHandComputedPixels()
    {
        var chart = new Chart("t", [
            new LineSeries("a", [new(1, 10, 8, 13), new(2, 12, 11, 15.5), new(3, 11, 2.5, 12)]),
            new LineSeries("b", [new(1, 4), new(3, 5)]),
        ])
        {
            X = new Axis { Min = 0, Max = 4 },
        };
        var (doc, _, _) = Render(chart);

        // Worked by hand from the 960 × 540 picture. Top: pad 16 + title 20 + 6 = 42; two series put a one-row legend
        // on top: + 6 + 24 = 72; + 14 for the top tick label = 86. Bottom: 540 − pad 16 − x labels (6 + 6 + 14) = 498.
        // y: [2.5, 15.5] → nice 0..20 step 5, labels 0…20, the widest "20" = 2 × 0.56 em × 14 px = 15.68; left = pad 16 +
        // 15.68 + 8 + tick 6 = 45.68. Right: the x end label allowance "00000.0" is 3.64 em × 14 = 50.96 px, half of it
        // + 4 = 29.48 from the edge: 930.52. So x ↦ 45.68 + x / 4 × 884.84 and y ↦ 498 − y / 20 × 412 = 498 − 20.6 y.
        var a = Series(doc)[0];
        var points = ByClass(a, "point");
        Assert.Equal(3, points.Count);
        Assert.Equal(2, ByClass(Series(doc)[1], "point").Count);
        Assert.Equal(266.89, D(points[0], "cx"), 2); // 45.68 + 221.21
        Assert.Equal(488.1, D(points[1], "cx"), 2);  // 45.68 + 442.42
        Assert.Equal(709.31, D(points[2], "cx"), 2); // 45.68 + 663.63
        Assert.Equal(292, D(points[0], "cy"), 2);    // 498 − 206
        Assert.Equal(250.8, D(points[1], "cy"), 2);  // 498 − 247.2
        Assert.Equal(271.4, D(points[2], "cy"), 2);  // 498 − 226.6
        Assert.Equal(0, D(Axis(doc, "y"), "data-min"));
        Assert.Equal(20, D(Axis(doc, "y"), "data-max"));
        var yTicks = ByClass(Axis(doc, "y"), "tick");
        Assert.Equal(["0", "5", "10", "15", "20"], yTicks.Select(t => t.Element(Svg + "text")!.Value));
        Assert.Equal([498.0, 395, 292, 189, 86], yTicks.Select(t => D(t.Element(Svg + "line")!, "y1")));

        // The band polygon goes through the high ends forwards and the low ends backwards.
        var band = ByClass(a, "ci-band").Single();
        var coords = Numbers().Matches(band.Attribute("d")!.Value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([266.89, 230.2, 488.1, 178.7, 709.31, 250.8, 709.31, 446.5, 488.1, 271.4, 266.89, 333.2], coords);
    }

    [Fact]
    public void Line_NaNValues_LeaveGaps_AndIsolatedPointsKeepAMarker()
    {
        var points = Enumerable.Range(0, 60).Select(i => new LinePoint(i, i is 20 or 40 or 42 ? double.NaN : Math.Sin(i / 5.0))).ToList();
        var (doc, layout, _) = Render(new Chart("gaps", [new LineSeries("s", points)]));
        var lines = ByClass(doc, "line");
        Assert.Equal(3, lines.Count); // 0..19, 21..39, 43..59; 41 is isolated
        Assert.Equal(MarkerShape.None, layout.SeriesMarkers[0]); // too many points for markers...
        var lone = ByClass(doc, "point").Single(); // ...except the isolated one, which has no line
        Assert.Equal(41, D(lone, "data-x"));
        Assert.InRange(D(lone, "cx") - OnTicks(DrawnTicks(doc, "x"), 41), -0.05, 0.05);
    }

    [Fact]
    public void Line_SinglePoint_IsDrawnAsAMarkerInsideANonEmptyRange()
    {
        var (doc, layout, _) = Render(new Chart("one", [new LineSeries("s", [new(3, 7)])]));
        Assert.Empty(ByClass(doc, "line"));
        var p = ByClass(doc, "point").Single();
        Assert.True(layout.X.Linear!.DomainMin < 3 && layout.X.Linear.DomainMax > 3);
        Assert.True(layout.Y.Linear!.DomainMin < 7 && layout.Y.Linear.DomainMax > 7);
        Assert.InRange(D(p, "cx"), layout.Plot.X + 1, layout.Plot.Right - 1);
    }

    [Fact]
    public void Line_AllEqualValues_GetAWidenedRange()
    {
        var (_, layout, _) = Render(new Chart("flat", [new LineSeries("s", [new(0, 3), new(1, 3), new(2, 3)])]));
        Assert.True(layout.Y.Linear!.DomainMin < 3 && layout.Y.Linear.DomainMax > 3);
        Assert.True(layout.Y.Ticks.Count >= 3);
    }

    [Fact]
    public void EmptyCharts_RenderAxesAndNoDataMessage()
    {
        foreach (var chart in new Chart[]
        {
            new("nothing", []),
            new("empty line", [new LineSeries("s", [])]),
            new("NaN only", [new LineSeries("s", [new(double.NaN, double.NaN)])]),
            new("empty histogram", [new HistogramSeries("h", [])]),
            new("empty ecdf", [new EcdfSeries("e", [])]),
        })
        {
            var (doc, layout, _) = Render(chart);
            Assert.True(layout.IsEmpty);
            Assert.Equal("No data", ByClass(doc, "no-data").Single().Value);
            Assert.NotEmpty(Axis(doc, "y").Descendants(Svg + "text"));
        }
    }

    [Fact]
    public void EmptyCategoryCharts_Render()
    {
        var (doc, layout, _) = Render(new Chart("no districts", [new HeatmapSeries("h", [], [], [])]));
        Assert.True(layout.IsEmpty);
        Assert.Empty(ByClass(doc, "cell"));
        var (bars, barLayout, _) = Render(new Chart("no categories", [new BarSeries("b", [])]) { X = new Axis { Categories = [] } });
        Assert.True(barLayout.IsEmpty);
        Assert.Empty(ByClass(bars, "bar"));
    }

    [Fact]
    public void FixedAxisRange_IsKeptExactly_AndTheClipPathIsTight()
    {
        var chart = new Chart("fixed", [new LineSeries("s", [new(0, -0.2), new(1, 0.5), new(2, 1.3)])])
        {
            Y = new Axis("Share") { Min = 0, Max = 1, Percent = true },
        };
        var (doc, layout, _) = Render(chart);
        Assert.Equal(0, layout.Y.Linear!.DomainMin);
        Assert.Equal(1, layout.Y.Linear.DomainMax);
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], layout.Y.Ticks.Select(t => t.Label));
        var clip = doc.Descendants(Svg + "clipPath").Single().Element(Svg + "rect")!;
        // The clip is the plot: from the drawn "100%" tick down to the "0%" tick.
        var ticks = DrawnTicks(doc, "y");
        Assert.Equal(ticks[^1].Pixel, D(clip, "y"), 2);
        Assert.Equal(ticks[0].Pixel - ticks[^1].Pixel, D(clip, "height"), 2);
    }

    [Fact]
    public void AxisTitles_CarryTheUnit()
    {
        var (doc, _, _) = Render(SampleCharts.Line());
        Assert.Equal("Mean P1 response time (min)", ByClass(Axis(doc, "y"), "axis-title").Single().Value);
        Assert.Equal("Patrol units on shift", ByClass(Axis(doc, "x"), "axis-title").Single().Value);
    }

    // ---- bars ---------------------------------------------------------------------------------------------

    [Fact]
    public void Bars_OneRectPerCategoryAndGroup_WithErrorBars_AroundAZeroLine()
    {
        var (doc, layout, _) = Render(SampleCharts.Differences());
        var bars = ByClass(doc, "bar");
        Assert.Equal(3 * 2, bars.Count);
        Assert.Equal(6, ByClass(doc, "error-bar").Count);
        var yTicks = DrawnTicks(doc, "y");
        double zero = yTicks.Single(t => t.Value == 0).Pixel;
        Assert.Equal(zero, ByClass(doc, "zero-line").Select(l => D(l, "y1")).Single(), 2);
        foreach (var bar in bars)
        {
            double v = D(bar, "data-value"), y = D(bar, "y"), h = D(bar, "height");
            if (v < 0)
            {
                Assert.Equal(zero, y, 2); // hangs below the zero line
                Assert.InRange(y + h - OnTicks(yTicks, v), -0.05, 0.05);
            }
            else
            {
                Assert.Equal(zero, y + h, 2);
                Assert.InRange(y - OnTicks(yTicks, v), -0.05, 0.05);
            }

            Assert.True(layout.Y.Linear!.Contains(D(bar, "data-low")) && layout.Y.Linear.Contains(D(bar, "data-high")));
        }

        // Groups sit side by side inside their category band.
        // Groups sit side by side, centred on their category's label.
        var first = bars.Where(b => b.Attribute("data-category")!.Value == "P1 response").ToList();
        Assert.Equal(2, first.Count);
        double label = D(ByClass(Axis(doc, "x"), "tick")[0].Element(Svg + "text")!, "x");
        Assert.Equal(label, (D(first[0], "x") + D(first[1], "x") + D(first[1], "width")) / 2, 1);
        Assert.True(D(first[0], "x") + D(first[0], "width") <= D(first[1], "x") + 0.01);
        Assert.Equal(-5, layout.Y.Linear!.DomainMin);
        Assert.Equal("\u22125", layout.Y.Ticks[0].Label);
    }

    [Fact]
    public void Bars_LongCategoryLabels_WrapOrRotate()
    {
        var wrapped = ChartLayout.Compute(SampleCharts.ManySeriesLongLabels());
        Assert.Equal(0, wrapped.X.LabelAngle);
        Assert.Contains(wrapped.X.Ticks, t => t.Lines.Count > 1);
        Assert.All(wrapped.X.Ticks.SelectMany(t => t.Lines), l => Assert.True(l.Length > 0));

        var rotated = ChartLayout.Compute(new Chart("r", [new BarSeries("s", [new(1), new(2), new(3), new(4), new(5), new(6), new(7), new(8), new(9), new(10)])])
        {
            X = new Axis { Categories = Enumerable.Range(0, 10).Select(i => $"Extraordinarily-long-district-name-{i}").ToList() },
        });
        Assert.Equal(-40, rotated.X.LabelAngle);
        Assert.True(rotated.Plot.Bottom < 540 - 150, "rotated labels need a taller bottom margin");
    }

    [Fact]
    public void ManySeries_LegendWrapsIntoRowsInsideTheWidth()
    {
        var layout = ChartLayout.Compute(SampleCharts.ManySeriesLongLabels());
        Assert.Equal(11, layout.Legend.Count);
        Assert.True(layout.Legend.Select(e => e.Y).Distinct().Count() >= 2);
        Assert.All(layout.Legend, e => Assert.True(e.X + 36 + (e.Label.Length * 14 * 0.5) <= 960));
        Assert.True(layout.SeriesDashed[8] && !layout.SeriesDashed[7]); // second palette cycle is drawn hollow
    }

    [Theory]
    [InlineData(LegendPlacement.Right, 3, LegendPlacement.Right)]
    [InlineData(LegendPlacement.Right, 30, LegendPlacement.Top)]
    [InlineData(LegendPlacement.Bottom, 5, LegendPlacement.Bottom)]
    [InlineData(LegendPlacement.Auto, 1, LegendPlacement.None)]
    [InlineData(LegendPlacement.Auto, 2, LegendPlacement.Top)]
    [InlineData(LegendPlacement.None, 4, LegendPlacement.None)]
    public void Legend_PlacementIsResolved_AndNeverOverlapsThePlot(LegendPlacement requested, int series, LegendPlacement expected)
    {
        var chart = new Chart("legend", Enumerable.Range(0, series)
            .Select(i => (ChartSeries)new LineSeries($"Series {i}", [new(0, i), new(1, i + 1)])).ToList())
        {
            Legend = requested,
            X = new Axis("x"),
        };
        var (doc, layout, _) = Render(chart);
        Assert.Equal(expected, layout.LegendPlacement);
        Assert.Equal(expected == LegendPlacement.None ? 0 : series, ByClass(doc, "legend-entry").Count);
        foreach (var e in layout.Legend)
        {
            double width = 36 + TextWidthUpperBound(e.Label);
            bool inside = e.X + width > layout.Plot.X && e.X < layout.Plot.Right && e.Y + 10 > layout.Plot.Y && e.Y - 10 < layout.Plot.Bottom + 40;
            Assert.False(inside, $"legend entry '{e.Label}' at ({e.X}, {e.Y}) overlaps the plot or the x labels");
            Assert.True(e.X >= 0 && e.X + width <= 960 + 1, $"legend entry '{e.Label}' leaves the picture");
            Assert.True(e.Y > 0 && e.Y < 540);
        }
    }

    private static double TextWidthUpperBound(string text) => text.Length * 14 * 0.62;

    [Fact]
    public void Bars_CountMismatch_ReportsEveryProblem()
    {
        var chart = new Chart("bad", [new BarSeries("a", [new(1), new(2)]), new BarSeries("b", [new(1)])])
        {
            X = new Axis { Categories = ["x", "y", "z"] },
        };
        var ex = Assert.Throws<ArgumentException>(() => Renderer.Render(chart));
        Assert.Contains("bar series 'a' has 2 values but the x axis has 3 categories", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bar series 'b' has 1 values but the x axis has 3 categories", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedSeriesKinds_AreRejected()
    {
        var chart = new Chart("mixed", [new LineSeries("l", [new(1, 1)]), new EcdfSeries("e", [1, 2])]);
        var ex = Assert.Throws<ArgumentException>(() => ChartLayout.Compute(chart));
        Assert.Contains("series kinds cannot be mixed in one chart: XY, Ecdf", ex.Message, StringComparison.Ordinal);
    }

    // ---- scatter and Pareto -------------------------------------------------------------------------------

    [Fact]
    public void Scatter_ParetoFrontAcrossSeries_IsMarkedAndRinged()
    {
        var (doc, layout, _) = Render(SampleCharts.Scatter());
        var expected = new HashSet<string> { "1-off, 24 units", "1-off, 20 units", "backup, 20 units", "backup, 18 units", "2-off, 12 pairs", "2-off, 8 pairs" };
        var chart = SampleCharts.Scatter();
        var onFront = layout.ParetoFront.Select(f => ((ScatterSeries)chart.Series[f.Series]).Points[f.Point].Label!).ToHashSet();
        Assert.Equal(expected, onFront);
        var marked = ByClass(doc, "point").Where(p => p.Attribute("data-pareto")?.Value == "true").ToList();
        Assert.Equal(6, marked.Count);
        Assert.Equal(6, ByClass(doc, "pareto-ring").Count);
        Assert.Equal(9, ByClass(doc, "point").Count);
        Assert.Equal(9, ByClass(doc, "point-label").Count);
        var xs = layout.ParetoFront.Select(f => ((ScatterSeries)chart.Series[f.Series]).Points[f.Point].X).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Contains(layout.Legend, e => e.Label == "Pareto front" && e.Symbol == LegendSymbol.Front);
    }

    [Fact]
    public void Scatter_LabelsOfNearbyPoints_DoNotOverlap()
    {
        var chart = new Chart("crowd", [new ScatterSeries("s", [new(1, 1, "first label"), new(1.02, 1.01, "second label"), new(1.01, 0.99, "third label"), new(5, 5, "far")])]);
        var (doc, _, _) = Render(chart);
        var boxes = ByClass(doc, "point-label").Select(t =>
        {
            double w = t.Value.Length * 13 * 0.5, x = D(t, "x"), y = D(t, "y");
            double left = t.Attribute("text-anchor")!.Value == "end" ? x - w : x;
            return (Left: left, Right: left + w, Top: y - 13, Bottom: y + 2);
        }).ToList();
        Assert.Equal(4, boxes.Count);
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                bool overlap = boxes[i].Left < boxes[j].Right && boxes[j].Left < boxes[i].Right && boxes[i].Top < boxes[j].Bottom && boxes[j].Top < boxes[i].Bottom;
                Assert.False(overlap, $"labels {i} and {j} overlap");
            }
        }
    }

    // ---- heatmap ------------------------------------------------------------------------------------------

    [Fact]
    public void Heatmap_CellsUseTheColourScale_WithEndpointsAtDataExtremes()
    {
        var chart = SampleCharts.Heatmap();
        var (doc, layout, _) = Render(chart);
        var h = (HeatmapSeries)chart.Series[0];
        var cells = ByClass(doc, "cell");
        Assert.Equal(h.XCategories.Count * h.YCategories.Count, cells.Count);
        double min = h.Values.SelectMany(r => r).Min(), max = h.Values.SelectMany(r => r).Max();
        var minCell = cells.Single(c => D(c, "data-value") == min);
        var maxCell = cells.Single(c => D(c, "data-value") == max);
        Assert.Equal("#440154", minCell.Attribute("fill")!.Value);
        Assert.Equal("#FDE725", maxCell.Attribute("fill")!.Value);
        var bar = ByClass(doc, "color-bar").Single();
        Assert.Equal(min, D(bar, "data-min"));
        Assert.Equal(max, D(bar, "data-max"));
        Assert.Equal("#440154", bar.Attribute("data-min-color")!.Value);

        // Cell positions follow the band scales: row 0 at the top.
        var first = cells.First(c => c.Attribute("data-x")!.Value == h.XCategories[2] && c.Attribute("data-y")!.Value == h.YCategories[3]);
        // Cells tile the plot: column k starts k cell widths right of column 0, row k k cell heights below row 0.
        var origin = cells.First(c => c.Attribute("data-x")!.Value == h.XCategories[0] && c.Attribute("data-y")!.Value == h.YCategories[0]);
        Assert.Equal(D(origin, "x") + (2 * D(origin, "width")), D(first, "x"), 1);
        Assert.Equal(D(origin, "y") + (3 * D(origin, "height")), D(first, "y"), 1);
        Assert.Equal(h.XCategories.Count * h.YCategories.Count, ByClass(doc, "cell-label").Count);
        Assert.True(layout.ColorBar!.Bar.X > layout.Plot.Right);
    }

    [Fact]
    public void Heatmap_Diverging_NaNCells_AndWrongShapeIsRejected()
    {
        var chart = new Chart("d", [new HeatmapSeries("diff", ["a", "b"], ["r"], [[-1, double.NaN]]) { Scale = ColorScaleKind.Diverging }]);
        var (doc, layout, _) = Render(chart);
        Assert.Equal(-1, layout.ColorBar!.Scale.Min);
        Assert.Equal(1, layout.ColorBar.Scale.Max);
        var cells = ByClass(doc, "cell");
        Assert.Equal("#2166AC", cells[0].Attribute("fill")!.Value);
        Assert.Equal("#D9D9D9", cells[1].Attribute("fill")!.Value);

        var bad = new Chart("bad", [new HeatmapSeries("h", ["a", "b"], ["r", "s"], [[1, 2], [3]])]);
        Assert.Contains("row 1 has 1 values but there are 2 x categories", Assert.Throws<ArgumentException>(() => ChartLayout.Compute(bad)).Message, StringComparison.Ordinal);
    }

    // ---- histogram and ECDF -------------------------------------------------------------------------------

    [Fact]
    public void Histogram_BinsMatchTheModule_AndTargetLineSitsOnTheScale()
    {
        var chart = new Chart("h", [new HistogramSeries("calls", [0.5, 1.2, 1.7, 2.2, 2.4, 2.6, 7.9, double.NaN]) { BinWidth = 1 }])
        {
            ReferenceLines = [new ReferenceLine(ReferenceAxis.X, 10, "Target")],
        };
        var (doc, layout, _) = Render(chart);
        var bins = ByClass(doc, "bin");
        Assert.Equal([1, 2, 3, 0, 0, 0, 0, 1], bins.Select(b => (int)D(b, "data-count")));
        var xTicks = DrawnTicks(doc, "x");
        Assert.InRange(D(bins[2], "x") - (OnTicks(xTicks, 2) + 0.5), -0.05, 0.05); // half a pixel of gap between bins
        Assert.InRange(D(bins[2], "y") - OnTicks(DrawnTicks(doc, "y"), 3), -0.05, 0.05);
        Assert.Equal(0, layout.Y.Linear!.DomainMin);
        var target = ByClass(doc, "reference-line").Single();
        Assert.InRange(D(target, "x1") - OnTicks(xTicks, 10), -0.05, 0.05);
        Assert.True(layout.X.Linear!.DomainMax >= 10, "the target is inside the x axis even beyond the data");
        Assert.Equal("Target", ByClass(doc, "reference-label").Single().Value);
        Assert.Equal("Count", ByClass(Axis(doc, "y"), "axis-title").Single().Value);
    }

    [Fact]
    public void Histogram_PercentScale_SumsToOneHundred()
    {
        var (doc, _, _) = Render(SampleCharts.Histogram());
        Assert.Equal(100, ByClass(doc, "bin").Sum(b => D(b, "data-y")), 6);
        Assert.Equal(800, ByClass(doc, "bin").Sum(b => D(b, "data-count")));
    }

    [Fact]
    public void Ecdf_PathStepsThroughTheCumulativeShares_AtHandComputedPixels()
    {
        var (doc, _, _) = Render(new Chart("e", [new EcdfSeries("a", [3, 1, 2, 2]), new EcdfSeries("b", [4, 5])]) { X = new Axis { Min = 0, Max = 6 } });
        Assert.Equal(0, D(Axis(doc, "y"), "data-min"));
        Assert.Equal(1, D(Axis(doc, "y"), "data-max"));
        var path = ByClass(Series(doc)[0], "ecdf").Single();
        Assert.Equal("3", path.Attribute("data-steps")!.Value);
        var moves = StepMoves().Matches(path.Attribute("d")!.Value).Select(m => (m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

        // By hand: the plot spans y 86 (top: 42 + legend row 30 + 14) to 498, so a share p sits at 498 − 412 p. The y
        // title "Cumulative share" (16 + 12) and the widest tick label "0.2" (1.4 em × 14 = 19.6) put the plot's left
        // edge at 16 + 28 + 19.6 + 8 + 6 = 77.6; its right edge is 930.52, so x ↦ 77.6 + x / 6 × 852.92.
        // Values 1, 2, 2, 3: shares 0.25, 0.75, 1 at x = 1, 2, 3; then on to the right edge.
        Assert.Equal(
        [
            ("H", 219.75), ("V", 395.0),
            ("H", 361.91), ("V", 189.0),
            ("H", 504.06), ("V", 86.0),
            ("H", 930.52),
        ], moves);
    }

    // ---- profiles -----------------------------------------------------------------------------------------

    [Fact]
    public void Profile24_PointsAtHourMidpoints_WithClockLabels()
    {
        var chart = SampleCharts.Profile24();
        var (doc, layout, _) = Render(chart);
        Assert.Equal(24, layout.ProfileHours);
        var points = ByClass(Series(doc)[0], "point");
        Assert.Equal(24, points.Count);
        Assert.InRange(D(points[7], "data-px") - OnTicks(DrawnTicks(doc, "x"), 7.5), -0.05, 0.05);
        Assert.Equal(((ProfileSeries)chart.Series[0]).Values[7], D(points[7], "data-y"));
        Assert.Equal(0, layout.X.Linear!.DomainMin);
        Assert.Equal(24, layout.X.Linear.DomainMax);
        Assert.Equal("00:00", layout.X.Ticks[0].Label);
        Assert.Equal("24:00", layout.X.Ticks[^1].Label);
        Assert.Single(ByClass(Series(doc)[0], "ci-band"));
        Assert.Equal("Hour of day", ByClass(Axis(doc, "x"), "axis-title").Single().Value);
    }

    [Fact]
    public void Profile24_LandsOnHandComputedPixels()
    {
        var (doc, _, _) = Render(new Chart("p", [new ProfileSeries("p", [.. Enumerable.Range(0, 24).Select(h => h % 10.0)])]) { Y = new Axis { Min = 0, Max = 10 } });

        // By hand: one series, no legend: top 16 + 20 + 6 + 14 = 56. Bottom: 540 − 16 − x title "Hour of day" (16 + 12)
        // − x labels (6 + 6 + 14) = 470. y 0..10 in steps of 2, widest label "10" = 15.68: left 16 + 15.68 + 8 + 6 = 45.68.
        // Right: half the "24:00" label (2.52 em × 14 = 35.28) + 4 = 21.64 from the edge: 938.36. Hour h ↦ 45.68 + h / 24
        // × 892.68; value v ↦ 470 − v / 10 × 414.
        var points = ByClass(Series(doc)[0], "point");
        Assert.Equal(324.64, D(points[7], "data-px"), 2); // hour 7 drawn at 7.5: 45.68 + 278.9625
        Assert.Equal(180.2, D(points[7], "data-py"), 2);  // 470 − 7 × 41.4
        Assert.Equal(470, D(points[10], "data-py"), 2);
        var xTicks = DrawnTicks(doc, "x");
        Assert.Equal((0.0, 45.68), xTicks[0]);
        Assert.Equal((24.0, 938.36), xTicks[^1]);
    }

    [Fact]
    public void Profile168_HasDayNamesAndSeparators_StartingOnTheGivenDay()
    {
        var (doc, layout, _) = Render(SampleCharts.Profile168());
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], layout.X.Ticks.Select(t => t.Label));
        // Each day's label sits halfway between the separators around it.
        var separators = ByClass(doc, "day-separator").Select(l => D(l, "x1")).ToList();
        var labels = ByClass(Axis(doc, "x"), "tick").Select(t => D(t.Element(Svg + "text")!, "x")).ToList();
        for (int d = 1; d < 6; d++)
        {
            Assert.Equal((separators[d - 1] + separators[d]) / 2, labels[d], 1);
        }
        Assert.Equal(6, ByClass(doc, "day-separator").Count);
        Assert.Equal(8, ByClass(doc, "day-tick").Count);

        var sunday = new Chart("s", [new ProfileSeries("p", new double[168]) { FirstDay = DayOfWeek.Sunday }]);
        Assert.Equal("Sun", ChartLayout.Compute(sunday).X.Ticks[0].Label);
        Assert.Equal("Sat", ChartLayout.Compute(sunday).X.Ticks[6].Label);
    }

    [Fact]
    public void Profile_WrongLength_IsRejectedWithTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChartLayout.Compute(new Chart("p", [new ProfileSeries("p", new double[25])])));
        Assert.Contains("profile 'p' has 25 values: use 24 (hour of day) or 168 (hour of week)", ex.Message, StringComparison.Ordinal);
    }

    // ---- text ---------------------------------------------------------------------------------------------

    [Fact]
    public void Text_IsEscaped_AndRoundTripsThroughAnXmlParser()
    {
        const string Nasty = "Response <P1> & \"backup\" 'rules'";
        var chart = new Chart(Nasty, [new ScatterSeries("A&B <c>", [new(1, 2, "x<y & \"z\"")])])
        {
            Subtitle = "1 < 2 & 3 > 2",
            X = new Axis("a<b", "m&s"),
            ReferenceLines = [new ReferenceLine(ReferenceAxis.Y, 2, "<target>")],
        };
        var (doc, _, text) = Render(chart);
        Assert.Equal(Nasty, doc.Root!.Element(Svg + "title")!.Value);
        Assert.Equal(Nasty, ByClass(doc, "title").Single().Value);
        Assert.Equal("1 < 2 & 3 > 2", ByClass(doc, "subtitle").Single().Value);
        Assert.Equal("A&B <c>", Series(doc).Single().Attribute("data-series")!.Value);
        Assert.Equal("x<y & \"z\"", ByClass(doc, "point-label").Single().Value);
        Assert.Equal("a<b (m&s)", ByClass(Axis(doc, "x"), "axis-title").Single().Value);
        Assert.Equal("<target>", ByClass(doc, "reference-label").Single().Value);
        Assert.DoesNotContain("<P1>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_DropsCharactersXmlCannotHold()
    {
        Assert.Equal("ab", SvgChartRenderer.Escape("a\u0001b"));
        Assert.Equal("&lt;&amp;&quot;&apos;&gt;", SvgChartRenderer.Escape("<&\"'>"));
        Assert.Equal("\U0001F693", SvgChartRenderer.Escape("\U0001F693"));
    }

    [Fact]
    public void ChartsWithTheSameTitle_ShareAnId_AndAnExplicitIdIsSanitised()
    {
        // FNV-1a 32 of "a" is 0xe40c292c (the published test vector); one more step over the separator U+0001 gives
        // (0xe40c292c ^ 1) × 16777619 mod 2^32 = 0x2c24d1d7.
        Assert.Equal("chart-2c24d1d7", ChartLayout.Compute(new Chart("a", [])).Id);
        Assert.NotEqual(ChartLayout.Compute(SampleCharts.Line()).Id, ChartLayout.Compute(SampleCharts.Bars()).Id);
        Assert.Equal("c1run_a", ChartLayout.Compute(new Chart("t", []) { Id = "1 run_a\"" }).Id); // only letters, digits, - and _ survive
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"([HV])(-?\d+(?:\.\d+)?)")]
    private static partial Regex StepMoves();
}
