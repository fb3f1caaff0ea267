using System.Globalization;

namespace PatrolSim.Analytic;

/// <summary>
/// Larson's hypercube queueing model (Larson 1974; Larson &amp; Odoni 1981 §5.4–5.5): N distinguishable units, atoms
/// generating Poisson calls, fixed-preference dispatch (each call goes to the first free unit on its atom's list),
/// exponential service, and either lost calls (zero line) or one FCFS queue (infinite line).
/// The constructor validates the inputs once and reports every problem in one <see cref="ArgumentException"/>.
/// </summary>
public sealed class HypercubeModel
{
    /// <summary>Largest N the exact solver accepts (2^N states; memory grows as N 2^N).</summary>
    public const int MaxExactUnits = 18;

    private readonly double[] atomRates;
    private readonly int[][] completed;
    private readonly double[] unitRates;

    /// <summary>Validates <paramref name="input"/> and prepares the model.</summary>
    /// <exception cref="ArgumentException">Lists every invalid value: rates, preference lists, travel matrix, stability.</exception>
    public HypercubeModel(HypercubeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid hypercube model input:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)),
                nameof(input));
        }

        Input = input;
        N = input.Units;
        atomRates = [.. input.AtomRates];
        TotalArrivalRate = atomRates.Sum();
        unitRates = input.UnitServiceRates is { } rates ? [.. rates] : Enumerable.Repeat(input.ServiceRate, N).ToArray();
        TotalServiceRate = unitRates.Sum();
        completed = new int[atomRates.Length][];
        for (int j = 0; j < atomRates.Length; j++)
        {
            completed[j] = Complete(input.Preferences[j], N);
        }

        Groups = GroupAtoms(completed, atomRates);
    }

    /// <summary>The validated input.</summary>
    public HypercubeInput Input { get; }

    /// <summary>Number of units.</summary>
    public int N { get; }

    /// <summary>Number of atoms.</summary>
    public int Atoms => atomRates.Length;

    /// <summary>Total call rate lambda.</summary>
    public double TotalArrivalRate { get; }

    /// <summary>Sum of the units' service rates.</summary>
    public double TotalServiceRate { get; }

    /// <summary>Service rate of each unit.</summary>
    public IReadOnlyList<double> UnitServiceRates => unitRates;

    /// <summary>True when every unit has the same service rate.</summary>
    public bool EqualServiceRates => unitRates.All(m => m == unitRates[0]);

    /// <summary>Atoms grouped by identical completed preference lists (the solvers only need the group rates).</summary>
    internal IReadOnlyList<PreferenceGroup> Groups { get; }

    internal IReadOnlyList<double> AtomRateArray => atomRates;

    /// <summary>
    /// The full dispatch order used for atom <paramref name="atom"/>: its list, then every unlisted unit in ascending
    /// index order. A simulation reproducing the model should dispatch by this order.
    /// </summary>
    public IReadOnlyList<int> CompletedPreference(int atom) => completed[atom];

    /// <summary>Solves the 2^N balance equations exactly (Gauss–Seidel with level aggregation; N &lt;= <see cref="MaxExactUnits"/>).</summary>
    /// <exception cref="ArgumentException">N exceeds <see cref="MaxExactUnits"/>.</exception>
    /// <exception cref="InvalidOperationException">The iteration did not converge within the options' limit.</exception>
    public HypercubeResult SolveExact(HypercubeSolverOptions? options = null) =>
        HypercubeExactSolver.Solve(this, options ?? HypercubeSolverOptions.Default);

    /// <summary>Larson's 1975 approximation: N workload equations with correction factors Q(N, rho, j); for hundreds of units.</summary>
    /// <exception cref="ArgumentException">Per-unit service rates differ (the approximation assumes one mu).</exception>
    /// <exception cref="InvalidOperationException">The iteration did not converge within the options' limit.</exception>
    public HypercubeResult SolveApproximate(HypercubeSolverOptions? options = null) =>
        HypercubeApproximation.Solve(this, options ?? HypercubeSolverOptions.Default);

    /// <summary>Every problem with <paramref name="input"/>, one message each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(HypercubeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        var ci = CultureInfo.InvariantCulture;
        int n = input.Units;
        if (n < 1)
        {
            errors.Add(string.Create(ci, $"Units is {n}: the model needs at least 1 unit."));
        }

        if (input.AtomRates is null || input.AtomRates.Count == 0)
        {
            errors.Add("AtomRates is empty: give the call rate of at least one atom.");
        }
        else
        {
            for (int j = 0; j < input.AtomRates.Count; j++)
            {
                double r = input.AtomRates[j];
                if (!double.IsFinite(r) || r < 0)
                {
                    errors.Add(string.Create(ci, $"AtomRates[{j}] is {Guard.Format(r)}: arrival rates must be finite numbers >= 0."));
                }
            }

            if (input.AtomRates.All(r => double.IsFinite(r) && r >= 0) && input.AtomRates.Sum() <= 0)
            {
                errors.Add("AtomRates are all 0: at least one atom must generate calls.");
            }
        }

        int atoms = input.AtomRates?.Count ?? 0;
        if (input.Preferences is null)
        {
            errors.Add("Preferences is missing: give one preference list per atom.");
        }
        else
        {
            if (input.Preferences.Count != atoms)
            {
                errors.Add(string.Create(ci, $"Preferences has {input.Preferences.Count} lists but there are {atoms} atoms: give exactly one list per atom."));
            }

            for (int j = 0; j < input.Preferences.Count; j++)
            {
                var list = input.Preferences[j];
                if (list is null || list.Count == 0)
                {
                    errors.Add(string.Create(ci, $"Preferences[{j}] is empty: list at least the atom's first-choice unit."));
                    continue;
                }

                var seen = new HashSet<int>();
                foreach (int unit in list)
                {
                    if (unit < 0 || unit >= n)
                    {
                        errors.Add(string.Create(ci, $"Preferences[{j}] names unit {unit}, which does not exist: units are numbered 0 to {n - 1}."));
                    }
                    else if (!seen.Add(unit))
                    {
                        errors.Add(string.Create(ci, $"Preferences[{j}] names unit {unit} twice: each unit may appear once per list."));
                    }
                }
            }
        }

        double mu = input.ServiceRate;
        if (!double.IsFinite(mu) || mu <= 0)
        {
            errors.Add(string.Create(ci, $"ServiceRate is {Guard.Format(mu)}: it must be a finite number > 0."));
        }

        double totalMu = n * mu;
        if (input.UnitServiceRates is { } unitMus)
        {
            if (unitMus.Count != n)
            {
                errors.Add(string.Create(ci, $"UnitServiceRates has {unitMus.Count} entries but there are {n} units: give one rate per unit."));
            }

            for (int u = 0; u < unitMus.Count; u++)
            {
                if (!double.IsFinite(unitMus[u]) || unitMus[u] <= 0)
                {
                    errors.Add(string.Create(ci, $"UnitServiceRates[{u}] is {Guard.Format(unitMus[u])}: it must be a finite number > 0."));
                }
            }

            totalMu = unitMus.Sum();
        }

        if (!Enum.IsDefined(input.LineCapacity))
        {
            errors.Add(string.Create(ci, $"LineCapacity is {(int)input.LineCapacity}: it must be Zero or Infinite."));
        }

        if (input.LineCapacity == LineCapacity.Infinite && atoms > 0 && double.IsFinite(totalMu) && totalMu > 0)
        {
            double lambda = input.AtomRates!.Where(double.IsFinite).Sum();
            if (lambda >= totalMu)
            {
                errors.Add(string.Create(
                    ci,
                    $"Infinite line with total call rate {Guard.Format(lambda)} and total service rate {Guard.Format(totalMu)}: utilisation rho = {Guard.Format(lambda / totalMu)} >= 1, so the queue grows without bound; add units, reduce the load, or use LineCapacity.Zero."));
            }
        }

        if (input.TravelTimes is { } travel)
        {
            if (travel.Count != atoms)
            {
                errors.Add(string.Create(ci, $"TravelTimes has {travel.Count} rows but there are {atoms} atoms: give one row per atom."));
            }

            for (int j = 0; j < travel.Count; j++)
            {
                var row = travel[j];
                if (row is null || row.Count != n)
                {
                    errors.Add(string.Create(ci, $"TravelTimes[{j}] has {row?.Count ?? 0} entries but there are {n} units: give one travel time per unit."));
                    continue;
                }

                for (int u = 0; u < row.Count; u++)
                {
                    if (!double.IsFinite(row[u]) || row[u] < 0)
                    {
                        errors.Add(string.Create(ci, $"TravelTimes[{j}][{u}] is {Guard.Format(row[u])}: travel times must be finite numbers >= 0."));
                    }
                }
            }
        }

        return errors;
    }

    private static int[] Complete(IReadOnlyList<int> list, int units)
    {
        var order = new List<int>(units);
        var listed = new bool[units];
        foreach (int u in list)
        {
            order.Add(u);
            listed[u] = true;
        }

        for (int u = 0; u < units; u++)
        {
            if (!listed[u])
            {
                order.Add(u);
            }
        }

        return [.. order];
    }

    private static PreferenceGroup[] GroupAtoms(int[][] lists, double[] rates)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(int[] Order, double Rate, List<int> Atoms)>();
        for (int j = 0; j < lists.Length; j++)
        {
            string key = string.Join(',', lists[j].Select(u => u.ToString(CultureInfo.InvariantCulture)));
            if (!byKey.TryGetValue(key, out int g))
            {
                g = groups.Count;
                byKey.Add(key, g);
                groups.Add((lists[j], 0, []));
            }

            var entry = groups[g];
            entry.Rate += rates[j];
            entry.Atoms.Add(j);
            groups[g] = entry;
        }

        return [.. groups.Select(g => new PreferenceGroup(g.Order, g.Rate, [.. g.Atoms]))];
    }
}

/// <summary>Atoms sharing one completed dispatch order, with their summed call rate.</summary>
internal sealed record PreferenceGroup(int[] Order, double Rate, int[] Atoms);
