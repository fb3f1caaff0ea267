namespace PatrolSim.Geography;

/// <summary>How a zones GeoJSON file is read: which properties name a zone's id, weight and district, and its coordinates.</summary>
public sealed record ZoneFileOptions
{
    /// <summary>The defaults: properties <c>id</c>, <c>weight</c>, <c>district</c>; coordinates detected.</summary>
    public static ZoneFileOptions Default { get; } = new();

    /// <summary>The property holding each zone's id (a string or an integer; required, unique).</summary>
    public string IdProperty { get; init; } = "id";

    /// <summary>The property holding each zone's demand weight (a number ≥ 0; optional, 1 when absent).</summary>
    public string WeightProperty { get; init; } = "weight";

    /// <summary>The property holding each zone's district (a string or an integer; optional, but all zones or none).</summary>
    public string DistrictProperty { get; init; } = "district";

    /// <summary>What the coordinates are; <see cref="CoordinateKind.Auto"/> decides from the file (docs/geography.md gives the rule).</summary>
    public CoordinateKind Coordinates { get; init; } = CoordinateKind.Auto;

    /// <summary>Metres per unit of projected coordinates: 1 for metres, 0.3048006096 for US survey feet (state plane).</summary>
    public double ProjectedUnitMetres { get; init; } = 1.0;

    /// <summary>Two zones overlapping over more than this share of the smaller one's area are an error (default 0.1 %: slivers from digitising pass).</summary>
    public double OverlapTolerance { get; init; } = 0.001;
}

/// <summary>What a zones file's coordinates are.</summary>
public enum CoordinateKind
{
    /// <summary>Decided from the file: its <c>crs</c> member when it has one, else lon/lat when every position lies within ±180° and ±90°.</summary>
    Auto,

    /// <summary>Longitude and latitude in degrees (WGS 84), projected to metres with a <see cref="LocalTransverseMercator"/> centred on the zones.</summary>
    LonLat,

    /// <summary>Already projected: x east and y north in a plane, in units of <see cref="ZoneFileOptions.ProjectedUnitMetres"/>.</summary>
    Projected,
}
