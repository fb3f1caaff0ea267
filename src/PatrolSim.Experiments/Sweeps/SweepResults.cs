using System.Globalization;
using CsvHelper;
using Parquet;
using Parquet.Schema;
using PatrolSim.Output;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>How a sweep writes its per-job results: results.csv (text) or results.parquet (typed columns).</summary>
public enum ResultsFormat
{
    /// <summary>results.csv, one line per job.</summary>
    Csv,

    /// <summary>results.parquet, one row per job (Parquet.Net).</summary>
    Parquet,
}

/// <summary>One job's results: its numbers, the point's parameter values (as written in results.csv) and its metrics (NaN: not applicable).</summary>
public sealed record JobRow(long Job, int Point, int Replication, ulong Seed, IReadOnlyList<string> Parameters, double[] Metrics);

/// <summary>The columns of a sweep's results: parameters (with whether each is numeric, a double column in Parquet) and metrics.</summary>
public sealed record ResultColumns(IReadOnlyList<string> Parameters, IReadOnlyList<bool> NumericParameters, IReadOnlyList<string> Metrics)
{
    /// <summary>The results.csv header: job, point, replication, seed, parameters, metrics.</summary>
    public IReadOnlyList<string> Header => ["job", "point", "replication", "seed", .. Parameters, .. Metrics];
}

/// <summary>
/// Reads and writes a sweep's per-job results in either format, streaming: readers yield rows one at a time (Parquet: one
/// row group of at most <see cref="ParquetResults.RowGroupRows"/> rows held), so summaries, merges, reports and
/// sensitivity analyses of a million jobs use little memory.
/// </summary>
public static class SweepResults
{
    /// <summary>results.csv.</summary>
    public const string CsvFile = "results.csv";

    /// <summary>results.parquet.</summary>
    public const string ParquetFile = "results.parquet";

    /// <summary>The results file of a format.</summary>
    public static string FileName(ResultsFormat format) => format == ResultsFormat.Parquet ? ParquetFile : CsvFile;

    /// <summary>The format whose results file <paramref name="dir"/> holds (Parquet when results.parquet exists).</summary>
    public static ResultsFormat FormatIn(string dir) =>
        File.Exists(Path.Combine(dir, ParquetFile)) || Directory.Exists(Path.Combine(dir, ParquetResults.PartsFolder)) ? ResultsFormat.Parquet : ResultsFormat.Csv;

    /// <summary>The results.csv line of a row (with its line end).</summary>
    public static string CsvLine(JobRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new List<string>(4 + row.Parameters.Count + row.Metrics.Length)
        {
            row.Job.ToString(CultureInfo.InvariantCulture),
            row.Point.ToString(CultureInfo.InvariantCulture),
            row.Replication.ToString(CultureInfo.InvariantCulture),
            row.Seed.ToString(CultureInfo.InvariantCulture),
        };
        cells.AddRange(row.Parameters);
        cells.AddRange(row.Metrics.Select(Numbers.RoundTrip));
        return Csv.Line(cells);
    }

    /// <summary>Streams the rows of a finished sweep folder's results (either format), in file order.</summary>
    /// <param name="dir">The sweep folder.</param>
    /// <param name="parameterCount">Parameter columns after job, point, replication, seed.</param>
    public static IEnumerable<JobRow> Read(string dir, int parameterCount) =>
        FormatIn(dir) == ResultsFormat.Parquet
            ? ParquetResults.Read(Path.Combine(dir, ParquetFile))
            : ReadCsv(Path.Combine(dir, CsvFile), parameterCount);

    /// <summary>The column names of a finished sweep folder's results.</summary>
    public static IReadOnlyList<string> Header(string dir)
    {
        if (FormatIn(dir) == ResultsFormat.Parquet)
        {
            return ParquetResults.Columns(Path.Combine(dir, ParquetFile)).Header;
        }

        using var text = new StreamReader(Path.Combine(dir, CsvFile));
        using var csv = CsvReader.Create(text, new CsvReaderOptions(), leaveOpen: false);
        return csv.Headers.ToArray();
    }

