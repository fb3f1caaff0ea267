namespace PatrolSim.Testing;

/// <summary>
/// Files of the repository and of ../shared beside it, found from the test (or benchmark) binaries by
/// walking up to the folder that holds PatrolSim.sln. Linked into every test project and the benchmarks
/// (tests/Directory.Build.props), so there is one copy of this logic.
/// </summary>
internal static class RepoPaths
{
    /// <summary>The folder holding PatrolSim.sln.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatrolSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PatrolSim.sln not found above the binaries.");
    }

    /// <summary>A bundled scenario file.</summary>
    public static string Scenario(string name) => Path.Combine(Root(), "scenarios", name);

    /// <summary>A file of ../shared/data beside the repository, or null when absent (data are never copied into the project).</summary>
    public static string? SharedData(string fileName)
    {
        string root = Root();
        string candidate = Path.Combine(Directory.GetParent(root)?.FullName ?? root, "shared", "data", fileName);
        return File.Exists(candidate) ? candidate : null;
    }
}
