using System.Globalization;
using CsvHelper;

namespace PatrolSim.Geography.Travel;

/// <summary>
/// Zone-to-zone travel times from a department's GIS or routing engine, optionally by time band: a CSV with one
/// row per ordered pair of zones (and band), columns <c>from</c>, <c>to</c>, <c>minutes</c> and, for bands,
/// <c>startHour</c>. Rows with <c>from</c> = <c>to</c> are allowed and ignored: a trip inside a zone comes from its
/// geometry. Every ordered pair of distinct zones must be present once in every band. Lookups are O(1) array reads.
/// </summary>
public sealed class TravelTimeMatrix
{
    private const string Header = "the header is from,to,minutes (and startHour for time bands)";
    private const int MaxListed = 5;

    private readonly int _zones;
    private readonly double[][] _minutes;
    private readonly int[] _bandOfHour;

    private TravelTimeMatrix(int zones, int[] startHours, double[][] minutes)
    {
        _zones = zones;
        BandStartHours = startHours;
        _minutes = minutes;
        _bandOfHour = new int[24];
        for (int h = 0; h < 24; h++)
        {
            // The band in force at hour h is the last one starting at or before h; before the first start, the last band (wrapping past midnight).
            int band = startHours.Length - 1;
            for (int b = 0; b < startHours.Length && startHours[b] <= h; b++)
            {
                band = b;
            }

            _bandOfHour[h] = band;
        }
    }

    /// <summary>
    /// The hours (0–23, ascending) at which the bands start; one band runs to the next one's start, the last past
    /// midnight to the first's. A file without <c>startHour</c> has one band, starting at 0.
    /// </summary>
    public IReadOnlyList<int> BandStartHours { get; }

    /// <summary>Number of zones.</summary>
    public int ZoneCount => _zones;

    /// <summary>
    /// Travel minutes from zone <paramref name="from"/> to zone <paramref name="to"/> (indexes in the zone list the
    /// matrix was read with) in the band in force at <paramref name="hourOfDay"/> (0–23). NaN for a zone to itself.
    /// </summary>
    public double Minutes(int from, int to, int hourOfDay) => _minutes[_bandOfHour[hourOfDay]][(from * _zones) + to];

