namespace PatrolSim.Analytic;

/// <summary>How distance is measured in the square-root law.</summary>
public enum DistanceMetric
{
    /// <summary>Straight-line distance; constant c = 1/2.</summary>
    Euclidean,

    /// <summary>Right-angle (Manhattan, L1) distance on a street grid aligned with the axes; constant c = sqrt(pi/8) ≈ 0.6267.</summary>
    RightAngle,
}

/// <summary>
/// The square-root law for travel distance (Kolesar &amp; Blum 1973; Larson &amp; Odoni 1981 §3.7): when N free units
/// are scattered uniformly and independently (Poisson) over a region of area A and a call arrives at a random point,
/// the expected distance to the nearest free unit is c sqrt(A / N). Busy units are removed by thinning:
/// with utilisation rho, N free = N (1 - rho). Edge effects are ignored (valid when N is not tiny).
/// Distances are in the length unit of sqrt(area).
/// </summary>
public static class SquareRootLaw
{
    /// <summary>c for Euclidean distance: 1/2.</summary>
    public const double EuclideanConstant = 0.5;

    /// <summary>c for right-angle distance: sqrt(pi/8).</summary>
    public static readonly double RightAngleConstant = Math.Sqrt(Math.PI / 8);

    /// <summary>The constant c of the law for a metric.</summary>
    public static double Constant(DistanceMetric metric) => metric switch
    {
        DistanceMetric.Euclidean => EuclideanConstant,
        DistanceMetric.RightAngle => RightAngleConstant,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric must be Euclidean or RightAngle."),
    };

    /// <summary>Expected distance to the nearest of <paramref name="freeUnits"/> free units: c sqrt(A / N).</summary>
    public static double ExpectedDistance(double area, double freeUnits, DistanceMetric metric)
    {
        Guard.PositiveFinite(area, nameof(area));
        Guard.PositiveFinite(freeUnits, nameof(freeUnits));
        return Constant(metric) * Math.Sqrt(area / freeUnits);
    }

    /// <summary>
    /// Expected distance to the nearest free unit when <paramref name="units"/> units are each busy a fraction
    /// <paramref name="utilization"/> of the time: c sqrt(A / (N (1 - rho))).
    /// </summary>
    public static double ExpectedDistance(double area, int units, double utilization, DistanceMetric metric)
    {
        Guard.AtLeastOne(units, nameof(units));
        if (!(utilization >= 0 && utilization < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(utilization), utilization, $"utilization is {Guard.Format(utilization)}: it must be in [0, 1) so that some units are free.");
        }

        return ExpectedDistance(area, FreeUnits(units, utilization), metric);
    }

    /// <summary>Expected number of free units, N (1 - rho).</summary>
    public static double FreeUnits(int units, double utilization) => units * (1 - utilization);

    /// <summary>
    /// Expected travel time: <paramref name="turnoutTime"/> + detour × expected distance / speed, for the thinned law.
    /// Units: distance per time unit for speed; the result is in that time unit.
    /// </summary>
    public static double ExpectedTravelTime(
        double area, int units, double utilization, double speed, DistanceMetric metric, double detourFactor = 1, double turnoutTime = 0)
    {
        Guard.PositiveFinite(speed, nameof(speed));
        Guard.PositiveFinite(detourFactor, nameof(detourFactor));
        Guard.NonNegativeFinite(turnoutTime, nameof(turnoutTime));
        return turnoutTime + (detourFactor * ExpectedDistance(area, units, utilization, metric) / speed);
    }
}
