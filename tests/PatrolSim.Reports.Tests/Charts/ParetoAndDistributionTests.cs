using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Tests.Charts;

public class ParetoFrontTests
{
    // A(1,5) B(2,3) C(3,4) D(4,1) E(2,3) F(5,1) G(NaN,0)
    private static readonly (double X, double Y)[] Points =
        [(1, 5), (2, 3), (3, 4), (4, 1), (2, 3), (5, 1), (double.NaN, 0)];

    [Fact]
    public void MinimiseBoth_KeepsNonDominatedAndTies_OrderedByX()
    {
        // C is dominated by B, F by D (same y, larger x); B and E are equal and both kept; G has NaN.
        Assert.Equal([0, 1, 4, 3], ParetoFront.Compute(Points, Objective.Minimise, Objective.Minimise));
    }

    [Fact]
    public void MaximiseBoth_KeepsTheUpperRightCorner()
    {
        // B is dominated by C, D by F; A, C, F trade off.
        Assert.Equal([0, 2, 5], ParetoFront.Compute(Points, Objective.Maximise, Objective.Maximise));
    }

    [Fact]
    public void MinimiseXMaximiseY_SinglePointDominatesAll()
    {
        Assert.Equal([0], ParetoFront.Compute(Points, Objective.Minimise, Objective.Maximise));
    }

    [Fact]
    public void Empty_GivesEmptyFront() => Assert.Empty(ParetoFront.Compute([], Objective.Minimise, Objective.Minimise));

    [Fact]
    public void RandomSets_NoFrontPointIsDominated_AndEveryOtherPointIs()
    {
        var rng = new Random(77);
        for (int trial = 0; trial < 200; trial++)
        {
            var pts = Enumerable.Range(0, rng.Next(1, 40)).Select(_ => ((double)rng.Next(0, 12), (double)rng.Next(0, 12))).ToArray();
            var front = ParetoFront.Compute(pts, Objective.Minimise, Objective.Maximise).ToHashSet();
            bool Dominates(int a, int b) => pts[a].Item1 <= pts[b].Item1 && pts[a].Item2 >= pts[b].Item2 && pts[a] != pts[b];
            for (int i = 0; i < pts.Length; i++)
            {
                bool dominated = Enumerable.Range(0, pts.Length).Any(j => Dominates(j, i));
                Assert.Equal(!dominated, front.Contains(i));
            }
        }
    }
}

public class HistogramTests
{
    [Fact]
    public void Compute_GivenWidth_CountsHalfOpenBins_AndSkipsNaN()
    {
        double[] values = [0, 0.5, 1, 1.5, 2, 2, 9.99, double.NaN, double.PositiveInfinity];
        var h = Histogram.Compute([values], binWidth: 1, origin: 0);
        Assert.Equal(0, h.Origin);
        Assert.Equal(1, h.Width);
        Assert.Equal([2, 2, 2, 0, 0, 0, 0, 0, 0, 1], h.Bins[0].Select(b => b.Count));
        Assert.Equal(9, h.Bins[0][^1].Lower);
        Assert.Equal(10, h.Bins[0][^1].Upper);
    }

    [Fact]
    public void Compute_MaximumOnAnEdge_FallsInTheClosedLastBin()
    {
        var h = Histogram.Compute([[0, 1, 2, 3, 4]], binWidth: 1);
        Assert.Equal([1, 1, 1, 2], h.Bins[0].Select(b => b.Count));
    }

    [Fact]
    public void Compute_OriginShiftsEdges()
    {
        var h = Histogram.Compute([[0.4, 0.6, 1.4, 1.6]], binWidth: 1, origin: 0.5);
        Assert.Equal(-0.5, h.Origin);
        Assert.Equal([1, 2, 1], h.Bins[0].Select(b => b.Count));
    }

