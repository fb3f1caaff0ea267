using PatrolSim.Experiments;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>The council's units through the API (issue 27): a run's council rows and chart point, and the trade-off chart against annual cost or expected injuries.</summary>
public sealed class CouncilApiTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private const string Council = "council-illustrative";

    [Fact]
    public async Task Run_OfTheCouncilScenario_GivesItsFiguresAndAPointWithCostAndInjuries()
    {
        var run = await Api.ReadAsync<RunResponse>(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Council, Replications: 2, Days: 3, Seed: 3)));

        Assert.Equal(
            ["officerHoursPerYear", "fteNeeded", "annualCost", "annualCost.officers", "annualCost.overtime", "annualCost.cars",
             "exposureHoursPerYear.alone", "exposureHoursPerYear.paired", "expectedAssaults", "expectedInjuries"],
            run.Council.Select(r => r.Key));
        var summary = ReplicationRunner.Run(ScenarioLoader.Load(RepoPaths.Scenario("council-illustrative.yaml"), run.Overrides), 2, 3, 1);
        Assert.Equal(summary.Get("fteNeeded")!.Value.Mean, run.Council.Single(r => r.Key == "fteNeeded").Mean);
        Assert.Equal(summary.Get("annualCost")!.Value.Mean, run.Point.Cost!.Mean);
        Assert.Equal("USD/yr", run.Point.CostUnit);
        Assert.Equal(summary.Get("expectedInjuries")!.Value.High, run.Point.Injuries!.High);
        Assert.Contains(run.CouncilNotes, n => n.StartsWith("Safety figures: assault rates and injury shares are inputs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithoutCostsOrSafety_HasOfficersOnlyAndNoCostOnItsPoint()
    {
        var run = await Api.ReadAsync<RunResponse>(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Api.Classroom, Replications: 2, Days: 2)));
        Assert.Equal(["officerHoursPerYear", "fteNeeded"], run.Council.Select(r => r.Key));
        Assert.Null(run.Point.Cost);
        Assert.Null(run.Point.Injuries);
    }

    [Theory]
    [InlineData("annualCost", "Annual cost", "USD/yr")]
    [InlineData("expectedInjuries", "Expected injuries", "not findings")]
    public async Task Chart_CanPutACouncilFigureOnX(string x, string label, string text)
    {
        ChartPoint Point(string name, double cost, double injuries) => new(name, new Interval(10, 8, 12), new Interval(5, 4, 6),
            new Interval(cost, cost - 1e5, cost + 1e5), "USD/yr", new Interval(injuries, injuries - 1, injuries + 1));

        var response = await Api.PostAsync(factory.CreateClient(), "/api/chart", new ChartRequest([Point("solo", 1.9e7, 7), Point("paired", 1.88e7, 9)], X: x));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        string svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("Trade-off: response against " + label.ToLowerInvariant(), svg, StringComparison.Ordinal);
        Assert.Contains(label, svg, StringComparison.Ordinal);
        Assert.Contains(text, svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_BadAxisOrPointsWithoutIt_AreRefused()
    {
        var client = factory.CreateClient();
        var plain = new ChartPoint("a", new Interval(10, 8, 12), new Interval(5, 4, 6));
        var axis = await Api.ErrorAsync(await Api.PostAsync(client, "/api/chart", new ChartRequest([plain], X: "cost")), 400);
        Assert.Equal("x: 'cost' is not an axis of the chart; use one of soloExposureIndex, annualCost, expectedInjuries", axis.Error);

        var missing = await Api.ErrorAsync(await Api.PostAsync(client, "/api/chart", new ChartRequest([plain], X: "annualCost")), 400);
        Assert.Equal("points[0]: needs cost and response, each {mean, low, high} (a run of a scenario without a costs: section has none; choose another x)", missing.Error);

        var usd = plain with { Cost = new Interval(1, 1, 1), CostUnit = "USD/yr" };
        var mixed = await Api.ErrorAsync(await Api.PostAsync(client, "/api/chart", new ChartRequest([usd, usd with { CostUnit = "EUR/yr" }], X: "annualCost")), 400);
        Assert.Equal("points: their costs are in different units (EUR/yr, USD/yr); chart runs of one currency together", mixed.Error);
    }
}