    /// <summary>Reads a matrix CSV for the zones <paramref name="zoneIds"/> (in their order).</summary>
    /// <exception cref="GeographyException">The file cannot be read or has problems; every one is listed.</exception>
    public static TravelTimeMatrix Read(string path, IReadOnlyList<string> zoneIds)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path, zoneIds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new GeographyException([GeographyError.File(path, $"cannot be read ({e.Message}); give the path of a travel-time matrix CSV")]);
        }
    }

    /// <summary>Reads matrix CSV text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="GeographyException">The text has problems; every one is listed.</exception>
    public static TravelTimeMatrix Parse(TextReader reader, string source, IReadOnlyList<string> zoneIds)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(zoneIds);
        var errors = new List<GeographyError>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < zoneIds.Count; i++)
        {
            index[zoneIds[i]] = i;
        }

        using var csv = GeoCsv.Open(reader, out string[] header);
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            throw new GeographyException([GeographyError.File(source, $"is empty; {Header}, then one row per ordered pair of zones")]);
        }

        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int fromCol = Column("from"), toCol = Column("to"), minutesCol = Column("minutes"), bandCol = Column("startHour");
        foreach (var (name, col) in new[] { ("from", fromCol), ("to", toCol), ("minutes", minutesCol) })
        {
            if (col < 0)
            {
                errors.Add(new GeographyError(source, 1, -1, null, "", $"has no column '{name}'; {Header}; this one has: {string.Join(", ", header)}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new GeographyException(errors);
        }

        var rows = new List<Row>();
        var bands = new SortedSet<int>();
        while (csv.Read())
        {
            int line = checked((int)csv.LineNumber);
            string Cell(int col) => col < csv.FieldCount ? (csv.GetString(col) ?? "").Trim() : "";
            string fromId = Cell(fromCol), toId = Cell(toCol), minutesText = Cell(minutesCol);
            bool ok = true;
            int from = ZoneIndex(fromId, "from", line, source, index, zoneIds, errors, ref ok);
            int to = ZoneIndex(toId, "to", line, source, index, zoneIds, errors, ref ok);
            if (!double.TryParse(minutesText, NumberStyles.Float, CultureInfo.InvariantCulture, out double minutes) || !double.IsFinite(minutes) || minutes < 0)
            {
                errors.Add(new GeographyError(source, line, -1, null, "minutes", $"is '{minutesText}'; a travel time is a number of minutes ≥ 0"));
                ok = false;
            }

            int band = 0;
            if (bandCol >= 0)
            {
                string text = Cell(bandCol);
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out band) || band > 23)
                {
                    errors.Add(new GeographyError(source, line, -1, null, "startHour", $"is '{text}'; a band's startHour is a whole hour from 0 to 23"));
                    ok = false;
                }
            }

            if (ok)
            {
                bands.Add(band);
                if (from != to)
                {
                    rows.Add(new Row(line, from, to, band, minutes));
                }
            }
        }

        int n = zoneIds.Count;
        int[] starts = [.. bands];
        if (starts.Length == 0)
        {
            starts = [0];
        }

        var minutesByBand = new double[starts.Length][];
        var lineOf = new int[starts.Length][];
        for (int b = 0; b < starts.Length; b++)
        {
            minutesByBand[b] = new double[n * n];
            Array.Fill(minutesByBand[b], double.NaN);
            lineOf[b] = new int[n * n];
        }

        foreach (var r in rows)
        {
            int b = Array.IndexOf(starts, r.StartHour);
            int cell = (r.From * n) + r.To;
            if (lineOf[b][cell] > 0)
            {
                errors.Add(new GeographyError(source, r.Line, -1, zoneIds[r.From], "",
                    $"repeats the pair {zoneIds[r.From]} → {zoneIds[r.To]}{BandName(bandCol, r.StartHour)} of line {lineOf[b][cell]}; give each pair once{(bandCol >= 0 ? " per band" : "")}"));
                continue;
            }

            lineOf[b][cell] = r.Line;
            minutesByBand[b][cell] = r.Minutes;
        }

        if (errors.Count == 0)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                var missing = new List<string>();
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        if (i != j && lineOf[b][(i * n) + j] == 0)
                        {
                            missing.Add($"{zoneIds[i]} → {zoneIds[j]}");
                        }
                    }
                }

                if (missing.Count > 0)
                {
                    string listed = string.Join(", ", missing.Take(MaxListed)) + (missing.Count > MaxListed ? ", …" : "");
                    errors.Add(GeographyError.File(source, string.Create(CultureInfo.InvariantCulture,
                        $"misses {missing.Count} of the {n * (n - 1)} ordered pairs of distinct zones{BandName(bandCol, starts[b])}: {listed}; give a time for every pair (from ≠ to){(bandCol >= 0 ? " in every band" : "")}")));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new GeographyException(errors);
        }

        return new TravelTimeMatrix(n, starts, minutesByBand);
    }

    private static int ZoneIndex(string id, string key, int line, string source, Dictionary<string, int> index, IReadOnlyList<string> zoneIds, List<GeographyError> errors, ref bool ok)
    {
        if (index.TryGetValue(id, out int z))
        {
            return z;
        }

        string known = string.Join(", ", zoneIds.Take(MaxListed)) + (zoneIds.Count > MaxListed ? string.Create(CultureInfo.InvariantCulture, $", … {zoneIds.Count} in all") : "");
        errors.Add(new GeographyError(source, line, -1, null, key,
            id.Length == 0 ? $"is empty; give a zone id of the city ({known})" : $"'{id}' is not a zone of the city ({known}); use the zones file's ids"));
        ok = false;
        return -1;
    }

    private static string BandName(int bandCol, int startHour) =>
        bandCol < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" (band from {startHour:00}:00)");

    private readonly record struct Row(int Line, int From, int To, int StartHour, double Minutes);
}
