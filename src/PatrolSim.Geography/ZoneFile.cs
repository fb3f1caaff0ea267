using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace PatrolSim.Geography;

/// <summary>
/// Reads a city's zones from a GeoJSON FeatureCollection (one Feature per zone: a Polygon or MultiPolygon, holes
/// allowed, with properties naming its id, demand weight and district), checks every feature, projects lon/lat to
/// metres and prepares the <see cref="ZoneSet"/>. Every problem found is reported at once in a
/// <see cref="GeographyException"/>, each naming the feature (index and id), the key and the fix.
/// </summary>
public static class ZoneFile
{
    private const string FixGeometry = "fix it in a GIS (QGIS: Vector › Geometry Tools › Check Validity finds it, Fix Geometries repairs it)";
    private const string CollectionShape = "a zones file is a JSON object with \"type\": \"FeatureCollection\" and a \"features\" array, one Feature per zone";

    private static readonly JsonSerializerOptions GeometryJson = CreateGeometryJson();

    /// <summary>Reads and prepares the zones of a GeoJSON file.</summary>
    /// <exception cref="GeographyException">The file cannot be read or has problems; every one is listed.</exception>
    public static ZoneSet Read(string path, ZoneFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new GeographyException([GeographyError.File(path, $"cannot be read ({e.Message}); give the path of a GeoJSON file of zones")]);
        }

