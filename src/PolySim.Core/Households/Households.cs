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
    /// keep their relative order within a neighborhood, so the result does not depend on threads). The households that
    /// stayed keep their relative order overall, so they shift in long runs of one shift each, and each array is permuted in
    /// place: the movers' rows are set aside, runs shifting down are moved in ascending order and runs shifting up in
    /// descending order (neither overwrites a row still to be moved, since the stayers' new positions increase with their
    /// old ones), and the movers' rows go to their new places last. Every row is read and written about once.
    /// </summary>
    /// <param name="scratch">Working arrays kept between sorts (<see cref="CreateSortScratch"/>), so that sorting every year
    /// leaves no garbage on the large-object heap.</param>
    /// <param name="threads">Maximum threads (≤ 0: all): the preferences and the other arrays are moved in parallel.</param>
    public void SortByLocation(SortScratch scratch, int threads)
    {
        int n = Neighborhoods;
        var (permutation, oldStart, next, moved) = (scratch.Permutation, scratch.OldStart, scratch.Next, scratch.Moved);
        Array.Copy(Start, oldStart, Start.Length);
        Array.Clear(Start);
        for (int h = 0; h < Count; h++) Start[Location[h] + 1]++;
        for (int i = 0; i < n; i++) Start[i + 1] += Start[i];
        Array.Copy(Start, next, n);
        for (int h = 0; h < Count; h++) permutation[next[Location[h]]++] = h;

        // A mover lives elsewhere than the neighborhood its old position belongs to.
        for (int i = 0, h = 0; i < n; i++)
            for (; h < oldStart[i + 1]; h++) moved[h] = Location[h] != i;
        var (down, up, movers) = (scratch.Down, scratch.Up, scratch.Movers);
        down.Clear();
        up.Clear();
        movers.Clear();
        int runNew = 0, runOld = 0, runLength = 0;
        for (int k = 0; k < Count; k++)
        {
            int h = permutation[k];
            if (moved[h]) { movers.Add(new Run(k, h, 1)); continue; }
            if (h - runOld == runLength && k - runNew == runLength) { runLength++; continue; }
            Close(runNew, runOld, runLength);
            (runNew, runOld, runLength) = (k, h, 1);
        }
        Close(runNew, runOld, runLength);

        var sets = scratch.Sets(movers.Count, Goods);
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads },
            () => Move(Theta, Goods, scratch, sets.Theta),
            () =>
            {
                foreach (var column in new[] { Weight, BaseIncome, Need, PublicShare, Persons, OwnerShare, MovingCost }) Move(column, 1, scratch, sets.Doubles);
                foreach (var column in new[] { Location, Group, Id }) Move(column, 1, scratch, sets.Ints);
                Move(Organized, 1, scratch, sets.Flags);
                Move(Outside, 1, scratch, sets.Flags);
            });

        void Close(int runNew, int runOld, int runLength)
        {
            if (runLength == 0 || runNew == runOld) return;
            (runNew < runOld ? down : up).Add(new Run(runNew, runOld, runLength));
        }
    }

    /// <summary>Working arrays for <see cref="SortByLocation"/> sized for these households.</summary>
    public SortScratch CreateSortScratch() => new(Count, Neighborhoods);

    /// <summary>Entries [Old, Old + Length) go to [New, New + Length).</summary>
    internal readonly record struct Run(int New, int Old, int Length);

    /// <summary>What <see cref="SortByLocation"/> reuses from one sort to the next.</summary>
    public sealed class SortScratch(int count, int neighborhoods)
    {
        internal int[] Permutation { get; } = new int[count];
        internal int[] OldStart { get; } = new int[neighborhoods + 1];
        internal int[] Next { get; } = new int[neighborhoods];
        internal bool[] Moved { get; } = new bool[count];
        internal List<Run> Down { get; } = [];
        internal List<Run> Up { get; } = [];
        internal List<Run> Movers { get; } = [];
        private double[] _theta = [], _doubles = [];
        private int[] _ints = [];
        private bool[] _flags = [];

        /// <summary>Buffers for the movers' rows, grown (with room to spare) when there are more movers than before.</summary>
        internal (double[] Theta, double[] Doubles, int[] Ints, bool[] Flags) Sets(int movers, int goods)
        {
            if (_doubles.Length < movers)
            {
                int size = movers + movers / 2;
                (_theta, _doubles, _ints, _flags) = (new double[size * goods], new double[size], new int[size], new bool[size]);
            }
            return (_theta, _doubles, _ints, _flags);
        }
    }

    /// <summary>Moves rows of <paramref name="width"/> entries as <see cref="SortByLocation"/> describes.</summary>
    private static void Move<T>(T[] array, int width, SortScratch scratch, T[] set)
    {
        var movers = CollectionsMarshal.AsSpan(scratch.Movers);
        if (width == 1)
            for (int m = 0; m < movers.Length; m++) set[m] = array[movers[m].Old];
        else
            for (int m = 0; m < movers.Length; m++) Array.Copy(array, movers[m].Old * width, set, m * width, width);
        // Array.Copy moves overlapping ranges correctly (as memmove).
        foreach (var r in CollectionsMarshal.AsSpan(scratch.Down)) Array.Copy(array, r.Old * width, array, r.New * width, r.Length * width);
        var up = CollectionsMarshal.AsSpan(scratch.Up);
        for (int k = up.Length - 1; k >= 0; k--) Array.Copy(array, up[k].Old * width, array, up[k].New * width, up[k].Length * width);
        if (width == 1)
            for (int m = 0; m < movers.Length; m++) array[movers[m].New] = set[m];
        else
            for (int m = 0; m < movers.Length; m++) Array.Copy(set, m * width, array, movers[m].New * width, width);
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
