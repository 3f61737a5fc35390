using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

/// <summary>
/// The equalization keys of MODEL.md section 6: mapped into the engine's fiscal rule, and rejected (PS0203) with the
/// path and what would be valid where the structure cannot support them.
/// </summary>
public class EqualizationValidationTests
{
    /// <summary><see cref="Minimal"/> with its good at the neighborhood tier and one structure of the given kind and finance.</summary>
    private static string Scenario(string kind, string finance) => Minimal.Yaml + $$"""

            tier: neighborhood
        structures:
          - id: s
            kind: {{kind}}
            finance: {{finance}}
        """;

    [Theory]
    [InlineData("fragmented", "its cities have no upper tier")]
    [InlineData("political_decentralization", "its neighborhoods have no budgets of their own")]
    [InlineData("administrative_decentralization", "its neighborhoods have no budgets of their own")]
    [InlineData("consolidated", "its neighborhoods have no budgets of their own")]
    public void Upward_financing_without_an_upper_tier_is_an_error(string kind, string why)
    {
        var result = ScenarioLoader.Parse(Scenario(kind, "{ upward_financing: { per_capita: 100 } }"), "u.yaml");
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.Inconsistent, "structures[0].finance.upward_financing"), (error.Code, error.Path));
        Assert.Contains(why, error.Message);
        Assert.Contains("Use 'kind: two_tier', or remove 'upward_financing'", error.Message);
    }

    [Fact]
    public void Rate_mode_without_weights_is_an_error()
    {
        var error = Assert.Single(ScenarioLoader.Parse(Scenario("two_tier", "{ upward_financing: { rate: 0.01 } }"), "r.yaml").Diagnostics);
        Assert.Equal("structures[0].finance.upward_financing.rate", error.Path);
        Assert.Contains("Give 'per_capita' or 'per_need' a positive weight", error.Message);
    }

    [Fact]
    public void Upper_tier_vouchers_without_an_upper_tier_are_an_error_but_state_vouchers_are_valid()
    {
        var error = Assert.Single(ScenarioLoader.Parse(Scenario("fragmented", "{ vouchers: { per_resident: 50, payer: upper_tier } }"), "v.yaml").Diagnostics);
        Assert.Equal("structures[0].finance.vouchers.payer", error.Path);
        Assert.Contains("Use 'payer: state' or 'kind: two_tier'", error.Message);
        Assert.True(ScenarioLoader.Parse(Scenario("fragmented", "{ vouchers: { per_resident: 50 } }"), "v.yaml").IsValid);
    }

    [Fact]
    public void Unknown_program_good_is_an_error_naming_the_valid_goods()
    {
        var result = ScenarioLoader.Parse(Scenario("fragmented", "{ sales_tax_rebate: { program_good: parks } }"), "r.yaml");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("structures[0].finance.sales_tax_rebate.program_good", error.Path);
        Assert.Contains("w", error.Message);
    }

    [Fact]
    public void A_malicious_or_broken_sharing_index_is_rejected_with_its_position_and_never_compiled()
    {
        var result = ScenarioLoader.Parse(Scenario("fragmented",
            "{ tax_base_sharing: { index: 'pop * System.IO.File.Delete(\"x\")' } }"), "i.yaml");
        // Two errors, each with its position: the member access and the string literal.
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, e => Assert.Equal((DiagnosticCodes.InvalidFormula, "structures[0].finance.tax_base_sharing.index"), (e.Code, e.Path)));
        Assert.Contains("at character 7", result.Diagnostics[0].Message);
        Assert.Contains("'System.IO.File.Delete' is not allowed", result.Diagnostics[0].Message);
        Assert.Contains("at character 29", result.Diagnostics[1].Message);
        Assert.False(result.IsValid);

        var valid = ScenarioLoader.Parse(Scenario("fragmented",
            "{ tax_base_sharing: { index: 'pop * (avg_fc / fc)', capacity: base_per_capita, lag: 2 } }"), "i.yaml");
        Assert.True(valid.IsValid, string.Join("\n", valid.Diagnostics));
        var sharing = valid.Scenario!.Structures[0].Finance.BaseSharing!;
        Assert.Equal((FiscalCapacity.BasePerCapita, 2, "pop * (avg_fc / fc)"), (sharing.Capacity, sharing.Lag, sharing.IndexFormula));
        Assert.NotNull(sharing.Index);
    }

    [Fact]
    public void Every_instrument_maps_into_the_fiscal_rule()
    {
        const string finance = """
            { tax: income, upward_financing: { per_capita: 100, per_need: 300, levy_base: property },
                       income_tax_credit: { cap_per_household: 500 },
                       sales_tax_rebate: { rate: 0.07, taxable_share: 0.3, rebate_share: 0.5, program_good: w, minimum_level: 2 },
                       vouchers: { per_resident: 75, payer: upper_tier } }
            """;
        var result = ScenarioLoader.Parse(Scenario("two_tier", finance), "all.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var rule = result.Scenario!.Structures[0].Finance;
        Assert.Equal(new UpwardFinancing(100, 300, TaxBase.Property), rule.Upward);
        Assert.Equal(new IncomeTaxCredit(500), rule.Credit);
        Assert.Equal(new SalesTaxRebate(0.07, 0.3, 0.5, "w", 2), rule.Rebate);
        Assert.Equal(new Vouchers(75, VoucherPayer.UpperTier), rule.Vouchers);
        // Without levy_base the upper tier levies on the structure's own tax base.
        var plain = ScenarioLoader.Parse(Scenario("two_tier", "{ tax: head, upward_financing: { per_capita: 10 } }"), "p.yaml");
        Assert.Equal(TaxBase.Head, plain.Scenario!.Structures[0].Finance.Upward!.LevyBase);
        Assert.Equal(StructureKind.TwoTier, plain.Scenario.Structures[0].Kind);
    }
}