        return Parse(bytes, path, options);
    }

    /// <summary>Reads and prepares the zones of GeoJSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="GeographyException">The text has problems; every one is listed.</exception>
    public static ZoneSet Parse(ReadOnlyMemory<byte> utf8Json, string source, ZoneFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ZoneFileOptions.Default;
        ArgumentException.ThrowIfNullOrWhiteSpace(options.IdProperty, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WeightProperty, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DistrictProperty, nameof(options));
        if (!(options.ProjectedUnitMetres > 0) || !double.IsFinite(options.ProjectedUnitMetres) || !(options.OverlapTolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ProjectedUnitMetres must be finite and positive, OverlapTolerance ≥ 0 (the caller checks what users give).");
        }

        var errors = new List<GeographyError>();
        if (utf8Json.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new GeographyException([GeographyError.File(source, $"is empty; {CollectionShape}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new GeographyException([GeographyError.File(source, $"is not JSON ({JsonProblem(e, withPlace: true)}); {CollectionShape}")]);
        }

        using (document)
        {
            var features = ReadCollection(document.RootElement, source, errors);
            if (features is null)
            {
                throw new GeographyException(errors);
            }

            var read = new List<FeatureRead>();
            var firstWithId = new Dictionary<string, int>(StringComparer.Ordinal);
            int index = 0;
            foreach (var feature in features.Value.EnumerateArray())
            {
                var f = ReadFeature(feature, index, source, options, errors);
                if (f.Id is not null && !firstWithId.TryAdd(f.Id, index))
                {
                    errors.Add(GeographyError.Feature(source, index, f.Id, "properties." + options.IdProperty,
                        $"'{f.Id}' is also the id of features[{firstWithId[f.Id]}]; give each zone its own id"));
                }

                read.Add(f);
                index++;
            }

            CheckDistricts(read, source, options, errors);
            if (read.Count > 0 && read.All(f => f.Weight == 0))
            {
                errors.Add(GeographyError.File(source, "every zone has weight 0; at least one zone must have demand"));
            }

            int before = errors.Count;
            var kind = DecideCoordinates(document.RootElement, read, source, options, errors);
            LocalTransverseMercator? projection = null;
            if (errors.Count == before && read.Any(f => f.Geometry is not null))
            {
                // Even when other features have problems, the good ones are projected and checked for overlaps, so
                // that one run reports everything.
                var good = read.Where(f => f.Geometry is not null).ToList();
                projection = kind == CoordinateKind.LonLat ? CentredOn(good) : null;
                foreach (var f in good)
                {
                    f.Metres = ToMetres(f.Geometry!, projection, options.ProjectedUnitMetres);
                }

                CheckOverlaps(good, source, options, errors);
            }

            if (errors.Count > 0)
            {
                throw new GeographyException([.. errors.OrderBy(e => e.FeatureIndex)]);
            }

            return ZoneSet.Create([.. read.Select(f => new ZoneShape(f.Id!, f.Metres!, f.Weight, f.District))], projection);
        }
    }

    private static JsonElement? ReadCollection(JsonElement root, string source, List<GeographyError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(GeographyError.File(source, $"is a JSON {Kind(root)}, not a GeoJSON FeatureCollection; {CollectionShape}"));
            return null;
        }

        string? type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "FeatureCollection")
        {
            string found = type switch
            {
                null => "has no \"type\": \"FeatureCollection\"",
                "Feature" or "Polygon" or "MultiPolygon" or "GeometryCollection" or "Point" or "MultiPoint" or "LineString" or "MultiLineString" =>
                    $"is a GeoJSON {type}, not a FeatureCollection",
                _ => $"has \"type\": \"{type}\", not \"FeatureCollection\"",
            };
            errors.Add(GeographyError.File(source, $"{found}; {CollectionShape}"));
            return null;
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            errors.Add(GeographyError.File(source, $"has no \"features\" array; {CollectionShape}"));
            return null;
        }

        if (features.GetArrayLength() == 0)
        {
            errors.Add(GeographyError.File(source, "has no features; give one Feature per zone"));
            return null;
        }

        return features;
    }

    private static FeatureRead ReadFeature(JsonElement feature, int index, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        var f = new FeatureRead(index);
        if (feature.ValueKind != JsonValueKind.Object)
        {
            errors.Add(GeographyError.Feature(source, index, null, "", $"is a JSON {Kind(feature)}, not a Feature; give {{\"type\": \"Feature\", \"geometry\": ..., \"properties\": ...}}"));
            return f;
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        f.Id = ReadId(properties, index, source, options, errors);
        if (!feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            errors.Add(GeographyError.Feature(source, index, f.Id, "type", $"is {Describe(type)}, not \"Feature\"; each element of \"features\" is a Feature"));
        }

        f.Weight = ReadWeight(properties, index, f.Id, source, options, errors);
        f.District = ReadDistrict(properties, index, f.Id, source, options, errors, out bool hasDistrict);
        f.HasDistrict = hasDistrict;
        f.Geometry = ReadGeometry(feature, index, f.Id, source, errors);
        return f;
    }

    private static string? ReadId(JsonElement properties, int index, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        string key = "properties." + options.IdProperty;
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(options.IdProperty, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(GeographyError.Feature(source, index, null, key, $"is missing; give each zone a unique id (a string or an integer){PropertyHint(properties, "id")}"));
            return null;
        }

        string? id = Label(v);
        if (id is null)
        {
            errors.Add(GeographyError.Feature(source, index, null, key, $"is {Describe(v)}; an id is a non-empty string or an integer"));
        }

        return id;
    }

    private static double ReadWeight(JsonElement properties, int index, string? id, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        string key = "properties." + options.WeightProperty;
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(options.WeightProperty, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return 1.0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double w) && double.IsFinite(w) && w >= 0)
        {
            return w;
        }

        string fix = v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
            ? string.Create(CultureInfo.InvariantCulture, $"a weight is a number ≥ 0 (write {s}, without quotes)")
            : "a weight is a number ≥ 0 (the zone's share of calls is its weight over the sum of all weights; 1 when absent)";
        errors.Add(GeographyError.Feature(source, index, id, key, $"is {Describe(v)}; {fix}"));
        return double.NaN;
    }

    private static string? ReadDistrict(JsonElement properties, int index, string? id, string source, ZoneFileOptions options, List<GeographyError> errors, out bool present)
    {
        present = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(options.DistrictProperty, out var v) && v.ValueKind != JsonValueKind.Null;
        if (!present)
        {
            return null;
        }

        var value = properties.GetProperty(options.DistrictProperty);
        string? district = Label(value);
        if (district is null)
        {
            errors.Add(GeographyError.Feature(source, index, id, "properties." + options.DistrictProperty, $"is {Describe(value)}; a district is a non-empty string or an integer"));
        }

        return district;
    }

    private static Geometry? ReadGeometry(JsonElement feature, int index, string? id, string source, List<GeographyError> errors)
    {
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null)
        {
            errors.Add(GeographyError.Feature(source, index, id, "geometry", "is missing; a zone's geometry is a Polygon or MultiPolygon"));
            return null;
        }

        string? type = g.ValueKind == JsonValueKind.Object && g.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        string? notArea = type switch
        {
            "Polygon" or "MultiPolygon" => null,
            "Point" or "MultiPoint" => $"is a {type}, not a Polygon or MultiPolygon; a zone is an area: draw its boundary as a Polygon",
            "LineString" or "MultiLineString" => $"is a {type}, not a Polygon or MultiPolygon; a zone is an area: close its boundary into a ring and give it as a Polygon",
            "GeometryCollection" => "is a GeometryCollection, not a Polygon or MultiPolygon; give the zone's polygons as one MultiPolygon",
            null => $"is {Describe(g)}, not a GeoJSON geometry; give {{\"type\": \"Polygon\", \"coordinates\": [[[x, y], ...]]}}",
            _ => $"has \"type\": \"{type}\", not \"Polygon\" or \"MultiPolygon\"",
        };
        if (notArea is not null)
        {
            errors.Add(GeographyError.Feature(source, index, id, "geometry", notArea));
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = g.Deserialize<Geometry>(GeometryJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            // A geometry is re-read from its own text: a line and column there would not be the file's.
            string why = e is JsonException je ? JsonProblem(je, withPlace: false) : e.Message;
            errors.Add(GeographyError.Feature(source, index, id, "geometry.coordinates",
                $"cannot be read as a {type} ({why}); a {type} is {(type == "Polygon" ? "an array of rings" : "an array of polygons, each an array of rings")}, a ring an array of [x, y] positions whose last repeats its first"));
            return null;
        }

        if (geometry is null || geometry.IsEmpty)
        {
            errors.Add(GeographyError.Feature(source, index, id, "geometry.coordinates", $"is empty; give the zone's boundary as a {type} of at least one ring"));
            return null;
        }

        var invalid = new IsValidOp(geometry).ValidationError;
        if (invalid is not null)
        {
            string at = invalid.Coordinate is { } c ? $" at ({Number(c.X)}, {Number(c.Y)})" : "";
            errors.Add(GeographyError.Feature(source, index, id, "geometry", $"is not a valid polygon: {invalid.Message}{at}; {FixGeometry}"));
            return null;
        }

        return geometry;
    }

    private static void CheckDistricts(List<FeatureRead> read, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        int named = read.Count(f => f.HasDistrict);
        if (named == 0 || named == read.Count)
        {
            return;
        }

        foreach (var f in read.Where(f => !f.HasDistrict))
        {
            errors.Add(GeographyError.Feature(source, f.Index, f.Id, "properties." + options.DistrictProperty,
                $"is missing while {named} other zones name theirs; give every zone a district, or none"));
        }
    }

    /// <summary>
    /// Lon/lat or projected: the option when given; else the <c>crs</c> member when the file has one (CRS84 and
    /// EPSG 4326/4269 are lon/lat, any other name is projected); else lon/lat when every position lies within ±180°
    /// and ±90° (what RFC 7946 GeoJSON is), projected otherwise. Lon/lat positions out of range are errors.
    /// </summary>
    private static CoordinateKind DecideCoordinates(JsonElement root, List<FeatureRead> read, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        var kind = options.Coordinates;
        string because = "as the options say";
        if (kind == CoordinateKind.Auto && root.TryGetProperty("crs", out var crs) && crs.ValueKind != JsonValueKind.Null)
        {
            string? name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new GeographyError(source, 0, -1, null, "crs",
                    "has no name; give {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4326\"}} (or the projected CRS's name), or remove it: GeoJSON without crs is lon/lat"));
                return CoordinateKind.Auto;
            }

            kind = IsLonLatName(name) ? CoordinateKind.LonLat : CoordinateKind.Projected;
            because = $"as its crs '{name}' says";
        }

        bool allInRange = read.All(f => f.Geometry is null || InLonLatRange(f.Geometry.EnvelopeInternal));
        if (kind == CoordinateKind.Auto)
        {
            return allInRange ? CoordinateKind.LonLat : CoordinateKind.Projected;
        }

        if (kind == CoordinateKind.LonLat && !allInRange)
        {
            foreach (var f in read.Where(f => f.Geometry is not null && !InLonLatRange(f.Geometry.EnvelopeInternal)))
            {
                var e = f.Geometry!.EnvelopeInternal;
                errors.Add(GeographyError.Feature(source, f.Index, f.Id, "geometry.coordinates",
                    $"reach from ({Number(e.MinX)}, {Number(e.MinY)}) to ({Number(e.MaxX)}, {Number(e.MaxY)}), outside longitude -180..180 and latitude -90..90, but the file is read as lon/lat {because}; give positions as [longitude, latitude], or say the coordinates are projected"));
            }
        }

        return kind;
    }

    private static bool IsLonLatName(string name)
    {
        string n = name.Trim().ToUpperInvariant();
        return n.EndsWith("CRS84", StringComparison.Ordinal) || n.EndsWith(":4326", StringComparison.Ordinal) || n.EndsWith(":4269", StringComparison.Ordinal);
    }

    private static bool InLonLatRange(Envelope e) => e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90;

    private static LocalTransverseMercator CentredOn(List<FeatureRead> read)
    {
        var all = new Envelope();
        foreach (var f in read)
        {
            all.ExpandToInclude(f.Geometry!.EnvelopeInternal);
        }

        return new LocalTransverseMercator(all.Centre.X, all.Centre.Y);
    }

    private static Geometry ToMetres(Geometry geometry, LocalTransverseMercator? projection, double unitMetres)
    {
        var copy = geometry.Copy();
        copy.Apply(new CoordinateMap(projection is null ? (x, y) => (x * unitMetres, y * unitMetres) : projection.ToMetres));
        copy.GeometryChanged();
        return copy;
    }

    private static void CheckOverlaps(List<FeatureRead> read, string source, ZoneFileOptions options, List<GeographyError> errors)
    {
        var tree = new STRtree<int>();
        for (int i = 0; i < read.Count; i++)
        {
            tree.Insert(read[i].Metres!.EnvelopeInternal, i);
        }

        for (int i = 0; i < read.Count; i++)
        {
            var a = read[i].Metres!;
            foreach (int j in tree.Query(a.EnvelopeInternal).Where(j => j > i).Order())
            {
                var b = read[j].Metres!;
                double overlap = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area;
                double smaller = Math.Min(a.Area, b.Area);
                if (overlap > options.OverlapTolerance * smaller)
                {
                    string other = read[j].Id is { } id ? $"features[{read[j].Index}] (id '{id}')" : $"features[{read[j].Index}]";
                    errors.Add(GeographyError.Feature(source, read[i].Index, read[i].Id, "geometry",
                        string.Create(CultureInfo.InvariantCulture,
                            $"overlaps {other} over {overlap / 1e6:0.####} km² ({100 * overlap / smaller:0.#}% of the smaller zone); zones must not overlap: make the two share one boundary line")));
                }
            }
        }
    }

    private static string? Label(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString()!.Trim(),
        JsonValueKind.Number when v.TryGetInt64(out long i) => i.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string PropertyHint(JsonElement properties, string what)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return "; this feature has no properties";
        }

        var names = properties.EnumerateObject().Select(p => p.Name).ToList();
        return names.Count == 0
            ? "; this feature has no properties"
            : $", or name the property that holds its {what} (this feature has: {string.Join(", ", names)})";
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => $"a JSON {Kind(e)}",
    };

    private static string JsonProblem(JsonException e, bool withPlace)
    {
        string message = e.Message;
        int cut = new[] { message.IndexOf(" Path:", StringComparison.Ordinal), message.IndexOf(" LineNumber:", StringComparison.Ordinal) }
            .Where(i => i >= 0).DefaultIfEmpty(message.Length).Min();
        message = message[..cut].TrimEnd('.', ' ');
        return withPlace && e.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {message}")
            : message;
    }

    private static string Number(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);

    private static JsonSerializerOptions CreateGeometryJson()
    {
        var o = new JsonSerializerOptions { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }

    /// <summary>One feature as read, before it becomes a <see cref="ZoneShape"/>.</summary>
    private sealed class FeatureRead(int index)
    {
        public int Index { get; } = index;

        public string? Id { get; set; }

        public double Weight { get; set; } = 1.0;

        public string? District { get; set; }

        public bool HasDistrict { get; set; }

        public Geometry? Geometry { get; set; }

        public Geometry? Metres { get; set; }
    }

    /// <summary>Applies a coordinate map to every position of a geometry (in place).</summary>
    private sealed class CoordinateMap(Func<double, double, (double X, double Y)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
