using MathNet.Numerics.LinearAlgebra;

namespace PatrolSim.Model.Tests;

/// <summary>
/// A finite continuous-time Markov chain, solved exactly for its stationary distribution (πQ = 0, Σπ = 1) by a
/// dense LU solve: the independent oracle of the model's dispatch rules. States are values; every
/// transition must lead to a listed state, so a truncation is always explicit in the chain's definition.
/// </summary>
internal sealed class Ctmc<TState>
    where TState : notnull
{
    private readonly List<TState> _states;
    private readonly double[] _pi;

    public Ctmc(IEnumerable<TState> states, Func<TState, IEnumerable<(TState To, double Rate)>> transitions)
    {
        _states = [.. states];
        var index = new Dictionary<TState, int>();
        for (int i = 0; i < _states.Count; i++)
        {
            index.Add(_states[i], i);
        }

        int n = _states.Count;

        // Rows of Qᵀ are the balance equations; the last one is replaced by the normalisation.
        var qt = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            foreach (var (to, rate) in transitions(_states[i]))
            {
                if (rate == 0)
                {
                    continue;
                }

                int j = index.TryGetValue(to, out int k) ? k : throw new InvalidOperationException($"{_states[i]} -> {to}: not a state of the chain.");
                qt[j, i] += rate;
                qt[i, i] -= rate;
            }
        }

        var b = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            qt[n - 1, i] = 1;
        }

        b[n - 1] = 1;
        _pi = [.. qt.Solve(b)];
    }

    /// <summary>Stationary probability of the states satisfying <paramref name="predicate"/>.</summary>
    public double Probability(Func<TState, bool> predicate) => Expectation(s => predicate(s) ? 1 : 0);

    /// <summary>Stationary mean of <paramref name="f"/>.</summary>
    public double Expectation(Func<TState, double> f)
    {
        double sum = 0;
        for (int i = 0; i < _pi.Length; i++)
        {
            sum += _pi[i] * f(_states[i]);
        }

        return sum;
    }
}
