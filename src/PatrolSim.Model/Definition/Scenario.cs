using PatrolSim.Geography;
using PatrolSim.Geography.Travel;

namespace PatrolSim.Model.Definition;

/// <summary>
/// A validated scenario: a city, its demand, its patrol force and the policy under test. Built by
/// <c>PatrolSim.Scenarios</c> from a YAML file (every value checked there) or directly in code and tests.
/// Times of day and durations are in minutes/hours as in the file; the simulation converts them to ticks.
/// </summary>
public sealed record Scenario
{
    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario shows.</summary>
    public string Description { get; init; } = "";

    /// <summary>Simulated period and warm-up.</summary>
    public required Horizon Horizon { get; init; }

    /// <summary>Geometry: zones (beats) with demand weights.</summary>
    public required City City { get; init; }

    /// <summary>Calls for service.</summary>
    public required Demand Demand { get; init; }

    /// <summary>How units move.</summary>
    public required Travel Travel { get; init; }

    /// <summary>Shifts and officers.</summary>
    public required Staffing Staffing { get; init; }

    /// <summary>Crew, backup and dispatch rules, and their changes in time.</summary>
    public required Policy Policy { get; init; }

    /// <summary>Call-taking and dispatcher processing before a unit is sent (none by default).</summary>
    public CallHandling CallHandling { get; init; } = CallHandling.None;

    /// <summary>Weights of the risk levels in the exposure metric.</summary>
    public RiskWeights RiskWeights { get; init; } = RiskWeights.Default;

    /// <summary>Response-time targets by priority, minutes.</summary>
    public IReadOnlyDictionary<int, double> ResponseTargets { get; init; } = new Dictionary<int, double>();

    /// <summary>How on-duty officer-hours become officers to employ (<c>staffing.availableHoursPerOfficer</c>, <c>staffing.contractHoursPerYear</c>).</summary>
    public Employment Employment { get; init; } = Employment.Default;

    /// <summary>What officers, overtime and cars cost (the optional <c>costs:</c> section); null = no costs reported.</summary>
    public Costs? Costs { get; init; }

    /// <summary>Assault rates and injury shares (the optional <c>safety:</c> section); null = no safety estimates reported.</summary>
    public Safety? Safety { get; init; }
}

/// <summary>Simulated period: <see cref="Days"/> in all, of which the first <see cref="WarmupDays"/> are not measured.</summary>
public sealed record Horizon(double Days, double WarmupDays);

/// <summary>
/// The city: a bounding rectangle and its zones. A city read from a zones file (real beats) also has their
/// <see cref="Shapes"/>; its <see cref="Zones"/> then list the same zones in the same order, each with its bounding box.
/// </summary>
public sealed record City(double WidthKm, double HeightKm, IReadOnlyList<Zone> Zones)
{
    /// <summary>The zones' real shapes (polygons, in the city's km frame), or null for rectangles.</summary>
    public ZoneSet? Shapes { get; init; }

    /// <summary>
    /// Observed call locations by zone (km frame; one list per zone, in zone order), from a CAD export with coordinates:
    /// a call in a zone with points is placed at one of them, drawn uniformly, so busy corners stay busy; a zone
    /// without points places calls uniformly over its area. Null: every zone uniformly.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CallPoint>>? CallPoints { get; init; }

    /// <summary>The districts named by the zones, in order of first appearance (empty when none): the order of every result by district.</summary>
    public IReadOnlyList<string> Districts() => [.. Zones.Select(z => z.District).OfType<string>().Distinct(StringComparer.Ordinal)];
}

/// <summary>An observed call location, km from the city's south-west corner.</summary>
public readonly record struct CallPoint(double XKm, double YKm);

/// <summary>
/// A beat or zone: a rectangle (a point when width and height are zero) with a demand weight; for a city of real
/// shapes, the zone's bounding box. Coordinates in km from the city's south-west corner.
/// </summary>
public sealed record Zone(string Id, double XKm, double YKm, double WidthKm, double HeightKm, double Weight)
{
    /// <summary>The district the zone belongs to, or null.</summary>
    public string? District { get; init; }
}

