using PatrolSim.Experiments.Sweeps.Designs;

namespace PatrolSim.Experiments.Tests;

public class DesignTests
{
    [Fact]
    public void Sobol_FirstEightPoints_In2D_AreScipysPublishedUnscrambledPoints()
    {
        // scipy.stats.qmc.Sobol(d=2, scramble=False).random_base2(m=3), as printed in SciPy's documentation.
        double[][] published =
        [
            [0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625],
        ];
        var sobol = new SobolSequence(2);
        for (int i = 0; i < published.Length; i++)
        {
            Assert.Equal(published[i], new[] { sobol.Coordinate(i, 0), sobol.Coordinate(i, 1) });
        }
    }

    [Theory]
    // Hand-computed from Joe & Kuo's m values (new-joe-kuo-6.21201): v_k = m_k / 2^k, point i = XOR of v_k over the bits of
    // gray(i) = i ^ (i >> 1). Point 1 (gray 1) = v_1 = 1/2 everywhere; point 2 (gray 3) = v_1 ^ v_2; point 3 (gray 2) = v_2.
    // Dimension 3 (s=2, a=1, m=1,3): v = 1/2, 3/4, and m_3 = 2·3 ^ 4·1 ^ 1 = 3, so v_3 = 3/8; point 4 (gray 6) = v_2 ^ v_3 = 0.110 ^ 0.011 = 0.101b.
    [InlineData(2, 1, 0.5)]
    [InlineData(2, 2, 0.25)]
    [InlineData(2, 3, 0.75)]
    [InlineData(2, 4, 0.625)]
    // Dimension 5 (s=3, a=2, m=1,1,1): v_2 = 1/4, so point 2 = 0.10b ^ 0.01b = 0.75 and point 3 = 0.25.
    [InlineData(4, 2, 0.75)]
    [InlineData(4, 3, 0.25)]
    // Dimension 7 (s=4, a=4, m=1,3,5,13): v_2 = 3/4, v_3 = 5/8; point 4 = v_2 ^ v_3 = 0.110 ^ 0.101 = 0.011b.
    [InlineData(6, 4, 0.375)]
    // Dimension 21 (s=7, a=4, m=1,3,7,13,13,15,69): v_4 = 13/16; point 8 (gray 12) = v_3 ^ v_4 = 0.1110 ^ 0.1101 = 0.0011b.
    [InlineData(20, 8, 0.1875)]
    public void Sobol_Coordinates_MatchHandComputationFromJoeKuoDirectionNumbers(int dimension, int index, double expected)
    {
        Assert.Equal(expected, new SobolSequence(dimension + 1).Coordinate(index, dimension));
    }

    [Fact]
    public void Sobol_First2PowMPoints_PutOnePointInEveryInterval_OfEveryDimension()
    {
        // A Sobol' sequence is a (t, s)-sequence whose one-dimensional projections are (0, 1)-sequences: the first 2^m
        // points of each coordinate are exactly k / 2^m, k = 0 … 2^m − 1.
        const int m = 10;
        var sobol = new SobolSequence(SobolSequence.MaxDimensions);
        for (int d = 0; d < SobolSequence.MaxDimensions; d++)
        {
            var cells = Enumerable.Range(0, 1 << m).Select(i => sobol.Coordinate(i, d) * (1 << m)).ToArray();
            Assert.All(cells, c => Assert.Equal(Math.Floor(c), c));
            Assert.Equal(Enumerable.Range(0, 1 << m).Select(k => (double)k), cells.Order());
        }
    }

    [Fact]
    public void Sobol_TwoDimensionalProjection_OfDimensions1And2_IsA0m2Net()
    {
        // Every elementary box of area 2^-m (2^a × 2^(m−a) cells) holds exactly one of the first 2^m points.
        const int m = 8;
        var sobol = new SobolSequence(2);
        for (int a = 0; a <= m; a++)
        {
            var boxes = Enumerable.Range(0, 1 << m)
                .Select(i => ((int)(sobol.Coordinate(i, 0) * (1 << a)), (int)(sobol.Coordinate(i, 1) * (1 << (m - a)))))
                .Distinct().Count();
            Assert.Equal(1 << m, boxes);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(97, 5)]
    [InlineData(1000, 4)]
    public void LatinHypercube_HasOnePointPerStratum_InEveryDimension(int n, int d)
    {
        var lhs = new LatinHypercube(d, n, seed: 2016);
        var points = Enumerable.Range(0, n).Select(p => lhs.At(p)).ToArray();
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(Enumerable.Range(0, n), points.Select(u => (int)Math.Floor(u[j] * n)).Order());
            Assert.All(points, u => Assert.InRange(u[j], 0.0, 1.0));
        }
    }

