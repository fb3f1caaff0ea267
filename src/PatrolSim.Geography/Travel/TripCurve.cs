namespace PatrolSim.Geography.Travel;

/// <summary>
/// Trip time over a road distance for a vehicle that accelerates at a constant rate up to a cruise speed, cruises,
/// and decelerates at the same rate to a stop: the form Kolesar &amp; Walker fitted to New York City fire-engine
/// responses (P. Kolesar, W. Walker, "Measuring the travel characteristics of New York City's fire companies",
/// RAND R-1449-NYC, 1974; also Kolesar, "A model for predicting average fire engine travel times", Operations
/// Research 23(4), 1975).
/// </summary>
/// <remarks>
/// <para>With acceleration a and cruise speed v, reaching v takes time v/a over distance v²/(2a), and stopping from v
/// takes the same. So a trip of length d reaches cruise speed only when d ≥ d<sub>c</sub> = v²/a (the cruise
/// distance).</para>
/// <para>Short trips, d ≤ d<sub>c</sub>: accelerate over d/2 and decelerate over d/2. Covering d/2 from rest at rate a
/// takes √(2 (d/2) / a) = √(d/a), so t(d) = 2√(d/a).</para>
/// <para>Long trips, d &gt; d<sub>c</sub>: accelerating and decelerating take 2v/a over d<sub>c</sub>; the rest,
/// d − v²/a, is driven at v in d/v − v/a. So t(d) = 2v/a + d/v − v/a = v/a + d/v.</para>
/// <para>At d = d<sub>c</sub> both give 2v/a, and both slopes are 1/v (d/dd 2√(d/a) = 1/√(a d) = 1/v there): the curve
/// is continuous with a continuous derivative. Fitted to data, a is an effective acceleration that also absorbs
/// intersections and turns; it is far below a car's physical acceleration.</para>
/// </remarks>
public readonly record struct TripCurve
{
    /// <summary>A curve with acceleration <paramref name="accelerationMps2"/> (m/s²) and cruise speed <paramref name="cruiseSpeedKmh"/> (km/h), both finite and positive.</summary>
    public TripCurve(double accelerationMps2, double cruiseSpeedKmh)
    {
        if (!(accelerationMps2 > 0) || !double.IsFinite(accelerationMps2))
        {
            throw new ArgumentOutOfRangeException(nameof(accelerationMps2), accelerationMps2, "The acceleration must be a finite positive number of m/s².");
        }

        if (!(cruiseSpeedKmh > 0) || !double.IsFinite(cruiseSpeedKmh))
        {
            throw new ArgumentOutOfRangeException(nameof(cruiseSpeedKmh), cruiseSpeedKmh, "The cruise speed must be a finite positive number of km/h.");
        }

        AccelerationMps2 = accelerationMps2;
        CruiseSpeedKmh = cruiseSpeedKmh;
    }

    /// <summary>Acceleration (and deceleration), m/s².</summary>
    public double AccelerationMps2 { get; }

    /// <summary>Cruise speed, km/h.</summary>
    public double CruiseSpeedKmh { get; }

    /// <summary>The distance below which the vehicle never reaches cruise speed: v²/a, in km.</summary>
    public double CruiseDistanceKm
    {
        get
        {
            double v = CruiseSpeedKmh / 3.6;
            return v * v / AccelerationMps2 / 1000.0;
        }
    }

    /// <summary>Trip time in minutes over <paramref name="distanceKm"/> km (0 for 0): 2√(d/a) up to the cruise distance, v/a + d/v beyond.</summary>
    public double Minutes(double distanceKm)
    {
        double d = distanceKm * 1000.0;
        double a = AccelerationMps2;
        double v = CruiseSpeedKmh / 3.6;
        double seconds = d <= v * v / a ? 2.0 * Math.Sqrt(d / a) : (v / a) + (d / v);
        return seconds / 60.0;
    }
}