    /// <summary>Streams the rows of a results.csv.</summary>
    public static IEnumerable<JobRow> ReadCsv(string path, int parameterCount)
    {
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, new CsvReaderOptions(), leaveOpen: false);
        int metrics = csv.Headers.Count() - 4 - parameterCount;
        int line = 1;
        while (csv.Read())
        {
            line++;
            JobRow row;
            try
            {
                var values = new double[metrics];
                for (int m = 0; m < metrics; m++)
                {
                    string cell = csv.GetString(4 + parameterCount + m);
                    values[m] = cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
                }

                row = new JobRow(
                    long.Parse(csv.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture),
                    int.Parse(csv.GetString(1), NumberStyles.None, CultureInfo.InvariantCulture),
                    int.Parse(csv.GetString(2), NumberStyles.None, CultureInfo.InvariantCulture),
                    ulong.Parse(csv.GetString(3), NumberStyles.None, CultureInfo.InvariantCulture),
                    Enumerable.Range(4, parameterCount).Select(csv.GetString).ToArray(),
                    values);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: not a results row ({e.Message})"), e);
            }

            yield return row;
        }
    }
}

/// <summary>
/// results.parquet: one row per job, typed columns (job int64, point int32, replication int32, seed uint64, each
/// parameter as double when numeric else string, each metric a nullable double: null where results.csv has an empty
/// cell), zstd-compressed, in row groups of <see cref="RowGroupRows"/> rows.
/// While a sweep runs, finished jobs are flushed as complete Parquet files into results.parquet.parts/ (one row group
/// each, written to a temporary name and renamed, so a killed sweep keeps every part); --resume continues after the last
/// part, and at the end the parts are compacted into results.parquet with fixed row groups, so the file's bytes do not
/// depend on when parts were flushed, on --parallel, on interruptions or on sharding.
/// </summary>
public static class ParquetResults
{
    /// <summary>Rows per row group of the final file.</summary>
    public const int RowGroupRows = 4096;

    /// <summary>The folder of parts while a sweep runs.</summary>
    public const string PartsFolder = "results.parquet.parts";

