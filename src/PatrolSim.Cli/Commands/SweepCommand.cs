using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim sweep</c>.</summary>
internal sealed record SweepSettings(string SweepFile, string OutDir, int Parallel, bool Resume, Shard Shard, string? Report = null, string? Svg = null, string? Png = null, long MaxJobs = SweepPlan.DefaultMaxJobs, ResultsFormat Format = ResultsFormat.Csv)
{
    /// <summary>Whether a report, SVG or PNG charts were asked for.</summary>
    public bool WantsReport => Report is not null || Svg is not null || Png is not null;
}

/// <summary><c>patrolsim sweep</c>: every point × replication of a sweep file, streamed to disk, resumable and shardable.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("sweep") { Description = "Sweep file (YAML; see docs/sweeps.md)" };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder: results.csv, summary.csv, sweep.json", Required = true, HelpName = "DIR" };
        var parallel = CommonOptions.Parallel();
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted sweep in --out: finished jobs are kept, the rest run" };
        var shard = new Option<Shard>("--shard")
        {
            Description = "Run only shard K of N (jobs with index % N == K-1), or 'auto' from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX/PATROLSIM_SHARD_COUNT; combine shards with 'patrolsim merge'",
            HelpName = "K/N",
            DefaultValueFactory = _ => Shard.All,
            CustomParser = r => (r.Tokens[^1].Value == "auto"
                ? Shard.FromEnvironment(Environment.GetEnvironmentVariable, out Problem? error)
                : Shard.TryParse(r.Tokens[^1].Value, out error)) ?? CommonOptions.Invalid<Shard>(r, error is null ? null : Flags.Name(error)),
        };
        var maxJobs = new Option<long>("--max-jobs")
        {
            Description = "Refuse sweeps of more jobs than this (points × replications); default 10,000,000",
            HelpName = "N",
            DefaultValueFactory = _ => SweepPlan.DefaultMaxJobs,
            CustomParser = r => long.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v >= 1
                ? v
                : CommonOptions.Invalid<long>(r, $"--max-jobs '{r.Tokens[^1].Value}' must be a whole number of jobs, at least 1"),
        };
        var format = new Option<ResultsFormat>("--format")
        {
            Description = "Results file: csv (results.csv) or parquet (results.parquet: typed columns, about 10 times smaller; docs/output-formats.md)",
            HelpName = "csv|parquet",
            DefaultValueFactory = _ => ResultsFormat.Csv,
            CustomParser = r => r.Tokens[^1].Value switch
            {
                "csv" => ResultsFormat.Csv,
                "parquet" => ResultsFormat.Parquet,
                var v => CommonOptions.Invalid<ResultsFormat>(r, $"--format '{v}' must be csv or parquet"),
            },
        };
        var report = ReportCommand.ReportOption();
        var svg = ReportCommand.SvgOption();
        var png = ReportCommand.PngOption();
        var cmd = new Command("sweep", "Run a parameter sweep (grid × replications) with common random numbers; resumable and shardable")
        {
            file, outDir, parallel, resume, shard, format, maxJobs, report, svg, png,
        };
        cmd.SetAction(p => Execute(ctx, new SweepSettings(
            p.GetValue(file)!, p.GetValue(outDir)!, p.GetValue(parallel), p.GetValue(resume), p.GetValue(shard), p.GetValue(report), p.GetValue(svg), p.GetValue(png), p.GetValue(maxJobs), p.GetValue(format))));
        return cmd;
    }

    public static int Execute(CliContext ctx, SweepSettings s)
    {
        using var interruption = Interruption.Listen();
        if (!File.Exists(s.SweepFile))
        {
            throw new UserException($"{s.SweepFile}: sweep file not found; give the path of a YAML sweep file, e.g. scenarios/sweep-officers-policy.yaml");
        }

        if (s.WantsReport && !s.Shard.IsAll)
        {
            throw new UserException($"--report, --svg and --png need the whole sweep, not shard {s.Shard}; merge the shards ('patrolsim merge'), then run 'patrolsim report DIR --out FILE.html'");
        }

        OutputFiles.Check([("--report", s.Report)], [("--out", s.OutDir), ("--svg", s.Svg), ("--png", s.Png)]);

        // The job count is said as soon as it is known, before the points are built and validated.
        var plan = SweepPlan.Load(s.SweepFile, s.MaxJobs, parallelism: s.Parallel, counted: (points, jobs) =>
        {
            long inShard = s.Shard.JobsOf(jobs);
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep {Path.GetFileName(s.SweepFile)}: {points} points × {jobs / Math.Max(1, points)} replications = {jobs} jobs{(s.Shard.IsAll ? "" : $"; shard {s.Shard}: {inShard} {(inShard == 1 ? "job" : "jobs")}")}"));
            ctx.Error.Flush();
        });
        long shardJobs = s.Shard.JobsOf(plan.Jobs);

        SweepRunResult result;
        try
        {
            var options = new SweepRunOptions(s.OutDir, s.Parallel, s.Resume, s.Shard, CliContext.Tool, ResumeCommand(s), s.Format);
            result = Progress.Run(ctx, "jobs", (int)Math.Clamp(shardJobs, 1, int.MaxValue), progress =>
                SweepRunner.Run(plan, options, new IntProgress(progress), interruption.Token));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An I/O failure (a full disk, a lost mount) is not an input error: exit 1, and the finished jobs are kept,
            // if any were written.
            string journal = Path.Combine(s.OutDir, Journal(s));
            string kept = File.Exists(journal) || Directory.Exists(journal)
                ? $"{Journal(s)} keeps every finished job. After fixing it, continue with: {ResumeCommand(s)}"
                : "no results were written";
            throw new OutputException($"{s.OutDir}: cannot write: {e.Message}; {kept}", e);
        }

        if (result.RepairedBytes > 0)
        {
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resume: removed a damaged or half-written tail of {result.RepairedBytes} bytes from results.csv"));
        }

        long done = result.Skipped + result.Ran;
        if (!result.Complete)
        {
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"patrolsim: interrupted after {done} of {result.ShardJobs} jobs; {Path.Combine(s.OutDir, Journal(s))} holds every finished job. Continue with: {ResumeCommand(s)}"));
            return ExitCodes.Interrupted;
        }

        string results = SweepResults.FileName(s.Format);
        bool grid = plan.Design.Kind == Experiments.Sweeps.Designs.DesignKind.Grid;
        string outputs = !grid ? $"{results}, sweep.json{(s.Shard.IsAll ? "" : " (merge the shards)")}"
            : s.Shard.IsAll ? $"{results}, summary.csv, sweep.json" : $"{results}, sweep.json (merge the shards for summary.csv)";
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done} {(done == 1 ? "job" : "jobs")} done ({result.Skipped} already done, {result.Ran} run) -> {s.OutDir}: {outputs}"));
        return s.WantsReport ? ReportCommand.WriteSweepReport(ctx, s.OutDir, s.Report, s.Svg, s.Png) : ExitCodes.Ok;
    }

    /// <summary>Where finished jobs are kept while the sweep runs: results.csv, or the folder of Parquet parts.</summary>
    private static string Journal(SweepSettings s) => s.Format == ResultsFormat.Parquet ? ParquetResults.PartsFolder : SweepResults.CsvFile;

    private static string ResumeCommand(SweepSettings s) =>
        $"patrolsim sweep {s.SweepFile} --out {s.OutDir}{(s.Shard.IsAll ? "" : " --shard " + s.Shard)}{(s.Format == ResultsFormat.Parquet ? " --format parquet" : "")} --resume";

    private sealed class IntProgress(IProgress<int> inner) : IProgress<long>
    {
        public void Report(long value) => inner.Report((int)Math.Min(int.MaxValue, value));
    }
}
