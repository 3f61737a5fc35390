using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Relocation;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;

namespace PolySim.Scenarios;

/// <summary>
/// Maps a validated, resolved <see cref="ScenarioSpec"/> to the engine's immutable <see cref="Scenario"/>.
/// Maps are copied with their keys in ordinal order, so two files that differ only in key order give identical models.
/// </summary>
public static class ScenarioMapper
{
    /// <summary>Builds the engine scenario. <paramref name="spec"/> must come from a valid <see cref="ScenarioLoadResult"/>.</summary>
    /// <exception cref="InvalidOperationException">A value that resolution should have filled is missing.</exception>
    public static Scenario ToCore(ScenarioSpec spec) => new(
        Name: spec.Name,
        Region: MapRegion(spec.Region),
        Households: new HouseholdSettings(
            spec.Households.Mode,
            spec.Households.TypesPerGroup,
            spec.Households.IncomeGrowth,
            spec.Households.Groups.Select(MapGroup).ToArray()),
        Goods: spec.Goods.Select(MapGood).ToArray(),
        Bads: spec.Bads.Select(MapBad).ToArray(),
        Utility: new UtilitySettings(spec.Utility.Consumption, spec.Utility.ConsumptionFloor, spec.Utility.PolicyDistanceCost),
        Decisions: new DecisionSettings(
            spec.Decisions.Tolerance,
            spec.Decisions.MaxIterations,
            new Lobby(spec.Decisions.Lobby.CapitalBias, spec.Decisions.Lobby.NeedAversion, spec.Decisions.Lobby.CommercialTaxRelief)),
        Structures: spec.Structures.Select(MapStructure).ToArray(),
        Baseline: Need(spec.Baseline, "baseline"),
        StartYear: spec.Horizon.StartYear,
        Years: spec.Horizon.Years,
        Seed: spec.Seed,
        Replications: spec.Replications,
        Sorting: spec.Sorting is { } sorting
            ? new SortingSettings(sorting.ReconsiderShare, sorting.NoiseScale, sorting.PriceResponse, sorting.EquilibriumRounds, sorting.EquilibriumTolerance,
                sorting.Migration is { } m ? new MigrationSettings(m.OutsidePool, m.OutsidePremium, m.PopulationGrowth, m.DwellingGrowth) : null)
            : null,
        Referenda: spec.Referenda.Count == 0 ? null : spec.Referenda.Select(r => MapReferendum(r, spec.Region)).ToArray(),
        Endogenous: spec.EndogenousSecession is { } e ? MapEndogenous(e, spec) : null);

    private static EndogenousSecession MapEndogenous(EndogenousSecessionSpec e, ScenarioSpec spec)
    {
        var hoods = spec.Region.Neighborhoods ?? [];
        var districts = e.Districts.Count > 0
            ? e.Districts
            : hoods.Where(n => n.District is not null).Select(n => n.District!).Distinct(StringComparer.Ordinal).ToList();
        var candidates = districts.Select(d => new SecessionCandidate(d,
            Enumerable.Range(0, hoods.Count).Where(i => hoods[i].District == d).ToArray())).ToArray();
        return new EndogenousSecession(candidates, MapVote(e, "endogenous", 0, "", [], "", "endogenous_secession.new_city_rule"))
        {
            GeneratedAreas = e.GeneratedAreas,
            AdjacencyFactor = e.AdjacencyFactor,
            Mergers = e.Mergers,
            Federation = e.Federation is { } f
                ? new FederationTerms(spec.Goods.Select(g => f.Goods.Contains(g.Id, StringComparer.Ordinal)).ToArray(), MapRule(f.Rule, "endogenous_secession.federation.rule"))
                : null,
            Consolidation = e.ConsolidationRule,
            MaxProposals = e.MaxProposals,
            MaxChanges = e.MaxChanges,
        };
    }

    private static Referendum MapReferendum(ReferendumSpec r, RegionSpec region)
    {
        var hoods = Need(region.Neighborhoods, "region.neighborhoods");
        var area = Enumerable.Range(0, hoods.Count)
            .Where(i => r.Districts.Contains(hoods[i].District ?? "", StringComparer.Ordinal) || r.Neighborhoods.Contains(hoods[i].Id, StringComparer.Ordinal))
            .ToArray();
        return MapVote(r, r.Id, r.Year, Need(r.Area, "referenda[].area"), area, Need(r.NewCity, "referenda[].new_city"), "new_city_rule") with
        {
            Separation = new SeparationTerms(r.Separation.Assets, r.Separation.Debts),
            AppropriationsLimit = r.AppropriationsLimit,
            Counterfactual = r.Counterfactual,
        };
    }

