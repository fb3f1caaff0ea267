namespace PatrolSim.Calibration.Tests;

/// <summary>Locates ../shared/data beside the folder holding PatrolSim.sln.</summary>
internal static class SharedData
{
    public const string Alexandria = "alexandria_va_police_cad_2025-08-24_2025-11-29.csv";
    public const string Seattle = "seattle_spd_2024-01-01_2024-01-04_units_sample.csv";

    public static string? Path(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "PatrolSim.sln"))) continue;
            var candidate = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "data", fileName);
            return File.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}

/// <summary>A fact that is skipped when the named file under ../shared/data is absent (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FactWhenSharedDataAttribute : FactAttribute
{
    public FactWhenSharedDataAttribute(string fileName)
    {
        FileName = fileName;
        if (SharedData.Path(fileName) is null)
            Skip = $"../shared/data/{fileName} not found beside the repository root";
    }

    public string FileName { get; }
}
