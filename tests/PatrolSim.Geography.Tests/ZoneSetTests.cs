using MathNet.Numerics.Distributions;
using PatrolSim.Engine.Random;
using static PatrolSim.Geography.Tests.GeoJsonText;

namespace PatrolSim.Geography.Tests;

public class ZoneSetTests
{
    /// <summary>
    /// A hand-drawn layout (km; the file holds metres):
    /// <code>
    ///  4 ┌───C───┬───D───┐                      ┌───────P───────┐
    ///  3 │       │       ├─F─┐                  │   ┌───Q───┐   │
    ///  2 ├───────┼───────┤   │                  │   │       │   │
    ///  1 │   A   │   B   ├───┘   ┌─E─┐          │   └───────┘   │
    ///  0 └───────┴───────┘       └───┘          └───────────────┘
    ///    0       2       4   5   6   7          8   9      11  12
    /// </code>
    /// A–D meet only at the corner (2, 2); F meets B along x = 4, y 1..2 and D along y 2..3; E is an island;
    /// Q fills P's hole.
    /// </summary>
    private static readonly string Layout = Collection(
        Zone("A", BoxPolygon(0, 0, 2, 2), 2, "west"),
        Zone("B", BoxPolygon(2, 0, 4, 2), district: "west"),
        Zone("C", BoxPolygon(0, 2, 2, 4), district: "west"),
        Zone("D", BoxPolygon(2, 2, 4, 4), district: "west"),
        Zone("E", BoxPolygon(6, 0, 7, 1), 0.5, "east"),
        Zone("F", BoxPolygon(4, 1, 5, 3), district: "east"),
        Zone("P", Polygon(Box(8000, 0, 12000, 4000), Box(9000, 1000, 11000, 3000)), district: "park"),
        Zone("Q", BoxPolygon(9, 1, 11, 3), district: "park"));

    private static readonly ZoneSet Zones = Read(Layout);

    [Theory]
    [InlineData("A", new[] { "B", "C" })]
    [InlineData("B", new[] { "A", "D", "F" })]
    [InlineData("C", new[] { "A", "D" })]
    [InlineData("D", new[] { "B", "C", "F" })]
    [InlineData("E", new string[0])]
    [InlineData("F", new[] { "B", "D" })]
    [InlineData("P", new[] { "Q" })]
    [InlineData("Q", new[] { "P" })]
    public void Neighbours_HandDrawnLayout_ShareABoundaryNotJustAPoint(string zone, string[] expected)
    {
        var ids = Zones.Neighbours(Zones.IndexOf(zone)).ToArray().Select(i => Zones.Ids[i]);
        Assert.Equal(expected, ids);
    }

    [Theory]
    // Boundaries within 5 m of each other along at least 25 m make neighbours. R = [0, 1]² and S = [1, 2] × [1 − s, 2]
    // share s of the line x = 1; S's boundary also runs within 5 m of R's for 5 m past each end (up x = 1 beyond R's
    // corner, and along S's bottom edge), so what is measured is s + 10 m.
    [InlineData(0.010, false)] // 10 m shared: 20 m measured
    [InlineData(0.020, true)]  // 20 m shared: 30 m measured
    public void Neighbours_ShortSharedBoundary_CountsFrom25MetresMeasured(double sharedKm, bool neighbours)
    {
        var zones = Read(Collection(Zone("R", BoxPolygon(0, 0, 1, 1)), Zone("S", BoxPolygon(1, 1 - sharedKm, 2, 2))));
        Assert.Equal(neighbours ? [1] : [], zones.Neighbours(0).ToArray());
    }

    [Theory]
    [InlineData(0.002, true)]  // a 2 m gap along a 1 km boundary (digitising slop): neighbours
    [InlineData(0.050, false)] // a 50 m gap (a river, a road left out): not
    public void Neighbours_GapBetweenBoundaries_SnappedWithin5Metres(double gapKm, bool neighbours)
    {
        var zones = Read(Collection(Zone("R", BoxPolygon(0, 0, 1, 1)), Zone("S", BoxPolygon(1 + gapKm, 0, 2, 1))));
        Assert.Equal(neighbours ? [1] : [], zones.Neighbours(0).ToArray());
        Assert.Equal(neighbours ? [0] : [], zones.Neighbours(1).ToArray());
    }

