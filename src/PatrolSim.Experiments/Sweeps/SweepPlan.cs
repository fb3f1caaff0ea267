using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;
using YamlDotNet.RepresentationModel;

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
    public static Shard? TryParse(string text, out string? error)
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

        error = $"--shard '{text}' must be K/N with 1 <= K <= N, e.g. --shard 2/8 for the second of eight shards, or auto";
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
    public static Shard? FromEnvironment(Func<string, string?> variable, out string? error)
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
            error = "--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard K/N";
            return null;
        }

        if (n is null)
        {
            error = $"--shard auto: {source} gives shard {k} but no shard count; set {(source.StartsWith("SLURM", StringComparison.Ordinal) ? "SLURM_ARRAY_TASK_COUNT" : "PATROLSIM_SHARD_COUNT to the Job's completions")}";
            return null;
        }

        var shard = TryParse(string.Create(CultureInfo.InvariantCulture, $"{k}/{n}"), out error);
        if (shard is null)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"--shard auto: {source} give shard {k} of {n}; it must be 1 <= K <= N <= 100000");
        }

        return shard;
    }
}

/// <summary>
/// A validated sweep: the sweep file's settings, every point with its scenario, and the fixed job order
/// (point-major: job = point × replications + replication). See docs/sweeps.md.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The sweep file's name (without folders), as recorded in sweep.json.</summary>
    public required string SweepFile { get; init; }

    /// <summary>The base scenario as written in the sweep file.</summary>
    public required string BaseFile { get; init; }

    /// <summary>"sha256:…" of the sweep file's bytes followed by the base scenario's bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>Dimensions in file order: grid keys, then zip groups.</summary>
    public required IReadOnlyList<SweepDimension> Dimensions { get; init; }

    /// <summary>Parameter columns: every key of every dimension, in order.</summary>
    public IReadOnlyList<string> Parameters => Dimensions.SelectMany(d => d.Keys).ToArray();

    /// <summary>The parameter values of each point, matching <see cref="Parameters"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Points { get; init; }

    /// <summary>The scenario of each point (base with the point's values and days applied).</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Metrics kept, in column order.</summary>
    public required IReadOnlyList<MetricSelector> Metrics { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Master seed; job (point, r) uses the streams of (seed, r).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Simulated days override, if any.</summary>
    public double? Days { get; init; }

    /// <summary>Total jobs: points × replications.</summary>
    public long Jobs => (long)Points.Count * Replications;

    /// <summary>"key=value, key=value" for a point.</summary>
    public string Describe(int point) =>
        string.Join(", ", Parameters.Select((k, i) => k + "=" + Points[point][i]));

    /// <summary>Loads and validates a sweep file and every point; all problems are reported in one <see cref="ScenarioException"/>.</summary>
    public static SweepPlan Load(string path)
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

        return Parse(Encoding.UTF8.GetString(bytes), path, bytes);
    }

    /// <summary>Parses sweep text; <paramref name="path"/> names it and locates the base scenario.</summary>
    public static SweepPlan Parse(string yaml, string path, byte[]? bytes = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
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
        var dimensions = new List<SweepDimension>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        ReadGrid(reader, map, dimensions, seenKeys);
        ReadZip(reader, map, dimensions, seenKeys);
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

        if (baseText is null)
        {
            throw new ScenarioException(reader.Errors);
        }

        // Every point, validated before any job runs (with the file's own problems, all reported at once).
        var points = Cartesian(dimensions);
        var scenarios = new Scenario[points.Count];
        var errors = new List<ScenarioError>(reader.Errors);
        int badPoints = 0;
        var parameters = dimensions.SelectMany(d => d.Keys).ToArray();
        string label = baseName!;
        for (int p = 0; p < points.Count; p++)
        {
            var overrides = new List<string>();
            if (days is not null)
            {
                overrides.Add(string.Create(CultureInfo.InvariantCulture, $"horizon.days={days.Value}"));
            }

            overrides.AddRange(parameters.Select((k, i) => k + "=" + points[p][i]));
            try
            {
                scenarios[p] = ScenarioLoader.Parse(baseText, label, overrides);
            }
            catch (ScenarioException e)
            {
                badPoints++;
                if (badPoints <= 20)
                {
                    string desc = string.Join(", ", parameters.Select((k, i) => k + "=" + points[p][i]));
                    string where = string.Create(CultureInfo.InvariantCulture, $"point {p} ({(desc.Length == 0 ? "no parameters" : desc)})");
                    errors.AddRange(e.Errors.Select(err => new ScenarioError(path, where, 0, 0, err.ToString().Replace(" (from --set ", " (from ", StringComparison.Ordinal))));
                }
            }
        }

        if (badPoints > 20)
        {
            errors.Add(new ScenarioError(path, "", 0, 0, string.Create(CultureInfo.InvariantCulture, $"{badPoints - 20} more points have problems (the first 20 are listed)")));
        }

        if (errors.Count > 0 || reps is null || seed is null)
        {
            throw new ScenarioException(errors);
        }

        return new SweepPlan
        {
            SweepFile = Path.GetFileName(path),
            BaseFile = baseName!,
            Hash = HashOf(bytes, File.ReadAllBytes(basePath)),
            Dimensions = dimensions,
            Points = points,
            Scenarios = scenarios,
            Metrics = metrics ?? MetricSelector.AllFor(scenarios[0]),
            Replications = reps.Value,
            Seed = seed.Value,
            Days = days,
        };
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

    private static List<IReadOnlyList<string>> Cartesian(IReadOnlyList<SweepDimension> dimensions)
    {
        var points = new List<IReadOnlyList<string>> { Array.Empty<string>() };
        foreach (var d in dimensions)
        {
            var next = new List<IReadOnlyList<string>>(points.Count * d.Rows.Count);
            foreach (var p in points)
            {
                foreach (var row in d.Rows)
                {
                    next.Add([.. p, .. row]);
                }
            }

            points = next;
        }

        return points;
    }
}
