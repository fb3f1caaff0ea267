using System.Globalization;
using PatrolSim.Output;

namespace PatrolSim.Experiments.Sweeps.Designs;

/// <summary>The kinds of sweep design (docs/sweeps.md, "Designs").</summary>
public enum DesignKind
{
    /// <summary>Cartesian product of <c>grid</c> keys and <c>zip</c> groups.</summary>
    Grid,

    /// <summary>Latin hypercube over <c>ranges</c>.</summary>
    Lhs,

    /// <summary>Sobol' points over <c>ranges</c>.</summary>
    Sobol,

    /// <summary>Saltelli's A, B, AB_i scheme for Sobol' indices.</summary>
    Saltelli,

    /// <summary>Morris trajectories for elementary effects.</summary>
    Morris,
}

/// <summary>The <c>design:</c> of a sweep file: kind, samples (base samples N for saltelli, trajectories r for morris), seed and, for morris, grid levels.</summary>
public sealed record DesignSpec(DesignKind Kind, long Samples = 0, ulong? Seed = null, int Levels = 4)
{
    /// <summary>The full grid (no design key).</summary>
    public static DesignSpec Grid { get; } = new(DesignKind.Grid);

    /// <summary>The kind as written in sweep files: grid, lhs, sobol, saltelli, morris.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <summary>Kinds by name.</summary>
    public static IReadOnlyDictionary<string, DesignKind> Kinds { get; } =
        Enum.GetValues<DesignKind>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => k, StringComparer.Ordinal);

    /// <summary>Points of the design over <paramref name="dimensions"/> parameters (not for grids).</summary>
    public long PointsFor(int dimensions) => Kind switch
    {
        DesignKind.Lhs or DesignKind.Sobol => Samples,
        DesignKind.Saltelli => Samples * (dimensions + 2),
        DesignKind.Morris => Samples * (dimensions + 1),
        _ => throw new InvalidOperationException("a grid has no unit design"),
    };

    /// <summary>The unit-cube design over <paramref name="dimensions"/> parameters (not for grids).</summary>
    public UnitDesign Create(int dimensions) => Kind switch
    {
        DesignKind.Lhs => new LatinHypercube(dimensions, Samples, Seed ?? 1),
        DesignKind.Sobol => new SobolDesign(dimensions, Samples, Seed),
        DesignKind.Saltelli => new SaltelliDesign(dimensions, Samples, Seed),
        DesignKind.Morris => new MorrisDesign(dimensions, Samples, Levels, Seed ?? 1),
        _ => throw new InvalidOperationException("a grid has no unit design"),
    };
}

/// <summary>How a parameter's range is read.</summary>
public enum RangeKind
{
    /// <summary><c>[lo, hi]</c>: any real number.</summary>
    Continuous,

    /// <summary><c>{ integer: [lo, hi] }</c>: whole numbers lo … hi, equally likely.</summary>
    Integer,

    /// <summary><c>{ levels: [a, b, …] }</c>: one of the listed values, equally likely.</summary>
    Levels,
}

/// <summary>
/// One parameter of a design: its key and range. A unit coordinate u in [0, 1] maps to lo + u (hi − lo) (continuous), or
/// to the ⌊u n⌋-th of the n integers or levels (u = 1 gives the last), so every value is equally likely under a uniform u.
/// </summary>
public sealed record ParameterRange(string Key, RangeKind Kind, double Low, double High, IReadOnlyList<string> Levels)
{
    /// <summary>Number of distinct values (integers or levels); 0 for a continuous range.</summary>
    public long Count => Kind switch
    {
        RangeKind.Integer => (long)(High - Low) + 1,
        RangeKind.Levels => Levels.Count,
        _ => 0,
    };

    /// <summary>Whether every value is a number (a continuous or integer range, or levels that are all numbers).</summary>
    public bool IsNumeric => Kind != RangeKind.Levels
        || Levels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>The value at unit coordinate <paramref name="u"/>, as written into --set overrides and results.</summary>
    public string ValueAt(double u) => Kind switch
    {
        RangeKind.Continuous => Numbers.RoundTrip(Low + (Math.Clamp(u, 0, 1) * (High - Low))),
        RangeKind.Integer => ((long)Low + Index(u)).ToString(CultureInfo.InvariantCulture),
        _ => Levels[(int)Index(u)],
    };

    private long Index(double u)
    {
        // The nudge keeps grid coordinates such as 1/3 (a Morris level) from landing one value low through rounding.
        long i = (long)Math.Floor((Math.Clamp(u, 0, 1) * Count) + 1e-9);
        return Math.Min(i, Count - 1);
    }

    /// <summary>"[lo, hi]", "integers lo…hi" or "levels a, b, c" for messages and reports.</summary>
    public string Describe() => Kind switch
    {
        RangeKind.Continuous => string.Create(CultureInfo.InvariantCulture, $"[{Numbers.RoundTrip(Low)}, {Numbers.RoundTrip(High)}]"),
        RangeKind.Integer => string.Create(CultureInfo.InvariantCulture, $"integers {Low}…{High}"),
        _ => "levels " + string.Join(", ", Levels),
    };
}
