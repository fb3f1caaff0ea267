using System.Xml.Linq;

namespace PatrolSim.Cli.Tests;

/// <summary>run/compare --report/--svg and 'patrolsim report DIR' through the real command line.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = CliRunner.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static void AssertSelfContainedHtml(string path)
    {
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    private static void AssertSvgs(string dir, params string[] expected)
    {
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        foreach (string e in expected)
        {
            Assert.Contains(e, files);
        }

        foreach (string f in Directory.GetFiles(dir))
        {
            var svg = XDocument.Load(f);
            Assert.Equal("{http://www.w3.org/2000/svg}svg", svg.Root!.Name.ToString());
        }
    }

    [Fact]
    public void Run_WithReportAndSvg_WritesTheSameBytes_AtOneAndFourThreads()
    {
        string[] Args(string tag, string parallel) => ["run", CliRunner.Scenario("midsize-baseline.yaml"), "-r", "4", "--days", "4", "--seed", "3",
            "--parallel", parallel, "--report", P(tag + ".html"), "--svg", P(tag)];
        var (code, _, err) = CliRunner.Run(Args("one", "1"));
        Assert.True(code == 0, err);
        AssertSelfContainedHtml(P("one.html"));
        AssertSvgs(P("one"), "run-response-ecdf.svg", "run-response-p1.svg", "run-profile-calls.svg", "run-profile-queue.svg", "run-profile-officers.svg", "run-profile-utilisation.svg", "run-exposure.svg");

        // Replications finish in another order on four threads; the report must not notice.
        Assert.Equal(0, CliRunner.Run(Args("four", "4")).Exit);
        Assert.Equal(File.ReadAllBytes(P("one.html")), File.ReadAllBytes(P("four.html")));
        var svgs = Directory.GetFiles(P("one")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(svgs, Directory.GetFiles(P("four")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string? svg in svgs)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(P("one"), svg!)), File.ReadAllBytes(Path.Combine(P("four"), svg!)));
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Compare_WithReport_WritesTheTradeOffChart()
    {
        var (code, _, err) = CliRunner.Run("compare", CliRunner.Scenario("midsize-baseline.yaml"), "--variant", "paired:policy.crew.twoOfficerShare=1",
            "-r", "2", "--days", "4", "--report", P("cmp.html"), "--svg", P("svg"), "--png", P("png"));
        Assert.True(code == 0, err);
        AssertSelfContainedHtml(P("cmp.html"));
        AssertPngs(P("png"), Directory.GetFiles(P("svg"), "*.svg").Length);
        AssertSvgs(P("svg"), "compare-tradeoff.svg", "compare-response.svg", "compare-diff-response.svg");
        var labels = XDocument.Load(P("svg/compare-tradeoff.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        Assert.Contains("base", labels);
        Assert.Contains("paired", labels);
    }

    /// <summary>Writes P("sweep.yaml"): a 2 × 2 grid (paired share × staffing) over a copy of midsize-baseline, 2 replications, seed 11.</summary>
    private void WriteSweepFile(int days, string metrics)
    {
        File.Copy(CliRunner.Scenario("midsize-baseline.yaml"), P("city.yaml"));
        File.WriteAllText(P("sweep.yaml"), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
            base: city.yaml
            days: {days}
            grid:
              policy.crew.twoOfficerShare: [0, 1]
              staffing.scale: [1, 1.5]
            replications: 2
            seed: 11
            {metrics}
            """));
    }

    [Fact]
    public void Report_OfAFinishedSweep_WritesHtmlAndSvgs()
    {
        WriteSweepFile(days: 4, "metrics: [responseTime.mean@1, soloExposureIndex]");
        Assert.Equal(0, CliRunner.Run("sweep", P("sweep.yaml"), "--out", P("out"), "-p", "1").Exit);
        var (code, output, err) = CliRunner.Run("report", P("out"), "--out", P("sweep.html"), "--svg", P("svg"), "--png", P("png"));
        Assert.True(code == 0, err);
        Assert.StartsWith("report: " + P("sweep.html"), output, StringComparison.Ordinal);
        AssertSelfContainedHtml(P("sweep.html"));
        AssertSvgs(P("svg"), "sweep-responseTime-mean-p1.svg", "sweep-soloExposureIndex.svg", "sweep-tradeoff.svg", "sweep-heatmap-soloExposureIndex.svg");
        AssertPngs(P("png"), Directory.GetFiles(P("svg"), "*.svg").Length);
    }

    [Fact]
    public void Sweep_WithReport_WritesTheDefaultMetrics_WhenTheFileListsNone()
    {
        WriteSweepFile(days: 3, metrics: "");
        var (code, output, err) = CliRunner.Run("sweep", P("sweep.yaml"), "--out", P("out"), "-p", "1", "--report", P("sweep.html"), "--svg", P("svg"), "--png", P("png"));
        Assert.True(code == 0, err);
        Assert.Contains("report: " + P("sweep.html") + " (17 charts)", output, StringComparison.Ordinal);
        AssertSelfContainedHtml(P("sweep.html"));

        // Eight default metrics, each against the staffing share and as a heatmap, and the trade-off: not one chart per metric of results.csv.
        string[] slugs = ["responseTime-mean-p1", "responseTime-p90-p1", "queueDelay-mean", "soloMinutesPerDay-high", "soloMinutesPerDay-medium", "soloPatrolHoursPerDay", "utilization", "proactiveShare"];
        string[] expected = [.. slugs.Select(m => $"sweep-{m}.svg"), .. slugs.Select(m => $"sweep-heatmap-{m}.svg"), "sweep-tradeoff.svg"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(P("svg")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertPngs(P("png"), expected.Length);

        // The same bytes as 'patrolsim report' of the folder.
        Assert.Equal(0, CliRunner.Run("report", P("out"), "--out", P("again.html")).Exit);
        Assert.Equal(File.ReadAllBytes(P("sweep.html")), File.ReadAllBytes(P("again.html")));
    }

    [Fact]
    public void Sweep_WithReport_OnAShard_IsRefusedBeforeAnyJobRuns()
    {
        File.WriteAllText(P("sweep.yaml"), "base: city.yaml\n");
        var (code, _, err) = CliRunner.Run("sweep", P("sweep.yaml"), "--out", P("out"), "--shard", "1/2", "--report", P("x.html"));
        Assert.Equal(2, code);
        Assert.Equal("patrolsim: --report, --svg and --png need the whole sweep, not shard 1/2; merge the shards ('patrolsim merge'), then run 'patrolsim report DIR --out FILE.html'\n", err);
        Assert.False(Directory.Exists(P("out")));
    }

    /// <summary>One slide-sized PNG per chart: decodes, is 1600 × 900, and the plot area (below title and legend, inside the axes) has ink.</summary>
    private static void AssertPngs(string dir, int charts)
    {
        var files = Directory.GetFiles(dir, "*.png");
        Assert.Equal(charts, files.Length);
        foreach (string file in files)
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(file);
            Assert.NotNull(bitmap);
            Assert.Equal((1600, 900), (bitmap.Width, bitmap.Height));
            int ink = 0, all = 0;
            for (int y = 200; y < 780; y += 2)
            {
                for (int x = 150; x < 1500; x += 2, all++)
                {
                    var c = bitmap.GetPixel(x, y);
                    ink += c.Red < 235 || c.Green < 235 || c.Blue < 235 ? 1 : 0;
                }
            }

            Assert.InRange(ink / (double)all, 0.002, 0.98);
        }
    }

    [Fact]
    public void Report_OfAFolderWithoutASweep_NamesTheMissingFileAndExits2()
    {
        var (code, _, err) = CliRunner.Run("report", _dir, "--out", P("x.html"));
        Assert.Equal(2, code);
        Assert.Equal($"patrolsim: {_dir}: no sweep.json; this is not a sweep output folder (run 'patrolsim sweep FILE --out {_dir}' first)\n", err);
        Assert.False(File.Exists(P("x.html")));
    }

    [Fact]
    public void Report_WithoutSummary_NamesSummaryCsvAndExits2()
    {
        File.WriteAllText(P("sweep.json"), """
            { "schemaVersion": 1, "tool": "t", "inputs": { "sweep": "s.yaml", "base": "b.yaml", "hash": "h" }, "seed": 1, "replications": 2,
              "points": 1, "jobs": 2, "parameters": [], "metrics": [], "shard": { "index": 1, "count": 1 }, "status": "complete" }
            """);
        var (code, _, err) = CliRunner.Run("report", _dir, "--out", P("x.html"));
        Assert.Equal(2, code);
        Assert.Contains("no summary.csv", err, StringComparison.Ordinal);
    }
}
