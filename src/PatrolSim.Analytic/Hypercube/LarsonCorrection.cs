using MathNet.Numerics;

namespace PatrolSim.Analytic;

/// <summary>
/// Larson's (1975) correction factors Q(N, rho, j). In the symmetric M/M/N system the probability that j named units
/// are busy and one other named unit is free is exactly Q(N, rho, j) rho^j (1 - rho), with
/// Q(N, rho, j) = sum_{k=j}^{N-1} P_k C(N-j-1, k-j) / C(N, k) / (rho^j (1 - rho)),
/// P_k the probability of k busy units. Infinite line: P_k from M/M/N and rho = lambda / (N mu)
/// (Larson &amp; Odoni eq. 5.48). Zero line: P_k from M/M/N/N and rho = lambda (1 - B) / (N mu), B = Erlang B
/// (Larson &amp; Odoni problem 5.10). Computed in log space, so N in the hundreds is fine.
/// </summary>
public static class LarsonCorrection
{
    /// <summary>Q(N, rho, j) for j = 0..N-1, for <paramref name="units"/> units offered <paramref name="offeredLoad"/> = lambda/mu erlangs.</summary>
    /// <exception cref="ArgumentException">Bad counts or rates, or an infinite line with offeredLoad &gt;= units.</exception>
    public static double[] Factors(int units, double offeredLoad, LineCapacity line)
    {
        Guard.AtLeastOne(units, nameof(units));
        Guard.PositiveFinite(offeredLoad, nameof(offeredLoad));
        if (line == LineCapacity.Infinite)
        {
            Guard.Stable(offeredLoad, units, nameof(offeredLoad));
        }

        return [.. Compute(units, offeredLoad, line).LogQ.Select(Math.Exp)];
    }

    /// <summary>The log correction factors with the M/M/N quantities they come from; arguments unchecked.</summary>
    internal static Aggregate Compute(int units, double offeredLoad, LineCapacity line)
    {
        bool loss = line == LineCapacity.Zero;
        double[] logP = ErlangFormulas.LogBusyServerDistribution(offeredLoad, units, loss);
        double pAllBusy = Math.Exp(logP[units]);
        double rho = loss ? offeredLoad * (1 - pAllBusy) / units : offeredLoad / units;
        double logRho = Math.Log(rho);
        double log1MinusRho = Math.Log(1 - rho);
        var logQ = new double[units];
        var terms = new double[units];
        for (int j = 0; j < units; j++)
        {
            int count = 0;
            for (int k = j; k < units; k++)
            {
                terms[count++] = logP[k] + SpecialFunctions.BinomialLn(units - j - 1, k - j) - SpecialFunctions.BinomialLn(units, k);
            }

            logQ[j] = ErlangFormulas.LogSumExp(terms.AsSpan(0, count)) - (j * logRho) - log1MinusRho;
        }

        return new Aggregate(logQ, rho, pAllBusy, [.. logP.Select(Math.Exp)]);
    }

    /// <summary>Log Q factors, average utilisation rho, P(all busy) and the busy-count distribution of M/M/N(/N).</summary>
    internal sealed record Aggregate(double[] LogQ, double Rho, double PAllBusy, double[] BusyDistribution);
}