/// <summary>Call demand: a non-homogeneous Poisson process and the mix of call types.</summary>
/// <param name="CallsPerDay">Mean calls per day (before <paramref name="Multiplier"/>).</param>
/// <param name="Multiplier">Scales the rate (what-if volume).</param>
/// <param name="WeeklyProfile">168 hourly multipliers with mean 1; hour 0 is Monday 00:00.</param>
/// <param name="CallTypes">The call types; shares sum to 1.</param>
/// <param name="SelfInitiated">Optional proactive work started by idle units.</param>
public sealed record Demand(
    double CallsPerDay,
    double Multiplier,
    IReadOnlyList<double> WeeklyProfile,
    IReadOnlyList<CallType> CallTypes,
    SelfInitiated? SelfInitiated);

/// <summary>A kind of call.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Share">Share of all calls (normalised).</param>
/// <param name="Priority">1 = most urgent.</param>
/// <param name="OnScene">On-scene time distribution, minutes.</param>
/// <param name="Officers">Officers the call type itself requires on scene.</param>
/// <param name="Risk">Risk level, for the backup rule and the exposure metric.</param>
/// <param name="NeedsUnit">False for calls handled without a unit (by phone).</param>
/// <param name="Report">Report writing after the call clears, minutes: each unit that was on scene stays busy (not on scene, no exposure); null = none.</param>
public sealed record CallType(
    string Name,
    double Share,
    int Priority,
    Distribution OnScene,
    int Officers,
    RiskLevel Risk,
    bool NeedsUnit,
    Distribution? Report = null);

/// <summary>Proactive activities (traffic stops, checks) that idle units start on their own.</summary>
/// <param name="RatePerUnitHour">Starts per idle unit-hour (the mean over the day when <paramref name="Hourly"/> is given).</param>
/// <param name="Duration">Duration distribution, minutes.</param>
/// <param name="Risk">Risk level of these activities.</param>
/// <param name="Hourly">Optional 24 multipliers of the rate by hour of day (mean 1); null = flat.</param>
public sealed record SelfInitiated(double RatePerUnitHour, Distribution Duration, RiskLevel Risk, IReadOnlyList<double>? Hourly = null);

/// <summary>
/// What happens between a call being received and a unit being sent, besides waiting for a unit:
/// call-taking and entry (<see cref="Intake"/>, by priority) and the dispatcher's processing once a unit
/// is free (<see cref="Processing"/>). Both are off (zero) by default.
/// </summary>
/// <param name="Intake">Received → ready for dispatch, by priority; priorities not listed use <paramref name="DefaultIntake"/>.</param>
/// <param name="DefaultIntake">Intake of priorities not in <paramref name="Intake"/>, or null for none.</param>
/// <param name="Processing">Ready and a unit free → unit dispatched, or null for none.</param>
public sealed record CallHandling(IReadOnlyDictionary<int, Distribution> Intake, Distribution? DefaultIntake, Distribution? Processing)
{
    /// <summary>No call handling time: calls are ready at once and units leave the moment they are chosen.</summary>
    public static CallHandling None { get; } = new(new Dictionary<int, Distribution>(), null, null);

    /// <summary>True when any call-handling time is configured.</summary>
    public bool Any => Intake.Count > 0 || DefaultIntake is not null || Processing is not null;
}

/// <summary>Risk levels; the numeric weights are in <see cref="RiskWeights"/>.</summary>
public enum RiskLevel
{
    /// <summary>No risk: not counted in exposure.</summary>
    None = 0,

    /// <summary>Low risk.</summary>
    Low = 1,

    /// <summary>Medium risk.</summary>
    Medium = 2,

    /// <summary>High risk.</summary>
    High = 3,
}

/// <summary>Weights of the risk levels in the exposure metric.</summary>
public sealed record RiskWeights(double Low, double Medium, double High)
{
    /// <summary>Low 1, medium 2, high 3.</summary>
    public static RiskWeights Default { get; } = new(1, 2, 3);

