using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B2 — inter-jurisdictional spillovers, Nash vs Samuelson, Pigouvian matching grant and tax (benchmarks.md).
/// Tolerance class T0 throughout. Expected numbers are those printed in benchmarks.md; where the print is coarser than
/// T0 the closed form is evaluated at full precision, checked against the print, and the engine is held to it at T0.
/// </summary>
/// <remarks>
/// Jurisdictions are one neighborhood each (fragmented structure, its own city), n identical one-person households,
/// quasi-linear utility, head tax, a pure public good per jurisdiction (rivalry 0: cost c·g). Each jurisdiction's
/// planner maximizes its own residents' surplus taking the others' levels as given; the engine's fixed point across
/// jurisdictions is the Nash equilibrium.
/// </remarks>
public class B2SpilloverTests
{
    private const double N = 10_000, Alpha = 50, C = 1, Income = 1_000_000; // benchmarks.md B2a/B2b parameters

    private static Scenario Symmetric(int jurisdictions, PublicGood good, params Structure[] structures) => Scenario(
        Enumerable.Range(0, jurisdictions).Select(j => Hood($"j{j}", 10 * j, Map(("res", N)))).ToList(),
        [Group("res", Map(("g", Alpha)), income: Income)],
        [good], structures);

    private static Structure Nash(string id = "nash", IReadOnlyDictionary<string, double>? matching = null) =>
        Structure(id, StructureKind.Fragmented, DecisionRule.Planner, HeadTax(matching));

    // ---------------------------------------------------------------------------------------------------------------
    // B2a — a fraction s of each jurisdiction's benefits accrues to neighbours (benefit-share form, equal weights).
    // ---------------------------------------------------------------------------------------------------------------

    private static PublicGood ShareGood(double s) => Good("g", C, rivalry: 0, spillover: Everywhere(SpilloverForm.BenefitShare, s));

