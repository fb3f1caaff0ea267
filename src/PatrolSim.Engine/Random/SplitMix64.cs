namespace PatrolSim.Engine.Random;

/// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): the mixer used to seed and derive streams.</summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> by the golden gamma and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser (a bijection on 64-bit words).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
