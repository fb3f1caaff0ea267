namespace PatrolSim.Testing;

/// <summary>A fact about Unix files (FIFOs, devices, symbolic links, flock): skipped on Windows, saying why.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix FIFOs, devices, symbolic links and flock(1)";
        }
    }
}
