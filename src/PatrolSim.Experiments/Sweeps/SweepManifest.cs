using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>A problem with a sweep's output folder or shards (resume or merge): the message says what to do, naming settings in the library's terms (<see cref="ExperimentSettings"/>).</summary>
public sealed class SweepException : PatrolSimException
{
    private readonly Problem _problem;

    /// <summary>Creates the exception with the message the user sees (naming no setting).</summary>
    public SweepException(string message)
        : this(Problem.Plain(message ?? throw new ArgumentNullException(nameof(message))))
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public SweepException(string message, Exception innerException)
        : this(Problem.Plain(message ?? throw new ArgumentNullException(nameof(message))), innerException)
    {
    }

    /// <summary>Creates the exception with the problem the user sees.</summary>
    public SweepException(Problem problem, Exception? innerException = null)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString(), ExitCodes.InvalidInput, innerException)
    {
        _problem = problem;
    }

    /// <summary>Required by the exception pattern.</summary>
    public SweepException()
        : this("Sweep error.")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ProblemsNaming(Func<string, string> name) => [_problem.Naming(name)];
}

/// <summary>
/// sweep.json: what a sweep folder holds (inputs, seed, job count, shard, status). No timestamps, so the
/// same sweep gives the same bytes. Schema in docs/sweeps.md.
/// </summary>
public sealed partial record SweepManifest
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

    private static readonly ManifestJsonContext Context = new(Json.NewSerializerOptions());

    /// <summary>Writes the manifest as indented JSON with LF line ends.</summary>
    public void Write(Stream stream)
    {
        // The design is written only for kinds other than grid, and the format only for Parquet, so grid and CSV
        // manifests keep their bytes.
        var design = Design.Kind == DesignKind.Grid
            ? null
            : new DesignJson(Design.Name, Design.Samples, Design.Seed, Design.Kind == DesignKind.Morris ? Design.Levels : null);
        string? format = Format == ResultsFormat.Csv ? null : Format.ToString().ToLowerInvariant();
        Json.Write(stream, new ManifestJson(CurrentSchema, Tool, new InputsJson(SweepFile, BaseFile, Hash), Seed, Replications, Points, Jobs,
            Parameters, Metrics, new ShardJson(Shard.Index, Shard.Count, "job % count == index - 1", ShardJobs), Status, design, format), Context.ManifestJson);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads a folder's sweep.json.</summary>
    /// <exception cref="SweepException">Missing or not a sweep manifest.</exception>
    public static SweepManifest Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
        {
            throw new SweepException(Problem.Of($"{dir}: no {FileName}; this is not a sweep output folder (run '{Terms.Sweep} FILE {Terms.Out} {dir}' first)"));
        }

        ManifestJson m;
        try
        {
            m = Json.Read(File.ReadAllBytes(path), Context.ManifestJson) ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new SweepException($"{path}: not a valid sweep manifest ({e.Message})", e);
        }

        if (m.SchemaVersion != CurrentSchema)
        {
            throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{path}: schemaVersion {m.SchemaVersion} is not supported (expected {CurrentSchema})"));
        }

        var design = DesignSpec.Grid;
        if (m.Design is { } d)
        {
            if (!DesignSpec.Kinds.TryGetValue(d.Kind, out var kind))
            {
                throw new SweepException($"{path}: not a valid sweep manifest (unknown design kind '{d.Kind}')");
            }

            design = new DesignSpec(kind, d.Samples, d.Seed, d.Levels ?? 4);
        }

        return new SweepManifest
        {
            Tool = m.Tool,
            SweepFile = m.Inputs.Sweep,
            BaseFile = m.Inputs.Base,
            Hash = m.Inputs.Hash,
            Seed = m.Seed,
            Replications = m.Replications,
            Points = m.Points,
            Jobs = m.Jobs,
            Parameters = m.Parameters,
            Metrics = m.Metrics,
            Shard = new Shard(m.Shard.Index, m.Shard.Count),
            Status = m.Status,
            Design = design,
            Format = m.Format == "parquet" ? ResultsFormat.Parquet : ResultsFormat.Csv,
        };
    }

    /// <summary>sweep.json; the design and the format, optional, come after the job count (their order, 0, before the rest's, 1).</summary>
    private sealed record ManifestJson(
        int SchemaVersion,
        string Tool,
        InputsJson Inputs,
        ulong Seed,
        int Replications,
        int Points,
        long Jobs,
        [property: JsonPropertyOrder(1)] IReadOnlyList<string> Parameters,
        [property: JsonPropertyOrder(1)] IReadOnlyList<string> Metrics,
        [property: JsonPropertyOrder(1)] ShardJson Shard,
        [property: JsonPropertyOrder(1)] string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DesignJson? Design = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null);

    private sealed record InputsJson(string Sweep, string Base, string Hash);

    private sealed record DesignJson(
        string Kind,
        long Samples,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? Seed = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Levels = null);

    /// <summary>The shard; its rule and job count are derived (for people), so a reader does not need them.</summary>
    private sealed record ShardJson(int Index, int Count, string Rule = "", long Jobs = 0);

    [JsonSerializable(typeof(ManifestJson))]
    private sealed partial class ManifestJsonContext : JsonSerializerContext;
}
