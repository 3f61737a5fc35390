namespace PolySim.Core.Metrics;

/// <summary>Every metric the engine writes (MODEL.md section 9), by name. docs/model.md gives the equations.</summary>
public static class MetricCatalog
{
    /// <summary>1 − (planner surplus − structure surplus) / planner cost.</summary>
    public static readonly Metric Efficiency = new("efficiency", Criterion.Efficiency, "share", true,
        "1 - money-metric loss against the planner's optimum / the planner's production and consumer cost");
    /// <summary>Money-metric loss against the planner's optimum per resident.</summary>
    public static readonly Metric EfficiencyLoss = new("efficiency_loss_per_capita", Criterion.Efficiency, "$ per resident", false,
        "money-metric surplus of the planner's optimum minus the structure's, per resident");
    /// <summary>Production cost per resident.</summary>
    public static readonly Metric ProductionCost = new("production_cost_per_capita", Criterion.Efficiency, "$ per resident", false,
        "production spending (with overhead, facilities and branch offices) per resident");
    /// <summary>Consumer cost per resident.</summary>
    public static readonly Metric ConsumerCost = new("consumer_cost_per_capita", Criterion.Efficiency, "$ per resident", false,
        "travel and waiting cost of using services per resident");
    /// <summary>Least-cost value of delivered service over spending.</summary>
    public static readonly Metric Effectiveness = new("effectiveness", Criterion.Effectiveness, "ratio", true,
        "effective service delivered (spillovers included) valued at least-cost unit cost, per $ of production spending");
    /// <summary>Correlation of need-sensitive service with need.</summary>
    public static readonly Metric Equity = new("equity", Criterion.Equity, "correlation", true,
        "weighted correlation between households' need-sensitive service and their need");
    /// <summary>Gini of per-household service.</summary>
    public static readonly Metric ServiceGini = new("equality_service_gini", Criterion.Equality, "Gini", false,
        "Gini of the per-household service index");
    /// <summary>Theil T of per-household service.</summary>
    public static readonly Metric ServiceTheil = new("equality_service_theil", Criterion.Equality, "Theil T", false,
        "Theil T of the per-household service index");
    /// <summary>Between-jurisdiction part of Theil T.</summary>
    public static readonly Metric ServiceTheilBetween = new("equality_service_theil_between", Criterion.Equality, "Theil T", false,
        "between-jurisdiction component of the service Theil T (lowest tier)");
    /// <summary>Within-jurisdiction part of Theil T.</summary>
    public static readonly Metric ServiceTheilWithin = new("equality_service_theil_within", Criterion.Equality, "Theil T", false,
        "within-jurisdiction component of the service Theil T (lowest tier)");
    /// <summary>CV of per-capita tax base across jurisdictions.</summary>
    public static readonly Metric FiscalCv = new("fiscal_cv", Criterion.Equality, "CV", false,
        "population-weighted coefficient of variation of per-capita tax base across lowest-tier jurisdictions");
    /// <summary>Max/min per-capita base.</summary>
    public static readonly Metric FiscalMaxMin = new("fiscal_max_min", Criterion.Equality, "ratio", false,
        "highest over lowest per-capita tax base across lowest-tier jurisdictions");
    /// <summary>Gini of per-capita base.</summary>
    public static readonly Metric FiscalGini = new("fiscal_gini", Criterion.Equality, "Gini", false,
        "population-weighted Gini of per-capita tax base across lowest-tier jurisdictions");
    /// <summary>Share of the pre-sharing disparity closed.</summary>
    public static readonly Metric DisparityClosed = new("fiscal_disparity_closed", Criterion.Equality, "share", true,
        "1 - CV of per-capita tax base after tax-base sharing / CV before it (lowest-tier jurisdictions)");
    /// <summary>Share of the pre-equalization disparity of per-capita resources closed by every instrument.</summary>
    public static readonly Metric ResourceDisparityClosed = new("resource_disparity_closed", Criterion.Equality, "share", true,
        "1 - CV of per-capita resources (average rate x base + equalizing grants and credits) after equalization / CV before it (lowest-tier jurisdictions)");
    /// <summary>Theil T of per-capita base.</summary>
    public static readonly Metric FiscalTheil = new("fiscal_theil", Criterion.Equality, "Theil T", false,
        "population-weighted Theil T of per-capita tax base across lowest-tier jurisdictions");
    /// <summary>CV of per-capita spending.</summary>
    public static readonly Metric SpendingCv = new("spending_cv", Criterion.Equality, "CV", false,
        "population-weighted coefficient of variation of per-capita spending reaching the residents of lowest-tier jurisdictions");
    /// <summary>Gini of per-capita spending.</summary>
    public static readonly Metric SpendingGini = new("spending_gini", Criterion.Equality, "Gini", false,
        "population-weighted Gini of per-capita spending reaching the residents of lowest-tier jurisdictions");
    /// <summary>Max/min of per-capita spending.</summary>
    public static readonly Metric SpendingMaxMin = new("spending_max_min", Criterion.Equality, "ratio", false,
        "highest over lowest per-capita spending reaching the residents of lowest-tier jurisdictions");
    /// <summary>Theil T of per-capita spending.</summary>
    public static readonly Metric SpendingTheil = new("spending_theil", Criterion.Equality, "Theil T", false,
        "population-weighted Theil T of per-capita spending reaching the residents of lowest-tier jurisdictions");
    /// <summary>McLoone index of per-capita spending.</summary>
    public static readonly Metric McLoone = new("fiscal_mcloone", Criterion.Equality, "index", true,
        "McLoone index of per-capita spending: spending below the median relative to bringing it to the median");
    /// <summary>Preference-policy congruence.</summary>
    public static readonly Metric Congruence = new("accountability_congruence", Criterion.Accountability, "share", true,
        "1 - mean relative gap between each resident's ideal level and the chosen level");
    /// <summary>Residents per decision-maker.</summary>
    public static readonly Metric ResidentsPerDecisionMaker = new("residents_per_decision_maker", Criterion.Accountability, "residents", false,
        "spending-weighted mean over deciding bodies of residents per decision-maker: population / council seats, population for a planner, 1 under direct democracy");
    /// <summary>Probability a voter is pivotal.</summary>
    public static readonly Metric PivotProbability = new("pivot_probability", Criterion.Accountability, "probability", true,
        "spending-weighted mean over deciding bodies of the exact probability that a vote is decisive (council: district electorate population/seats; otherwise the whole population; Penrose, B10)");
    /// <summary>Localism index of legislatures.</summary>
    public static readonly Metric LocalismIndex = new("localism_index", Criterion.Accountability, "index", null,
        "where councils over several neighborhoods decide between their residents' median (0, metropolitanism) and the median of their neighborhoods' medians with one vote each (1, localism): sum_g d_g l_g / sum_g l_g^2 of relative deviations from the residents' median, before capture");
    /// <summary>Capture share.</summary>
    public static readonly Metric CaptureShare = new("capture_share", Criterion.Accountability, "share", false,
        "spending-weighted capture share lambda of deciding bodies");
    /// <summary>Share of spending decided directly.</summary>
    public static readonly Metric DirectShare = new("direct_democracy_spending_share", Criterion.Accountability, "share", true,
        "share of spending decided by directly democratic bodies (assemblies, participatory budgets)");
    /// <summary>Participation cost.</summary>
    public static readonly Metric ParticipationCost = new("participation_cost_hours", Criterion.Accountability, "hours per resident-year", null,
        "spending-weighted meeting hours per resident-year spent in directly democratic bodies (assemblies, participatory budgets)");
    /// <summary>Mean utility.</summary>
    public static readonly Metric MeanUtility = new("welfare_mean_utility", Criterion.Welfare, "utils", true,
        "household-weighted mean utility");
    /// <summary>Mean EV against the baseline.</summary>
    public static readonly Metric EquivalentVariation = new("welfare_ev_per_household", Criterion.Welfare, "$ per household-year", true,
        "mean equivalent variation against the baseline structure (per income quintile for quintile entities)");
    /// <summary>Winners share.</summary>
    public static readonly Metric Winners = new("welfare_winners_share", Criterion.Welfare, "share", null,
        "share of households with EV > 0 against the baseline");
    /// <summary>Losers share.</summary>
    public static readonly Metric Losers = new("welfare_losers_share", Criterion.Welfare, "share", null,
        "share of households with EV < 0 against the baseline");
    /// <summary>Displaced share.</summary>
    public static readonly Metric Displaced = new("displaced_share", Criterion.Welfare, "share", false,
        "share of households whose consumption falls below the floor");
    /// <summary>Population.</summary>
    public static readonly Metric Population = new("population", Criterion.State, "residents", null, "residents");
    /// <summary>Tax rate.</summary>
    public static readonly Metric TaxRate = new("tax_rate", Criterion.State, "rate", null, "own tax rate on the jurisdiction's base");
    /// <summary>Redistribution rate t_J (B9), for jurisdictions that redistribute.</summary>
    public static readonly Metric RedistributionRate = new("redistribution_rate", Criterion.State, "rate", null,
        "linear income tax rate of local redistribution chosen by the jurisdiction's median voter");
    /// <summary>EV against the baseline per household of a referendum area's group (Secession/AreaOutcomes).</summary>
    public static readonly Metric AreaGain = new("area_ev_per_household", Criterion.Welfare, "$ per household-year", true,
        "mean equivalent variation against the baseline of the households of a referendum area, its remainder, or their low-income households");
    /// <summary>Taxes per household of a referendum area's group.</summary>
    public static readonly Metric AreaTax = new("area_tax_per_household", Criterion.State, "$ per household-year", null,
        "taxes per household of a referendum area, its remainder, or their low-income households");
    /// <summary>Money value of services per household of a referendum area's group.</summary>
    public static readonly Metric AreaServices = new("area_services_per_household", Criterion.State, "$ per household-year", null,
        "money value of services (mu * sum theta b(Q)) per household of a referendum area's group; differences only are meaningful");
    /// <summary>Spending per resident.</summary>
    public static readonly Metric Spending = new("spending_per_capita", Criterion.State, "$ per resident", null, "spending per resident");
    /// <summary>Grants from outside the region per resident: the cost of equalization to the state.</summary>
    public static readonly Metric GrantsPerCapita = new("grants_per_capita", Criterion.State, "$ per resident", null,
        "grants paid to jurisdictions from outside the region (matching, per-capita, foundation, custom, guaranteed-base, sales tax rebates, state vouchers), per resident");
    /// <summary>Federal income tax credit per resident.</summary>
    public static readonly Metric FederalCreditPerCapita = new("federal_credit_per_capita", Criterion.State, "$ per resident", null,
        "federal income tax credit for lowest-tier taxes per resident: its cost to the federal treasury");
    /// <summary>All outside money per resident.</summary>
    public static readonly Metric OutsideMoneyPerCapita = new("outside_money_per_capita", Criterion.State, "$ per resident", null,
        "all money from outside the region per resident: state and matching grants, sales tax rebates, state vouchers and the federal credit");
    /// <summary>Upward-financing grants per resident.</summary>
    public static readonly Metric UpwardGrantsPerCapita = new("upward_grants_per_capita", Criterion.State, "$ per resident", null,
        "upward-financing grants and upper-tier vouchers paid by the upper tier to the lower tiers, per resident");
    /// <summary>Taxes per household.</summary>
    public static readonly Metric TaxPerHousehold = new("tax_per_household", Criterion.State, "$ per household-year", null,
        "own taxes paid per household, by jurisdiction and by income quintile of jurisdictions");
    /// <summary>Service index.</summary>
    public static readonly Metric ServiceIndex = new("service_index", Criterion.Equality, "index (region mean = 1)", null,
        "mean per-resident service index (each good's effective service over its region mean, averaged over goods)");
    /// <summary>Bad exposure.</summary>
    public static readonly Metric BadDamage = new("bad_damage_per_capita", Criterion.State, "$ per resident", false, "damage from public bads per resident");
    /// <summary>Solver iterations.</summary>
    public static readonly Metric Iterations = new("solver_iterations", Criterion.State, "iterations", null, "decision fixed-point iterations");
    /// <summary>Converged flag.</summary>
    public static readonly Metric Converged = new("solver_converged", Criterion.State, "0/1", null, "1 if the decision fixed point converged within tolerance");