    /// <summary>A referendum with the vote terms shared by scheduled referenda and the endogenous mode.</summary>
    private static Referendum MapVote(VoteTerms v, string id, int year, string area, int[] neighborhoods, string newCity, string ruleKey) =>
        new(id, year, area, neighborhoods, newCity, MapRule(v.NewCityRule, ruleKey),
            new VotingRule(v.Rule, v.Threshold), v.NoiseScale, new Turnout(v.Turnout.Base, v.Turnout.IncomeElasticity, v.Turnout.Stakes),
            v.Mitigation is { } m ? new MitigationTerms(m.Basis, m.Share, m.Inflation, m.AnnualDecline, m.Years) : null,
            v.Viability is { } via ? new ViabilityCheck(via.MinPopulation, via.MaxRateRatio) : null,
            Structures: v.Structures.Count == 0 ? null : v.Structures.ToArray(),
            ResortRounds: v.ResortRounds > 0 ? v.ResortRounds : null);

    private static T Need<T>(T? value, string key) where T : class =>
        value ?? throw new InvalidOperationException($"'{key}' was not resolved; map only specifications from a valid load result.");

    private static double Need(double? value, string key) =>
        value ?? throw new InvalidOperationException($"'{key}' was not resolved; map only specifications from a valid load result.");

