using System.CommandLine;
using PatrolSim.Experiments.Analytic;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using Spectre.Console;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim analytic</c>, built from the parse result.</summary>
internal sealed record AnalyticSettings(
    IReadOnlyList<string> ScenarioPaths,
    IReadOnlyList<string> Sets,
    bool CompareSim,
    int Replications,
    ulong Seed,
    double? Days,
    int Parallel,
    string? Json,
    bool Markdown);

/// <summary>
/// <c>patrolsim analytic</c>: per staffing block the queueing-model estimates (Erlang C, Cobham priorities,
/// square-root travel; the hypercube for preference dispatch), the assumptions the scenario breaks, and with
/// <c>--compare-sim</c> the simulation beside them.
/// </summary>
internal static class AnalyticCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenarios = new Argument<string[]>("scenario")
        {
            Description = "Scenario file(s) (YAML; see docs/scenario-format.md)",
            Arity = ArgumentArity.OneOrMore,
        };
        var set = CommonOptions.Set();
        var compare = new Option<bool>("--compare-sim") { Description = "Also simulate and show the simulated values and their confidence intervals" };
        var reps = CommonOptions.Replications(20);
        var seed = CommonOptions.Seed();
        var days = CommonOptions.Days();
        var parallel = CommonOptions.Parallel();
        var json = CommonOptions.File("--json", "Write the estimates (and simulated values) as JSON");
        var markdown = new Option<bool>("--markdown") { Description = "Print Markdown tables instead of console tables (used for docs/validation.md)" };
        var cmd = new Command("analytic", "Instant queueing-model estimates (Erlang C, priorities, square-root travel, hypercube) per staffing block")
        {
            scenarios, set, compare, reps, seed, days, parallel, json, markdown,
        };
        cmd.SetAction(p => Execute(ctx, new AnalyticSettings(
            p.GetValue(scenarios) ?? [], p.GetValue(set) ?? [], p.GetValue(compare), p.GetValue(reps), p.GetValue(seed),
            p.GetValue(days), p.GetValue(parallel), p.GetValue(json), p.GetValue(markdown))));
        return cmd;
    }

    public static int Execute(CliContext ctx, AnalyticSettings s)
    {
        OutputFiles.Check(("--json", s.Json));
        var items = new List<(string Path, ScenarioEstimate Estimate, SimulatedValues? Sim)>();
        foreach (string path in s.ScenarioPaths)
        {
            Scenario scenario = CommonOptions.LoadScenario(path, s.Days, s.Sets);
            var estimate = ScenarioAnalysis.Analyse(scenario);
            SimulatedValues? sim = null;
            if (s.CompareSim)
            {
                bool track = estimate.Hypercube is not null;
                sim = Progress.Run(ctx, "replications", s.Replications, progress =>
                    SimulatedValues.Run(scenario, s.Replications, s.Seed, s.Parallel, track, 0.95, progress));
            }

            items.Add((path, estimate, sim));
            if (s.Markdown)
            {
                AnalyticReport.WriteMarkdown(ctx.Out, estimate, sim);
            }
            else
            {
                Write(ctx.Console, estimate, sim);
            }
        }

        var failures = new List<string>();
        RunCommand.Save(failures, s.Json, path => OutputFiles.Write(ctx, path, stream => AnalyticReport.WriteJson(stream, items, CliContext.Tool)));
        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void Write(IAnsiConsole console, ScenarioEstimate estimate, SimulatedValues? sim)
    {
        console.Write(new Markup($"[bold]{Markup.Escape(estimate.Scenario.Name)}[/]"));
        console.WriteLine();
        foreach (var t in AnalyticReport.Tables(estimate, sim))
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(t.Title));
            for (int i = 0; i < t.Headers.Count; i++)
            {
                var col = new TableColumn(Markup.Escape(t.Headers[i]));
                table.AddColumn(i == 0 || t.Headers[i] == "Shifts" ? col : col.RightAligned());
            }

            foreach (var r in t.Rows)
            {
                table.AddRow(r.Select(c => new Text(c)).ToArray());
            }

            console.Write(table);
        }

        WriteList(console, "Assumptions the scenario breaks", estimate.Assumptions);
        WriteList(console, "Per block", [.. estimate.Blocks.Where(b => b.Notes.Count > 0).Select(b => $"{b.Label}: {string.Join("; ", b.Notes)}")]);
    }

    private static void WriteList(IAnsiConsole console, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        console.WriteLine(title + ":");
        foreach (string i in items)
        {
            console.WriteLine("  - " + i);
        }
    }
}
