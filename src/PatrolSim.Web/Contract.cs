using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatrolSim.Web;

// The JSON API of `patrolsim serve` (docs/web.md, "API"). Every record here is serialised camelCase; numbers that do not
// apply (a metric with no calls in a priority, an interval of one replication) are null, never NaN. Errors are always
// an ErrorResponse with a status code: 400 bad input, 404 unknown scenario id, 413 too large, 429 busy, 503 timed out.

/// <summary>Every error: one line saying what is wrong and the fix, and the details (e.g. each problem of a scenario file, as the CLI prints them).</summary>
/// <param name="Error">The message.</param>
/// <param name="Details">Further lines; empty when there are none.</param>
public sealed record ErrorResponse(string Error, IReadOnlyList<string> Details);

/// <summary>GET /api/scenarios: the bundled scenarios (and the one given on the command line), the default, and the limits.</summary>
/// <param name="Scenarios">Selectable scenarios, the default first.</param>
/// <param name="DefaultId">Id of the scenario selected at start.</param>
/// <param name="Limits">The limits every request is checked against.</param>
public sealed record ScenarioListResponse(IReadOnlyList<ScenarioEntry> Scenarios, string DefaultId, WebLimits Limits);

/// <summary>A scenario the page can run: its levers with their current values and ranges.</summary>
/// <param name="Id">Id to name it in requests (null for an uploaded scenario: send its YAML again with each request).</param>
/// <param name="Title">The scenario's name.</param>
/// <param name="Description">The scenario's description.</param>
/// <param name="Origin">"bundled", "command line" or "upload".</param>
/// <param name="City">The city's size (for the map).</param>
/// <param name="Days">Simulated days of the file (horizon.days).</param>
/// <param name="WarmupDays">Warm-up days of the file; a run's days must be more.</param>
/// <param name="Levers">The levers, in display order.</param>
public sealed record ScenarioEntry(
    string? Id,
    string Title,
    string Description,
    string Origin,
    CityBounds City,
    double Days,
    double WarmupDays,
    IReadOnlyList<Lever> Levers);

/// <summary>The city's rectangle, km from its south-west corner (x east, y north).</summary>
public sealed record CityBounds(double WidthKm, double HeightKm);

/// <summary>
/// One lever: a scenario key (the CLI's <c>--set</c> key) the page shows as a slider (<see cref="Kind"/> "number") or a
/// select ("choice"). Values are sent back as text (or JSON numbers) in <see cref="RunRequest.Levers"/>; the server
/// checks each against <see cref="Min"/>/<see cref="Max"/> (and whole numbers when <see cref="Step"/> is 1 and
/// <see cref="Whole"/>) or <see cref="Options"/>.
/// </summary>
/// <param name="Key">The override key, e.g. <c>policy.crew.twoOfficerShare</c> or <c>staffing.shifts.day.officers</c>.</param>
/// <param name="Label">What to show, e.g. "Officers, day shift".</param>
/// <param name="Kind">"number" (slider) or "choice" (select).</param>
/// <param name="Value">The scenario's value as text, e.g. "6", "0.5", "risk".</param>
/// <param name="Min">Smallest allowed (numbers).</param>
/// <param name="Max">Largest allowed (numbers).</param>
/// <param name="Step">Slider step (numbers); a hint, not checked.</param>
/// <param name="Whole">Whether only whole numbers are allowed.</param>
/// <param name="Unit">Unit shown after the value ("officers", "share", "calls/day", "×"), or null.</param>
/// <param name="Options">The allowed words (choices).</param>
public sealed record Lever(
    string Key,
    string Label,
    string Kind,
    string Value,
    double? Min = null,
    double? Max = null,
    double? Step = null,
    bool Whole = false,
    string? Unit = null,
    IReadOnlyList<string>? Options = null);

