using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace PatrolSim.Geography;

/// <summary>
/// Lon/lat (WGS 84) to metres with a transverse Mercator projection centred on the city: central meridian and
/// latitude of origin at the city's centre, scale 1 on the central meridian, no false easting or northing, so the
/// centre maps to (0, 0), x grows east and y north. The projection is ProjNET's (Snyder's ellipsoidal series).
/// </summary>
/// <remarks>
/// Transverse Mercator is conformal; its scale grows away from the central meridian as
/// k ≈ 1 + x² / (2ρN) (ρ, N the meridional and transverse radii of curvature, √(ρN) ≈ 6,370 km at mid latitudes):
/// 1.2 × 10⁻⁶ at 10 km, 4.9 × 10⁻⁶ at 20 km, 3.1 × 10⁻⁵ at 50 km. Over a city 40 km across a distance is off by at
/// most 0.5 cm per km and an area by 1 × 10⁻⁵ of itself: negligible beside a detour factor. See docs/geography.md.
/// </remarks>
public sealed class LocalTransverseMercator
{
    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;
    private readonly Lock _gate = new();

    /// <summary>A projection centred on the given point (degrees).</summary>
    public LocalTransverseMercator(double centreLongitude, double centreLatitude)
        : this(centreLongitude, centreLatitude, 1.0, 0.0, 0.0, null)
    {
    }

    /// <summary>
    /// Any transverse Mercator (e.g. a UTM zone: scale 0.9996, false easting 500 km), on WGS 84 or another ellipsoid:
    /// for checking the projection against published coordinates.
    /// </summary>
    internal LocalTransverseMercator(double centralMeridian, double latitudeOfOrigin, double scaleFactor, double falseEasting, double falseNorthing, Ellipsoid? ellipsoid)
    {
        if (!(Math.Abs(centralMeridian) <= 180) || !(Math.Abs(latitudeOfOrigin) < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(centralMeridian), $"The centre ({centralMeridian}, {latitudeOfOrigin}) is not a longitude and latitude.");
        }

        CentreLongitude = centralMeridian;
        CentreLatitude = latitudeOfOrigin;
        var factory = new CoordinateSystemFactory();
        var geographic = GeographicCoordinateSystem.WGS84;
        if (ellipsoid is not null)
        {
            var datum = factory.CreateHorizontalDatum(ellipsoid.Name, DatumType.HD_Geocentric, ellipsoid, null);
            geographic = factory.CreateGeographicCoordinateSystem(
                ellipsoid.Name, AngularUnit.Degrees, datum, PrimeMeridian.Greenwich,
                new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
        }

        var projection = factory.CreateProjection("Local transverse Mercator", "Transverse_Mercator",
        [
            new ProjectionParameter("latitude_of_origin", latitudeOfOrigin),
            new ProjectionParameter("central_meridian", centralMeridian),
            new ProjectionParameter("scale_factor", scaleFactor),
            new ProjectionParameter("false_easting", falseEasting),
            new ProjectionParameter("false_northing", falseNorthing),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem(
            "Local transverse Mercator", geographic, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        _forward = new CoordinateTransformationFactory().CreateFromCoordinateSystems(geographic, projected).MathTransform;
        _inverse = _forward.Inverse();
    }

    /// <summary>Longitude of the central meridian (degrees).</summary>
    public double CentreLongitude { get; }

    /// <summary>Latitude of the origin (degrees).</summary>
    public double CentreLatitude { get; }

    /// <summary>Projects a longitude and latitude (degrees) to metres east and north of the centre.</summary>
    public (double X, double Y) ToMetres(double longitude, double latitude)
    {
        lock (_gate)
        {
            return _forward.Transform(longitude, latitude);
        }
    }

    /// <summary>The longitude and latitude (degrees) of a point given in metres from the centre.</summary>
    public (double Longitude, double Latitude) ToLonLat(double x, double y)
    {
        lock (_gate)
        {
            return _inverse.Transform(x, y);
        }
    }
}