    [Fact]
    public void Compute_SeveralSeries_ShareEdges()
    {
        var h = Histogram.Compute([[1, 2, 3], [10, 11]], binWidth: 2);
        Assert.Equal(h.Bins[0].Count, h.Bins[1].Count);
        Assert.Equal(6, h.BinCount); // [0,2) .. [10,12)
        Assert.Equal([1, 2, 0, 0, 0, 0], h.Bins[0].Select(b => b.Count));
        Assert.Equal([0, 0, 0, 0, 0, 2], h.Bins[1].Select(b => b.Count));
    }

    [Fact]
    public void Compute_DefaultWidth_IsFreedmanDiaconisRoundedToANiceNumber()
    {
        // 0..99: IQR ≈ 50, 2·IQR/100^(1/3) ≈ 21.6, rounded to 20.
        var h = Histogram.Compute([Enumerable.Range(0, 100).Select(i => (double)i).ToArray()]);
        Assert.Equal(20, h.Width);
        Assert.Equal([20, 20, 20, 20, 20], h.Bins[0].Select(b => b.Count));
    }

    [Fact]
    public void Compute_AllEqual_GivesOneBinHoldingAll()
    {
        var h = Histogram.Compute([[5, 5, 5]]);
        Assert.Single(h.Bins[0]);
        Assert.Equal(3, h.Bins[0][0].Count);
        Assert.True(h.Bins[0][0].Lower <= 5 && h.Bins[0][0].Upper > 5);
    }

    [Fact]
    public void Compute_NoFiniteValues_GivesNoBins() =>
        Assert.Equal(0, Histogram.Compute([[double.NaN]]).BinCount);

    [Fact]
    public void Compute_RandomData_EveryFiniteValueCountedOnceInItsBin()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 100; trial++)
        {
            var values = Enumerable.Range(0, rng.Next(1, 300)).Select(_ => Math.Round((rng.NextDouble() * 50) - 10, rng.Next(0, 3))).ToArray();
            var h = Histogram.Compute([values]);
            Assert.Equal(values.Length, h.Bins[0].Sum(b => b.Count));
            foreach (double v in values)
            {
                var bin = h.Bins[0].Single(b => v >= b.Lower - 1e-9 && (v < b.Upper - 1e-9 || b == h.Bins[0][^1]));
                Assert.True(bin.Count > 0);
            }
        }
    }
}

public class EcdfTests
{
    [Fact]
    public void Compute_StepsAtDistinctValues_WithCumulativeShares()
    {
        Assert.Equal([new EcdfStep(1, 0.25), new EcdfStep(2, 0.75), new EcdfStep(3, 1)], Ecdf.Compute([3, 1, 2, 2, double.NaN]));
    }

    [Fact]
    public void Compute_Empty_GivesNoSteps() => Assert.Empty(Ecdf.Compute([double.NaN]));
}

public class ScaleAndColorTests
{
    [Fact]
    public void ColorScale_Sequential_EndpointsAreViridisEnds()
    {
        var s = new ColorScale(ColorScaleKind.Sequential, 3, 9);
        Assert.Equal("#440154", s.Color(3));
        Assert.Equal("#FDE725", s.Color(9));
        Assert.Equal("#440154", s.Color(-100)); // clamped
        Assert.Equal(s.MinColor, s.Color(s.Min));
        Assert.Equal("#D9D9D9", s.Color(double.NaN));
        Assert.False(s.IsLight(3));
        Assert.True(s.IsLight(9));
    }

    [Fact]
    public void ColorScale_Diverging_IsSymmetricAboutZero()
    {
        var s = new ColorScale(ColorScaleKind.Diverging, -2, 5);
        Assert.Equal(-5, s.Min);
        Assert.Equal(5, s.Max);
        Assert.Equal("#2166AC", s.Color(-5));
        Assert.Equal("#F7F7F7", s.Color(0));
        Assert.Equal("#B2182B", s.Color(5));
    }

    [Fact]
    public void Palette_IsOkabeIto_CyclingAfterEight()
    {
        Assert.Equal(8, Palette.OkabeIto.Count);
        Assert.Equal("#0072B2", Palette.Color(0));
        Assert.Equal(Palette.Color(1), Palette.Color(9));
    }
}
