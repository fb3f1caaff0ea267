using PatrolSim.Experiments.Sweeps;

namespace PatrolSim.Experiments.Tests;

public class BundledExampleTests
{
    private static string ScenarioDir() => Path.Combine(RepoPaths.Root(), "scenarios");

    [Fact]
    public void BundledSweepFiles_LoadAndValidateEveryPoint()
    {
        var files = Directory.GetFiles(ScenarioDir(), "sweep-*.yaml");
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            var plan = SweepPlan.Load(f);
            Assert.True(plan.Points.Count > 1, f);
            Assert.Equal(plan.Points.Count, plan.Points.Select(p => p.Count).Count());
            Assert.StartsWith("# Covers:", File.ReadAllText(f), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BundledComparisonFiles_LoadWithAtLeastTwoVariants()
    {
        var files = Directory.GetFiles(ScenarioDir(), "compare-*.yaml");
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            Assert.True(ComparisonFile.IsComparisonFile(f), f);
            Assert.True(ComparisonFile.Load(f, []).Variants.Count >= 2, f);
            Assert.StartsWith("# Covers:", File.ReadAllText(f), StringComparison.Ordinal);
        }
    }
}
