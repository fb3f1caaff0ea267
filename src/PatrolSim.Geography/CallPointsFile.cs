using System.Globalization;
using CsvHelper;

namespace PatrolSim.Geography;

/// <summary>
/// Observed call locations (from a CAD export with coordinates): a CSV with a row per call, its location as
/// <c>xKm,yKm</c> (the city's km frame) or <c>lon,lat</c> (degrees; the zones must come from a lon/lat file so they can
/// be projected the same way), and optionally the <c>zone</c> it belongs to (else the zone that holds the point).
/// Every problem is reported at once, with its line.
/// </summary>
public static class CallPointsFile
{
    private const string Header = "give a header with xKm,yKm (or lon,lat) and optionally zone";

    /// <summary>
    /// Reads the points, grouped by zone (one list per zone of <paramref name="zoneIds"/>, in that order).
    /// <paramref name="locate"/> gives the zone holding a km point (-1 outside every zone); <paramref name="toKm"/>
    /// projects lon/lat to the km frame, or is null when the zones cannot take lon/lat.
    /// </summary>
    /// <exception cref="GeographyException">The file has problems; every one is listed.</exception>
    public static List<(double X, double Y)>[] Parse(TextReader reader, string source, IReadOnlyList<string> zoneIds,
        Func<double, double, int> locate, Func<double, double, (double X, double Y)>? toKm)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(zoneIds);
        ArgumentNullException.ThrowIfNull(locate);
        var errors = new List<GeographyError>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < zoneIds.Count; i++)
        {
            index[zoneIds[i]] = i;
        }

        using var csv = GeoCsv.Open(reader, out string[] header);
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int zoneCol = Column("zone"), xCol = Column("xKm"), yCol = Column("yKm"), lonCol = Column("lon"), latCol = Column("lat");
        bool km = xCol >= 0 && yCol >= 0, degrees = lonCol >= 0 && latCol >= 0;
        if (!km && !degrees)
        {
            throw new GeographyException([new GeographyError(source, 1, -1, null, "", $"has no location columns; {Header}; this one has: {string.Join(", ", header)}")]);
        }

        if (!km && toKm is null)
        {
            throw new GeographyException([new GeographyError(source, 1, -1, null, "", "gives lon,lat, but the city's zones are not from a lon/lat zones file, so the points cannot be put in the same frame; give xKm,yKm")]);
        }

        var byZone = new List<(double X, double Y)>[zoneIds.Count];
        for (int z = 0; z < byZone.Length; z++)
        {
            byZone[z] = [];
        }

        while (csv.Read())
        {
            int line = checked((int)csv.LineNumber);
            string Cell(int col) => col >= 0 && col < csv.FieldCount ? (csv.GetString(col) ?? "").Trim() : "";
            bool Number(int col, string name, out double v)
            {
                string text = Cell(col);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v))
                {
                    return true;
                }

                errors.Add(new GeographyError(source, line, -1, null, name, $"is '{text}'; give a number"));
                return false;
            }

            double x, y;
            if (km)
            {
                if (!(Number(xCol, "xKm", out x) & Number(yCol, "yKm", out y)))
                {
                    continue;
                }
            }
            else if (Number(lonCol, "lon", out double lon) & Number(latCol, "lat", out double lat))
            {
                (x, y) = toKm!(lon, lat);
            }
            else
            {
                continue;
            }

            int zone;
            string id = Cell(zoneCol);
            if (id.Length > 0)
            {
                if (!index.TryGetValue(id, out zone))
                {
                    errors.Add(new GeographyError(source, line, -1, null, "zone", $"'{id}' is not a zone of the city; use the zones' ids"));
                    continue;
                }
            }
            else if ((zone = locate(x, y)) < 0)
            {
                errors.Add(new GeographyError(source, line, -1, null, "", string.Create(CultureInfo.InvariantCulture,
                    $"the point ({x:0.###}, {y:0.###}) km lies in no zone; give its zone, or leave the row out")));
                continue;
            }

            byZone[zone].Add((x, y));
        }

        if (errors.Count > 0)
        {
            throw new GeographyException(errors);
        }

        return byZone;
    }
}
