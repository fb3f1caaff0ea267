namespace PatrolSim.Testing;

/// <summary>A fact skipped when the named file under ../shared/data is absent (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactWhenSharedDataAttribute : FactAttribute
{
    public FactWhenSharedDataAttribute(string fileName)
    {
        FileName = fileName;
        if (RepoPaths.SharedData(fileName) is null)
        {
            Skip = $"../shared/data/{fileName} not found beside the repository root";
        }
    }

    public string FileName { get; }
}
