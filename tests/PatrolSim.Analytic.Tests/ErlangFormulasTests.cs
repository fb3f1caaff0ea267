using MathNet.Numerics;

namespace PatrolSim.Analytic.Tests;

public class ErlangFormulasTests
{
    [Fact]
    public void ErlangB_TenErlangsOnTenServers_Is0_21458() =>
        Assert.Equal(0.21458, ErlangFormulas.ErlangB(10, 10), 5);

    [Theory]
    [InlineData(1.5, 3, 0.23684)]
    [InlineData(4.5, 6, 0.42165)]
    [InlineData(8.0, 10, 0.40918)]
    public void ErlangC_TextbookValues(double load, int servers, double expected) =>
        Assert.Equal(expected, ErlangFormulas.ErlangC(load, servers), 5);

    [Fact]
    public void ErlangC_OnePointFiveErlangsThreeServers_IsExactlyNineThirtyEighths() =>
        Assert.Equal(9.0 / 38.0, ErlangFormulas.ErlangC(1.5, 3), 14);

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void SingleServer_ReducesToMM1(double load)
    {
        Assert.Equal(load / (1 + load), ErlangFormulas.ErlangB(load, 1), 14);
        Assert.Equal(load, ErlangFormulas.ErlangC(load, 1), 14);
    }

    [Theory]
    [InlineData(290.0, 300)]
    [InlineData(299.0, 300)]
    [InlineData(150.0, 300)]
    [InlineData(950.0, 1000)]
    public void ErlangBAndC_HundredsOfServers_StayFiniteAndMatchLogSpace(double load, int servers)
    {
        // Independent log-space evaluation: B = (a^c/c!) / sum_{k<=c} a^k/k!.
        var logTerms = Enumerable.Range(0, servers + 1)
            .Select(k => (k * Math.Log(load)) - SpecialFunctions.FactorialLn(k)).ToArray();
        double max = logTerms.Max();
        double logSum = max + Math.Log(logTerms.Sum(x => Math.Exp(x - max)));
        double expectedB = Math.Exp(logTerms[servers] - logSum);
        double rho = load / servers;
        double expectedC = expectedB / (1 - (rho * (1 - expectedB)));

        double b = ErlangFormulas.ErlangB(load, servers);
        double c = ErlangFormulas.ErlangC(load, servers);
        Assert.True(double.IsFinite(c) && c > 0 && c < 1, $"C = {c}");
        Assert.True(Math.Abs(expectedB - b) <= 1e-10 * expectedB, $"B = {b}, log-space {expectedB}");
        Assert.True(Math.Abs(expectedC - c) <= 1e-10 * expectedC, $"C = {c}, log-space {expectedC}");
    }

    [Theory]
    [InlineData(4.5, 6, false)]
    [InlineData(4.5, 6, true)]
    [InlineData(280.0, 300, false)]
    public void BusyServerDistribution_SumsToOne_AndEndsInErlangCOrB(double load, int servers, bool loss)
    {
        double[] p = ErlangFormulas.BusyServerDistribution(load, servers, loss);
        // Log-space normalisation carries ~1e-13 relative error at hundreds of servers.
        Assert.Equal(1.0, p.Sum(), 1e-11);
        double last = loss ? ErlangFormulas.ErlangB(load, servers) : ErlangFormulas.ErlangC(load, servers);
        Assert.Equal(last, p[servers], 1e-11);

        // Birth-death balance below the last state: lambda P_k = (k+1) mu P_{k+1}.
        for (int k = 0; k < servers - 1; k++)
        {
            Assert.Equal(load * p[k], (k + 1) * p[k + 1], 1e-11);
        }
    }

    [Theory]
    [InlineData(-1.0, 3)]
    [InlineData(double.NaN, 3)]
    [InlineData(1.0, 0)]
    public void ErlangB_BadArguments_Throw(double load, int servers) =>
        Assert.ThrowsAny<ArgumentException>(() => ErlangFormulas.ErlangB(load, servers));

    [Fact]
    public void ErlangC_LoadAtOrAboveServers_ThrowsWithExplanation()
    {
        var ex = Assert.Throws<ArgumentException>(() => ErlangFormulas.ErlangC(3, 3));
        Assert.Contains("offered load 3 erlangs on 3 servers gives utilisation 1 >= 1", ex.Message, StringComparison.Ordinal);
    }
}