    [Theory]
    // benchmarks.md B2a table (J = 3): s, g^N, ratio, loss per jurisdiction, loss per capita
    [InlineData(0.1, 450_000, 0.9, 2_680.26, 0.268026)]
    [InlineData(0.3, 350_000, 0.7, 28_337.47, 2.833747)]
    [InlineData(0.5, 250_000, 0.5, 96_573.59, 9.657359)]
    public void B2a_nash_underprovision_ratio_is_one_minus_s_and_loss(double s, double gNash, double ratio, double lossPerJurisdiction,
        double lossPerCapita)
    {
        double exactLoss = N * Alpha * (-Math.Log(1 - s) - s); // nα[−ln(1−s) − s]
        AssertPrinted(lossPerJurisdiction, 2, exactLoss, "loss per jurisdiction");
        AssertPrinted(lossPerCapita, 6, exactLoss / N, "loss per capita");

        var result = Simulator.Run(Symmetric(3, ShareGood(s), Nash(), Structure("samuelson", StructureKind.Consolidated, DecisionRule.Planner)),
            new RunOptions());
        AssertConverged(result);
        for (int j = 0; j < 3; j++) AssertT0(gNash, Region(result, "nash", "level:g", $"j{j}"), what: $"g^N in j{j}");
        AssertT0(ratio, Region(result, "nash", "level:g") / 500_000, what: "g^N/g*");
        AssertT0(exactLoss / N, Region(result, "nash", MetricCatalog.EfficiencyLoss.Name), what: "loss per capita");
        // The Samuelson level g* = nα/c = 500,000 for every s: a single provider over all three internalizes the spillover.
        AssertT0(500_000, Region(result, "samuelson", "level:g"), what: "g*");
        AssertT0(0, Region(result, "samuelson", MetricCatalog.EfficiencyLoss.Name), zeroScale: lossPerCapita, what: "loss at g*");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public void B2a_pigouvian_matching_grant_at_rate_s_restores_samuelson_level(double s)
    {
        // benchmarks.md B2a: a matching grant at σ = s cuts the local price to c(1 − σ) and restores g* = 500,000;
        // the resource cost is unchanged, so the loss vanishes.
        var result = Simulator.Run(Symmetric(3, ShareGood(s), Nash("grant", Map(("g", s)))), new RunOptions());
        AssertConverged(result);
        for (int j = 0; j < 3; j++) AssertT0(500_000, Region(result, "grant", "level:g", $"j{j}"), what: $"g in j{j}");
        AssertT0(0, Region(result, "grant", MetricCatalog.EfficiencyLoss.Name), zeroScale: 1, what: "loss");
        // A grant at any other rate misses g*.
        var off = Simulator.Run(Symmetric(3, ShareGood(s), Nash("grant", Map(("g", s / 2)))), new RunOptions());
        Assert.True(Region(off, "grant", "level:g") < 500_000 * (1 - 1e-3));
    }

    [Fact]
    public void B2a_direct_welfare_evaluation_at_s_0_3()
    {
        // benchmarks.md B2a check at s = 0.3 (J = 3 in total): W_Nash = 18,098,532.65, W_opt = 18,183,545.07,
        // difference 28,337.47 per jurisdiction. W = Σ_i [nα((1−s) ln g_i + s/(J−1) Σ ln g_j) − c g_i] is read from the
        // engine's household utilities (U = y − tax + α ln Q, so W = Σ(U − y)); at the optimum reached with the
        // matching grant, the grant is financed lump-sum by the same residents, so it is subtracted.
        const double s = 0.3, wNash = 18_098_532.65, wOpt = 18_183_545.07, perJurisdiction = 28_337.47;
        var result = Simulator.Run(Symmetric(3, ShareGood(s), Nash(), Nash("grant", Map(("g", s)))), new RunOptions());
        double households = 3 * N;
        double nash = households * (Region(result, "nash", MetricCatalog.MeanUtility.Name) - Income);
        double opt = households * (Region(result, "grant", MetricCatalog.MeanUtility.Name) - Income) - Books(result, "grant").Sum(b => b.Grants);
        AssertPrinted(wNash, 2, nash, "W_Nash (engine, to the printed cent)");
        AssertPrinted(wOpt, 2, opt, "W_opt (engine, to the printed cent)");
        AssertT0(wNash, nash, what: "W_Nash");
        AssertT0(wOpt, opt, what: "W_opt");
        AssertT0(perJurisdiction, (opt - nash) / 3, what: "W_opt − W_Nash per jurisdiction");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // B2b — additive spillovers: G_i = g_i + s·Σ_{j≠i} g_j (additive form, K_ik = s, decay ∞), u = x + α ln G_i.
    // ---------------------------------------------------------------------------------------------------------------

    [Theory]
    // benchmarks.md B2b table: J, s, g^N, ratio, σ*, loss per jurisdiction
    [InlineData(2, 0.2, 416_666.7, 0.8333, 0.1667, 7_827.45)]
    [InlineData(2, 0.5, 333_333.3, 0.6667, 0.3333, 36_065.89)]
    [InlineData(5, 0.2, 277_777.8, 0.5556, 0.4444, 71_671.11)]
    [InlineData(5, 0.5, 166_666.7, 0.3333, 0.6667, 215_972.81)]
    public void B2b_additive_spillover_nash_ratio_matching_rate_and_loss(int j, double s, double gNash, double ratio, double sigmaStar,
        double lossPerJurisdiction)
    {
        double spread = s * (j - 1);
        double exactG = N * Alpha / (C * (1 + spread)), exactRatio = 1 / (1 + spread), exactSigma = spread / (1 + spread);
        double exactLoss = N * Alpha * (Math.Log(1 + spread) - spread / (1 + spread));
        AssertPrinted(gNash, 1, exactG, "g^N");
        AssertPrinted(ratio, 4, exactRatio, "ratio");
        AssertPrinted(sigmaStar, 4, exactSigma, "σ*");
        AssertPrinted(lossPerJurisdiction, 2, exactLoss, "loss per jurisdiction");

        var good = Good("g", C, rivalry: 0, spillover: Everywhere(SpilloverForm.Additive, s));
        var result = Simulator.Run(Symmetric(j, good, Nash(), Nash("grant", Map(("g", exactSigma)))), new RunOptions());
        AssertConverged(result); // best-response iteration converged to the Nash equilibrium (solver tolerance 1e-12)
        for (int k = 0; k < j; k++) AssertT0(exactG, Region(result, "nash", "level:g", $"j{k}"), what: $"g^N in j{k}");
        AssertT0(exactRatio, Region(result, "nash", "level:g") / 500_000, what: "g^N/g*");
        AssertT0(exactLoss / N, Region(result, "nash", MetricCatalog.EfficiencyLoss.Name), what: "loss per capita");
        // The matching grant at σ* = s(J−1)/(1+s(J−1)) restores g* = nα/c = 500,000 and removes the loss.
        for (int k = 0; k < j; k++) AssertT0(500_000, Region(result, "grant", "level:g", $"j{k}"), what: $"g with σ* in j{k}");
        AssertT0(0, Region(result, "grant", MetricCatalog.EfficiencyLoss.Name), zeroScale: 1, what: "loss with σ*");
    }

    [Fact]
    public void B2b_underprovision_worsens_with_the_number_of_neighbours()
    {
        var good = Good("g", C, rivalry: 0, spillover: Everywhere(SpilloverForm.Additive, 0.2));
        double Ratio(int j) => Region(Simulator.Run(Symmetric(j, good, Nash()), new RunOptions()), "nash", "level:g") / 500_000;
        double r2 = Ratio(2), r3 = Ratio(3), r5 = Ratio(5);
        Assert.True(r2 > r3 && r3 > r5, $"ratios {r2}, {r3}, {r5} must fall with J");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // B2c — public bad: over-provision of a noxious activity and the Pigouvian tax.
    // Activity z is a good with log benefit a = 20 per resident and no production cost that emits ε = 1 unit of a bad's
    // source per unit of z. The bad does δ = 0.5 per resident per unit of exposure and spills over with share 1 and
    // infinite decay: a source r_i exposes its own residents to r_i and every other jurisdiction's to r_i. So own damage
    // per capita is δε·z = d_own·z (d_own = 0.5), and each of the J − 1 = 2 others suffers δε·z per capita, in total
    // 2·n·0.5·z = n·d_ext·z with d_ext = 1.0. The Pigouvian tax d_ext per unit per resident of the source is
    // PigouvianRates[bad] = d_ext/ε = 1.0 (charged on ε·pop·z, rebated lump-sum to the same residents).
    // ---------------------------------------------------------------------------------------------------------------

    private const double A = 20, DOwn = 0.5, DExt = 1.0; // benchmarks.md B2c parameters

    private static Scenario B2c(params Structure[] structures) => Scenario(
        Enumerable.Range(0, 3).Select(j => Hood($"j{j}", 10 * j, Map(("res", 1000)))).ToList(),
        [Group("res", Map(("z", A)))],
        [Good("z", 0, emits: "smoke", emission: 1)],
        structures,
        bads: [Bad("smoke", DOwn, Everywhere(SpilloverForm.Additive, 1))]);

    [Fact]
    public void B2c_public_bad_overprovision_loss_and_pigouvian_tax()
    {
        double zNash = A / DOwn, zStar = A / (DOwn + DExt);              // benchmarks.md: 40 and 13.3333, ratio 3
        double loss = A * (DExt / DOwn - Math.Log(1 + DExt / DOwn));     // benchmarks.md: 18.02775 per capita
        AssertPrinted(40, 0, zNash, "z^N");
        AssertPrinted(13.3333, 4, zStar, "z*");
        AssertPrinted(18.02775, 5, loss, "loss per capita");

        var result = Simulator.Run(B2c(
            Structure("nash", StructureKind.Fragmented, DecisionRule.Planner),
            Structure("pigou", StructureKind.Fragmented, DecisionRule.Planner, HeadTax(pigouvian: Map(("smoke", DExt))))), new RunOptions());
        AssertConverged(result);
        for (int j = 0; j < 3; j++)
        {
            AssertT0(zNash, Region(result, "nash", "level:z", $"j{j}"), what: $"z^N in j{j}");
            AssertT0(zStar, Region(result, "pigou", "level:z", $"j{j}"), what: $"z with Pigouvian tax in j{j}");
        }
        AssertT0(3, Region(result, "nash", "level:z") / Region(result, "pigou", "level:z"), what: "over-provision ratio 1 + d_ext/d_own");
        AssertT0(loss, Region(result, "nash", MetricCatalog.EfficiencyLoss.Name), what: "loss per capita");
        AssertT0(0, Region(result, "pigou", MetricCatalog.EfficiencyLoss.Name), zeroScale: loss, what: "loss under the Pigouvian tax");
        // Damage per capita at the Nash level counts the damage each jurisdiction receives: (d_own + d_ext)·z^N.
        AssertT0((DOwn + DExt) * zNash, Region(result, "nash", MetricCatalog.BadDamage.Name), what: "damage per capita");
    }
}
