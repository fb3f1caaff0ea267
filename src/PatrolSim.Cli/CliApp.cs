using System.CommandLine;

namespace PatrolSim.Cli;

/// <summary>Builds the command tree; output goes to the writers given, so tests can capture it.</summary>
public static class CliApp
{
    /// <summary>Runs <c>patrolsim</c> with the given arguments.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("PatrolSim: discrete-event simulation of police patrol staffing policies.");
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(config);
    }
}
