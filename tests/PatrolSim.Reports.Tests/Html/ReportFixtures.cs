using System.Xml;
using System.Xml.Linq;
using PatrolSim.Experiments;
using PatrolSim.Reports.Charts;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Reports.Tests.Html;

/// <summary>Tiny fixed-seed runs and helpers shared by the report tests.</summary>
internal static class ReportFixtures
{
    /// <summary>The folder holding PatrolSim.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatrolSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PatrolSim.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>midsize-baseline for <paramref name="days"/> days (1 day warm-up) plus overrides.</summary>
    public static Scenario Midsize(double days = 3, params string[] sets) =>
        ScenarioLoader.Load(Path.Combine(RepoRoot, "scenarios", "midsize-baseline.yaml"),
            [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"horizon.days={days}"), "horizon.warmupDays=1", .. sets]);

    private static readonly Lazy<RunSummary> TinyRun = new(() => ReplicationRunner.Run(Midsize(), 3, 7, 1));

    /// <summary>3 replications of a 3-day midsize run, seed 7.</summary>
    public static RunSummary Tiny => TinyRun.Value;

    private static readonly Lazy<ComparisonResult> TinyComparison = new(() => PairedComparison.Run(
        [
            new Variant("base", Midsize(), "midsize-baseline.yaml"),
            new Variant("paired", Midsize(3, "policy.crew.twoOfficerShare=1"), "midsize-baseline.yaml with policy.crew.twoOfficerShare=1"),
            new Variant("half", Midsize(3, "policy.crew.twoOfficerShare=0.5"), "midsize-baseline.yaml with policy.crew.twoOfficerShare=0.5"),
        ], 3, 11, 1));

    /// <summary>Three crew policies, 3 replications each, seed 11.</summary>
    public static ComparisonResult Comparison => TinyComparison.Value;

    /// <summary>Parses HTML written as XML syntax (the DOCTYPE is skipped).</summary>
    public static XDocument ParseHtml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>Asserts the page is self-contained: no URL, no script, no external resource.</summary>
    public static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"url\((?!#)", html); // only references to ids inside the page (clip paths)
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Asserts every id in the page is unique (charts sharing a page must not share clip-path ids).</summary>
    public static void AssertUniqueIds(XDocument doc)
    {
        var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).Where(i => i is not null).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The text of every &lt;text&gt; element of an SVG (titles, tick labels, legend entries, direct labels), trimmed.</summary>
    public static HashSet<string> SvgTexts(string svg) =>
        XDocument.Parse(svg).Descendants(XName.Get("text", ScottPlotChartRenderer.SvgNamespace)).Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal);
}
