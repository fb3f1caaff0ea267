using PatrolSim.Experiments.Sweeps;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class SweepFileTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private IReadOnlyList<string> Errors(string yaml, int parallelism = 1)
    {
        string path = _files.Write("bad.yaml", yaml);
        var e = Assert.Throws<ScenarioException>(() => SweepPlan.Load(path, parallelism: parallelism));
        return e.Errors.Select(x => x.ToString()).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // the points are built on four threads: the same messages in point order
    public void FileProblemsAndBadPoints_AreAllReportedAtOnce_NamingThePointsValues(int parallelism)
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("""
            base: city.yaml
            grid:
              staffing.scale: [0.5, 0]
              policy.backup.rule: [none, sometimes]
            replications: 1
            metrik: [x]
            """, parallelism);

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

    [Fact]
    public void DesignProblems_AreAllReportedAtOnce()
    {
        string p = _files.PathOf("bad.yaml");
        var errors = Errors("""
            base: city.yaml
            design: { kind: saltelli }
            ranges:
              staffing.scale: [1.2, 0.8]
              policy.backup.rule: { levels: [none, none] }
              staffing.shifts.day.officers: { integer: [4.5, 8] }
              demand.multiplier: 1.1
            grid:
              policy.crew.twoOfficerShare: [0, 1]
            """);

        Assert.Equal(
        [
            $"{p}:2:9: design.samples: is missing; give samples: N, the number of base samples N (the sweep has N × (parameters + 2) points; a power of 2 such as 64 or 256 suits the Sobol' points)",
            $"{p}:9:3: grid: cannot be combined with design kind saltelli; give every parameter under ranges: ([lo, hi], {{ integer: [lo, hi] }} or {{ levels: [a, b] }})",
            $"{p}:4:19: ranges.staffing.scale: is [1.2, 0.8]; the low end must be below the high end",
            $"{p}:5:40: ranges.policy.backup.rule.levels: value 'none' is listed twice",
            $"{p}:6:44: ranges.staffing.shifts.day.officers.integer: bounds must be whole numbers, not [4.5, 8]",
            $"{p}:7:22: ranges.demand.multiplier: is '1.1'; write [lo, hi] for any number in between, {{ integer: [lo, hi] }} for whole numbers, or {{ levels: [a, b, c] }} for listed values",
        ], errors);
    }

    [Fact]
    public void GridListsWithADesign_AndRangesWithoutOne_AreRefused()
    {
        string p = _files.PathOf("bad.yaml");
        Assert.Equal(
            [$"{p}:3:7: grid: cannot be combined with design kind lhs; give every parameter under ranges: ([lo, hi], {{ integer: [lo, hi] }} or {{ levels: [a, b] }})"],
            Errors("base: city.yaml\ndesign: { kind: lhs, samples: 10 }\ngrid: { staffing.scale: [1] }\nranges: { staffing.scale: [0.8, 1.2] }\n"));
        Assert.Equal(
            [$"{p}:2:9: ranges: needs a design that samples them: add design: {{ kind: lhs, samples: 100 }} (or sobol, saltelli, morris); a grid sweeps the lists under grid: and zip:"],
            Errors("base: city.yaml\nranges: { staffing.scale: [0.8, 1.2] }\n"));
    }

    [Fact]
    public void AHugeGrid_IsRefusedAtOnce_NamingTheJobCountAndTheOption()
    {
        // 1000 × 1000 points × 100 replications: counted from the list lengths, before any point is built.
        string values = "[" + string.Join(", ", Enumerable.Range(1, 1000).Select(i => (i / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        string path = _files.Write("huge.yaml", $"base: city.yaml\nreplications: 100\ngrid:\n  staffing.scale: {values}\n  demand.multiplier: {values}\n");
        long? told = null;

        var e = Assert.Throws<SweepException>(() => SweepPlan.Load(path, counted: (_, jobs) => told = jobs));

        Assert.Equal($"{path}: 100,000,000 jobs (1,000,000 points × 100 replications) is more than the limit of 10,000,000; shrink the sweep, or raise the limit with --max-jobs 100000000 if you mean it", e.Message);
        Assert.Null(told);
    }

    [Fact]
    public void ALargeDesign_IsCountedBeforeValidation_AndItsPointsAreComputedFromTheirIndex()
    {
        string path = _files.Write("lhs.yaml", "base: city.yaml\ndesign: { kind: lhs, samples: 2000000, seed: 5 }\nranges:\n  staffing.scale: [0.8, 1.2]\n  policy.backup.rule: { levels: [none, risk] }\nreplications: 2\n");
        (long Points, long Jobs)? told = null;

        var plan = SweepPlan.Load(path, counted: (points, jobs) => told = (points, jobs));

        Assert.Equal((2_000_000L, 4_000_000L), told);
        Assert.Equal(2_000_000, plan.PointCount);
        var last = plan.PointValues(1_999_999);
        Assert.InRange(double.Parse(last[0], System.Globalization.CultureInfo.InvariantCulture), 0.8, 1.2);
        Assert.Contains(last[1], new[] { "none", "risk" });
        Assert.Equal(last, plan.Points[1_999_999]);
    }
}
