using System.Text;
using PolySim.Core.Governance;
using PolySim.Output;

namespace PolySim.Tests.Output;

public class FiscalWriterTests
{
    [Fact]
    public void Writes_one_row_per_replication_structure_year_jurisdiction_with_snake_case_tiers()
    {
        string text = SyntheticRun.WithGermanCulture(() =>
        {
            using var ms = new MemoryStream();
            FiscalWriter.Write(SyntheticRun.Create(), ms);
            return Encoding.UTF8.GetString(ms.ToArray());
        });
        var lines = text.Split('\n');

        Assert.Equal("run,replication,structure,year,jurisdiction,tier,population,residential_base,commercial_base,tax_rate,own_revenue,grants,spending,shared_contribution,shared_distribution,matching_grants,state_grants,guaranteed_base_payment,upward_received,upward_paid,vouchers_received,vouchers_paid,sales_tax_rebate,upper_tier_levy,federal_credit,net_transfer", lines[0]);
        Assert.Equal(1 + 3 * 3 * 3 * 2 + 1, lines.Length);
        Assert.Equal("synthetic,0,consolidated,2025,city01,city,2160.5,180000000,1000000,0.0125,2262500,0,2262500,0,0,0,0,0,0,0,0,0,0,0,0,0", lines[1]);
        Assert.Equal("synthetic,0,consolidated,2025,sd01,special_district,2160.5,0,0,0.30000000000000004,1.5,0.25,1.75,0,0,0,0,0,0,0,0,0,0,0,0,0.25", lines[2]);
        Assert.StartsWith("synthetic,2,two_tier,2027,sd01,", lines[^2]);
    }

    [Theory]
    [InlineData(Tier.Neighborhood, "neighborhood")]
    [InlineData(Tier.City, "city")]
    [InlineData(Tier.SpecialDistrict, "special_district")]
    [InlineData(Tier.Metro, "metro")]
    public void Tier_names(Tier tier, string expected) => Assert.Equal(expected, FiscalWriter.TierName(tier));
}