    /// <summary>The weight of a level (0 for none).</summary>
    public double Of(RiskLevel level) => level switch
    {
        RiskLevel.Low => Low,
        RiskLevel.Medium => Medium,
        RiskLevel.High => High,
        _ => 0,
    };
}

/// <summary>How units move between points.</summary>
/// <param name="Model">Manhattan distances at constant speeds, the accelerate-then-cruise curve, a zone × zone matrix, or instantaneous travel.</param>
/// <param name="Detour">Factor on the straight-line distance (L1 for <see cref="TravelModel.Manhattan"/>, else <see cref="Metric"/>) for the street network.</param>
/// <param name="TurnoutMinutes">Delay from dispatch to rolling (every priority, unless <see cref="TurnoutByPriority"/> gives it by priority).</param>
/// <param name="SpeedKmh">Speed by priority (the cruise speed of the curve); priorities not listed use the speed of the largest listed priority.</param>
/// <param name="NoiseCv">Coefficient of variation of lognormal noise (mean 1) on trip times (0 = none).</param>
public sealed record Travel(TravelModel Model, double Detour, double TurnoutMinutes, IReadOnlyDictionary<int, double> SpeedKmh, double NoiseCv)
{
    /// <summary>Instantaneous travel, for analytic validation.</summary>
    public static Travel None { get; } = new(TravelModel.None, 1, 0, new Dictionary<int, double>(), 0);

    /// <summary>Turnout (dispatched → en route) by priority, minutes; priorities not listed use <see cref="TurnoutMinutes"/>.</summary>
    public IReadOnlyDictionary<int, double>? TurnoutByPriority { get; init; }

    /// <summary>The curve's effective acceleration by priority, m/s² (<see cref="TravelModel.Curve"/>; priorities not listed use the largest listed priority's).</summary>
    public IReadOnlyDictionary<int, double>? AccelerationMps2 { get; init; }

    /// <summary>The straight-line distance the curve and the matrix's trips inside a zone use (Euclidean by default).</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Euclidean;

    /// <summary>24 factors on trip times by hour of day (traffic), or null for none.</summary>
    public IReadOnlyList<double>? HourFactors { get; init; }

    /// <summary>
    /// A delay added to the trip by priority (en route → on scene), drawn per dispatch: low-priority units finishing what
    /// they are doing or driving without hurry; null entries or a missing map for none.
    /// </summary>
    public IReadOnlyDictionary<int, Distribution>? DelayByPriority { get; init; }

    /// <summary>
    /// By priority, the share of units sent to a call that are already at its location: their trip takes no time (the
    /// officer was there, was flagged down, or took a walk-in at the station). Drawn per unit sent; priorities not listed
    /// have none; null for none.
    /// </summary>
    public IReadOnlyDictionary<int, double>? AtSceneShare { get; init; }

    /// <summary>Zone × zone travel times (<see cref="TravelModel.Matrix"/>), read from a department's GIS or routing engine.</summary>
    public TravelTimeMatrix? Matrix { get; init; }
}

/// <summary>Travel models.</summary>
public enum TravelModel
{
    /// <summary>Turnout + detour × L1 distance / speed.</summary>
    Manhattan,

    /// <summary>Instantaneous.</summary>
    None,

    /// <summary>Turnout + the accelerate-then-cruise curve (Kolesar &amp; Walker) over detour × distance, by priority.</summary>
    Curve,

    /// <summary>Turnout + a zone × zone travel-time matrix (trips inside a zone from its geometry).</summary>
    Matrix,
}

