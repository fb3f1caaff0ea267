using System.Globalization;
using System.Text;
using MathNet.Numerics.Statistics;
using NetTopologySuite.Geometries;
using PatrolSim.Calibration.Cad;
using PatrolSim.Geography;

namespace PatrolSim.Calibration.Fitting;

/// <summary>An observed call location in the scenario's km frame, and the zone (beat) it lies in.</summary>
/// <param name="XKm">Km east of the city's south-west corner.</param>
/// <param name="YKm">Km north.</param>
/// <param name="Zone">The id of the zone holding it.</param>
public readonly record struct CallPointRow(double XKm, double YKm, string Zone);

/// <summary>
/// The city of a calibrated scenario: a zones file (real beats) or a rectangle of beats; its zones' demand weights from
/// the data's call locations (or beats) when it has them; and the observed call locations themselves, which the
/// scenario names as <c>city.callPoints</c> so that calls happen where they happened.
/// </summary>
public sealed record CityFit
{
    /// <summary>Width of the city (its rectangle, or the zones' extent), km.</summary>
    public required double WidthKm { get; init; }

    /// <summary>Height, km.</summary>
    public required double HeightKm { get; init; }

    /// <summary>How the size was obtained.</summary>
    public required string Note { get; init; }

    /// <summary>Rows of the rectangle's beat grid (from the south).</summary>
    public int BeatRows { get; init; } = 4;

    /// <summary>Columns of the beat grid (from the west).</summary>
    public int BeatCols { get; init; } = 5;

    /// <summary>Demand weight of each beat of the grid, row by row from the south-west (calls counted there); null: uniform.</summary>
    public IReadOnlyList<double>? BeatWeights { get; init; }

    /// <summary>The zones file as the scenario names it (relative to the scenario file); null for a rectangle.</summary>
    public string? ZonesFile { get; init; }

    /// <summary>How the zones file is read (its property names, coordinates).</summary>
    public ZoneFileOptions ZoneOptions { get; init; } = ZoneFileOptions.Default;

    /// <summary>Demand weight by zone id (calls counted in each zone), in the file's order; null: the file's own weights.</summary>
    public IReadOnlyList<(string Id, double Weight)>? ZoneWeights { get; init; }

    /// <summary>Where the weights came from.</summary>
    public string WeightsNote { get; init; } = "not fitted (uniform demand)";

    /// <summary>The citizen calls' observed locations (empty without coordinates), by zone (in ordinal order of the id), then x, then y: the same whatever the order of the data's rows.</summary>
    public IReadOnlyList<CallPointRow> CallPoints { get; init; } = [];

    /// <summary>The call-locations file as the scenario names it (beside the scenario); null: not written.</summary>
    public string? CallPointsFile { get; init; }

    /// <summary>What happened to the coordinates: how many were used, and every call left out by reason, with example lines.</summary>
    public IReadOnlyList<string> CoordinateNotes { get; init; } = [];

    /// <summary>The call locations as the CSV <c>city.callPoints</c> reads: <c>xKm,yKm,zone</c>, in the calls' order.</summary>
    public string CallPointsCsv()
    {
        var sb = new StringBuilder("xKm,yKm,zone\n");
        foreach (var p in CallPoints)
            sb.Append(CultureInfo.InvariantCulture, $"{ScenarioYamlWriter.N(p.XKm, 4)},{ScenarioYamlWriter.N(p.YKm, 4)},{Csv(p.Zone)}\n");
        return sb.ToString();
    }

