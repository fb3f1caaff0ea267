using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Fitting;

/// <summary>A scenario call type fitted from the data.</summary>
/// <param name="Name">Scenario name, e.g. <c>DISORDERLY CONDUCT P2, 2 officers</c>.</param>
/// <param name="Share">Share of citizen calls (all types sum to 1).</param>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="OnScene">On-scene time (the priority's fit).</param>
/// <param name="Officers">Officers required on scene.</param>
/// <param name="NeedsUnit">False for the share of calls that never got a unit on scene.</param>
/// <param name="SourceType">The CAD call type (or <c>other</c>) it comes from.</param>
/// <param name="Calls">Calls of the (type, priority) group in the data.</param>
public sealed record FittedCallType(string Name, double Share, int Priority, DurationFit OnScene, int Officers, bool NeedsUnit, string SourceType, int Calls);

/// <summary>What was fitted for one priority (citizen calls only).</summary>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="Calls">Citizen calls of this priority.</param>
/// <param name="Share">Share of citizen calls.</param>
/// <param name="NoUnitShare">Share that never got a unit on scene.</param>
/// <param name="UnitsPerCall">Mean units per call among calls that got a unit.</param>
/// <param name="UnitsSource">How <paramref name="UnitsPerCall"/> was measured.</param>
/// <param name="OnScene">On-scene time fit.</param>
/// <param name="MedianQueueMinutes">Median received → dispatched (<see cref="ObservedIntervals.QueueDelayMinutes"/>), when known.</param>
/// <param name="MedianResponseMinutes">Median received → arrived (<see cref="ObservedIntervals.ResponseMinutes"/>), when known.</param>
public sealed record PriorityFit(int Priority, int Calls, double Share, double NoUnitShare, double UnitsPerCall, string UnitsSource,
    DurationFit OnScene, double? MedianQueueMinutes, double? MedianResponseMinutes);

/// <summary>Self-initiated activity fitted from the calls matching the self-initiated rule.</summary>
/// <param name="Calls">Self-initiated calls.</param>
/// <param name="CallsPerDay">Per day of the period.</param>
/// <param name="RatePerUnitHour">Per idle unit-hour (with one-officer units).</param>
/// <param name="IdleUnitHours">Idle unit-hours assumed over the period (on duty minus busy on citizen calls).</param>
/// <param name="OnScene">On-scene time fit.</param>
/// <param name="Rule">The rule that recognised them.</param>
public sealed record SelfInitiatedFit(int Calls, double CallsPerDay, double RatePerUnitHour, double IdleUnitHours, DurationFit OnScene, string Rule)
{
    /// <summary>How the rate was obtained when fitted by simulation (replaces the calls / idle unit-hours estimate); null otherwise.</summary>
    public string? RateNote { get; init; }
}

/// <summary>A staffed shift.</summary>
/// <param name="Name">Shift name.</param>
/// <param name="Start">Start "HH:MM".</param>
/// <param name="Hours">Length.</param>
/// <param name="Officers">Officers on duty.</param>
/// <param name="Estimated">True when estimated from the data rather than given.</param>
/// <param name="PeakBusyOfficers">Highest hourly mean of concurrently busy officers in the hours attributed to this shift.</param>
public sealed record ShiftFit(string Name, string Start, double Hours, int Officers, bool Estimated, double PeakBusyOfficers)
{
    /// <summary>How the officers were obtained when neither given nor estimated from the peak (e.g. "fitted"); null otherwise.</summary>
    public string? Source { get; init; }
}