    /// <summary>Between-jurisdiction share of the variance of household income.</summary>
    public static readonly Metric IncomeBetweenShare = new("income_between_share", Criterion.Equality, "share", null,
        "share of the variance of household income that lies between lowest-tier jurisdictions (0 = no income sorting)");
    /// <summary>Mean dissimilarity index of the income quintiles.</summary>
    public static readonly Metric IncomeDissimilarity = new("income_dissimilarity", Criterion.Equality, "index", null,
        "Duncan dissimilarity index of each income quintile against the other households across lowest-tier jurisdictions, mean of the five");
    /// <summary>Between-neighborhood share of the variance of household income.</summary>
    public static readonly Metric IncomeBetweenNeighborhoods = new("income_between_share_neighborhoods", Criterion.Equality, "share", null,
        "share of the variance of household income that lies between neighborhoods (sorting within a city shows here)");
    /// <summary>Mean dissimilarity index of the income quintiles across neighborhoods.</summary>
    public static readonly Metric IncomeDissimilarityNeighborhoods = new("income_dissimilarity_neighborhoods", Criterion.Equality, "index", null,
        "Duncan dissimilarity index of each income quintile against the other households across neighborhoods, mean of the five");
    /// <summary>Housing cost per household.</summary>
    public static readonly Metric HousingPrice = new("housing_price", Criterion.State, "$ per household-year", null,
        "annual housing cost (rent or owner user cost) per occupied dwelling");
    /// <summary>Vacancy rate.</summary>
    public static readonly Metric Vacancy = new("vacancy_rate", Criterion.State, "share", null, "share of dwellings without a household");
    /// <summary>Households moving in the year.</summary>
    public static readonly Metric Moves = new("moves_share", Criterion.State, "share", null,
        "share of households that moved to another neighborhood in the year (Tiebout sorting)");
    /// <summary>Households whose first choice was another neighborhood.</summary>
    public static readonly Metric WantingToMove = new("wanting_to_move_share", Criterion.State, "share", null,
        "share of households that reconsidered and chose another neighborhood (in equilibrium mode: in the last round)");
    /// <summary>Households rationed out of their chosen neighborhood.</summary>
    public static readonly Metric Rationed = new("rationed_share", Criterion.State, "share", null,
        "share of households that chose another neighborhood but found no vacant dwelling there");
    /// <summary>Excess demand for dwellings.</summary>
    public static readonly Metric HousingExcessDemand = new("housing_excess_demand", Criterion.State, "share", null,
        "largest relative excess of desired occupancy over dwellings, over neighborhoods whose price is above its floor");
    /// <summary>Households moving into the region.</summary>
    public static readonly Metric Inflow = new("inflow_share", Criterion.State, "share", null,
        "households that moved into the region from outside in the year, per household living in the region");
    /// <summary>Households leaving the region.</summary>
    public static readonly Metric Outflow = new("outflow_share", Criterion.State, "share", null,
        "households that left the region in the year, per household living in the region");
    /// <summary>New households.</summary>
    public static readonly Metric Formed = new("households_formed", Criterion.State, "households", null,
        "new households formed in the year (population growth); they join the pool outside and may move in");
    /// <summary>The outside pool.</summary>
    public static readonly Metric OutsidePool = new("outside_households", Criterion.State, "households", null,
        "households in the pool outside the region that may move in");
    /// <summary>Households in the region.</summary>
    public static readonly Metric RegionHouseholds = new("households", Criterion.State, "households", null,
        "households living in the region");
    /// <summary>Rounds of the sorting equilibrium.</summary>
    public static readonly Metric SortingRounds = new("sorting_rounds", Criterion.State, "rounds", null,
        "decision and sorting rounds in equilibrium mode");