    private static string Csv(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Fits a <see cref="CityFit"/> to the citizen calls (docs/calibration.md, "City").</summary>
public static class CityFitter
{
    /// <summary>A coordinate farther than this many interquartile ranges beyond the quartiles (per axis) is an outlier (Tukey's far-out fences).</summary>
    public const double OutlierIqr = 3;

    /// <summary>Fewest located calls for the coordinates to shape the city.</summary>
    public const int MinPoints = 10;

    /// <summary>About how many beats the grid of a rectangle round the calls has (not fitted: beats are not in CAD coordinates).</summary>
    public const int Beats = 20;

    /// <summary>Default size when nothing else tells it, km.</summary>
    public const double DefaultWidthKm = 12, DefaultHeightKm = 10;

    /// <summary>The city for <paramref name="calls"/> (citizen calls are used) under <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The zones file's coordinates and the data's cannot be put in one frame.</exception>
    /// <exception cref="GeographyException">The zones file has problems.</exception>
    public static CityFit Fit(IReadOnlyList<CadCall> calls, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(options);
        var citizen = calls.Where(c => !c.SelfInitiated).ToArray();
        if (options.ZonesFile is { } zonesPath) return InZones(citizen, options, ZoneFile.Read(zonesPath, options.ZoneOptions));

        var (located, notes) = Located(citizen, projectedUnitMetres: 1);
        if (located.Count >= MinPoints && located.Degrees is { } degrees)
        {
            var projection = new LocalTransverseMercator(degrees.Select(p => p.X).Median(), degrees.Select(p => p.Y).Median());
            located = located.Project(projection.ToMetres);
        }

        if (located.Count >= MinPoints) return Rectangle(located, notes, options);
        var (width, height, note) = options.AreaKm2 is { } area
            ? (Math.Round(Math.Sqrt(area), 2), Math.Round(Math.Sqrt(area), 2), string.Create(CultureInfo.InvariantCulture, $"a square of the given area, {area:0.##} km2 (calibrate --area-km2)"))
            : (DefaultWidthKm, DefaultHeightKm, "not in the data (no coordinates) and no --area-km2 or --zones: a default size, set by hand");
        if (located.Count > 0) notes = [.. notes, string.Create(CultureInfo.InvariantCulture, $"only {located.Count} located calls (fewer than {MinPoints}): the coordinates are not used")];
        return new CityFit { WidthKm = width, HeightKm = height, Note = note, CoordinateNotes = notes, CallPointsFile = null };
    }

    /// <summary>A rectangle round the located calls (metres), its beats weighted by the calls in them, the calls as call points.</summary>
    private static CityFit Rectangle(LocatedCalls located, IReadOnlyList<string> notes, FitOptions options)
    {
        var (kept, outliers) = located.WithoutOutliers();
        var minX = kept.Min(p => p.X);
        var minY = kept.Min(p => p.Y);
        // km, rounded up to 0.01 (ignoring a float's last digits), so every point is inside.
        double Size(double metres) => Math.Max(0.1, Math.Ceiling(Math.Round(metres / 1000 * 100, 6)) / 100);
        var width = Size(kept.Max(p => p.X) - minX);
        var height = Size(kept.Max(p => p.Y) - minY);
        // About Beats beats, as near square as the rectangle allows.
        var cols = Math.Clamp((int)Math.Round(Math.Sqrt(Beats * width / height)), 1, Beats);
        var rows = Math.Max(1, (int)Math.Round((double)Beats / cols));
        var weights = new double[rows * cols];
        var points = new List<CallPointRow>(kept.Count);
        foreach (var p in kept)
        {
            double x = (p.X - minX) / 1000, y = (p.Y - minY) / 1000;
            var col = Math.Min(cols - 1, (int)(x / (width / cols)));
            var row = Math.Min(rows - 1, (int)(y / (height / rows)));
            var beat = (row * cols) + col;
            weights[beat]++;
            points.Add(new CallPointRow(x, y, (beat + 1).ToString(CultureInfo.InvariantCulture)));
        }

        var hull = new GeometryFactory().CreateMultiPointFromCoords([.. kept.Select(p => new Coordinate(p.X, p.Y))]).ConvexHull().Area / 1e6;
        var inv = CultureInfo.InvariantCulture;
        return new CityFit
        {
            WidthKm = width,
            HeightKm = height,
            Note = string.Create(inv, $"the extent of {kept.Count} citizen calls' locations ({located.Kind}); their convex hull covers {hull:0.#} km2 of the {width * height:0.#} km2 rectangle"),
            BeatRows = rows,
            BeatCols = cols,
            BeatWeights = weights,
            WeightsNote = "citizen calls located in each beat (beats: a grid, not fitted)",
            CallPoints = Sorted(points),
            CallPointsFile = options.CallPointsFile,
            CoordinateNotes = [.. notes, .. outliers],
        };
    }

    /// <summary>The zones of a file, weighted by the calls located in them (or by the data's beat column), the calls as call points.</summary>
    private static CityFit InZones(CadCall[] citizen, FitOptions options, ZoneSet set)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = options.ZonesFileName ?? options.ZonesFile!;
        var fit = new CityFit
        {
            WidthKm = set.WidthKm,
            HeightKm = set.HeightKm,
            Note = string.Create(inv, $"the zones of {name}: {set.Count} zones over {Enumerable.Range(0, set.Count).Sum(set.AreaKm2):0.#} km2"),
            ZonesFile = name,
            ZoneOptions = options.ZoneOptions,
            WeightsNote = "the zones file's own weights (the data locate no calls in its zones)",
        };
        var (located, notes) = Located(citizen, options.ZoneOptions.ProjectedUnitMetres);
        if (located.Count > 0 && (located.Degrees is not null) != (set.Projection is not null))
        {
            throw new ArgumentException(located.Degrees is not null
                ? $"the data's coordinates are longitude/latitude but the zones file {name} is projected: they cannot be put in one frame; give a lon/lat zones file (or leave the coordinates out with --map x=,y=)"
                : $"the data's coordinates are projected but the zones file {name} is longitude/latitude: they cannot be put in one frame; give the zones in the data's projection");
        }

        var counts = new double[set.Count];
        var points = new List<CallPointRow>();
        var outside = new List<int>();
        foreach (var (x, y, line) in located.Points)
        {
            var (kx, ky) = set.Projection is not null ? set.ToKm(x, y) : ((x - set.OriginMetres.X) / 1000, (y - set.OriginMetres.Y) / 1000);
            var zone = set.Locate(kx, ky);
            if (zone < 0)
            {
                outside.Add(line);
                continue;
            }

            counts[zone]++;
            points.Add(new CallPointRow(kx, ky, set.Ids[zone]));
        }

        if (outside.Count > 0) notes = [.. notes, Left(outside, "outside every zone of " + name)];
        if (points.Count >= MinPoints)
        {
            return fit with
            {
                ZoneWeights = [.. set.Ids.Select((id, i) => (id, counts[i]))],
                WeightsNote = string.Create(inv, $"citizen calls located in each zone ({points.Count} calls)"),
                CallPoints = Sorted(points),
                CallPointsFile = options.CallPointsFile,
                CoordinateNotes = notes,
            };
        }

        // No usable coordinates: the data's beat column, when it names the zones.
        var byBeat = citizen.Where(c => c.Beat is not null && set.IndexOf(c.Beat) >= 0).GroupBy(c => c.Beat!).ToDictionary(g => g.Key, g => (double)g.Count());
        if (byBeat.Count > 0)
        {
            var unmatched = citizen.Count(c => c.Beat is null || set.IndexOf(c.Beat) < 0);
            return fit with
            {
                ZoneWeights = [.. set.Ids.Select(id => (id, byBeat.GetValueOrDefault(id)))],
                WeightsNote = string.Create(inv, $"citizen calls by the data's beat column ({byBeat.Values.Sum():0} calls; {unmatched} without a beat naming a zone left out)"),
                CoordinateNotes = notes,
            };
        }

        return fit with { CoordinateNotes = notes };
    }

    private static CallPointRow[] Sorted(IEnumerable<CallPointRow> points) =>
        [.. points.OrderBy(p => p.Zone, StringComparer.Ordinal).ThenBy(p => p.XKm).ThenBy(p => p.YKm)];

    /// <summary>"N calls left out: REASON (lines a, b, c, ...)".</summary>
    private static string Left(IReadOnlyList<int> lines, string reason) => string.Create(CultureInfo.InvariantCulture,
        $"{lines.Count} citizen call{(lines.Count == 1 ? "" : "s")} left out: {reason} (line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines.Take(5))}{(lines.Count > 5 ? ", ..." : "")})");

    /// <summary>
    /// The citizen calls with usable coordinates (metres, or degrees when most look like longitude/latitude), and a note
    /// for every call left out, by reason: no coordinates, (0, 0), outside ±180° / ±90° in a lon/lat file.
    /// </summary>
    private static (LocatedCalls Located, IReadOnlyList<string> Notes) Located(CadCall[] citizen, double projectedUnitMetres)
    {
        var notes = new List<string>();
        var withXy = citizen.Where(c => c.X.HasValue && c.Y.HasValue).ToArray();
        if (withXy.Length == 0) return (LocatedCalls.Empty, notes);
        var missing = citizen.Where(c => !c.X.HasValue || !c.Y.HasValue).Select(c => c.Line).ToArray();
        if (missing.Length > 0) notes.Add(Left(missing, "no coordinates (missing, or unparseable: see the read summary)"));
        var zero = withXy.Where(c => c.X == 0 && c.Y == 0).Select(c => c.Line).ToArray();
        if (zero.Length > 0) notes.Add(Left(zero, "at (0, 0), a missing location"));
        var nonZero = withXy.Where(c => c.X != 0 || c.Y != 0).ToArray();
        static bool InDegrees(CadCall c) => Math.Abs(c.X!.Value) <= 180 && Math.Abs(c.Y!.Value) <= 90;
        // Lon/lat when nine in ten look like it (a projected city has coordinates far beyond those ranges).
        var degrees = nonZero.Length > 0 && nonZero.Count(InDegrees) >= 0.9 * nonZero.Length;
        if (degrees)
        {
            var beyond = nonZero.Where(c => !InDegrees(c)).Select(c => c.Line).ToArray();
            if (beyond.Length > 0) notes.Add(Left(beyond, "coordinates outside longitude -180..180 / latitude -90..90"));
            nonZero = [.. nonZero.Where(InDegrees)];
        }

        var points = nonZero.Select(c => degrees ? (c.X!.Value, c.Y!.Value, c.Line) : (c.X!.Value * projectedUnitMetres, c.Y!.Value * projectedUnitMetres, c.Line)).ToArray();
        notes.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"{points.Length} of {citizen.Length} citizen calls located ({(degrees ? "longitude/latitude" : "coordinates taken as metres")})"));
        return (new LocatedCalls(points, degrees ? "longitude/latitude, projected" : "coordinates taken as metres", degrees ? points.Select(p => (p.Item1, p.Item2)).ToArray() : null), notes);
    }

    /// <summary>Calls' coordinates with their lines; <see cref="Degrees"/> holds them as lon/lat until projected.</summary>
    private sealed record LocatedCalls((double X, double Y, int Line)[] Points, string Kind, (double X, double Y)[]? Degrees)
    {
        public static LocatedCalls Empty { get; } = new([], "none", null);

        public int Count => Points.Length;

        /// <summary>The points projected to metres (lon/lat in, metres out).</summary>
        public LocatedCalls Project(Func<double, double, (double X, double Y)> toMetres) =>
            this with { Points = [.. Points.Select(p => { var (x, y) = toMetres(p.X, p.Y); return (x, y, p.Line); })], Degrees = null };

        /// <summary>The points inside Tukey's far-out fences on both axes, and a note for the calls beyond them.</summary>
        public (IReadOnlyList<(double X, double Y, int Line)> Kept, IReadOnlyList<string> Notes) WithoutOutliers()
        {
            (double Lo, double Hi) Fences(double[] v)
            {
                var q1 = v.LowerQuartile();
                var q3 = v.UpperQuartile();
                return (q1 - (OutlierIqr * (q3 - q1)), q3 + (OutlierIqr * (q3 - q1)));
            }

            var fx = Fences([.. Points.Select(p => p.X)]);
            var fy = Fences([.. Points.Select(p => p.Y)]);
            bool Inside((double X, double Y, int Line) p) => p.X >= fx.Lo && p.X <= fx.Hi && p.Y >= fy.Lo && p.Y <= fy.Hi;
            var outliers = Points.Where(p => !Inside(p)).Select(p => p.Line).ToArray();
            return ([.. Points.Where(Inside)], outliers.Length == 0 ? [] : [Left(outliers, string.Create(CultureInfo.InvariantCulture,
                $"more than {OutlierIqr} interquartile ranges beyond the quartiles of the others (a geocoding error?)"))]);
        }
    }
}
