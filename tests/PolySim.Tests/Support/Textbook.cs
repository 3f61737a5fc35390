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
    public static HouseholdGroup Group(string id, IReadOnlyDictionary<string, double> preferences, double income = 1_000_000,
        double incomeSigma = 0, bool organized = false, double need = 0) =>
        new(id, income, incomeSigma, preferences, 0, 0, need, 4, 1, 0, 1, organized);

    /// <summary>A good with constant unit cost p per unit level per resident^γ.</summary>
    public static PublicGood Good(string id, double unitCost, BenefitForm benefit = BenefitForm.Log, double curvature = 0,
        double rivalry = 1, Spillover? spillover = null, CostCurve? cost = null, Production production = Production.InHouse,
        string? reduces = null, string? emits = null, double emission = 0, Tier? spilloverTier = null, Tier? tier = null,
        double needSensitivity = 0, double needTargeting = 0) =>
        new(id, id, cost ?? new CostCurve(CostForm.Constant, unitCost, 0, 1), rivalry, benefit, curvature, spillover ?? Spillover.None,
            0, needSensitivity, needTargeting, 0.5, ConsumerCost.None, production, 0, reduces, emission, emits, spilloverTier, tier);

    public static DecisionRule Council(int seats, double captureMax = 0, double halfSize = 1, CaptureModel capture = CaptureModel.LobbyMix,
        double? organizedWeight = null) =>
        new(DecisionRuleKind.Council, seats, capture, captureMax, halfSize, organizedWeight, 0, 0);

    public static FiscalRule HeadTax(IReadOnlyDictionary<string, double>? matching = null, IReadOnlyDictionary<string, double>? pigouvian = null) =>
        new(TaxBase.Head, 1, 0, matching ?? None, pigouvian ?? None);

    public static Structure Structure(string id, StructureKind kind, DecisionRule rule, FiscalRule? finance = null,
        Bureaucracy? bureaucracy = null, DecisionRule? neighborhoodRule = null, TierAssignment assignment = TierAssignment.ByHand) =>
        new(id, kind, rule, neighborhoodRule ?? rule, rule, assignment, bureaucracy ?? Bureaucracy.None, finance ?? HeadTax(), 0, 0);

    /// <summary>A one-year, one-replication scenario in type mode (one type per group and neighborhood is exact when σ = 0).</summary>
    public static Scenario Scenario(IReadOnlyList<Neighborhood> hoods, IReadOnlyList<HouseholdGroup> groups, IReadOnlyList<PublicGood> goods,
        IReadOnlyList<Structure> structures, ConsumptionForm consumption = ConsumptionForm.QuasiLinear, IReadOnlyList<PublicBad>? bads = null,
        double[]? distances = null, HouseholdMode mode = HouseholdMode.Types, int types = 1, int years = 1) =>
        new("textbook", new Region(hoods, distances), new HouseholdSettings(mode, types, 0, groups), goods, bads ?? [],
            new UtilitySettings(consumption, 1e-6), new DecisionSettings(1e-12, 5000, new Lobby(0, 0, 0)), structures,
            structures[0].Id, 2025, years, 1, 1);

    public static Dictionary<string, double> Map(params (string Key, double Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>Region value of a metric for a structure in the first replication's first year.</summary>
    public static double Region(RunResult result, string structure, string metric, string entity = "region") =>
        result.Replications[0].Structures.Single(s => s.StructureId == structure).Metrics
            .Single(m => m.Entity == entity && m.Metric == metric && m.Year == result.Scenario.StartYear).Value;
}
