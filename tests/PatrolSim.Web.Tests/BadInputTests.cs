using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>Requests the server refuses: each gets its status code and a message naming the field and the fix.</summary>
public sealed class BadInputTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task OversizedUpload_Is413()
    {
        string yaml = TinyScenarios.SmallCity + "\n# " + new string('x', 70 * 1024) + "\n";

        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/scenario", new UploadRequest(yaml)), 413);

        Assert.StartsWith("yaml: the scenario is 70.", error.Error, StringComparison.Ordinal);
        Assert.Contains("the limit is 64 KiB", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Is413_BeforeItIsRead()
    {
        var body = new StringContent("{\"yaml\": \"" + new string('x', 300 * 1024) + "\"}", Encoding.UTF8, "application/json");

        var error = await Api.ErrorAsync(await factory.CreateClient().PostAsync("/api/run", body), 413);

        Assert.Contains("larger than the server's limit of 256 KiB", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidYaml_Is400_WithExactlyTheClisMessages()
    {
        string yaml = TinyScenarios.SmallCity.Replace("rule: risk", "rule: sometimes", StringComparison.Ordinal).Replace("callsPerDay: 90", "callsPerDay: -1", StringComparison.Ordinal);
        var expected = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "town.yaml")).Errors.Select(e => e.ToString()).ToList();

        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/scenario", new UploadRequest(yaml, "C:\\Users\\me/town.yaml")), 400);

        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, error.Details);
        Assert.StartsWith("town.yaml:", error.Details[0], StringComparison.Ordinal);
        Assert.StartsWith("town.yaml: the scenario is not valid (2 problems; nothing was simulated.)", error.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("../../scenarios/geo/riverside-beats.geojson")]
    public async Task UploadNamingAFile_Is400_TheServerReadsNoFileARequestNames(string file)
    {
        string yaml = TinyScenarios.SmallCity.Replace("city: { widthKm: 4, heightKm: 3, beats: { rows: 2, cols: 2 } }", $"city: {{ zones: {file} }}", StringComparison.Ordinal);
        Assert.NotEqual(TinyScenarios.SmallCity, yaml);

        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/scenario", new UploadRequest(yaml, "town.yaml")), 400);

        Assert.Equal(
            "town.yaml:3:16: city.zones.file: an uploaded scenario cannot name other files (zones, travel-time matrix): the server reads no file a request names; run it with 'patrolsim run', or start 'patrolsim serve' with it",
            Assert.Single(error.Details));
    }

    [Fact]
    public async Task NotYamlAtAll_Is400_WithTheParsersMessage()
    {
        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Yaml: "name: [unclosed")), 400);

        Assert.Contains("upload.yaml:", Assert.Single(error.Details), StringComparison.Ordinal);
        Assert.Contains("is not valid YAML", error.Details[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy.crew.twoOfficerShare", "1.5", "levers.policy.crew.twoOfficerShare: 1.5 is out of range; give a number from 0 to 1")]
    [InlineData("staffing.shifts.day.officers", "2.5", "levers.staffing.shifts.day.officers: 2.5 is out of range; give a whole number from 1 to 12")]
    [InlineData("staffing.shifts.day.officers", "13", "levers.staffing.shifts.day.officers: 13 is out of range; give a whole number from 1 to 12")]
    [InlineData("policy.backup.rule", "\"sometimes\"", "levers.policy.backup.rule: 'sometimes' is not allowed; choose one of none, risk, all-calls")]
    [InlineData("demand.callsPerDay", "\"lots\"", "levers.demand.callsPerDay: 'lots' is out of range; give a number from 12 to 96")]
    [InlineData("policy.dispatch.rule", "\"preference\"", "levers.policy.dispatch.rule: 'preference' is not allowed; choose one of closest, home-beat-first")]
    public async Task OutOfRangeLever_Is400_NamingTheLeverAndItsRange(string key, string json, string message)
    {
        var levers = new Dictionary<string, System.Text.Json.JsonElement> { [key] = System.Text.Json.JsonDocument.Parse(json).RootElement };

        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Api.Classroom, Levers: levers)), 400);

        Assert.Equal(message, error.Error);
    }

    [Fact]
    public async Task UnknownLever_Is400_ListingTheLevers()
    {
        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Api.Classroom, Levers: Api.Levers(("horizon.days", 400)))), 400);

        Assert.StartsWith("levers: unknown lever 'horizon.days'; this scenario's levers are staffing.shifts.day.officers, ", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownScenarioId_Is404()
    {
        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest("../../etc/passwd")), 404);

        Assert.StartsWith("scenarioId: no scenario '../../etc/passwd'; the scenarios are classroom-small-town, midsize-baseline, ", error.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, "replications: 0 is out of range; give a whole number from 1 to 50")]
    [InlineData(51, null, "replications: 51 is out of range; give a whole number from 1 to 50")]
    [InlineData(null, 366.0, "days: 366; give a number of days more than the warm-up (1) and at most 365")]
    [InlineData(null, 1.0, "days: 1; give a number of days more than the warm-up (1) and at most 365")]
    public async Task OutOfRangeRunSize_Is400(int? replications, double? days, string message)
    {
        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest(Api.Classroom, Replications: replications, Days: days)), 400);

        Assert.Equal(message, error.Error);
    }

    [Fact]
    public async Task TooMuchWork_Is400_BeforeAnythingRuns()
    {
        var levers = Api.Levers(("demand.callsPerDay", 576));
        var error = await Api.ErrorAsync(await Api.PostAsync(factory.CreateClient(), "/api/run", new RunRequest("midsize-baseline", Levers: levers, Replications: 50, Days: 365)), 400);

        Assert.StartsWith("replications: this request would simulate about 10,512,000 calls", error.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A demand window counts against the request's calls (issue 24: a window multiplying demand a thousandfold was not
    /// counted): 90 calls a day × (3 days + 999 × the window's 2 days) × 20 replications = 3,601,800, over 3,000,000.
    /// </summary>
    [Fact]
    public async Task TooMuchWork_CountsTheDemandWindows()
    {
        string flood = TinyScenarios.SmallCity.Replace("dispatch: { rule: closest }",
            "dispatch: { rule: closest }\n  changes:\n    - { at: 12, durationHours: 48, set: { demand.multiplier: 1000 } }", StringComparison.Ordinal);
        var client = factory.CreateClient();

        var error = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest(Yaml: flood, Replications: 20)), 400);

        Assert.Equal("replications: this request would simulate about 3,601,800 calls (calls a day × days × replications, demand windows included), more than the server's limit of 3,000,000; give fewer replications or days, or run it with the CLI", error.Error);
    }

    [Fact]
    public async Task BothOrNeitherScenario_Is400()
    {
        var client = factory.CreateClient();
        var both = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Yaml: TinyScenarios.SmallCity)), 400);
        var neither = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest()), 400);
        var compare = await Api.ErrorAsync(await Api.PostAsync(client, "/api/compare", new CompareRequest(new RunRequest(Api.Classroom), null)), 400);

        Assert.Equal("scenarioId and yaml: give one of them, not both", both.Error);
        Assert.StartsWith("scenarioId or yaml: name a scenario", neither.Error, StringComparison.Ordinal);
        Assert.StartsWith("a comparison needs both 'baseline' and 'variant'", compare.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_Is400_AndOtherContentTypes_Are415()
    {
        var client = factory.CreateClient();
        var malformed = await Api.ErrorAsync(await client.PostAsync("/api/run", new StringContent("{\"scenarioId\": ", Encoding.UTF8, "application/json")), 400);
        var wrongType = await Api.ErrorAsync(await client.PostAsync("/api/run", new StringContent("{\"scenarioId\": \"classroom-small-town\"}", Encoding.UTF8, "text/plain")), 415);
        var wrongShape = await Api.ErrorAsync(await client.PostAsync("/api/run", new StringContent("{\"replications\": \"many\"}", Encoding.UTF8, "application/json")), 400);

        Assert.StartsWith("the request body is not valid JSON for /api/run: ", malformed.Error, StringComparison.Ordinal);
        Assert.StartsWith("send the request body as JSON", wrongType.Error, StringComparison.Ordinal);
        Assert.Contains("$.replications", wrongShape.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartPoints_AreChecked()
    {
        var client = factory.CreateClient();
        var none = await Api.ErrorAsync(await Api.PostAsync(client, "/api/chart", new ChartRequest([])), 400);
        var bad = await Api.ErrorAsync(await Api.PostAsync(client, "/api/chart", new ChartRequest([new ChartPoint("a", new Interval(-1, null, null), new Interval(5, 6, 7))])), 400);

        Assert.Equal("points: give 1 to 200 points (the 'point' of each run), not 0", none.Error);
        Assert.Equal(["points[0].exposure.mean: give a number of at least 0", "points[0].response: low and high must be finite with low ≤ mean ≤ high"], bad.Details);
    }

    [Fact]
    public async Task TooManyConcurrentRuns_Is429_UntilASlotIsFree()
    {
        await using var busy = factory.With(new ServeOptions());
        var client = busy.CreateClient();
        var gate = busy.Services.GetRequiredService<SimulationGate>();
        var held = new[] { gate.TryEnter(), gate.TryEnter() };
        Assert.All(held, Assert.NotNull);
        Assert.Null(gate.TryEnter());

        var error = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Replications: 2)), 429);
        Assert.Equal("the server is already running 2 simulations; try again in a few seconds", error.Error);

        held[0]!.Dispose();
        var ok = await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Replications: 2));
        Assert.True(ok.IsSuccessStatusCode);
        held[1]!.Dispose();
    }

    [Fact]
    public async Task Timeout_Is503_AndFreesTheSlot()
    {
        await using var slow = factory.With(new ServeOptions(Limits: new WebLimits(TimeoutSeconds: 0)));
        var client = slow.CreateClient();

        var error = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Replications: 2)), 503);

        Assert.Equal("the simulation took longer than 0 s and was stopped; give fewer replications or days", error.Error);
        var gate = slow.Services.GetRequiredService<SimulationGate>();
        using var first = gate.TryEnter();
        using var second = gate.TryEnter();
        Assert.NotNull(second);
    }

    [Fact]
    public async Task UnknownEndpoint_Is404_AsJson()
    {
        var error = await Api.ErrorAsync(await factory.CreateClient().PostAsJsonAsync("/api/runs", new { }), 404);

        Assert.StartsWith("no endpoint POST /api/runs;", error.Error, StringComparison.Ordinal);
    }
}
