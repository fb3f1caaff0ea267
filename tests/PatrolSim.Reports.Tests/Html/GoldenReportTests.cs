using PatrolSim.Experiments;
using PatrolSim.Reports.Html;

namespace PatrolSim.Reports.Tests.Html;

/// <summary>
/// The run report of a tiny fixed-seed run is compared byte for byte with a committed file. After an intended change,
/// regenerate it with <c>PATROLSIM_UPDATE_GOLDEN=1 dotnet test tests/PatrolSim.Reports.Tests --filter GoldenReport</c>
/// and review the diff (docs/reports.md).
/// </summary>
public sealed class GoldenReportTests
{
    internal static string GoldenPath => Path.Combine(ReportFixtures.RepoRoot, "tests", "PatrolSim.Reports.Tests", "Golden", "run-tiny.html");

    /// <summary>Tiny run: midsize-baseline, 2 days (1 warm-up), 2 replications, seed 42.</summary>
    internal static string Render()
    {
        var scenario = ReportFixtures.Midsize(2);
        var summary = ReplicationRunner.Run(scenario, 2, 42, 1);
        return RunReport.Build(summary, HourlyProfile.Collect(scenario, 42), "patrolsim golden", "scenarios/midsize-baseline.yaml --days 2").ToHtml();
    }

    [Fact]
    public void GoldenReport_TinyRunMatchesTheCommittedBytes()
    {
        byte[] actual = new System.Text.UTF8Encoding(false).GetBytes(Render());
        if (Environment.GetEnvironmentVariable("PATROLSIM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(GoldenPath, actual);
        }

        Assert.True(File.Exists(GoldenPath), $"{GoldenPath} is missing; create it with PATROLSIM_UPDATE_GOLDEN=1");
        byte[] expected = File.ReadAllBytes(GoldenPath);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            int i = 0;
            while (i < Math.Min(expected.Length, actual.Length) && expected[i] == actual[i])
            {
                i++;
            }

            string Around(byte[] b) => System.Text.Encoding.UTF8.GetString(b, Math.Max(0, i - 80), Math.Min(160, b.Length - Math.Max(0, i - 80)));
            Assert.Fail($"run report differs from {GoldenPath} at byte {i} ({expected.Length} vs {actual.Length} bytes)\nexpected: …{Around(expected)}…\nactual:   …{Around(actual)}…\nIf the change is intended: PATROLSIM_UPDATE_GOLDEN=1 dotnet test tests/PatrolSim.Reports.Tests --filter GoldenReport");
        }
    }
}
