using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;
using YamlDotNet.RepresentationModel;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>One dimension of a sweep: a single grid key, or a zip group whose keys move together.</summary>
/// <param name="Keys">The dotted keys (one for a grid key).</param>
/// <param name="Rows">The value tuples, one per position along the dimension (each as many values as keys).</param>
public sealed record SweepDimension(IReadOnlyList<string> Keys, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A shard: jobs whose index modulo <see cref="Count"/> is <see cref="Index"/> − 1.</summary>
/// <param name="Index">1-based shard number.</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep (shard 1 of 1).</summary>
    public static Shard All => new(1, 1);

    /// <summary>Whether this is the whole sweep.</summary>
    public bool IsAll => Count == 1;

    /// <summary>Whether job <paramref name="job"/> belongs to this shard.</summary>
    public bool Contains(long job) => job % Count == Index - 1;

    /// <summary>How many of <paramref name="jobs"/> jobs belong to this shard.</summary>
    public long JobsOf(long jobs) => jobs <= Index - 1 ? 0 : ((jobs - Index) / Count) + 1;

    /// <summary>The sweep-wide index of this shard's <paramref name="k"/>-th job (0-based).</summary>
    public long JobAt(long k) => (k * Count) + Index - 1;

    /// <summary>"K/N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses "K/N" with 1 ≤ K ≤ N ≤ 100000; null with a message otherwise.</summary>
    public static Shard? TryParse(string text, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && n <= 100000 && k >= 1 && k <= n)
        {
            error = null;
            return new Shard(k, n);
        }

        error = Problem.Of($"{Terms.Shard} '{text}' must be K/N with 1 <= K <= N, e.g. {Terms.Shard} 2/8 for the second of eight shards, or auto");
        return null;
    }

    /// <summary>
    /// <c>--shard auto</c>: the shard from a scheduler's array variables. Slurm: K = SLURM_ARRAY_TASK_ID −
    /// SLURM_ARRAY_TASK_MIN + 1 (MIN defaults to 1), N = SLURM_ARRAY_TASK_COUNT. Kubernetes Indexed Job: K =
    /// JOB_COMPLETION_INDEX + 1, N = PATROLSIM_SHARD_COUNT (Kubernetes sets no count, so the Job sets it to its
    /// completions). Null with a message when neither is set or the values are out of range.
    /// </summary>
    /// <param name="variable">Reads an environment variable (injected so tests need not change the process's).</param>
    /// <param name="error">Why no shard could be found.</param>
    public static Shard? FromEnvironment(Func<string, string?> variable, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(variable);
        int? Int(string name) => int.TryParse(variable(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : null;
        (int? k, int? n, string source) = Int("SLURM_ARRAY_TASK_ID") is { } id
            ? (id - (Int("SLURM_ARRAY_TASK_MIN") ?? 1) + 1, Int("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_MIN/SLURM_ARRAY_TASK_COUNT")
            : Int("JOB_COMPLETION_INDEX") is { } index
                ? (index + 1, Int("PATROLSIM_SHARD_COUNT"), "JOB_COMPLETION_INDEX/PATROLSIM_SHARD_COUNT")
                : ((int?)null, (int?)null, "");
        if (k is null)
        {
            error = Problem.Of($"{Terms.Shard} auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give {Terms.Shard} K/N");
            return null;
        }

        if (n is null)
        {
            error = Problem.Of($"{Terms.Shard} auto: {source} gives shard {k} but no shard count; set {(source.StartsWith("SLURM", StringComparison.Ordinal) ? "SLURM_ARRAY_TASK_COUNT" : "PATROLSIM_SHARD_COUNT to the Job's completions")}");
            return null;
        }

        var shard = TryParse(string.Create(CultureInfo.InvariantCulture, $"{k}/{n}"), out error);
        if (shard is null)
        {
            error = Problem.Of($"{Terms.Shard} auto: {source} give shard {k} of {n}; it must be 1 <= K <= N <= 100000");
        }

        return shard;
    }
}

/// <summary>
/// A validated sweep: the sweep file's settings, its points (a grid's Cartesian product or a design's points over
/// ranges, each computed from its index, never listed) and the fixed job order (point-major: job = point × replications
/// + replication). See docs/sweeps.md.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The most jobs a sweep may have unless <c>--max-jobs</c> raises it.</summary>
    public const long DefaultMaxJobs = 10_000_000;

    /// <summary>Sweeps with at most this many points have every point built and validated before any job runs; larger ones are probed (docs/sweeps.md).</summary>
    public const int FullValidationLimit = 1000;

    private Scenario[]? _validated;
    private Lazy<RecordedYaml?>? _baseYaml;
    private UnitDesign? _unit;

    /// <summary>The sweep file's name (without folders), as recorded in sweep.json.</summary>
    public required string SweepFile { get; init; }

    /// <summary>The base scenario as written in the sweep file.</summary>
    public required string BaseFile { get; init; }

    /// <summary>"sha256:…" of the sweep file's bytes followed by the base scenario's bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>The design: <see cref="DesignSpec.Grid"/> for grid and zip sweeps.</summary>
    public DesignSpec Design { get; init; } = DesignSpec.Grid;

    /// <summary>Grid dimensions in file order: grid keys, then zip groups (empty for other designs).</summary>
    public required IReadOnlyList<SweepDimension> Dimensions { get; init; }

    /// <summary>The ranges of a design's parameters (empty for a grid).</summary>
    public IReadOnlyList<ParameterRange> Ranges { get; init; } = [];

    /// <summary>Parameter columns: every key of every dimension, or every range's key, in order.</summary>
    public IReadOnlyList<string> Parameters => Design.Kind == DesignKind.Grid ? Dimensions.SelectMany(d => d.Keys).ToArray() : Ranges.Select(r => r.Key).ToArray();

    /// <summary>Number of points.</summary>
    public required int PointCount { get; init; }

    /// <summary>The parameter values of each point, matching <see cref="Parameters"/>, computed on access.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Points => new PointList(this);

    /// <summary>Metrics kept, in column order.</summary>
    public required IReadOnlyList<MetricSelector> Metrics { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Master seed; job (point, r) uses the streams of (seed, r).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Simulated days override, if any.</summary>
    public double? Days { get; init; }

    /// <summary>The base scenario's text (each point is it with the point's overrides).</summary>
    internal string BaseText { get; init; } = "";

    /// <summary>Total jobs: points × replications.</summary>
    public long Jobs => (long)PointCount * Replications;

    /// <summary>The unit design of a non-grid sweep.</summary>
    public UnitDesign UnitDesign => _unit ??= Design.Create(Ranges.Count);

    /// <summary>"key=value, key=value" for a point.</summary>
    public string Describe(int point) => Describe(PointValues(point));

    private string Describe(IReadOnlyList<string> values) =>
        string.Join(", ", Parameters.Select((k, i) => k + "=" + values[i]));

    /// <summary>The parameter values of point <paramref name="point"/>, computed from its index.</summary>
    public IReadOnlyList<string> PointValues(int point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(point);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(point, PointCount);
        if (Design.Kind != DesignKind.Grid)
        {
            var u = UnitDesign.At(point);
            return Ranges.Select((r, i) => r.ValueAt(u[i])).ToArray();
        }

        // Mixed radix, the last dimension varying fastest.
        var rows = new IReadOnlyList<string>[Dimensions.Count];
        long rest = point;
        for (int d = Dimensions.Count - 1; d >= 0; d--)
        {
            int n = Dimensions[d].Rows.Count;
            rows[d] = Dimensions[d].Rows[(int)(rest % n)];
            rest /= n;
        }

        return rows.SelectMany(r => r).ToArray();
    }

    /// <summary>The scenario of point <paramref name="point"/> (the base with the point's values and days applied).</summary>
    /// <exception cref="SweepException">The point's values make an invalid scenario (possible only for sweeps too large to validate every point first).</exception>
    public Scenario ScenarioAt(int point)
    {
        if (_validated is not null)
        {
            return _validated[point];
        }

        var values = PointValues(point);
        try
        {
            return Build(values);
        }
        catch (ScenarioException e)
        {
            throw new SweepException(string.Create(CultureInfo.InvariantCulture,
                $"{SweepFile}: point {point} ({Describe(values)}): {string.Join("; ", e.Errors.Select(err => err.ToString().Replace(" (from --set ", " (from ", StringComparison.Ordinal)))}; narrow the ranges so every point is a valid scenario, then continue with --resume"), e);
        }
    }

    private Scenario Build(IReadOnlyList<string> values) => Build(BaseYaml, BaseText, BaseFile, Days, Parameters, values);

    /// <summary>
    /// The base text parsed once (null when it is not valid YAML: each point then reports the parse error, as a point
    /// built from the text would). Every point is built from these events, so the YAML scanner runs once per sweep, not
    /// once per point: the points are built one after another before the first job starts (docs/sweeps.md).
    /// </summary>
    private RecordedYaml? BaseYaml => LazyInitializer.EnsureInitialized(ref _baseYaml, () => new Lazy<RecordedYaml?>(RecordBase)).Value;

    private RecordedYaml? RecordBase()
    {
        try
        {
            return ScenarioLoader.Record(BaseText, BaseFile);
        }
        catch (ScenarioException)
        {
            return null;
        }
    }

    private static Scenario Build(RecordedYaml? recorded, string baseText, string label, double? days, IReadOnlyList<string> parameters, IReadOnlyList<string> values)
    {
        var overrides = new List<string>(parameters.Count + 1);
        if (days is not null)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"horizon.days={days.Value}"));
        }

        overrides.AddRange(parameters.Select((k, i) => k + "=" + values[i]));
        return recorded is not null ? ScenarioLoader.ParseRecorded(recorded, overrides) : ScenarioLoader.Parse(baseText, label, overrides);
    }

    /// <summary>Loads and validates a sweep file; all problems are reported in one <see cref="ScenarioException"/>.</summary>
    /// <param name="path">The sweep file.</param>
    /// <param name="maxJobs">Refuse sweeps of more jobs (<see cref="SweepException"/>, naming the count and <c>--max-jobs</c>).</param>
    /// <param name="counted">Told (points, jobs) as soon as they are known, before the points are validated.</param>
    /// <param name="parallelism">Threads that build and validate the points (the sweep's <c>--parallel</c>): the points are
    /// built before the first job runs, so on one thread they would keep the other cores idle. Results do not depend on it.</param>
    public static SweepPlan Load(string path, long maxJobs = DefaultMaxJobs, Action<long, long>? counted = null, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(new ScenarioError(path, "", 0, 0, $"cannot be read: {e.Message}"));
        }

        return Parse(Encoding.UTF8.GetString(bytes), path, bytes, maxJobs, counted, parallelism);
    }

    /// <summary>Parses sweep text; <paramref name="path"/> names it and locates the base scenario.</summary>
    public static SweepPlan Parse(string yaml, string path, byte[]? bytes = null, long maxJobs = DefaultMaxJobs, Action<long, long>? counted = null, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentNullException.ThrowIfNull(path);
        bytes ??= Encoding.UTF8.GetBytes(yaml);
        var root = ScenarioLoader.ParseTree(yaml, path);
        var reader = new YamlReader(path);
        var map = new MapReader(reader, root, "");
        map.Text("name");
        map.Text("description");
        string? baseName = map.Text("base", required: true, hint: "name the base scenario file, relative to the sweep file, e.g. base: midsize-baseline.yaml");
        int? reps = map.Integer("replications", 2, 100000, fallback: 10);
        ulong? seed = ReadSeed(reader, map);
        double? days = map.Number("days", 0, 36525, minExclusive: true);
        var (design, kind) = ReadDesign(reader, map);
        var dimensions = new List<SweepDimension>();
        var ranges = new List<ParameterRange>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        if (kind is DesignKind.Grid or null)
        {
            ReadGrid(reader, map, dimensions, seenKeys);
            ReadZip(reader, map, dimensions, seenKeys);
            if (map.Get("ranges") is { } r)
            {
                reader.Error(r, "ranges", "needs a design that samples them: add design: { kind: lhs, samples: 100 } (or sobol, saltelli, morris); a grid sweeps the lists under grid: and zip:");
            }
        }
        else
        {
            foreach (string listKey in new[] { "grid", "zip" })
            {
                if (map.Get(listKey) is { } node)
                {
                    reader.Error(node, listKey, $"cannot be combined with design kind {kind.Value.ToString().ToLowerInvariant()}; give every parameter under ranges: ([lo, hi], {{ integer: [lo, hi] }} or {{ levels: [a, b] }})");
                }
            }

            ReadRanges(reader, map, ranges, seenKeys, design ?? new DesignSpec(kind.Value));
        }

        var metricsNode = map.Get("metrics");
        var metrics = metricsNode is null ? null : ReadMetrics(reader, metricsNode);
        map.ReportUnknown();

        string? baseText = null;
        string basePath = "";
        if (baseName is not null)
        {
            basePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", baseName);
            try
            {
                baseText = File.ReadAllText(basePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reader.Error(map.Get("base"), "base", $"'{baseName}' cannot be read ({e.Message}); give a scenario file path relative to the sweep file");
            }
        }

        if (baseText is null || design is null || (design.Kind != DesignKind.Grid && ranges.Count == 0))
        {
            throw new ScenarioException(reader.Errors);
        }

        // Count before anything is built: a sweep too large is refused at once (docs/sweeps.md, "Size"). The file's other
        // problems are reported with the points' (below), all at once.
        long points = design.Kind == DesignKind.Grid ? GridPoints(dimensions) : design.PointsFor(ranges.Count);
        int perPoint = reps ?? 1;
        long jobs = points > long.MaxValue / perPoint ? long.MaxValue : points * perPoint;
        var ic = CultureInfo.InvariantCulture;
        if (jobs > maxJobs)
        {
            string count = jobs == long.MaxValue ? "more than 9.2e18" : jobs.ToString("N0", ic);
            throw new SweepException(string.Create(ic,
                $"{path}: {count} jobs ({(points == long.MaxValue ? "too many" : points.ToString("N0", ic))} points × {perPoint} replications) is more than the limit of {maxJobs.ToString("N0", ic)}; shrink the sweep, or raise the limit with --max-jobs {(jobs == long.MaxValue ? "N" : jobs.ToString(ic))} if you mean it"));
        }

        if (points > int.MaxValue)
        {
            throw new SweepException(string.Create(ic, $"{path}: {points:N0} points is more than {int.MaxValue:N0}, the most a sweep can number; shrink the sweep"));
        }

        if (reader.Errors.Count == 0 && reps is not null && seed is not null)
        {
            counted?.Invoke(points, jobs);
        }

        var plan = new SweepPlan
        {
            SweepFile = Path.GetFileName(path),
            BaseFile = baseName!,
            Hash = HashOf(bytes, File.ReadAllBytes(basePath)),
            Design = design,
            Dimensions = dimensions,
            Ranges = ranges,
            PointCount = (int)points,
            Metrics = metrics ?? [],
            Replications = perPoint,
            Seed = seed ?? 1,
            Days = days,
            BaseText = baseText,
        };
        var first = plan.Validate(path, reader.Errors, fileOk: reps is not null && seed is not null, parallelism);
        return metrics is null ? plan with { Metrics = MetricSelector.AllFor(first) } : plan;
    }

    /// <summary>
    /// Builds and validates every point of a sweep of at most <see cref="FullValidationLimit"/> points (kept for the run),
    /// or, for a larger sweep, probe points: every value of every grid dimension of at most 64 values (of a longer one its
    /// first, last, smallest and largest; the others at their first value), or every
    /// range's ends and, for at most 64 integers or levels, every value (the others at their low end), and the last
    /// point. All problems are reported at once; returns the first point's scenario.
    /// </summary>
    private Scenario Validate(string path, IReadOnlyList<ScenarioError> fileErrors, bool fileOk, int parallelism)
    {
        bool all = PointCount <= FullValidationLimit;
        (int? Point, IReadOnlyList<string> Values)[] probes = (all ? Enumerable.Range(0, PointCount).Select(p => ((int?)p, PointValues(p))) : Probes()).ToArray();
        // Built on several threads, then taken in point order: the kept scenarios, the first one and the messages are
        // the same for any parallelism.
        var outcomes = new (Scenario? Scenario, Exception? Error)[probes.Length];
        Parallel.For(0, probes.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            try
            {
                outcomes[i] = (Build(probes[i].Values), null);
            }
            catch (Exception e)
            {
                outcomes[i] = (null, e);
            }
        });
        var errors = new List<ScenarioError>(fileErrors);
        var built = all ? new Scenario[PointCount] : null;
        Scenario? first = null;
        int bad = 0, k = 0;
        foreach (var (point, values) in probes)
        {
            var (scenario, error) = outcomes[k];
            if (scenario is not null)
            {
                first ??= scenario;
                if (built is not null)
                {
                    built[k] = scenario;
                }
            }
            else if (error is ScenarioException e)
            {
                bad++;
                if (bad <= 20)
                {
                    string desc = Describe(values);
                    desc = desc.Length == 0 ? "no parameters" : desc;
                    string where = point is { } p ? string.Create(CultureInfo.InvariantCulture, $"point {p} ({desc})") : $"values ({desc})";
                    errors.AddRange(e.Errors.Select(err => new ScenarioError(path, where, 0, 0, err.ToString().Replace(" (from --set ", " (from ", StringComparison.Ordinal))));
                }
            }
            else
            {
                // Not an input problem (a defect): surfaces as it would have on one thread, with its own stack trace.
                ExceptionDispatchInfo.Throw(error!);
            }

            k++;
        }

        if (bad > 20)
        {
            errors.Add(new ScenarioError(path, "", 0, 0, string.Create(CultureInfo.InvariantCulture, $"{bad - 20} more points have problems (the first 20 are listed)")));
        }

        if (errors.Count > 0 || !fileOk)
        {
            throw new ScenarioException(errors);
        }

        _validated = built;
        return first ?? Build(PointValues(0));
    }

    private IEnumerable<(int? Point, IReadOnlyList<string> Values)> Probes()
    {
        if (Design.Kind == DesignKind.Grid)
        {
            long stride = PointCount;
            for (int d = 0; d < Dimensions.Count; d++)
            {
                var rows = Dimensions[d].Rows;
                stride /= rows.Count;
                foreach (int row in ProbeRows(rows))
                {
                    int p = (int)(row * stride);
                    yield return (p, PointValues(p));
                }
            }

            yield return (PointCount - 1, PointValues(PointCount - 1));
            yield break;
        }

        var low = Ranges.Select(r => r.ValueAt(0)).ToArray();
        yield return (null, low);
        yield return (null, Ranges.Select(r => r.ValueAt(1)).ToArray());
        for (int i = 0; i < Ranges.Count; i++)
        {
            var r = Ranges[i];
            var us = r.Count is > 0 and <= 64 ? Enumerable.Range(0, (int)r.Count).Select(v => (v + 0.5) / r.Count) : [1.0];
            foreach (double u in us)
            {
                var values = (string[])low.Clone();
                values[i] = r.ValueAt(u);
                yield return (null, values);
            }
        }

        yield return (PointCount - 1, PointValues(PointCount - 1));
    }

    /// <summary>Every row of a dimension of at most 64 values; else its first and last rows and those with each key's smallest and largest number.</summary>
    private static IEnumerable<int> ProbeRows(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count <= 64)
        {
            return Enumerable.Range(0, rows.Count);
        }

        var picked = new SortedSet<int> { 0, rows.Count - 1 };
        for (int k = 0; k < rows[0].Count; k++)
        {
            var numbers = rows.Select((r, i) => (Ok: double.TryParse(r[k], NumberStyles.Float, CultureInfo.InvariantCulture, out double v), v, i)).Where(t => t.Ok).ToArray();
            if (numbers.Length > 0)
            {
                picked.Add(numbers.MinBy(t => t.v).i);
                picked.Add(numbers.MaxBy(t => t.v).i);
            }
        }

        return picked;
    }

    private static long GridPoints(IReadOnlyList<SweepDimension> dimensions)
    {
        long points = 1;
        foreach (var d in dimensions)
        {
            points = points > long.MaxValue / d.Rows.Count ? long.MaxValue : points * d.Rows.Count;
        }

        return points;
    }

    /// <summary>The design, or null when it has problems (reported); the kind whenever it could be read, so the rest of the file is checked as that kind.</summary>
    private static (DesignSpec? Spec, DesignKind? Kind) ReadDesign(YamlReader reader, MapReader map)
    {
        var d = map.Map("design");
        if (d is null)
        {
            return map.Get("design") is null ? (DesignSpec.Grid, DesignKind.Grid) : (null, null);
        }

        var kind = d.Choice("kind", DesignSpec.Kinds, required: true);
        if (kind is null)
        {
            d.ReportUnknown();
            return (null, null);
        }

        if (kind == DesignKind.Grid)
        {
            d.ReportUnknown();
            return (DesignSpec.Grid, kind);
        }

        string what = kind switch
        {
            DesignKind.Saltelli => "base samples N (the sweep has N × (parameters + 2) points; a power of 2 such as 64 or 256 suits the Sobol' points)",
            DesignKind.Morris => "trajectories r (the sweep has r × (parameters + 1) points; 10 to 50 is usual)",
            _ => "points",
        };
        int? samples = d.Integer("samples", 1, int.MaxValue, required: true, hint: "give samples: N, the number of " + what);
        ulong? seed = null;
        if (d.Get("seed") is { } seedNode)
        {
            seed = seedNode is YamlScalarNode s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : null;
            if (seed is null)
            {
                reader.Error(seedNode, "design.seed", $"must be a whole number from 0 to {ulong.MaxValue}, not {YamlReader.Describe(seedNode)}");
            }
        }

        int? levels = 4;
        if (kind == DesignKind.Morris)
        {
            levels = d.Integer("levels", 2, 100, fallback: 4);
            if (levels is { } l && l % 2 != 0)
            {
                reader.Error(d.Get("levels"), "design.levels", string.Create(CultureInfo.InvariantCulture, $"is {l}; Morris levels must be even (4 is usual) so every step Δ = p/(2(p−1)) stays on the grid"));
                levels = null;
            }
        }

        d.ReportUnknown();
        return (samples is null || levels is null || (d.Get("seed") is not null && seed is null) ? null : new DesignSpec(kind.Value, samples.Value, seed, levels.Value), kind);
    }

    private static void ReadRanges(YamlReader reader, MapReader map, List<ParameterRange> ranges, HashSet<string> seen, DesignSpec design)
    {
        var node = map.Get("ranges");
        if (node is null)
        {
            reader.Error(map.Node, "ranges", $"is missing; design kind {design.Name} samples the parameters under ranges:, e.g. ranges: {{ staffing.scale: [0.8, 1.2] }}");
            return;
        }

        var m = reader.Map(node, "ranges");
        if (m is null)
        {
            return;
        }

        foreach (var (key, keyNode, value) in m.Entries)
        {
            string path = "ranges." + key;
            if (!CheckKey(reader, keyNode, path, key, seen))
            {
                continue;
            }

            var range = ReadRange(reader, key, path, value);
            if (range is not null)
            {
                ranges.Add(range);
            }
        }

        if (ranges.Count == 0 && reader.Errors.Count == 0)
        {
            reader.Error(node, "ranges", "is empty; give at least one parameter, e.g. staffing.scale: [0.8, 1.2]");
        }

        int max = design.Kind == DesignKind.Saltelli ? SaltelliDesign.MaxParameters : SobolSequence.MaxDimensions;
        if (design.Kind is DesignKind.Saltelli or DesignKind.Sobol && ranges.Count > max)
        {
            reader.Error(node, "ranges", string.Create(CultureInfo.InvariantCulture,
                $"has {ranges.Count} parameters; design kind {design.Name} supports at most {max} (the Sobol' table has {SobolSequence.MaxDimensions} dimensions{(design.Kind == DesignKind.Saltelli ? " and saltelli uses two per parameter" : "")})"));
        }
    }

    private static ParameterRange? ReadRange(YamlReader reader, string key, string path, YamlNode value)
    {
        const string Forms = "write [lo, hi] for any number in between, { integer: [lo, hi] } for whole numbers, or { levels: [a, b, c] } for listed values";
        if (value is YamlSequenceNode seq)
        {
            return Bounds(seq, path) is var (lo, hi) ? new ParameterRange(key, RangeKind.Continuous, lo, hi, []) : null;
        }

        if (value is YamlMappingNode mapping && mapping.Children.Count == 1 && mapping.Children.First().Key is YamlScalarNode { Value: "integer" or "levels" } k)
        {
            var inner = mapping.Children.First().Value;
            string ipath = path + "." + k.Value;
            if (k.Value == "levels")
            {
                var levels = ReadValues(reader, inner, ipath);
                return levels is null ? null : new ParameterRange(key, RangeKind.Levels, 0, levels.Count - 1, levels);
            }

            if (inner is YamlSequenceNode iseq && Bounds(iseq, ipath) is var (ilo, ihi))
            {
                if (ilo != Math.Floor(ilo) || ihi != Math.Floor(ihi) || Math.Abs(ilo) > 1e15 || Math.Abs(ihi) > 1e15)
                {
                    reader.Error(inner, ipath, $"bounds must be whole numbers, not [{YamlReader.Fmt(ilo)}, {YamlReader.Fmt(ihi)}]");
                    return null;
                }

                return new ParameterRange(key, RangeKind.Integer, ilo, ihi, []);
            }

            if (inner is not YamlSequenceNode)
            {
                reader.Error(inner, ipath, "must be [lo, hi], e.g. { integer: [10, 30] }");
            }

            return null;
        }

        reader.Error(value, path, $"is {YamlReader.Describe(value)}; {Forms}");
        return null;

        (double, double)? Bounds(YamlSequenceNode s, string at)
        {
            if (s.Children.Count != 2 || !YamlReader.TryNumber(s.Children[0], out double lo) || !YamlReader.TryNumber(s.Children[1], out double hi)
                || !double.IsFinite(lo) || !double.IsFinite(hi))
            {
                reader.Error(s, at, "must be two numbers [lo, hi], e.g. [0.8, 1.2]; " + Forms);
                return null;
            }

            if (!(lo < hi))
            {
                reader.Error(s, at, $"is [{YamlReader.Fmt(lo)}, {YamlReader.Fmt(hi)}]; the low end must be below the high end");
                return null;
            }

            return (lo, hi);
        }
    }

    /// <summary>The points of a plan as a list computed on access.</summary>
    private sealed class PointList(SweepPlan plan) : IReadOnlyList<IReadOnlyList<string>>
    {
        public IReadOnlyList<string> this[int index] => plan.PointValues(index);

        public int Count => plan.PointCount;

        public IEnumerator<IReadOnlyList<string>> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string HashOf(byte[] sweep, byte[] baseScenario)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(sweep);
        sha.AppendData([0]);
        sha.AppendData(baseScenario);
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static ulong? ReadSeed(YamlReader reader, MapReader map)
    {
        var node = map.Get("seed");
        if (node is null)
        {
            return 1;
        }

        if (node is YamlScalarNode s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
        {
            return v;
        }

        reader.Error(node, "seed", $"must be a whole number from 0 to {ulong.MaxValue}, not {YamlReader.Describe(node)}");
        return null;
    }

    private static void ReadGrid(YamlReader reader, MapReader map, List<SweepDimension> dimensions, HashSet<string> seen)
    {
        var grid = map.Map("grid");
        if (grid is null)
        {
            return;
        }

        foreach (var (key, keyNode, value) in grid.Entries)
        {
            string path = "grid." + key;
            if (!CheckKey(reader, keyNode, path, key, seen))
            {
                continue;
            }

            var values = ReadValues(reader, value, path);
            if (values is not null)
            {
                dimensions.Add(new SweepDimension([key], values.Select(v => (IReadOnlyList<string>)[v]).ToArray()));
            }
        }
    }

    private static void ReadZip(YamlReader reader, MapReader map, List<SweepDimension> dimensions, HashSet<string> seen)
    {
        var node = map.Get("zip");
        if (node is null)
        {
            return;
        }

        var seq = reader.Sequence(node, "zip");
        if (seq is null)
        {
            return;
        }

        for (int g = 0; g < seq.Children.Count; g++)
        {
            string gpath = string.Create(CultureInfo.InvariantCulture, $"zip[{g}]");
            var group = reader.Map(seq.Children[g], gpath);
            if (group is null)
            {
                continue;
            }

            var keys = new List<string>();
            var columns = new List<IReadOnlyList<string>>();
            bool ok = true;
            foreach (var (key, keyNode, value) in group.Entries)
            {
                string path = gpath + "." + key;
                var values = CheckKey(reader, keyNode, path, key, seen) ? ReadValues(reader, value, path) : null;
                if (values is null)
                {
                    ok = false;
                    continue;
                }

                if (columns.Count > 0 && values.Count != columns[0].Count)
                {
                    reader.Error(value, path, string.Create(CultureInfo.InvariantCulture,
                        $"has {Values(values.Count)} but {keys[0]} has {Values(columns[0].Count)}; the lists of a zip group move together and must have the same length"));
                    ok = false;
                    continue;
                }

                keys.Add(key);
                columns.Add(values);
            }

            if (keys.Count == 0 && ok)
            {
                reader.Error(seq.Children[g], gpath, "is empty; give two or more keys whose value lists move together");
            }

            if (ok && keys.Count > 0)
            {
                var rows = Enumerable.Range(0, columns[0].Count).Select(i => (IReadOnlyList<string>)columns.Select(c => c[i]).ToArray()).ToArray();
                dimensions.Add(new SweepDimension(keys, rows));
            }
        }
    }

    private static string Values(int n) => string.Create(CultureInfo.InvariantCulture, $"{n} value{(n == 1 ? "" : "s")}");

    private static bool CheckKey(YamlReader reader, YamlNode keyNode, string path, string key, HashSet<string> seen)
    {
        if (key.Split('.').Any(string.IsNullOrWhiteSpace) || key.Contains('=', StringComparison.Ordinal))
        {
            reader.Error(keyNode, path, "is not a dotted scenario key; write keys like staffing.scale or policy.crew.twoOfficerShare");
            return false;
        }

        if (!seen.Add(key))
        {
            reader.Error(keyNode, path, "is swept twice; each key may appear once in grid and zip together");
            return false;
        }

        return true;
    }

    private static List<string>? ReadValues(YamlReader reader, YamlNode node, string path)
    {
        var seq = reader.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (seq.Children.Count == 0)
        {
            reader.Error(node, path, "has no values; give a list such as [0.9, 1.0, 1.1]");
            return null;
        }

        var values = new List<string>();
        bool ok = true;
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s || s.Value is null)
            {
                reader.Error(item, path, $"values must be single values (numbers or words), not {YamlReader.Describe(item)}");
                ok = false;
                continue;
            }

            if (s.Value.Length == 0 || s.Value.IndexOfAny([',', '"', '\n', '\r']) >= 0)
            {
                reader.Error(item, path, $"value '{s.Value}' must be non-empty and free of commas, double quotes and line breaks (it becomes a CSV cell)");
                ok = false;
                continue;
            }

            if (values.Contains(s.Value, StringComparer.Ordinal))
            {
                reader.Error(item, path, $"value '{s.Value}' is listed twice");
                ok = false;
                continue;
            }

            values.Add(s.Value);
        }

        return ok ? values : null;
    }

    private static List<MetricSelector>? ReadMetrics(YamlReader reader, YamlNode node)
    {
        var seq = reader.Sequence(node, "metrics");
        if (seq is null)
        {
            return null;
        }

        var list = new List<MetricSelector>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s || s.Value is null)
            {
                reader.Error(item, "metrics", $"entries must be metric names such as responseTime.p90 or responseTime.p90@1, not {YamlReader.Describe(item)}");
                continue;
            }

            var m = MetricSelector.TryParse(s.Value, out string? error);
            if (m is null)
            {
                reader.Error(item, "metrics", error!);
            }
            else if (list.Contains(m))
            {
                reader.Error(item, "metrics", $"'{m.Name}' is listed twice");
            }
            else
            {
                list.Add(m);
            }
        }

        if (seq.Children.Count == 0)
        {
            reader.Error(node, "metrics", "is empty; leave it out to keep every metric, or list names such as responseTime.p90@1");
        }

        return list;
    }
}
