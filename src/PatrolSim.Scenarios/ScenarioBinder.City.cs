using System.Globalization;
using PatrolSim.Geography;
using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>The city: its size and its zones, as a grid of beats, explicit rectangles, or real shapes from a GeoJSON file.</summary>
internal sealed partial class ScenarioBinder
{
    private City? BindCity(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        string? points = m.Read(Schema.City.CallPoints);
        var city = m.Get(Schema.City.Zones) is YamlScalarNode or YamlMappingNode ? BindZonesFile(m) : BindRectangles(m);
        return city is null || points is null ? city : WithCallPoints(m, city, points);
    }

    /// <summary>The observed call locations of <c>city.callPoints</c>, grouped by zone.</summary>
    private City? WithCallPoints(MapReader m, City city, string file)
    {
        var shapes = city.Shapes;
        int Locate(double x, double y)
        {
            if (shapes is not null)
            {
                return shapes.Locate(x, y);
            }

            for (int z = 0; z < city.Zones.Count; z++)
            {
                var r = city.Zones[z];
                if (x >= r.XKm && x <= r.XKm + r.WidthKm && y >= r.YKm && y <= r.YKm + r.HeightKm)
                {
                    return z;
                }
            }

            return -1;
        }

        var byZone = ReadNamedFile(m.Get(Schema.City.CallPoints.Name), m.PathOf(Schema.City.CallPoints.Name), file, "the call locations file", (bytes, name) =>
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            return CallPointsFile.Parse(reader, name, [.. city.Zones.Select(z => z.Id)], Locate, shapes?.Projection is null ? null : shapes.ToKm);
        });
        return byZone is null ? null : city with { CallPoints = [.. byZone.Select(list => (IReadOnlyList<CallPoint>)[.. list.Select(p => new CallPoint(p.X, p.Y))])] };
    }

    private City? BindRectangles(MapReader m)
    {
        var zonesKey = Schema.City.Zones;

        double? w = m.Read(Schema.City.WidthKm);
        double? h = m.Read(Schema.City.HeightKm);
        foreach (var key in new[] { Schema.City.WidthKm, Schema.City.HeightKm })
        {
            if (!m.Has(key.Name))
            {
                _r.Error(m.Node, m.PathOf(key.Name), "is missing; give the city's size in km, or its zones as a GeoJSON file (zones: beats.geojson)");
            }
        }

        bool hasBeats = m.Has(Schema.Beats.Section);
        bool hasZones = m.Has(zonesKey);
        List<Zone>? zones = null;
        if (hasBeats && hasZones)
        {
            _r.Error(m.Get(zonesKey), m.PathOf(zonesKey.Name), "give either beats (a grid) or zones (explicit rectangles), not both");
        }
        else if (hasBeats)
        {
            zones = BindBeats(m.Map(Schema.Beats.Section), w, h);
        }
        else if (hasZones)
        {
            zones = BindZones(m.Get(zonesKey)!, m.PathOf(zonesKey.Name), w, h);
        }
        else
        {
            _r.Error(m.Node, m.PathOf(Schema.Beats.Section.Name), "is missing; give beats: { rows: R, cols: C }, a list of zones, or a zones file (zones: beats.geojson)");
        }

        m.ReportUnknown();
        if (w is null || h is null || zones is null)
        {
            return null;
        }

        var city = new City(w.Value, h.Value, zones);
        return Report(ScenarioRules.OfCity(city)) ? city : null;
    }

    private List<Zone>? BindBeats(MapReader? m, double? width, double? height)
    {
        if (m is null)
        {
            return null;
        }

        int? rows = m.Read(Schema.Beats.Rows);
        int? cols = m.Read(Schema.Beats.Cols);
        var weightsNode = m.Get(Schema.Beats.Weights);
        m.ReportUnknown();
        if (rows is null || cols is null || width is null || height is null)
        {
            return null;
        }

        double[]? weights = null;
        if (weightsNode is not null)
        {
            int count = rows.Value * cols.Value;
            var key = Schema.Beats.Weights with { Count = count, What = $"one per beat, {count} in all (row by row from the south-west)" };
            weights = NumberList(weightsNode, m.PathOf(key.Name), key);
            if (weights is null)
            {
                return null;
            }
        }

        var zones = new List<Zone>();
        double bw = width.Value / cols.Value, bh = height.Value / rows.Value;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int i = (r * cols.Value) + c;
                zones.Add(new Zone(string.Create(CultureInfo.InvariantCulture, $"{i + 1}"), c * bw, r * bh, bw, bh, weights?[i] ?? 1.0));
            }
        }

        return zones;
    }

    private List<Zone>? BindZones(YamlNode node, string path, double? width, double? height)
    {
        return Items(node, path, Schema.City.Zones, "zone", m =>
        {
            string? id = m.Read(Schema.Zone.Id);
            double? x = m.Read(Schema.Zone.XKm with { Max = width ?? double.PositiveInfinity });
            double? y = m.Read(Schema.Zone.YKm with { Max = height ?? double.PositiveInfinity });
            double? zw = m.Read(Schema.Zone.WidthKm);
            double? zh = m.Read(Schema.Zone.HeightKm);
            double? weight = m.Read(Schema.Zone.Weight);
            m.ReportUnknown();
            if (id is null || x is null || y is null || zw is null || zh is null || weight is null)
            {
                return null;
            }

            return new Zone(id, x.Value, y.Value, zw.Value, zh.Value, weight.Value);
        });
    }

    /// <summary>
    /// <c>city.zones</c> naming a GeoJSON file (docs/geography.md), as a name or <c>{ file, idProperty, … }</c>: the zones,
    /// their shapes and the city's size come from it; every problem of the file is reported with its feature.
    /// </summary>
    private City? BindZonesFile(MapReader m)
    {
        string path = m.PathOf(Schema.City.Zones.Name);
        var node = m.Get(Schema.City.Zones.Name)!;
        foreach (var key in new SchemaKey[] { Schema.City.WidthKm, Schema.City.HeightKm, Schema.Beats.Section })
        {
            if (m.Has(key.Name))
            {
                _r.Error(m.Get(key.Name), m.PathOf(key.Name), "cannot be given with a zones file, which gives the city's size and zones; remove it");
            }
        }

        m.ReportUnknown();
        string? file;
        var options = ZoneFileOptions.Default;
        MapReader? weightsMap = null;
        if (node is YamlMappingNode)
        {
            var z = _r.Map(node, path, true, Schema.ZonesFile.Section.KeyNames)!;
            file = z.Read(Schema.ZonesFile.File);
            string? id = z.Read(Schema.ZonesFile.IdProperty);
            string? weight = z.Read(Schema.ZonesFile.WeightProperty);
            string? district = z.Read(Schema.ZonesFile.DistrictProperty);
            CoordinateKind? coordinates = z.Read(Schema.ZonesFile.Coordinates);
            double? unit = z.Read(Schema.ZonesFile.UnitMetres);
            if (z.Get(Schema.ZonesFile.Weights) is { } weightsNode)
            {
                weightsMap = _r.Map(weightsNode, z.PathOf(Schema.ZonesFile.Weights.Name));
                if (weightsMap is null)
                {
                    return null;
                }
            }

            z.ReportUnknown();
            if (id is null || weight is null || district is null || coordinates is null || unit is null)
            {
                return null;
            }

            options = options with { IdProperty = id, WeightProperty = weight, DistrictProperty = district, Coordinates = coordinates.Value, ProjectedUnitMetres = unit.Value };
        }
        else
        {
            file = _r.Text(node, path);
            path = YamlReader.Join(path, Schema.ZonesFile.File.Name);
        }

        if (file is null)
        {
            return null;
        }

        var set = ReadNamedFile(node, path, file, "the zones file", (bytes, name) => ZoneFile.Parse(bytes, name, options));
        if (set is null)
        {
            return null;
        }

        var weights = Enumerable.Range(0, set.Count).Select(set.Weight).ToArray();
        if (weightsMap is not null && !OverrideWeights(weightsMap, set, weights))
        {
            return null;
        }

        var zones = new List<Zone>(set.Count);
        for (int i = 0; i < set.Count; i++)
        {
            var b = set.Bounds(i);
            int d = set.DistrictOf(i);
            zones.Add(new Zone(set.Ids[i], b.MinX, b.MinY, b.Width, b.Height, weights[i]) { District = d < 0 ? null : set.Districts[d] });
        }

        var city = new City(set.WidthKm, set.HeightKm, zones) { Shapes = set };
        return Report(ScenarioRules.OfCity(city)) ? city : null;
    }

    /// <summary><c>city.zones.weights</c>: each zone id listed gets that demand weight instead of the file's; false after a problem.</summary>
    private bool OverrideWeights(MapReader m, ZoneSet set, double[] weights)
    {
        bool ok = true;
        foreach (var (id, keyNode, value) in m.Entries)
        {
            string p = m.PathOf(id);
            int zone = set.IndexOf(id);
            if (zone < 0)
            {
                string ids = string.Join(", ", set.Ids.Take(5)) + (set.Count > 5 ? $", … {set.Count} in all" : "");
                _r.Error(keyNode, p, $"'{id}' is not a zone of the zones file ({ids}); use the file's zone ids");
                ok = false;
                continue;
            }

            if (_r.Number(value, p, Schema.ZonesFile.Weight) is { } w)
            {
                weights[zone] = w;
            }
            else
            {
                ok = false;
            }
        }

        return ok;
    }
}
