using System.Globalization;
using PatrolSim.Reports.Html;
using PatrolSim.Reports.Tests.Html;

namespace PatrolSim.Reports.Tests.Browser;

/// <summary>
/// Opens generated reports in headless Chromium (skipped when it is not installed): no console messages, and a screenshot
/// of the expected size with ink and the palette's first colour on it. Set PATROLSIM_SCREENSHOT_DIR to keep the PNGs.
/// </summary>
public sealed class BrowserReportTests
{
    private const int Width = 1100;
    private const int Height = 3600; // tall enough to reach the first chart below the metrics tables

    private static Png Check(string name, string html)
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
        var png = Png.Decode(result.Png);
        Assert.Equal(Width, png.Width);
        Assert.Equal(Height, png.Height);
        double ink = png.InkShare();
        Assert.InRange(ink, 0.05, 0.9); // neither blank nor a solid block
        Assert.True(png.HasColor(0x0072B2), "the first palette colour (#0072B2) is nowhere on the page");
        return png;
    }

    [ChromiumFact]
    public void RunReport_RendersWithoutConsoleErrors()
    {
        var s = ReportFixtures.Tiny;
        var doc = RunReport.Build(s, HourlyProfile.Collect(s.Scenario, s.Seed), "patrolsim test", "midsize-baseline.yaml");
        var png = Check("run", doc.ToHtml());
        Assert.Equal(0xFFFFFF, png.Rgb(Width / 2, 40)); // the page itself is white at the top (main column)
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
            SweepReportTests.WriteFixture(dir);
            Check("sweep", SweepReport.Build(SweepData.Read(dir), "patrolsim test").ToHtml());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ChromiumFact]
    public void ConsoleCapture_SeesAScriptError()
    {
        // Guards the check above: a page that logs to the console must be caught, or "no console errors" proves nothing.
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-browser-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "console.html");
        File.WriteAllText(file, "<!DOCTYPE html><html><body><p>x</p><script>console.error('patrolsim-probe')</script></body></html>");
        var result = Chromium.Screenshot(file, 400, 300);
        Assert.Contains(result.Console, l => l.Contains("patrolsim-probe", StringComparison.Ordinal));
        var png = Png.Decode(result.Png);
        Assert.Equal((400, 300), (png.Width, png.Height));
    }
}
