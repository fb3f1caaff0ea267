using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PatrolSim.Scenarios;
using PatrolSim.Web;
using Xunit.Abstractions;

namespace PatrolSim.Web.Tests;

/// <summary>
/// Fuzzing the API as tests (the web side of tests/PatrolSim.Cli.Tests/FuzzTests.cs): CsCheck generators make requests to
/// every endpoint, scenario ids, uploaded scenarios (valid, with demand windows, mutated), levers (known and unknown keys,
/// values of every JSON type, in and out of range), run sizes, seeds and labels, and bodies broken at the byte level. The
/// properties: every answer is 2xx, or 4xx with a JSON message (never 5xx, never an internal error or a stack); an answered
/// run stays within the server's call cap; an upload gets exactly the CLI's verdict and messages. Case i is generated from
/// PCG stream i and a fixed seed, so a run is reproducible and bounded; a failure names its case.
/// </summary>
public sealed class FuzzTests(WebFactory factory, ITestOutputHelper output) : IClassFixture<WebFactory>
{
    private const ulong Seed = 2026;

    /// <summary>Small limits, so that every request the server accepts is quick: the fuzz looks for answers, not for speed.</summary>
    private static readonly WebLimits Small = new(MaxReplications: 4, MaxDays: 10, MaxCallsPerRequest: 20_000, TimeoutSeconds: 600);

    private static readonly string[] Ids = [Api.Classroom, "midsize-baseline", "policy-all-paired", "nope", "", "../../etc/passwd", "CLASSROOM-SMALL-TOWN", "command-line"];

    private static readonly string[] LeverKeys =
    [
        "staffing.shifts.day.officers", "staffing.shifts.night.officers", "staffing.scale", "policy.crew.twoOfficerShare", "policy.backup.rule",
        "policy.backup.minRisk", "policy.backup.engage", "demand.callsPerDay", "policy.dispatch.rule", "staffing.shifts.0.officers", "horizon.days",
        "demand.multiplier", "policy.changes.0.set.demand.multiplier", "bogus", "", "staffing.shifts.day.officers ",
    ];

    private static readonly string[] Words =
    [
        "1", "0.5", "abc", "", "1e308", "-1", "NaN", "Infinity", "risk", "all-calls", "none", "wait", "alone", "closest", "home-beat-first",
        "preference", "high", "low", "medium", "1,5", " 2", "0x10",
    ];

    private static readonly Gen<JsonNode?> Number = Gen.OneOf(
        Gen.Int[-5, 20].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Int[-1000, 100_000].Select(i => (JsonNode?)JsonValue.Create(i / 100.0)),
        Gen.OneOf<double>([1e308, -1e308, 1e-300, 0.0, 4294967296.0, 9.2e18, 1.8446744073709552E+19]).Select(d => (JsonNode?)JsonValue.Create(d)));

