using System.Globalization;
using System.Text.RegularExpressions;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments;

/// <summary>Which way a target bounds its metric.</summary>
public enum TargetBound
{
    /// <summary>The metric must be at most the value (its upper CI bound must be).</summary>
    AtMost,

    /// <summary>The metric must be at least the value (its lower CI bound must be).</summary>
    AtLeast,
}

/// <summary>A staffing target such as <c>responseTime.p90@1 &lt;= 10</c>, met only when the whole 95% CI is on the right side.</summary>
/// <param name="Metric">The metric (overall or for a priority).</param>
/// <param name="Bound">&lt;= or &gt;=.</param>
/// <param name="Value">The threshold.</param>
public sealed partial record StaffingTarget(MetricSelector Metric, TargetBound Bound, double Value)
{
    /// <summary>"metric@P &lt;= value".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Metric.Name} {(Bound == TargetBound.AtMost ? "<=" : ">=")} {Value:R}");

    /// <summary>
    /// Whether <paramref name="ci"/> meets the target accounting for noise: for &lt;= its upper bound must be at
    /// most the value, for &gt;= its lower bound at least the value. A NaN bound never meets a target.
    /// </summary>
    public bool IsMetBy(ConfidenceInterval ci) => Bound == TargetBound.AtMost ? ci.High <= Value : ci.Low >= Value;

    /// <summary>Whether one replication's value meets the target (NaN never does).</summary>
    public bool IsMetByValue(double value) => Bound == TargetBound.AtMost ? value <= Value : value >= Value;

    /// <summary>Parses "metric[@P] &lt;= value" or "&gt;=" ; null with a message saying what is wrong.</summary>
    public static StaffingTarget? TryParse(string text, out Problem? error) =>
        TryParse(text, Terms.Target, "\"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\"", "\"responseTime.p90@1 <= 10\"", out error);

    /// <summary>Parses a budget, "figure &lt;= value" (e.g. <c>fteNeeded &lt;= 300</c>); null with a message saying what is wrong.</summary>
    public static StaffingTarget? TryParseBudget(string text, out Problem? error)
    {
        var budget = TryParse(text, Terms.Budget, "\"FIGURE <= VALUE\"", "\"fteNeeded <= 300\"", out error);
        if (budget is { Bound: TargetBound.AtLeast })
        {
            error = Problem.Of($"{Terms.Budget} '{text}': a budget is an upper bound; write <=, e.g. {Terms.Budget} \"fteNeeded <= 300\"");
            return null;
        }

        return budget;
    }

    /// <summary>Parses "metric[@P] &lt;= value" or "&gt;=" given as <paramref name="setting"/>; the message shows <paramref name="shape"/> and <paramref name="example"/>.</summary>
    private static StaffingTarget? TryParse(string text, Setting setting, string shape, string example, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            error = Problem.Of($"{setting} '{text}' must look like {shape}, e.g. {setting} {example}");
            return null;
        }

        var metric = MetricSelector.TryParse(m.Groups[1].Value, out string? metricError);
        if (metric is null)
        {
            error = Problem.Of($"{setting} '{text}': {metricError}");
            return null;
        }

        string valueText = m.Groups[3].Value;
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            error = Problem.Of($"{setting} '{text}': '{valueText}' is not a number");
            return null;
        }

        error = null;
        return new StaffingTarget(metric, m.Groups[2].Value == "<=" ? TargetBound.AtMost : TargetBound.AtLeast, value);
    }

    [GeneratedRegex(@"^\s*([A-Za-z0-9_.@]+)\s*(<=|>=)\s*(\S+)\s*$")]
    private static partial Regex Pattern();
}