/// <summary>The limits of the server (shown by GET /api/scenarios and in docs/web.md).</summary>
/// <param name="MaxReplications">Replications per run (and per variant of a comparison).</param>
/// <param name="MaxDays">Simulated days per run.</param>
/// <param name="MaxUploadBytes">Size of an uploaded scenario (UTF-8), 413 above.</param>
/// <param name="MaxRequestBytes">Size of a request body, 413 above.</param>
/// <param name="MaxCallsPerRequest">Calls a request may simulate (calls a day × days × replications × variants), 400 above.</param>
/// <param name="MaxChartPoints">Points in one chart request.</param>
/// <param name="MaxConcurrentSimulations">Simulations running at once; one more gets 429.</param>
/// <param name="TimeoutSeconds">Seconds a simulation may take before it is cancelled (503).</param>
/// <param name="DefaultReplications">Replications when a request gives none.</param>
/// <param name="DefaultSeed">Seed when a request gives none.</param>
public sealed record WebLimits(
    int MaxReplications = 50,
    double MaxDays = 365,
    int MaxUploadBytes = 64 * 1024,
    int MaxRequestBytes = 256 * 1024,
    long MaxCallsPerRequest = 3_000_000,
    int MaxChartPoints = 200,
    int MaxConcurrentSimulations = 2,
    double TimeoutSeconds = 20,
    int DefaultReplications = 10,
    ulong DefaultSeed = 1);

/// <summary>POST /api/scenario: an uploaded scenario file to validate.</summary>
/// <param name="Yaml">The file's text.</param>
/// <param name="FileName">The file's name, used only in messages (never opened); default "upload.yaml".</param>
public sealed record UploadRequest(string? Yaml, string? FileName = null);

/// <summary>
/// POST /api/run (and /api/animate): which scenario, the levers moved, and how long and often to simulate.
/// Exactly one of <see cref="ScenarioId"/> and <see cref="Yaml"/>.
/// </summary>
/// <param name="ScenarioId">A bundled scenario's id (GET /api/scenarios).</param>
/// <param name="Yaml">An uploaded scenario's text (instead of an id).</param>
/// <param name="FileName">The uploaded file's name, for messages only.</param>
/// <param name="Levers">Lever key → value (text or number); levers not given keep the scenario's value.</param>
/// <param name="Replications">1 to <see cref="WebLimits.MaxReplications"/>; default <see cref="WebLimits.DefaultReplications"/>.</param>
/// <param name="Days">Simulated days, more than the warm-up and at most <see cref="WebLimits.MaxDays"/>; default the file's.</param>
/// <param name="Seed">Master seed; default 1. The same request gives the same numbers.</param>
/// <param name="Label">The run's name on the chart; default built from the levers moved.</param>
public sealed record RunRequest(
    string? ScenarioId = null,
    string? Yaml = null,
    string? FileName = null,
    Dictionary<string, JsonElement>? Levers = null,
    int? Replications = null,
    double? Days = null,
    ulong? Seed = null,
    string? Label = null);

/// <summary>POST /api/run: the metrics table, warnings and the run's point on the response-versus-exposure chart.</summary>
/// <param name="Title">The scenario's name.</param>
/// <param name="Label">The run's label (as given, or built from the levers moved).</param>
/// <param name="Replications">Replications run.</param>
/// <param name="Days">Simulated days (including warm-up).</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Overrides">The overrides applied, as the CLI's <c>--set key=value</c> would give them.</param>
/// <param name="Overall">Every metric over all calls.</param>
/// <param name="P1">Every by-priority metric for priority 1 (empty when the scenario has no priority-1 calls).</param>
/// <param name="Warnings">What a reader must know before trusting the table (as <c>patrolsim run</c> prints them).</param>
/// <param name="Point">The run's point: P1 mean response against solo exposure (and annual cost, expected injuries), with 95% intervals.</param>
/// <param name="ElapsedMs">Time the simulation took on the server, milliseconds.</param>
/// <param name="Council">The council figures (officers to employ; costs and safety when the scenario has those sections), as <c>patrolsim run</c> prints them.</param>
/// <param name="CouncilNotes">How the council figures are made, one sentence a line (hours per officer and their source, relief factor; that safety rates are inputs).</param>
public sealed record RunResponse(
    string Title,
    string Label,
    int Replications,
    double Days,
    ulong Seed,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<MetricRow> Overall,
    IReadOnlyList<MetricRow> P1,
    IReadOnlyList<string> Warnings,
    ChartPoint Point,
    long ElapsedMs,
    IReadOnlyList<MetricRow> Council,
    IReadOnlyList<string> CouncilNotes);

