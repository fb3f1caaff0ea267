using System.Xml.Linq;
using NetTopologySuite.Geometries;
using PatrolSim.Geography;
using PatrolSim.Model.Definition;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Tests.Html;

namespace PatrolSim.Reports.Tests.Charts;

/// <summary>Zone outlines and the zone map: rectangles and real shapes (holes kept), labels inside, checked input.</summary>
public class ZoneMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void RectangleCity_OutlinesAreItsBeatsClosedRings_LabelledAtTheirCentres()
    {
        var city = new City(6, 4, [new Zone("a", 0, 0, 3, 4, 1), new Zone("b", 3, 0, 3, 4, 1) { District = "east" }]);
        var outlines = ZoneOutline.Of(city);
        Assert.Equal(["a", "b"], outlines.Select(o => o.Id));
        Assert.Equal([(3.0, 0.0), (6.0, 0.0), (6.0, 4.0), (3.0, 4.0), (3.0, 0.0)], outlines[1].Polygons.Single().Single());
        Assert.Equal((4.5, 2.0), outlines[1].Label);
        Assert.Equal("east", outlines[1].District);
    }

    [Fact]
    public void ShapedZone_KeepsItsHole_AndItsLabelLiesInsideTheZoneNotInTheHole()
    {
        var f = new GeometryFactory();
        var shell = f.CreateLinearRing([new(0, 0), new(4000, 0), new(4000, 4000), new(0, 4000), new(0, 0)]);
        var hole = f.CreateLinearRing([new(1000, 1000), new(3000, 1000), new(3000, 3000), new(1000, 3000), new(1000, 1000)]);
        var set = ZoneSet.Create([new ZoneShape("ring", f.CreatePolygon(shell, [hole]), 1, null)]);
        var b = set.Bounds(0);
        var city = new City(set.WidthKm, set.HeightKm, [new Zone("ring", b.MinX, b.MinY, b.Width, b.Height, 1)]) { Shapes = set };

        var outline = Assert.Single(ZoneOutline.Of(city));
        var rings = Assert.Single(outline.Polygons);
        Assert.Equal(2, rings.Count);
        Assert.All(rings, r => Assert.Equal(r[0], r[^1]));
        Assert.Equal(0, set.Locate(outline.Label.X, outline.Label.Y));
    }

    [Fact]
    public void Map_DrawsEveryAreaWithItsLabelAndValue_AndAColourBar()
    {
        (double, double)[] Square(double x) => [(x, 0), (x + 1, 0), (x + 1, 1), (x, 1), (x, 0)];
        var chart = new Chart("Mean response by zone", [new ZoneMapSeries("Mean response (min)",
        [
            new MapArea("north", [[Square(0)]], (0.5, 0.5), 4.25),
            new MapArea("south", [[Square(1)]], (1.5, 0.5), double.NaN),
        ]) { ValueFormat = "0.0" }]);
        var texts = XDocument.Parse(new ScottPlotChartRenderer().Render(chart)).Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains(texts, t => t.Contains("north", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("4.3", StringComparison.Ordinal) || t.Contains("4.2", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("–", StringComparison.Ordinal));
        Assert.Contains("Mean response (min)", texts);
    }

    [Fact]
    public void Map_WithAnOpenRing_IsRefused_NamingTheArea()
    {
        var chart = new Chart("bad", [new ZoneMapSeries("v", [new MapArea("b7", [[[(0, 0), (1, 0), (1, 1)]]], (0.5, 0.5), 1)])]);
        var ex = Assert.Throws<ArgumentException>(() => new ScottPlotChartRenderer().Render(chart));
        Assert.Contains("map 'v' area 'b7' has an empty polygon or a ring of fewer than 4 points", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunReport_OfAMultiZoneCity_HasTheZoneMapsAndTable()
    {
        var html = PatrolSim.Reports.Html.RunReport.Build(ReportFixtures.Tiny, new PatrolSim.Reports.Html.HourlyProfile(), "patrolsim test", "midsize-baseline.yaml").ToHtml();
        Assert.Contains("Results by zone", html, StringComparison.Ordinal);
        Assert.Contains("Mean response by zone", html, StringComparison.Ordinal);
        Assert.Contains("Officer-minutes alone at risky calls by zone", html, StringComparison.Ordinal);
        Assert.Contains("By zone, then by district: mean [95% CI]", html, StringComparison.Ordinal);
    }
}
