using System.Globalization;

namespace PatrolSim.Analytic;

/// <summary>
/// M/M/c with non-preemptive priority classes and one service rate for all classes (Cobham 1954):
/// class k (0 = most urgent) waits on average W_k = W0 / ((1 - s_{k-1})(1 - s_k)), where
/// s_k = sum of lambda_i / (c mu) over classes i &lt;= k and W0 = C(a, c) / (c mu) is the mean time until the
/// first server frees for an arrival. Every class waits with probability Erlang C; within a class, FCFS.
/// Rates share one time unit and waits are in that unit.
/// </summary>
public sealed record PriorityMMc
{
    private readonly double[] classRates;
    private readonly double[] meanWaits;

    /// <summary>Creates the model; <paramref name="classArrivalRates"/>[0] is the most urgent class.</summary>
    /// <exception cref="ArgumentException">No classes, a negative or non-finite rate, or total utilisation &gt;= 1.</exception>
    public PriorityMMc(IReadOnlyList<double> classArrivalRates, double serviceRate, int servers)
    {
        ArgumentNullException.ThrowIfNull(classArrivalRates);
        if (classArrivalRates.Count == 0)
        {
            throw new ArgumentException("classArrivalRates is empty: give at least one priority class.", nameof(classArrivalRates));
        }

        for (int k = 0; k < classArrivalRates.Count; k++)
        {
            double rate = classArrivalRates[k];
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new ArgumentException(
                    $"classArrivalRates[{k.ToString(CultureInfo.InvariantCulture)}] is {Guard.Format(rate)}: arrival rates must be finite numbers >= 0.",
                    nameof(classArrivalRates));
            }
        }

        Guard.PositiveFinite(serviceRate, nameof(serviceRate));
        Guard.AtLeastOne(servers, nameof(servers));
        classRates = [.. classArrivalRates];
        ServiceRate = serviceRate;
        Servers = servers;
        Queue = new MMcQueue(classRates.Sum(), serviceRate, servers);

        double capacity = servers * serviceRate;
        double w0 = Queue.ProbabilityOfWait / capacity;
        meanWaits = new double[classRates.Length];
        double sigmaBefore = 0;
        for (int k = 0; k < classRates.Length; k++)
        {
            double sigma = sigmaBefore + (classRates[k] / capacity);
            meanWaits[k] = w0 / ((1 - sigmaBefore) * (1 - sigma));
            sigmaBefore = sigma;
        }
    }

    /// <summary>Arrival rate of each class, most urgent first.</summary>
    public IReadOnlyList<double> ClassArrivalRates => classRates;

    /// <summary>Service rate mu of one server, the same for every class.</summary>
    public double ServiceRate { get; }

    /// <summary>Number of servers c.</summary>
    public int Servers { get; }

    /// <summary>The aggregate M/M/c queue (all classes pooled, FCFS): its P(wait), server distribution and mean wait.</summary>
    public MMcQueue Queue { get; }

    /// <summary>Number of priority classes.</summary>
    public int ClassCount => classRates.Length;

    /// <summary>Probability that a call of any class waits (Erlang C of the pooled load).</summary>
    public double ProbabilityOfWait => Queue.ProbabilityOfWait;

    /// <summary>Mean queue wait of each class (Cobham), most urgent first.</summary>
    public IReadOnlyList<double> MeanWaits => meanWaits;

    /// <summary>Mean queue wait of class <paramref name="priorityClass"/> (0 = most urgent).</summary>
    public double MeanWait(int priorityClass) => meanWaits[priorityClass];

    /// <summary>Mean number of class <paramref name="priorityClass"/> calls waiting (Little: lambda_k W_k).</summary>
    public double MeanQueueLength(int priorityClass) => classRates[priorityClass] * meanWaits[priorityClass];

    /// <summary>Mean wait of the calls of a class that do wait: W_k / C.</summary>
    public double MeanWaitGivenWait(int priorityClass) =>
        ProbabilityOfWait == 0 ? 0 : meanWaits[priorityClass] / ProbabilityOfWait;

    /// <summary>Call-weighted mean wait over all classes; equals the FCFS M/M/c mean wait (conservation law).</summary>
    public double OverallMeanWait
    {
        get
        {
            double total = classRates.Sum();
            if (total == 0)
            {
                return 0;
            }

            double weighted = 0;
            for (int k = 0; k < classRates.Length; k++)
            {
                weighted += classRates[k] * meanWaits[k];
            }

            return weighted / total;
        }
    }
}
