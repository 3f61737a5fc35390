using System.Runtime.InteropServices;

namespace PolySim.Core.Households;

/// <summary>
/// All households of a region as arrays of values (structure of arrays), ordered by neighborhood so that the
/// households of neighborhood i occupy [Start[i], Start[i + 1]). One entry is one agent (weight 1) or one
/// weighted type. Nothing here is allocated per household per year.
/// </summary>
public sealed class Households
{
    /// <summary>Allocates storage for <paramref name="count"/> households and <paramref name="goods"/> goods.</summary>
    public Households(int count, int goods, int neighborhoods)
    {
        Count = count;
        Goods = goods;
        Weight = new double[count];
        BaseIncome = new double[count];
        Need = new double[count];
        Theta = new double[count * goods];
        PublicShare = new double[count];
        Location = new int[count];
        Group = new int[count];
        Persons = new double[count];
        OwnerShare = new double[count];
        MovingCost = new double[count];
        Organized = new bool[count];
        Id = new int[count];
        Outside = new bool[count];
        Start = new int[neighborhoods + 1];
    }

    /// <summary>Number of entries (agents or types).</summary>
    public int Count { get; }

    /// <summary>Number of goods (stride of <see cref="Theta"/>).</summary>
    public int Goods { get; }

    /// <summary>Households represented by each entry (1 for agents).</summary>
    public double[] Weight { get; }

    /// <summary>Income y_h in the start year, $ per year.</summary>
    public double[] BaseIncome { get; }

    /// <summary>Need intensity n_h in [0, 1].</summary>
    public double[] Need { get; }

    /// <summary>Preference weights θ_hg, row-major (household × good).</summary>
    public double[] Theta { get; }

    /// <summary>α_h = Σ_g θ_hg over goods that enter utility directly.</summary>
    public double[] PublicShare { get; }

    /// <summary>Neighborhood index l_h.</summary>
    public int[] Location { get; }

    /// <summary>Household-group index.</summary>
    public int[] Group { get; }

    /// <summary>Residents per household.</summary>
    public double[] Persons { get; }

    /// <summary>Share of owners in the entry (0 or 1 for agents).</summary>
    public double[] OwnerShare { get; }

    /// <summary>Moving cost m_h, $.</summary>
    public double[] MovingCost { get; }

    /// <summary>Whether the household belongs to an organized interest.</summary>
    public bool[] Organized { get; }

    /// <summary>
    /// Identity of the entry across structures and years: the agent's index at generation, or in type mode with
    /// sorting the type's class (group × income quantile), shared by its entries in every neighborhood.
    /// </summary>
    public int[] Id { get; }

    /// <summary>
    /// Agents in the pool outside the region (weight 0, <see cref="Location"/> only where their entry is kept). Agents with weight 0
    /// that are not outside have not formed yet (population growth). Weighted types keep their outside mass elsewhere.
    /// </summary>
    public bool[] Outside { get; }

    /// <summary>Households of neighborhood i are [Start[i], Start[i + 1]).</summary>
    public int[] Start { get; }

    /// <summary>Neighborhoods (length of <see cref="Start"/> − 1).</summary>
    public int Neighborhoods => Start.Length - 1;

    /// <summary>A deep copy: each structure sorts its own households.</summary>
    public Households Clone()
    {
        var c = new Households(Count, Goods, Neighborhoods);
        CopyTo(c);
        return c;
    }

    /// <summary>
    /// Re-establishes the neighborhood order after agents changed <see cref="Location"/>: a stable counting sort (households
    /// keep their relative order within a neighborhood, so the result does not depend on threads), applied array by array
    /// by gathering through the permutation into one scratch array and copying back: sequential writes and one array at a
    /// time stay in cache far better than moving whole households along the permutation's cycles.
    /// </summary>
    /// <param name="permutation">Scratch of length <see cref="Count"/>: receives the old index of each new entry.</param>
    /// <param name="scratch">Two scratch arrays of length <see cref="Count"/> (the first may be twice as long: then the preferences
    /// take half the sweeps): the preferences and the rest are permuted in parallel.</param>
    /// <param name="threads">Maximum threads (≤ 0: all).</param>
    public void SortByLocation(int[] permutation, double[][] scratch, int threads)
    {
        int n = Neighborhoods;
        Array.Clear(Start);
        for (int h = 0; h < Count; h++) Start[Location[h] + 1]++;
        for (int i = 0; i < n; i++) Start[i + 1] += Start[i];
        var next = new int[n];
        Array.Copy(Start, next, n);
        for (int h = 0; h < Count; h++) permutation[next[Location[h]]++] = h;

        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads },
            () =>
            {
                // Two goods per sweep over θ when the scratch holds two columns: each sweep reads and writes every cache line of θ.
                var buffer = scratch[0];
                int g = 0;
                if (buffer.Length >= 2 * Count)
                    for (; g + 1 < Goods; g += 2)
                    {
                        for (int k = 0; k < Count; k++)
                        {
                            int from = permutation[k] * Goods + g;
                            buffer[2 * k] = Theta[from];
                            buffer[2 * k + 1] = Theta[from + 1];
                        }
                        for (int k = 0; k < Count; k++) { Theta[k * Goods + g] = buffer[2 * k]; Theta[k * Goods + g + 1] = buffer[2 * k + 1]; }
                    }
                for (; g < Goods; g++)
                {
                    for (int k = 0; k < Count; k++) buffer[k] = Theta[permutation[k] * Goods + g];
                    for (int k = 0; k < Count; k++) Theta[k * Goods + g] = buffer[k];
                }
            },
            () =>
            {
                var buffer = scratch[1];
                Permute(Weight, permutation, buffer); Permute(BaseIncome, permutation, buffer); Permute(Need, permutation, buffer);
                Permute(PublicShare, permutation, buffer); Permute(Persons, permutation, buffer); Permute(OwnerShare, permutation, buffer);
                Permute(MovingCost, permutation, buffer);
                var ints = MemoryMarshal.Cast<double, int>(buffer.AsSpan());
                Permute(Location, permutation, ints); Permute(Group, permutation, ints); Permute(Id, permutation, ints);
                var flags = MemoryMarshal.Cast<double, bool>(buffer.AsSpan());
                Permute(Organized, permutation, flags); Permute(Outside, permutation, flags);
            });
    }

    /// <summary>array[k] ← array[permutation[k]] for every k.</summary>
    private static void Permute<T>(T[] array, int[] permutation, Span<T> scratch)
    {
        for (int k = 0; k < array.Length; k++) scratch[k] = array[permutation[k]];
        scratch[..array.Length].CopyTo(array);
    }

    private void CopyTo(Households target)
    {
        Weight.CopyTo(target.Weight, 0); BaseIncome.CopyTo(target.BaseIncome, 0); Need.CopyTo(target.Need, 0);
        Theta.CopyTo(target.Theta, 0); PublicShare.CopyTo(target.PublicShare, 0); Location.CopyTo(target.Location, 0);
        Group.CopyTo(target.Group, 0); Persons.CopyTo(target.Persons, 0); OwnerShare.CopyTo(target.OwnerShare, 0);
        MovingCost.CopyTo(target.MovingCost, 0); Organized.CopyTo(target.Organized, 0); Id.CopyTo(target.Id, 0);
        Outside.CopyTo(target.Outside, 0);
        Start.CopyTo(target.Start, 0);
    }

    /// <summary>θ_hg.</summary>
    public double ThetaOf(int h, int g) => Theta[h * Goods + g];
}