    [Fact]
    public void Geometry_AreaCentroidBoundsOfHandDrawnZones()
    {
        Assert.Equal(8, Zones.Count);
        Assert.Equal(12, Zones.WidthKm, 1e-12);
        Assert.Equal(4, Zones.HeightKm, 1e-12);
        Assert.Null(Zones.Projection); // metres in, metres kept
        int a = Zones.IndexOf("A"), e = Zones.IndexOf("E"), p = Zones.IndexOf("P");
        Assert.Equal(4, Zones.AreaKm2(a), 1e-12);
        Assert.Equal((1.0, 1.0), Zones.Centroid(a));
        Assert.Equal(16 - 4, Zones.AreaKm2(p), 1e-12);         // the hole is not P's
        Assert.Equal((10.0, 2.0), Zones.Centroid(p));
        Assert.Equal(new BoxKm(6, 0, 7, 1), Zones.Bounds(e));
        Assert.Equal(-1, Zones.IndexOf("Z"));
    }

    [Fact]
    public void WeightsAndDistricts_AsTheFileSays_WeightOneWhenAbsent()
    {
        Assert.Equal([2.0, 1, 1, 1, 0.5, 1, 1, 1], Enumerable.Range(0, Zones.Count).Select(Zones.Weight));
        Assert.Equal(["west", "east", "park"], Zones.Districts);
        Assert.Equal([0, 0, 0, 0, 1, 1, 2, 2], Enumerable.Range(0, Zones.Count).Select(Zones.DistrictOf));
    }

    [Theory]
    [InlineData(1.0, 1.0, "A")]
    [InlineData(3.9, 0.1, "B")]
    [InlineData(4.5, 2.9, "F")]
    [InlineData(6.5, 0.5, "E")]
    [InlineData(10.0, 2.0, "Q")]   // in P's hole, which Q fills
    [InlineData(8.5, 3.5, "P")]
    [InlineData(5.5, 0.5, null)]   // between zones
    [InlineData(4.5, 0.5, null)]   // inside the box of all zones, in no zone
    [InlineData(-0.1, 1.0, null)]  // outside the box
    [InlineData(12.5, 1.0, null)]
    [InlineData(double.NaN, 1.0, null)]
    public void Locate_GivenPoints_ZoneOrMinusOne(double x, double y, string? expected) =>
        Assert.Equal(expected is null ? -1 : Zones.IndexOf(expected), Zones.Locate(x, y));

    [Fact]
    public void Locate_OnASharedBoundary_OneOfTheTwoZones()
    {
        int found = Zones.Locate(2.0, 1.0);
        Assert.Contains(Zones.Ids[found], new[] { "A", "B" });
        Assert.Equal(found, Zones.Locate(2.0, 1.0)); // and always the same one
    }

    [Fact]
    public void Locate_EveryPointOfAFineGrid_AgreesWithTheBoxesDrawn()
    {
        // Independent oracle: the boxes of the drawing, tested directly (points off every boundary).
        (string Id, double X0, double Y0, double X1, double Y1)[] boxes =
            [("A", 0, 0, 2, 2), ("B", 2, 0, 4, 2), ("C", 0, 2, 2, 4), ("D", 2, 2, 4, 4), ("E", 6, 0, 7, 1), ("F", 4, 1, 5, 3), ("Q", 9, 1, 11, 3), ("P", 8, 0, 12, 4)];
        for (double x = 0.0125; x < 12; x += 0.025)
        {
            for (double y = 0.0125; y < 4; y += 0.025)
            {
                var hit = boxes.FirstOrDefault(b => x > b.X0 && x < b.X1 && y > b.Y0 && y < b.Y1);
                Assert.Equal(hit.Id is null ? -1 : Zones.IndexOf(hit.Id), Zones.Locate(x, y));
            }
        }
    }

    /// <summary>
    /// The square [0, 4]² km less the hole [1, 2.5] × [1, 3]: of its 16 unit cells, (1, 1) and (1, 2) lie in the hole,
    /// (2, 1) and (2, 2) are half in it, the other 12 are whole. Area 16 − 1.5 × 2 = 13 km².
    /// </summary>
    private static readonly ZoneSet SquareWithHole = Read(Collection(Zone("H", Polygon(Box(0, 0, 4000, 4000), Box(1000, 1000, 2500, 3000)))));

