using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// The CLI packs as a .NET tool (docs/cli.md#installing-as-a-net-tool): <c>dotnet pack</c>, then <c>dotnet tool install</c>
/// from that folder into a temporary tool path, gives a <c>patrolsim</c> command that prints this build's version.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = CliRunner.TempDir();

    private readonly string _publish = Path.Combine(Path.GetTempPath(), "patrolsim-tool-publish-" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RepoPaths.Root())))[..12]);

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        if (Directory.Exists(_publish))
        {
            Directory.Delete(_publish, recursive: true);
        }
    }

    [DotnetFact]
    public void PackedTool_InstalledIntoAToolPath_PrintsTheAssemblysVersion()
    {
        // Packs the CLI's own build output with --no-build (seconds, not a second full build). That is sound only if
        // that output is the build this test runs against: the patrolsim.dll copied beside the test is the same file.
        // Everything pack and install write (publish layout, nuspec, package, NuGet cache, tool) goes to temporary
        // folders, so nothing collides with the solution's obj/ and bin/. The publish folder is one per checkout, not
        // per run: publish keeps a list of the files it wrote in obj/, named after a hash of that folder.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = testBin.Parent!.Name;
        string framework = testBin.Name;
        string cliProject = Path.Combine(RepoPaths.Root(), "src", "PatrolSim.Cli");
        string built = Path.Combine(cliProject, "bin", configuration, framework, "patrolsim.dll");
        Assert.True(File.Exists(built), $"{built} is missing: build src/PatrolSim.Cli -c {configuration} first");
        Assert.True(
            File.ReadAllBytes(built).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(testBin.FullName, "patrolsim.dll"))),
            $"{built} is not the patrolsim.dll this test was built with: rebuild the solution");

        string feed = Path.Combine(_dir, "feed");
        var pack = Run("dotnet", "pack", Path.Combine(cliProject, "PatrolSim.Cli.csproj"), "-c", configuration, "--no-build", "--nologo",
            "-o", feed, $"-p:PublishDir={_publish}/", $"-p:NuspecOutputPath={Path.Combine(_dir, "nuspec")}/");
        Assert.True(pack.Exit == 0, "dotnet pack failed:\n" + pack.Out + pack.Err);
        string package = Assert.Single(Directory.GetFiles(feed, "PatrolSim.Cli.*.nupkg"));

        // The package has its readme (before: "warning : The package PatrolSim.Cli.0.1.0 is missing a readme").
        Assert.DoesNotContain("readme", pack.Out + pack.Err, StringComparison.OrdinalIgnoreCase);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        }

        // Only the local feed: no network, and a NuGet cache of its own so no earlier package of the same version is reused.
        string config = Path.Combine(_dir, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        string tools = Path.Combine(_dir, "tools");
        var install = Run("dotnet", "tool", "install", "--tool-path", tools, "--configfile", config, "PatrolSim.Cli");
        Assert.True(install.Exit == 0, "dotnet tool install failed:\n" + install.Out + install.Err);

        var version = Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "patrolsim.exe" : "patrolsim"), "--version");

        string expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal((0, expected, ""), (version.Exit, version.Out.TrimEnd(), version.Err));

        // The installed tool runs with the CLI's runtime settings (docs/cli.md#start-up-and-throughput-settings).
        string runtimeConfig = Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "patrolsim.runtimeconfig.json", SearchOption.AllDirectories));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }

    private (int Exit, string Out, string Err) Run(string command, params string[] args)
    {
        var psi = new ProcessStartInfo(command, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        psi.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "nuget-packages");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that needs the <c>dotnet</c> command on PATH: skipped, saying why, where there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DotnetFactAttribute : FactAttribute
{
    public DotnetFactAttribute()
    {
        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        bool onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
        if (!onPath)
        {
            Skip = "needs the dotnet command on PATH (dotnet pack, dotnet tool install)";
        }
    }
}
