using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Experiments.Sweeps.Designs;

namespace PatrolSim.Experiments.Tests;

public class SensitivityTests
{
    private const double A = 7, B = 0.1;

    private static double Ishigami(double[] x) =>
        Math.Sin(x[0]) + (A * Math.Pow(Math.Sin(x[1]), 2)) + (B * Math.Pow(x[2], 4) * Math.Sin(x[0]));

    /// <summary>
    /// Analytic indices of the Ishigami function (Ishigami &amp; Homma 1990; Saltelli et al. 2010 §4): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,
    /// V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸ (1/18 − 1/50); S1 = V1/V, S2 = V2/V, S3 = 0, ST1 = (V1 + V13)/V, ST2 = S2, ST3 = V13/V.
    /// </summary>
    private static (double[] First, double[] Total) Analytic()
    {
        double pi4 = Math.Pow(Math.PI, 4), pi8 = Math.Pow(Math.PI, 8);
        double v = (A * A / 8) + (B * pi4 / 5) + (B * B * pi8 / 18) + 0.5;
        double v1 = 0.5 * Math.Pow(1 + (B * pi4 / 5), 2), v2 = A * A / 8, v13 = B * B * pi8 * ((1.0 / 18) - (1.0 / 50));
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    [Fact]
    public void IshigamiAnalyticIndices_AreTheIssuesPublishedValues()
    {
        var (first, total) = Analytic();
        Assert.Equal([0.314, 0.442, 0], first.Select(x => Math.Round(x, 3)));
        Assert.Equal([0.558, 0.442, 0.244], total.Select(x => Math.Round(x, 3)));
    }

    [Fact]
    public void Ishigami_SaltelliAndJansenEstimates_ContainTheAnalyticIndices_InTheirBootstrapIntervals()
    {
        const int n = 8192, d = 3;
        var design = new SaltelliDesign(d, n, seed: null);
        var fA = new double[n];
        var fB = new double[n];
        var fAB = Enumerable.Range(0, d).Select(_ => new double[n]).ToArray();
        double[] X(long p) => design.At(p).Select(u => -Math.PI + (2 * Math.PI * u)).ToArray();
        for (int j = 0; j < n; j++)
        {
            fA[j] = Ishigami(X(j * (d + 2)));
            fB[j] = Ishigami(X((j * (d + 2)) + d + 1));
            for (int i = 0; i < d; i++)
            {
                fAB[i][j] = Ishigami(X((j * (d + 2)) + 1 + i));
            }
        }

        var indices = SobolIndices.Estimate(fA, fB, fAB, resamples: 1000, seed: 1);
        var (first, total) = Analytic();
        for (int i = 0; i < d; i++)
        {
            Assert.True(indices[i].First.Contains(first[i]), $"S{i + 1} = {first[i]:F4} outside {indices[i].First}");
            Assert.True(indices[i].Total.Contains(total[i]), $"ST{i + 1} = {total[i]:F4} outside {indices[i].Total}");

            // Intervals narrow enough to tell the parameters apart (a wrong estimator would not land inside them).
            Assert.True(indices[i].First.High - indices[i].First.Low < 0.1, indices[i].First.ToString());
            Assert.True(indices[i].Total.High - indices[i].Total.Low < 0.1, indices[i].Total.ToString());
        }
    }

    [Fact]
    public void BootstrapIntervals_AreDeterministic_ForASeed()
    {
        var design = new SaltelliDesign(3, 64, null);
        double F(long p) => Ishigami(design.At(p).Select(u => -Math.PI + (2 * Math.PI * u)).ToArray());
        var fA = Enumerable.Range(0, 64).Select(j => F(j * 5)).ToArray();
        var fB = Enumerable.Range(0, 64).Select(j => F((j * 5) + 4)).ToArray();
        var fAB = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, 64).Select(j => F((j * 5) + 1 + i)).ToArray()).ToArray();
        Assert.Equal(SobolIndices.Estimate(fA, fB, fAB, 200, 5), SobolIndices.Estimate(fA, fB, fAB, 200, 5));
        Assert.NotEqual(SobolIndices.Estimate(fA, fB, fAB, 200, 5)[0].First.Low, SobolIndices.Estimate(fA, fB, fAB, 200, 6)[0].First.Low);
    }

    [Fact]
    public void Morris_OnALinearFunction_GivesEachSlopeAsMuAndMuStar_WithZeroSigma()
    {
        // f(u) = 3 u1 − 2 u2 + 0 u3: every elementary effect of parameter i is its slope exactly (Morris 1991).
        const int d = 3;
        var design = new MorrisDesign(d, 10, 4, seed: 11);
        double[] slope = [3, -2, 0];
        var f = Enumerable.Range(0, (int)design.Points).Select(p => design.At(p).Select((u, i) => slope[i] * u).Sum()).ToArray();
        var effects = Enumerable.Range(0, d).Select(_ => new List<double>()).ToArray();
        for (int t = 0; t < 10; t++)
        {
            for (int k = 1; k <= d; k++)
            {
                var (i, sign) = design.Move(t, k);
                effects[i].Add((f[(t * (d + 1)) + k] - f[(t * (d + 1)) + k - 1]) / (sign * design.Delta));
            }
        }

        var morris = MorrisEffects.Summarise(effects);
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(slope[i], morris[i].Mu, 9);
            Assert.Equal(Math.Abs(slope[i]), morris[i].MuStar.Value, 9);
            Assert.Equal(0, morris[i].Sigma, 9);
            Assert.Equal(10, morris[i].Effects);
        }
    }
}
