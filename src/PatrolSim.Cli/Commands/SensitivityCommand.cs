using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Output;
using PatrolSim.Reports.Html;
using PatrolSim.Reports.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim sensitivity</c>.</summary>
internal sealed record SensitivitySettings(string SweepDir, string? Json, int Resamples = SobolIndices.DefaultResamples, ulong Seed = 1);

/// <summary><c>patrolsim sensitivity DIR [--json FILE]</c>: Sobol' indices (saltelli) or Morris effects (morris) of every metric of a finished sweep.</summary>
internal static class SensitivityCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("dir") { Description = "The output folder of a finished sweep with design kind saltelli or morris" };
        var json = CommonOptions.File("--json", "Write every metric's indices with their intervals as JSON (docs/output-formats.md)");
        var resamples = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples for the 95% intervals (default 1000)",
            HelpName = "B",
            DefaultValueFactory = _ => SobolIndices.DefaultResamples,
            CustomParser = r => int.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is >= 100 and <= 100000
                ? v
                : CommonOptions.Invalid<int>(r, $"--bootstrap '{r.Tokens[^1].Value}' must be a whole number from 100 to 100000"),
        };
        var seed = CommonOptions.Seed();
        seed.Description = "Seed of the bootstrap resampling (default 1); the same data and seed give the same intervals";
        var cmd = new Command("sensitivity", "Global sensitivity of every metric of a saltelli or morris sweep: Sobol' first- and total-order indices or Morris effects, with bootstrap intervals")
        {
            dir, json, resamples, seed,
        };
        cmd.SetAction(p => Execute(ctx, new SensitivitySettings(p.GetValue(dir)!, p.GetValue(json), p.GetValue(resamples), p.GetValue(seed))));
        return cmd;
    }

    public static int Execute(CliContext ctx, SensitivitySettings s)
    {
        OutputFiles.Check(("--json", s.Json));
        var result = SensitivityAnalysis.Analyse(s.SweepDir, s.Resamples, s.Seed);
        var failures = new List<string>();
        RunCommand.Save(failures, s.Json, path => OutputFiles.Write(ctx, path, stream => SensitivityJson.Write(stream, result, CliContext.Tool)));
        if (!OutputFiles.AnyToStandardOutput(s.Json))
        {
            Print(ctx, result);
        }

        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>The reported metrics (as the sweep report chooses them) as a table: per parameter the indices with their intervals.</summary>
    private static void Print(CliContext ctx, SensitivityResult result)
    {
        var m = result.Manifest;
        bool sobol = m.Design.Kind == Experiments.Sweeps.Designs.DesignKind.Saltelli;
        var shown = SweepReport.ReportedMetrics(new SweepData(m, m.Metrics, []));
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.SweepFile}: {m.Design.Name} design, {m.Points} points × {m.Replications} replications; {(sobol ? "Sobol' indices (first: Saltelli 2010, total: Jansen)" : "Morris elementary effects per full range")}, 95% bootstrap intervals ({result.Resamples} resamples, seed {result.BootstrapSeed})"));
        foreach (var ms in result.Metrics.Where(x => shown.Contains(x.Metric)))
        {
            ctx.Out.WriteLine();
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ms.Metric}  (noise share {(double.IsFinite(ms.NoiseShare) ? ms.NoiseShare.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a")})"));
            int width = Math.Max(9, ms.Parameters.Max(p => p.Parameter.Length));
            ctx.Out.WriteLine(sobol
                ? $"  {"parameter".PadRight(width)}  {"first order",-26}  total order"
                : $"  {"parameter".PadRight(width)}  {"mu*",-26}  {"mu",9}  {"sigma",9}");
            foreach (var p in ms.Parameters)
            {
                ctx.Out.WriteLine(sobol
                    ? $"  {p.Parameter.PadRight(width)}  {Est(p.Sobol!.First),-26}  {Est(p.Sobol.Total)}"
                    : $"  {p.Parameter.PadRight(width)}  {Est(p.Morris!.MuStar),-26}  {Num(p.Morris.Mu),9}  {Num(p.Morris.Sigma),9}");
            }
        }

        if (shown.Count < result.Metrics.Count)
        {
            ctx.Out.WriteLine();
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({shown.Count} of {result.Metrics.Count} metrics shown; --json FILE has every metric)"));
        }
    }

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Est(Estimate e) => double.IsFinite(e.Value) ? $"{Num(e.Value)} [{Num(e.Low)}, {Num(e.High)}]" : "n/a";
}
