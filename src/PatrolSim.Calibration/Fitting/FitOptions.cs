using System.Globalization;

namespace PatrolSim.Calibration.Fitting;

/// <summary>A shift to staff: start "HH:MM", length in hours, officers on duty (null = estimate from the data).</summary>
public sealed record ShiftSpec(string Name, string Start, double Hours, int? Officers = null)
{
    /// <summary>Start as minutes after midnight; throws <see cref="FormatException"/> for a malformed "HH:MM".</summary>
    public int StartMinute
    {
        get
        {
            if (TimeOnly.TryParseExact(Start, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return (t.Hour * 60) + t.Minute;
            throw new FormatException($"shift '{Name}': start '{Start}' is not a time of day HH:MM.");
        }
    }
}

/// <summary>Options for <see cref="ScenarioFitter"/>.</summary>
public sealed record FitOptions
{
    /// <summary>The defaults.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>Scenario name; null = "Calibrated from FILE".</summary>
    public string? Name { get; init; }

    /// <summary>Most frequent (call type, priority) groups kept by name; the rest are grouped per priority as "other".</summary>
    public int MaxCallTypes { get; init; } = 10;

    /// <summary>A lognormal fit is kept while its Kolmogorov–Smirnov distance is at most this; above it the empirical quantiles are used.</summary>
    public double KsThreshold { get; init; } = 0.05;

    /// <summary>
    /// A lognormal fit is kept only while its mean is within this relative error of the sample mean: the mean on-scene
    /// time is the workload the simulation must reproduce, and the KS distance is blind to a heavy fitted tail.
    /// PositiveInfinity disables the check.
    /// </summary>
    public double MaxMeanError { get; init; } = 0.15;

    /// <summary>Number of equal-probability quantiles written for an empirical distribution.</summary>
    public int EmpiricalPoints { get; init; } = 20;

    /// <summary>Fewest durations for a per-priority fit; with fewer, the pooled fit over all priorities is used.</summary>
    public int MinSamplesPerFit { get; init; } = 30;

    /// <summary>On-scene times longer than this (hours) are treated as records left open, not used in fits.</summary>
    public double MaxOnSceneHours { get; init; } = 24;

    /// <summary>On-scene mean (minutes) written when the data hold no on-scene times at all.</summary>
    public double DefaultOnSceneMinutes { get; init; } = 30;

    /// <summary>Half-width (hours) of the triangular kernel smoothing the weekly profile across adjacent hours; 0 = no smoothing.</summary>
    public int ProfileSmoothingHours { get; init; } = 1;

    /// <summary>Proxy for units per call without a unit-count column: a call counts as multi-unit when it stays open this long after the first unit cleared.</summary>
    public double MultiUnitGapSeconds { get; init; } = 60;

    /// <summary>Shifts to staff; officers null = estimated from the peak of concurrently busy officers.</summary>
    public IReadOnlyList<ShiftSpec> Shifts { get; init; } =
    [
        new("day", "07:00", 8),
        new("evening", "15:00", 8),
        new("night", "23:00", 8),
    ];

    /// <summary>Length of the observation period in days; null = calendar days from the first to the last call, inclusive.</summary>
    public double? PeriodDays { get; init; }

    /// <summary>Call handling: a call is queued at low load when at most this many other calls wait for dispatch (see <see cref="CallHandlingFit"/>).</summary>
    public int LowLoadMaxWaiting { get; init; }

    /// <summary>The city's area (km²) when the data have no coordinates and no zones file is given: a square of that area; null = coordinates, else a default.</summary>
    public double? AreaKm2 { get; init; }

    /// <summary>A GeoJSON zones file (docs/geography.md) to use as the city, read from this path; null: a rectangle of beats.</summary>
    public string? ZonesFile { get; init; }

    /// <summary>How the scenario names <see cref="ZonesFile"/> (relative to the scenario file); null: the path as given.</summary>
    public string? ZonesFileName { get; init; }

    /// <summary>How <see cref="ZonesFile"/> is read (its property names, coordinates).</summary>
    public PatrolSim.Geography.ZoneFileOptions ZoneOptions { get; init; } = PatrolSim.Geography.ZoneFileOptions.Default;

    /// <summary>How the scenario names the file of observed call locations it is written with (beside it); null: call locations are not written.</summary>
    public string? CallPointsFile { get; init; }

    /// <summary>Scenario horizon in days.</summary>
    public int HorizonDays { get; init; } = 28;

    /// <summary>Scenario warm-up in days.</summary>
    public int WarmupDays { get; init; } = 2;

    /// <summary>Returns a copy with officers set on the shifts in order (e.g. from <c>--officers-per-shift 40,46,34</c>).</summary>
    public FitOptions WithOfficersPerShift(IReadOnlyList<int> officers)
    {
        ArgumentNullException.ThrowIfNull(officers);
        if (officers.Count != Shifts.Count)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{officers.Count} officer counts given for {Shifts.Count} shifts ({string.Join(", ", Shifts.Select(s => s.Name))})."),
                nameof(officers));
        return this with { Shifts = Shifts.Select((s, i) => s with { Officers = officers[i] }).ToArray() };
    }
}
