using PatrolSim.Experiments.Sweeps;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class SweepFileTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private IReadOnlyList<string> Errors(string yaml)
    {
        string path = _files.Write("bad.yaml", yaml);
        var e = Assert.Throws<ScenarioException>(() => SweepPlan.Load(path));
        return e.Errors.Select(x => x.ToString()).ToArray();
    }

    [Fact]
    public void FileProblemsAndBadPoints_AreAllReportedAtOnce_NamingThePointsValues()
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("""
            base: city.yaml
            grid:
              staffing.scale: [0.5, 0]
              policy.backup.rule: [none, sometimes]
            replications: 1
            metrik: [x]
            """);

        Assert.Equal(
        [
            $"{p}:5:15: replications: is 1; it must be between 2 and 100000",
            $"{p}:6:1: metrik: unknown key (did you mean 'metrics'?); allowed here: name, description, base, replications, seed, days, design, grid, zip, ranges, metrics",
            $"{p}: point 1 (staffing.scale=0.5, policy.backup.rule=sometimes): city.yaml: policy.backup.rule: 'sometimes' is not allowed; use one of none, risk, all-calls (from policy.backup.rule=sometimes)",
            $"{p}: point 2 (staffing.scale=0, policy.backup.rule=none): city.yaml: staffing.scale: is 0; it must be greater than 0 and at most 100 (from staffing.scale=0)",
            $"{p}: point 3 (staffing.scale=0, policy.backup.rule=sometimes): city.yaml: staffing.scale: is 0; it must be greater than 0 and at most 100 (from staffing.scale=0)",
            $"{p}: point 3 (staffing.scale=0, policy.backup.rule=sometimes): city.yaml: policy.backup.rule: 'sometimes' is not allowed; use one of none, risk, all-calls (from policy.backup.rule=sometimes)",
        ], errors);
    }

    [Fact]
    public void ZipLengthsSeedMetricsAndBase_AreCheckedWithLocations()
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("""
            base: nowhere.yaml
            zip:
              - { staffing.scale: [1, 2], demand.multiplier: [1] }
            metrics: [responseTim.p90, utilization@1, responseTime.p90@x]
            seed: -3
            """);

        Assert.Equal(
        [
            $"{p}:5:7: seed: must be a whole number from 0 to 18446744073709551615, not '-3'",
            $"{p}:3:50: zip[0].demand.multiplier: has 1 value but staffing.scale has 2 values; the lists of a zip group move together and must have the same length",
            $"{p}:4:11: metrics: unknown metric 'responseTim.p90' (did you mean 'responseTime.p90'?); see 'patrolsim run' output or docs/sweeps.md for the names",
            $"{p}:4:28: metrics: 'utilization@1': utilization is not reported by priority; drop '@1'",
            $"{p}:4:43: metrics: 'responseTime.p90@x': the priority after '@' must be a whole number of at least 1, not 'x'",
            $"{p}:1:7: base: 'nowhere.yaml' cannot be read (Could not find file '{_files.PathOf("nowhere.yaml")}'.); give a scenario file path relative to the sweep file",
        ], errors);
    }

    [Fact]
    public void GridShapes_AreChecked()
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("""
            base: city.yaml
            grid:
              staffing.scale: 1.5
              policy.crew.twoOfficerShare: []
              staffing..x: [1]
              demand.multiplier: ["a,b", 1, 1]
            zip:
              - { staffing.scale: [1, 2] }
            """);

        Assert.Equal(
        [
            $"{p}:3:19: grid.staffing.scale: must be a list, not '1.5'",
            $"{p}:4:32: grid.policy.crew.twoOfficerShare: has no values; give a list such as [0.9, 1.0, 1.1]",
            $"{p}:5:3: grid.staffing..x: is not a dotted scenario key; write keys like staffing.scale or policy.crew.twoOfficerShare",
            $"{p}:6:23: grid.demand.multiplier: value 'a,b' must be non-empty and free of commas, double quotes and line breaks (it becomes a CSV cell)",
            $"{p}:6:33: grid.demand.multiplier: value '1' is listed twice",
            $"{p}:8:7: zip[0].staffing.scale: is swept twice; each key may appear once in grid and zip together",
        ], errors);
    }

    [Fact]
    public void MissingBase_IsReported()
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("grid: { staffing.scale: [1] }\n");
        Assert.Equal([$"{p}:1:1: base: is missing; name the base scenario file, relative to the sweep file, e.g. base: midsize-baseline.yaml"], errors);
    }

    [Fact]
    public void DefaultMetrics_AreEveryMetricOverallThenByPriority()
    {
        var plan = SweepPlan.Parse("base: city.yaml\n", _files.PathOf("ok.yaml"));

        Assert.Equal(10, plan.Replications);
        Assert.Equal(1UL, plan.Seed);
        Assert.Single(plan.Points);
        Assert.Equal("responseTime.mean", plan.Metrics[0].Name);
        Assert.Contains(plan.Metrics, m => m.Name == "soloCalls@2");
        Assert.DoesNotContain(plan.Metrics, m => m.Name == "utilization@1");
    }
}
