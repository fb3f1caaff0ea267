using ScottPlot;

namespace PatrolSim.Reports.Charts;

/// <summary>The map kind: zones filled by value (ScottPlot polygons), holes drawn over in the background colour.</summary>
public sealed partial class ScottPlotChartRenderer
{
    private static void DrawMap(Plot plot, Chart chart)
    {
        var m = chart.Series.OfType<ZoneMapSeries>().Single();
        var finite = m.Areas.Select(a => a.Value).Where(double.IsFinite).ToArray();
        var scale = new ColorScale(m.Scale, finite.Length > 0 ? finite.Min() : 0, finite.Length > 0 ? finite.Max() : 1);
        var background = plot.DataBackground.Color;

        // ScottPlot's polygon has no holes: shells first, then every hole filled with the background on top.
        foreach (var area in m.Areas)
        {
            var fill = double.IsFinite(area.Value) ? Color.FromHex(scale.Color(area.Value)) : Color.FromHex("#BDBDBD");
            foreach (var polygon in area.Polygons)
            {
                AddRing(plot, polygon[0], fill);
            }
        }

        foreach (var hole in m.Areas.SelectMany(a => a.Polygons).SelectMany(p => p.Skip(1)))
        {
            AddRing(plot, hole, background);
        }

        foreach (var area in m.Areas)
        {
            string value = double.IsFinite(area.Value) ? FormatValue(area.Value, m.ValueFormat) : "–";
            var t = plot.Add.Text(area.Label + "\n" + value, area.LabelAt.X, area.LabelAt.Y);
            t.Alignment = Alignment.MiddleCenter;
            TextStyle(t, 11);
            t.LabelFontColor = !double.IsFinite(area.Value) || scale.IsLight(area.Value) ? Color.FromHex("#1A1A1A") : Colors.White;
        }

        plot.Grid.IsVisible = false;
        var bar = plot.Add.ColorBar(new ColorAxis(scale), Edge.Right);
        bar.Label = m.Name;
        bar.LabelStyle.FontSize = 13;
        bar.LabelStyle.FontName = FontName;
    }

    private static void AddRing(Plot plot, IReadOnlyList<(double X, double Y)> ring, Color fill)
    {
        var shape = plot.Add.Polygon([.. ring.Select(p => new Coordinates(p.X, p.Y))]);
        shape.FillColor = fill;
        shape.LineColor = Colors.White;
        shape.LineWidth = 1.5f;
    }
}
