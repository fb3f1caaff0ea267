using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments;
using PatrolSim.Model.Definition;
using PatrolSim.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim staff</c>.</summary>
internal sealed record StaffSettings(
    string ScenarioPath,
    IReadOnlyList<StaffingTarget> Targets,
    string? Vary,
    double? Min,
    double? Max,
    double? Step,
    int Replications,
    ulong Seed,
    double? Days,
    int Parallel,
    IReadOnlyList<string> Sets,
    bool PerShift = false,
    int? ConfirmReplications = null,
    int? MaxEvaluations = null,
    StaffingTarget? Budget = null,
    MetricSelector? Best = null);

/// <summary><c>patrolsim staff</c>: the smallest staffing that meets targets at their 95% CI bound.</summary>
internal static class StaffCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.ScenarioArgument();
        var target = new Option<StaffingTarget[]>("--target", "-t")
        {
            Description = "A target \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\" (repeatable; all must hold), e.g. \"responseTime.p90@1 <= 10\"",
            CustomParser = CommonOptions.EachToken<StaffingTarget>(StaffingTarget.TryParse),
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var budget = new Option<StaffingTarget?>("--budget")
        {
            Description = "Instead of targets: the best staffing within a budget \"FIGURE <= VALUE\", e.g. \"fteNeeded <= 300\" or \"annualCost <= 25000000\" (the largest level whose figure is within it at its 95% upper bound)",
            CustomParser = CommonOptions.OneToken<StaffingTarget>(StaffingTarget.TryParseBudget),
            HelpName = "BUDGET",
        };
        var best = new Option<MetricSelector?>("--best")
        {
            Description = "With --budget: the metric the answer is about (default responseTime.mean@1, or responseTime.mean without priority-1 calls)",
            CustomParser = CommonOptions.OneToken<MetricSelector>(TryParseBest),
            HelpName = "METRIC",
        };
        var vary = new Option<string?>("--vary") { Description = $"The numeric key to vary (staffing grows with it; default {StaffingQuestion.DefaultKey})", HelpName = "KEY" };
        var min = new Option<double?>("--min") { Description = "Smallest level (default 0.5 for staffing.scale; required otherwise)" };
        var max = new Option<double?>("--max") { Description = "Largest level (default 2 for staffing.scale; required otherwise)" };
        var step = new Option<double?>("--step") { Description = "Grid step (default 0.05 for staffing.scale, 1 otherwise)" };
        var reps = CommonOptions.Replications();
        var seed = CommonOptions.Seed();
        var days = CommonOptions.Days();
        var parallel = CommonOptions.Parallel();
        var set = CommonOptions.Set();
        var perShift = new Option<bool>("--per-shift") { Description = "Find the fewest officers on each shift (a greedy descent from the scenario's roster) instead of one level of --vary" };
        var confirm = new Option<int?>("--confirm-replications") { Description = "Fresh replications confirming the answer, after the search's (default 3 × --replications); with --per-shift also the replications of the refining descent and the one-fewer rosters", HelpName = "N" };
        var maxEvaluations = new Option<int?>("--max-evaluations") { Description = $"With --per-shift: most candidate rosters simulated (default {PerShiftQuestion.DefaultMaxEvaluations})", HelpName = "N" };
        var cmd = new Command("staff", "Find the smallest staffing meeting one or more targets, accounting for simulation noise")
        {
            scenario, target, budget, best, vary, min, max, step, reps, seed, days, parallel, set, perShift, confirm, maxEvaluations,
        };
        cmd.SetAction(p => Execute(ctx, new StaffSettings(
            p.GetValue(scenario)!, p.GetValue(target) ?? [], p.GetValue(vary)!, p.GetValue(min), p.GetValue(max), p.GetValue(step),
            p.GetValue(reps), p.GetValue(seed), p.GetValue(days), p.GetValue(parallel), p.GetValue(set) ?? [],
            p.GetValue(perShift), p.GetValue(confirm), p.GetValue(maxEvaluations), p.GetValue(budget), p.GetValue(best))));
        return cmd;
    }

    public static int Execute(CliContext ctx, StaffSettings s)
    {
        CheckMode(s);
        using var interruption = Interruption.Listen();
        if (s.PerShift)
        {
            return ExecutePerShift(ctx, s, interruption.Token);
        }

        var question = StaffingQuestion.Create(s.Vary ?? StaffingQuestion.DefaultKey, s.Min, s.Max, s.Step, s.Targets, s.Replications, s.Seed, s.Parallel, s.ConfirmReplications);

        // Fail fast on an invalid key or level before simulating anything.
        var scenario = CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(question.Min)]);
        var best = s.Budget is null ? null : s.Best ?? DefaultBest(scenario);
        CheckPriorities(s, scenario, [.. question.Targets.Select(t => ("--target", t.ToString(), t.Metric)), .. Named("--best", best)]);
        CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(question.Max)]);
        Scenario At(double level) => CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(level)]);
        void Confirming(double level) => ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"confirming {question.Key} = {StaffingQuestion.Format(level)} on {question.Confirmations} fresh replications"));
        void Trying(double level) => ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trying {question.Key} = {StaffingQuestion.Format(level)} ({s.Replications} replications)"));
        if (s.Budget is { } limit)
        {
            var within = StaffingSearch.FindWithinBudget(question, limit, At, Trying, interruption.Token, Confirming);
            ConsoleTables.WriteBudget(ctx.Console, question, limit, best!, within);
            return within.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
        }

        var answer = StaffingSearch.Find(question, At, Trying, interruption.Token, Confirming);
        ConsoleTables.WriteStaffing(ctx.Console, question, answer);
        return answer.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>Targets (the least staffing meeting them) or a budget (the best staffing within it): exactly one.</summary>
    private static void CheckMode(StaffSettings s)
    {
        var problems = new List<string>();
        if (s.Targets.Count == 0 && s.Budget is null)
        {
            problems.Add("give --target (the smallest staffing meeting it, e.g. --target \"responseTime.p90@1 <= 10\") or --budget (the best staffing within it, e.g. --budget \"fteNeeded <= 300\")");
        }

        if (s.Targets.Count > 0 && s.Budget is not null)
        {
            problems.Add("--target and --budget cannot be combined: --target finds the smallest staffing meeting targets, --budget the best within a budget; both answers show officers and FTEs");
        }

        if (s.Best is not null && s.Budget is null)
        {
            problems.Add("--best goes with --budget: it names the metric the budget's answer is about");
        }

        if (problems.Count > 0)
        {
            throw new UserException(problems);
        }
    }

    /// <summary>Parses --best: a metric, overall or at a priority.</summary>
    private static MetricSelector? TryParseBest(string text, out Problem? error)
    {
        var metric = MetricSelector.TryParse(text, out string? message);
        error = message is null ? null : Problem.Plain($"--best '{text}': {message}");
        return metric;
    }

    /// <summary>The metric a budget's answer is about when --best is not given: P1 mean response, else all calls'.</summary>
    private static MetricSelector DefaultBest(Scenario scenario) =>
        MetricSelector.Parse(scenario.Demand.CallTypes.Any(t => t.Priority == 1) ? "responseTime.mean@1" : "responseTime.mean");

    private static IEnumerable<(string Option, string Text, MetricSelector Metric)> Named(string option, MetricSelector? metric) =>
        metric is null ? [] : [(option, metric.Name, metric)];

    /// <summary>Refuses metrics of priorities the scenario has no calls of.</summary>
    private static void CheckPriorities(StaffSettings s, Scenario scenario, IReadOnlyList<(string Option, string Text, MetricSelector Metric)> metrics)
    {
        var priorities = scenario.Demand.CallTypes.Select(t => t.Priority).Distinct().Order().ToList();
        var missing = metrics.Where(m => m.Metric.Priority is { } p && !priorities.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            throw new UserException(string.Join("; ", missing.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{m.Option} '{m.Text}': {s.ScenarioPath} has no calls of priority {m.Metric.Priority}; its priorities are {string.Join(", ", priorities)}"))));
        }
    }

    private static int ExecutePerShift(CliContext ctx, StaffSettings s, CancellationToken cancellationToken)
    {
        var problems = new[] { ("--vary", s.Vary is not null), ("--min", s.Min is not null), ("--max", s.Max is not null), ("--step", s.Step is not null) }
            .Where(o => o.Item2)
            .Select(o => $"{o.Item1} cannot be combined with --per-shift: the search varies each shift's officers itself")
            .ToList();
        PerShiftQuestion? question = null;
        try
        {
            question = PerShiftQuestion.Create(s.Targets, s.Replications, s.ConfirmReplications, s.Seed, s.Parallel, s.MaxEvaluations);
        }
        catch (ExperimentException e)
        {
            problems.AddRange(e.ProblemsNaming(Flags.Of));
        }

        if (problems.Count > 0)
        {
            throw new UserException(problems);
        }

        var scenario = CommonOptions.LoadScenario(s.ScenarioPath, s.Days, s.Sets);
        Scenario At(IReadOnlyList<int> officers) => CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, .. PerShiftStaffingSearch.Assignments(officers)]);
        if (s.Budget is { } limit)
        {
            var best = s.Best ?? DefaultBest(scenario);
            CheckPriorities(s, scenario, [.. Named("--best", best)]);
            var within = Progress.Run(ctx, "rosters (at most)", question!.MaxEvaluations, progress =>
                PerShiftStaffingSearch.FindWithinBudget(question, limit, best, scenario, At, progress, cancellationToken));
            ConsoleTables.WritePerShiftBudget(ctx.Console, question, limit, best, within);
            return within.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
        }

        var answer = Progress.Run(ctx, "rosters (at most)", question!.MaxEvaluations, progress => PerShiftStaffingSearch.Find(question, scenario, At, progress, cancellationToken));
        ConsoleTables.WritePerShiftStaffing(ctx.Console, question, answer);
        return answer.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