/// <summary>Everything fitted from a CAD export; <see cref="ToYaml"/> writes it as a scenario file.</summary>
public sealed record CalibrationResult
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>File the calls came from, when known.</summary>
    public string? SourceName { get; init; }

    /// <summary>Lines describing the read (rows, bad rows by reason, mapping), written as comments.</summary>
    public IReadOnlyList<string> ReadNotes { get; init; } = [];

    /// <summary>First day of the period.</summary>
    public required DateOnly PeriodStart { get; init; }

    /// <summary>Last day of the period.</summary>
    public required DateOnly PeriodEnd { get; init; }

    /// <summary>Length of the period in days.</summary>
    public required double PeriodDays { get; init; }

    /// <summary>All calls used (citizen and self-initiated).</summary>
    public required int TotalCalls { get; init; }

    /// <summary>All calls used per day.</summary>
    public double TotalCallsPerDay => TotalCalls / PeriodDays;

    /// <summary>Citizen calls (not matching the self-initiated rule): the scenario's demand.</summary>
    public required int CitizenCalls { get; init; }

    /// <summary>Citizen calls per day: the scenario's <c>demand.callsPerDay</c>.</summary>
    public double CallsPerDay => CitizenCalls / PeriodDays;

    /// <summary>168 multipliers, hour 0 = Monday 00:00, mean 1.</summary>
    public required IReadOnlyList<double> WeeklyProfile { get; init; }

    /// <summary>How the profile was smoothed.</summary>
    public required string ProfileMethod { get; init; }

    /// <summary>Per-priority fits, by priority.</summary>
    public required IReadOnlyList<PriorityFit> Priorities { get; init; }

    /// <summary>Share of citizen calls by priority.</summary>
    public IReadOnlyDictionary<int, double> PriorityMix => Priorities.ToDictionary(p => p.Priority, p => p.Share);

    /// <summary>Scenario call types (shares sum to 1).</summary>
    public required IReadOnlyList<FittedCallType> CallTypes { get; init; }

    /// <summary>Self-initiated activity, when a rule recognised any.</summary>
    public SelfInitiatedFit? SelfInitiated { get; init; }

    /// <summary>
    /// Call handling by priority (received → queued, and queued → dispatched at low load), when the data have queued times.
    /// Not written to the scenario yet: the model's <c>callHandling:</c> keys are being added.
    /// </summary>
    public CallHandlingFit? CallHandling { get; init; }

    /// <summary>Travel fitted by simulation to the data's trips (<c>Checking.TravelCalibration</c>); null: not fitted, defaults written.</summary>
    public TravelFit? Travel { get; init; }

    /// <summary>Staffed shifts.</summary>
    public required IReadOnlyList<ShiftFit> Shifts { get; init; }

    /// <summary>Comment lines explaining the staffing when it was obtained otherwise than given or estimated (e.g. fitted by simulation).</summary>
    public IReadOnlyList<string> StaffingNotes { get; init; } = [];

    /// <summary>The city: a zones file or a rectangle of beats, demand weights and call locations from the data.</summary>
    public required CityFit City { get; init; }

    /// <summary>The KS distance above which on-scene fits fall back to empirical quantiles.</summary>
    public double KsThreshold { get; init; } = 0.05;

    /// <summary>The relative error between fitted and sample mean above which on-scene fits fall back to empirical quantiles.</summary>
    public double MaxMeanError { get; init; } = 0.15;

    /// <summary>Scenario horizon days.</summary>
    public required int HorizonDays { get; init; }

    /// <summary>Scenario warm-up days.</summary>
    public required int WarmupDays { get; init; }

    /// <summary>The scenario YAML (schema of the scenario loader), with the fit figures and assumptions as comments.</summary>
    public string ToYaml() => ScenarioYamlWriter.Write(this);

    /// <summary>
    /// The files the scenario names, for loading it before they are written: the call locations (<see cref="CityFit.CallPointsCsv"/>)
    /// from memory, the rest beside <paramref name="scenarioPath"/>.
    /// </summary>
    public IScenarioFiles Files(string scenarioPath) => new CalibrationFiles(this, DirectoryScenarioFiles.Beside(scenarioPath));

    private sealed class CalibrationFiles(CalibrationResult result, IScenarioFiles disk) : IScenarioFiles
    {
        private byte[]? _points;

        public (byte[] Content, string DisplayName)? Open(string name, out string? problem)
        {
            if (name == result.City.CallPointsFile)
            {
                problem = null;
                _points ??= System.Text.Encoding.UTF8.GetBytes(result.City.CallPointsCsv());
                return (_points, name);
            }

            return disk.Open(name, out problem);
        }
    }
}
