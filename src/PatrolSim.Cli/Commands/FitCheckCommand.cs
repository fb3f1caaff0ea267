using System.CommandLine;
using System.Globalization;
using PatrolSim.Calibration.Checking;
using PatrolSim.Output;
using Spectre.Console;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim fit-check</c>.</summary>
internal sealed record FitCheckSettings(
    string ScenarioPath,
    CadInputSettings Input,
    IReadOnlyList<string> Sets,
    int Replications,
    ulong Seed,
    int Parallel,
    double? PeriodDays,
    string? Json);

/// <summary><c>patrolsim fit-check</c>: simulates a scenario over the data's period and compares it with the CAD data.</summary>
internal static class FitCheckCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.ScenarioArgument();
        var input = CadInputOptions.Create();
        var set = CommonOptions.Set();
        var reps = CommonOptions.Replications(5);
        var seed = CommonOptions.Seed();
        var parallel = CommonOptions.Parallel();
        var periodDays = CommonOptions.PositiveDays("--period-days", "Simulated days per replication (after the warm-up); default: the hours the data cover");
        var json = CommonOptions.File("--json", "Write the comparison as JSON");
        var cmd = new Command("fit-check", "Simulate a scenario over the period of a CAD export and compare: calls by hour and weekday, queue delay, turnout, travel, response and on-scene times by priority (quantiles, Kolmogorov-Smirnov)")
        {
            scenario, input.Csv,
        };
        foreach (var option in input.Options.Concat([set, reps, seed, parallel, periodDays, json]))
        {
            cmd.Add(option);
        }

        cmd.SetAction(p => Execute(ctx, new FitCheckSettings(
            p.GetValue(scenario)!,
            CadInputSettings.From(p, input),
            p.GetValue(set) ?? [], p.GetValue(reps), p.GetValue(seed), p.GetValue(parallel), p.GetValue(periodDays), p.GetValue(json))));
        return cmd;
    }

    public static int Execute(CliContext ctx, FitCheckSettings s)
    {
        OutputFiles.Check(("--json", s.Json));
        var scenario = CommonOptions.LoadScenario(s.ScenarioPath, null, s.Sets);
        var read = CadInput.Read(s.Input);
        CadInput.WriteReadSummary(ctx, read);
        FitCheckResult result;
        try
        {
            result = FitChecker.Check(read, scenario, new FitCheckOptions { Replications = s.Replications, Seed = s.Seed, Parallelism = s.Parallel, PeriodDays = s.PeriodDays });
        }
        catch (ArgumentException e)
        {
            throw new UserException($"{s.Input.Path}: {CommonOptions.MessageOf(e)}", e);
        }

        Write(ctx, result);
        var failures = new List<string>();
        RunCommand.Save(failures, s.Json, path => OutputFiles.Write(ctx, path, stream => FitCheckJson.Write(stream, result, CliContext.Tool, s.ScenarioPath)));
        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string N(double v, string format = "0.0") => CadInput.N(v, format);

    private static string Pct(double v) => double.IsFinite(v) ? (100 * v).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "–";

    private static void Write(CliContext ctx, FitCheckResult r)
    {
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\"{r.ScenarioName}\" against {r.SourceName}: {r.ObservedDays:0.##} days of data from {r.ObservedStart:ddd HH:mm}; simulated {r.Replications} x {r.PeriodDays:0.##} days from {r.ObservedStart:ddd HH:mm} after {r.WarmupDays:0.##} warm-up days, seed {r.Seed}"));
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Citizen calls a day: observed {r.ObservedCallsPerDay:0.00}, simulated {r.SimulatedCallsPerDay:0.00} ({Pct((r.SimulatedCallsPerDay - r.ObservedCallsPerDay) / r.ObservedCallsPerDay)})"));

        foreach (var c in new[] { r.HourOfDay, r.Weekday })
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Calls a day by {(c.Name == "weekday" ? "weekday" : "hour of day")}: chi-square {c.ChiSquare:0.0} on {c.DegreesOfFreedom} df, p = {c.PValue:0.000}; mean |relative error| {100 * c.MeanAbsRelativeError:0.0}%"));
            var t = new Table().Border(TableBorder.Rounded);
            if (c.Name == "weekday")
            {
                t.AddColumn("Day");
                foreach (var row in c.Rows)
                {
                    t.AddColumn(new TableColumn(row.Label).RightAligned());
                }

                t.AddRow([new Text("observed"), .. c.Rows.Select(x => new Text(N(x.Observed, "0.0")))]);
                t.AddRow([new Text("simulated"), .. c.Rows.Select(x => new Text(N(x.Simulated, "0.0")))]);
                t.AddRow([new Text("error"), .. c.Rows.Select(x => new Text(Pct(x.RelativeError)))]);
            }
            else
            {
                // 24 bins: one row each (a 25-column table would not fit a terminal).
                t.AddColumn("Hour");
                t.AddColumn(new TableColumn("observed").RightAligned());
                t.AddColumn(new TableColumn("simulated").RightAligned());
                t.AddColumn(new TableColumn("error").RightAligned());
                foreach (var row in c.Rows)
                {
                    t.AddRow(row.Label, N(row.Observed, "0.00"), N(row.Simulated, "0.00"), Pct(row.RelativeError));
                }
            }

            ctx.Console.Write(t);
        }

        ctx.Out.WriteLine("Priority mix of citizen calls:");
        var mix = new Table().Border(TableBorder.Rounded);
        mix.AddColumn("");
        foreach (var row in r.PriorityMix)
        {
            mix.AddColumn(new TableColumn(row.Label).RightAligned());
        }

        mix.AddRow([new Text("observed"), .. r.PriorityMix.Select(x => new Text(N(100 * x.Observed, "0.00") + "%"))]);
        mix.AddRow([new Text("simulated"), .. r.PriorityMix.Select(x => new Text(N(100 * x.Simulated, "0.00") + "%"))]);
        ctx.Console.Write(mix);

        ctx.Out.WriteLine("Minutes by priority, observed / simulated; KS = two-sample Kolmogorov-Smirnov distance (its 5% critical value):");
        var d = new Table().Border(TableBorder.Rounded);
        foreach (var (name, right) in new[]
                 {
                     ("Priority", false), ("Measure", false), ("n obs", true), ("n sim", true), ("p10", true), ("p50", true), ("p90", true), ("mean", true), ("KS", true),
                 })
        {
            d.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }

        foreach (var p in r.Priorities)
        {
            foreach (var m in p.Measures)
            {
                d.AddRow(
                    new Text("P" + p.Priority.ToString(CultureInfo.InvariantCulture)),
                    new Text(Label(m.Measure)),
                    new Text(m.Observed.N.ToString(CultureInfo.InvariantCulture)),
                    new Text(m.Simulated.N.ToString(CultureInfo.InvariantCulture)),
                    new Text(Pair(m.Observed.P10, m.Simulated.P10)),
                    new Text(Pair(m.Observed.P50, m.Simulated.P50)),
                    new Text(Pair(m.Observed.P90, m.Simulated.P90)),
                    new Text(Pair(m.Observed.Mean, m.Simulated.Mean)),
                    new Text(double.IsFinite(m.KsDistance) ? $"{N(m.KsDistance, "0.000")} ({N(m.KsCritical, "0.000")}){(m.KsDistance > m.KsCritical ? " *" : "")}" : "–"));
            }
        }

        ctx.Console.Write(d);
        ctx.Out.WriteLine("* KS distance above the 5% critical value: the simulated distribution differs from the observed one.");
    }

    private static string Label(string measure) => measure switch
    {
        "queueDelay" => "queue delay (received -> dispatched)",
        "turnout" => "turnout (dispatched -> en route)",
        "travel" => "travel (en route -> arrived)",
        "response" => "response (received -> arrived)",
        "onScene" => "on scene (arrived -> closed)",
        _ => measure,
    };

    private static string Pair(double observed, double simulated) => $"{N(observed)} / {N(simulated)}";
}