    private static double CellArea(int i, int j) => i == 1 && j is 1 or 2 ? 0 : i == 2 && j is 1 or 2 ? 0.5 : 1;

    /// <summary>χ² of counts per unit cell against the cells' area shares, over the 14 cells with area (13 degrees of freedom).</summary>
    private static double ChiSquareOverCells(Func<(double X, double Y)> draw, int draws)
    {
        var counts = new int[4, 4];
        for (int k = 0; k < draws; k++)
        {
            var (x, y) = draw();
            counts[Math.Min((int)x, 3), Math.Min((int)y, 3)]++;
        }

        double chi2 = 0;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double expected = draws * CellArea(i, j) / 13;
                if (expected == 0)
                {
                    Assert.Equal(0, counts[i, j]); // nothing in the hole
                    continue;
                }

                chi2 += (counts[i, j] - expected) * (counts[i, j] - expected) / expected;
            }
        }

        return chi2;
    }

    [Fact]
    public void SamplePoint_SquareWithAHole_CountsPerSquareKilometreMatchAreaShares_ChiSquare()
    {
        Assert.Equal(13, SquareWithHole.AreaKm2(0), 1e-12);
        var rng = new Xoshiro256(20240522);
        double chi2 = ChiSquareOverCells(() => SquareWithHole.SamplePoint(0, rng), 130_000);
        double critical = ChiSquared.InvCDF(13, 0.999);
        Assert.True(chi2 < critical, $"χ² = {chi2:F1}, critical {critical:F1}");
    }

    [Fact]
    public void PointInTriangle_TrianglesPickedUniformlyInsteadOfByArea_FailsTheSameChiSquare()
    {
        // The test above can fail: choosing a triangle without regard to its area (a wrong sampler) is caught.
        var sampler = SquareWithHole.Sampler;
        int triangles = sampler.TriangleCount(0);
        var rng = new Xoshiro256(20240522);
        double chi2 = ChiSquareOverCells(() => sampler.PointInTriangle(sampler.FirstTriangle(0) + rng.NextInt(triangles), rng.NextDouble(), rng.NextDouble()), 130_000);
        Assert.True(chi2 > ChiSquared.InvCDF(13, 0.999), $"χ² = {chi2:F1}: the wrong sampler went unnoticed");
    }

    public static TheoryData<string, double> TrickyValidShapes => new()
    {
        // A triangular hole touching the shell at (0, 2): 16 − ½ · 1 · 1.
        { Polygon(Box(0, 0, 4000, 4000), [(0, 2000), (1000, 1500), (1000, 2500)]), 15.5 },
        // Two triangular holes touching each other at (2, 2): 16 − 2 · ½.
        { Polygon(Box(0, 0, 4000, 4000), [(1000, 1000), (2000, 1000), (2000, 2000)], [(2000, 2000), (3000, 2000), (3000, 3000)]), 15 },
        // Two parts touching at a corner.
        { MultiPolygon([Box(0, 0, 1000, 1000)], [Box(1000, 1000, 2000, 2000)]), 2 },
        // A concave arrowhead: 16 − ½ · 4 · 2.
        { Polygon([(0, 0), (4000, 0), (4000, 4000), (2000, 2000), (0, 4000)]), 12 },
    };

    [Theory]
    [MemberData(nameof(TrickyValidShapes))]
    public void SamplePoint_TrickyValidShapes_TriangulatedWhole_PointsInside(string geometry, double areaKm2)
    {
        var zones = Read(Collection(Zone("T", geometry)));
        Assert.Equal(areaKm2, zones.AreaKm2(0), 1e-12); // and the triangulation sums to it (checked when built)
        AssertSampledPointsLieInTheirZones(zones, seed: 5, perZone: 2000);
    }

    [Fact]
    public void SamplePoint_MultiPolygon_PartsDrawnInProportionToArea_ChiSquare()
    {
        // An island of 1 km² and a mainland of 3 km²: a quarter of the points on the island.
        var zones = Read(Collection(Zone("M", MultiPolygon([Box(0, 0, 1000, 1000)], [Box(2000, 0, 5000, 1000)]))));
        Assert.Equal(4, zones.AreaKm2(0), 1e-12);
        Assert.Equal((2.75, 0.5), zones.Centroid(0));
        const int Draws = 40_000;
        var rng = new Xoshiro256(7);
        int island = 0;
        for (int k = 0; k < Draws; k++)
        {
            var (x, y) = zones.SamplePoint(0, rng);
            Assert.True(y is >= 0 and <= 1 && (x is >= 0 and <= 1 || x is >= 2 and <= 5), $"({x}, {y}) is outside the zone");
            island += x <= 1 ? 1 : 0;
        }

        double e1 = Draws * 0.25, e2 = Draws * 0.75;
        double chi2 = ((island - e1) * (island - e1) / e1) + ((Draws - island - e2) * (Draws - island - e2) / e2);
        Assert.True(chi2 < ChiSquared.InvCDF(1, 0.999), $"χ² = {chi2:F2}: {island} of {Draws} on the island");
    }

    [Fact]
    public void PointFromUniforms_IsSamplePointWithTheStreamsDraws_AndCornersMapToVertices()
    {
        var a = new Xoshiro256(3);
        var b = new Xoshiro256(3);
        for (int k = 0; k < 100; k++)
        {
            int zone = k % Zones.Count;
            Assert.Equal(Zones.SamplePoint(zone, a), Zones.PointFromUniforms(zone, b.NextDouble(), b.NextDouble(), b.NextDouble()));
        }

        // u1 = u2 = 0 is a triangle's first corner: a vertex of the zone E = [6, 7] × [0, 1].
        var (x, y) = Zones.PointFromUniforms(Zones.IndexOf("E"), 0, 0, 0);
        Assert.Contains(x, new[] { 6.0, 7.0 });
        Assert.Contains(y, new[] { 0.0, 1.0 });
    }

    [Fact]
    public void SamplePoint_EveryDraw_LiesInItsZone() => AssertSampledPointsLieInTheirZones(Zones, seed: 11, perZone: 2000);

    /// <summary>Every sampled point is located in its zone (or, on a shared boundary, in a neighbour).</summary>
    internal static void AssertSampledPointsLieInTheirZones(ZoneSet zones, ulong seed, int perZone)
    {
        var rng = new Xoshiro256(seed);
        for (int zone = 0; zone < zones.Count; zone++)
        {
            for (int k = 0; k < perZone; k++)
            {
                var (x, y) = zones.SamplePoint(zone, rng);
                int found = zones.Locate(x, y);
                Assert.True(found == zone || zones.Neighbours(zone).Contains(found), $"{zones.Ids[zone]}: ({x}, {y}) located in {found}");
            }
        }
    }

    [Fact]
    public void Shape_IsACopyInTheKmFrame()
    {
        var shape = Zones.Shape(Zones.IndexOf("P"));
        Assert.Equal(12, shape.Area, 1e-12);
        shape.Coordinates[0].X = 99;
        Assert.Equal(12, Zones.Shape(Zones.IndexOf("P")).Area, 1e-12);
    }

    [Fact]
    public void Create_ProgrammingErrors_Guarded()
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var box = factory.ToGeometry(new NetTopologySuite.Geometries.Envelope(0, 1000, 0, 1000));
        Assert.Throws<ArgumentException>(() => ZoneSet.Create([]));
        Assert.Throws<ArgumentException>(() => ZoneSet.Create([new ZoneShape("A", box, -1, null)]));
        Assert.Throws<ArgumentException>(() => ZoneSet.Create([new ZoneShape("A", box, 1, null), new ZoneShape("A", box, 1, null)]));
        Assert.Throws<ArgumentException>(() => ZoneSet.Create([new ZoneShape("A", factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(1, 1)), 1, null)]));
        var zones = ZoneSet.Create([new ZoneShape("A", box, 1, null)]);
        Assert.Equal((1.0, 1.0), (zones.WidthKm, zones.HeightKm));
        Assert.Empty(zones.Districts);
        Assert.Equal(-1, zones.DistrictOf(0));
    }
}
