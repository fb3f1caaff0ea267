using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatrolSim.Output;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim serve</c>.</summary>
/// <param name="ScenarioPath">A scenario file to add to the bundled ones and select at start, or null.</param>
/// <param name="Port">Port; 0 for a free one.</param>
/// <param name="Host">Address to bind (an IP address or localhost).</param>
internal sealed record ServeSettings(string? ScenarioPath, int Port, string Host);

/// <summary>
/// <c>patrolsim serve</c>: the classroom web server (docs/web.md). Only <see cref="Serve"/> touches the web assembly, so
/// the other verbs never load ASP.NET Core.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultHost = "127.0.0.1";

    public static Command Create(CliContext ctx)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file to offer besides the bundled ones, selected at start (optional)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var port = new Option<int>("--port")
        {
            Description = "Port to listen on (0: any free port)",
            HelpName = "N",
            DefaultValueFactory = _ => ServeOptions.DefaultPort,
            CustomParser = r => int.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 65535
                ? p
                : CommonOptions.Invalid<int>(r, $"--port: '{r.Tokens[^1].Value}' must be a whole number from 0 to 65535 (0 picks a free port)"),
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network: the page has no login)",
            HelpName = "ADDR",
            DefaultValueFactory = _ => DefaultHost,
            CustomParser = r => IsHost(r.Tokens[^1].Value)
                ? r.Tokens[^1].Value
                : CommonOptions.Invalid<string>(r, $"--host: '{r.Tokens[^1].Value}' must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every network), or localhost"),
        };
        var cmd = new Command("serve", "Serve the classroom web page: pick a scenario, move the levers, run, compare and watch a day on the map")
        {
            scenario, port, host,
        };
        cmd.SetAction(p => Execute(ctx, new ServeSettings(p.GetValue(scenario), p.GetValue(port), p.GetValue(host) ?? DefaultHost)));
        return cmd;
    }

    public static int Execute(CliContext ctx, ServeSettings s)
    {
        // The command line's scenario is checked as every verb checks one (same messages), then handed over as text.
        string? yaml = null;
        if (s.ScenarioPath is not null)
        {
            CommonOptions.LoadScenario(s.ScenarioPath, []);
            yaml = File.ReadAllText(s.ScenarioPath);
        }

        if (!IsLoopback(s.Host))
        {
            ctx.Error.WriteLine($"patrolsim: warning: --host {s.Host} makes the server reachable from other machines; the page has no login, so anyone who can reach it can run simulations here");
        }

        return Serve(ctx, s, yaml);
    }

    /// <summary>Starts the server, prints its address and waits for Ctrl-C. The one method that loads the web assembly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Serve(CliContext ctx, ServeSettings s, string? yaml)
    {
        var app = PatrolSimServer.Build(new ServeOptions(s.Host, s.Port, yaml is null ? null : new ScenarioText(yaml, s.ScenarioPath!) { Files = DirectoryScenarioFiles.Beside(s.ScenarioPath!) }));
        try
        {
            try
            {
                app.Start();
            }
            catch (Exception e) when (BindProblem(e, s) is { } problem)
            {
                // The machine's answer to --host and --port, not a fault of ours: the message and its fix say all there is,
                // so it is printed without a stack trace even under --verbose.
                ctx.Error.WriteLine("patrolsim: " + problem);
                return ExitCodes.InvalidInput;
            }

            string url = app.Urls.First();
            ctx.Out.WriteLine($"PatrolSim is serving on {url}/ (open it in a browser; Ctrl-C stops the server)");
            ctx.Out.Flush();

            // Compile the run, chart and map paths while the class opens the page (docs/web.md#how-fast).
            var warmUp = Task.Run(() => app.Services.GetRequiredService<Simulations>().WarmUpAsync(app.Lifetime.ApplicationStopping));
            warmUp.ContinueWith(t => ctx.Error.WriteLine($"patrolsim: warning: the warm-up run failed ({t.Exception?.GetBaseException().Message}); the first Run will be slower"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            app.WaitForShutdown();
            return ExitCodes.Ok;
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    /// <summary>What is wrong with --host or --port when the server cannot listen there, with the fix; null for any other failure.</summary>
    private static string? BindProblem(Exception e, ServeSettings s)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"cannot listen on {s.Host}:{s.Port}");
        return e switch
        {
            // Kestrel reports a port in use as an IOException (its AddressInUseException inside).
            IOException => string.Create(CultureInfo.InvariantCulture,
                $"--port {s.Port}: {at} ({e.Message}); give another port with --port, or --port 0 for a free one"),
            SocketException { SocketErrorCode: SocketError.AddressNotAvailable } =>
                $"--host {s.Host}: {at}: this machine has no such address; give one of its own addresses, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every network)",
            SocketException { SocketErrorCode: SocketError.AccessDenied } => string.Create(CultureInfo.InvariantCulture,
                $"--port {s.Port}: {at}: permission denied (ports below 1024 need administrator rights); give a port from 1024 up, or --port 0 for a free one"),
            SocketException x => string.Create(CultureInfo.InvariantCulture,
                $"--host {s.Host} --port {s.Port}: {at} ({x.Message}); give another address with --host or another port with --port"),
            _ => null,
        };
    }

    /// <summary>localhost, an IPv6 address, or an IPv4 address in full (four numbers: IPAddress.TryParse alone takes "127.0.0" or "1").</summary>
    private static bool IsHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var ip) && (ip.AddressFamily == AddressFamily.InterNetworkV6 || host.Split('.').Length == 4));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
