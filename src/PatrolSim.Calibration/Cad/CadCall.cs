namespace PatrolSim.Calibration.Cad;

/// <summary>
/// One call read from a CAD export. Times after <see cref="Received"/> are offsets from it (null when absent or ignored);
/// they are never negative and, when present, ordered received ≤ dispatched ≤ en route ≤ arrived ≤ closed, cleared ≥ dispatched
/// (a time breaking that order is left out, the others kept). <see cref="Queued"/> is only known to be ≥ received.
/// </summary>
/// <param name="Line">Line in the file where the record starts (the header is line 1).</param>
/// <param name="Received">When the call was received, wall-clock time as written in the file.</param>
/// <param name="Priority">Priority 1..9, 1 most urgent.</param>
public sealed record CadCall(int Line, DateTime Received, int Priority)
{
    /// <summary>Call type as written, trimmed; null when absent.</summary>
    public string? CallType { get; init; }

    /// <summary>Ready for dispatch (call-taking and entry done), after received; may follow <see cref="Dispatched"/>.</summary>
    public TimeSpan? Queued { get; init; }

    /// <summary>First unit dispatched, after received.</summary>
    public TimeSpan? Dispatched { get; init; }

    /// <summary>First unit en route, after received.</summary>
    public TimeSpan? EnRoute { get; init; }

    /// <summary>First unit on scene, after received.</summary>
    public TimeSpan? Arrived { get; init; }

    /// <summary>First unit cleared, after received (may precede arrival: a unit cancelled on the way).</summary>
    public TimeSpan? Cleared { get; init; }

    /// <summary>Call closed (last unit cleared), after received.</summary>
    public TimeSpan? Closed { get; init; }

    /// <summary>Units that responded, when the file says.</summary>
    public int? Units { get; init; }

    /// <summary>Whether the call matched the self-initiated rule.</summary>
    public bool SelfInitiated { get; init; }

    /// <summary>Beat, zone or sector, when present.</summary>
    public string? Beat { get; init; }

    /// <summary>Longitude or easting, when present.</summary>
    public double? X { get; init; }

    /// <summary>Latitude or northing, when present.</summary>
    public double? Y { get; init; }
}
