using System.CommandLine;
using PatrolSim.Calibration.Export;
using PatrolSim.Experiments;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;
using PatrolSim.Reports.Html;
using PatrolSim.Reports.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim run</c>, built from the parse result.</summary>
internal sealed record RunSettings(
    string ScenarioPath,
    int Replications,
    ulong Seed,
    double? Days,
    int Parallel,
    IReadOnlyList<string> Sets,
    string? Json,
    string? Csv,
    string? Trace,
    string? CadExport = null,
    string? Report = null,
    string? Svg = null,
    string? Png = null,
    bool CsvLong = false,
    string? ZoneCsv = null,
    bool ByZone = false,
    IReadOnlyList<PrecisionTarget>? Precision = null,
    int? MaxReplications = null);

/// <summary><c>patrolsim run</c>: replications of one scenario, a console table, JSON/CSV/trace files.</summary>
internal static class RunCommand
{
    /// <summary>The cap on replications of <c>--precision</c> unless <c>--max-replications</c> gives another.</summary>
    public const int DefaultMaxReplications = 1000;

    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.ScenarioArgument();
        var reps = CommonOptions.Replications();
        var seed = CommonOptions.Seed();
        var days = CommonOptions.Days();
        var parallel = CommonOptions.Parallel();
        var set = CommonOptions.Set();
        var json = CommonOptions.File("--json", "Write the summary (means and 95% CIs) as JSON");
        var csv = CommonOptions.File("--csv", "Write one row per replication as CSV");
        var csvFormat = new Option<string>("--csv-format")
        {
            Description = "Layout of --csv: wide (one row per replication, one column per metric) or long (one row per replication and metric, with its unit)",
            DefaultValueFactory = _ => "wide",
        }.AcceptOnlyFromAmong("wide", "long");
        var zoneCsv = CommonOptions.File("--zone-csv", "Write the results by zone (beat) and by district as CSV: means and 95% CIs");
        var byZone = new Option<bool>("--by-zone") { Description = "Also print the results by zone (beat) and by district" };
        var trace = CommonOptions.File("--trace", "Write the event trace of replication 0 as CSV");
        var cadExport = CommonOptions.File("--cad-export", "Write replication 0's calls as a CAD-style CSV (readable by patrolsim calibrate)");
        var report = ReportCommand.ReportOption();
        var svg = ReportCommand.SvgOption();
        var png = ReportCommand.PngOption();
        var precision = new Option<PrecisionTarget[]>("--precision")
        {
            Description = "Add replications, --replications at a time, until METRIC's 95% CI half-width is at most RELATIVE × its mean (repeatable; all must hold), e.g. responseTime.mean=0.02",
            HelpName = "METRIC=RELATIVE",
            CustomParser = CommonOptions.EachToken<PrecisionTarget>(PrecisionTarget.TryParse),
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var maxReplications = new Option<int?>("--max-replications")
        {
            Description = $"With --precision: the most replications to run (default {DefaultMaxReplications})",
            HelpName = "N",
            Validators = { r => CommonOptions.WholeNumberFrom(r, 2, 100000) },
        };
        var cmd = new Command("run", "Simulate a scenario and report response, exposure and capacity metrics with 95% CIs")
        {
            scenario, reps, seed, days, parallel, set, json, csv, csvFormat, zoneCsv, byZone, trace, cadExport, report, svg, png, precision, maxReplications,
        };
        cmd.SetAction(p => Execute(ctx, new RunSettings(
            p.GetValue(scenario)!, p.GetValue(reps), p.GetValue(seed), p.GetValue(days), p.GetValue(parallel),
            p.GetValue(set) ?? [], p.GetValue(json), p.GetValue(csv), p.GetValue(trace), p.GetValue(cadExport), p.GetValue(report), p.GetValue(svg), p.GetValue(png),
            p.GetValue(csvFormat) == "long", p.GetValue(zoneCsv), p.GetValue(byZone), p.GetValue(precision) ?? [], p.GetValue(maxReplications))));
        return cmd;
    }

