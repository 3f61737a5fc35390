using PolySim.Core.Finance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B8 — Minnesota Fiscal Disparities on the 3-municipality toy (benchmarks.md), tolerance T0 (pure accounting):
/// reproduced to the dollar (absolute error below $0.01 on every money figure).
/// </summary>
public class B8FiscalDisparitiesTests
{
    private const double Cent = 0.01;

    // benchmarks.md B8 parameters: A "Commerce City", B "Suburbia", C "Inner Ring".
    private static readonly DisparityInput[] Municipalities =
    [
        new(20_000, 4.0e9, 30.0e6, 10.0e6, 0.30),
        new(50_000, 6.0e9, 15.0e6, 5.0e6, 0.35),
        new(30_000, 1.5e9, 6.0e6, 4.0e6, 0.50),
    ];

    [Fact]
    public void B8_contributions_pool_index_distributions_and_areawide_rate()
    {
        var (shares, pool, rate) = FiscalDisparities.Compute(Municipalities, FiscalDisparities.StatutoryShare);
        Assert.Equal(12_800_000, pool, Cent);
        double[] contributions = [8.0e6, 4.0e6, 0.8e6];
        double[] capacity = [200_000, 120_000, 50_000];
        double[] index = [11_500, 47_916.666666667, 69_000];
        double[] distributions = [1_146_268.66, 4_776_119.40, 6_877_611.94];
        double[] levies = [343_880.60, 1_671_641.79, 3_438_805.97];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(contributions[j], shares[j].Contribution, Cent);
            Assert.Equal(capacity[j], shares[j].FiscalCapacity, Cent);
            Assert.Equal(index[j], shares[j].DistributionIndex, 1e-6);
            Assert.Equal(distributions[j], shares[j].Distribution, 0.005 + Cent);   // table printed to the cent
            Assert.Equal(levies[j], shares[j].DistributionLevy, 0.005 + Cent);
        }
        Assert.Equal(5_454_328.36, levies.Sum(), 0.02);
        Assert.Equal(0.426119, rate, 1e-6);
    }

    [Fact]
    public void B8_net_base_gain_and_net_revenue_transfer_where_a_base_gainer_loses_revenue()
    {
        var (shares, pool, _) = FiscalDisparities.Compute(Municipalities, FiscalDisparities.StatutoryShare);
        double[] gain = [-6_853_731.34, 776_119.40, 6_077_611.94];
        double[] transfer = [-3_065_074.63, -32_835.82, 3_097_910.45];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(gain[j], shares[j].NetBaseGain, 0.005 + Cent);
            Assert.Equal(transfer[j], shares[j].NetRevenueTransfer, 0.005 + Cent);
        }
        // B ("Suburbia") gains base but loses revenue: its local rate 0.35 is below the areawide rate.
        Assert.True(shares[1].NetBaseGain > 0 && shares[1].NetRevenueTransfer < 0);
        // Accounting identities: pool = Σ contributions = Σ distributions; transfers sum to zero.
        Assert.Equal(pool, shares.Sum(s => s.Contribution), 1e-6);
        Assert.Equal(pool, shares.Sum(s => s.Distribution), 1e-6);
        Assert.Equal(0, shares.Sum(s => s.NetRevenueTransfer), 1e-6);
        // C/I base per capita before -> after: 1500 -> 1157.31, 300 -> 315.52, 200 -> 402.59; max/min 7.5 -> 3.67.
        double[] after = [1157.31, 315.52, 402.59];
        for (int j = 0; j < 3; j++)
            Assert.Equal(after[j], (Municipalities[j].CommercialNow + shares[j].NetBaseGain) / Municipalities[j].Population, 0.005);
        Assert.Equal(3.67, after.Max() / after.Min(), 0.005);
    }

    [Fact]
    public void B8_a_fall_in_commercial_base_contributes_nothing()
    {
        DisparityInput[] falling = [Municipalities[0] with { CommercialNow = 5.0e6 }, Municipalities[1], Municipalities[2]];
        var (shares, pool, _) = FiscalDisparities.Compute(falling, FiscalDisparities.StatutoryShare);
        Assert.Equal(0, shares[0].Contribution);
        Assert.Equal(4.8e6, pool, Cent);
        Assert.True(shares[0].Distribution > 0);
    }
}
