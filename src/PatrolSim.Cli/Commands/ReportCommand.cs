using System.CommandLine;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Output;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim report</c>.</summary>
internal sealed record ReportSettings(string SweepDir, string Out, string? Svg, string? Png = null);

/// <summary><c>patrolsim report DIR --out FILE.html [--svg DIR] [--png DIR]</c>: the HTML report of a finished sweep.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("dir") { Description = "The output folder of a finished sweep (with sweep.json and summary.csv)" };
        var outFile = new Option<string>("--out", "-o") { Description = "The HTML report to write", Required = true, HelpName = "FILE.html" };
        var svg = SvgOption();
        var png = PngOption();
        var cmd = new Command("report", "Write a self-contained HTML report (and optionally SVG or PNG charts) of a finished sweep") { dir, outFile, svg, png };
        cmd.SetAction(p => Execute(ctx, new ReportSettings(p.GetValue(dir)!, p.GetValue(outFile)!, p.GetValue(svg), p.GetValue(png))));
        return cmd;
    }

    public static int Execute(CliContext ctx, ReportSettings s)
    {
        OutputFiles.Check([("--out", s.Out)], [("--svg", s.Svg), ("--png", s.Png)]);
        return WriteSweepReport(ctx, s.SweepDir, s.Out, s.Svg, s.Png);
    }

    /// <summary>Reads the finished sweep in <paramref name="sweepDir"/> and writes its report and charts (those asked for); the exit code.</summary>
    public static int WriteSweepReport(CliContext ctx, string sweepDir, string? html, string? svgDir, string? pngDir)
    {
        var doc = SweepReport.Build(SweepData.Read(sweepDir), CliContext.Tool);
        var failures = new List<string>();
        Write(ctx, failures, doc, html, svgDir, pngDir);
        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        if (failures.Count == 0)
        {
            ctx.Out.WriteLine($"report: {html ?? svgDir ?? pngDir} ({doc.Charts.Count} charts)");
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>The <c>--svg DIR</c> option shared by run, compare, sweep and report.</summary>
    public static Option<string?> SvgOption() => new("--svg")
    {
        Description = "Also write every chart of the report as its own SVG file into this folder (created if missing)",
        HelpName = "DIR",
    };

    /// <summary>The <c>--png DIR</c> option shared by run, compare, sweep and report.</summary>
    public static Option<string?> PngOption() => new("--png")
    {
        Description = $"Also write every chart of the report as a {ScottPlotChartRenderer.SlideWidth}×{ScottPlotChartRenderer.SlideHeight} PNG (slide size) into this folder (created if missing)",
        HelpName = "DIR",
    };

    /// <summary>The <c>--report FILE.html</c> option of run, compare and sweep.</summary>
    public static Option<string?> ReportOption() => CommonOptions.File("--report", "Write a self-contained HTML report with charts (see docs/reports.md)");

    /// <summary>
    /// Writes the HTML (when <paramref name="html"/> is set) and every chart as SVG into <paramref name="svgDir"/> and as
    /// PNG into <paramref name="pngDir"/> (when set), each file atomically.
    /// </summary>
    public static void Write(CliContext ctx, List<string> failures, ReportDocument doc, string? html, string? svgDir, string? pngDir = null)
    {
        var renderer = new ScottPlotChartRenderer();
        RunCommand.Save(failures, html, path => OutputFiles.WriteText(ctx, path, w => w.Write(doc.ToHtml(renderer))));
        WriteCharts(failures, doc, svgDir, "SVG", (chart, path) => OutputFiles.WriteText(ctx, path, w => w.Write(renderer.Render(chart))));
        WriteCharts(failures, doc, pngDir, "PNG", (chart, path) => OutputFiles.Write(ctx, path, s => s.Write(ScottPlotChartRenderer.RenderPng(chart))));
    }

    private static void WriteCharts(List<string> failures, ReportDocument doc, string? dir, string format, Action<Chart, string> write) =>
        RunCommand.Save(failures, dir, dir =>
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException($"{dir}: cannot create the {format} folder: {e.Message}", e);
            }

            foreach (var chart in doc.Charts)
            {
                write(chart.Chart, Path.Combine(dir, Path.ChangeExtension(chart.FileName, format.ToLowerInvariant())));
            }
        });
}
