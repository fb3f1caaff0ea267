using System.Reflection;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Web;

/// <summary>A scenario the server offers: its id, its text, the name its messages use, and the scenario as the file gives it.</summary>
/// <param name="Id">The id requests name it by.</param>
/// <param name="Origin">"bundled" or "command line".</param>
/// <param name="Text">The YAML text and its source name.</param>
/// <param name="Scenario">The scenario without overrides (for the levers).</param>
public sealed record CatalogEntry(string Id, string Origin, ScenarioText Text, Scenario Scenario);

/// <summary>
/// The fixed list of scenarios a request may name: the run scenarios embedded in this assembly (classroom, mid-size
/// baseline, the policy files; ids are their file names without .yaml) and the one given on the command line. No id
/// ever reaches the file system: it is looked up in this list.
/// </summary>
public sealed class ScenarioCatalog
{
    /// <summary>Id of the scenario given on the command line.</summary>
    public const string CommandLineId = "command-line";

    /// <summary>Id selected at start when no scenario is given on the command line.</summary>
    public const string ClassroomId = "classroom-small-town";

    private const string ResourcePrefix = "PatrolSim.Web.Scenarios.";
    private readonly Dictionary<string, CatalogEntry> _byId;

    /// <summary>Loads the bundled scenarios and <paramref name="commandLine"/> (validated by the CLI before).</summary>
    public ScenarioCatalog(ScenarioText? commandLine)
    {
        var entries = new List<CatalogEntry>();
        if (commandLine is not null)
        {
            entries.Add(new CatalogEntry(CommandLineId, "command line", commandLine, ScenarioLoader.Parse(commandLine.Yaml, commandLine.Source, files: commandLine.Files)));
        }

        var assembly = typeof(ScenarioCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        var bundledFiles = new EmbeddedScenarioFiles(assembly);

        // The classroom town first, then the mid-size baseline, then the policies by name.
        foreach (string name in names.OrderBy(Rank).ThenBy(n => n, StringComparer.Ordinal))
        {
            string file = name[ResourcePrefix.Length..];
            string id = file[..^".yaml".Length];
            var text = new ScenarioText(Read(assembly, name), "scenarios/" + file) { Files = bundledFiles };
            entries.Add(new CatalogEntry(id, "bundled", text, ScenarioLoader.Parse(text.Yaml, text.Source, files: text.Files)));
        }

        Entries = entries;
        _byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        DefaultId = entries[0].Id;
    }

    /// <summary>Every entry, the default first.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>Id of the scenario selected at start.</summary>
    public string DefaultId { get; }

    /// <summary>The entry with this id, or null.</summary>
    public CatalogEntry? Find(string id) => _byId.GetValueOrDefault(id);

    private static int Rank(string resource) =>
        resource.EndsWith(ClassroomId + ".yaml", StringComparison.Ordinal) ? 0
        : resource.EndsWith("midsize-baseline.yaml", StringComparison.Ordinal) ? 1
        : 2;

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded scenario {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The files bundled scenarios name (the zones of a bundled city), embedded beside them; any other name is refused.</summary>
internal sealed class EmbeddedScenarioFiles(Assembly assembly) : IScenarioFiles
{
    private const string Prefix = "PatrolSim.Web.Scenarios.";

    /// <inheritdoc/>
    public (byte[] Content, string DisplayName)? Open(string name, out string? problem)
    {
        using var stream = assembly.GetManifestResourceStream(Prefix + name.Replace('\\', '/'));
        if (stream is null)
        {
            problem = $"'{name}' is not a file bundled with the server's scenarios";
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        problem = null;
        return (copy.ToArray(), "scenarios/" + name);
    }
}
