namespace PatrolSim.Geography.Travel;

/// <summary>How the straight-line distance between two points is measured.</summary>
public enum DistanceMetric
{
    /// <summary>√(Δx² + Δy²): the crow-flies distance.</summary>
    Euclidean,

    /// <summary>|Δx| + |Δy|: the distance along a grid of streets aligned with the axes.</summary>
    Manhattan,
}

/// <summary>Road distance estimated from positions: a straight-line distance times a detour factor.</summary>
public static class TravelDistance
{
    /// <summary>
    /// The estimated road distance (km) from (x1, y1) to (x2, y2) (km): <paramref name="detour"/> times the
    /// <paramref name="metric"/> distance. Typical detour factors are about 1.2–1.4 over the Euclidean distance
    /// (road networks) and about 1.0–1.1 over the Manhattan distance (grid streets).
    /// </summary>
    public static double Km(double x1, double y1, double x2, double y2, DistanceMetric metric, double detour)
    {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double straight = metric == DistanceMetric.Manhattan ? Math.Abs(dx) + Math.Abs(dy) : Math.Sqrt((dx * dx) + (dy * dy));
        return detour * straight;
    }
}
