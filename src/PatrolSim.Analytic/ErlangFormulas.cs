namespace PatrolSim.Analytic;

/// <summary>
/// Erlang loss (B) and delay (C) formulas and the M/M/c state distribution, computed by the stable
/// Erlang B recursion so that hundreds of servers neither overflow nor lose precision.
/// </summary>
public static class ErlangFormulas
{
    /// <summary>
    /// Erlang B: the probability that a call finds all <paramref name="servers"/> busy in an M/M/c/c loss system
    /// offered <paramref name="offeredLoad"/> erlangs (lambda/mu). Uses B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
    /// </summary>
    public static double ErlangB(double offeredLoad, int servers)
    {
        Guard.NonNegativeFinite(offeredLoad, nameof(offeredLoad));
        Guard.AtLeastOne(servers, nameof(servers));
        return ErlangBUnchecked(offeredLoad, servers);
    }

    /// <summary>
    /// Erlang C: the probability that a call waits in an M/M/c queue (infinite waiting room, FCFS)
    /// offered <paramref name="offeredLoad"/> erlangs; requires offeredLoad &lt; servers.
    /// C = B / (1 - (a/c)(1 - B)).
    /// </summary>
    public static double ErlangC(double offeredLoad, int servers)
    {
        Guard.NonNegativeFinite(offeredLoad, nameof(offeredLoad));
        Guard.AtLeastOne(servers, nameof(servers));
        Guard.Stable(offeredLoad, servers, nameof(offeredLoad));
        return ErlangCUnchecked(offeredLoad, servers);
    }

    /// <summary>
    /// Probabilities that k = 0..servers servers are busy. For the delay system (<paramref name="lossSystem"/> false)
    /// entry <c>servers</c> is P(all busy, with or without a queue), i.e. Erlang C; for the loss system it is Erlang B.
    /// Computed from a log-space normalisation, so it is stable for hundreds of servers.
    /// </summary>
    public static double[] BusyServerDistribution(double offeredLoad, int servers, bool lossSystem)
    {
        Guard.NonNegativeFinite(offeredLoad, nameof(offeredLoad));
        Guard.AtLeastOne(servers, nameof(servers));
        if (!lossSystem)
        {
            Guard.Stable(offeredLoad, servers, nameof(offeredLoad));
        }

        double[] logP = LogBusyServerDistribution(offeredLoad, servers, lossSystem);
        var p = new double[servers + 1];
        for (int k = 0; k <= servers; k++)
        {
            p[k] = Math.Exp(logP[k]);
        }

        return p;
    }

    /// <summary>Natural logs of <see cref="BusyServerDistribution"/> (entries may be -infinity); arguments unchecked.</summary>
    internal static double[] LogBusyServerDistribution(double offeredLoad, int servers, bool lossSystem)
    {
        var logTerms = new double[servers + 1];
        if (offeredLoad == 0)
        {
            Array.Fill(logTerms, double.NegativeInfinity);
            logTerms[0] = 0;
            return logTerms;
        }

        // log of a^k/k!; the delay system's tail k >= c sums to a^c/c! * 1/(1 - a/c).
        double logA = Math.Log(offeredLoad);
        for (int k = 0; k <= servers; k++)
        {
            logTerms[k] = (k * logA) - MathNet.Numerics.SpecialFunctions.FactorialLn(k);
        }

        if (!lossSystem)
        {
            logTerms[servers] -= Math.Log(1 - (offeredLoad / servers));
        }

        double logSum = LogSumExp(logTerms);
        for (int k = 0; k <= servers; k++)
        {
            logTerms[k] -= logSum;
        }

        return logTerms;
    }

    /// <summary>log(sum exp(x_i)) without overflow; -infinity for an empty or all -infinity input.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> logs)
    {
        double max = double.NegativeInfinity;
        foreach (double x in logs)
        {
            max = Math.Max(max, x);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double x in logs)
        {
            sum += Math.Exp(x - max);
        }

        return max + Math.Log(sum);
    }

    internal static double ErlangBUnchecked(double offeredLoad, int servers)
    {
        double b = 1.0;
        for (int k = 1; k <= servers; k++)
        {
            double ab = offeredLoad * b;
            b = ab / (k + ab);
        }

        return b;
    }

    internal static double ErlangCUnchecked(double offeredLoad, int servers)
    {
        double b = ErlangBUnchecked(offeredLoad, servers);
        double rho = offeredLoad / servers;
        return b / (1 - (rho * (1 - b)));
    }
}
