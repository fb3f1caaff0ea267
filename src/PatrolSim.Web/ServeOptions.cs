using PatrolSim.Scenarios;

namespace PatrolSim.Web;

/// <summary>How <c>patrolsim serve</c> runs the server.</summary>
/// <param name="Host">Address to bind: 127.0.0.1 by default; another address needs the explicit <c>--host</c>.</param>
/// <param name="Port">Port; 0 picks a free one (read the bound address from the started app).</param>
/// <param name="Scenario">A scenario given on the command line (trusted): its text and the name its messages use; selected at start.</param>
/// <param name="Limits">The limits of every request.</param>
public sealed record ServeOptions(string Host = "127.0.0.1", int Port = ServeOptions.DefaultPort, ScenarioText? Scenario = null, WebLimits? Limits = null)
{
    /// <summary>The port when none is given.</summary>
    public const int DefaultPort = 5080;
}

/// <summary>A scenario's YAML text and the name that stands for it in messages (a file name; never opened by the server).</summary>
public sealed record ScenarioText(string Yaml, string Source)
{
    /// <summary>
    /// Where the files the scenario names (a zones file, a travel-time matrix) come from: the bundled ones for a bundled
    /// scenario, beside the file for the one given on the command line, none for an uploaded one (a request never makes
    /// the server read a file).
    /// </summary>
    public IScenarioFiles Files { get; init; } = Uploads;

    /// <summary>What an uploaded scenario may name: nothing.</summary>
    public static IScenarioFiles Uploads { get; } = new NoScenarioFiles(
        "an uploaded scenario cannot name other files (zones, travel-time matrix): the server reads no file a request names; run it with 'patrolsim run', or start 'patrolsim serve' with it");
}