/// <summary>Shifts on duty; <see cref="Scale"/> multiplies every shift's officers.</summary>
/// <param name="Scale">Multiplies every shift's officers.</param>
/// <param name="Shifts">The shifts.</param>
/// <param name="AbsenceShare">Share of scheduled officers absent (sickness, court, training); 0 by default.</param>
/// <param name="Break">One meal break per unit per shift; null = none.</param>
public sealed record Staffing(double Scale, IReadOnlyList<Shift> Shifts, double AbsenceShare = 0, MealBreak? Break = null)
{
    /// <summary>
    /// Officers on duty in <paramref name="shift"/> on a weekday (0 = Monday; null: the shift's largest day):
    /// its officers that day × <see cref="Scale"/> × (1 − <see cref="AbsenceShare"/>), rounded half away from zero.
    /// The one place this rounding is done.
    /// </summary>
    public int OfficersOf(Shift shift, int? weekday = null)
    {
        ArgumentNullException.ThrowIfNull(shift);
        int scheduled = shift.OfficersByWeekday is { Count: 7 } byDay
            ? (weekday is { } d ? byDay[d] : byDay.Max())
            : shift.Officers;
        return (int)Math.Round(scheduled * Scale * (1 - AbsenceShare), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The two-officer share of a shift: its own crew policy when it has one, else the policy's share
    /// (<paramref name="policyShare"/>: the base policy's, or the one in force under a policy window). The one place
    /// this choice is made, for the model, the analytic estimates, <c>staff</c> and the reports.
    /// </summary>
    public static double TwoOfficerShareOf(Shift shift, double policyShare)
    {
        ArgumentNullException.ThrowIfNull(shift);
        return shift.TwoOfficerShare ?? policyShare;
    }

    /// <summary>Two-officer cars formed from <paramref name="officers"/> at a two-officer share: round(officers × share / 2), at most officers / 2.</summary>
    public static int PairsOf(int officers, double share) =>
        Math.Min((int)Math.Round(officers * share / 2.0, MidpointRounding.AwayFromZero), officers / 2);

    /// <summary>
    /// The largest unit number that can exist. Unit numbers are stable across shifts: each shift numbers its
    /// units after every earlier shift's largest possible count (all solo cars, its largest day), so numbers
    /// run from 1 to the sum over shifts of <see cref="OfficersOf"/>.
    /// </summary>
    public int MaxUnitNumber() => Shifts.Sum(s => OfficersOf(s) + BackupOnlyOf(s));

    /// <summary>Officers in backup-only units of <paramref name="shift"/>: × scale × (1 − absence), rounded like patrol officers.</summary>
    public int BackupOnlyOf(Shift shift)
    {
        ArgumentNullException.ThrowIfNull(shift);
        return (int)Math.Round(shift.BackupOnlyOfficers * Scale * (1 - AbsenceShare), MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// One meal break per unit per shift: due at a uniformly drawn time between <paramref name="EarliestHours"/> and
/// <paramref name="LatestHours"/> after the shift's start, taken when the unit is free and no call of priority ≤
/// <paramref name="DeferWhilePriorityAtMost"/> is waiting (deferred otherwise), lasting <paramref name="Duration"/> minutes.
/// </summary>
public sealed record MealBreak(Distribution Duration, double EarliestHours, double LatestHours, int DeferWhilePriorityAtMost);

/// <summary>A shift that starts every day.</summary>
/// <param name="Name">Display name.</param>
/// <param name="StartMinuteOfDay">Start, minutes after midnight.</param>
/// <param name="Hours">Length; a 24-hour shift is continuous (its units carry on from day to day).</param>
/// <param name="Officers">Officers on duty (before <see cref="Staffing.Scale"/>).</param>
/// <param name="TwoOfficerShare">Optional crew policy of this shift, overriding the policy's.</param>
/// <param name="Days">Weekdays the shift starts on (0 = Monday … 6 = Sunday); null = every day.</param>
/// <param name="OfficersByWeekday">Officers by weekday of the start (7 numbers, Monday first); null = <paramref name="Officers"/> every day.</param>
/// <param name="BackupOnlyOfficers">Extra officers in backup-only units (LAPD Metro): they answer as second unit, or first only to calls at or above <see cref="BackupUnitsPolicy.FirstResponseFromRisk"/>.</param>
public sealed record Shift(
    string Name,
    double StartMinuteOfDay,
    double Hours,
    int Officers,
    double? TwoOfficerShare,
    IReadOnlyList<int>? Days = null,
    IReadOnlyList<int>? OfficersByWeekday = null,
    int BackupOnlyOfficers = 0)
{
    /// <summary>Whether the shift starts on this weekday (0 = Monday).</summary>
    public bool RunsOn(int weekday) => Days is null || Days.Contains(weekday);
}

/// <summary>
/// How on-duty officer-hours become officers to employ (FTEs): each officer is paid <paramref name="ContractHoursPerYear"/>
/// hours a year and is on duty <paramref name="AvailableHoursPerOfficer"/> of them after leave, training, court and
/// sickness. When that is not given, it is derived (docs/decisions.md): the contract hours less the scenario's absence
/// share when it has one, else less <see cref="DefaultAbsentShare"/>.
/// </summary>
/// <param name="AvailableHoursPerOfficer">Hours an officer is on duty in a year; null = derived.</param>
/// <param name="ContractHoursPerYear">Hours an officer is scheduled and paid for in a year.</param>
public sealed record Employment(double? AvailableHoursPerOfficer, double ContractHoursPerYear)
{
    /// <summary>A full-time year: 40 hours × 52 weeks.</summary>
    public const double DefaultContractHours = 2080;

    /// <summary>
    /// Share of the contract year an officer is absent when the scenario does not say: 382 of 2,080 hours (18.4%), leaving
    /// 1,698 hours on duty, the worked example of "Calculating Staffing Needs Using the Relief Factor Method" (Local
    /// Government Performance Center, October 2012); docs/decisions.md.
    /// </summary>
    public const double DefaultAbsentShare = 382.0 / 2080.0;

    /// <summary>Nothing given: a 2,080-hour contract year, available hours derived.</summary>
    public static Employment Default { get; } = new(null, DefaultContractHours);
}

/// <summary>
/// What the patrol costs, for the council's view (docs/decisions.md): officers at a loaded hourly cost for their contract
/// hours, overtime at that cost plus a premium, and the cars on the street at once at a yearly cost each.
/// </summary>
/// <param name="Currency">Label of the money unit (e.g. USD); shown, never converted.</param>
/// <param name="OfficerHourly">Loaded cost of one paid officer-hour (pay, benefits, pension).</param>
/// <param name="OvertimePremium">Extra share paid for an overtime hour (0.5 = time and a half).</param>
/// <param name="CarPerYear">Yearly cost of one patrol car (depreciation, fuel, maintenance, insurance).</param>
public sealed record Costs(string Currency, double OfficerHourly, double OvertimePremium, double CarPerYear);

/// <summary>
/// The stated assumptions that turn exposure into expected assaults and injuries (docs/decisions.md): assaults per
/// officer-hour on scene alone and with another officer at each risk level, and the chance that an assaulted officer is
/// injured alone or paired. Inputs, not findings: every output that uses them says so.
/// </summary>
/// <param name="AssaultsPerHourAlone">Assaults per officer-hour alone on scene, by risk level.</param>
/// <param name="AssaultsPerHourPaired">Assaults per officer-hour on scene with another officer, by risk level.</param>
/// <param name="InjuryShareAlone">Chance an officer assaulted while alone is injured.</param>
/// <param name="InjurySharePaired">Chance an officer assaulted while paired is injured.</param>
/// <param name="Source">Where the numbers come from, as the file says.</param>
public sealed record Safety(PerRiskLevel AssaultsPerHourAlone, PerRiskLevel AssaultsPerHourPaired, double InjuryShareAlone, double InjurySharePaired, string Source);

/// <summary>A number for each risk level (low, medium, high); none has none.</summary>
public sealed record PerRiskLevel(double Low, double Medium, double High)
{
    /// <summary>The number of a level (0 for none).</summary>
    public double Of(RiskLevel level) => level switch
    {
        RiskLevel.Low => Low,
        RiskLevel.Medium => Medium,
        RiskLevel.High => High,
        _ => 0,
    };
}
