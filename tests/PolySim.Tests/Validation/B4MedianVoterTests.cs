using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B4 — the median voter theorem and the Bowen (1943) efficiency gap (benchmarks.md).
/// </summary>
/// <remarks>
/// Expected numbers are those printed in benchmarks.md. B4a is T0. B4b and B4c are stated as T2 and are run twice:
/// as T1 with 10,001 deterministic quantile types (the class for discretised, deterministic runs with ≥ 10,000 entries
/// per jurisdiction), and as T2 with 30 replications of 2,000 sampled agents (SE = sample standard deviation of the 30
/// replication values / √30; accept |mean − expected| ≤ max(3·SE, 1% of expected)). The ratio g_m/g* and the loss per
/// capita do not depend on n, which only scales the levels; 2,000 agents keep the T2 runs cheap, and the finite-sample
/// bias of the loss (≈ ½·θ·Var(ĝ_m/ĝ*)/r², about 0.4% at this size) stays inside the class.
/// </remarks>
public class B4MedianVoterTests
{
    private static Structure Vote(string id = "vote", FiscalRule? finance = null) =>
        Structure(id, StructureKind.Consolidated, DecisionRule.DirectDemocracy, finance);

    private static Structure Planner(string id = "planner", FiscalRule? finance = null) =>
        Structure(id, StructureKind.Consolidated, DecisionRule.Planner, finance);

    private static double Phi(double r) => r - 1 - Math.Log(r);

    // ---------------------------------------------------------------------------------------------------------------
    // B4a — discrete quadratic single-peaked preferences: u_i = θ_i g − g²/2 − p g, equal cost shares. T0.
    // Five one-person households in one jurisdiction; the good is rival (γ = 1) at unit cost p, so each pays p·g.
    // ---------------------------------------------------------------------------------------------------------------

    private static readonly double[] Theta = [20, 30, 40, 60, 100]; // benchmarks.md B4a
    private const double P = 10;

    private static readonly PublicGood QuadraticGood = Good("g", P, BenefitForm.Quadratic, curvature: 1);

    private static Scenario B4a() => Scenario(
        [Hood("town", 0, Theta.Select((_, k) => ($"v{k}", 1.0)).ToDictionary(x => x.Item1, x => x.Item2))],
        Theta.Select((t, k) => Group($"v{k}", Map(("g", t)))).ToList(),
        [QuadraticGood],
        [Vote(), Planner()]);

    [Fact]
    public void B4a_median_peak_wins_samuelson_level_and_bowen_loss()
    {
        var result = Simulator.Run(B4a(), new RunOptions());
        AssertConverged(result);
        AssertT0(30, Region(result, "vote", "level:g"), what: "majority winner");     // benchmarks.md: 30
        AssertT0(40, Region(result, "planner", "level:g"), what: "g* = θ̄ − p");       // benchmarks.md: 40
        AssertT0(250, Region(result, "vote", MetricCatalog.EfficiencyLoss.Name) * 5, what: "loss (n/2)(θ̄ − θ_med)²"); // 250
        AssertT0(0, Region(result, "planner", MetricCatalog.EfficiencyLoss.Name) * 5, zeroScale: 250, what: "planner loss");
    }

    [Fact]
    public void B4a_median_is_the_condorcet_winner()
    {
        // benchmarks.md B4a: 30 beats every alternative tested (0, 10, 20, 25, 35, 40, 50, 90) with ≥ 3 of 5 votes.
        // Voters compare u = θ·b(g) − p·g with the engine's benefit function; an indifferent voter votes No (tie rule).
        double U(double theta, double g) => Utility.Benefit(QuadraticGood, theta, g) - P * g;
        double winner = Region(Simulator.Run(B4a(), new RunOptions()), "vote", "level:g");
        var alternatives = new double[] { 0, 10, 20, 25, 35, 40, 50, 90 }
            .Concat(Enumerable.Range(0, 201).Select(k => 0.5 * k).Where(g => Math.Abs(g - 30) > 1e-9));
        foreach (double alternative in alternatives)
        {
            int votes = Theta.Count(t => U(t, winner) - U(t, alternative) >= 1e-9);
            Assert.True(votes >= 3, $"{winner} vs {alternative}: only {votes} of 5 votes");
        }
        // Peaks are θ − p = (10, 20, 30, 50, 90) and a majority prefers the median peak to the mean-based optimum 40.
        Assert.Equal(3, Theta.Count(t => U(t, 30) - U(t, 40) >= 1e-9));
    }

