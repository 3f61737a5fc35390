using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;

namespace PolySim.Tests.Support;

/// <summary>
/// The Epple–Filimon–Romer three-community region of benchmarks.md B5: incomes uniform on [20k, 100k], one public
/// good at unit cost 1, θ = β/(1 + β) = 0.2, each community a city run by direct democracy, sorting in equilibrium mode.
/// </summary>
public static class Efr
{
    public const double Theta = 0.2;
    public static readonly Dictionary<string, double> Tastes = Textbook.Map(("g", Theta));

    /// <summary>
    /// Three communities (each a city of one neighborhood). Households start in income terciles, each tercile a
    /// group uniform on its third of [20k, 100k], 3,000 households per community; <paramref name="capacity"/> null
    /// means unlimited dwellings.
    /// </summary>
    /// <param name="mixed">Start instead with one group uniform on [20k, 100k] spread evenly over the communities.</param>
    public static Scenario Scenario(FiscalRule finance, double? capacity, double priceResponse, HouseholdMode mode, double noise,
        int types = 400, double households = 3000, double reconsider = 0.3, int rounds = 600, bool mixed = false)
    {
        double third = 80_000.0 / 3;
        var groups = mixed
            ? [new HouseholdGroup("all", 60_000, 0, Tastes, 0, 0, 0, 4, 1, 0, 1, false, IncomeDistribution.Uniform, 20_000, 100_000)]
            : Enumerable.Range(0, 3).Select(k => new HouseholdGroup($"t{k}", 20_000 + (k + 0.5) * third, 0, Tastes, 0, 0, 0, 4, 1, 0, 1, false,
                IncomeDistribution.Uniform, 20_000 + k * third, 20_000 + (k + 1) * third)).ToList();
        var hoods = Enumerable.Range(0, 3).Select(k => new Neighborhood($"c{k + 1}", $"c{k + 1}", 10 * k, 0, 1, capacity ?? 1e9, 100_000, 0, 0,
            Textbook.None, Textbook.Map((mixed ? "all" : $"t{k}", households)), $"c{k + 1}")).ToList();
        var structure = Textbook.Structure("efr", StructureKind.Fragmented,
            new(DecisionRuleKind.DirectDemocracy, 0, CaptureModel.LobbyMix, 0, 1, null, 0, 0), finance);
        return Textbook.Scenario(hoods, groups, [Textbook.Good("g", 1)], [structure], ConsumptionForm.Log, mode: mode, types: types) with
        {
            Sorting = new SortingSettings(reconsider, noise, priceResponse, rounds, 1e-6),
        };
    }

    public static double Final(RunResult result, string metric, string entity) =>
        result.Replications[0].Structures[0].Metrics.Single(m => m.Entity == entity && m.Metric == metric).Value;

    public static double[] PerCommunity(RunResult result, string metric) =>
        new[] { "c1", "c2", "c3" }.Select(c => Final(result, metric, c)).ToArray();

    public static double[] Shares(RunResult result)
    {
        var pop = PerCommunity(result, "population");
        return pop.Select(p => p / pop.Sum()).ToArray();
    }

    public static void Within(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: expected {expected} ± {relative:P1}, got {actual}");
}
