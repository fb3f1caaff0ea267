namespace PatrolSim.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithWidth(null, args);

    /// <summary>Runs with the console tables laid out for <paramref name="width"/> columns (null: the redirected default).</summary>
    public static (int Exit, string Out, string Err) RunWithWidth(int? width, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(args, stdout, stderr, interactive: false, consoleWidth: width);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string RepoRoot() => RepoPaths.Root();

    public static string Scenario(string name) => RepoPaths.Scenario(name);

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(dir);
        return dir;
    }
}
