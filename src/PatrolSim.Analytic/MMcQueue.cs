namespace PatrolSim.Analytic;

/// <summary>
/// The M/M/c queue: Poisson arrivals at <see cref="ArrivalRate"/>, c identical servers with exponential service
/// at <see cref="ServiceRate"/> each, an unlimited FCFS waiting line. Rates share one time unit (e.g. per hour),
/// and every time-valued property is in that unit. Requires utilisation &lt; 1.
/// </summary>
public sealed record MMcQueue
{
    /// <summary>Creates the queue and checks that it has a steady state.</summary>
    /// <exception cref="ArgumentException">A rate is not positive and finite, servers &lt; 1, or lambda &gt;= c mu.</exception>
    public MMcQueue(double arrivalRate, double serviceRate, int servers)
    {
        Guard.NonNegativeFinite(arrivalRate, nameof(arrivalRate));
        Guard.PositiveFinite(serviceRate, nameof(serviceRate));
        Guard.AtLeastOne(servers, nameof(servers));
        Guard.Stable(arrivalRate / serviceRate, servers, nameof(arrivalRate));
        ArrivalRate = arrivalRate;
        ServiceRate = serviceRate;
        Servers = servers;
        ProbabilityOfWait = ErlangFormulas.ErlangCUnchecked(OfferedLoad, servers);
    }

    /// <summary>Arrival rate lambda.</summary>
    public double ArrivalRate { get; }

    /// <summary>Service rate mu of one server (1 / mean service time).</summary>
    public double ServiceRate { get; }

    /// <summary>Number of servers c.</summary>
    public int Servers { get; }

    /// <summary>Offered load a = lambda / mu in erlangs (the mean number of busy servers).</summary>
    public double OfferedLoad => ArrivalRate / ServiceRate;

    /// <summary>Server utilisation rho = lambda / (c mu).</summary>
    public double Utilization => OfferedLoad / Servers;

    /// <summary>Erlang C: the probability that an arriving call waits (PASTA: the fraction of time all servers are busy).</summary>
    public double ProbabilityOfWait { get; }

    /// <summary>Erlang B for the same load and servers: the blocking probability had there been no waiting line.</summary>
    public double ErlangB => ErlangFormulas.ErlangBUnchecked(OfferedLoad, Servers);

    /// <summary>The rate c mu - lambda at which the queue drains while all servers are busy.</summary>
    public double DrainRate => (Servers * ServiceRate) - ArrivalRate;

    /// <summary>Mean wait in queue over all calls, Wq = C / (c mu - lambda).</summary>
    public double MeanWait => ProbabilityOfWait / DrainRate;

    /// <summary>Mean wait of the calls that do wait, 1 / (c mu - lambda).</summary>
    public double MeanWaitGivenWait => 1 / DrainRate;

    /// <summary>Mean time in system, Wq + 1/mu.</summary>
    public double MeanTimeInSystem => MeanWait + (1 / ServiceRate);

    /// <summary>Mean number waiting, Lq = lambda Wq = C rho / (1 - rho).</summary>
    public double MeanQueueLength => ArrivalRate * MeanWait;

    /// <summary>Mean number in system, L = Lq + a.</summary>
    public double MeanNumberInSystem => MeanQueueLength + OfferedLoad;

    /// <summary>P(W &gt; t) = C exp(-(c mu - lambda) t) for t &gt;= 0 (FCFS).</summary>
    public double ProbabilityWaitExceeds(double time)
    {
        Guard.NonNegativeFinite(time, nameof(time));
        return ProbabilityOfWait * Math.Exp(-DrainRate * time);
    }

    /// <summary>The p-quantile of the wait (FCFS): 0 when p &lt;= 1 - C, else ln(C / (1 - p)) / (c mu - lambda).</summary>
    public double WaitQuantile(double probability)
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability is {Guard.Format(probability)}: it must be in [0, 1).");
        }

        double tail = 1 - probability;
        return tail >= ProbabilityOfWait ? 0 : Math.Log(ProbabilityOfWait / tail) / DrainRate;
    }

    /// <summary>Probabilities that k = 0..c servers are busy; entry c is P(all busy, queue or not) = Erlang C.</summary>
    public double[] BusyServerDistribution() => ErlangFormulas.BusyServerDistribution(OfferedLoad, Servers, lossSystem: false);
}
