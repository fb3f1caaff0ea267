using System.Security.Cryptography;
using System.Text;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// Pins the bytes of <c>run</c>'s JSON summary, replication CSV and trace for every bundled scenario
/// at a fixed seed, so a refactor that claims "same results" is checked, and a deliberate change of
/// results shows up as a diff of the files under <c>Pinned/</c>. JSON and CSV are kept as files; the
/// traces (large) as SHA-256 digests in <c>Pinned/traces.sha256</c>.
/// Regenerate after an intended change with
/// <c>PATROLSIM_UPDATE_PINNED=1 dotnet test tests/PatrolSim.Cli.Tests --filter PinnedOutput</c>
/// and say in the commit which numbers moved and why.
/// </summary>
public class PinnedOutputTests
{
    /// <summary>Bundled run scenarios and the days simulated (enough to include every policy window).</summary>
    public static TheoryData<string, int> Scenarios() => new()
    {
        { "benchmark-all-features.yaml", 4 },
        { "classroom-small-town.yaml", 4 },
        { "council-illustrative.yaml", 4 },
        { "midsize-baseline.yaml", 4 },
        { "mmc.yaml", 4 },
        { "nypd-size.yaml", 2 },
        { "policy-albuquerque-buddy-2016.yaml", 4 },
        { "policy-all-paired.yaml", 4 },
        { "policy-burlington-no-solo-2016.yaml", 4 },
        { "policy-lapd-metro-2016.yaml", 4 },
        { "policy-nypd-2016.yaml", 4 },
        { "policy-paired-36h.yaml", 13 },
        { "policy-protest-night-2016.yaml", 10 },
        { "policy-solo-risk-backup.yaml", 4 },
        { "policy-two-cars-every-call.yaml", 4 },
        { "riverside.yaml", 4 },
        { "validation-hypercube-2units.yaml", 8 },
        { "validation-hypercube-3units.yaml", 8 },
        { "validation-hypercube-identical.yaml", 8 },
        { "validation-paired-cars.yaml", 4 },
        { "validation-priorities.yaml", 4 },
        { "validation-two-cars-mmn.yaml", 4 },
    };

    private static string PinnedDir => Path.Combine(RepoPaths.Root(), "tests", "PatrolSim.Cli.Tests", "Pinned");

    private static bool Update => Environment.GetEnvironmentVariable("PATROLSIM_UPDATE_PINNED") == "1";

    [Fact]
    public void EveryBundledRunScenario_IsPinned()
    {
        var pinned = Scenarios().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var bundled = Directory.GetFiles(Path.Combine(RepoPaths.Root(), "scenarios"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(f => !f!.StartsWith("sweep-", StringComparison.Ordinal) && !f.StartsWith("compare-", StringComparison.Ordinal));
        Assert.All(bundled, f => Assert.Contains(f!, pinned));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Run_BundledScenario_SameBytesAsPinned(string scenario, int days)
    {
        string dir = CliRunner.TempDir();
        string path = CliRunner.Scenario(scenario);
        string json = Path.Combine(dir, "out.json"), csv = Path.Combine(dir, "out.csv"), trace = Path.Combine(dir, "trace.csv");
        var (exit, _, err) = CliRunner.Run("run", path, "--days", days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-r", "3", "--seed", "7", "-p", "2", "--json", json, "--csv", csv, "--trace", trace);
        Assert.True(exit == 0, err);

        string name = Path.GetFileNameWithoutExtension(scenario);
        // The JSON names the scenario file as given; the pinned copy names it relative to the repository.
        string jsonText = File.ReadAllText(json).Replace(JsonString(path), JsonString("scenarios/" + scenario), StringComparison.Ordinal);
        CheckFile(name + ".json", jsonText);
        CheckFile(name + ".csv", File.ReadAllText(csv));
        CheckDigest(name + ".trace.csv", File.ReadAllBytes(trace));
    }

    /// <summary>
    /// docs/examples/small-town-cad.csv, the CAD export docs/calibration.md's first commands read, is what
    /// <c>run scenarios/classroom-small-town.yaml -r 1 --seed 1 --cad-export FILE</c> writes (regenerated with the rest).
    /// </summary>
    [Fact]
    public void ExampleCadExport_IsWhatRunWritesForTheClassroomTown()
    {
        string export = Path.Combine(CliRunner.TempDir(), "cad.csv");
        var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("classroom-small-town.yaml"), "-r", "1", "--seed", "1", "--cad-export", export);
        Assert.True(exit == 0, err);

        string example = Path.Combine(RepoPaths.Root(), "docs", "examples", "small-town-cad.csv");
        if (Update)
        {
            File.Copy(export, example, overwrite: true);
            return;
        }

        Assert.True(File.ReadAllBytes(example).AsSpan().SequenceEqual(File.ReadAllBytes(export)), $"{example} is not what run --cad-export writes now; regenerate it with PATROLSIM_UPDATE_PINNED=1 (and the numbers quoted in docs/calibration.md)");
    }

    private static string JsonString(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static void CheckFile(string fileName, string actual)
    {
        string pinned = Path.Combine(PinnedDir, fileName);
        if (Update)
        {
            Directory.CreateDirectory(PinnedDir);
            File.WriteAllText(pinned, actual);
            return;
        }

        Assert.True(File.Exists(pinned), $"{pinned} is missing; create it with PATROLSIM_UPDATE_PINNED=1");
        Assert.Equal(File.ReadAllText(pinned), actual);
    }

    private static readonly Lock DigestLock = new();

    private static void CheckDigest(string fileName, byte[] bytes)
    {
        string digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string file = Path.Combine(PinnedDir, "traces.sha256");
        lock (DigestLock)
        {
            var lines = File.Exists(file)
                ? File.ReadAllLines(file).Where(l => l.Length > 0).ToDictionary(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 2)..], l => l[..l.IndexOf(' ', StringComparison.Ordinal)], StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            if (Update)
            {
                lines[fileName] = digest;
                var text = new StringBuilder();
                foreach (var (name, d) in lines.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    text.Append(d).Append("  ").Append(name).Append('\n');
                }

                Directory.CreateDirectory(PinnedDir);
                File.WriteAllText(file, text.ToString());
                return;
            }

            Assert.True(lines.TryGetValue(fileName, out string? expected), $"{fileName} has no digest in {file}; create it with PATROLSIM_UPDATE_PINNED=1");
            Assert.True(expected == digest, $"trace of {fileName} differs from the pinned digest ({bytes.Length} bytes now)");
        }
    }
}