    [Fact]
    public void LatinHypercube_IsReproducibleFromItsSeed_AndDiffersAcrossSeeds()
    {
        var a = new LatinHypercube(3, 50, 7);
        var b = new LatinHypercube(3, 50, 7);
        var c = new LatinHypercube(3, 50, 8);
        Assert.Equal(a.At(17), b.At(17));
        Assert.NotEqual(a.At(17), c.At(17));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1024)]
    [InlineData(1025)]
    public void FeistelPermutation_IsABijectionOn0ToNMinus1(int n)
    {
        var perm = new FeistelPermutation(n, 99);
        Assert.Equal(Enumerable.Range(0, n), Enumerable.Range(0, n).Select(i => (int)perm.Map(i)).Order());
    }

    [Fact]
    public void Saltelli_ABi_IsA_WithColumnIFromB()
    {
        const int d = 3;
        var design = new SaltelliDesign(d, 16, seed: null);
        var sobol = new SobolSequence(2 * d);
        Assert.Equal(16 * (d + 2), design.Points);
        for (int j = 0; j < 16; j++)
        {
            var a = design.At(j * (d + 2));
            var b = design.At((j * (d + 2)) + d + 1);

            // Row j of A and B is Sobol' point j + 1 (point 0, the origin, is skipped), split into its first and last d coordinates.
            Assert.Equal(Enumerable.Range(0, d).Select(i => sobol.Coordinate(j + 1, i)), a);
            Assert.Equal(Enumerable.Range(d, d).Select(i => sobol.Coordinate(j + 1, i)), b);
            for (int i = 0; i < d; i++)
            {
                var ab = design.At((j * (d + 2)) + 1 + i);
                Assert.Equal(Enumerable.Range(0, d).Select(k => k == i ? b[k] : a[k]), ab);
            }
        }
    }

    [Fact]
    public void Morris_ConsecutivePointsOfATrajectory_DifferInOneParameterByDelta_OnTheGrid()
    {
        const int d = 4, levels = 4;
        var design = new MorrisDesign(d, 20, levels, seed: 3);
        Assert.Equal(2.0 / 3.0, design.Delta, 12);
        for (int t = 0; t < 20; t++)
        {
            var moved = new HashSet<int>();
            for (int k = 1; k <= d; k++)
            {
                var before = design.At((t * (d + 1)) + k - 1);
                var after = design.At((t * (d + 1)) + k);
                var changed = Enumerable.Range(0, d).Where(i => before[i] != after[i]).ToArray();
                var (parameter, sign) = design.Move(t, k);
                Assert.Equal([parameter], changed);
                Assert.Equal(sign * design.Delta, after[parameter] - before[parameter], 12);
                Assert.All(after, u => Assert.Contains(Math.Round(u * (levels - 1), 9), new[] { 0.0, 1, 2, 3 }));
                moved.Add(parameter);
            }

            Assert.Equal(d, moved.Count);
        }
    }

    [Theory]
    [InlineData(0.0, "0.8")]
    [InlineData(0.5, "1")]
    [InlineData(1.0, "1.2")]
    public void ContinuousRange_MapsTheUnitIntervalLinearly(double u, string expected)
    {
        Assert.Equal(expected, new ParameterRange("staffing.scale", RangeKind.Continuous, 0.8, 1.2, []).ValueAt(u));
    }

    [Fact]
    public void IntegerAndLevelRanges_GiveEveryValueAnEqualShareOfTheUnitInterval()
    {
        var integers = new ParameterRange("k", RangeKind.Integer, 4, 6, []);
        Assert.Equal(["4", "4", "5", "5", "6", "6", "6"], new[] { 0, 0.33, 0.34, 0.66, 0.67, 0.99, 1 }.Select(integers.ValueAt));
        var levels = new ParameterRange("rule", RangeKind.Levels, 0, 2, ["none", "risk", "all-calls"]);
        Assert.Equal(["none", "risk", "all-calls", "all-calls"], new[] { 0.1, 0.5, 0.9, 1 }.Select(levels.ValueAt));
        Assert.False(levels.IsNumeric);
    }
}
