using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;
using PatrolSim.Scenarios;

namespace PatrolSim.Web;

/// <summary>
/// What the endpoints do, without HTTP: pick or validate a scenario, check the request against the limits, apply the
/// levers as the CLI's overrides, and run the simulation through Experiments (one slot of the gate, the timeout as a
/// cancellation checked between replications). Every refusal is an <see cref="ApiException"/>.
/// </summary>
public sealed class Simulations(ScenarioCatalog catalog, ServeOptions options, SimulationGate gate)
{
    /// <summary>Longest run label or chart title accepted.</summary>
    public const int MaxLabelLength = 80;

    private const string DefaultUploadName = "upload.yaml";

    /// <summary>The limits in force.</summary>
    public WebLimits Limits { get; } = options.Limits ?? new WebLimits();

    /// <summary>GET /api/scenarios.</summary>
    public ScenarioListResponse List() =>
        new(catalog.Entries.Select(e => Entry(e.Id, e.Origin, e.Scenario)).ToList(), catalog.DefaultId, Limits);

    /// <summary>POST /api/scenario: validates an uploaded file and returns its levers.</summary>
    public ScenarioEntry Upload(UploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Uploaded(request.Yaml, request.FileName, "yaml");
        return Entry(null, "upload", Parse(text, []));
    }

    /// <summary>POST /api/run.</summary>
    public async Task<RunResponse> RunAsync(RunRequest request, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        int replications = Replications(request.Replications, 1, "replications");
        ulong seed = request.Seed ?? Limits.DefaultSeed;
        var run = Prepare(request, request.Days, "");
        CheckWork(run.Scenario, replications, "replications");
        var (summary, ms) = await ExecuteAsync(token => ReplicationRunner.Run(run.Scenario, replications, seed, Parallelism, cancellationToken: token), aborted).ConfigureAwait(false);
        var p1 = summary.ByPriority.TryGetValue(1, out var byP1) ? byP1 : null;
        return new RunResponse(
            run.Title, run.Label, replications, run.Scenario.Horizon.Days, seed, run.Overrides,
            MetricCatalog.All.Select(m => Row(m.Name, m, summary.Overall[m.Index])).ToList(),
            p1 is null ? [] : MetricCatalog.All.Where(m => m.ByPriority).Select(m => Row(m.Name + "@1", m, p1[m.Index])).ToList(),
            summary.Warnings,
            PointOf(run.Label, summary, p1),
            ms,
            summary.Council.Select(c => Row(c.Measure.Name, c.Measure.Metric, c.Value)).ToList(),
            summary.Basis.Notes());
    }

    /// <summary>POST /api/compare: baseline and variant under common random numbers, as <c>patrolsim compare</c>.</summary>
    public async Task<CompareResponse> CompareAsync(CompareRequest request, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Baseline is null || request.Variant is null)
        {
            throw ApiException.BadRequest("a comparison needs both 'baseline' and 'variant' (each a run request: scenarioId or yaml, and levers)");
        }

