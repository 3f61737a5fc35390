namespace PolySim.Core.Randomness;

/// <summary>
/// Derives independent seeds from a master seed, so a stream's seed depends only on (master, purpose, index),
/// never on thread count or on how many other streams exist.
/// </summary>
/// <remarks>SplitMix64 mixing (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).</remarks>
public static class SeedDerivation
{
    /// <summary>Seed for stream <paramref name="index"/> of kind <paramref name="purpose"/> under <paramref name="master"/>.</summary>
    public static ulong Derive(ulong master, ulong purpose, ulong index) =>
        SplitMix64(SplitMix64(SplitMix64(master) ^ purpose) ^ index);

    /// <summary>A 32-bit seed for generators that take an int (Math.NET's Xoshiro256StarStar).</summary>
    public static int ToInt32(ulong seed) => (int)(seed >> 33);

    /// <summary>One SplitMix64 step.</summary>
    public static ulong SplitMix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
