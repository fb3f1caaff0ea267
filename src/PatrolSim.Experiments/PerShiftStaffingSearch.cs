using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments;

/// <summary>A per-shift staffing search: the targets, the replications per candidate and for the confirmation, and a bound on the work.</summary>
/// <param name="Targets">Every target must be met at its 95% CI bound.</param>
/// <param name="Replications">Replications per candidate roster during the descent.</param>
/// <param name="ConfirmReplications">Replications of the confirming descent (at least <paramref name="Replications"/>).</param>
/// <param name="Seed">Master seed, the same for every candidate (common random numbers).</param>
/// <param name="Parallelism">Threads.</param>
/// <param name="MaxEvaluations">Most candidate rosters simulated before a removal is tried (the starting rosters and the one-fewer rows of the answer are always simulated).</param>
public sealed record PerShiftQuestion(IReadOnlyList<StaffingTarget> Targets, int Replications, int ConfirmReplications, ulong Seed,
    int Parallelism, int MaxEvaluations)
{
    /// <summary>Candidates simulated at most unless another bound is given.</summary>
    public const int DefaultMaxEvaluations = 300;

    /// <summary>Builds a question, the confirmation defaulting to three times the replications.</summary>
    /// <exception cref="ExperimentException">Every problem with the replications or the bound.</exception>
    public static PerShiftQuestion Create(IReadOnlyList<StaffingTarget> targets, int replications, int? confirmReplications, ulong seed,
        int parallelism, int? maxEvaluations)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var problems = new List<Problem>();
        int confirm = confirmReplications ?? (3 * replications);
        int max = maxEvaluations ?? DefaultMaxEvaluations;
        if (replications < 2)
        {
            problems.Add(Problem.Of($"{Terms.Replications} must be at least 2: targets are judged at a confidence bound"));
        }

        if (confirm < replications)
        {
            problems.Add(Problem.Of($"{Terms.ConfirmReplications} {confirm} must be at least {Terms.Replications} {replications}: the answer is confirmed with more replications, not fewer"));
        }

        if (max < 1)
        {
            problems.Add(Problem.Of($"{Terms.MaxEvaluations} {max} must be at least 1"));
        }

        return problems.Count > 0
            ? throw new ExperimentException(problems)
            : new PerShiftQuestion(targets, replications, confirm, seed, parallelism, max);
    }
}

/// <summary>How a shift's officers ride: two-officer units and solo units.</summary>
/// <param name="Officers">Officers on duty.</param>
/// <param name="Pairs">Two-officer units.</param>
public readonly record struct ShiftCrews(int Officers, int Pairs)
{
    /// <summary>Solo units.</summary>
    public int Solo => Officers - (2 * Pairs);
}

/// <summary>One candidate roster simulated: officers per shift (in scenario order), the run and, per target, whether it holds.</summary>
/// <param name="Officers">Officers on each shift.</param>
/// <param name="Run">The replications and summary.</param>
/// <param name="Met">Per target, whether it holds at its CI bound.</param>
public sealed record RosterRun(IReadOnlyList<int> Officers, RunSummary Run, IReadOnlyList<bool> Met)
{
    /// <summary>Whether every target is met.</summary>
    public bool MeetsAll => Met.All(m => m);

    /// <summary>Officer-shifts a day: the sum of the shifts' officers.</summary>
    public int OfficerShifts => Officers.Sum();
}

/// <summary>The answer of a per-shift search.</summary>
/// <param name="Shifts">The scenario's shifts (names, starts, hours).</param>
/// <param name="Steps">Officers removed at a time on each shift: 2 on an all-paired shift, 1 otherwise.</param>
/// <param name="Start">Officers per shift in the scenario (after its scale).</param>
/// <param name="Chosen">The roster found, simulated with the confirmation replications; null when no roster tried meets every target.</param>
/// <param name="OneFewer">Per shift, <paramref name="Chosen"/> with one step fewer on that shift (same replications), or null where the shift is already empty.</param>
/// <param name="Evaluations">Candidate rosters simulated, the one-fewer rows included.</param>
/// <param name="BudgetReached">The search stopped at the bound on evaluations: the roster meets the targets but may not be the smallest.</param>
/// <param name="Confirmation">The chosen roster on fresh replications (indices ConfirmReplications … 2 × ConfirmReplications − 1), or null when nothing was chosen.</param>
public sealed record PerShiftAnswer(IReadOnlyList<Shift> Shifts, IReadOnlyList<int> Steps, IReadOnlyList<int> Start, RosterRun? Chosen,
    IReadOnlyList<RosterRun?> OneFewer, int Evaluations, bool BudgetReached, Confirmation? Confirmation = null);

