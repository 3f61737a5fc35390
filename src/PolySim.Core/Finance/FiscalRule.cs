namespace PolySim.Core.Finance;

/// <summary>What a jurisdiction's own tax falls on (MODEL.md section 6).</summary>
public enum TaxBase
{
    /// <summary>Property tax on residential value plus the C/I base times its classification ratio.</summary>
    Property,

    /// <summary>Equal tax per resident (the textbook head tax).</summary>
    Head,

    /// <summary>Proportional to household income (B4c).</summary>
    Income,
}

/// <summary>
/// Taxes and grants of a structure (MODEL.md section 6). Budgets balance every year:
/// own taxes = spending − grants + Pigouvian rebates.
/// </summary>
/// <param name="Tax">Base of own taxes.</param>
/// <param name="CommercialRatio">Classification ratio of the C/I base relative to residential (1 = same rate).</param>
/// <param name="HousingCostRate">Annual housing cost (rent or owner user cost) as a share of dwelling value.</param>
/// <param name="MatchingRates">Matching grant rate σ_g by good id (the upper tier pays σ of the cost; funded from outside the deciding jurisdiction).</param>
/// <param name="PigouvianRates">Tax per unit of emission per resident of the source by bad id (rebated lump-sum to the same residents).</param>
/// <param name="BaseSharing">Minnesota-style sharing of C/I base growth among the lowest-tier jurisdictions, or null.</param>
/// <param name="Grants">State grants to the lowest-tier jurisdictions (outside money), or null.</param>
/// <param name="Upward">Upward financing: the upper tier taxes and grants the lower tiers per capita and per need, or null.</param>
/// <param name="Credit">Federal income tax credit for lowest-tier taxes (outside money), or null.</param>
/// <param name="Rebate">State sales tax rebated to lowest-tier jurisdictions that run a recommended program, or null.</param>
/// <param name="Vouchers">Per-resident vouchers only lowest-tier jurisdictions can cash, or null.</param>
/// <param name="Redistribution">Linear income tax with a lump-sum rebate set by each lowest-tier jurisdiction's median voter (B9), or null.</param>
/// <param name="GovernanceCost">Fixed cost of running one jurisdiction, $ per year, in every jurisdiction's spending (K of B3, F of B9).</param>
public sealed record FiscalRule(
    TaxBase Tax,
    double CommercialRatio,
    double HousingCostRate,
    IReadOnlyDictionary<string, double> MatchingRates,
    IReadOnlyDictionary<string, double> PigouvianRates,
    TaxBaseSharing? BaseSharing = null,
    StateGrants? Grants = null,
    UpwardFinancing? Upward = null,
    IncomeTaxCredit? Credit = null,
    SalesTaxRebate? Rebate = null,
    Vouchers? Vouchers = null,
    Redistribution? Redistribution = null,
    double GovernanceCost = 0)
{
    /// <summary>Property tax, C/I at par, 6% housing cost, no grants.</summary>
    public static FiscalRule Default { get; } =
        new(TaxBase.Property, 1.0, 0.06, new Dictionary<string, double>(), new Dictionary<string, double>());
}

/// <summary>
/// Tax-base sharing (MODEL.md section 6; B8): each lowest-tier jurisdiction contributes <paramref name="Share"/> of its C/I
/// base growth since <paramref name="BaseYear"/> to an areawide pool, distributed by population × (average / own market
/// value per capita) of the prior year; see <see cref="FiscalDisparities"/>.
/// </summary>
/// <param name="Share">Contribution share of C/I growth (statute: 0.40).</param>
/// <param name="BaseYear">Base year of the C/I base (statute: 1971); may precede the simulation (C/I is deflated by its growth rate).</param>
/// <param name="Capacity">The fiscal capacity measure of the distribution index.</param>
/// <param name="Lag">Years between the capacity data and the distribution (1 = prior year; never before the start year).</param>
/// <param name="IndexFormula">A custom distribution index as written, or null for pop × (avg_fc / fc).</param>
/// <param name="Index">The compiled custom index over the jurisdiction's attributes, with fc and avg_fc the capacity measure.</param>
public sealed record TaxBaseSharing(double Share, int BaseYear, FiscalCapacity Capacity = FiscalCapacity.MarketValuePerCapita, int Lag = 1,
    string? IndexFormula = null, Func<JurisdictionAttributes, double>? Index = null);

/// <summary>The fiscal capacity measure of tax-base sharing's distribution index.</summary>
public enum FiscalCapacity
{
    /// <summary>Market value (residential + C/I) per resident: the statute (473F.02, 473F.07).</summary>
    MarketValuePerCapita,

    /// <summary>Market value per household.</summary>
    MarketValuePerHousehold,

    /// <summary>Tax base (residential + classified C/I, before sharing) per resident.</summary>
    BasePerCapita,
}

/// <summary>
/// State grants to the lowest-tier jurisdictions, paid from outside the region (MODEL.md section 6). Each is optional
/// (0 = off) and they combine.
/// </summary>
/// <param name="PerCapita">Per-capita grant: amount × residents, $ per resident.</param>
/// <param name="FoundationLevel">Foundation grant: max(0, level × residents − required rate × base), $ per resident.</param>
/// <param name="FoundationRate">The required local rate of the foundation formula.</param>
/// <param name="GuaranteedBasePerResident">Guaranteed tax base (power equalizing), $ per resident: the jurisdiction sets its
/// rate as if its base were max(base, G × residents) and the state pays rate × the shortfall.</param>
/// <remarks>Lump-sum grants (per capita, foundation) never exceed a jurisdiction's spending net of matching grants;
/// any excess is not paid. A lump sum changes residents' consumption but not their tax price; a guaranteed base lowers
/// the tax price (the price effect of power equalization).</remarks>
/// <param name="Custom">Custom lump-sum grants, each a compiled formula over the jurisdiction's attributes.</param>
public sealed record StateGrants(double PerCapita, double FoundationLevel, double FoundationRate, double GuaranteedBasePerResident,
    IReadOnlyList<CustomGrant>? Custom = null);

/// <summary>
/// A lump-sum state grant given by a formula written in the scenario (MODEL.md section 6, custom), compiled once by the
/// scenario loader and evaluated once per jurisdiction and year. Negative results pay nothing; a non-finite result
/// stops the run with the grant's name and the jurisdiction.
/// </summary>
/// <param name="Name">Name of the grant (for messages).</param>
/// <param name="Formula">The formula as written.</param>
/// <param name="Amount">The compiled formula: $ granted to a jurisdiction with these attributes.</param>
public sealed record CustomGrant(string Name, string Formula, Func<JurisdictionAttributes, double> Amount);
