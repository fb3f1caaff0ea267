namespace PatrolSim.Model.Tests;

/// <summary>
/// Exact Markov chains of the dispatch rules on c identical units with zero travel, Poisson arrivals and
/// exponential times (rates per hour): the oracles of <see cref="DispatchRealismTests"/>. Each chain is written
/// from the rule's definition, not from the model's code; queues are truncated at lengths whose stationary
/// mass is checked to be negligible.
/// </summary>
internal static class DispatchChains
{
    /// <summary>What the reserve chain predicts: waits in minutes.</summary>
    public sealed record ReserveResult(double P1Wait, double P1MeanWait, double P2Wait, double P2MeanWait, double TruncatedMass);

    /// <summary>
    /// Reserve cut-off. Units <paramref name="c"/>, P1 and P2 calls at rates λ1, λ2, service rate μ for both,
    /// non-preemptive priority (P1 first, FIFO within a priority); a P2 call is sent a unit only if at least
    /// <paramref name="r"/> units stay free afterwards, i.e. only while at most c − r units are busy after
    /// sending. State (busy b, waiting P1 q1, waiting P2 q2): P1 waits only when b = c, P2 only when b ≥ c − r.
    /// A unit freed at a call takes the first waiting P1, else the first waiting P2 if b ≤ c − r, else goes idle.
    /// </summary>
    public static ReserveResult Reserve(int c, int r, double lambda1, double lambda2, double mu, int maxQ1 = 12, int maxQ2 = 70)
    {
        var states =
            from b in Enumerable.Range(0, c + 1)
            from q1 in Enumerable.Range(0, b == c ? maxQ1 + 1 : 1)
            from q2 in Enumerable.Range(0, b >= c - r ? maxQ2 + 1 : 1)
            select (B: b, Q1: q1, Q2: q2);

        IEnumerable<((int B, int Q1, int Q2), double)> Next((int B, int Q1, int Q2) s)
        {
            var (b, q1, q2) = s;
            if (b < c)
            {
                yield return ((b + 1, q1, q2), lambda1);
            }
            else if (q1 < maxQ1)
            {
                yield return ((b, q1 + 1, q2), lambda1);
            }

            if (b + 1 <= c - r)
            {
                yield return ((b + 1, q1, q2), lambda2);
            }
            else if (q2 < maxQ2)
            {
                yield return ((b, q1, q2 + 1), lambda2);
            }

            if (b > 0)
            {
                var next = q1 > 0 ? (b, q1 - 1, q2) : q2 > 0 && b <= c - r ? (b, q1, q2 - 1) : (b - 1, q1, q2);
                yield return (next, b * mu);
            }
        }

        var chain = new Ctmc<(int B, int Q1, int Q2)>(states, Next);
        return new ReserveResult(
            P1Wait: chain.Probability(s => s.B == c),
            P1MeanWait: chain.Expectation(s => s.Q1) / lambda1 * 60,
            P2Wait: chain.Probability(s => s.B >= c - r),
            P2MeanWait: chain.Expectation(s => s.Q2) / lambda2 * 60,
            TruncatedMass: chain.Probability(s => s.Q1 == maxQ1 || s.Q2 == maxQ2));
    }

    /// <summary>What the self-initiated chain predicts: preemptions and the wait in calls per day and minutes.</summary>
    public sealed record SelfInitiatedResult(double PWait, double MeanWait, double PreemptionsPerDay, double SelfInitiatedShare, double TruncatedMass);

    /// <summary>
    /// Self-initiated work with or without preemption. Units <paramref name="c"/>, calls at rate λ, service rate μ;
    /// each idle unit starts an activity at rate θ, which lasts an exponential time of rate η. A call takes an idle
    /// unit; if none, with <paramref name="preempt"/> it takes a unit off an activity (the activity is abandoned),
    /// else it waits. A unit freed at a call or an activity takes the first waiting call. State (units on calls k,
    /// units on activities s, waiting calls q).
    /// </summary>
    public static SelfInitiatedResult SelfInitiated(int c, double lambda, double mu, double theta, double eta, bool preempt, int maxQ = 60)
    {
        var states =
            from k in Enumerable.Range(0, c + 1)
            from s in Enumerable.Range(0, c - k + 1)
            from q in Enumerable.Range(0, (preempt ? k == c : k + s == c) ? maxQ + 1 : 1)
            select (K: k, S: s, Q: q);

        IEnumerable<((int K, int S, int Q), double)> Next((int K, int S, int Q) st)
        {
            var (k, s, q) = st;
            int idle = c - k - s;
            if (idle > 0)
            {
                yield return ((k + 1, s, q), lambda);
                yield return ((k, s + 1, q), idle * theta);
            }
            else if (preempt && s > 0)
            {
                yield return ((k + 1, s - 1, q), lambda);
            }
            else if (q < maxQ)
            {
                yield return ((k, s, q + 1), lambda);
            }

            if (k > 0)
            {
                yield return (q > 0 ? (k, s, q - 1) : (k - 1, s, q), k * mu);
            }

            if (s > 0)
            {
                yield return (q > 0 ? (k + 1, s - 1, q - 1) : (k, s - 1, q), s * eta);
            }
        }

        var chain = new Ctmc<(int K, int S, int Q)>(states, Next);
        bool NoIdle((int K, int S, int Q) st) => st.K + st.S == c;
        return new SelfInitiatedResult(
            PWait: chain.Probability(st => NoIdle(st) && (!preempt || st.S == 0)),
            MeanWait: chain.Expectation(st => st.Q) / lambda * 60,
            PreemptionsPerDay: preempt ? lambda * 24 * chain.Probability(st => NoIdle(st) && st.S > 0) : 0,
            SelfInitiatedShare: chain.Expectation(st => st.S) / c,
            TruncatedMass: chain.Probability(st => st.Q == maxQ));
    }
}
