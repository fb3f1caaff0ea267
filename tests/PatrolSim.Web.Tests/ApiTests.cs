using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>The API on the bundled scenarios: what the page gets, checked against the library and the model's behaviour.</summary>
public sealed class ApiTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task Scenarios_ListsTheBundledRunScenariosWithLeversAndLimits()
    {
        var list = await Api.ReadAsync<ScenarioListResponse>(await factory.CreateClient().GetAsync("/api/scenarios"));

        Assert.Equal(Api.Classroom, list.DefaultId);
        Assert.Equal(Api.Classroom, list.Scenarios[0].Id);
        Assert.Equal("midsize-baseline", list.Scenarios[1].Id);
        string[] ids = [.. list.Scenarios.Select(s => s.Id!)];
        Assert.Contains("policy-all-paired", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("sweep-", StringComparison.Ordinal) || id.StartsWith("compare-", StringComparison.Ordinal));
        Assert.Equal(new WebLimits(), list.Limits);

        var classroom = list.Scenarios[0];
        Assert.Equal("Small town, solo cars, backup for risky calls", classroom.Title);
        Assert.Equal(new CityBounds(6, 4), classroom.City);
        var day = classroom.Levers.Single(l => l.Key == "staffing.shifts.day.officers");
        Assert.Equal(("6", 1.0, 12.0, true), (day.Value, day.Min!.Value, day.Max!.Value, day.Whole));
        var share = classroom.Levers.Single(l => l.Key == "policy.crew.twoOfficerShare");
        Assert.Equal(("number", "0", 0.0, 1.0), (share.Kind, share.Value, share.Min!.Value, share.Max!.Value));
        var rule = classroom.Levers.Single(l => l.Key == "policy.backup.rule");
        Assert.Equal(("choice", "risk"), (rule.Kind, rule.Value));
        Assert.Equal(["none", "risk", "all-calls"], rule.Options!);
        Assert.Equal(["closest", "home-beat-first"], classroom.Levers.Single(l => l.Key == "policy.dispatch.rule").Options!);
        var calls = classroom.Levers.Single(l => l.Key == "demand.callsPerDay");
        Assert.Equal(("48", 12.0, 96.0), (calls.Value, calls.Min!.Value, calls.Max!.Value));
    }

    [Fact]
    public async Task Run_GivesTheLibrarysNumbers_WithIntervalsAroundTheMeans_AndIsDeterministic()
    {
        var client = factory.CreateClient();
        var request = new RunRequest(Api.Classroom, Levers: Api.Levers(("policy.crew.twoOfficerShare", 0.5), ("policy.backup.rule", "all-calls")), Replications: 4, Days: 8, Seed: 7);

        var run = await Api.ReadAsync<RunResponse>(await Api.PostAsync(client, "/api/run", request));
        var again = await Api.ReadAsync<RunResponse>(await Api.PostAsync(client, "/api/run", request));

        Assert.Equal(["horizon.days=8", "policy.crew.twoOfficerShare=0.5", "policy.backup.rule=all-calls"], run.Overrides);
        Assert.Equal("crew.twoOfficerShare=0.5, backup.rule=all-calls", run.Label);
        Assert.Equal((4, 8.0, 7UL), (run.Replications, run.Days, run.Seed));

        // The same numbers as the CLI's path: the file with the same overrides through ReplicationRunner.
        var scenario = ScenarioLoader.Load(RepoPaths.Scenario("classroom-small-town.yaml"), run.Overrides);
        var summary = ReplicationRunner.Run(scenario, 4, 7, 1);
        foreach (var m in MetricCatalog.All)
        {
            var row = run.Overall[m.Index];
            Assert.Equal(m.Name, row.Key);
            Assert.Equal(summary.Overall[m.Index].Mean, row.Mean ?? double.NaN);
        }

        Assert.Equal(summary.ByPriority[1][MetricCatalog.ResponseMean].Mean, run.P1.Single(r => r.Key == "responseTime.mean@1").Mean);
        foreach (var row in run.Overall.Concat(run.P1).Where(r => r.Mean is not null && r.Low is not null))
        {
            Assert.True(row.Low <= row.Mean && row.Mean <= row.High, $"{row.Key}: {row.Low} <= {row.Mean} <= {row.High}");
        }

        Assert.Equal(run.Overall, again.Overall);
        Assert.Equal(run.P1, again.P1);
        Assert.Equal(run.Point, again.Point);
        Assert.Equal(summary.Overall[MetricCatalog.SoloExposureIndex].Mean, run.Point.Exposure.Mean);
        Assert.Equal(summary.ByPriority[1][MetricCatalog.ResponseMean].Mean, run.Point.Response.Mean);
    }

    [Fact]
    public async Task WarmUp_LeavesEverySlotFree_AndTheNextRunUnchanged()
    {
        var client = factory.CreateClient();
        var request = new RunRequest(Api.Classroom, Replications: 3, Days: 9, Seed: 11);
        var before = await Api.ReadAsync<RunResponse>(await Api.PostAsync(client, "/api/run", request));

        await factory.Services.GetRequiredService<Simulations>().WarmUpAsync();

        var gate = factory.Services.GetRequiredService<SimulationGate>();
        using (var first = gate.TryEnter())
        using (var second = gate.TryEnter())
        {
            Assert.NotNull(first);
            Assert.NotNull(second);
        }

        var after = await Api.ReadAsync<RunResponse>(await Api.PostAsync(client, "/api/run", request));
        Assert.Equal(before.Overall, after.Overall);
        Assert.Equal(before.P1, after.P1);
    }

    [Fact]
    public async Task Compare_AllPairedRaisesP1Response_OnTheClassroomTown_PairedUnderCommonRandomNumbers()
    {
        var request = new CompareRequest(
            new RunRequest(Api.Classroom),
            new RunRequest(Api.Classroom, Levers: Api.Levers(("policy.crew.twoOfficerShare", 1)), Label: "paired"),
            Replications: 10, Days: 10, Seed: 3);

        var cmp = await Api.ReadAsync<CompareResponse>(await Api.PostAsync(factory.CreateClient(), "/api/compare", request));

        Assert.Equal(("as in the file", "paired", 10), (cmp.BaselineLabel, cmp.VariantLabel, cmp.Replications));
        var p1 = cmp.Rows.Single(r => r.Key == "responseTime.mean@1");
        Assert.True(p1.Difference.Low > 0, $"P1 response difference {p1.Difference.Mean} [{p1.Difference.Low}, {p1.Difference.High}] should be above 0");
        // Significant after Holm's adjustment over every metric compared, as patrolsim compare marks it: 10 replications
        // (with 6 the interval excludes 0, p = 0.005, but pHolm = 0.14 over the 95 metrics: not significant).
        Assert.True(p1.Significant);
        Assert.Equal("lower", p1.Better);

        // Pairing leaves no officer alone on scene: solo exposure falls to zero.
        Assert.Equal(0, cmp.Rows.Single(r => r.Key == "soloExposureIndex").Variant.Mean);

        // The library's paired comparison on the same variants gives the same differences.
        var file = RepoPaths.Scenario("classroom-small-town.yaml");
        var lib = PairedComparison.Run(
            [new Variant("a", ScenarioLoader.Load(file, ["horizon.days=10"]), ""), new Variant("b", ScenarioLoader.Load(file, ["horizon.days=10", "policy.crew.twoOfficerShare=1"]), "")],
            10, 3, 1);
        var expected = lib.Get(1, MetricSelector.Parse("responseTime.mean@1"));
        Assert.Equal((expected.Difference.Mean, expected.Difference.Low, expected.Difference.High), (p1.Difference.Mean!.Value, p1.Difference.Low!.Value, p1.Difference.High!.Value));
        Assert.True(expected.PHolm < 0.05);
        Assert.All(cmp.Rows, r => Assert.Equal(lib.Get(1, MetricSelector.Parse(r.Key)).Significant, r.Significant));

        // Each row carries its p-value and Holm's adjusted one, as compare's JSON does (null where not applicable).
        Assert.Equal((expected.P, expected.PHolm), (p1.P!.Value, p1.PHolm!.Value));
        Assert.All(cmp.Rows, r =>
        {
            var m = lib.Get(1, MetricSelector.Parse(r.Key));
            Assert.Equal(double.IsFinite(m.PHolm) ? m.PHolm : null, r.PHolm);
            Assert.Equal(r.PHolm is { } ph && ph < 0.05, r.Significant);
        });
    }

    [Fact]
    public async Task Chart_ReturnsTheTradeOffAsSvg_WithLabelsEscaped()
    {
        var points = new[]
        {
            new ChartPoint("solo", new Interval(40, 35, 45), new Interval(6, 5.5, 6.5)),
            new ChartPoint("<script>alert(1)</script>", new Interval(0, null, null), new Interval(8, 7, 9)),
        };

        var response = await Api.PostAsync(factory.CreateClient(), "/api/chart", new ChartRequest(points));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        string svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Trade-off: response against solo exposure", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Runs with the same result sit on one spot; they share one label naming them all, instead of one label each around
    /// the same marker (a ring of "Run 2", "Run 3", "Run 4" no reader can tell apart).
    /// </summary>
    [Fact]
    public async Task Chart_RunsWithTheSameResult_ShareOneLabel()
    {
        var solo = new ChartPoint("", new Interval(6817, 6466, 7168), new Interval(3.57, 3.32, 3.83));
        var paired = new ChartPoint("", new Interval(0, 0, 0), new Interval(5.69, 5.30, 6.08));
        ChartPoint[] points = [solo with { Label = "Run 1" }, paired with { Label = "Run 2" }, paired with { Label = "Run 3" }, paired with { Label = "Run 4" }];

        var response = await Api.PostAsync(factory.CreateClient(), "/api/chart", new ChartRequest(points));
        string svg = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, svg);

        var labels = Regex.Matches(svg, @"<text[^>]*>\s*(Run \d[^<]*?)\s*</text>").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(["Run 1", "Run 2 = Run 3 = Run 4"], labels);
    }

    [Theory]
    [InlineData(2, "Run 1 = Run 2")]
    [InlineData(3, "Run 1 = Run 2 = Run 3")]
    [InlineData(5, "Run 1 = Run 2 = … = Run 5 (5 runs)")]
    public void OneLabelPerSpot_NamesEveryRunOnTheSpot_OnTheFirstOfThem(int runs, string label)
    {
        var points = Enumerable.Range(1, runs).Select(i => new Reports.Charts.ScatterPoint(1, 2, $"Run {i}") { XLow = i })
            .Append(new Reports.Charts.ScatterPoint(3, 2, "Run 9")).ToList();

        var labelled = Simulations.OneLabelPerSpot(points);

        Assert.Equal([label, .. Enumerable.Repeat("", runs - 1), "Run 9"], labelled.Select(p => p.Label));
        Assert.Equal(points.Select(p => (p.X, p.Y, p.XLow)), labelled.Select(p => (p.X, p.Y, p.XLow))); // every marker and interval kept
    }

    [Fact]
    public async Task Animate_RealBeats_GivesTheirOutlines_HolesKept_LabelsInside_AndAGridCityItsRectangles()
    {
        var river = await Api.ReadAsync<AnimateResponse>(await Api.PostAsync(factory.CreateClient(), "/api/animate", new RunRequest("riverside", Seed: 2)));
        Assert.Equal(16, river.Beats.Count);
        Assert.All(river.Beats, b => Assert.All(b.Polygons.SelectMany(p => p), ring => Assert.Equal(ring[0], ring[^1])));
        Assert.All(river.Beats, b =>
        {
            Assert.InRange(b.Label[0], b.X, b.X + b.Width);
            Assert.InRange(b.Label[1], b.Y, b.Y + b.Height);
        });
        var lake = river.Beats.Single(b => b.Id == "12"); // the beat around the lake: a shell and one hole
        Assert.Equal(2, Assert.Single(lake.Polygons).Count);

        var town = await Api.ReadAsync<AnimateResponse>(await Api.PostAsync(factory.CreateClient(), "/api/animate", new RunRequest(Api.Classroom, Seed: 2)));
        var first = town.Beats[0];
        var ring = Assert.Single(Assert.Single(first.Polygons));
        Assert.Equal([[first.X, first.Y], [first.X + first.Width, first.Y], [first.X + first.Width, first.Y + first.Height], [first.X, first.Y + first.Height], [first.X, first.Y]], ring);
    }

    [Fact]
    public async Task Animate_GivesOneDayOfTimeOrderedEvents_InsideTheCity()
    {
        var anim = await Api.ReadAsync<AnimateResponse>(await Api.PostAsync(factory.CreateClient(), "/api/animate", new RunRequest(Api.Classroom, Seed: 2)));

        Assert.Equal(new CityBounds(6, 4), anim.City);
        Assert.Equal(6, anim.Beats.Count);
        Assert.Equal(1440, anim.Minutes);
        Assert.NotEmpty(anim.Units);
        Assert.All(anim.Units, u => Assert.Equal(1, u.Officers));
        var times = anim.Events.Select(e => e.T).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t, 0, 1440));
        Assert.All(anim.Events.Where(e => e.X is not null), e =>
        {
            Assert.InRange(e.X!.Value, 0, 6);
            Assert.InRange(e.Y!.Value, 0, 4);
        });
        Assert.All(anim.Events.Where(e => e.ToX is not null), e =>
        {
            Assert.InRange(e.ToX!.Value, 0, 6);
            Assert.InRange(e.ToY!.Value, 0, 4);
        });

        // About 48 calls a day, each arriving with its priority, and dispatched units knowing their call's risk.
        var arrivals = anim.Events.Where(e => e.Kind == "arrive").ToList();
        Assert.InRange(arrivals.Count, 20, 80);
        Assert.All(arrivals, a => Assert.NotNull(a.Priority));
        Assert.Contains(anim.Events, e => e.Kind == "dispatch" && e.Risky == true && e.ToX is not null);
        Assert.All(anim.Events.Where(e => e.Kind == "dispatch"), e => Assert.Contains(anim.Units, u => u.Id == e.Unit));

        // Who is alone at a risky call is the model's own: its trace of the same day (seed 2, replication 0).
        var solo = Trace(2);
        var modelAlone = solo.OfType<Model.Simulation.AloneChanged>().Where(e => e.TimeMinutes <= 1440)
            .Select(e => (Math.Round(e.TimeMinutes, 3), e.Alone ? "alone-start" : "alone-end", e.Call)).ToList();
        Assert.NotEmpty(modelAlone); // every car solo: officers are alone at risky calls
        Assert.Equal(modelAlone, anim.Events.Where(e => e.Kind.StartsWith("alone-", StringComparison.Ordinal)).Select(e => (e.T, e.Kind, e.Call!.Value)));
        Assert.DoesNotContain(anim.Events, e => e.Kind == "queue");

        // The queue is the dispatcher's own: with every officer paired (three cars a shift) calls wait, and the animation's
        // queue follows the model's queue records, one point per change.
        var paired = await Api.ReadAsync<AnimateResponse>(await Api.PostAsync(factory.CreateClient(), "/api/animate",
            new RunRequest(Api.Classroom, Levers: Api.Levers(("policy.crew.twoOfficerShare", 1)), Seed: 2)));
        var queued = Trace(2, "policy.crew.twoOfficerShare=1").OfType<Model.Simulation.QueueChanged>().Where(q => q.TimeMinutes <= 1440).ToList();
        Assert.Contains(queued, q => q.Waiting > 0);
        Assert.Equal(new QueuePoint(0, 0), paired.Queue[0]);
        var queueTimes = paired.Queue.Select(q => q.T).ToList();
        Assert.Equal(queueTimes.Distinct().Order(), queueTimes);
        Assert.All(paired.Queue.Zip(paired.Queue.Skip(1)), p => Assert.NotEqual(p.First.Length, p.Second.Length));
        foreach (double t in queued.Select(q => Math.Round(q.TimeMinutes, 3)).Concat(queueTimes))
        {
            int model = queued.LastOrDefault(q => Math.Round(q.TimeMinutes, 3) <= t)?.Waiting ?? 0;
            Assert.Equal(model, paired.Queue.Last(q => q.T <= t).Length);
        }
    }

    /// <summary>The model's trace of the classroom town's first day (what /api/animate replays), with <paramref name="overrides"/>.</summary>
    private static List<Model.Simulation.TraceEvent> Trace(ulong seed, params string[] overrides)
    {
        var scenario = ScenarioLoader.Load(RepoPaths.Scenario("classroom-small-town.yaml"), [.. overrides, "horizon.days=1", "horizon.warmupDays=0"]);
        var trace = new Collect();
        new Model.Simulation.PatrolSimulation(scenario).Run(seed, 0, trace);
        return trace.Events;
    }

    private sealed class Collect : Model.Simulation.ITraceSink
    {
        public List<Model.Simulation.TraceEvent> Events { get; } = [];

        public void Record(Model.Simulation.TraceEvent e) => Events.Add(e);
    }

    [Fact]
    public async Task Upload_ValidScenario_GivesItsLevers_AndRunsFromItsText()
    {
        var client = factory.CreateClient();
        var entry = await Api.ReadAsync<ScenarioEntry>(await Api.PostAsync(client, "/api/scenario", new UploadRequest(TinyScenarios.SmallCity, "tiny.yaml")));

        Assert.Null(entry.Id);
        Assert.Equal(("tiny city", "upload"), (entry.Title, entry.Origin));
        Assert.Contains(entry.Levers, l => l.Key == "staffing.shifts.night.officers" && l.Value == "3");

        var run = await Api.ReadAsync<RunResponse>(await Api.PostAsync(client, "/api/run", new RunRequest(Yaml: TinyScenarios.SmallCity, Replications: 3)));
        var summary = ReplicationRunner.Run(ScenarioLoader.Parse(TinyScenarios.SmallCity, "tiny.yaml"), 3, 1, 1);
        Assert.Equal(summary.Overall[MetricCatalog.ResponseMean].Mean, run.Overall[MetricCatalog.ResponseMean].Mean);
    }

    [Fact]
    public async Task CommandLineScenario_IsListedFirst_AndSelected()
    {
        var options = new ServeOptions(Scenario: new ScenarioText(TinyScenarios.SmallCity, "my/town.yaml"));
        var list = await Api.ReadAsync<ScenarioListResponse>(await factory.With(options).CreateClient().GetAsync("/api/scenarios"));

        Assert.Equal(ScenarioCatalog.CommandLineId, list.DefaultId);
        Assert.Equal(("tiny city", "command line"), (list.Scenarios[0].Title, list.Scenarios[0].Origin));
        Assert.Contains(list.Scenarios, s => s.Id == Api.Classroom);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        var client = factory.CreateClient();
        foreach (var response in new[]
        {
            await client.GetAsync("/"),
            await client.GetAsync("/api/scenarios"),
            await Api.PostAsync(client, "/api/run", new RunRequest("no-such-scenario")),
            await client.GetAsync("/api/nothing-here"),
        })
        {
            Assert.Equal(PatrolSimServer.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task Page_IsServedFromTheAssembly()
    {
        var response = await factory.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PatrolSim", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The page's script is ES modules (docs/web.md, "The page"): index.html loads one module and nothing inline; every module
    /// it imports, followed import by import, is served from the assembly as JavaScript (a browser refuses a module of another
    /// type under nosniff) and is at most 300 lines.
    /// </summary>
    [Fact]
    public async Task PageScripts_AreModules_ServedAsJavaScript_EveryImportResolves_NoneOver300Lines()
    {
        var client = factory.CreateClient();
        string html = await client.GetStringAsync("/");
        var scripts = Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        Assert.Equal(["<script type=\"module\" src=\"js/main.js\">"], scripts);
        Assert.DoesNotMatch("<style|\\sstyle=|\\son[a-z]+=", html);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["js/main.js"]);
        while (pending.TryDequeue(out string? path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            var response = await client.GetAsync("/" + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            string js = await response.Content.ReadAsStringAsync();
            int lines = js.Count(c => c == '\n');
            Assert.True(lines <= 300, $"{path} has {lines} lines; a page module has at most 300");
            string folder = path[..(path.LastIndexOf('/') + 1)];
            foreach (Match import in Regex.Matches(js, @"^import .* from '\./([a-z-]+\.js)';$", RegexOptions.Multiline))
            {
                pending.Enqueue(folder + import.Groups[1].Value);
            }
        }

        Assert.Equal(["api.js", "chart.js", "day.js", "dom.js", "format.js", "levers.js", "main.js", "map.js", "page.js", "tables.js"],
            seen.Select(p => p["js/".Length..]).Order(StringComparer.Ordinal));
    }
}
