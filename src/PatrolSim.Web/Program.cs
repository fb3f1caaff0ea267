namespace PatrolSim.Web;

/// <summary>
/// Entry point of the web server alone (<c>dotnet run --project src/PatrolSim.Web</c>; <c>patrolsim serve</c> is the
/// usual way in). WebApplicationFactory finds the server through it in tests.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Serves on 127.0.0.1:5080 with the bundled scenarios until stopped.</summary>
    public static void Main(string[] args) => PatrolSimServer.Build(new ServeOptions(), args).Run();
}
