namespace PatrolSim.Engine.Random;

/// <summary>
/// Walker's alias method (Vose's stable construction): draws index i with probability wᵢ / Σw in O(1)
/// with one uniform. Built once; sampling allocates nothing.
/// </summary>
public sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    /// <summary>Builds the table from non-negative weights with a positive finite sum.</summary>
    public AliasTable(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.Count;
        if (n == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                throw new ArgumentException($"Weight {i} is {w}; weights must be finite and non-negative.", nameof(weights));
            }

            sum += w;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("The weights must not all be zero.", nameof(weights));
        }

        _probability = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / sum;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop();
            int l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        while (large.Count > 0)
        {
            int l = large.Pop();
            _probability[l] = 1.0;
            _alias[l] = l;
        }

        while (small.Count > 0)
        {
            // Only reached through rounding: these columns are full.
            int s = small.Pop();
            _probability[s] = 1.0;
            _alias[s] = s;
        }
    }

    /// <summary>Number of outcomes.</summary>
    public int Count => _probability.Length;

    /// <summary>Draws an index.</summary>
    public int Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Sample(rng.NextDouble());
    }

    /// <summary>
    /// The index drawn by the uniform <paramref name="uniform"/> in [0, 1): for callers that take their
    /// draws from a stream of their own (one uniform per draw, as <see cref="Sample(Xoshiro256)"/> uses).
    /// </summary>
    public int Sample(double uniform)
    {
        double u = uniform * _probability.Length;
        int column = (int)u;
        if (column >= _probability.Length)
        {
            column = _probability.Length - 1;
        }

        return u - column < _probability[column] ? column : _alias[column];
    }
}