    [Fact]
    public void B4a_bowen_majority_rule_is_efficient_when_median_equals_mean()
    {
        // Symmetric tastes (median = mean) make majority rule efficient: the loss vanishes.
        double[] symmetric = [20, 30, 40, 50, 60];
        var scenario = Scenario(
            [Hood("town", 0, symmetric.Select((_, k) => ($"v{k}", 1.0)).ToDictionary(x => x.Item1, x => x.Item2))],
            symmetric.Select((t, k) => Group($"v{k}", Map(("g", t)))).ToList(), [QuadraticGood], [Vote()]);
        var result = Simulator.Run(scenario, new RunOptions());
        AssertT0(30, Region(result, "vote", "level:g"));
        AssertT0(0, Region(result, "vote", MetricCatalog.EfficiencyLoss.Name), zeroScale: 250);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // B4b — skewed tastes, equal tax shares: u_i = x + θ_i ln g, θ ~ lognormal(ln 50, 0.6), head tax, c = 1000,
    // n = 10,000 (a pure public good: rivalry 0, cost c·g, each pays c·g/n). g_m = nθ_med/c, g* = nθ̄/c.
    // ---------------------------------------------------------------------------------------------------------------

    private const double Sigma = 0.6, N = 10_000, Cost = 1000, Agents = 2000;
    private const int Types = 10_001; // odd: the middle type sits exactly at the median

    private static readonly PublicGood PureGood = Good("g", Cost, rivalry: 0);

    [Fact]
    public void B4b_T1_skewed_tastes_underprovide_by_exp_minus_half_sigma_squared()
    {
        // T1: 10,001 quantile types. Tastes θ = 50·(y/y_med) with lognormal income σ = 0.6 (income elasticity 1) are
        // lognormal(ln 50, 0.6) at the quantiles (k + ½)/K; with quasi-linear utility and a head tax income plays no other role.
        var scenario = Scenario([Hood("town", 0, Map(("res", N)))],
            [Group("res", Map(("g", 50)), income: 50_000, incomeSigma: Sigma, incomeElasticity: 1)],
            [PureGood], [Vote(), Planner()], types: Types);
        var result = Simulator.Run(scenario, new RunOptions());
        AssertConverged(result);
        double gm = Region(result, "vote", "level:g"), gStar = Region(result, "planner", "level:g");
        AssertT1(500, gm, "g_m");                         // benchmarks.md: g_m = 500
        AssertT1(598.609, gStar, "g*");                   // benchmarks.md: g* = 598.609
        AssertT1(0.835270, gm / gStar, "g_m/g*");         // benchmarks.md: exp(−σ²/2) = 0.835270
        AssertT1(0.914088, Region(result, "vote", MetricCatalog.EfficiencyLoss.Name), "loss per capita"); // 0.914088
    }

    [Fact]
    public void B4b_T2_sampled_tastes_underprovide_by_exp_minus_half_sigma_squared()
    {
        // T2: 30 replications of 2,000 agents with θ = θ̄·exp(σZ − σ²/2), θ̄ = 59.86087 (benchmarks.md), so θ_med = 50.
        const int replications = 30;
        var scenario = Scenario([Hood("town", 0, Map(("res", Agents)))],
            [Group("res", Map(("g", 59.86087)), preferenceSigma: Sigma)],
            [PureGood], [Vote(), Planner()], mode: HouseholdMode.Agents, replications: replications, seed: 20250404);
        var result = Simulator.Run(scenario, new RunOptions(Threads: 1)); // one neighborhood: threads only add overhead
        AssertConverged(result);
        var ratio = new List<double>();
        var loss = new List<double>();
        for (int r = 0; r < replications; r++)
        {
            ratio.Add(Value(result, r, "vote", "level:g") / Value(result, r, "planner", "level:g"));
            loss.Add(Value(result, r, "vote", MetricCatalog.EfficiencyLoss.Name));
        }
        AssertT2(0.835270, ratio, "g_m/g*");       // benchmarks.md
        AssertT2(0.914088, loss, "loss per capita"); // benchmarks.md
        Assert.All(ratio, x => Assert.True(x < 1, "under-provision must hold in every replication"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // B4c — identical tastes θ = 50, income-proportional tax (voter i pays y_i/Σy of c·g), income lognormal σ = 0.6.
    // g_i = nθȳ/(c y_i) falls with income; g_m/g* = ȳ/y_med = exp(σ²/2).
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void B4c_T1_income_proportional_tax_overprovides_by_exp_half_sigma_squared()
    {
        var scenario = Scenario([Hood("town", 0, Map(("res", N)))],
            [Group("res", Map(("g", 50)), income: 50_000, incomeSigma: Sigma)],
            [PureGood], [Vote(finance: IncomeTax()), Planner(finance: IncomeTax())], types: Types);
        var result = Simulator.Run(scenario, new RunOptions());
        AssertConverged(result);
        double gm = Region(result, "vote", "level:g"), gStar = Region(result, "planner", "level:g");
        AssertT0(500, gStar, what: "g* = nθ/c");                                     // identical tastes: exact
        AssertT1(1.197217, gm / gStar, "g_m/g*");                                      // benchmarks.md: 1.197217
        AssertT1(0.860868, Region(result, "vote", MetricCatalog.EfficiencyLoss.Name), "loss per capita"); // 0.860868
    }

    [Fact]
    public void B4c_T2_sampled_incomes_overprovide_by_exp_half_sigma_squared()
    {
        // T2: 30 replications of 2,000 agents with lognormal incomes (σ = 0.6).
        const int replications = 30;
        var scenario = Scenario([Hood("town", 0, Map(("res", Agents)))],
            [Group("res", Map(("g", 50)), income: 50_000, incomeSigma: Sigma)],
            [PureGood], [Vote(finance: IncomeTax()), Planner(finance: IncomeTax())],
            mode: HouseholdMode.Agents, replications: replications, seed: 20250405);
        var result = Simulator.Run(scenario, new RunOptions(Threads: 1)); // one neighborhood: threads only add overhead
        AssertConverged(result);
        var ratio = new List<double>();
        var loss = new List<double>();
        for (int r = 0; r < replications; r++)
        {
            ratio.Add(Value(result, r, "vote", "level:g") / Value(result, r, "planner", "level:g"));
            loss.Add(Value(result, r, "vote", MetricCatalog.EfficiencyLoss.Name));
        }
        AssertT2(1.197217, ratio, "g_m/g*");
        AssertT2(0.860868, loss, "loss per capita");
        Assert.All(ratio, x => Assert.True(x > 1, "over-provision must hold in every replication"));
    }
}