    public static int Execute(CliContext ctx, RunSettings s)
    {
        using var interruption = Interruption.Listen();
        OutputFiles.Check([("--json", s.Json), ("--csv", s.Csv), ("--zone-csv", s.ZoneCsv), ("--trace", s.Trace), ("--cad-export", s.CadExport), ("--report", s.Report)], [("--svg", s.Svg), ("--png", s.Png)]);
        int cap = s.MaxReplications ?? DefaultMaxReplications;
        if (s.Precision is not { Count: > 0 })
        {
            if (s.MaxReplications is not null)
            {
                throw new UserException("--max-replications applies only with --precision (it caps the replications added to reach a precision); drop it, or add --precision METRIC=RELATIVE");
            }
        }
        else if (s.Replications < 2)
        {
            throw new UserException($"--precision needs --replications of at least 2 (the first batch, and each batch after it), not {s.Replications}; Law advises 10 or more");
        }
        else if (cap < s.Replications)
        {
            throw new UserException($"--max-replications {cap} must be at least --replications {s.Replications} (the first batch)");
        }

        Scenario scenario = CommonOptions.LoadScenario(s.ScenarioPath, s.Days, s.Sets);
        var summary = s.Precision is { Count: > 0 } targets
            ? Progress.Run(ctx, "replications (at most)", cap, progress =>
                PrecisionRunner.Run(scenario, targets, s.Replications, cap, s.Seed, s.Parallel, progress, cancellationToken: interruption.Token))
            : Progress.Run(ctx, "replications", s.Replications, progress =>
                ReplicationRunner.Run(scenario, s.Replications, s.Seed, s.Parallel, progress, cancellationToken: interruption.Token));

        if (!OutputFiles.AnyToStandardOutput(s.Json, s.Csv, s.ZoneCsv, s.Trace, s.CadExport, s.Report))
        {
            // With an output on standard output ('-'), that output is all standard output holds.
            ConsoleTables.WriteRun(ctx.Console, summary);
            if (s.ByZone)
            {
                ZoneTable.Write(ctx.Console, summary);
            }
        }

        var info = new RunInfo(CliContext.Tool, s.ScenarioPath, s.Sets);
        var failures = new List<string>();
        Save(failures, s.Json, path => OutputFiles.Write(ctx, path, stream => JsonSummaryWriter.Write(stream, summary, info)));
        Save(failures, s.Csv, path => OutputFiles.WriteText(ctx, path, w =>
        {
            if (s.CsvLong)
            {
                ReplicationCsvWriter.WriteLong(w, summary);
            }
            else
            {
                ReplicationCsvWriter.Write(w, summary);
            }
        }));

        Save(failures, s.ZoneCsv, path => OutputFiles.WriteText(ctx, path, w => ZoneCsvWriter.Write(w, summary)));

        // Replication 0 is simulated once: the trace streams to its file while the calls are collected
        // for the CAD export and the report's hourly profile.
        HourlyProfile? replicationZero = null;
        void SimulateReplicationZero(ITraceSink? trace)
        {
            var calls = new HourlyProfile();
            new PatrolSimulation(scenario).Run(s.Seed, 0, trace, calls);
            replicationZero = calls;
        }

        Save(failures, s.Trace, path => OutputFiles.WriteText(ctx, path, w =>
        {
            using var sink = new CsvTraceSink(w);
            SimulateReplicationZero(sink);
        }));
        bool report = s.Report is not null || s.Svg is not null || s.Png is not null;
        if (replicationZero is null && (s.CadExport is not null || report))
        {
            // No trace was asked for, or its file could not be written.
            SimulateReplicationZero(null);
        }

        Save(failures, s.CadExport, path => OutputFiles.WriteText(ctx, path, w =>
        {
            var export = new CadCsvExport();
            foreach (var call in replicationZero!.Calls)
            {
                export.Call(call);
            }

            export.Write(w);
        }));
        if (report)
        {
            var doc = RunReport.Build(summary, replicationZero!, CliContext.Tool, string.Join(" ", [s.ScenarioPath, .. s.Sets.Select(x => "--set " + x)]));
            ReportCommand.Write(ctx, failures, doc, s.Report, s.Svg, s.Png);
        }

        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>Writes one output; a failure is remembered so the other outputs are still written.</summary>
    internal static void Save(List<string> failures, string? path, Action<string> write)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            write(path);
        }
        catch (OutputException e)
        {
            failures.Add("patrolsim: " + e.Message);
        }
    }
}
