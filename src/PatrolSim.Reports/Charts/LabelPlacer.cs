using ScottPlot;
using ScottPlot.Plottables;

namespace PatrolSim.Reports.Charts;

/// <summary>
/// Places the direct labels of scatter points (e.g. "#24" on the Pareto front) so that no two labels overlap, no label
/// covers a marker and every label stays inside the data area: each label tries positions around its point at growing
/// distances and takes the first free one (or the least crowded); a label away from its point gets a thin leader line.
/// </summary>
internal static class LabelPlacer
{
    private const float FontSize = 12;
    private const float MarkerHalf = 6;

    private static readonly (float Dx, float Dy)[] Directions =
        [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)];

    /// <summary>Adds the labels as Text plottables at pixel offsets; the plot's axis limits must be final.</summary>
    public static List<Text> Place(Plot plot, Chart chart)
    {
        var labelled = chart.Series.OfType<ScatterSeries>().SelectMany(s => s.Points).Where(p => !string.IsNullOrEmpty(p.Label)).ToArray();
        var placed = new List<Text>();
        if (labelled.Length == 0)
        {
            return placed;
        }

        plot.RenderInMemory(chart.Width, chart.Height);
        var data = plot.RenderManager.LastRender.DataRect;
        var markers = chart.Series.OfType<ScatterSeries>().SelectMany(s => s.Points)
            .Select(p => plot.GetPixel(new Coordinates(p.X, p.Y)))
            .Select(px => new PixelRect(px.X - MarkerHalf, px.X + MarkerHalf, px.Y + MarkerHalf, px.Y - MarkerHalf)).ToList();
        var taken = new List<PixelRect>();
        using var paint = Paint.NewDisposablePaint();
        var style = new LabelStyle { FontName = "DejaVu Sans", FontSize = FontSize };

        // Points far from the others first would be easy; crowded points first get the best spots instead.
        foreach (var p in labelled.OrderBy(p => p.X).ThenBy(p => p.Y))
        {
            var anchor = plot.GetPixel(new Coordinates(p.X, p.Y));
            var measured = style.Measure(p.Label!, paint);
            var size = (Width: measured.Width + 4, Height: measured.Height + 4); // room for the rendered box and a gap
            (PixelRect Rect, int Clashes, float Distance) best = (default, int.MaxValue, 0);
            foreach (float distance in new[] { 4f, 14f, 26f, 40f })
            {
                foreach (var (dx, dy) in Directions)
                {
                    var rect = RectAt(anchor, size.Width, size.Height, dx, dy, MarkerHalf + distance);
                    if (!Inside(rect, data))
                    {
                        continue;
                    }

                    int clashes = taken.Count(r => Overlaps(r, rect)) * 10 + markers.Count(r => Overlaps(r, rect));
                    if (clashes < best.Clashes)
                    {
                        best = (rect, clashes, distance);
                    }

                    if (clashes == 0)
                    {
                        break;
                    }
                }

                if (best.Clashes == 0)
                {
                    break;
                }
            }

            if (best.Clashes == int.MaxValue)
            {
                continue; // no room inside the data area at all (tiny chart): leave the point unlabelled
            }

            taken.Add(best.Rect);
            var text = plot.Add.Text(p.Label!, p.X, p.Y);
            text.Alignment = Alignment.UpperLeft;
            text.OffsetX = best.Rect.Left + 2 - anchor.X;
            text.OffsetY = best.Rect.Top + 2 - anchor.Y;
            text.LabelStyle.FontName = "DejaVu Sans";
            text.LabelFontSize = FontSize;
            text.LabelFontColor = Color.FromHex("#1A1A1A");
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            if (best.Distance > 14)
            {
                var centre = new Pixel((best.Rect.Left + best.Rect.Right) / 2, (best.Rect.Top + best.Rect.Bottom) / 2);
                var end = plot.GetCoordinates(centre);
                var leader = plot.Add.Line(p.X, p.Y, end.X, end.Y);
                leader.LineColor = Color.FromHex("#7F7F7F");
                leader.LineWidth = 0.8f;
                plot.MoveToBack(leader);
            }

            placed.Add(text);
        }

        return placed;
    }

    private static PixelRect RectAt(Pixel anchor, float w, float h, float dx, float dy, float gap)
    {
        float left = dx > 0 ? anchor.X + gap : dx < 0 ? anchor.X - gap - w : anchor.X - (w / 2);
        float top = dy > 0 ? anchor.Y + gap : dy < 0 ? anchor.Y - gap - h : anchor.Y - (h / 2);
        return new PixelRect(left, left + w, top + h, top);
    }

    private static bool Inside(PixelRect r, PixelRect outer) =>
        r.Left >= outer.Left + 2 && r.Right <= outer.Right - 2 && r.Top >= outer.Top + 2 && r.Bottom <= outer.Bottom - 2;

    internal static bool Overlaps(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
