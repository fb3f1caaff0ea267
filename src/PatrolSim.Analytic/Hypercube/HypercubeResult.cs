namespace PatrolSim.Analytic;

/// <summary>How a <see cref="HypercubeResult"/> was computed.</summary>
public enum HypercubeMethod
{
    /// <summary>Exact solution of the 2^N balance equations.</summary>
    Exact,

    /// <summary>Larson's (1975) N-equation approximation with correction factors Q(N, rho, j).</summary>
    Approximate,
}

/// <summary>Performance measures of a solved hypercube model. Indices: units n and atoms j from 0; times in the rate unit.</summary>
public sealed record HypercubeResult
{
    /// <summary>Exact or approximate.</summary>
    public required HypercubeMethod Method { get; init; }

    /// <summary>Zero or infinite line.</summary>
    public required LineCapacity LineCapacity { get; init; }

    /// <summary>Number of units N.</summary>
    public required int Units { get; init; }

    /// <summary>Number of atoms.</summary>
    public required int Atoms { get; init; }

    /// <summary>
    /// Exact only (else null): P(B) for each of the 2^N busy/free states, indexed by bit mask (bit n set = unit n busy).
    /// For the infinite line, index 2^N - 1 is "all busy, nobody waiting"; the queued states are in
    /// <see cref="ProbabilityAllBusy"/> but not here, so these sum to 1 - P(queue non-empty).
    /// </summary>
    public IReadOnlyList<double>? StateProbabilities { get; init; }

    /// <summary>P(k units busy), k = 0..N; entry N is <see cref="ProbabilityAllBusy"/> (queued states included).</summary>
    public required IReadOnlyList<double> BusyCountDistribution { get; init; }

    /// <summary>P(all units idle).</summary>
    public double ProbabilityAllIdle => BusyCountDistribution[0];

    /// <summary>Fraction of time (and of calls, by PASTA) with every unit busy: P(wait) for the infinite line, P(loss) for the zero line.</summary>
    public double ProbabilityAllBusy => BusyCountDistribution[Units];

    /// <summary>Probability that a call waits (infinite line; 0 for the zero line).</summary>
    public double ProbabilityOfWait => LineCapacity == LineCapacity.Infinite ? ProbabilityAllBusy : 0;

    /// <summary>Probability that a call is lost (zero line; 0 for the infinite line).</summary>
    public double ProbabilityOfLoss => LineCapacity == LineCapacity.Zero ? ProbabilityAllBusy : 0;

    /// <summary>Mean wait in queue over all calls (infinite line; 0 for the zero line): P(wait) / (sum mu - lambda).</summary>
    public required double MeanQueueWait { get; init; }

    /// <summary>Mean number of calls waiting (Little's law).</summary>
    public required double MeanQueueLength { get; init; }

    /// <summary>Workload rho_n of each unit: the fraction of time it is busy.</summary>
    public required IReadOnlyList<double> Workloads { get; init; }

    /// <summary>
    /// CallFractions[j][n]: the fraction of atom j's calls served by unit n (queued calls included; the row sums to
    /// 1 - P(loss)).
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<double>> CallFractions { get; init; }

    /// <summary>
    /// DispatchFractions[n][j]: Larson's f_nj, the fraction of all dispatches that send unit n to atom j (sums to 1).
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<double>> DispatchFractions { get; init; }

    /// <summary>Mean travel time over all served calls (null without a travel matrix). Queued calls use the same matrix.</summary>
    public double? MeanTravelTime { get; init; }

    /// <summary>Mean travel time to each atom's served calls (null without a travel matrix).</summary>
    public IReadOnlyList<double>? MeanTravelTimeByAtom { get; init; }

    /// <summary>Mean travel time of each unit's dispatches (null without a travel matrix; NaN for a unit never dispatched).</summary>
    public IReadOnlyList<double>? MeanTravelTimeByUnit { get; init; }

    /// <summary>Approximate only (else null): the correction factors Q(N, rho, j), j = 0..N-1.</summary>
    public IReadOnlyList<double>? CorrectionFactors { get; init; }

    /// <summary>Sweeps the iterative solver used.</summary>
    public required int Iterations { get; init; }

    /// <summary>
    /// Exact only (NaN for the approximation): the largest imbalance |inflow - outflow| over the states, divided by
    /// lambda + sum mu, after solving. A check that the balance equations hold.
    /// </summary>
    public required double BalanceResidual { get; init; }
}