/// <summary>One metric's mean and 95% Student-t interval over replications (low clamped at 0: no metric is negative).</summary>
/// <param name="Key">Metric name as in the CLI's outputs, e.g. <c>responseTime.mean</c> or <c>responseTime.mean@1</c>.</param>
/// <param name="Label">What it measures.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Mean">Mean, or null where it does not apply.</param>
/// <param name="Low">Interval low, or null.</param>
/// <param name="High">Interval high, or null.</param>
/// <param name="Rank">Its place among the metrics a reader looks at first (<c>KeyMetrics</c>, 0 first), or null: the page shows those first.</param>
public sealed record MetricRow(string Key, string Label, string Unit, double? Mean, double? Low, double? High, int? Rank);

/// <summary>A mean with its 95% interval.</summary>
public sealed record Interval(double? Mean, double? Low, double? High);

/// <summary>A run's point on the trade-off chart.</summary>
/// <param name="Label">The run's label.</param>
/// <param name="Exposure">x by default: solo exposure index (<c>soloExposureIndex</c>, per 1,000 calls).</param>
/// <param name="Response">y: P1 mean response time (<c>responseTime.mean@1</c>, min; all calls' when there is no P1).</param>
/// <param name="Cost">x when the chart asks for <c>annualCost</c>: the run's annual cost; null without a <c>costs:</c> section.</param>
/// <param name="CostUnit">The unit of <paramref name="Cost"/>, e.g. "USD/yr".</param>
/// <param name="Injuries">x when the chart asks for <c>expectedInjuries</c>: expected injuries a year; null without a <c>safety:</c> section.</param>
public sealed record ChartPoint(string Label, Interval Exposure, Interval Response, Interval? Cost = null, string? CostUnit = null, Interval? Injuries = null);

/// <summary>POST /api/compare: two runs under common random numbers (same seed, replications and days for both).</summary>
/// <param name="Baseline">The reference (its replications, days and seed are ignored: the top-level ones apply).</param>
/// <param name="Variant">The variant (likewise).</param>
/// <param name="Replications">Replications of each, 2 to the limit; default <see cref="WebLimits.DefaultReplications"/>.</param>
/// <param name="Days">Simulated days of both; default the baseline file's.</param>
/// <param name="Seed">Master seed shared by both; default 1.</param>
public sealed record CompareRequest(RunRequest? Baseline, RunRequest? Variant, int? Replications = null, double? Days = null, ulong? Seed = null);

/// <summary>POST /api/compare: per metric the baseline, the variant and their paired difference, as <c>patrolsim compare</c> reports.</summary>
/// <param name="BaselineLabel">The baseline's label.</param>
/// <param name="VariantLabel">The variant's label.</param>
/// <param name="Replications">Replications of each.</param>
/// <param name="Days">Simulated days.</param>
/// <param name="Seed">The shared seed.</param>
/// <param name="Rows">Every metric overall, then by priority.</param>
/// <param name="ElapsedMs">Server time, milliseconds.</param>
public sealed record CompareResponse(
    string BaselineLabel,
    string VariantLabel,
    int Replications,
    double Days,
    ulong Seed,
    IReadOnlyList<ComparisonRow> Rows,
    long ElapsedMs);

/// <summary>One metric of a comparison.</summary>
/// <param name="Key">Metric name (<c>name</c> or <c>name@P</c>).</param>
/// <param name="Label">What it measures.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Better">"lower", "higher" or "neutral": which way is better.</param>
/// <param name="Baseline">The baseline's mean and interval.</param>
/// <param name="Variant">The variant's mean and interval.</param>
/// <param name="Difference">Paired difference variant − baseline with its 95% paired-t interval.</param>
/// <param name="Significant">Whether the difference is significant after Holm's adjustment over every metric compared (pHolm &lt; 0.05), as <c>patrolsim compare</c> marks it.</param>
/// <param name="Rank">Its place among the metrics a reader looks at first (<c>KeyMetrics</c>, 0 first), or null.</param>
/// <param name="P">The difference's two-sided paired-t p-value, or null where it does not apply.</param>
/// <param name="PHolm">The p-value adjusted by Holm's method over every metric of the comparison (what <paramref name="Significant"/> follows), or null.</param>
public sealed record ComparisonRow(string Key, string Label, string Unit, string Better, Interval Baseline, Interval Variant, Interval Difference, bool Significant, int? Rank,
    double? P = null, double? PHolm = null);

