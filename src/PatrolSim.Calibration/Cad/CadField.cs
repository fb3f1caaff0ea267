namespace PatrolSim.Calibration.Cad;

/// <summary>A field of a call record that a CAD column can be mapped to.</summary>
public enum CadField
{
    /// <summary>When the call was received (required; all other times are measured from it).</summary>
    Received,
    /// <summary>When the call was ready for dispatch (after call-taking and entry), e.g. Alexandria's <c>Incident_Queue_Time</c>.</summary>
    Queued,
    /// <summary>When the first unit was dispatched.</summary>
    Dispatched,
    /// <summary>When the first unit went en route.</summary>
    EnRoute,
    /// <summary>When the first unit arrived on scene.</summary>
    Arrived,
    /// <summary>When the first unit cleared the call.</summary>
    Cleared,
    /// <summary>When the call was closed (the last unit cleared).</summary>
    Closed,
    /// <summary>Call priority, an integer 1..9 with 1 most urgent (required).</summary>
    Priority,
    /// <summary>Call type or nature code.</summary>
    CallType,
    /// <summary>Number of units that responded.</summary>
    Units,
    /// <summary>Beat, zone or sector.</summary>
    Beat,
    /// <summary>Longitude or easting.</summary>
    X,
    /// <summary>Latitude or northing.</summary>
    Y,
}

/// <summary>Names and helpers for <see cref="CadField"/>.</summary>
public static class CadFields
{
    /// <summary>The fields that hold a point in time (absolute timestamp or seconds after received).</summary>
    public static IReadOnlyList<CadField> TimeFields { get; } =
        [CadField.Received, CadField.Queued, CadField.Dispatched, CadField.EnRoute, CadField.Arrived, CadField.Cleared, CadField.Closed];

    /// <summary>The fields without which no call can be read.</summary>
    public static IReadOnlyList<CadField> Required { get; } = [CadField.Received, CadField.Priority];

    /// <summary>The name used in mappings and messages, e.g. <c>enRoute</c>.</summary>
    public static string Name(this CadField field) => field switch
    {
        CadField.Received => "received",
        CadField.Queued => "queued",
        CadField.Dispatched => "dispatched",
        CadField.EnRoute => "enRoute",
        CadField.Arrived => "arrived",
        CadField.Cleared => "cleared",
        CadField.Closed => "closed",
        CadField.Priority => "priority",
        CadField.CallType => "callType",
        CadField.Units => "units",
        CadField.Beat => "beat",
        CadField.X => "x",
        CadField.Y => "y",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Parses a field name case-insensitively (also accepts <c>en_route</c>, <c>type</c>, <c>lon</c>, <c>lat</c>).</summary>
    public static bool TryParse(string text, out CadField field)
    {
        var key = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        (bool ok, field) = key switch
        {
            "RECEIVED" => (true, CadField.Received),
            "QUEUED" => (true, CadField.Queued),
            "DISPATCHED" => (true, CadField.Dispatched),
            "ENROUTE" => (true, CadField.EnRoute),
            "ARRIVED" => (true, CadField.Arrived),
            "CLEARED" => (true, CadField.Cleared),
            "CLOSED" => (true, CadField.Closed),
            "PRIORITY" => (true, CadField.Priority),
            "CALLTYPE" or "TYPE" => (true, CadField.CallType),
            "UNITS" => (true, CadField.Units),
            "BEAT" => (true, CadField.Beat),
            "X" or "LON" or "LONGITUDE" => (true, CadField.X),
            "Y" or "LAT" or "LATITUDE" => (true, CadField.Y),
            _ => (false, CadField.Received),
        };
        return ok;
    }
}
