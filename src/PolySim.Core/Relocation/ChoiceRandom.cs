using PolySim.Core.Randomness;

namespace PolySim.Core.Relocation;

/// <summary>
/// Counter-based random numbers for relocation: each draw is a hash of (seed, year, round, household identity, purpose),
/// so a household's draw does not depend on which thread evaluates it or in what order.
/// </summary>
internal readonly struct ChoiceRandom(ulong seed, int year, int round)
{
    internal const ulong Reconsider = 1, Choice = 2, Priority = 3, Rechoice = 4;
    private readonly ulong _key = SeedDerivation.SplitMix64(seed ^ SeedDerivation.SplitMix64(((ulong)(uint)year << 32) | (uint)round));

    /// <summary>A uniform draw in (0, 1) for household <paramref name="id"/> and <paramref name="purpose"/>.</summary>
    public double Uniform(int id, ulong purpose) => ((Bits(id, purpose) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>64 random bits for household <paramref name="id"/> and <paramref name="purpose"/>.</summary>
    public ulong Bits(int id, ulong purpose) => SeedDerivation.SplitMix64(_key ^ SeedDerivation.SplitMix64(((ulong)(uint)id << 8) | purpose));
}
