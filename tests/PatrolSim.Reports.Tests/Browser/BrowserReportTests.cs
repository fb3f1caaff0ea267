using System.Globalization;
using PatrolSim.Reports.Html;
using PatrolSim.Reports.Tests.Html;

namespace PatrolSim.Reports.Tests.Browser;

/// <summary>
/// Opens generated reports in headless Chromium (skipped when it is not installed) at 1280 px wide: no console messages, no
/// horizontal scrolling (neither the page nor any table), and a screenshot of the expected size with ink and the palette's
/// first colour on it. Set PATROLSIM_SCREENSHOT_DIR to keep the PNGs.
/// </summary>
public sealed class BrowserReportTests
{
    private const int Width = 1280; // a laptop or projector page: every table must fit without scrolling sideways
    private const int Height = 3600; // tall enough to reach the first chart below the metrics tables

    private static Chromium.Pixels Check(string name, string html)
    {
        ReportFixtures.AssertSelfContained(html);
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-browser-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, name + ".html");
        File.WriteAllText(file, html);
        var result = Chromium.Screenshot(file, Width, Height);
        string? keep = Environment.GetEnvironmentVariable("PATROLSIM_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, name + ".png"), result.Png);
        }

        Assert.Empty(result.Console);
        Assert.Empty(result.Overflow);
        var png = result.Pixels;
        Assert.Equal(Width, png.Width);
        Assert.Equal(Height, png.Height);
        Assert.InRange(png.InkShare, 0.05, 0.9); // neither blank nor a solid block
        Assert.True(png.FirstPaletteColour, "the first palette colour (#0072B2) is nowhere on the page");
        return png;
    }

    [ChromiumFact]
    public void RunReport_RendersWithoutConsoleErrors()
    {
        var s = ReportFixtures.Tiny;
        var doc = RunReport.Build(s, HourlyProfile.Collect(s.Scenario, s.Seed), "patrolsim test", "midsize-baseline.yaml");
        var png = Check("run", doc.ToHtml());
        Assert.Equal(0xFFFFFF, png.TopCentre); // the page itself is white at the top (main column)
    }

    [ChromiumFact]
    public void CompareReport_RendersWithoutConsoleErrors() =>
        Check("compare", CompareReport.Build(ReportFixtures.Comparison, "patrolsim test").ToHtml());

    [ChromiumFact]
    public void SweepReport_RendersWithoutConsoleErrors()
    {
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-browser-sweep-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            SweepReportTests.WriteFixture(dir, everyMetric: true); // a sweep without a metrics: list: the default metrics
            Check("sweep", SweepReport.Build(SweepData.Read(dir), "patrolsim test").ToHtml());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ChromiumFact]
    public void Capture_SeesAScriptError_AndMeasuresAKnownPage()
    {
        // Guards the checks above: a page that logs to the console must be caught, or "no console errors" proves nothing;
        // and the pixel measurements must give the known answer for a page that is half #0072B2, half white.
        var result = ScreenshotOf("console.html", "<!DOCTYPE html><html><body style=\"margin:0;background:#fff\"><div style=\"width:200px;height:300px;background:#0072B2\"></div>" +
            "<script>console.error('patrolsim-probe')</script></body></html>");
        Assert.Equal(["error: patrolsim-probe"], result.Console);
        Assert.Equal(new Chromium.Pixels(400, 300, 0.5, true, 0xFFFFFF), result.Pixels);
        Assert.Empty(result.Overflow);
        Assert.Equal([137, 80, 78, 71, 13, 10, 26, 10], result.Png.Take(8)); // a PNG file
    }

    [ChromiumFact]
    public void Capture_SeesAPageAndATableThatScrollSideways()
    {
        // Guards the "no horizontal scroll" check: a page wider than the viewport and a table box wider than itself must be caught.
        var result = ScreenshotOf("wide.html", "<!DOCTYPE html><html><body style=\"margin:0\"><div style=\"width:500px;height:10px\"></div>" +
            "<div class=\"table\" style=\"width:300px;overflow-x:auto\"><table style=\"width:700px\"><thead><tr><th>a</th><th>b</th></tr></thead></table></div></body></html>");
        Assert.Equal(["page 500 > 400", "table 'a | b' 700 > 300"], result.Overflow);
    }

    /// <summary>A control page written to a temporary file and opened in a 400 × 300 viewport.</summary>
    private static Chromium.Result ScreenshotOf(string name, string html)
    {
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-browser-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, name);
        File.WriteAllText(file, html);
        return Chromium.Screenshot(file, 400, 300);
    }
}