    /// <summary>Prefix of per-good level metrics: "level:{good}".</summary>
    public const string LevelPrefix = "level:";
    /// <summary>Prefix of per-good unit-cost metrics: "unit_cost:{good}" ($ per unit level per resident).</summary>
    public const string UnitCostPrefix = "unit_cost:";

    /// <summary>All fixed-name metrics.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        Efficiency, EfficiencyLoss, ProductionCost, ConsumerCost, Effectiveness, Equity, ServiceGini, ServiceTheil,
        ServiceTheilBetween, ServiceTheilWithin, FiscalCv, FiscalMaxMin, FiscalGini, FiscalTheil, DisparityClosed, McLoone, SpendingCv, SpendingGini, SpendingMaxMin, SpendingTheil, Congruence,
        ResidentsPerDecisionMaker, PivotProbability, LocalismIndex, CaptureShare, DirectShare, ParticipationCost, MeanUtility,
        EquivalentVariation, Winners, Losers, Displaced, Population, TaxRate, RedistributionRate, AreaGain, AreaTax, AreaServices, Spending, TaxPerHousehold, ServiceIndex, GrantsPerCapita,
        FederalCreditPerCapita, OutsideMoneyPerCapita, UpwardGrantsPerCapita, ResourceDisparityClosed, BadDamage, Iterations, Converged,
        IncomeBetweenShare, IncomeDissimilarity, IncomeBetweenNeighborhoods, IncomeDissimilarityNeighborhoods, HousingPrice, Vacancy, Moves, WantingToMove, Rationed, HousingExcessDemand, SortingRounds,
        Inflow, Outflow, Formed, OutsidePool, RegionHouseholds,
    ];

    /// <summary>The headline metric for each of the five criteria and welfare, in table order.</summary>
    public static IReadOnlyList<Metric> Headline { get; } =
        [Efficiency, Effectiveness, Equity, ServiceGini, Congruence, EquivalentVariation];

    /// <summary>Looks a metric up by name (per-good metrics return null).</summary>
    public static Metric? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
