using System.Globalization;
using System.Text.Json;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>A problem with a sweep's output folder or shards (resume or merge): the message says what to do.</summary>
public sealed class SweepException : PatrolSimException
{
    /// <summary>Creates the exception with the message the user sees.</summary>
    public SweepException(string message)
        : base(message, ExitCodes.InvalidInput)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public SweepException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public SweepException()
        : base("Sweep error.", ExitCodes.InvalidInput)
    {
    }
}

/// <summary>
/// sweep.json: what a sweep folder holds (inputs, seed, job count, shard, status). No timestamps, so the
/// same sweep gives the same bytes. Schema in docs/sweeps.md.
/// </summary>
public sealed record SweepManifest
{
    /// <summary>Version of the layout.</summary>
    public const int CurrentSchema = 1;

    /// <summary>File name of the manifest in a sweep folder.</summary>
    public const string FileName = "sweep.json";

    /// <summary>"patrolsim VERSION".</summary>
    public required string Tool { get; init; }

    /// <summary>The sweep file's name.</summary>
    public required string SweepFile { get; init; }

    /// <summary>The base scenario as named in the sweep file.</summary>
    public required string BaseFile { get; init; }

    /// <summary>Hash of sweep and base scenario bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Points.</summary>
    public required int Points { get; init; }

    /// <summary>Jobs of the whole sweep.</summary>
    public required long Jobs { get; init; }

    /// <summary>Parameter columns.</summary>
    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>Metric columns.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>The shard this folder holds.</summary>
    public required Shard Shard { get; init; }

    /// <summary>"running" or "complete".</summary>
    public required string Status { get; init; }

    /// <summary>The design (grid unless the sweep file gives another kind); written only for other kinds, so grid manifests keep their bytes.</summary>
    public DesignSpec Design { get; init; } = DesignSpec.Grid;

    /// <summary>The results format; written only for Parquet, so CSV manifests keep their bytes.</summary>
    public ResultsFormat Format { get; init; } = ResultsFormat.Csv;

    /// <summary>Jobs in this shard.</summary>
    public long ShardJobs => Shard.JobsOf(Jobs);

    /// <summary>Whether the folder's jobs are all in results.csv.</summary>
    public bool IsComplete => Status == "complete";

    /// <summary>The manifest of a plan's shard.</summary>
    public static SweepManifest For(SweepPlan plan, Shard shard, string tool, string status)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepManifest
        {
            Tool = tool,
            SweepFile = plan.SweepFile,
            BaseFile = plan.BaseFile,
            Hash = plan.Hash,
            Seed = plan.Seed,
            Replications = plan.Replications,
            Points = plan.PointCount,
            Jobs = plan.Jobs,
            Parameters = plan.Parameters,
            Metrics = plan.Metrics.Select(m => m.Name).ToArray(),
            Shard = shard,
            Status = status,
            Design = plan.Design,
        };
    }

    /// <summary>Whether two manifests describe the same sweep (same inputs, seed and jobs; shard and status aside).</summary>
    public bool SameSweepAs(SweepManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Hash == other.Hash && Seed == other.Seed && Replications == other.Replications && Points == other.Points
            && Jobs == other.Jobs && Parameters.SequenceEqual(other.Parameters) && Metrics.SequenceEqual(other.Metrics) && Design == other.Design;
    }

    /// <summary>Writes the manifest as indented JSON with LF line ends.</summary>
    public void Write(Stream stream)
    {
        using var w = Json.CreateWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", CurrentSchema);
        w.WriteString("tool", Tool);
        w.WriteStartObject("inputs");
        w.WriteString("sweep", SweepFile);
        w.WriteString("base", BaseFile);
        w.WriteString("hash", Hash);
        w.WriteEndObject();
        w.WriteNumber("seed", Seed);
        w.WriteNumber("replications", Replications);
        w.WriteNumber("points", Points);
        w.WriteNumber("jobs", Jobs);
        if (Design.Kind != DesignKind.Grid)
        {
            w.WriteStartObject("design");
            w.WriteString("kind", Design.Name);
            w.WriteNumber("samples", Design.Samples);
            if (Design.Seed is { } seed)
            {
                w.WriteNumber("seed", seed);
            }

            if (Design.Kind == DesignKind.Morris)
            {
                w.WriteNumber("levels", Design.Levels);
            }

            w.WriteEndObject();
        }

        if (Format != ResultsFormat.Csv)
        {
            w.WriteString("format", Format.ToString().ToLowerInvariant());
        }

        w.WriteStartArray("parameters");
        foreach (string p in Parameters)
        {
            w.WriteStringValue(p);
        }

        w.WriteEndArray();
        w.WriteStartArray("metrics");
        foreach (string m in Metrics)
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();
        w.WriteStartObject("shard");
        w.WriteNumber("index", Shard.Index);
        w.WriteNumber("count", Shard.Count);
        w.WriteString("rule", "job % count == index - 1");
        w.WriteNumber("jobs", ShardJobs);
        w.WriteEndObject();
        w.WriteString("status", Status);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static DesignSpec ReadDesign(JsonElement d)
    {
        string kind = d.GetProperty("kind").GetString()!;
        if (!DesignSpec.Kinds.TryGetValue(kind, out var k))
        {
            throw new FormatException($"unknown design kind '{kind}'");
        }

        return new DesignSpec(k, d.GetProperty("samples").GetInt64(),
            d.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : null,
            d.TryGetProperty("levels", out var levels) ? levels.GetInt32() : 4);
    }

    /// <summary>Reads a folder's sweep.json.</summary>
    /// <exception cref="SweepException">Missing or not a sweep manifest.</exception>
    public static SweepManifest Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
        {
            throw new SweepException($"{dir}: no {FileName}; this is not a sweep output folder (run 'patrolsim sweep FILE --out {dir}' first)");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            int schema = r.GetProperty("schemaVersion").GetInt32();
            if (schema != CurrentSchema)
            {
                throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{path}: schemaVersion {schema} is not supported (expected {CurrentSchema})"));
            }

            var inputs = r.GetProperty("inputs");
            var shard = r.GetProperty("shard");
            return new SweepManifest
            {
                Tool = r.GetProperty("tool").GetString()!,
                SweepFile = inputs.GetProperty("sweep").GetString()!,
                BaseFile = inputs.GetProperty("base").GetString()!,
                Hash = inputs.GetProperty("hash").GetString()!,
                Seed = r.GetProperty("seed").GetUInt64(),
                Replications = r.GetProperty("replications").GetInt32(),
                Points = r.GetProperty("points").GetInt32(),
                Jobs = r.GetProperty("jobs").GetInt64(),
                Parameters = r.GetProperty("parameters").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                Metrics = r.GetProperty("metrics").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                Shard = new Shard(shard.GetProperty("index").GetInt32(), shard.GetProperty("count").GetInt32()),
                Status = r.GetProperty("status").GetString()!,
                Design = r.TryGetProperty("design", out var d) ? ReadDesign(d) : DesignSpec.Grid,
                Format = r.TryGetProperty("format", out var f) && f.GetString() == "parquet" ? ResultsFormat.Parquet : ResultsFormat.Csv,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SweepException($"{path}: not a valid sweep manifest ({e.Message})", e);
        }
    }
}
