using System.Globalization;
using CsvHelper;

namespace PatrolSim.Calibration.Cad;

/// <summary>
/// Reads a CAD export (one row per call) with CsvHelper. Bad rows never stop the read: they are counted by reason in a
/// <see cref="BadRowReport"/>. Every line is accounted for: a row whose quoted field holds line breaks is noted with its
/// lines; a rejected one stops the read (<see cref="CadMappingException"/> naming the line where its quote opened), since
/// the rows on the lines it swallowed would otherwise vanish. A mapping that cannot be satisfied (e.g. no received-time
/// column) also throws.
/// </summary>
public static class CadReader
{
    /// <summary>Reads a CSV file (UTF-8 with or without BOM; separator detected among , ; tab |).</summary>
    public static CadReadResult Read(string path, CadMapping? mapping = null, CadReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RefuseBinary(path);
        var malformed = new HashSet<long>();
        string? header;
        using (var first = new StreamReader(path))
        {
            header = first.ReadLine();
        }

        using var csv = CsvReader.FromFile(path, CsvOptions(malformed, header));
        return Read(csv, malformed, Path.GetFileName(path), mapping, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="sourceName"/> names it in messages.</summary>
    public static CadReadResult Read(TextReader reader, string sourceName, CadMapping? mapping = null, CadReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var malformed = new HashSet<long>();
        string? header = reader.ReadLine();
        using var rest = new StringReader(header + "\n" + reader.ReadToEnd());
        using var csv = CsvReader.Create(rest, CsvOptions(malformed, header), leaveOpen: true);
        return Read(csv, malformed, sourceName, mapping, options);
    }

    /// <summary>
    /// Refuses a file that is not text (a program, a spreadsheet, a zip): a header line in any encoding a CAD system
    /// writes (UTF-8, Latin-1, Windows-1252) has no NUL byte, and a binary file has one in its first bytes. Without this,
    /// its bytes would be read as a header and printed back as "columns found". Only the header line is looked at: bad
    /// bytes in the rows are bad rows, counted like any other.
    /// </summary>
    private static void RefuseBinary(string path)
    {
        var start = new byte[64 * 1024];
        int n;
        using (var stream = File.OpenRead(path))
        {
            n = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        int headerEnd = Array.IndexOf(start, (byte)'\n', 0, n);
        int nul = Array.IndexOf(start, (byte)0, 0, headerEnd < 0 ? n : headerEnd);
        if (nul >= 0)
        {
            throw new CadMappingException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)}: is not a CSV text file (byte {nul} is 0x00: binary data, such as a program or a spreadsheet); give the CAD export as CSV text, a header row then one row per call (docs/calibration.md)"));
        }
    }

    /// <summary>
    /// The separator is the one of , ; tab | that the header line uses most (ties to the comma), not one guessed from
    /// the first lines as a whole: rows of damaged data must not change how a good header is split.
    /// </summary>
    private static char? SeparatorOf(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        char best = ',';
        int most = header.Count(c => c == ',');
        foreach (char c in ";\t|")
        {
            int n = header.Count(x => x == c);
            if (n > most)
            {
                (best, most) = (c, n);
            }
        }

        return most > 0 ? best : null;
    }

    private static CsvReaderOptions CsvOptions(HashSet<long> malformedLines, string? header) => new()
    {
        Separator = SeparatorOf(header),
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MalformedData = CsvMalformedDataHandling.Recover,
        OnMalformedRecord = record => malformedLines.Add(record.LineNumber),
    };

    private static CadReadResult Read(CsvReader csv, HashSet<long> malformed, string sourceName, CadMapping? mapping, CadReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        mapping ??= CadMapping.Default;
        options ??= CadReadOptions.Default;

        var header = csv.Headers.Select((h, i) => (i == 0 ? h.TrimStart('\uFEFF') : h).Trim()).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            throw new CadMappingException($"{sourceName}: the file is empty; expected a header row followed by one row per call.");
        var resolved = mapping.Resolve(header, sourceName);

        using var enumerator = ReadRecords(csv, malformed).GetEnumerator();
        var buffered = new List<RawRecord>();
        while (buffered.Count < options.FormatDetectionSample && enumerator.MoveNext()) buffered.Add(enumerator.Current);

        var formats = DetectFormats(resolved, buffered, options);
        var state = new RowParser(sourceName, resolved, formats, options, header.Length);
        foreach (var record in buffered) state.Process(record);
        while (enumerator.MoveNext()) state.Process(enumerator.Current);

        return new CadReadResult
        {
            SourceName = sourceName,
            Calls = state.Calls,
            Report = state.Report,
            RowsRead = state.RowsRead,
            RowsExcludedByPriority = state.Excluded,
            Mapping = resolved,
            TimestampFormatsUsed = formats,
            MultiLineRows = state.MultiLineRows,
        };
    }

    /// <summary>A record as read: its first line, fields, whether its quoting was malformed, the lines it spans and the line where the first quoted field holding a line break opened (0: none).</summary>
    internal readonly record struct RawRecord(int Line, string[] Fields, bool BadQuotes, int Lines = 1, int QuoteLine = 0);

    private static IEnumerable<RawRecord> ReadRecords(CsvReader csv, HashSet<long> malformed)
    {
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            int breaks = 0, breaksBefore = -1;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i) ?? "";
                int n = LineBreaks(fields[i]);
                if (n > 0 && breaksBefore < 0) breaksBefore = breaks;
                breaks += n;
            }
            var line = checked((int)csv.LineNumber);
            var bad = malformed.Remove(line);
            if (bad && breaks > 0 && fields[^1].EndsWith('\n'))
            {
                // A quote never closed runs to the end of the input, the file's last line break included.
                breaks--;
            }
            yield return new RawRecord(line, fields, bad, breaks + 1, breaksBefore < 0 ? 0 : line + breaksBefore);
        }
    }

    /// <summary>Line breaks in a field (only a quoted field holds any): CR LF, LF or CR, each one.</summary>
    private static int LineBreaks(string field)
    {
        var n = 0;
        for (var i = field.AsSpan().IndexOfAny('\r', '\n'); i >= 0 && i < field.Length; i++)
        {
            if (field[i] == '\n' || (field[i] == '\r' && (i + 1 == field.Length || field[i + 1] != '\n'))) n++;
        }
        return n;
    }

    private static Dictionary<CadField, string?> DetectFormats(ResolvedCadMapping mapping, List<RawRecord> sample, CadReadOptions options)
    {
        var formats = new Dictionary<CadField, string?>();
        foreach (var field in CadFields.TimeFields)
        {
            if (!mapping.Fields.TryGetValue(field, out var column) || column.IsOffsetSeconds) continue;
            var values = sample
                .Where(r => column.Index < r.Fields.Length)
                .Select(r => r.Fields[column.Index].Trim())
                .Where(v => v.Length > 0 && !IsMissing(v, options))
                .ToArray();
            formats[field] = options.TimestampFormats is { Count: 1 } single
                ? single[0]
                : TimestampFormats.Detect(values, options.TimestampFormats);
        }
        return formats;
    }

    internal static bool IsMissing(string value, CadReadOptions options) =>
        value.Length == 0 || options.MissingValues.Any(m => string.Equals(m, value, StringComparison.OrdinalIgnoreCase));

    private sealed class RowParser(
        string sourceName, ResolvedCadMapping mapping, Dictionary<CadField, string?> formats, CadReadOptions options, int headerCount)
    {
        public List<CadCall> Calls { get; } = [];
        public BadRowReport Report { get; } = new(options.MaxExampleLines);
        public SortedDictionary<int, int> Excluded { get; } = [];
        public int RowsRead { get; private set; }
        public List<(int Line, int Lines)> MultiLineRows { get; } = [];

        private string? Cell(RawRecord record, CadField field)
        {
            if (!mapping.Fields.TryGetValue(field, out var column) || column.Index >= record.Fields.Length) return null;
            var value = record.Fields[column.Index].Trim();
            return IsMissing(value, options) ? null : value;
        }

        /// <summary>
        /// Counts a rejected row, unless it spans several lines: a quote that opens a field and closes lines later (or
        /// never) makes one bad row of many good ones, which would vanish without a word; the read stops instead.
        /// </summary>
        private void Reject(RawRecord record, string reason)
        {
            if (record.Lines > 1)
            {
                throw new CadMappingException(string.Create(CultureInfo.InvariantCulture,
                    $"{sourceName}: line {record.QuoteLine}: a quoted field opens here and runs to line {record.Line + record.Lines - 1}: {record.Lines} lines read as one row, which is rejected ({reason}), so the rows on those lines would be lost. Close the quote (a quote inside a quoted field is written twice: \"\") or remove it, then read the file again."));
            }

            Report.Add(reason, true, record.Line);
        }

        public void Process(RawRecord record)
        {
            RowsRead++;
            var line = record.Line;
            if (record.BadQuotes)
            {
                Reject(record, "malformed quoting");
                return;
            }
            if (record.Fields.Length != headerCount)
            {
                Reject(record, string.Create(CultureInfo.InvariantCulture, $"wrong number of fields (expected {headerCount})"));
                return;
            }

            var receivedText = Cell(record, CadField.Received);
            if (receivedText is null)
            {
                Reject(record, "missing received time");
                return;
            }
            if (ParseTimestamp(CadField.Received, receivedText) is not { } received)
            {
                Reject(record, "unparseable received time");
                return;
            }

            var priorityText = Cell(record, CadField.Priority);
            if (priorityText is null)
            {
                Reject(record, "missing priority");
                return;
            }
            if (!TryParsePriority(priorityText, out var priority))
            {
                Reject(record, "unparseable priority");
                return;
            }
            if (priority is < 1 or > 9)
            {
                Reject(record, "priority outside 1..9");
                return;
            }
            if (record.Lines > 1)
            {
                MultiLineRows.Add((line, record.Lines));
            }
            if (options.ExcludePriorities.Contains(priority))
            {
                Excluded[priority] = Excluded.GetValueOrDefault(priority) + 1;
                return;
            }

            var times = new Dictionary<CadField, TimeSpan>();
            var ignored = new List<string>();
            foreach (var field in CadFields.TimeFields)
            {
                if (field == CadField.Received || Cell(record, field) is not { } text) continue;
                var column = mapping.Fields[field];
                if (column.IsOffsetSeconds)
                {
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
                        times[field] = TimeSpan.FromSeconds(seconds);
                    else
                        ignored.Add($"unparseable {field.Name()} seconds");
                }
                else if (ParseTimestamp(field, text) is { } at)
                {
                    times[field] = at - received;
                }
                else
                {
                    ignored.Add($"unparseable {field.Name()} time");
                }
            }

            var problems = DropOutOfOrderTimes(times);
            if (problems.Count > 0 && options.BadTimings == BadTimingPolicy.RejectRow)
            {
                Reject(record, problems[0].Problem);
                return;
            }
            foreach (var (problem, dropped) in problems) Report.Add($"{problem} ({dropped.Name()} ignored)", false, line);
            foreach (var reason in ignored) Report.Add(reason + " (value ignored)", false, line);

            int? units = null;
            if (Cell(record, CadField.Units) is { } unitsText)
            {
                if (double.TryParse(unitsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var u) && u >= 0 && u == Math.Floor(u) && u < 1000)
                    units = (int)u;
                else
                    Report.Add("unparseable units (value ignored)", false, line);
            }
            double? x = null, y = null;
            var xText = Cell(record, CadField.X);
            var yText = Cell(record, CadField.Y);
            if (xText is not null && yText is not null)
            {
                if (double.TryParse(xText, NumberStyles.Float, CultureInfo.InvariantCulture, out var xv) && double.IsFinite(xv)
                    && double.TryParse(yText, NumberStyles.Float, CultureInfo.InvariantCulture, out var yv) && double.IsFinite(yv))
                {
                    x = xv;
                    y = yv;
                }
                else
                {
                    Report.Add("unparseable coordinates (value ignored)", false, line);
                }
            }

            var selfInitiated = mapping.SelfInitiatedRules.Any(rule =>
                rule.Index < record.Fields.Length && rule.Matches(record.Fields[rule.Index]));

            Calls.Add(new CadCall(line, received, priority)
            {
                CallType = Cell(record, CadField.CallType),
                Queued = times.TryGetValue(CadField.Queued, out var q) ? q : null,
                Dispatched = times.TryGetValue(CadField.Dispatched, out var d) ? d : null,
                EnRoute = times.TryGetValue(CadField.EnRoute, out var e) ? e : null,
                Arrived = times.TryGetValue(CadField.Arrived, out var a) ? a : null,
                Cleared = times.TryGetValue(CadField.Cleared, out var c) ? c : null,
                Closed = times.TryGetValue(CadField.Closed, out var cl) ? cl : null,
                Units = units,
                SelfInitiated = selfInitiated,
                Beat = Cell(record, CadField.Beat),
                X = x,
                Y = y,
            });
        }

        private DateTime? ParseTimestamp(CadField field, string text)
        {
            if (options.TimestampFormats is { Count: > 1 } many)
            {
                foreach (var format in many)
                    if (TimestampFormats.TryParse(text, format, out var r)) return r;
                return null;
            }
            return formats.GetValueOrDefault(field) is { } f && TimestampFormats.TryParse(text, f, out var result) ? result : null;
        }

        /// <summary>
        /// Removes the times that break the order and says which: a time before received; in the chain dispatched ≤ en route
        /// ≤ arrived ≤ closed, a time earlier than the nearest kept time before it in the chain (the check goes on from that
        /// kept time); cleared before dispatched. Queued is checked against received only (some centres dispatch before
        /// call entry is complete). Only the broken intervals go: the earlier times and their intervals are kept.
        /// </summary>
        private List<(string Problem, CadField Dropped)> DropOutOfOrderTimes(Dictionary<CadField, TimeSpan> times)
        {
            var problems = new List<(string, CadField)>();
            foreach (var (field, offset) in times.Where(kv => kv.Value < TimeSpan.Zero).OrderBy(kv => kv.Key).ToArray())
            {
                problems.Add((mapping.Fields[field].IsOffsetSeconds
                    ? $"negative interval: {field.Name()} seconds after received < 0"
                    : $"out-of-order timestamps: {field.Name()} before received", field));
                times.Remove(field);
            }
            CadField? previous = null;
            foreach (var field in new[] { CadField.Dispatched, CadField.EnRoute, CadField.Arrived, CadField.Closed })
            {
                if (!times.TryGetValue(field, out var at)) continue;
                if (previous is { } p && at < times[p])
                {
                    problems.Add((Describe(field, p), field));
                    times.Remove(field);
                    continue;
                }
                previous = field;
            }
            if (times.TryGetValue(CadField.Cleared, out var cleared) && times.TryGetValue(CadField.Dispatched, out var dispatched) && cleared < dispatched)
            {
                problems.Add((Describe(CadField.Cleared, CadField.Dispatched), CadField.Cleared));
                times.Remove(CadField.Cleared);
            }
            return problems;
        }

        private string Describe(CadField later, CadField earlier) =>
            mapping.Fields[later].IsOffsetSeconds || mapping.Fields[earlier].IsOffsetSeconds
                ? $"negative interval: {later.Name()} before {earlier.Name()}"
                : $"out-of-order timestamps: {later.Name()} before {earlier.Name()}";
    }

    /// <summary>Reads <c>2</c>, <c>P2</c>, <c>2 - URGENT</c>, <c>2.0</c> as 2.</summary>
    internal static bool TryParsePriority(string text, out int priority)
    {
        var s = text.Trim();
        if (s.StartsWith('P') || s.StartsWith('p')) s = s[1..];
        var n = 0;
        while (n < s.Length && char.IsAsciiDigit(s[n])) n++;
        var rest = s[n..].Trim();
        var ok = n > 0 && (rest.Length == 0 || rest[0] is '-' or ' ' or ':' || rest.TrimEnd('0') == ".");
        priority = ok && n <= 2 ? int.Parse(s[..n], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return ok && n <= 2;
    }
}
