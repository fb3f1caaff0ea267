namespace PatrolSim.Experiments.Tests;

/// <summary>Tiny scenario and sweep files in a fresh temporary folder.</summary>
internal sealed class TestFiles : IDisposable
{
    /// <summary>A small city (shared with the CLI tests).</summary>
    public const string SmallCity = TinyScenarios.SmallCity;

    /// <summary>M/M/10 (shared with the calibration tests).</summary>
    public const string MMc = TinyScenarios.MMc;

    public const string Sweep = """
        base: city.yaml
        grid:
          policy.crew.twoOfficerShare: [0, 1]
          policy.backup.rule: [none, risk]
        zip:
          - staffing.shifts.day.officers: [4, 5]
            staffing.shifts.night.officers: [3, 4]
        replications: 4
        seed: 42
        metrics: [responseTime.mean, responseTime.p90@1, soloExposureIndex, utilization]
        """;

    public TestFiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "patrolsim-exp-" + Path.GetRandomFileName());
        Directory.CreateDirectory(Dir);
        Write("city.yaml", SmallCity);
        Write("mmc.yaml", MMc);
        Write("sweep.yaml", Sweep);
    }

    public string Dir { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Dir, name);

    public string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }

    /// <summary>The three output files of a sweep folder, for byte comparison.</summary>
    public static Dictionary<string, byte[]> Outputs(string dir) =>
        new[] { "results.csv", "summary.csv", "sweep.json" }
            .Where(f => File.Exists(System.IO.Path.Combine(dir, f)))
            .ToDictionary(f => f, f => File.ReadAllBytes(System.IO.Path.Combine(dir, f)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