        int replications = Replications(request.Replications, 2, "replications");
        ulong seed = request.Seed ?? Limits.DefaultSeed;
        var baseline = Prepare(request.Baseline, request.Days, "baseline.");
        var variant = Prepare(request.Variant, request.Days ?? baseline.Scenario.Horizon.Days, "variant.");
        CheckWork(baseline.Scenario, replications * 2, "replications");
        CheckWork(variant.Scenario, replications * 2, "replications");
        var variants = new[]
        {
            new Variant(baseline.Label, baseline.Scenario, string.Join(", ", baseline.Overrides)),
            new Variant(variant.Label, variant.Scenario, string.Join(", ", variant.Overrides)),
        };
        var (result, ms) = await ExecuteAsync(token => PairedComparison.Run(variants, replications, seed, Parallelism, cancellationToken: token), aborted).ConfigureAwait(false);
        var rows = result.Metrics.Select(m =>
        {
            var b = result.Get(0, m);
            var v = result.Get(1, m);
            return new ComparisonRow(m.Name, m.Metric.Description, m.Metric.Unit, BetterWord(m.Metric.Better),
                Of(RunReport.NeverNegative(b.Value)), Of(RunReport.NeverNegative(v.Value)), Of(v.Difference), v.Significant, KeyMetrics.RankOf(m.Name), N(v.P), N(v.PHolm));
        }).ToList();
        return new CompareResponse(baseline.Label, variant.Label, replications, baseline.Scenario.Horizon.Days, seed, rows, ms);
    }

    /// <summary>
    /// Runs the default scenario briefly through the run, chart and animate paths and serialises the answers (and one
    /// refusal), so the first Run a class presses (or the first 429) is not the one that compiles them (it took 1.5-2.5 s instead of 0.1-0.5 s; docs/web.md).
    /// <c>patrolsim serve</c> calls it in the background once the server listens; the results are discarded.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var entry = catalog.Find(catalog.DefaultId)!;
        var request = new RunRequest(ScenarioId: entry.Id, Replications: 2, Days: entry.Scenario.Horizon.WarmupDays + 2);
        var run = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        var chart = Chart(new ChartRequest([run.Point, run.Point with { Label = "warm-up" }]));
        var day = await AnimateAsync(request, cancellationToken).ConfigureAwait(false);
        _ = JsonSerializer.Serialize(run, PatrolSimServer.JsonOptions).Length + chart.Length + JsonSerializer.Serialize(day, PatrolSimServer.JsonOptions).Length;

        // And one refusal: the first exception a process throws is slow to make, and a first burst's 429s all waited for it
        // (1.75 s each on the loaded 2-core build machine).
        try
        {
            Upload(new UploadRequest(null));
        }
        catch (ApiException e)
        {
            _ = JsonSerializer.Serialize(e.ToResponse(), PatrolSimServer.JsonOptions).Length;
        }
    }

    /// <summary>POST /api/animate: one day of replication 0 with every event's position.</summary>
    public async Task<AnimateResponse> AnimateAsync(RunRequest request, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong seed = request.Seed ?? Limits.DefaultSeed;
        var run = Prepare(request, null, "", ["horizon.days=1", "horizon.warmupDays=0"]);
        CheckWork(run.Scenario, 1, "levers");
        var (recorder, _) = await ExecuteAsync(token =>
        {
            token.ThrowIfCancellationRequested();
            var r = new AnimationRecorder(run.Scenario);
            new Model.Simulation.PatrolSimulation(run.Scenario).Run(seed, 0, r);
            return r;
        }, aborted).ConfigureAwait(false);
        var city = run.Scenario.City;
        return new AnimateResponse(run.Title, new CityBounds(city.WidthKm, city.HeightKm),
            city.Zones.Zip(ZoneOutline.Of(city), (z, o) => new BeatBox(z.Id, z.XKm, z.YKm, z.WidthKm, z.HeightKm,
                [.. o.Polygons.Select(p => (IReadOnlyList<IReadOnlyList<double[]>>)[.. p.Select(r => (IReadOnlyList<double[]>)[.. r.Select(c => new[] { c.X, c.Y })])])],
                [o.Label.X, o.Label.Y])).ToList(),
            recorder.Units, recorder.Events, recorder.Queue, AnimationRecorder.Minutes);
    }

    /// <summary>A run's point: P1 (else all calls') mean response against exposure, and annual cost and expected injuries when the run has them.</summary>
    private static ChartPoint PointOf(string label, RunSummary summary, IReadOnlyList<ConfidenceInterval>? p1)
    {
        var cost = summary.Council.FirstOrDefault(c => c.Measure.Name == CouncilMeasures.Cost);
        var injuries = summary.Council.FirstOrDefault(c => c.Measure.Name == CouncilMeasures.Injuries);
        return new ChartPoint(label, Of(summary.Overall[MetricCatalog.SoloExposureIndex]), Of((p1 ?? summary.Overall)[MetricCatalog.ResponseMean]),
            cost is null ? null : Of(cost.Value), cost?.Measure.Metric.Unit, injuries is null ? null : Of(injuries.Value));
    }

    /// <summary>POST /api/chart: the trade-off chart of the runs so far (response against exposure, annual cost or expected injuries), as SVG.</summary>
    public string Chart(ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var points = request.Points ?? [];
        if (points.Count == 0 || points.Count > Limits.MaxChartPoints)
        {
            throw ApiException.BadRequest(FormattableString.Invariant($"points: give 1 to {Limits.MaxChartPoints} points (the 'point' of each run), not {points.Count}"));
        }

        string xName = request.X ?? CompareReport.TradeOffX;
        if (!CompareReport.TradeOffXs.Contains(xName))
        {
            throw ApiException.BadRequest($"x: '{xName}' is not an axis of the chart; use one of {string.Join(", ", CompareReport.TradeOffXs)}");
        }

        var problems = new List<string>();
        var scatter = new List<ScatterPoint>();
        var costUnits = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < points.Count; i++)
        {
            string at = FormattableString.Invariant($"points[{i}]");
            var p = points[i];
            var (x, xField) = xName switch
            {
                CouncilMeasures.Cost => (p?.Cost, "cost"),
                CouncilMeasures.Injuries => (p?.Injuries, "injuries"),
                _ => (p?.Exposure, "exposure"),
            };
            if (x is null || p?.Response is null)
            {
                string why = xName == CompareReport.TradeOffX ? "" : $" (a run of a scenario without a {(xName == CouncilMeasures.Cost ? "costs" : "safety")}: section has none; choose another x)";
                problems.Add($"{at}: needs {xField} and response, each {{mean, low, high}}{why}");
                continue;
            }

            if (xName == CouncilMeasures.Cost)
            {
                costUnits.Add(p.CostUnit ?? "");
            }

            string label = CheckLabel(p.Label, at + ".label", problems) ?? "";
            double[] values = [.. Values(x, $"{at}.{xField}", problems), .. Values(p.Response, at + ".response", problems)];
            if (values.Length == 6)
            {
                scatter.Add(new ScatterPoint(values[0], values[3], label) { XLow = values[1], XHigh = values[2], YLow = values[4], YHigh = values[5] });
            }
        }

        if (costUnits.Count > 1)
        {
            problems.Add($"points: their costs are in different units ({string.Join(", ", costUnits.Order(StringComparer.Ordinal))}); chart runs of one currency together");
        }

        string? title = request.Title is null ? null : CheckLabel(request.Title, "title", problems);
        if (problems.Count > 0)
        {
            throw ApiException.BadRequest(problems[0], problems);
        }

        // Laid out at 720 x 440 rather than the slide's 960 x 540: the page shows it about 780 px wide, so its text is
        // drawn a little larger than laid out, which a projector needs.
        var axis = TradeOffAxis.For(xName, costUnits.SingleOrDefault() ?? CouncilMeasures.PerYear)!;
        var chart = CompareReport.TradeOff(OneLabelPerSpot(scatter), true, "Runs", "runs", "web-tradeoff", axis) with { Width = WebChartWidth, Height = WebChartHeight };
        if (axis.Note is not null)
        {
            chart = chart with { Subtitle = axis.Note };
        }

        return new ScottPlotChartRenderer().Render(title is null ? chart : chart with { Title = title });
    }

    /// <summary>
    /// Runs with the same result (the same means) sit on one spot: the first of them is labelled with all their labels
    /// ("Run 2 = Run 3"; beyond three, the first two, the last and the count) and the others keep their marker and
    /// intervals without a label, rather than a ring of labels around one marker that no reader can tell apart.
    /// </summary>
    internal static List<ScatterPoint> OneLabelPerSpot(IReadOnlyList<ScatterPoint> points)
    {
        var result = points.ToList();
        foreach (var spot in Enumerable.Range(0, points.Count).GroupBy(i => (points[i].X, points[i].Y)).Where(g => g.Count() > 1))
        {
            var labels = spot.Select(i => points[i].Label).OfType<string>().Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            string joined = labels.Count <= 3 ? string.Join(" = ", labels)
                : FormattableString.Invariant($"{labels[0]} = {labels[1]} = … = {labels[^1]} ({labels.Count} runs)");
            foreach (int i in spot)
            {
                result[i] = points[i] with { Label = i == spot.First() ? joined : "" };
            }
        }

        return result;
    }

    private const int WebChartWidth = 720;

    private const int WebChartHeight = 440;

    private int Parallelism => gate.Parallelism;

    private ScenarioEntry Entry(string? id, string origin, Scenario s) =>
        new(id, s.Name, s.Description, origin, new CityBounds(s.City.WidthKm, s.City.HeightKm), s.Horizon.Days, s.Horizon.WarmupDays, Levers.For(s));

    /// <summary>The scenario a run request names, checked, with its levers and days applied.</summary>
    private Prepared Prepare(RunRequest r, double? days, string field, IReadOnlyList<string>? fixedOverrides = null)
    {
        ScenarioText text;
        Scenario file;
        if (r.ScenarioId is not null && r.Yaml is not null)
        {
            throw ApiException.BadRequest($"{field}scenarioId and {field}yaml: give one of them, not both");
        }

        if (r.ScenarioId is { } id)
        {
            var entry = catalog.Find(id) ?? throw new ApiException(StatusCodes.Status404NotFound,
                $"{field}scenarioId: no scenario '{id}'; the scenarios are {string.Join(", ", catalog.Entries.Select(e => e.Id))}");
            (text, file) = (entry.Text, entry.Scenario);
        }
        else if (r.Yaml is not null)
        {
            text = Uploaded(r.Yaml, r.FileName, field + "yaml");
            file = Parse(text, []);
        }
        else
        {
            throw ApiException.BadRequest($"{field}scenarioId or {field}yaml: name a scenario (an id from GET /api/scenarios) or send an uploaded scenario's text");
        }

        var levers = Levers.For(file);
        var overrides = new List<string>();
        if (fixedOverrides is null)
        {
            double d = days ?? file.Horizon.Days;
            if (!(d > file.Horizon.WarmupDays) || d > Limits.MaxDays)
            {
                string asked = days is null ? $"the scenario runs {Levers.Text(d)} days" : $"{Levers.Text(d)}";
                throw ApiException.BadRequest($"days: {asked}; give a number of days more than the warm-up ({Levers.Text(file.Horizon.WarmupDays)}) and at most {Levers.Text(Limits.MaxDays)}");
            }

            if (days is not null)
            {
                overrides.Add("horizon.days=" + Levers.Text(d));
            }
        }

        var moved = Levers.Overrides(levers, r.Levers, field + "levers");
        overrides.AddRange(moved);
        var problems = new List<string>();
        string label = CheckLabel(r.Label, field + "label", problems) ?? DefaultLabel(levers, moved);
        if (problems.Count > 0)
        {
            throw ApiException.BadRequest(problems[0], problems);
        }

        var scenario = Parse(text, [.. overrides, .. fixedOverrides ?? []]);
        return new Prepared(scenario, file.Name, label, overrides);
    }

    /// <summary>Parses the scenario with overrides; its problems are the CLI's messages, one per line of the details.</summary>
    private static Scenario Parse(ScenarioText text, IReadOnlyList<string> overrides)
    {
        try
        {
            return ScenarioLoader.Parse(text.Yaml, text.Source, overrides, text.Files);
        }
        catch (ScenarioException e)
        {
            var lines = e.Errors.Select(x => x.ToString()).ToList();
            string summary = lines.Count == 1 ? "1 problem; nothing was simulated." : FormattableString.Invariant($"{lines.Count} problems; nothing was simulated.");
            throw ApiException.BadRequest($"{text.Source}: the scenario is not valid ({summary}) {lines[0]}", lines);
        }
    }

    /// <summary>An uploaded scenario's text, within the size limit, named by its sanitised file name.</summary>
    private ScenarioText Uploaded(string? yaml, string? fileName, string field)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            throw ApiException.BadRequest($"{field}: the uploaded scenario is empty; send the text of a scenario file (docs/scenario-format.md)");
        }

        int bytes = Encoding.UTF8.GetByteCount(yaml);
        if (bytes > Limits.MaxUploadBytes)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge,
                FormattableString.Invariant($"{field}: the scenario is {bytes / 1024.0:0.#} KiB; the limit is {Limits.MaxUploadBytes / 1024} KiB (a scenario file is usually under 10 KiB)"));
        }

        return new ScenarioText(yaml, SafeName(fileName));
    }

    /// <summary>The last part of an uploaded file's name, printable, at most 100 characters: only ever shown in messages.</summary>
    internal static string SafeName(string? fileName)
    {
        string name = (fileName ?? "").Split('/', '\\')[^1];
        name = new string(name.Where(c => !char.IsControl(c)).Take(100).ToArray()).Trim();
        return name.Length == 0 ? DefaultUploadName : name;
    }

    private int Replications(int? asked, int min, string field)
    {
        int r = asked ?? Math.Max(min, Limits.DefaultReplications);
        if (r < min || r > Limits.MaxReplications)
        {
            throw ApiException.BadRequest(FormattableString.Invariant($"{field}: {r} is out of range; give a whole number from {min} to {Limits.MaxReplications}"));
        }

        return r;
    }

    /// <summary>
    /// Refuses a request whose simulated calls exceed the limit, before anything runs: calls a day × days, plus the extra
    /// calls of every demand window ((multiplier − 1) × calls a day × its days inside the horizon, at the weekly profile's
    /// peak rate, each window counted even where windows overlap: a bound, not an estimate), × runs. Without the windows a
    /// short window multiplying demand a thousandfold passed as a few thousand calls.
    /// </summary>
    private void CheckWork(Scenario s, int runs, string field)
    {
        double perDay = s.Demand.CallsPerDay * s.Demand.Multiplier;
        var profile = s.Demand.WeeklyProfile;
        double peak = profile.Count > 0 && profile.Average() > 0 ? profile.Max() / profile.Average() : 1;
        double horizon = s.Horizon.Days * 1440;
        double windowDays = s.Policy.Changes.Where(c => c.Set.DemandMultiplier > 1).Sum(c =>
            (c.Set.DemandMultiplier!.Value - 1) * Math.Max(0, Math.Min(horizon, c.AtMinutes + (c.DurationHours * 60)) - Math.Max(0, c.AtMinutes)) / 1440);
        double calls = perDay * (s.Horizon.Days + (windowDays * peak)) * runs;
        if (!(calls <= Limits.MaxCallsPerRequest))
        {
            throw ApiException.BadRequest(FormattableString.Invariant(
                $"{field}: this request would simulate about {calls:#,0} calls (calls a day × days × replications, demand windows included), more than the server's limit of {Limits.MaxCallsPerRequest:#,0}; give fewer replications or days, or run it with the CLI"));
        }
    }

    /// <summary>Runs <paramref name="work"/> in a slot of the gate, on its threads, with the timeout; 429 at once when busy, 503 on timeout.</summary>
    private async Task<(T Result, long Ms)> ExecuteAsync<T>(Func<CancellationToken, T> work, CancellationToken aborted)
    {
        using var slot = gate.TryEnter() ?? throw new ApiException(StatusCodes.Status429TooManyRequests,
            FormattableString.Invariant($"the server is already running {gate.Slots} simulations; try again in a few seconds"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Limits.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, aborted);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await gate.RunAsync(() => work(linked.Token), linked.Token).ConfigureAwait(false);
            return (result, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, FormattableString.Invariant(
                $"the simulation took longer than {Limits.TimeoutSeconds:0.#} s and was stopped; give fewer replications or days"));
        }
    }

    private static MetricRow Row(string key, MetricDefinition m, ConfidenceInterval ci)
    {
        var c = RunReport.NeverNegative(ci);
        return new MetricRow(key, m.Description, m.Unit, N(c.Mean), N(c.Low), N(c.High), KeyMetrics.RankOf(key));
    }

    private static Interval Of(ConfidenceInterval ci) => new(N(ci.Mean), N(ci.Low), N(ci.High));

    private static double? N(double v) => double.IsFinite(v) ? v : null;

    private static string BetterWord(Better b) => b switch
    {
        Better.Lower => "lower",
        Better.Higher => "higher",
        _ => "neutral",
    };

    /// <summary>The levers moved from the file's values, "key=value" with the key's last parts; "as in the file" when none.</summary>
    private static string DefaultLabel(IReadOnlyList<Lever> levers, IReadOnlyList<string> overrides)
    {
        var moved = overrides.Select(o => Overrides.Split(o)!.Value)
            .Where(kv => levers.First(l => l.Key == kv.Key).Value != kv.Value)
            .Select(kv => ShortKey(kv.Key) + "=" + kv.Value)
            .ToList();
        string label = moved.Count == 0 ? "as in the file" : string.Join(", ", moved);
        return label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
    }

    private static string ShortKey(string key)
    {
        foreach (string prefix in new[] { "staffing.shifts.", "policy.", "staffing.", "demand." })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }

    private static string? CheckLabel(string? label, string field, List<string> problems)
    {
        if (label is null)
        {
            return null;
        }

        if (label.Length > MaxLabelLength || label.Any(char.IsControl))
        {
            problems.Add(FormattableString.Invariant($"{field}: give at most {MaxLabelLength} characters on one line ({label.Length} given)"));
            return null;
        }

        return label;
    }

    /// <summary>Mean, low, high of an interval as numbers ≥ 0 (low and high NaN when absent); empty with a problem otherwise.</summary>
    private static double[] Values(Interval i, string field, List<string> problems)
    {
        if (i.Mean is not { } mean || !double.IsFinite(mean) || mean < 0)
        {
            problems.Add($"{field}.mean: give a number of at least 0");
            return [];
        }

        double low = i.Low ?? double.NaN;
        double high = i.High ?? double.NaN;
        if (double.IsInfinity(low) || double.IsInfinity(high) || low > mean || high < mean)
        {
            problems.Add($"{field}: low and high must be finite with low ≤ mean ≤ high");
            return [];
        }

        return [mean, Math.Max(0, low), high];
    }

    private sealed record Prepared(Scenario Scenario, string Title, string Label, IReadOnlyList<string> Overrides);
}
