using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments;
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
    int? MaxEvaluations = null);

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
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            Required = true,
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
        var confirm = new Option<int?>("--confirm-replications") { Description = "With --per-shift: replications confirming the answer and its one-fewer rosters (default 3 × --replications)", HelpName = "N" };
        var maxEvaluations = new Option<int?>("--max-evaluations") { Description = $"With --per-shift: most candidate rosters simulated (default {PerShiftQuestion.DefaultMaxEvaluations})", HelpName = "N" };
        var cmd = new Command("staff", "Find the smallest staffing meeting one or more targets, accounting for simulation noise")
        {
            scenario, target, vary, min, max, step, reps, seed, days, parallel, set, perShift, confirm, maxEvaluations,
        };
        cmd.SetAction(p => Execute(ctx, new StaffSettings(
            p.GetValue(scenario)!, p.GetValue(target) ?? [], p.GetValue(vary)!, p.GetValue(min), p.GetValue(max), p.GetValue(step),
            p.GetValue(reps), p.GetValue(seed), p.GetValue(days), p.GetValue(parallel), p.GetValue(set) ?? [],
            p.GetValue(perShift), p.GetValue(confirm), p.GetValue(maxEvaluations))));
        return cmd;
    }

    public static int Execute(CliContext ctx, StaffSettings s)
    {
        using var interruption = Interruption.Listen();
        if (s.PerShift)
        {
            return ExecutePerShift(ctx, s, interruption.Token);
        }

        var question = StaffingQuestion.Create(s.Vary ?? StaffingQuestion.DefaultKey, s.Min, s.Max, s.Step, s.Targets, s.Replications, s.Seed, s.Parallel);

        // Fail fast on an invalid key or level before simulating anything.
        var scenario = CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(question.Min)]);
        var priorities = scenario.Demand.CallTypes.Select(t => t.Priority).Distinct().Order().ToList();
        var missing = question.Targets.Where(t => t.Metric.Priority is { } p && !priorities.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            throw new UserException(string.Join("; ", missing.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"--target '{t}': {s.ScenarioPath} has no calls of priority {t.Metric.Priority}; its priorities are {string.Join(", ", priorities)}"))));
        }

        CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(question.Max)]);
        var answer = StaffingSearch.Find(
            question,
            level => CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, question.Assignment(level)]),
            level => ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trying {question.Key} = {StaffingQuestion.Format(level)} ({s.Replications} replications)")),
            interruption.Token);
        ConsoleTables.WriteStaffing(ctx.Console, question, answer);
        return answer.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
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
        var answer = Progress.Run(ctx, "rosters (at most)", question!.MaxEvaluations, progress => PerShiftStaffingSearch.Find(question, scenario,
            officers => CommonOptions.LoadScenario(s.ScenarioPath, s.Days, [.. s.Sets, .. PerShiftStaffingSearch.Assignments(officers)]), progress, cancellationToken));
        ConsoleTables.WritePerShiftStaffing(ctx.Console, question, answer);
        return answer.Chosen is null ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
