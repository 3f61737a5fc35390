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
    /// <summary>Theil T of per-capita base.</summary>
    public static readonly Metric FiscalTheil = new("fiscal_theil", Criterion.Equality, "Theil T", false,
        "population-weighted Theil T of per-capita tax base across lowest-tier jurisdictions");
    /// <summary>CV of per-capita spending.</summary>
    public static readonly Metric SpendingCv = new("spending_cv", Criterion.Equality, "CV", false,
        "population-weighted coefficient of variation of per-capita spending reaching the residents of lowest-tier jurisdictions");
    /// <summary>Gini of per-capita spending.</summary>
    public static readonly Metric SpendingGini = new("spending_gini", Criterion.Equality, "Gini", false,
        "population-weighted Gini of per-capita spending reaching the residents of lowest-tier jurisdictions");
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
    /// <summary>Spending per resident.</summary>
    public static readonly Metric Spending = new("spending_per_capita", Criterion.State, "$ per resident", null, "spending per resident");
    /// <summary>Grants from outside the region per resident: the cost of equalization to the state.</summary>
    public static readonly Metric GrantsPerCapita = new("grants_per_capita", Criterion.State, "$ per resident", null,
        "matching, per-capita, foundation and guaranteed-base grants paid from outside the region, per resident");
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

    /// <summary>Prefix of per-good level metrics: "level:{good}".</summary>
    public const string LevelPrefix = "level:";
    /// <summary>Prefix of per-good unit-cost metrics: "unit_cost:{good}" ($ per unit level per resident).</summary>
    public const string UnitCostPrefix = "unit_cost:";

    /// <summary>All fixed-name metrics.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        Efficiency, EfficiencyLoss, ProductionCost, ConsumerCost, Effectiveness, Equity, ServiceGini, ServiceTheil,
        ServiceTheilBetween, ServiceTheilWithin, FiscalCv, FiscalMaxMin, FiscalGini, FiscalTheil, DisparityClosed, McLoone, SpendingCv, SpendingGini, Congruence,
        ResidentsPerDecisionMaker, PivotProbability, LocalismIndex, CaptureShare, DirectShare, ParticipationCost, MeanUtility,
        EquivalentVariation, Winners, Losers, Displaced, Population, TaxRate, Spending, TaxPerHousehold, ServiceIndex, GrantsPerCapita, BadDamage, Iterations, Converged,
    ];

    /// <summary>The headline metric for each of the five criteria and welfare, in table order.</summary>
    public static IReadOnlyList<Metric> Headline { get; } =
        [Efficiency, Effectiveness, Equity, ServiceGini, Congruence, EquivalentVariation];

    /// <summary>Looks a metric up by name (per-good metrics return null).</summary>
    public static Metric? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
