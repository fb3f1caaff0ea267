using System.Globalization;
using System.Text;

namespace PatrolSim.Geography.Tests;

/// <summary>Small GeoJSON texts for tests, written out in full so a reader sees the input.</summary>
internal static class GeoJsonText
{
    public static string Collection(params string[] features) =>
        $$"""{"type": "FeatureCollection", "features": [{{string.Join(",\n", features)}}]}""";

    public static string Feature(string properties, string geometry) =>
        $$"""{"type": "Feature", "properties": {{properties}}, "geometry": {{geometry}}}""";

    /// <summary>A zone with id, optional weight and district, and a geometry.</summary>
    public static string Zone(string id, string geometry, double? weight = null, string? district = null)
    {
        var p = new StringBuilder($"\"id\": \"{id}\"");
        if (weight is { } w)
        {
            p.Append(CultureInfo.InvariantCulture, $", \"weight\": {w}");
        }

        if (district is not null)
        {
            p.Append(CultureInfo.InvariantCulture, $", \"district\": \"{district}\"");
        }

        return Feature("{" + p + "}", geometry);
    }

    /// <summary>A Polygon from rings of (x, y) positions (each closed here).</summary>
    public static string Polygon(params (double X, double Y)[][] rings) =>
        $$"""{"type": "Polygon", "coordinates": {{Rings(rings)}}}""";

    /// <summary>A MultiPolygon from polygons, each a list of rings.</summary>
    public static string MultiPolygon(params (double X, double Y)[][][] polygons) =>
        $$"""{"type": "MultiPolygon", "coordinates": [{{string.Join(", ", polygons.Select(Rings))}}]}""";

    /// <summary>The ring of the box [x0, x1] × [y0, y1], counter-clockwise.</summary>
    public static (double X, double Y)[] Box(double x0, double y0, double x1, double y1) =>
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];

    /// <summary>A Polygon of one box, times <paramref name="scale"/> (1000 turns km into metres).</summary>
    public static string BoxPolygon(double x0, double y0, double x1, double y1, double scale = 1000) =>
        Polygon(Box(x0 * scale, y0 * scale, x1 * scale, y1 * scale));

    public static ZoneSet Read(string json, ZoneFileOptions? options = null) =>
        ZoneFile.Parse(Encoding.UTF8.GetBytes(json), "test.geojson", options);

    public static IReadOnlyList<string> Errors(string json, ZoneFileOptions? options = null) =>
        Assert.Throws<GeographyException>(() => Read(json, options)).Errors.Select(e => e.ToString()).ToList();

    private static string Rings((double X, double Y)[][] rings) =>
        "[" + string.Join(", ", rings.Select(r => "[" + string.Join(", ", r.Append(r[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X}, {p.Y}]"))) + "]")) + "]";
}
