namespace PatrolSim.Analytic;

/// <summary>What happens to a call that arrives when every unit is busy.</summary>
public enum LineCapacity
{
    /// <summary>Zero line: the call is lost (served elsewhere); the model is an M/M/N/N loss system in aggregate.</summary>
    Zero,

    /// <summary>Infinite line: the call waits in one FCFS queue and goes to the first unit to free; M/M/N in aggregate.</summary>
    Infinite,
}

/// <summary>
/// Inputs of Larson's hypercube queueing model. Units and atoms are numbered from 0. All rates share one time unit.
/// </summary>
public sealed record HypercubeInput
{
    /// <summary>Poisson call rate of each atom (reporting area); at least one must be positive.</summary>
    public required IReadOnlyList<double> AtomRates { get; init; }

    /// <summary>
    /// Dispatch preference list of each atom: unit indices, most preferred first; a call goes to the first free unit.
    /// A list may be partial: the units it does not name follow, in ascending index order (see
    /// <see cref="HypercubeModel.CompletedPreference"/>), so a call is served whenever any unit is free.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<int>> Preferences { get; init; }

    /// <summary>Number of units N.</summary>
    public required int Units { get; init; }

    /// <summary>Exponential service rate mu of every unit (1 / mean time busy per call). Default 1.</summary>
    public double ServiceRate { get; init; } = 1;

    /// <summary>Optional per-unit service rates overriding <see cref="ServiceRate"/> (exact solution only).</summary>
    public IReadOnlyList<double>? UnitServiceRates { get; init; }

    /// <summary>Infinite line (FCFS queue) or zero line (lost calls). Default infinite.</summary>
    public LineCapacity LineCapacity { get; init; } = LineCapacity.Infinite;

    /// <summary>Optional mean travel time t[atom][unit] from unit to atom; enables the travel-time results.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? TravelTimes { get; init; }
}

/// <summary>Numerical settings of the hypercube solvers.</summary>
public sealed record HypercubeSolverOptions
{
    /// <summary>Default settings: tolerance 1e-12, at most 100 000 sweeps.</summary>
    public static HypercubeSolverOptions Default { get; } = new();

    /// <summary>
    /// Convergence tolerance: the exact solver stops when the estimated remaining L1 error of the state probabilities
    /// (sweep change × q / (1 - q), q the observed contraction ratio) is below it; the approximation applies the same
    /// rule to the largest workload change.
    /// </summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>Give up (InvalidOperationException) after this many sweeps.</summary>
    public int MaxIterations { get; init; } = 100_000;
}
