namespace PatrolSim.Web;

/// <summary>Builds the web server of <c>patrolsim serve</c>.</summary>
public static class PatrolSimServer
{
    /// <summary>The server for <paramref name="options"/>, not yet started.</summary>
    public static WebApplication Build(ServeOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        var app = builder.Build();
        return app;
    }
}
