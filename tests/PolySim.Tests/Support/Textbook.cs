using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;

namespace PolySim.Tests.Support;

/// <summary>
/// Builds textbook models (benchmarks.md) as ordinary engine scenarios: quasi-linear utility, head taxes,
/// constant or U-shaped costs are named options of the engine, not a separate code path.
/// </summary>
public static class Textbook
{
    public static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>A neighborhood at (x, y) with households by group; its own city unless given.</summary>
    public static Neighborhood Hood(string id, double x, IReadOnlyDictionary<string, double> households, string? city = null,
        double value = 100_000, double commercial = 0, IReadOnlyDictionary<string, double>? bads = null, double area = 1) =>
        new(id, id, x, 0, area, households.Values.Sum(), value, commercial, 0, bads ?? None, households, city ?? id);

    /// <summary>A group of identical one-person households (σ = 0) with the given tastes.</summary>
    /// <param name="preferenceSigma">Lognormal, mean-preserving dispersion of tastes (agent mode only).</param>
    /// <param name="incomeElasticity">Tastes scale with (income / median)^elasticity: with elasticity 1 and income σ,
    /// tastes are lognormal with median <paramref name="preferences"/> and σ (type mode places them at the quantiles).</param>
    public static HouseholdGroup Group(string id, IReadOnlyDictionary<string, double> preferences, double income = 1_000_000,
        double incomeSigma = 0, bool organized = false, double need = 0, double preferenceSigma = 0, double incomeElasticity = 0) =>
        new(id, income, incomeSigma, preferences, preferenceSigma, incomeElasticity, need, 4, 1, 0, 1, organized);

    /// <summary>A good with constant unit cost p per unit level per resident^γ.</summary>
    public static PublicGood Good(string id, double unitCost, BenefitForm benefit = BenefitForm.Log, double curvature = 0,
        double rivalry = 1, Spillover? spillover = null, CostCurve? cost = null, Production production = Production.InHouse,
        string? reduces = null, string? emits = null, double emission = 0, Tier? spilloverTier = null, Tier? tier = null,
        double needSensitivity = 0, double needTargeting = 0, ConsumerCost? consumerCost = null, double transactionCost = 0) =>
        new(id, id, cost ?? new CostCurve(CostForm.Constant, unitCost, 0, 1), rivalry, benefit, curvature, spillover ?? Spillover.None,
            0, needSensitivity, needTargeting, 0.5, consumerCost ?? ConsumerCost.None, production, transactionCost, reduces, emission, emits,
            spilloverTier, tier);

    /// <summary>Spillover reaching every other neighborhood equally (decay length ∞).</summary>
    public static Spillover Everywhere(SpilloverForm form, double share) => new(form, share, double.PositiveInfinity);

    /// <summary>A public bad with damage δ per resident per unit of exposure; no enforcement technology.</summary>
    public static PublicBad Bad(string id, double damagePerUnit, Spillover? spillover = null) =>
        new(id, id, damagePerUnit, spillover ?? Spillover.None, 0, 1, 1, 0);

    public static DecisionRule Council(int seats, double captureMax = 0, double halfSize = 1, CaptureModel capture = CaptureModel.LobbyMix,
        double? organizedWeight = null) =>
        new(DecisionRuleKind.Council, seats, capture, captureMax, halfSize, organizedWeight, 0, 0);

    public static FiscalRule HeadTax(IReadOnlyDictionary<string, double>? matching = null, IReadOnlyDictionary<string, double>? pigouvian = null) =>
        new(TaxBase.Head, 1, 0, matching ?? None, pigouvian ?? None);

    /// <summary>Tax proportional to household income (voter i pays y_i/Σy of the cost, B4c).</summary>
    public static FiscalRule IncomeTax() => new(TaxBase.Income, 1, 0, None, None);

    public static Structure Structure(string id, StructureKind kind, DecisionRule rule, FiscalRule? finance = null,
        Bureaucracy? bureaucracy = null, DecisionRule? neighborhoodRule = null, TierAssignment assignment = TierAssignment.ByHand) =>
        new(id, kind, rule, neighborhoodRule ?? rule, rule, assignment, bureaucracy ?? Bureaucracy.None, finance ?? HeadTax(), 0, 0);

    /// <summary>A one-year, one-replication scenario in type mode (one type per group and neighborhood is exact when σ = 0).</summary>
    public static Scenario Scenario(IReadOnlyList<Neighborhood> hoods, IReadOnlyList<HouseholdGroup> groups, IReadOnlyList<PublicGood> goods,
        IReadOnlyList<Structure> structures, ConsumptionForm consumption = ConsumptionForm.QuasiLinear, IReadOnlyList<PublicBad>? bads = null,
        double[]? distances = null, HouseholdMode mode = HouseholdMode.Types, int types = 1, int years = 1, int replications = 1,
        ulong seed = 1) =>
        new("textbook", new Region(hoods, distances), new HouseholdSettings(mode, types, 0, groups), goods, bads ?? [],
            new UtilitySettings(consumption, 1e-6), new DecisionSettings(1e-12, 5000, new Lobby(0, 0, 0)), structures,
            structures[0].Id, 2025, years, seed, replications);

    public static Dictionary<string, double> Map(params (string Key, double Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>Region value of a metric for a structure in the first replication's first year.</summary>
    public static double Region(RunResult result, string structure, string metric, string entity = "region") =>
        Value(result, 0, structure, metric, entity);

    /// <summary>Value of a metric of an entity ("region" or a jurisdiction id) in replication r's first year.</summary>
    public static double Value(RunResult result, int replication, string structure, string metric, string entity = "region") =>
        result.Replications[replication].Structures.Single(s => s.StructureId == structure).Metrics
            .Single(m => m.Entity == entity && m.Metric == metric && m.Year == result.Scenario.StartYear).Value;

    /// <summary>The first year's books of a structure in the first replication.</summary>
    public static IReadOnlyList<JurisdictionFiscal> Books(RunResult result, string structure) =>
        result.Replications[0].Structures.Single(s => s.StructureId == structure).Fiscal
            .Where(f => f.Year == result.Scenario.StartYear).ToList();

    /// <summary>Asserts that the decision fixed point of every structure converged (a Nash equilibrium was reached).</summary>
    public static void AssertConverged(RunResult result)
    {
        foreach (var rep in result.Replications)
            foreach (var structure in rep.Structures)
                Assert.All(structure.Solver, r => Assert.True(r.Converged, $"{structure.StructureId}: residual {r.Residual} after {r.Iterations} iterations"));
    }
}