/// <summary>The answer of a per-shift search within a budget.</summary>
/// <param name="Shifts">The scenario's shifts (names, starts, hours).</param>
/// <param name="Steps">Officers added at a time on each shift: 2 on an all-paired shift, 1 otherwise.</param>
/// <param name="Start">Officers per shift in the scenario (after its scale).</param>
/// <param name="Chosen">The roster found, simulated with the confirmation replications; null when no roster tried is within the budget.</param>
/// <param name="Path">The ascent: the starting roster within the budget, then each roster it moved to (first at the search's replications, then at the confirmation's).</param>
/// <param name="OneMore">Per shift, <paramref name="Chosen"/> with one step more on that shift (confirmation replications): over the budget.</param>
/// <param name="Evaluations">Candidate rosters simulated.</param>
/// <param name="BudgetReached">The search stopped at the bound on evaluations: the roster is within the budget but more might be bought.</param>
/// <param name="Confirmation">The chosen roster's budget figure on fresh replications (indices ConfirmReplications … 2 × ConfirmReplications − 1), or null when nothing was chosen.</param>
public sealed record PerShiftBudgetAnswer(IReadOnlyList<Shift> Shifts, IReadOnlyList<int> Steps, IReadOnlyList<int> Start, RosterRun? Chosen,
    IReadOnlyList<RosterRun> Path, IReadOnlyList<RosterRun?> OneMore, int Evaluations, bool BudgetReached, Confirmation? Confirmation = null);

/// <summary>
/// Finds the fewest officers on each shift meeting every target at its 95% CI bound. Every candidate roster is
/// simulated with the same seed (common random numbers), so rosters differ only by their staffing, not their calls.
/// <list type="number">
/// <item>Start from the scenario's officers (all-paired shifts rounded up to even); if they miss a target, scale
/// every shift by 1.25, 1.25², … (up to about 4.8 times) until a roster meets them all.</item>
/// <item>Greedy descent: simulate every roster with one step fewer on a single shift (2 officers on an all-paired
/// shift, 1 otherwise); among those still meeting every target, keep the one whose removal hurts least per officer
/// removed (the smallest drop of the tightest target's margin); stop when no single removal keeps the targets.</item>
/// <item>Confirm with more replications: the descent's answer (or, if it fails, the last roster on its path that
/// passes) starts the same descent again with the confirmation replications. Its final round is the
/// one-fewer comparison: every shift with one step fewer misses a target.</item>
/// <item>Confirm independently: the chosen roster on <c>ConfirmReplications</c> fresh replications, numbered after every
/// replication the search used (ConfirmReplications … 2 × ConfirmReplications − 1), with the share of them meeting each
/// target. The descents chose the roster on their own replications, so only fresh ones can check it.</item>
/// </list>
/// Assumes the metrics improve as officers are added; the answer is a local minimum of officer-shifts, not
/// necessarily the global one.
/// </summary>
public static class PerShiftStaffingSearch
{
    private static readonly double[] Growth = [1.25, 1.5625, 1.953125, 2.44140625, 3.0517578125, 3.814697265625, 4.76837158203125];