/// <summary>POST /api/chart: the runs so far, drawn as the trade-off chart (image/svg+xml).</summary>
/// <param name="Points">The points, oldest first (at most <see cref="WebLimits.MaxChartPoints"/>).</param>
/// <param name="Title">Chart title; default "Trade-off: response against solo exposure" (or the chosen x).</param>
/// <param name="X">The x axis: <c>soloExposureIndex</c> (default), <c>annualCost</c> or <c>expectedInjuries</c>; every point must have it.</param>
public sealed record ChartRequest(IReadOnlyList<ChartPoint>? Points, string? Title = null, string? X = null);

/// <summary>POST /api/animate: one simulated day of replication 0, for the map.</summary>
/// <param name="Title">The scenario's name.</param>
/// <param name="City">The city's size; every position lies inside it.</param>
/// <param name="Beats">The city's beats (zones): bounding rectangles and outlines (real shapes for a city of GeoJSON beats).</param>
/// <param name="Units">Every unit that went on duty.</param>
/// <param name="Events">The day's events in time order.</param>
/// <param name="Queue">The dispatcher's queue at each change: calls waiting for a unit (a first unit, backup or a team), as the model counts them.</param>
/// <param name="Minutes">Length of the day replayed (1440).</param>
public sealed record AnimateResponse(
    string Title,
    CityBounds City,
    IReadOnlyList<BeatBox> Beats,
    IReadOnlyList<UnitInfo> Units,
    IReadOnlyList<AnimationEvent> Events,
    IReadOnlyList<QueuePoint> Queue,
    double Minutes);

/// <summary>A beat: its id, its bounding rectangle in km, its outline and where its label goes.</summary>
/// <param name="Id">The beat's id.</param>
/// <param name="X">West edge of its bounding box (km).</param>
/// <param name="Y">South edge of its bounding box (km).</param>
/// <param name="Width">Width of its bounding box (km).</param>
/// <param name="Height">Height of its bounding box (km).</param>
/// <param name="Polygons">Its outline: polygons, each a list of closed rings (the shell, then holes), each ring a list of [x, y] in km.</param>
/// <param name="Label">A point inside it for its label, [x, y] in km.</param>
public sealed record BeatBox(string Id, double X, double Y, double Width, double Height, IReadOnlyList<IReadOnlyList<IReadOnlyList<double[]>>> Polygons, double[] Label);

/// <summary>A unit: its id in the events, its name and its officers (1 or 2) when it first went on duty.</summary>
public sealed record UnitInfo(long Id, string Name, int Officers, bool BackupOnly);

/// <summary>
/// One event of the replayed day (the trace of <c>patrolsim run --trace</c>, compact). Fields that do not apply are
/// absent. Kinds: arrive, no-unit, dispatch, on-scene, service-start, clear, return, idle, on-duty, off-duty, pulled,
/// back-on-patrol, preempted, shift-start, shift-end, break-start, break-end, proactive-start, proactive-end,
/// crew-dissolved, policy-start, policy-end, warmup-end, and alone-start and alone-end: the model starts or stops counting
/// officer-minutes alone at the call (service started, exactly one officer on scene, the call's risk above none), the
/// one definition of "alone at a risky call" its exposure metrics use. The queue's changes are in <see cref="AnimateResponse.Queue"/>.
/// </summary>
/// <param name="T">Minutes from the start of the day.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Unit">The unit concerned.</param>
/// <param name="Call">The call concerned.</param>
/// <param name="Priority">The call's priority.</param>
/// <param name="Risky">Whether the call's risk counts in solo exposure (its risk level is low, medium or high, not none).</param>
/// <param name="Officers">Officers of the unit (on-duty, dispatch) or needed by the call (arrive).</param>
/// <param name="X">Where (km): the call (arrive, on-scene), the unit's start (dispatch, return), the unit (on-duty, idle, pulled).</param>
/// <param name="Y">Where (km), with <paramref name="X"/>.</param>
/// <param name="ToX">Where the unit heads (dispatch: the call; return: its beat).</param>
/// <param name="ToY">With <paramref name="ToX"/>.</param>
public sealed record AnimationEvent(
    double T,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Unit = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Call = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Priority = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Risky = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Officers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? X = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Y = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ToX = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ToY = null);

/// <summary>The queue length from time <paramref name="T"/> on.</summary>
public sealed record QueuePoint(double T, int Length);
