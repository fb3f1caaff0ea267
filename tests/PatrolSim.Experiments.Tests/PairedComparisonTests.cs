using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class PairedComparisonTests
{
    private static ReplicationResult Result(int r, double responseMean) => new()
    {
        Replication = r,
        Seed = (ulong)r,
        Overall = [.. Enumerable.Range(0, MetricCatalog.Count).Select(i => i == MetricCatalog.ResponseMean ? responseMean : 1.0)],
        ByPriority = new Dictionary<int, IReadOnlyList<double>>(),
        Events = 0,
        CallsGenerated = 0,
    };

    [Fact]
    public void PairedDifference_FixedNumbers_MatchesHandComputation()
    {
        var scenario = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml");
        double[] a = [10, 12, 11, 13, 14];
        double[] b = [8, 11, 10, 10, 12];
        var runs = new[] { b, a }.Select(values => RunSummary.From(scenario, 1, values.Select((v, i) => Result(i, v)).ToArray())).ToArray();
        var comparison = PairedComparison.From([new Variant("ref", scenario, "x"), new Variant("alt", scenario, "y")], runs, 1);

        var stats = comparison.Get(1, MetricSelector.Parse("responseTime.mean"));

        // Differences 2, 1, 1, 3, 2: mean 1.8, s = sqrt(2.8 / 4) = 0.8366600, t(0.975, 4) = 2.7764451,
        // half-width = 2.7764451 × 0.8366600 / sqrt(5) = 1.0388506.
        Assert.Equal(1.8, stats.Difference.Mean, 12);
        Assert.Equal(0.7611494, stats.Difference.Low, 6);
        Assert.Equal(2.8388506, stats.Difference.High, 6);
        Assert.Equal(5, stats.Difference.N);
        Assert.True(stats.Difference.ExcludesZero);

        // The variant's own interval is the unpaired Student-t interval: mean 12, s = sqrt(2.5).
        Assert.Equal(12, stats.Value.Mean, 12);
        Assert.Equal(12 + (2.7764451 * Math.Sqrt(2.5) / Math.Sqrt(5)), stats.Value.High, 6);

        // The reference against itself: a zero-width difference.
        var self = comparison.Get(0, MetricSelector.Parse("responseTime.mean"));
        Assert.Equal(0, self.Difference.Mean);
        Assert.Equal(0, self.Difference.HalfWidth);
    }

    [Fact]
    public void PairedDifference_DropsPairsWithAMissingValue()
    {
        var ci = ComparisonResult.PairedDifference([1, double.NaN, 3, 5], [0, 2, 1, 2]);

        // Pairs (1,0), (3,1), (5,2): differences 1, 2, 3.
        Assert.Equal(3, ci.N);
        Assert.Equal(2, ci.Mean, 12);
        Assert.Equal(2 - (ConfidenceInterval.StudentTQuantile(0.975, 2) / Math.Sqrt(3)), ci.Low, 9);
    }

    [Fact]
    public void CommonRandomNumbers_MakePairedDifferencesMuchTighterThanIndependentRuns()
    {
        var ten = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=8"]);
        var eleven = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=8", "staffing.shifts.0.officers=11"]);
        const int reps = 20;
        var a = ReplicationRunner.Run(ten, reps, 5, 2);
        var bSameSeed = ReplicationRunner.Run(eleven, reps, 5, 2);
        var bOtherSeed = ReplicationRunner.Run(eleven, reps, 6, 2);
        var metric = MetricSelector.Parse("queueDelay.mean");
        var colA = ComparisonResult.Column(a, metric);

        var paired = ComparisonResult.PairedDifference(colA, ComparisonResult.Column(bSameSeed, metric));
        var independent = ComparisonResult.PairedDifference(colA, ComparisonResult.Column(bOtherSeed, metric));

        // Same calls for both staffing levels: the variance of the differences collapses.
        Assert.True(paired.StdDev * paired.StdDev < 0.5 * independent.StdDev * independent.StdDev,
            $"paired variance {paired.StdDev * paired.StdDev} vs independent {independent.StdDev * independent.StdDev}");

        // Ten officers make calls wait longer than eleven, clearly so under CRN.
        Assert.True(paired.Low > 0);
    }

    [Fact]
    public void Run_GivesEveryVariantTheSameCalls()
    {
        var solo = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml");
        var paired = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml", ["policy.crew.twoOfficerShare=1"]);
        var result = PairedComparison.Run([new Variant("solo", solo, "a"), new Variant("paired", paired, "b")], 3, 9, 2);

        var arrived = MetricSelector.Parse("callsArrived");
        Assert.Equal(ComparisonResult.Column(result.Runs[0], arrived), ComparisonResult.Column(result.Runs[1], arrived));
        Assert.Equal(0, result.Get(1, arrived).Difference.Mean);
        Assert.True(result.Get(1, MetricSelector.Parse("soloExposureIndex")).Difference.High < 0);
    }

    [Theory]
    [InlineData("responseTime.p90@1", "responseTime.p90", 1)]
    [InlineData("utilization", "utilization", null)]
    public void MetricSelector_Parses(string text, string metric, int? priority)
    {
        var m = MetricSelector.Parse(text);
        Assert.Equal(metric, m.Metric.Name);
        Assert.Equal(priority, m.Priority);
        Assert.Equal(text, m.Name);
    }
}