    /// <summary>A value of any JSON type: numbers, words, null, booleans, arrays, objects, a number too big for a double.</summary>
    private static readonly Gen<JsonNode?> AnyValue = Gen.Frequency(
        (4, Number),
        (3, Gen.OneOf<string>(Words).Select(w => (JsonNode?)JsonValue.Create(w))),
        (1, Gen.Const(() => (JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(0).Select(_ => (JsonNode?)new JsonArray(1, 2))),
        (1, Gen.Const(0).Select(_ => (JsonNode?)new JsonObject { ["a"] = 1 })),
        (1, Gen.Const(0).Select(_ => JsonNode.Parse("1e400"))));

    private static readonly Gen<JsonNode?> Levers = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf<string>(LeverKeys), AnyValue).Array[0, 4].Select(kvs =>
        {
            var o = new JsonObject();
            foreach (var (k, v) in kvs)
            {
                o[k] = v?.DeepClone();
            }

            return (JsonNode?)o;
        })),
        (1, AnyValue));

    /// <summary>A demand window (or a pull of officers) in the scenario's own syntax, sometimes out of range.</summary>
    private static readonly Gen<string> Window = Gen.Select(
            Gen.OneOf<string>(["0", "6", "30", "\"day 1 18:00\"", "-5", "1e9", "\"day 9 25:00\""]),
            Gen.OneOf<string>(["1", "6", "24", "48", "0", "-1", "1e12"]),
            Gen.OneOf<string>(["demand.multiplier: 2", "demand.multiplier: 5", "demand.multiplier: 100", "demand.multiplier: 1000", "demand.multiplier: 1e6",
                "demand.multiplier: 0.5", "demand.multiplier: 0", "demand.multiplier: -1", "staffing.pullOfficers: 2", "staffing.pullOfficers: 1e9"]))
        .Select((at, hours, set) => $"    - {{ at: {at}, durationHours: {hours}, set: {{ {set} }} }}");

    /// <summary>The tiny city with other volumes, days and staffing, and up to two windows.</summary>
    private static readonly Gen<string> Scenario = Gen.Select(Gen.Int[1, 400], Gen.Int[1, 6], Gen.Int[0, 6], Gen.Int[1, 5], Window.Array[0, 2])
        .Select((calls, day, night, days, windows) => TinyScenarios.SmallCity
            .Replace("callsPerDay: 90", string.Create(CultureInfo.InvariantCulture, $"callsPerDay: {calls}"), StringComparison.Ordinal)
            .Replace("officers: 4 }", string.Create(CultureInfo.InvariantCulture, $"officers: {day} }}"), StringComparison.Ordinal)
            .Replace("officers: 3 }", string.Create(CultureInfo.InvariantCulture, $"officers: {night} }}"), StringComparison.Ordinal)
            .Replace("days: 3,", string.Create(CultureInfo.InvariantCulture, $"days: {days},"), StringComparison.Ordinal)
            + (windows.Length == 0 ? "" : "\n  changes:\n" + string.Join('\n', windows)));

    /// <summary>An uploaded scenario's text: as generated, cut short, or with stray characters (control characters too).</summary>
    private static readonly Gen<string> Yaml = Gen.Frequency(
        (4, Scenario),
        (1, Gen.Select(Scenario, Gen.Int[0, 10_000]).Select((y, at) => y[..(at % (y.Length + 1))])),
        (1, Gen.Select(Scenario, Gen.Int[0, 10_000], Gen.String[Gen.Char[(char)0, (char)0x7F], 1, 6]).Select((y, at, junk) => y.Insert(at % (y.Length + 1), junk))),
        (1, Gen.String[Gen.Char[(char)1, (char)0xFF], 0, 40]));

    private static readonly Gen<string?> FileName = Gen.OneOf<string?>(["town.yaml", null, "", "../../secret.yaml", "a\u0000b\nc.yaml", "<img src=x>.yaml", new string('x', 300)]);

    private static readonly Gen<JsonNode?> Size = Gen.Frequency(
        (4, Gen.Const(() => (JsonNode?)null)),
        (3, Gen.Int[1, 4].Select(i => (JsonNode?)JsonValue.Create(i))),
        (2, Gen.Int[-1, 12].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.OneOf<double>([0.5, 2.5, 1e308, 100_000]).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.OneOf<string>(["3", "", "many"]).Select(s => (JsonNode?)JsonValue.Create(s))));

    private static readonly Gen<JsonNode?> Label = Gen.OneOf<string?>([null, "", "Run 1", "<b>x</b>", "a\nb", new string('l', 81), "\u202Eevil"])
        .Select(l => l is null ? null : (JsonNode?)JsonValue.Create(l));

    /// <summary>A run request: a scenario by id, by text, both or neither, with levers, run size, seed and label.</summary>
    private static readonly Gen<JsonObject> RunRequest = Gen.Select(Gen.Int[0, 9], Gen.OneOf<string>(Ids), Yaml, FileName, Levers, Size, Size, Gen.Select(Size, Label))
        .Select((how, id, yaml, name, levers, replications, days, seedAndLabel) =>
        {
            var o = new JsonObject();
            if (how <= 4 || how == 8)
            {
                o["scenarioId"] = id;
            }

            if (how is >= 5 and <= 8)
            {
                o["yaml"] = yaml;
                o["fileName"] = name;
            }

            o["levers"] = levers?.DeepClone();
            o["replications"] = replications?.DeepClone();
            o["days"] = days?.DeepClone();
            o["seed"] = seedAndLabel.Item1?.DeepClone();
            o["label"] = seedAndLabel.Item2?.DeepClone();
            return o;
        });

    private static readonly Gen<JsonObject> Interval = Gen.Select(Number, Number, Number).Select((m, l, h) => new JsonObject { ["mean"] = m, ["low"] = l, ["high"] = h });

    /// <summary>A request to one endpoint: its path and JSON body.</summary>
    /// <summary>A run of an uploaded scenario as generated (windows and all), with a valid size: mostly answered, or refused by a cap.</summary>
    private static readonly Gen<JsonObject> PlainRun = Gen.Select(Scenario, Gen.Int[1, 4])
        .Select((yaml, replications) => new JsonObject { ["yaml"] = yaml, ["replications"] = replications });

    private static readonly Gen<(string Path, JsonNode Body)> Request = Gen.Frequency(
        (4, PlainRun.Select(r => ("/api/run", (JsonNode)r))),
        (5, RunRequest.Select(r => ("/api/run", (JsonNode)r))),
        (2, RunRequest.Select(r => ("/api/animate", (JsonNode)r))),
        (2, Gen.Select(RunRequest, RunRequest, Size).Select((b, v, n) => ("/api/compare", (JsonNode)new JsonObject { ["baseline"] = b, ["variant"] = v, ["replications"] = n }))),
        (2, Gen.Select(Yaml, FileName).Select((y, n) => ("/api/scenario", (JsonNode)new JsonObject { ["yaml"] = y, ["fileName"] = n }))),
        (1, Gen.Select(Interval, Interval, Label).Array[0, 3].Select(ps => ("/api/chart", (JsonNode)new JsonObject
        {
            ["points"] = new JsonArray([.. ps.Select(p => (JsonNode)new JsonObject { ["label"] = p.Item3, ["exposure"] = p.Item1, ["response"] = p.Item2 })]),
        }))));

    /// <summary>What is done to the body's bytes: nothing (most), cut short, stray bytes (invalid UTF-8 too), deep nesting, or another content type.</summary>
    private static readonly Gen<Func<byte[], (byte[] Body, string? Type)>> Damage = Gen.Frequency(
        (8, Gen.Const<Func<byte[], (byte[], string?)>>(b => (b, "application/json"))),
        (1, Gen.Int[0, 100_000].Select<int, Func<byte[], (byte[], string?)>>(at => b => (b[..(at % (b.Length + 1))], "application/json"))),
        (1, Gen.Select(Gen.Int[0, 100_000], Gen.Byte.Array[1, 4]).Select<int, byte[], Func<byte[], (byte[], string?)>>((at, junk) => b =>
        {
            int i = at % (b.Length + 1);
            return ([.. b[..i], .. junk, .. b[i..]], "application/json");
        })),
        (1, Gen.Int[60, 2000].Select<int, Func<byte[], (byte[], string?)>>(depth => b =>
            ([.. Encoding.UTF8.GetBytes(new string('[', depth)), .. b, .. Encoding.UTF8.GetBytes(new string(']', depth))], "application/json"))),
        (1, Gen.OneOf<string?>(["text/plain", null, "application/x-www-form-urlencoded"]).Select<string?, Func<byte[], (byte[], string?)>>(t => b => (b, t))));

    [Fact]
    public async Task RandomRequests_Answer2xxOr4xxWithAMessage_AndAnsweredRunsStayWithinTheCallCap()
    {
        await using var server = factory.With(new ServeOptions(Limits: Small));
        var client = server.CreateClient();
        var statuses = new SortedDictionary<int, int>();
        int cases = await FuzzAsync(Gen.Select(Request, Damage), 600, async c =>
        {
            var (body, type) = c.Item2(Encoding.UTF8.GetBytes(c.Item1.Body.ToJsonString()));
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = type is null ? null : new MediaTypeHeaderValue(type);
            using var response = await client.PostAsync(c.Item1.Path, content);
            int status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            return Judge(c.Item1.Path, status, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        });
        output.WriteLine($"{cases} requests: " + string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}")));
    }

    /// <summary>An uploaded scenario gets the CLI's verdict: accepted exactly when ScenarioLoader accepts it, refused with its messages.</summary>
    [Fact]
    public async Task Uploads_GetTheClisVerdict_AndExactlyItsMessages()
    {
        var client = factory.CreateClient();
        int cases = await FuzzAsync(Gen.Select(Yaml, FileName), 200, async c =>
        {
            var (yaml, name) = c;
            using var response = await Api.PostAsync(client, "/api/scenario", new UploadRequest(yaml, name));
            string body = await response.Content.ReadAsStringAsync();
            if (string.IsNullOrWhiteSpace(yaml))
            {
                return (int)response.StatusCode == 400 ? null : $"an empty upload got {(int)response.StatusCode}: {body}";
            }

            try
            {
                ScenarioLoader.Parse(yaml, Simulations.SafeName(name));
                return response.IsSuccessStatusCode ? null : $"the CLI accepts it, the server answered {(int)response.StatusCode}: {body}";
            }
            catch (ScenarioException e)
            {
                var error = (int)response.StatusCode == 400 ? JsonSerializer.Deserialize<ErrorResponse>(body, Api.Json) : null;
                var cli = e.Errors.Select(x => x.ToString()).ToList();
                return error is not null && error.Details.SequenceEqual(cli) ? null
                    : $"the CLI refuses it with [{string.Join(" | ", cli)}], the server answered {(int)response.StatusCode}: {body}";
            }
        });
        output.WriteLine($"{cases} uploads");
    }

    /// <summary>2xx (a run's calls within the cap), or 4xx as a JSON message; never 5xx, an internal error or a stack.</summary>
    private static string? Judge(string path, int status, string? type, string body)
    {
        if (status == 200)
        {
            if (path != "/api/run")
            {
                return null;
            }

            // Calls after the warm-up, per replication: at most the cap's calls (with room for chance), whatever the windows.
            var run = JsonSerializer.Deserialize<RunResponse>(body, Api.Json)!;
            double calls = (run.Overall.Single(r => r.Key == "callsArrived").Mean ?? 0) * run.Replications;
            return calls <= (Small.MaxCallsPerRequest * 1.25) + 100 ? null : $"a run simulated about {calls:0} calls, over the cap of {Small.MaxCallsPerRequest}";
        }

        if (status is not (400 or 404 or 413 or 415))
        {
            return $"status {status}: {body}";
        }

        if (type != "application/json")
        {
            return $"status {status} as {type}: {body}";
        }

        var error = JsonSerializer.Deserialize<ErrorResponse>(body, Api.Json);
        return error is { Error.Length: > 0 } && !error.Error.Contains("internal error", StringComparison.Ordinal)
            && !body.Contains("Exception", StringComparison.Ordinal) && !body.Contains("   at ", StringComparison.Ordinal)
            ? null
            : $"status {status} without a plain message: {body}";
    }

    /// <summary>Runs <paramref name="cases"/> cases, case i generated from PCG stream i and the fixed seed; fails listing the first bad cases.</summary>
    private static async Task<int> FuzzAsync<T>(Gen<T> gen, int cases, Func<T, Task<string?>> problem)
    {
        // CI runs the fixed count; PATROLSIM_FUZZ_SCALE=N runs N times as many (a longer hunt, same seed).
        cases *= int.TryParse(Environment.GetEnvironmentVariable("PATROLSIM_FUZZ_SCALE"), out int scale) && scale > 1 ? scale : 1;
        var failures = new List<string>();
        for (uint i = 0; i < cases; i++)
        {
            var value = gen.Generate(new PCG(i, Seed), null!, out _);
            if (await problem(value) is { } p)
            {
                failures.Add($"case {i} (PCG stream {i}, seed {Seed}): {p}\ninput: {value}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n{string.Join("\n\n", failures.Take(5))}");
        return cases;
    }
}
