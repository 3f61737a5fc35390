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

    /// <summary>Households of neighborhood i are [Start[i], Start[i + 1]).</summary>
    public int[] Start { get; }

    /// <summary>θ_hg.</summary>
    public double ThetaOf(int h, int g) => Theta[h * Goods + g];
}
