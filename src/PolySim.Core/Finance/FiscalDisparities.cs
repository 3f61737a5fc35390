namespace PolySim.Core.Finance;

/// <summary>One participating jurisdiction's inputs to the Fiscal Disparities computation.</summary>
/// <param name="Population">Population (prior year).</param>
/// <param name="MarketValue">Market value of all property (prior year), $.</param>
/// <param name="CommercialNow">Current commercial-industrial net tax capacity (or base), $.</param>
/// <param name="CommercialBaseYear">C/I net tax capacity in the program's base year, $.</param>
/// <param name="LocalRate">The jurisdiction's (prior-year) local tax rate.</param>
/// <param name="CapacityUnits">What fiscal capacity divides the value by (NaN: the population; or households).</param>
public readonly record struct DisparityInput(double Population, double MarketValue, double CommercialNow, double CommercialBaseYear, double LocalRate,
    double CapacityUnits = double.NaN)
{
    /// <summary>The divisor of fiscal capacity: <see cref="CapacityUnits"/> if given, else the population.</summary>
    public double Units => double.IsNaN(CapacityUnits) ? Population : CapacityUnits;
}

/// <summary>One jurisdiction's result of the Fiscal Disparities computation.</summary>
/// <param name="Contribution">C/I base contributed to the areawide pool, $.</param>
/// <param name="FiscalCapacity">Market value per capita, $.</param>
/// <param name="DistributionIndex">Population × (average fiscal capacity / own fiscal capacity).</param>
/// <param name="Distribution">Share of the pool distributed to the jurisdiction, $ of base.</param>
/// <param name="DistributionLevy">Distribution × local rate, $.</param>
/// <param name="AreawideTax">Areawide rate × contribution: tax paid on the contributed base, $.</param>
public readonly record struct DisparityShare(double Contribution, double FiscalCapacity, double DistributionIndex, double Distribution,
    double DistributionLevy, double AreawideTax)
{
    /// <summary>Distribution − contribution: the change in the jurisdiction's tax base, $.</summary>
    public double NetBaseGain => Distribution - Contribution;

    /// <summary>Distribution levy received − areawide tax paid on the contributed base: the net revenue transfer, $.</summary>
    public double NetRevenueTransfer => DistributionLevy - AreawideTax;
}

/// <summary>
/// Tax-base sharing as the Twin Cities Fiscal Disparities program does it (MODEL.md section 6; benchmark B8;
/// Minnesota Statutes chapter 473F, sections 473F.02 and 473F.07).
/// </summary>
/// <remarks>
/// 1. Contribution_j = share × max(0, C/I_j(now) − C/I_j(base year)); the pool is the sum (a fall contributes nothing).
/// 2. Fiscal capacity FC_j = market value_j / population_j; the average is Σ values / Σ populations (prior year).
///    (Options: households instead of population, or the tax base instead of market value, via the inputs.)
/// 3. Distribution index DI_j = population_j × (average FC / FC_j).
/// 4. Distribution_j = pool × DI_j / Σ DI.
/// 5. Each jurisdiction taxes its distribution at its own (prior-year) local rate; the areawide rate is
///    Σ distribution levies / pool, and the contributed C/I base pays the areawide rate.
/// </remarks>
public static class FiscalDisparities
{
    /// <summary>Statutory contribution share (473F.07: 40% of C/I growth since 1971).</summary>
    public const double StatutoryShare = 0.40;

    /// <summary>Computes contributions, distributions, levies and the areawide rate.</summary>
    /// <param name="inputs">One entry per participating jurisdiction.</param>
    /// <param name="share">Contribution share of C/I growth.</param>
    /// <param name="customIndex">Replaces the statutory distribution index (computed from the fiscal capacities) if given;
    /// negative entries count as 0.</param>
    public static (IReadOnlyList<DisparityShare> Shares, double Pool, double AreawideRate) Compute(IReadOnlyList<DisparityInput> inputs, double share,
        Func<int, double, double, double>? customIndex = null)
    {
        int n = inputs.Count;
        var contribution = new double[n];
        double pool = 0, value = 0, population = 0;
        for (int j = 0; j < n; j++)
        {
            contribution[j] = share * Math.Max(0, inputs[j].CommercialNow - inputs[j].CommercialBaseYear);
            pool += contribution[j];
            value += inputs[j].MarketValue;
            population += inputs[j].Units;
        }
        double averageCapacity = population > 0 ? value / population : 0;
        var capacity = new double[n];
        var index = new double[n];
        double indexSum = 0;
        for (int j = 0; j < n; j++)
        {
            capacity[j] = inputs[j].Units > 0 ? inputs[j].MarketValue / inputs[j].Units : 0;
            index[j] = customIndex is not null
                ? Math.Max(0, customIndex(j, capacity[j], averageCapacity))
                : capacity[j] > 0 ? inputs[j].Population * (averageCapacity / capacity[j]) : 0;
            indexSum += index[j];
        }
        var distribution = new double[n];
        double levies = 0;
        for (int j = 0; j < n; j++)
        {
            distribution[j] = indexSum > 0 ? pool * index[j] / indexSum : 0;
            levies += distribution[j] * inputs[j].LocalRate;
        }
        double areawideRate = pool > 0 ? levies / pool : 0;
        var shares = new DisparityShare[n];
        for (int j = 0; j < n; j++)
            shares[j] = new DisparityShare(contribution[j], capacity[j], index[j], distribution[j],
                distribution[j] * inputs[j].LocalRate, areawideRate * contribution[j]);
        return (shares, pool, areawideRate);
    }
}
