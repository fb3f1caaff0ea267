using System.Xml.Linq;
using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Tests.Charts;

public class SampleRenderingTests
{
    /// <summary>
    /// Renders every sample chart. Set PATROLSIM_CHART_SAMPLES to a folder to also write them there as SVG and PNG.
    /// </summary>
    [Fact]
    public void EverySample_RendersParseableSvg_AndIsWrittenOnRequest()
    {
        var renderer = new ScottPlotChartRenderer();
        string? dir = Environment.GetEnvironmentVariable("PATROLSIM_CHART_SAMPLES");
        foreach (var (name, chart) in SampleCharts.All())
        {
            string svg = renderer.Render(chart);
            var doc = XDocument.Parse(svg);
            Assert.Equal(XName.Get("svg", ScottPlotChartRenderer.SvgNamespace), doc.Root!.Name);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, name + ".svg"), svg);
                File.WriteAllBytes(Path.Combine(dir, name + ".png"), ScottPlotChartRenderer.RenderPng(chart));
            }
        }
    }
}
