namespace PatrolSim.Reports.Charts;

/// <summary>Pareto (non-dominated) points for two objectives.</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indexes of the non-dominated points, ordered by x ascending (ties by y, then index). A point is dominated when
    /// another is at least as good in both objectives and strictly better in one; equal points are all kept.
    /// Points with a NaN coordinate are never on the front and never dominate.
    /// </summary>
    public static IReadOnlyList<int> Compute(IReadOnlyList<(double X, double Y)> points, Objective x, Objective y)
    {
        ArgumentNullException.ThrowIfNull(points);
        double sx = x == Objective.Minimise ? 1 : -1;
        double sy = y == Objective.Minimise ? 1 : -1;
        var front = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            var (xi, yi) = points[i];
            if (double.IsNaN(xi) || double.IsNaN(yi))
            {
                continue;
            }

            bool dominated = false;
            for (int j = 0; j < points.Count && !dominated; j++)
            {
                var (xj, yj) = points[j];
                if (j == i || double.IsNaN(xj) || double.IsNaN(yj))
                {
                    continue;
                }

                double dx = sx * (xj - xi), dy = sy * (yj - yi); // negative = j better
                dominated = dx <= 0 && dy <= 0 && (dx < 0 || dy < 0);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        front.Sort((a, b) =>
        {
            int c = points[a].X.CompareTo(points[b].X);
            if (c == 0)
            {
                c = points[a].Y.CompareTo(points[b].Y);
            }

            return c != 0 ? c : a.CompareTo(b);
        });
        return front;
    }
}
