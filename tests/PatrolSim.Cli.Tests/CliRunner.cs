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

    /// <summary>Starts the real patrolsim executable from this test's build output, its standard output and error redirected.</summary>
    public static System.Diagnostics.Process Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "patrolsim.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return System.Diagnostics.Process.Start(info)!;
    }

    /// <summary>Sends SIGTERM to <paramref name="process"/> (kill(1), as Slurm or systemd would).</summary>
    public static void Terminate(System.Diagnostics.Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static string Scenario(string name) => RepoPaths.Scenario(name);

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "patrolsim-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(dir);
        return dir;
    }
}
