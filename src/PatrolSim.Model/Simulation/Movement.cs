using System.Runtime.CompilerServices;

namespace PatrolSim.Model.Simulation;

/// <summary>Where a moving unit is: the one formula, used by the unit table and by the index of returning units.</summary>
internal static class Movement
{
    /// <summary>
    /// The point at time <paramref name="now"/> of a unit at (x0, y0) at <paramref name="depart"/> and at (x1, y1) at
    /// <paramref name="arrive"/>, moving in a straight line at constant speed in between (at the ends outside it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double X, double Y) PointAt(double x0, double y0, long depart, double x1, double y1, long arrive, long now)
    {
        if (arrive <= depart || now >= arrive)
        {
            return (x1, y1);
        }

        double f = (now - depart) / (double)(arrive - depart);
        if (f <= 0)
        {
            return (x0, y0);
        }

        return (x0 + ((x1 - x0) * f), y0 + ((y1 - y0) * f));
    }
}
