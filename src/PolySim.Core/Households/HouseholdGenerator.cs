using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PolySim.Core.Goods;
using PolySim.Core.Randomness;
using PolySim.Core.Space;

namespace PolySim.Core.Households;

/// <summary>
/// Generates households from groups (MODEL.md section 2): lognormal income, lognormal preference weights around
/// group means (optionally income-elastic), Beta-distributed need, owner or renter.
/// </summary>
/// <remarks>
/// Agent mode draws every household from a stream seeded by (replication seed, neighborhood), so results do not
/// depend on thread count. Type mode places K types per group and neighborhood at the income quantiles
/// (k + ½)/K of the lognormal, each with weight count/K and the group's mean tastes and need. With sorting, type mode
/// places every group's K types in every neighborhood (weight 0 where the group is absent), so that relocation moves
/// weight between entries of the same class instead of creating entries.
/// </remarks>
public static class HouseholdGenerator
{
    /// <summary>Upper bound on α_h = Σθ so that consumption keeps a positive weight 1 − α in log utility.</summary>
    public const double MaxPublicShare = 0.9;

    private const ulong StreamPurpose = 0x484F555345484F4CUL; // "HOUSEHOL"

    /// <summary>Generates the households of <paramref name="region"/>.</summary>
    /// <param name="capPublicShare">Scale tastes down to α ≤ <see cref="MaxPublicShare"/> (needed by log consumption only).</param>
    /// <param name="everyTypeEverywhere">Type mode only: one entry per type in every neighborhood (for sorting).</param>
    public static Households Generate(Region region, HouseholdSettings settings, IReadOnlyList<PublicGood> goods, ulong seed, int threads,
        bool capPublicShare, bool everyTypeEverywhere = false, double outsidePool = 0, double unborn = 0)
    {
        bool allTypes = everyTypeEverywhere && settings.Mode == HouseholdMode.Types;
        int n = region.Count, groupCount = settings.Groups.Count;
        var groupIndex = settings.Groups.Select((g, i) => (g.Id, i)).ToDictionary(p => p.Id, p => p.i);
        bool[] entersUtility = goods.Select(g => g.Reduces is null).ToArray();

        // Entries per (neighborhood, group), then prefix offsets: lets neighborhoods be filled in parallel.
        var entries = new int[n * groupCount];
        if (allTypes) Array.Fill(entries, settings.TypesPerGroup);
        for (int i = 0; i < n; i++)
            foreach (var (groupId, count) in region.Neighborhoods[i].Households)
            {
                int households = (int)Math.Round(count);
                if (households <= 0 || allTypes) continue;
                entries[i * groupCount + groupIndex[groupId]] =
                    settings.Mode == HouseholdMode.Agents ? households : settings.TypesPerGroup;
            }

        // Agents outside the region and agents yet to form (migration), kept after each neighborhood's residents with weight 0.
        var pool = new int[n * groupCount];
        var extra = new int[n * groupCount];
        if (settings.Mode == HouseholdMode.Agents && outsidePool + unborn > 0)
            for (int i = 0; i < n; i++)
                foreach (var (groupId, count) in region.Neighborhoods[i].Households)
                {
                    int k = i * groupCount + groupIndex[groupId];
                    pool[k] = (int)Math.Round(entries[k] * outsidePool);
                    extra[k] = pool[k] + (int)Math.Ceiling(entries[k] * unborn);
                }

        var hh = new Households(entries.Sum() + extra.Sum(), goods.Count, n);
        for (int i = 0; i < n; i++)
        {
            int s = 0;
            for (int k = 0; k < groupCount; k++) s += entries[i * groupCount + k] + extra[i * groupCount + k];
            hh.Start[i + 1] = hh.Start[i] + s;
        }

        // Each group's mean tastes by good index, looked up once rather than per household.
        var means = settings.Groups.Select(group => goods.Select(g => group.Preferences.TryGetValue(g.Id, out var v) ? v : 0).ToArray()).ToArray();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads }, i =>
            FillNeighborhood(hh, i, region, settings, means, entersUtility, seed, entries, extra, pool, allTypes, capPublicShare));
        return hh;
    }

    /// <summary>Neighborhood i's households, from its own random stream.</summary>
    /// <remarks>
    /// Run once per neighborhood, so tiered compilation would leave many neighborhoods to unoptimized code; compiled
    /// optimized at once instead (metro-10m draws 3.7 million households here).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillNeighborhood(Households hh, int i, Region region, HouseholdSettings settings, double[][] means, bool[] entersUtility,
        ulong seed, int[] entries, int[] extra, int[] pool, bool allTypes, bool capPublicShare)
    {
        int groupCount = settings.Groups.Count;
        // Each stream is used by one thread: no locking per draw (MathNet locks by default; the draws are the same).
        var rng = new Xoshiro256StarStar(SeedDerivation.ToInt32(SeedDerivation.Derive(seed, StreamPurpose, (ulong)i)), threadSafe: false);
        int h = hh.Start[i];
        for (int k = 0; k < groupCount; k++)
        {
            int m = entries[i * groupCount + k];
            if (m == 0) continue;
            var group = settings.Groups[k];
            double households = Math.Round(region.Neighborhoods[i].Households.GetValueOrDefault(group.Id));
            for (int e = 0; e < m; e++, h++)
            {
                Fill(hh, h, i, k, group, means[k], entersUtility, settings.Mode, rng, e, m, households, capPublicShare);
                hh.Id[h] = allTypes ? k * m + e : h;
            }
        }
        for (int k = 0; k < groupCount; k++)
            for (int e = 0; e < extra[i * groupCount + k]; e++, h++)
            {
                Fill(hh, h, i, k, settings.Groups[k], means[k], entersUtility, settings.Mode, rng, e, extra[i * groupCount + k], 0, capPublicShare);
                hh.Id[h] = h;
                hh.Weight[h] = 0;
                hh.Outside[h] = e < pool[i * groupCount + k];
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(Households hh, int h, int location, int groupIndex, HouseholdGroup group,
        double[] means, bool[] entersUtility, HouseholdMode mode, Random rng, int e, int m, double households, bool capPublicShare)
    {
        bool agent = mode == HouseholdMode.Agents;
        double income = group.IncomeDistribution == IncomeDistribution.Uniform
            ? group.UniformIncomeAt(agent ? rng.NextDouble() : (e + 0.5) / m)
            : group.IncomeMedian * Math.Exp(group.IncomeSigma * (agent ? Normal.Sample(rng, 0, 1) : Normal.InvCDF(0, 1, (e + 0.5) / m)));
        hh.BaseIncome[h] = income;
        hh.Weight[h] = agent ? 1 : households / m;
        hh.Location[h] = location;
        hh.Group[h] = groupIndex;
        hh.Persons[h] = group.Persons;
        hh.MovingCost[h] = group.MovingCost;
        hh.Organized[h] = group.Organized;
        hh.Need[h] = agent ? DrawNeed(group, rng) : group.NeedMean;
        hh.OwnerShare[h] = agent ? (rng.NextDouble() < group.OwnerShare ? 1 : 0) : group.OwnerShare;

        double incomeFactor = group.PreferenceIncomeElasticity == 0 ? 1 : Math.Pow(income / group.IncomeMedian, group.PreferenceIncomeElasticity);
        double alpha = 0;
        int goods = means.Length;
        for (int g = 0; g < goods; g++)
        {
            double mean = means[g];
            // Mean-preserving lognormal dispersion: E[exp(σZ − σ²/2)] = 1.
            double noise = agent && group.PreferenceSigma > 0
                ? Math.Exp(group.PreferenceSigma * Normal.Sample(rng, 0, 1) - 0.5 * group.PreferenceSigma * group.PreferenceSigma)
                : 1;
            double theta = mean * noise * incomeFactor;
            hh.Theta[h * goods + g] = theta;
            if (entersUtility[g]) alpha += theta;
        }
        if (capPublicShare && alpha > MaxPublicShare)
        {
            // Log utility needs 1 − α > 0: scale a draw's tastes down rather than let consumption lose all weight.
            double scale = MaxPublicShare / alpha;
            for (int g = 0; g < goods; g++) hh.Theta[h * goods + g] *= scale;
            alpha = MaxPublicShare;
        }
        hh.PublicShare[h] = alpha;
    }

    private static double DrawNeed(HouseholdGroup group, Random rng)
    {
        double mean = group.NeedMean;
        if (mean <= 0) return 0;
        if (mean >= 1) return 1;
        return Beta.Sample(rng, mean * group.NeedConcentration, (1 - mean) * group.NeedConcentration);
    }
}
