using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// <c>patrolsim serve</c>'s options: bad values are parse errors naming the option and the fix (exit 2, no server);
/// a bad scenario gets the messages every verb gives; a port in use is refused with the fix. (The server itself is
/// tested in tests/PatrolSim.Web.Tests.)
/// </summary>
public sealed class ServeCommandTests
{
    private const string PortFix = "must be a whole number from 0 to 65535 (0 picks a free port)";
    private const string HostFix = "must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every network), or localhost";

    [Theory]
    [InlineData("--port", "70000", PortFix)]
    [InlineData("--port", "-1", PortFix)]
    [InlineData("--port", "http", PortFix)]
    [InlineData("--host", "example.org", HostFix)]
    [InlineData("--host", "127.0.0", HostFix)]
    [InlineData("--host", "1", HostFix)]
    [InlineData("--host", "http://0.0.0.0", HostFix)]
    public void BadPortOrHost_IsAParseError(string option, string value, string fix)
    {
        var (exit, output, err) = CliRunner.Run("serve", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: {option}: '{value}' {fix}\n", err);
    }

    [Fact]
    public void MissingScenario_IsRefused_BeforeAnyServerStarts()
    {
        var (exit, output, err) = CliRunner.Run("serve", "missing.yaml");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("patrolsim: missing.yaml: scenario file not found; give the path of a YAML scenario, e.g. scenarios/midsize-baseline.yaml\n", err);
    }

    [Fact]
    public void InvalidScenario_GetsTheMessagesOfEveryVerb()
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, TinyScenarios.SmallCity.Replace("rule: risk", "rule: sometimes", StringComparison.Ordinal));

        var serve = CliRunner.Run("serve", path);
        var validate = CliRunner.Run("validate", path);

        Assert.Equal(2, serve.Exit);
        Assert.Equal(validate.Err, serve.Err);
        Assert.Contains("policy.backup.rule", serve.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void PortInUse_IsRefused_WithTheFix_AndANonLoopbackHostIsWarnedAbout()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        // The built CLI in a child process, as a user runs it.
        using var serve = StartServe("--host", "0.0.0.0", "--port", port.ToString(CultureInfo.InvariantCulture));
        Assert.True(serve.WaitForExit(60_000), "serve should give up at once when its port is taken");
        string err = serve.StandardError.ReadToEnd();

        Assert.Equal(2, serve.ExitCode);
        Assert.Equal("", serve.StandardOutput.ReadToEnd());
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("patrolsim: warning: --host 0.0.0.0 makes the server reachable from other machines; the page has no login, so anyone who can reach it can run simulations here", lines[0]);
        Assert.StartsWith($"patrolsim: --port {port}: cannot listen on 0.0.0.0:{port} (", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("); give another port with --port, or --port 0 for a free one", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    /// <summary>
    /// An address this machine does not own (192.0.2.1 is TEST-NET-1, never assigned) is the user's to fix: exit 2 with the
    /// fix and no stack trace, with or without --verbose (it used to exit 1, a stack trace under --verbose).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HostTheMachineDoesNotOwn_IsRefusedWithTheFix_EvenUnderVerbose(bool verbose)
    {
        string[] args = ["serve", "--host", "192.0.2.1", "--port", "0", .. verbose ? new[] { "--verbose" } : []];

        var (exit, output, err) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(
            "patrolsim: warning: --host 192.0.2.1 makes the server reachable from other machines; the page has no login, so anyone who can reach it can run simulations here\n"
            + "patrolsim: --host 192.0.2.1: cannot listen on 192.0.2.1:0: this machine has no such address; give one of its own addresses, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every network)\n",
            err);
    }

    /// <summary>
    /// --port 0 serves on the default host and on localhost (which used to exit 1: Kestrel cannot pick one free port for
    /// both loopbacks; localhost then means 127.0.0.1), and the address printed is the one bound.
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Serve_OnPortZero_PrintsTheBoundAddress_AndServesTheApiThere(string host)
    {
        using var serve = StartServe("--port", "0", "--host", host);
        try
        {
            string? line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            var match = System.Text.RegularExpressions.Regex.Match(line ?? "", @"^PatrolSim is serving on (http://127\.0\.0\.1:\d+)/ \(open it in a browser; Ctrl-C stops the server\)$");
            Assert.True(match.Success, line);

            using var http = new HttpClient();
            string body = await http.GetStringAsync(match.Groups[1].Value + "/api/scenarios");
            Assert.Contains("\"defaultId\":\"classroom-small-town\"", body, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill();
            serve.WaitForExit();
        }
    }

    /// <summary>Starts <c>patrolsim serve</c> (the built CLI beside the tests) with its output redirected.</summary>
    private static Process StartServe(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "patrolsim.dll"), "serve", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(psi)!;
    }
}
