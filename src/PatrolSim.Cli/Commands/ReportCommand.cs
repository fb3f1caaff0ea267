using System.CommandLine;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim report</c>.</summary>
internal sealed record ReportSettings(string SweepDir, string Out, string? Svg);

/// <summary><c>patrolsim report DIR --out FILE.html [--svg DIR]</c>: the HTML report of a finished sweep.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("dir") { Description = "The output folder of a finished sweep (with sweep.json and summary.csv)" };
        var outFile = new Option<string>("--out", "-o") { Description = "The HTML report to write", Required = true, HelpName = "FILE.html" };
        var svg = SvgOption();
        var cmd = new Command("report", "Write a self-contained HTML report (and optionally SVG charts) of a finished sweep") { dir, outFile, svg };
        cmd.SetAction(p => Execute(ctx, new ReportSettings(p.GetValue(dir)!, p.GetValue(outFile)!, p.GetValue(svg))));
        return cmd;
    }

    public static int Execute(CliContext ctx, ReportSettings s)
    {
        OutputFiles.Check(("--out", s.Out));
        var doc = SweepReport.Build(SweepData.Read(s.SweepDir), CliContext.Tool);
        var failures = new List<string>();
        Write(ctx, failures, doc, s.Out, s.Svg);
        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        if (failures.Count == 0)
        {
            ctx.Out.WriteLine($"report: {s.Out} ({doc.Charts.Count} charts)");
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>The <c>--svg DIR</c> option shared by run, compare and report.</summary>
    public static Option<string?> SvgOption() => new("--svg")
    {
        Description = "Also write every chart of the report as its own SVG file into this folder (created if missing)",
        HelpName = "DIR",
    };

    /// <summary>The <c>--report FILE.html</c> option of run and compare.</summary>
    public static Option<string?> ReportOption() => CommonOptions.File("--report", "Write a self-contained HTML report with charts (see docs/reports.md)");

    /// <summary>Writes the HTML (when <paramref name="html"/> is set) and every chart as SVG (when <paramref name="svgDir"/> is set), atomically.</summary>
    public static void Write(CliContext ctx, List<string> failures, ReportDocument doc, string? html, string? svgDir)
    {
        var renderer = new SvgChartRenderer();
        RunCommand.Save(failures, html, path => OutputFiles.WriteText(ctx, path, w => w.Write(doc.ToHtml(renderer))));
        RunCommand.Save(failures, svgDir, dir =>
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException($"{dir}: cannot create the SVG folder: {e.Message}", e);
            }

            foreach (var chart in doc.Charts)
            {
                OutputFiles.WriteText(ctx, Path.Combine(dir, chart.FileName), w => w.Write(renderer.Render(chart.Chart)));
            }
        });
    }
}
