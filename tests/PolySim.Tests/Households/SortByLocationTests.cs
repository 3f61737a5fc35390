using PolySim.Core.Households;

namespace PolySim.Tests.Households;

/// <summary>
/// <see cref="PolySim.Core.Households.Households.SortByLocation"/> permutes every array in place by runs. The independent
/// calculation is a stable sort of the households by neighborhood (LINQ's OrderBy, documented stable), applied to a copy of
/// each array entry by entry.
/// </summary>
public class SortByLocationTests
{
    [Theory]
    [InlineData(1, 0.02, 1)]     // a few movers: long runs shifting both ways
    [InlineData(2, 0.3, 2)]      // many movers: short runs
    [InlineData(3, 1.0, 2)]      // everyone draws a new neighborhood
    [InlineData(4, 0.0, 2)]      // nobody moves: the identity
    public void Gives_the_stable_sort_by_neighborhood(int seed, double moveShare, int threads)
    {
        const int count = 5000, goods = 8, neighborhoods = 37;
        var random = new Random(seed);
        var hh = new PolySim.Core.Households.Households(count, goods, neighborhoods);
        // Sorted by neighborhood to start with, neighborhoods of uneven size (some empty).
        var homes = Enumerable.Range(0, count).Select(_ => random.Next(neighborhoods) * random.Next(2)).Order().ToArray();
        for (int h = 0; h < count; h++)
        {
            hh.Location[h] = homes[h];
            hh.Start[homes[h] + 1]++;
            hh.Weight[h] = random.NextDouble(); hh.BaseIncome[h] = random.NextDouble(); hh.Need[h] = random.NextDouble();
            hh.PublicShare[h] = random.NextDouble(); hh.Persons[h] = random.NextDouble(); hh.OwnerShare[h] = random.NextDouble();
            hh.MovingCost[h] = random.NextDouble(); hh.Group[h] = random.Next(); hh.Id[h] = h;
            hh.Organized[h] = random.Next(2) == 1; hh.Outside[h] = random.Next(2) == 1;
            for (int g = 0; g < goods; g++) hh.Theta[h * goods + g] = random.NextDouble();
        }
        for (int i = 0; i < neighborhoods; i++) hh.Start[i + 1] += hh.Start[i];
        for (int h = 0; h < count; h++)
            if (random.NextDouble() < moveShare) hh.Location[h] = random.Next(neighborhoods);
        var before = hh.Clone();
        var order = Enumerable.Range(0, count).OrderBy(h => before.Location[h]).ToArray();

        hh.SortByLocation(hh.CreateSortScratch(), threads);

        for (int k = 0; k < count; k++)
        {
            int h = order[k];
            Assert.Equal(before.Id[h], hh.Id[k]);
            Assert.Equal(before.Location[h], hh.Location[k]);
            Assert.Equal(before.Weight[h], hh.Weight[k]); Assert.Equal(before.BaseIncome[h], hh.BaseIncome[k]); Assert.Equal(before.Need[h], hh.Need[k]);
            Assert.Equal(before.PublicShare[h], hh.PublicShare[k]); Assert.Equal(before.Persons[h], hh.Persons[k]);
            Assert.Equal(before.OwnerShare[h], hh.OwnerShare[k]); Assert.Equal(before.MovingCost[h], hh.MovingCost[k]);
            Assert.Equal(before.Group[h], hh.Group[k]); Assert.Equal(before.Organized[h], hh.Organized[k]); Assert.Equal(before.Outside[h], hh.Outside[k]);
            for (int g = 0; g < goods; g++) Assert.Equal(before.Theta[h * goods + g], hh.Theta[k * goods + g]);
        }
        for (int i = 0; i <= neighborhoods; i++) Assert.Equal(before.Location.Count(l => l < i), hh.Start[i]);
    }
}
