namespace PatrolSim.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(args, stdout, stderr, interactive: false);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatrolSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PatrolSim.sln not found above the test binaries.");
    }

    public static string Scenario(string name) => Path.Combine(RepoRoot(), "scenarios", name);

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(dir);
        return dir;
    }
}