    /// <summary>
    /// Crews of <paramref name="officers"/> on shift <paramref name="shift"/> under the scenario's crew policy:
    /// pairs = round(officers × share / 2), at most officers / 2; the rest ride alone (as the simulation's roster forms them).
    /// </summary>
    public static ShiftCrews CrewsOf(Scenario scenario, int shift, int officers)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double share = Staffing.TwoOfficerShareOf(scenario.Staffing.Shifts[shift], scenario.Policy.Crew.TwoOfficerShare);
        return new ShiftCrews(officers, Staffing.PairsOf(officers, share));
    }

    /// <summary>The scenario overrides that put <paramref name="officers"/> on each shift: scale 1 and each shift's officers.</summary>
    public static IReadOnlyList<string> Assignments(IReadOnlyList<int> officers)
    {
        ArgumentNullException.ThrowIfNull(officers);
        return ["staffing.scale=1", .. officers.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"staffing.shifts.{i}.officers={n}"))];
    }

    /// <summary>
    /// Runs the search on <paramref name="scenario"/>. <paramref name="scenarioAt"/> builds the scenario for officers
    /// per shift (e.g. by loading it with <see cref="Assignments"/>); <paramref name="progress"/> receives the number
    /// of candidates simulated so far.
    /// </summary>
    public static PerShiftAnswer Find(PerShiftQuestion question, Scenario scenario, Func<IReadOnlyList<int>, Scenario> scenarioAt,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(scenarioAt);
        var (shifts, steps, start) = RosterOf(scenario);
        var search = new Search(question, scenarioAt, progress, cancellationToken);

        int[] first = RoundUp(start, steps);
        var candidates = new List<int[]> { first };
        candidates.AddRange(Growth.Select(f => RoundUp(first.Select(n => (int)Math.Ceiling(Math.Max(n, 1) * f)).ToArray(), steps)));
        var path = search.Descend(candidates, steps, question.Replications);
        if (path.Count == 0)
        {
            return new PerShiftAnswer(shifts, steps, start, null, [], search.Evaluations, search.BudgetReached);
        }

        // Confirm: the answer first, then back up its path, then the larger scaled rosters.
        var confirmFrom = path.AsEnumerable().Reverse().Select(r => r.Officers.ToArray())
            .Concat(candidates.Where(c => c.Sum() > path[0].OfficerShifts)).ToList();
        var confirmed = search.Descend(confirmFrom, steps, question.ConfirmReplications);
        if (confirmed.Count == 0)
        {
            return new PerShiftAnswer(shifts, steps, start, null, [], search.Evaluations, search.BudgetReached);
        }

        var chosen = confirmed[^1];
        var oneFewer = Enumerable.Range(0, shifts.Count)
            .Select(i => Less(chosen.Officers, i, steps[i]) is { } fewer ? search.Evaluate(fewer, question.ConfirmReplications) : null)
            .ToArray();
        var confirmation = Confirmation.Of(scenarioAt(chosen.Officers), question.Targets, question.ConfirmReplications, question.ConfirmReplications,
            question.Seed, question.Parallelism, cancellationToken);
        return new PerShiftAnswer(shifts, steps, start, chosen, oneFewer, search.Evaluations, search.BudgetReached, confirmation);
    }

    /// <summary>
    /// The best roster within a budget ("the best P1 response for at most 300 FTEs", shift by shift):
    /// <list type="number">
    /// <item>Start from the scenario's officers (all-paired shifts rounded down to even); while they are over the budget at
    /// its upper 95% bound, scale every shift by 0.8, 0.8², … (down to about a tenth).</item>
    /// <item>Greedy ascent with the same seed for every roster: try one step more on each shift; among the rosters still
    /// within the budget keep the one that improves <paramref name="best"/> most per officer-hour a year added (the least
    /// worse when noise hides any improvement: more officers are assumed never to hurt, so the budget is spent); stop when
    /// none is within the budget.</item>
    /// <item>Confirm with more replications: from the last roster of the path within the budget at the confirmation's
    /// bound, the same ascent again at those replications; its last round is the one-more comparison (each shift with one
    /// step more is over the budget, unless the bound on evaluations stopped the search).</item>
    /// <item>Confirm independently: the chosen roster's budget figure on <c>ConfirmReplications</c> fresh replications
    /// (ConfirmReplications … 2 × ConfirmReplications − 1), with the share of them within it.</item>
    /// </list>
    /// Assumes more officers never make <paramref name="best"/> worse; the answer is a local optimum. The question's targets are not used.
    /// </summary>
    public static PerShiftBudgetAnswer FindWithinBudget(PerShiftQuestion question, StaffingTarget budget, MetricSelector best, Scenario scenario,
        Func<IReadOnlyList<int>, Scenario> scenarioAt, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(scenarioAt);
        var (shifts, steps, start) = RosterOf(scenario);
        var search = new Search(question, scenarioAt, progress, cancellationToken);
        bool Within(RosterRun r) => r.Run.Get(budget.Metric.Metric.Name, budget.Metric.Priority) is { } ci && budget.IsMetBy(ci);
        double Objective(RosterRun r)
        {
            double v = r.Run.Get(best.Metric.Name, best.Priority)?.Mean ?? double.NaN;
            return double.IsNaN(v) ? double.PositiveInfinity : best.Metric.Better == Model.Metrics.Better.Higher ? -v : v;
        }

        int[] RoundDown(IEnumerable<int> officers) => officers.Select((n, i) => n / steps[i] * steps[i]).ToArray();
        var starts = Enumerable.Range(0, 11).Select(k => RoundDown(start.Select(n => (int)Math.Floor(n * Math.Pow(0.8, k)))));
        RosterRun? current = starts.Select(r => search.Evaluate(r, question.Replications)).FirstOrDefault(Within);
        if (current is null)
        {
            return new PerShiftBudgetAnswer(shifts, steps, start, null, [], [], search.Evaluations, search.BudgetReached);
        }

        // The ascent from a roster within the budget at these replications: one step more on the shift that helps most.
        List<RosterRun> Ascend(RosterRun from, int replications)
        {
            var path = new List<RosterRun> { from };
            while (true)
            {
                var current = path[^1];
                RosterRun? next = null;
                double bestGain = double.NegativeInfinity;
                for (int i = 0; i < shifts.Count && search.HasBudget(); i++)
                {
                    var candidate = search.Evaluate(More(current.Officers, i), replications);
                    double hours = candidate.Run.Basis.RosterOfficerHoursPerYear - current.Run.Basis.RosterOfficerHoursPerYear;
                    double gain = (Objective(current) - Objective(candidate)) / hours;
                    if (Within(candidate) && hours > 0 && gain > bestGain)
                    {
                        (next, bestGain) = (candidate, gain);
                    }
                }

                if (next is null)
                {
                    return path;
                }

                path.Add(next);
            }
        }

        int[] More(IReadOnlyList<int> officers, int shift)
        {
            var more = officers.ToArray();
            more[shift] += steps[shift];
            return more;
        }

        var path = Ascend(current, question.Replications);

        // Confirm: the last roster of the path within the budget at the confirmation's replications, and the ascent again
        // from there at those replications; its last round is the one-more comparison.
        var confirmed = path.AsEnumerable().Reverse().Select(r => search.Evaluate(r.Officers, question.ConfirmReplications)).FirstOrDefault(Within);
        if (confirmed is null)
        {
            return new PerShiftBudgetAnswer(shifts, steps, start, null, path, [], search.Evaluations, search.BudgetReached);
        }

        var finalPath = Ascend(confirmed, question.ConfirmReplications);
        var chosen = finalPath[^1];
        path.AddRange(finalPath.Skip(1));
        var oneMore = Enumerable.Range(0, shifts.Count).Select(i => (RosterRun?)search.Evaluate(More(chosen.Officers, i), question.ConfirmReplications)).ToArray();
        var confirmation = Confirmation.Of(scenarioAt(chosen.Officers), [budget], question.ConfirmReplications, question.ConfirmReplications,
            question.Seed, question.Parallelism, cancellationToken);
        return new PerShiftBudgetAnswer(shifts, steps, start, chosen, path, oneMore, search.Evaluations, search.BudgetReached, confirmation);
    }

    /// <summary>The scenario's shifts, the step on each (2 on an all-paired shift, 1 otherwise) and its officers per shift (after its scale).</summary>
    private static (IReadOnlyList<Shift> Shifts, int[] Steps, int[] Start) RosterOf(Scenario scenario)
    {
        var shifts = scenario.Staffing.Shifts;
        return (shifts, shifts.Select((_, i) => IsAllPaired(scenario, i) ? 2 : 1).ToArray(), shifts.Select(s => scenario.Staffing.OfficersOf(s)).ToArray());
    }

    /// <summary>Whether every officer of the shift rides in a pair (a crew share of 1).</summary>
    private static bool IsAllPaired(Scenario scenario, int shift) =>
        Staffing.TwoOfficerShareOf(scenario.Staffing.Shifts[shift], scenario.Policy.Crew.TwoOfficerShare) >= 1;

    private static int[] RoundUp(int[] officers, int[] steps) =>
        officers.Select((n, i) => (n + steps[i] - 1) / steps[i] * steps[i]).ToArray();

    /// <summary>The roster with <paramref name="step"/> fewer on shift <paramref name="shift"/>, or null if it would go below zero.</summary>
    private static int[]? Less(IReadOnlyList<int> officers, int shift, int step)
    {
        if (officers[shift] < step)
        {
            return null;
        }

        var fewer = officers.ToArray();
        fewer[shift] -= step;
        return fewer;
    }

    /// <summary>
    /// The margin of the tightest target, relative to its threshold: (value − upper bound) / |value| for ≤,
    /// (lower bound − value) / |value| for ≥ (|value| taken as 1 when it is 0). Non-negative when every target holds.
    /// </summary>
    private static double Margin(PerShiftQuestion question, RunSummary run) =>
        question.Targets.Count == 0 ? 0 : question.Targets.Min(t =>
        {
            if (run.Get(t.Metric.Metric.Name, t.Metric.Priority) is not { } ci)
            {
                return double.NegativeInfinity;
            }

            double scale = t.Value == 0 ? 1 : Math.Abs(t.Value);
            double margin = t.Bound == TargetBound.AtMost ? (t.Value - ci.High) / scale : (ci.Low - t.Value) / scale;
            return double.IsNaN(margin) ? double.NegativeInfinity : margin;
        });

    /// <summary>The simulations of one search: cached by roster and replications, counted against the bound.</summary>
    private sealed class Search(PerShiftQuestion question, Func<IReadOnlyList<int>, Scenario> scenarioAt, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, RosterRun> _runs = [];

        public int Evaluations { get; private set; }

        public bool BudgetReached { get; private set; }

        public RosterRun Evaluate(IReadOnlyList<int> officers, int replications)
        {
            string key = string.Join(',', officers) + "/" + replications.ToString(CultureInfo.InvariantCulture);
            if (!_runs.TryGetValue(key, out var roster))
            {
                var run = ReplicationRunner.Run(scenarioAt(officers), replications, question.Seed, question.Parallelism, cancellationToken: cancellationToken);
                var met = question.Targets.Select(t => run.Get(t.Metric.Metric.Name, t.Metric.Priority) is { } ci && t.IsMetBy(ci)).ToArray();
                roster = new RosterRun(officers.ToArray(), run, met);
                _runs[key] = roster;
                Evaluations++;
                progress?.Report(Evaluations);
            }

            return roster;
        }

        /// <summary>
        /// The descent at <paramref name="replications"/>: from the first of <paramref name="starts"/> meeting every
        /// target, remove a step at a time while some single removal keeps them all. Returns the path (start first,
        /// answer last), or empty when no start meets the targets.
        /// </summary>
        public List<RosterRun> Descend(IEnumerable<int[]> starts, int[] steps, int replications)
        {
            var path = new List<RosterRun>();
            // The starts are few (the scaled rosters and a path) and not counted against the bound: it bounds the descent.
            foreach (var start in starts)
            {
                if (Evaluate(start, replications) is { MeetsAll: true } passing)
                {
                    path.Add(passing);
                    break;
                }
            }

            while (path.Count > 0)
            {
                var current = path[^1];
                double margin = Margin(question, current.Run);
                RosterRun? best = null;
                double bestHurt = double.PositiveInfinity;
                for (int i = 0; i < steps.Length; i++)
                {
                    if (Less(current.Officers, i, steps[i]) is not { } fewer)
                    {
                        continue;
                    }

                    if (!HasBudget())
                    {
                        return path;
                    }

                    var candidate = Evaluate(fewer, replications);
                    double hurt = (margin - Margin(question, candidate.Run)) / steps[i];
                    if (candidate.MeetsAll && hurt < bestHurt)
                    {
                        (best, bestHurt) = (candidate, hurt);
                    }
                }

                if (best is null)
                {
                    break;
                }

                path.Add(best);
            }

            return path;
        }

        /// <summary>Whether another candidate may be simulated (the bound on evaluations not reached).</summary>
        public bool HasBudget()
        {
            BudgetReached |= Evaluations >= question.MaxEvaluations;
            return !BudgetReached;
        }
    }
}
