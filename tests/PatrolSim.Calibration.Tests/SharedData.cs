namespace PatrolSim.Calibration.Tests;

/// <summary>The real CAD exports under ../shared/data (never copied into the project).</summary>
internal static class SharedData
{
    public const string Alexandria = "alexandria_va_police_cad_2025-08-24_2025-11-29.csv";
    public const string Seattle = "seattle_spd_2024-01-01_2024-01-04_units_sample.csv";

    public static string? Path(string fileName) => RepoPaths.SharedData(fileName);
}