    private static IReadOnlyDictionary<string, double> Sorted(IReadOnlyDictionary<string, double>? map)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in (map?.Keys ?? []).Order(StringComparer.Ordinal)) result[key] = map![key];
        return result;
    }

    private static Region MapRegion(RegionSpec region)
    {
        IReadOnlyList<Neighborhood> neighborhoods = region.Grid is { } g
            ? new RegionGrid(g.Width, g.Height, g.CellKm, g.Dwellings, g.DwellingValue, g.DwellingValueGradient,
                g.CommercialBase, g.CommercialConcentration, g.CommercialGrowth, g.Occupancy,
                Sorted(g.GroupMixCentre), Sorted(g.GroupMixEdge ?? g.GroupMixCentre), Sorted(g.BadSourcesCentre),
                g.BadSourceGradient, g.Cities).Generate()
            : Need(region.Neighborhoods, "region.neighborhoods").Select(n => new Neighborhood(
                n.Id, n.Name ?? n.Id, Need(n.X, "x"), Need(n.Y, "y"), n.AreaKm2, Need(n.Dwellings, "dwellings"), n.DwellingValue,
                n.CommercialBase, n.CommercialGrowth, Sorted(n.BadSources), Sorted(n.Households), n.City)).ToArray();
        double[]? distances = region.Distances?.SelectMany(row => row).ToArray();
        return new Region(neighborhoods, distances);
    }

    private static HouseholdGroup MapGroup(HouseholdGroupSpec g) => new(
        g.Id, Need(g.IncomeMedian, "income_median"), g.IncomeSigma, Sorted(g.Preferences), g.PreferenceSigma, g.PreferenceIncomeElasticity,
        g.NeedMean, g.NeedConcentration, g.OwnerShare, g.MovingCost, g.Persons, g.Organized,
        g.IncomeDistribution, g.IncomeMin ?? 0, g.IncomeMax ?? 0);

    private static Spillover MapSpillover(SpilloverSpec s) => new(s.Form, s.Share, s.DecayKm);

    private static PublicGood MapGood(GoodSpec g) => new(
        Id: g.Id,
        Name: g.Name ?? g.Id,
        Cost: new CostCurve(g.Cost.Form, g.Cost.Base, g.Cost.Premium, Need(g.Cost.OptimalScale, "cost.optimal_scale")),
        Rivalry: g.Rivalry,
        Benefit: g.Benefit,
        Curvature: g.Curvature,
        Spillover: MapSpillover(g.Spillover),
        Congestion: g.Congestion,
        NeedSensitivity: g.NeedSensitivity,
        NeedTargeting: g.NeedTargeting,
        CapitalIntensity: g.CapitalIntensity,
        ConsumerCost: g.ConsumerCost is { } c
            ? new ConsumerCost(c.TripsPerResident, c.CostPerKm, Need(c.FacilityScale, "consumer_cost.facility_scale"), c.FacilityCost,
                c.ServiceRatePerHour, c.OpenHoursPerYear, c.TargetUtilization, c.ValueOfTimePerHour)
            : ConsumerCost.None,
        Production: g.Production,
        TransactionCost: g.TransactionCost,
        Reduces: g.Reduces,
        Emission: g.Emission,
        EmitsBad: g.EmitsBad,
        SpilloverTier: g.SpilloverTier,
        Tier: g.Tier);

    private static PublicBad MapBad(BadSpec b) => new(
        b.Id, b.Name ?? b.Id, b.DamagePerUnit, MapSpillover(b.Spillover), b.Effectiveness, b.FaceToFaceScale, b.FaceToFaceExponent, b.SourceGrowth);

    private static DecisionRule MapRule(RuleSpec? r, string key)
    {
        r = Need(r, key);
        return new DecisionRule(r.Kind, r.Seats ?? 0, r.Capture, Need(r.CaptureMax, $"{key}.capture_max"), r.CaptureHalfSize,
            r.OrganizedWeight, r.ParticipatoryShare, Need(r.MeetingHoursPerYear, $"{key}.meeting_hours_per_year"));
    }

    /// <summary>The upper tier's rule with its legislature (seats default to the rule's, blocs to 5).</summary>
    private static DecisionRule WithLegislature(DecisionRule rule, LegislatureSpec? l) =>
        l is null ? rule : rule with { Legislature = new Legislature(l.Form, l.Seats ?? rule.Seats, l.DistrictSize ?? 0, l.Blocs ?? 5) };

    private static Structure MapStructure(StructureSpec s) => new(
        Id: Need(s.Id, "structures[].id"),
        Kind: s.Kind,
        CityRule: WithLegislature(MapRule(s.CityRule, "city_rule"), s.Kind != StructureKind.TwoTier ? s.Legislature : null),
        NeighborhoodRule: MapRule(s.NeighborhoodRule, "neighborhood_rule"),
        MetroRule: WithLegislature(MapRule(s.MetroRule, "metro_rule"), s.Kind == StructureKind.TwoTier ? s.Legislature : null),
        Assignment: s.Assignment,
        Bureaucracy: new Bureaucracy(s.Bureaucracy.Overhead, s.Bureaucracy.SpanThreshold, s.Bureaucracy.NiskanenSlack),
        Finance: new FiscalRule(s.Finance.Tax, s.Finance.CommercialRatio, s.Finance.HousingCostRate,
            Sorted(s.Finance.MatchingRates), Sorted(s.Finance.PigouvianRates),
            s.Finance.TaxBaseSharing is { } sharing
                ? new TaxBaseSharing(sharing.Share, sharing.BaseYear, sharing.Capacity, sharing.Lag, sharing.Index,
                    sharing.Index is { } index ? CompileValidated(index) : null)
                : null,
            s.Finance.Grants is { } grants
                ? new StateGrants(grants.PerCapita, grants.FoundationLevel, grants.FoundationRate, grants.GuaranteedBasePerResident,
                    grants.Custom.Select(c => new CustomGrant(c.Name, c.Formula, CompileValidated(c.Formula))).ToList())
                : null,
            s.Finance.UpwardFinancing is { } upward ? new UpwardFinancing(upward.PerCapita, upward.PerNeed, upward.LevyBase ?? s.Finance.Tax, upward.Rate) : null,
            s.Finance.IncomeTaxCredit is { } credit ? new IncomeTaxCredit(Need(credit.CapPerHousehold, "income_tax_credit.cap_per_household")) : null,
            s.Finance.SalesTaxRebate is { } rebate
                ? new SalesTaxRebate(rebate.Rate, rebate.TaxableShare, rebate.RebateShare, Need(rebate.ProgramGood, "sales_tax_rebate.program_good"), rebate.MinimumLevel)
                : null,
            s.Finance.Vouchers is { } vouchers ? new Vouchers(Need(vouchers.PerResident, "vouchers.per_resident"), vouchers.Payer) : null,
            s.Finance.Redistribution is { } redistribution ? new Redistribution(redistribution.Deadweight) : null,
            s.Finance.GovernanceCost),
        NeighborhoodDiscretion: s.NeighborhoodDiscretion,
        BranchOfficeCost: s.BranchOfficeCost);

    /// <summary>Compiles a formula the validator has already accepted (so failure here is a bug, not bad input).</summary>
    private static Func<JurisdictionAttributes, double> CompileValidated(string formula) =>
        Formulas.FormulaCompiler.Compile(formula, out var errors)
        ?? throw new InvalidOperationException($"Formula '{formula}' passed validation but did not compile: {string.Join("; ", errors.Select(e => e.Message))}");
}
