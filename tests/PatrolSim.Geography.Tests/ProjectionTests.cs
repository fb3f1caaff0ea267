using ProjNet.CoordinateSystems;

namespace PatrolSim.Geography.Tests;

public class ProjectionTests
{
    private const double A = 6378137.0;            // WGS 84 semi-major axis (m)
    private const double F = 1 / 298.257223563;    // WGS 84 flattening
    private static readonly double E2 = F * (2 - F);

    [Fact]
    public void UtmZone38N_PublishedGeoConvertExample_WithinOneCentimetre()
    {
        // GeographicLib's GeoConvert(1) manual (C. F. F. Karney): latitude 33.3°, longitude 44.4° is
        // "38n 444140.54 3684706.36" (UTM zone 38 north: central meridian 45°E, scale 0.9996, false easting 500 km).
        var utm38 = new LocalTransverseMercator(45, 0, 0.9996, 500_000, 0, null);
        var (x, y) = utm38.ToMetres(44.4, 33.3);
        Assert.Equal(444140.54, x, 0.01);
        Assert.Equal(3684706.36, y, 0.01);
    }

    [Fact]
    public void Clarke1866_SnyderWorkedExample_WithinOneDecimetre()
    {
        // Snyder, Map Projections: A Working Manual (USGS Professional Paper 1395, 1987), numerical example of the
        // ellipsoidal transverse Mercator: Clarke 1866, φ = 40°30'N, λ = 73°30'W, λ0 = 75°W, k0 = 0.9996, φ0 = 0
        // give x = 127,106.5 m, y = 4,484,124.4 m.
        var snyder = new LocalTransverseMercator(-75, 0, 0.9996, 0, 0, Ellipsoid.Clarke1866);
        var (x, y) = snyder.ToMetres(-73.5, 40.5);
        Assert.Equal(127_106.5, x, 0.1);
        Assert.Equal(4_484_124.4, y, 0.1);
    }

    [Fact]
    public void CityProjection_CentredOnTheEquatorAt45E_IsTheUtmExampleUnscaledAndUnshifted()
    {
        // The city projection has scale 1 and no false easting: the same published point, undone of UTM's 0.9996 and 500 km.
        var local = new LocalTransverseMercator(45, 0);
        var (x, y) = local.ToMetres(44.4, 33.3);
        Assert.Equal((444140.54 - 500_000) / 0.9996, x, 0.02);
        Assert.Equal(3684706.36 / 0.9996, y, 0.02);
    }

    [Fact]
    public void CityProjection_CentreIsOriginAndInverseReturnsThePoint()
    {
        var local = new LocalTransverseMercator(-77.05, 38.81);
        var (x0, y0) = local.ToMetres(-77.05, 38.81);
        Assert.Equal(0, x0, 1e-6);
        Assert.Equal(0, y0, 1e-6);
        var (x, y) = local.ToMetres(-77.0, 38.85);
        Assert.True(x > 0 && y > 0, "east and north are positive");
        var (lon, lat) = local.ToLonLat(x, y);
        Assert.Equal(-77.0, lon, 1e-9);
        Assert.Equal(38.85, lat, 1e-9);
    }

    [Fact]
    public void CityProjection_ScaleErrorAt20KmFromTheCentralMeridian_IsFivePartsPerMillion()
    {
        // Point scale of transverse Mercator: k = 1 + x²/(2ρN) + O(x⁴) (ρ, N the radii of curvature at the latitude).
        // Measured as the projected length of a short step along the parallel over its true length N cos φ Δλ.
        const double lat = 38.81, lon0 = -77.05;
        var local = new LocalTransverseMercator(lon0, lat);
        double phi = lat * Math.PI / 180;
        double w = 1 - (E2 * Math.Sin(phi) * Math.Sin(phi));
        double n = A / Math.Sqrt(w);
        double rho = A * (1 - E2) / Math.Pow(w, 1.5);
        double dLonFor20Km = 20_000 / (n * Math.Cos(phi)) * 180 / Math.PI;
        const double step = 1e-4;
        var p = local.ToMetres(lon0 + dLonFor20Km, lat);
        var q = local.ToMetres(lon0 + dLonFor20Km + step, lat);
        double projected = Math.Sqrt(((q.X - p.X) * (q.X - p.X)) + ((q.Y - p.Y) * (q.Y - p.Y)));
        double onEllipsoid = n * Math.Cos(phi) * step * Math.PI / 180;
        double measured = (projected / onEllipsoid) - 1;
        double predicted = p.X * p.X / (2 * rho * n);
        Assert.Equal(20_000, p.X, 5.0);
        Assert.Equal(predicted, measured, predicted * 0.02);
        Assert.Equal(4.9e-6, predicted, 0.05e-6); // the figure docs/geography.md quotes
    }
}