/// <summary>A staffing search: the key varied, its grid and the targets.</summary>
/// <param name="Key">The dotted key varied, e.g. staffing.scale or staffing.shifts.night.officers.</param>
/// <param name="Min">Smallest level.</param>
/// <param name="Max">Largest level.</param>
/// <param name="Step">Grid step (levels are Min, Min + Step, …, up to Max).</param>
/// <param name="Targets">Every target must be met.</param>
/// <param name="Replications">Replications per level.</param>
/// <param name="Seed">Master seed, the same for every level (common random numbers).</param>
/// <param name="Parallelism">Threads.</param>
/// <param name="ConfirmReplications">Fresh replications confirming the answer (null: 3 × <paramref name="Replications"/>).</param>
public sealed record StaffingQuestion(string Key, double Min, double Max, double Step, IReadOnlyList<StaffingTarget> Targets,
    int Replications, ulong Seed, int Parallelism, int? ConfirmReplications = null)
{
    /// <summary>Fresh replications of the confirmation: <see cref="ConfirmReplications"/>, else 3 × <see cref="Replications"/>.</summary>
    public int Confirmations => ConfirmReplications ?? (3 * Replications);

    /// <summary>The key varied unless another is given: the multiplier of every shift's officers.</summary>
    public const string DefaultKey = "staffing.scale";

    /// <summary>
    /// Builds a question from settings as given, applying the search defaults: for <see cref="DefaultKey"/> the
    /// levels 0.5 to 2 in steps of 0.05; for any other key a step of 1 (its range must be given).
    /// </summary>
    /// <exception cref="ExperimentException">Every problem with the range or the replications.</exception>
    public static StaffingQuestion Create(string key, double? min, double? max, double? step, IReadOnlyList<StaffingTarget> targets,
        int replications, ulong seed, int parallelism, int? confirmReplications = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(targets);
        var problems = new List<Problem>();
        bool scale = key == DefaultKey;
        min ??= scale ? 0.5 : null;
        max ??= scale ? 2.0 : null;
        double grid = step ?? (scale ? 0.05 : 1.0);
        if (min is null || max is null)
        {
            problems.Add(Problem.Of($"{Terms.Key} {key}: give {Terms.Min} and {Terms.Max} (the range of levels to search), e.g. {Terms.Min} 10 {Terms.Max} 40"));
        }
        else if (!(min < max))
        {
            problems.Add(Problem.Of($"{Terms.Min} {Format(min.Value)} must be less than {Terms.Max} {Format(max.Value)}"));
        }
        else if (!(grid > 0) || (max.Value - min.Value) / grid > 10000)
        {
            problems.Add(Problem.Of($"{Terms.Step} {Format(grid)} must be greater than 0 and give at most 10000 levels between {Terms.Min} and {Terms.Max}"));
        }

        if (replications < 2)
        {
            problems.Add(Problem.Of($"{Terms.Replications} must be at least 2: targets are judged at a confidence bound"));
        }

        if (confirmReplications is < 2)
        {
            problems.Add(Problem.Of($"{Terms.ConfirmReplications} {confirmReplications} must be at least 2: the confirmation judges targets at a confidence bound too"));
        }

        return problems.Count > 0
            ? throw new ExperimentException(problems)
            : new StaffingQuestion(key, min!.Value, max!.Value, grid, targets, replications, seed, parallelism, confirmReplications);
    }

    /// <summary>A level as shown to the user: up to four decimals, invariant culture.</summary>
    public static string Format(double level) => level.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The grid of levels, ascending.</summary>
    public IReadOnlyList<double> Levels()
    {
        var levels = new List<double>();
        long count = (long)Math.Floor(((Max - Min) / Step) + 1e-9) + 1;
        for (long i = 0; i < count; i++)
        {
            levels.Add(Math.Round(Min + (i * Step), 10));
        }

        return levels;
    }

    /// <summary>The override text of a level ("key=value", integers without decimals).</summary>
    public string Assignment(double level) => Key + "=" + level.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One level simulated: its summary and, per target, whether it is met.</summary>
/// <param name="Level">The value of the varied key.</param>
/// <param name="Run">The replications and summary.</param>
/// <param name="Met">Per target, whether it holds at its CI bound.</param>
public sealed record StaffingLevel(double Level, RunSummary Run, IReadOnlyList<bool> Met)
{
    /// <summary>Whether every target is met.</summary>
    public bool MeetsAll => Met.All(m => m);
}

/// <summary>The answer: the smallest level meeting every target (if any), the level below it, and every level tried.</summary>
/// <param name="Chosen">The smallest level on the grid meeting all targets, or null when even the largest does not.</param>
/// <param name="Below">The next level down from <paramref name="Chosen"/> (null when Chosen is the smallest), or the largest level when none meets the targets.</param>
/// <param name="Tried">Every level simulated, ascending.</param>
/// <param name="Confirmation">The chosen level on fresh replications, or null when nothing was chosen.</param>
public sealed record StaffingAnswer(StaffingLevel? Chosen, StaffingLevel? Below, IReadOnlyList<StaffingLevel> Tried, Confirmation? Confirmation = null);

/// <summary>
/// An answer of a search re-simulated on fresh replications: the search chose it because its replications met the
/// targets, so those replications cannot also confirm it (the choice favours rosters whose replications happened to be
/// kind). The confirmation uses replications <see cref="FirstReplication"/> … <see cref="FirstReplication"/> +
/// <see cref="Replications"/> − 1 of the same master seed, after every replication the search used, so no confirmation
/// replication shares its seed (or any random number) with one of the search's (docs/statistics.md, "Confirming a
/// search").
/// </summary>
/// <param name="FirstReplication">Index of the first confirmation replication: the number of replications the search used per candidate at most.</param>
/// <param name="Run">The confirmation's replications and summary.</param>
/// <param name="Met">Per target, whether it holds at its 95% CI bound over the confirmation's replications.</param>
/// <param name="Share">Per target, the share of confirmation replications whose own value meets it (replications where the metric does not apply are left out; NaN when none applies).</param>
public sealed record Confirmation(int FirstReplication, RunSummary Run, IReadOnlyList<bool> Met, IReadOnlyList<double> Share)
{
    /// <summary>Whether every target holds at its CI bound on the fresh replications.</summary>
    public bool MeetsAll => Met.All(m => m);

    /// <summary>Replications of the confirmation.</summary>
    public int Replications => Run.Replications.Count;

    /// <summary>Simulates <paramref name="scenario"/> on replications <paramref name="firstReplication"/> … + <paramref name="replications"/> − 1 and judges the targets.</summary>
    public static Confirmation Of(Scenario scenario, IReadOnlyList<StaffingTarget> targets, int firstReplication, int replications, ulong seed,
        int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(targets);
        var run = ReplicationRunner.Run(scenario, replications, seed, parallelism, cancellationToken: cancellationToken, firstReplication: firstReplication);
        var met = targets.Select(t => run.Get(t.Metric.Metric.Name, t.Metric.Priority) is { } ci && t.IsMetBy(ci)).ToArray();
        var share = targets.Select(t =>
        {
            var values = run.Replications.Select(r => t.Metric.ValueIn(scenario, r)).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length == 0 ? double.NaN : values.Count(t.IsMetByValue) / (double)values.Length;
        }).ToArray();
        return new Confirmation(firstReplication, run, met, share);
    }
}

/// <summary>The answer to a budget: the largest level within it (if any), the level above it, and every level tried.</summary>
/// <param name="Chosen">The largest level on the grid whose budget figure is within the budget at its upper 95% bound, or null when even the smallest is not.</param>
/// <param name="Above">The next level up from <paramref name="Chosen"/> (over the budget; null when Chosen is the largest), or the smallest level when none is within it.</param>
/// <param name="Tried">Every level simulated, ascending.</param>
/// <param name="Confirmation">The chosen level's budget figure on fresh replications, or null when nothing was chosen.</param>
public sealed record BudgetAnswer(StaffingLevel? Chosen, StaffingLevel? Above, IReadOnlyList<StaffingLevel> Tried, Confirmation? Confirmation = null);

/// <summary>
/// Finds the smallest staffing that meets targets, assuming the targets' metrics improve as the varied key
/// grows: bisection over the discretised grid, every level with the same seed (common random numbers),
/// and a target counts as met only when its whole 95% CI is on the right side of the threshold.
/// </summary>
public static class StaffingSearch
{
    /// <summary>
    /// Runs the search on replications 0 … Replications − 1 of every level, then confirms the level chosen on
    /// <see cref="StaffingQuestion.Confirmations"/> fresh replications (from index Replications on).
    /// <paramref name="scenarioAt"/> builds the scenario for a level (throwing on invalid levels).
    /// </summary>
    public static StaffingAnswer Find(StaffingQuestion question, Func<double, Scenario> scenarioAt,
        Action<double>? onLevel = null, CancellationToken cancellationToken = default, Action<double>? onConfirm = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scenarioAt);
        var levels = question.Levels();
        var tried = new SortedDictionary<int, StaffingLevel>();
        var levelAt = Simulator(question, levels, tried, scenarioAt, onLevel, cancellationToken);

        int hi = levels.Count - 1;
        if (!levelAt(hi).MeetsAll)
        {
            return new StaffingAnswer(null, levelAt(hi), tried.Values.ToArray());
        }

        // Invariant: levels[hi] meets all targets; every level below lo is known (or assumed) not to.
        int lo = 0;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (levelAt(mid).MeetsAll)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var below = hi > 0 ? levelAt(hi - 1) : null;
        var chosen = levelAt(hi);
        onConfirm?.Invoke(chosen.Level);
        var confirmation = Confirmation.Of(scenarioAt(chosen.Level), question.Targets, question.Replications, question.Confirmations,
            question.Seed, question.Parallelism, cancellationToken);
        return new StaffingAnswer(chosen, below, tried.Values.ToArray(), confirmation);
    }

    /// <summary>
    /// The best staffing within a budget ("best P1 response for at most 300 FTEs"): the largest level whose
    /// <paramref name="budget"/> figure (a &lt;= bound, e.g. <c>fteNeeded &lt;= 300</c> or <c>annualCost &lt;= 2.5e7</c>) holds at
    /// its upper 95% bound, found by bisection with the same seed for every level. Assumes the figure grows and the
    /// metrics improve as the varied key grows, so the largest affordable level is the best; the question's targets are
    /// judged at each level tried and reported, not searched.
    /// The chosen level's budget figure is then confirmed on <see cref="StaffingQuestion.Confirmations"/> fresh
    /// replications (from index Replications on), as <see cref="Find"/> confirms its answer.
    /// </summary>
    public static BudgetAnswer FindWithinBudget(StaffingQuestion question, StaffingTarget budget, Func<double, Scenario> scenarioAt,
        Action<double>? onLevel = null, CancellationToken cancellationToken = default, Action<double>? onConfirm = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(scenarioAt);
        if (budget.Bound != TargetBound.AtMost)
        {
            throw new ArgumentException("A budget is an upper bound (<=).", nameof(budget));
        }

        var levels = question.Levels();
        var tried = new SortedDictionary<int, StaffingLevel>();
        var levelAt = Simulator(question, levels, tried, scenarioAt, onLevel, cancellationToken);
        bool Within(int i) => levelAt(i).Run.Get(budget.Metric.Metric.Name, budget.Metric.Priority) is { } ci && budget.IsMetBy(ci);

        if (!Within(0))
        {
            return new BudgetAnswer(null, levelAt(0), tried.Values.ToArray());
        }

        // Invariant: levels[lo] is within the budget; every level above hi is known (or assumed) not to be.
        int lo = 0, hi = levels.Count - 1;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo + 1) / 2);
            if (Within(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var above = lo < levels.Count - 1 ? levelAt(lo + 1) : null;
        var chosen = levelAt(lo);
        onConfirm?.Invoke(chosen.Level);
        var confirmation = Confirmation.Of(scenarioAt(chosen.Level), [budget], question.Replications, question.Confirmations,
            question.Seed, question.Parallelism, cancellationToken);
        return new BudgetAnswer(chosen, above, tried.Values.ToArray(), confirmation);
    }

    /// <summary>Simulates level i once (cached in <paramref name="tried"/>), judging the question's targets at their CI bounds.</summary>
    private static Func<int, StaffingLevel> Simulator(StaffingQuestion question, IReadOnlyList<double> levels,
        SortedDictionary<int, StaffingLevel> tried, Func<double, Scenario> scenarioAt, Action<double>? onLevel, CancellationToken cancellationToken) => i =>
    {
        if (!tried.TryGetValue(i, out var level))
        {
            onLevel?.Invoke(levels[i]);
            var run = ReplicationRunner.Run(scenarioAt(levels[i]), question.Replications, question.Seed, question.Parallelism, cancellationToken: cancellationToken);
            var met = question.Targets.Select(t => run.Get(t.Metric.Metric.Name, t.Metric.Priority) is { } ci && t.IsMetBy(ci)).ToArray();
            level = new StaffingLevel(levels[i], run, met);
            tried[i] = level;
        }

        return level;
    };
}