    private static ParquetOptions Options(ResultColumns columns)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd };
        foreach (string m in columns.Metrics)
        {
            options.ColumnEncodingHints[m] = EncodingHint.ByteSplitStream;
        }

        foreach (string c in new[] { "job", "point", "replication" })
        {
            options.ColumnEncodingHints[c] = EncodingHint.DeltaBinaryPacked;
        }

        return options;
    }

    /// <summary>The Parquet schema of a sweep's results.</summary>
    public static ParquetSchema Schema(ResultColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var fields = new List<Field>
        {
            new DataField<long>("job"),
            new DataField<int>("point"),
            new DataField<int>("replication"),
            new DataField<ulong>("seed"),
        };
        for (int p = 0; p < columns.Parameters.Count; p++)
        {
            fields.Add(columns.NumericParameters[p] ? new DataField<double>(columns.Parameters[p]) : new DataField<string>(columns.Parameters[p], false));
        }

        fields.AddRange(columns.Metrics.Select(m => new DataField<double?>(m)));
        return new ParquetSchema(fields);
    }

    /// <summary>The columns of a results.parquet (numeric parameters are its double columns between seed and the first nullable column).</summary>
    public static ResultColumns Columns(string path)
    {
        var schema = Task.Run(() => ParquetReader.ReadSchemaAsync(path)).GetAwaiter().GetResult();
        return ColumnsOf(schema);
    }

    private static ResultColumns ColumnsOf(ParquetSchema schema)
    {
        var fields = schema.GetDataFields();
        var parameters = fields.Skip(4).TakeWhile(f => !f.IsNullable).ToArray();
        return new ResultColumns(
            parameters.Select(f => f.Name).ToArray(),
            parameters.Select(f => f.ClrType == typeof(double)).ToArray(),
            fields.Skip(4 + parameters.Length).Select(f => f.Name).ToArray());
    }

    /// <summary>Rows buffered column by column until they are written as one row group.</summary>
    internal sealed class Buffer(ResultColumns columns, int capacity)
    {
        private readonly long[] _job = new long[capacity];
        private readonly int[] _point = new int[capacity];
        private readonly int[] _rep = new int[capacity];
        private readonly ulong[] _seed = new ulong[capacity];
        private readonly object[] _params = columns.NumericParameters.Select(n => n ? (object)new double[capacity] : new string[capacity]).ToArray();
        private readonly double?[][] _metrics = columns.Metrics.Select(_ => new double?[capacity]).ToArray();

        public ResultColumns Columns => columns;

        public int Count { get; private set; }

        public bool Full => Count == capacity;

        public long FirstJob => _job[0];

        public void Add(JobRow row)
        {
            int i = Count++;
            _job[i] = row.Job;
            _point[i] = row.Point;
            _rep[i] = row.Replication;
            _seed[i] = row.Seed;
            for (int p = 0; p < _params.Length; p++)
            {
                if (_params[p] is double[] d)
                {
                    d[i] = double.Parse(row.Parameters[p], NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                else
                {
                    ((string[])_params[p])[i] = row.Parameters[p];
                }
            }

            for (int m = 0; m < _metrics.Length; m++)
            {
                double v = row.Metrics[m];
                _metrics[m][i] = double.IsNaN(v) ? null : v;
            }
        }

        public void Clear() => Count = 0;

        public async Task WriteRowGroup(ParquetWriter writer, ParquetSchema schema)
        {
            var fields = schema.GetDataFields();
            int n = Count;
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync<long>(fields[0], _job.AsMemory(0, n)).ConfigureAwait(false);
            await rg.WriteAsync<int>(fields[1], _point.AsMemory(0, n)).ConfigureAwait(false);
            await rg.WriteAsync<int>(fields[2], _rep.AsMemory(0, n)).ConfigureAwait(false);
            await rg.WriteAsync<ulong>(fields[3], _seed.AsMemory(0, n)).ConfigureAwait(false);
            for (int p = 0; p < _params.Length; p++)
            {
                if (_params[p] is double[] d)
                {
                    await rg.WriteAsync<double>(fields[4 + p], d.AsMemory(0, n)).ConfigureAwait(false);
                }
                else
                {
                    await rg.WriteAsync(fields[4 + p], new ArraySegment<string>((string[])_params[p], 0, n)).ConfigureAwait(false);
                }
            }

            for (int m = 0; m < _metrics.Length; m++)
            {
                await rg.WriteAsync<double>(fields[4 + _params.Length + m], _metrics[m].AsMemory(0, n)).ConfigureAwait(false);
            }

            rg.CompleteValidate();
        }
    }

    /// <summary>Writes <paramref name="buffer"/> as one complete Parquet file at <paramref name="path"/>: a temporary file, flushed to disk, then renamed.</summary>
    internal static void WritePart(string path, Buffer buffer)
    {
        string tmp = path + ".tmp";
        Run(async () =>
        {
            var schema = Schema(buffer.Columns);
            await using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (var writer = await ParquetWriter.CreateAsync(schema, stream, Options(buffer.Columns)).ConfigureAwait(false))
            {
                await buffer.WriteRowGroup(writer, schema).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
        });
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The part file holding a shard's rows from position <paramref name="first"/> on.</summary>
    internal static string PartPath(string dir, long first) =>
        Path.Combine(dir, PartsFolder, first.ToString("D12", CultureInfo.InvariantCulture) + ".parquet");

    /// <summary>
    /// The rows a parts folder holds for a resume: the parts, in order, that continue each other and carry the shard's job
    /// numbers; the rest (a part that cannot be read, a gap, a temporary file) is deleted. Returns the rows kept and the
    /// bytes removed.
    /// </summary>
    internal static (long Rows, long RemovedBytes) Repair(string dir, Shard shard, long shardJobs)
    {
        string parts = Path.Combine(dir, PartsFolder);
        if (!Directory.Exists(parts))
        {
            return (0, 0);
        }

        long rows = 0, removed = 0;
        bool broken = false;
        foreach (string file in Directory.GetFiles(parts).Order(StringComparer.Ordinal))
        {
            bool keep = !broken && file.EndsWith(".parquet", StringComparison.Ordinal)
                && Path.GetFileNameWithoutExtension(file) == rows.ToString("D12", CultureInfo.InvariantCulture)
                && PartJobs(file) is { } jobs && jobs.Count > 0 && rows + jobs.Count <= shardJobs
                && jobs.Select((j, k) => j == shard.JobAt(rows + k)).All(ok => ok);
            if (keep)
            {
                rows += PartJobs(file)!.Count;
                continue;
            }

            broken = true;
            removed += new FileInfo(file).Length;
            File.Delete(file);
        }

        return (rows, removed);
    }

    private static List<long>? PartJobs(string file)
    {
        try
        {
            return Run(async () =>
            {
                await using var reader = await ParquetReader.CreateAsync(file).ConfigureAwait(false);
                var field = reader.Schema.GetDataFields()[0];
                var jobs = new List<long>();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    var buffer = new long[rg.RowCount];
                    await rg.ReadAsync<long>(field, buffer).ConfigureAwait(false);
                    jobs.AddRange(buffer);
                }

                return jobs;
            });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Compacts the parts folder of <paramref name="dir"/> into results.parquet (atomically) and removes the parts.</summary>
    internal static void Compact(string dir, ResultColumns columns)
    {
        string parts = Path.Combine(dir, PartsFolder);
        var files = Directory.Exists(parts) ? Directory.GetFiles(parts, "*.parquet").Order(StringComparer.Ordinal).ToArray() : [];
        Write(Path.Combine(dir, SweepResults.ParquetFile), columns, files.SelectMany(Read));
        if (Directory.Exists(parts))
        {
            Directory.Delete(parts, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> in row groups of <see cref="RowGroupRows"/> (temporary file, then rename); returns the rows written.</summary>
    public static long Write(string path, ResultColumns columns, IEnumerable<JobRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string tmp = path + ".tmp";
        long count = Run(async () =>
        {
            var schema = Schema(columns);
            var buffer = new Buffer(columns, RowGroupRows);
            long n = 0;
            await using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (var writer = await ParquetWriter.CreateAsync(schema, stream, Options(columns)).ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    buffer.Add(row);
                    n++;
                    if (buffer.Full)
                    {
                        await buffer.WriteRowGroup(writer, schema).ConfigureAwait(false);
                        buffer.Clear();
                    }
                }

                if (buffer.Count > 0 || n == 0)
                {
                    await buffer.WriteRowGroup(writer, schema).ConfigureAwait(false);
                }
            }

            stream.Flush(flushToDisk: true);
            return n;
        });
        File.Move(tmp, path, overwrite: true);
        return count;
    }

    /// <summary>Streams the rows of a Parquet results file, one row group in memory at a time; numeric parameters come back round-trip formatted.</summary>
    public static IEnumerable<JobRow> Read(string path)
    {
        var reader = Run(() => ParquetReader.CreateAsync(path));
        try
        {
            var fields = reader.Schema.GetDataFields();
            var columns = ColumnsOf(reader.Schema);
            int pc = columns.Parameters.Count;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var group = Run(async () =>
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    int n = (int)rg.RowCount;
                    var job = new long[n];
                    var point = new int[n];
                    var rep = new int[n];
                    var seed = new ulong[n];
                    await rg.ReadAsync<long>(fields[0], job).ConfigureAwait(false);
                    await rg.ReadAsync<int>(fields[1], point).ConfigureAwait(false);
                    await rg.ReadAsync<int>(fields[2], rep).ConfigureAwait(false);
                    await rg.ReadAsync<ulong>(fields[3], seed).ConfigureAwait(false);
                    var parameters = new string[pc][];
                    for (int p = 0; p < pc; p++)
                    {
                        if (columns.NumericParameters[p])
                        {
                            var d = new double[n];
                            await rg.ReadAsync<double>(fields[4 + p], d).ConfigureAwait(false);
                            parameters[p] = d.Select(Numbers.RoundTrip).ToArray();
                        }
                        else
                        {
                            var text = new string?[n];
                            await rg.ReadAsync(fields[4 + p], text.AsMemory()).ConfigureAwait(false);
                            parameters[p] = text.Select(t => t ?? "").ToArray();
                        }
                    }

                    var metrics = new double?[columns.Metrics.Count][];
                    for (int m = 0; m < metrics.Length; m++)
                    {
                        metrics[m] = new double?[n];
                        await rg.ReadAsync<double>(fields[4 + pc + m], metrics[m]).ConfigureAwait(false);
                    }

                    return (n, job, point, rep, seed, parameters, metrics);
                });
                for (int i = 0; i < group.n; i++)
                {
                    var values = new double[group.metrics.Length];
                    for (int m = 0; m < values.Length; m++)
                    {
                        values[m] = group.metrics[m][i] ?? double.NaN;
                    }

                    yield return new JobRow(group.job[i], group.point[i], group.rep[i], group.seed[i], group.parameters.Select(p => p[i]).ToArray(), values);
                }
            }
        }
        finally
        {
            Run(async () => await reader.DisposeAsync().ConfigureAwait(false));
        }
    }

    /// <summary>Rows in a results.parquet, read from its footer.</summary>
    public static long RowCount(string path) => Run(async () =>
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        long n = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            n += rg.RowCount;
        }

        return n;
    });

    // Parquet.Net's API is asynchronous; sweeps are synchronous code on worker threads with no synchronisation context.
    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();
}
