using System.CommandLine;
using PatrolSim.Experiments;
using PatrolSim.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim compare</c>.</summary>
internal sealed record CompareSettings(
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<VariantSpec> Variants,
    bool NoBase,
    int? Replications,
    ulong? Seed,
    double? Days,
    int Parallel,
    IReadOnlyList<string> Sets,
    string? Json,
    string? Csv,
    string? Report = null,
    string? Svg = null,
    string? Png = null);

/// <summary><c>patrolsim compare</c>: policies side by side under common random numbers, with paired differences.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenarios = new Argument<string[]>("scenarios")
        {
            Description = "The base scenario (with --variant), two or more whole scenario files, or one comparison file (docs/sweeps.md)",
            Arity = ArgumentArity.OneOrMore,
        };
        var variant = new Option<VariantSpec[]>("--variant", "-v")
        {
            Description = "A variant of the base: NAME:key=value[,key=value] (repeatable), e.g. paired:policy.crew.twoOfficerShare=1",
            CustomParser = CommonOptions.EachToken<VariantSpec>(VariantSpec.TryParse),
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var noBase = new Option<bool>("--no-base") { Description = "Leave the unchanged base out; the first --variant is the reference" };
        var reps = new Option<int?>("--replications", "-r") { Description = "Replications per variant (default: the comparison file's, else 10)" };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Master seed shared by every variant (default: the comparison file's, else 1)" };
        var days = CommonOptions.Days();
        var parallel = CommonOptions.Parallel();
        var set = CommonOptions.Set();
        var json = CommonOptions.File("--json", "Write every metric's means, CIs and paired differences as JSON");
        var csv = CommonOptions.File("--csv", "Write one row per metric and variant as CSV");
        var report = ReportCommand.ReportOption();
        var svg = ReportCommand.SvgOption();
        var png = ReportCommand.PngOption();
        var cmd = new Command("compare", "Compare policies with common random numbers: each variant's mean and 95% CI and the paired difference to the first")
        {
            scenarios, variant, noBase, reps, seed, days, parallel, set, json, csv, report, svg, png,
        };
        cmd.SetAction(p => Execute(ctx, new CompareSettings(
            p.GetValue(scenarios) ?? [], p.GetValue(variant) ?? [], p.GetValue(noBase), p.GetValue(reps), p.GetValue(seed),
            p.GetValue(days), p.GetValue(parallel), p.GetValue(set) ?? [], p.GetValue(json), p.GetValue(csv), p.GetValue(report), p.GetValue(svg), p.GetValue(png))));
        return cmd;
    }

    public static int Execute(CliContext ctx, CompareSettings s)
    {
        using var interruption = Interruption.Listen();
        OutputFiles.Check([("--json", s.Json), ("--csv", s.Csv), ("--report", s.Report)], [("--svg", s.Svg), ("--png", s.Png)]);
        var plan = ComparisonPlan.Build(s.Scenarios, s.Variants, s.NoBase, s.Replications, s.Seed, CommonOptions.Overrides(s.Days, s.Sets), CommonOptions.LoadScenario);
        var result = Progress.Run(ctx, "replications", plan.Replications * plan.Variants.Count, progress =>
            PairedComparison.Run(plan.Variants, plan.Replications, plan.Seed, s.Parallel, progress, interruption.Token));
        ConsoleTables.WriteComparison(ctx.Console, result);
        var failures = new List<string>();
        RunCommand.Save(failures, s.Json, path => OutputFiles.Write(ctx, path, stream => ComparisonOutput.WriteJson(stream, result, CliContext.Tool)));
        RunCommand.Save(failures, s.Csv, path => OutputFiles.WriteText(ctx, path, w => ComparisonOutput.WriteCsv(w, result)));
        if (s.Report is not null || s.Svg is not null || s.Png is not null)
        {
            ReportCommand.Write(ctx, failures, Reports.Html.CompareReport.Build(result, CliContext.Tool), s.Report, s.Svg, s.Png);
        }

        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
