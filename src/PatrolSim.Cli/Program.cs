namespace PatrolSim.Cli;

/// <summary>Entry point of <c>patrolsim</c>.</summary>
public static class Program
{
    /// <summary>Parses the command line, runs the verb and returns its exit code.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
