using System.Xml.Linq;
using PatrolSim.Reports.Charts;
using SkiaSharp;

namespace PatrolSim.Reports.Tests.Charts;

public class ScottPlotChartRendererTests
{
    private static readonly XNamespace Svg = ScottPlotChartRenderer.SvgNamespace;

    public static TheoryData<string> Samples() => [.. SampleCharts.All().Select(s => s.Name)];

    private static Chart Sample(string name) => SampleCharts.All().Single(s => s.Name == name).Chart;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_GivesStandaloneSvgOfTheChartSize_WithTitleAndTheSameBytesTwice(string name)
    {
        var chart = Sample(name);
        var renderer = new ScottPlotChartRenderer();
        string svg = renderer.Render(chart);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("960", (string?)root.Attribute("width"));
        Assert.Equal("540", (string?)root.Attribute("height"));
        Assert.Equal("0 0 960 540", (string?)root.Attribute("viewBox"));
        Assert.Equal(chart.Title, root.Element(Svg + "title")!.Value);
        Assert.Equal(svg, renderer.Render(chart));
        Assert.DoesNotContain("xlink", svg, StringComparison.Ordinal); // inlines in HTML as is
        Assert.True(svg.Split("<image").Length <= 2); // vector cells; at most the colour bar's gradient is a (data: URI) image
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Png_IsSlideSized_HasInkInThePlotArea_AndNothingTouchesTheCanvasEdge(string name)
    {
        var chart = Sample(name);
        using var bitmap = SKBitmap.Decode(ScottPlotChartRenderer.RenderPng(chart));
        Assert.Equal(1600, bitmap.Width);
        Assert.Equal(900, bitmap.Height);

        // A legend, title or label cut off at the edge leaves ink in the outermost pixels.
        Assert.Equal(0, Ink(bitmap, new SKRectI(0, 0, bitmap.Width, 3)));
        Assert.Equal(0, Ink(bitmap, new SKRectI(0, bitmap.Height - 3, bitmap.Width, bitmap.Height)));
        Assert.Equal(0, Ink(bitmap, new SKRectI(0, 0, 3, bitmap.Height)));
        Assert.Equal(0, Ink(bitmap, new SKRectI(bitmap.Width - 3, 0, bitmap.Width, bitmap.Height)));

        if (name != "empty")
        {
            using var drawn = ScottPlotChartRenderer.Draw(chart);
            var d = drawn.Plot.RenderManager.LastRender.DataRect;
            double k = 1600.0 / 960;
            var plotArea = new SKRectI((int)(d.Left * k) + 3, (int)(d.Top * k) + 3, (int)(d.Right * k) - 3, (int)(d.Bottom * k) - 3);
            double share = Ink(bitmap, plotArea) / (double)(plotArea.Width * plotArea.Height);
            Assert.InRange(share, 0.005, 0.98);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DirectLabels_LieInsideThePlotArea_AndNeverOverlap(string name)
    {
        using var drawn = ScottPlotChartRenderer.Draw(Sample(name));
        var data = drawn.Plot.RenderManager.LastRender.DataRect;
        var boxes = drawn.Labels.Select(t => t.LabelStyle.LastRenderPixelRect).ToArray();
        Assert.All(boxes, b => Assert.True(
            b.Left >= data.Left && b.Right <= data.Right && b.Top >= data.Top && b.Bottom <= data.Bottom,
            $"label box {b} leaves the plot area {data}"));
        for (int i = 0; i < boxes.Length; i++)
        {
            for (int j = i + 1; j < boxes.Length; j++)
            {
                Assert.False(LabelPlacer.Overlaps(boxes[i], boxes[j]), $"labels {i} and {j} overlap: {boxes[i]} and {boxes[j]}");
            }
        }
    }

    [Fact]
    public void NinePolicyTradeOff_LabelsEveryFrontPointAndListsEveryPolicyInTheLegend()
    {
        var chart = SampleCharts.NinePolicyTradeOff();
        using var drawn = ScottPlotChartRenderer.Draw(chart);
        Assert.Equal(["#0", "#3", "#24", "#25", "#26"], drawn.Labels.Select(t => t.LabelText).Order(StringComparer.Ordinal).ToArray().OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal));
        var legend = drawn.Plot.Legend.GetItems().Select(i => i.LabelText).ToArray();
        Assert.Equal(chart.Series.Select(s => s.Name).Append("Pareto front"), legend);

        // Colour and marker together tell the nine policies apart, although the palette has eight colours.
        var looks = Enumerable.Range(0, 9).Select(i => (Palette.Color(i), ScottPlotChartRenderer.ShapeOf(MarkerShape.Auto, i, auto: true))).ToArray();
        Assert.Equal(9, looks.Distinct().Count());
        Assert.Equal(9, looks.Select(l => l.Item2).Distinct().Count());

        var texts = XDocument.Parse(new ScottPlotChartRenderer().Render(chart)).Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();
        Assert.All(chart.Series, s => Assert.Contains(s.Name, texts));
        Assert.Contains(texts, t => t.EndsWith("(table below)", StringComparison.Ordinal)); // the subtitle wraps instead of being clipped
    }

    [Fact]
    public void Heatmap_DrawsOneCellPerValue_WithTheValueWritten()
    {
        var chart = SampleCharts.DivergingHeatmap();
        var h = (HeatmapSeries)chart.Series[0];
        using var drawn = ScottPlotChartRenderer.Draw(chart);
        Assert.Equal(h.XCategories.Count * h.YCategories.Count, drawn.Plot.GetPlottables<ScottPlot.Plottables.Rectangle>().Count());
        var texts = drawn.Plot.GetPlottables<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToArray();
        Assert.Equal(h.Values.SelectMany(r => r).Count(v => !double.IsNaN(v)), texts.Length);
        Assert.Contains(ScottPlotChartRenderer.FormatValue(h.Values[0][0], null), texts);
    }

    [Fact]
    public void FixedAxisEnds_AreKept()
    {
        using var drawn = ScottPlotChartRenderer.Draw(SampleCharts.ManySeriesLongLabels());
        var limits = drawn.Plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        Assert.Equal(1, limits.Top);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var bad = new Chart("bad", [new BarSeries("b", [new(1)]), new ProfileSeries("p", new double[25])]) { Width = 100 };
        var ex = Assert.Throws<ArgumentException>(() => new ScottPlotChartRenderer().Render(bad));
        Assert.Contains("chart size 100×540 is too small: use at least 200×150 pixels", ex.Message, StringComparison.Ordinal);
        Assert.Contains("series kinds cannot be mixed in one chart: Bars, Profile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bar series 'b' has 1 values but the x axis has 0 categories", ex.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'p' has 25 values: use 24 (hour of day) or 168 (hour of week)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_AreStableAndScopedToTheChart()
    {
        Assert.Equal("chart-2c24d1d7", ChartChecks.IdOf(new Chart("a", [])));
        Assert.Equal("c1run_a", ChartChecks.IdOf(new Chart("t", []) { Id = "1 run_a\"" })); // only letters, digits, - and _ survive
        string svg = new ScottPlotChartRenderer().Render(SampleCharts.Line() with { Id = "one" });
        Assert.Contains("clip-path=\"url(#one-", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_EscapesMarkupAndDropsControlCharacters()
    {
        Assert.Equal("ab", ScottPlotChartRenderer.Escape("a\u0001b"));
        Assert.Equal("&lt;&amp;&quot;&apos;&gt;", ScottPlotChartRenderer.Escape("<&\"'>"));
        Assert.Equal("\U0001F693", ScottPlotChartRenderer.Escape("\U0001F693"));
    }

    /// <summary>Pixels in <paramref name="r"/> that are not (near) white.</summary>
    internal static int Ink(SKBitmap bitmap, SKRectI r)
    {
        int ink = 0;
        for (int y = Math.Max(0, r.Top); y < Math.Min(bitmap.Height, r.Bottom); y++)
        {
            for (int x = Math.Max(0, r.Left); x < Math.Min(bitmap.Width, r.Right); x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235)
                {
                    ink++;
                }
            }
        }

        return ink;
    }

    [Fact]
    public void RightLegend_InSvg_IsClippedAtTheCanvasEdge_NotAtTheBoxMeasuredInDejaVuSans()
    {
        // A browser without DejaVu Sans draws the wider fallback (Verdana); text clipped to the measured box lost its end.
        var chart = SampleCharts.NinePolicyTradeOff() with { Legend = LegendPlacement.Right };
        var root = XDocument.Parse(new ScottPlotChartRenderer().Render(chart)).Root!;
        var legendClip = root.Descendants(Svg + "clipPath").Last().Element(Svg + "rect")!;
        double x = (double)legendClip.Attribute("x")!, width = (double)legendClip.Attribute("width")!;
        Assert.Equal(960, x + width, 3);
        using var drawn = ScottPlotChartRenderer.Draw(chart);
        Assert.True(x > drawn.Plot.RenderManager.LastRender.DataRect.Right, "the last clip path is the right-hand legend's, beside the plot");
    }
}
