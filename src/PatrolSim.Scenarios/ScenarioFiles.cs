namespace PatrolSim.Scenarios;

/// <summary>
/// Where the other files a scenario names come from (a zones file, a travel-time matrix): beside the scenario file on
/// disk, or, for a scenario the classroom server was sent, nowhere (a request may not make the server read a file).
/// </summary>
public interface IScenarioFiles
{
    /// <summary>
    /// The content of the file the scenario calls <paramref name="name"/> and the name to quote in messages, or null
    /// with <paramref name="problem"/> saying why it cannot be had (and what to do).
    /// </summary>
    (byte[] Content, string DisplayName)? Open(string name, out string? problem);
}

/// <summary>
/// Files beside the scenario file: a relative name is resolved against its folder, and quoted in messages the way the
/// scenario file's own path was given (<c>scenarios/geo/beats.geojson</c> for <c>scenarios/city.yaml</c>).
/// </summary>
/// <param name="directory">The scenario file's folder, as its path gave it ("" for the current folder).</param>
public sealed class DirectoryScenarioFiles(string directory) : IScenarioFiles
{
    /// <summary>The folder of the scenario file <paramref name="scenarioPath"/>.</summary>
    public static DirectoryScenarioFiles Beside(string scenarioPath) => new(Path.GetDirectoryName(scenarioPath) ?? "");

    /// <inheritdoc/>
    public (byte[] Content, string DisplayName)? Open(string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        string path = Path.IsPathRooted(name) ? name : Path.Combine(directory, name);
        string display = path;
        try
        {
            problem = null;
            return (File.ReadAllBytes(path), display);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e is FileNotFoundException or DirectoryNotFoundException
                ? $"'{display}' does not exist; names are relative to the scenario file's folder"
                : $"'{display}' cannot be read: {e.Message}";
            return null;
        }
    }
}

/// <summary>No files at all: a scenario that names one is refused with <paramref name="reason"/>.</summary>
/// <param name="reason">Why, and what to do instead.</param>
public sealed class NoScenarioFiles(string reason) : IScenarioFiles
{
    /// <inheritdoc/>
    public (byte[] Content, string DisplayName)? Open(string name, out string? problem)
    {
        problem = reason;
        return null;
    }
}
