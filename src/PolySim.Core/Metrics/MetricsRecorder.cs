using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Services;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Metrics;

/// <summary>
/// Computes every metric of MODEL.md section 9 for one structure and year, for the region, each jurisdiction and each
/// income quintile, and the jurisdictions' books. Scratch arrays are allocated once per structure.
/// </summary>
public sealed class MetricsRecorder
{
    private readonly StructureState _s;
    private readonly ParallelOptions _options;
    private const int IncomeSums = 8;
    private readonly ServiceEquality _equality;
    private readonly double[] _serviceSums, _incomeSums, _jurisdictionEv, _jurisdictionTax, _jurisdictionWeight;

    /// <summary>Creates a recorder for one structure's state.</summary>
    /// <param name="state">The structure's state.</param>
    /// <param name="threads">Worker threads (0 = all cores); the metrics do not depend on it.</param>
    public MetricsRecorder(StructureState state, int threads = 1)
    {
        _s = state;
        _options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        _equality = new ServiceEquality(state, _options);
        _serviceSums = new double[2 * state.N];
        _incomeSums = new double[IncomeSums * state.N];
        _jurisdictionEv = new double[state.J];
        _jurisdictionTax = new double[state.J];
        _jurisdictionWeight = new double[state.J];
    }

    /// <summary>
    /// Inputs shared by all structures in a year, indexed by household identity (<see cref="Households.Households.Id"/>,
    /// since each structure sorts its households its own way): μ_h, the baseline's consumption and utility, income
    /// quintiles, and the planner's optimum.
    /// </summary>
    public sealed record Shared(double[] MoneyPerUtil, double[] BaselineConsumption, double[] BaselineUtility, int[] Quintile,
        PlannerOptimum Planner)
    {
        /// <summary>
        /// The baseline's state and μ by household index, when every identity is one household: the baseline structure
        /// then reads μ, its consumption and its utility in household order rather than by identity (the same numbers).
        /// </summary>
        public (StructureState State, double[] MoneyPerUtil)? Baseline { get; init; }
    }

    /// <summary>Appends the year's metrics and books.</summary>
    public void Record(YearConditions year, SolverReport solver, Shared shared, List<MetricValue> metrics, List<JurisdictionFiscal> fiscal)
    {
        var s = _s;
        var hh = s.Households;
        int H = hh.Count, G = s.G, Y = year.Year;
        const string region = "region";
        void Add(string entity, string metric, double value) => metrics.Add(new MetricValue(Y, entity, metric, value));

        double population = s.NeighborhoodPopulation.Sum();
        double households = s.NeighborhoodHouseholds.Sum();
        double spending = s.Spending.Sum();

        // Household sums: utility, money-metric surplus, consumer costs, damage, EV, displacement, and the income sums of
        // Stratification. Partial sums per neighborhood, added in neighborhood order, so the sums do not depend on threads.
        const int Sums = 8, Partials = Sums + 12;
        var partial = new double[s.N * Partials];
        var incomeSums = _incomeSums;
        Parallel.For(0, s.N, _options, i =>
            HouseholdSums(s, shared, i, partial.AsSpan(i * Partials, Partials), incomeSums.AsSpan(IncomeSums * i, IncomeSums)));
        double utility = 0, benefits = 0, consumer = 0, damage = 0, displaced = 0, ev = 0, winners = 0, losers = 0;
        var quintileEv = new double[5];
        var quintileWeight = new double[5];
        for (int i = 0; i < s.N; i++)
        {
            var p = partial.AsSpan(i * Partials, Partials);
            utility += p[0]; benefits += p[1]; consumer += p[2]; damage += p[3]; displaced += p[4]; ev += p[5]; winners += p[6]; losers += p[7];
            for (int q = 0; q < 5; q++) { quintileEv[q] += p[Sums + q]; quintileWeight[q] += p[Sums + 5 + q]; }
            int lowest = s.Map.Lowest[i];
            _jurisdictionEv[lowest] += p[5];
            _jurisdictionTax[lowest] += p[Sums + 10];
            _jurisdictionWeight[lowest] += p[Sums + 11];
        }
        double surplus = benefits - spending - consumer - damage;
        double loss = shared.Planner.Surplus - surplus;

        Add(region, MetricCatalog.Population.Name, population);
        Add(region, MetricCatalog.Efficiency.Name, shared.Planner.Cost > 0 ? 1 - loss / shared.Planner.Cost : 1);
        Add(region, MetricCatalog.EfficiencyLoss.Name, loss / population);
        Add(region, MetricCatalog.ProductionCost.Name, spending / population);
        Add(region, MetricCatalog.GrantsPerCapita.Name, s.Grants.Sum() / population);
        Add(region, MetricCatalog.FederalCreditPerCapita.Name, s.Flows.Credit.Sum() / population);
        Add(region, MetricCatalog.OutsideMoneyPerCapita.Name, (s.Grants.Sum() + s.Flows.Credit.Sum()) / population);
        Add(region, MetricCatalog.UpwardGrantsPerCapita.Name, (s.Flows.UpwardPaid.Sum() + s.Flows.VouchersPaid.Sum()) / population);
        Add(region, MetricCatalog.ConsumerCost.Name, consumer / population);
        Add(region, MetricCatalog.Effectiveness.Name, Effectiveness());
        Equality(Add);
        Fiscal(Add);
        JurisdictionQuintiles(Add);   // after Equality, which sums each neighborhood's service index
        Accountability(Add, region, Enumerable.Range(0, s.J));
        Stratification(Add);
        Housing(Add);
        Add(region, MetricCatalog.MeanUtility.Name, utility / households);
        Add(region, MetricCatalog.EquivalentVariation.Name, ev / households);
        Add(region, MetricCatalog.Winners.Name, winners / households);
        Add(region, MetricCatalog.Losers.Name, losers / households);
        Add(region, MetricCatalog.Displaced.Name, displaced / households);
        Add(region, MetricCatalog.BadDamage.Name, damage / population);
        Add(region, MetricCatalog.Iterations.Name, solver.Iterations);
        Add(region, MetricCatalog.Converged.Name, solver.Converged ? 1 : 0);
        for (int g = 0; g < G; g++)
        {
            double units = 0, level = 0, cost = 0;
            for (int i = 0; i < s.N; i++) level += s.NeighborhoodPopulation[i] * s.Local[i * G + g];
            for (int j = 0; j < s.J; j++)
                if (s.Map.Jurisdictions[j].Provides[g]) { units += s.UnitsPerLevel[j * G + g] * s.Level[j * G + g]; cost += s.VariableSpending[j * G + g]; }
            Add(region, MetricCatalog.LevelPrefix + s.Goods[g].Id, level / population);
            if (units > 0) Add(region, MetricCatalog.UnitCostPrefix + s.Goods[g].Id, cost / units);
        }
        for (int q = 0; q < 5; q++)
            if (quintileWeight[q] > 0) Add($"quintile-{q + 1}", MetricCatalog.EquivalentVariation.Name, quintileEv[q] / quintileWeight[q]);

        for (int j = 0; j < s.J; j++)
        {
            var jur = s.Map.Jurisdictions[j];
            double pop = s.Population[j];
            Add(jur.Id, MetricCatalog.Population.Name, pop);
            Add(jur.Id, MetricCatalog.TaxRate.Name, s.Rate[j]);
            if (s.Finance.Redistribution is not null && s.Map.Lowest.Contains(j)) Add(jur.Id, MetricCatalog.RedistributionRate.Name, s.RedistributionRate[j]);
            Add(jur.Id, MetricCatalog.Spending.Name, pop > 0 ? s.Spending[j] / pop : 0);
            Accountability(Add, jur.Id, [j]);
            for (int g = 0; g < G; g++)
                if (jur.Provides[g])
                {
                    Add(jur.Id, MetricCatalog.LevelPrefix + s.Goods[g].Id, s.Level[j * G + g]);
                    Add(jur.Id, MetricCatalog.UnitCostPrefix + s.Goods[g].Id, s.UnitCost[j * G + g]);
                }
            var f = s.Flows;
            fiscal.Add(new JurisdictionFiscal(Y, jur.Id, jur.Tier, pop, s.ResidentialBase[j], s.CommercialTaxable[j],
                s.Rate[j], s.Rate[j] * s.Base(j), s.Grants[j], s.Spending[j], s.Contribution[j], s.Distribution[j],
                new InstrumentFlows(f.Matching[j], f.StateLumpSum[j], f.Guaranteed[j], f.Upward[j], f.UpwardPaid[j],
                    f.Vouchers[j], f.VouchersPaid[j], f.Rebate[j], f.Levy(j), f.Credit[j])));
        }
    }

    /// <summary>
    /// Record's sums over the households of neighborhood i, each in household order: Σ w·U, Σ w·μ·service utility, consumer
    /// cost, damage, displaced weight, EV, winners, losers, then EV and weight by quintile, tax and weight (into
    /// <paramref name="p"/>); Σ w·y, Σ w, Σ w·y² and the weight of each quintile (into <paramref name="incomeSum"/>).
    /// A static method so that the columns are locals the loop keeps in registers.
    /// </summary>
    private static void HouseholdSums(StructureState s, Shared shared, int i, Span<double> p, Span<double> incomeSum)
    {
        const int Sums = 8;
        var hh = s.Households;
        var settings = s.Scenario.Utility;
        double floor = settings.ConsumptionFloor;
        var (weight, ids, publicShare) = (hh.Weight, hh.Id, hh.PublicShare);
        var (utilityOf, serviceUtility, consumerCost, damageOf, consumption, income, tax) =
            (s.Utility, s.ServiceUtility, s.ConsumerCost, s.Damage, s.Consumption, s.Income, s.Tax);
        var (moneyPerUtil, baselineConsumption, baselineUtility, quintile) =
            (shared.MoneyPerUtil, shared.BaselineConsumption, shared.BaselineUtility, shared.Quintile);
        bool own = shared.Baseline is { } baseline && ReferenceEquals(baseline.State, s);
        if (own) (moneyPerUtil, baselineConsumption, baselineUtility) = (shared.Baseline!.Value.MoneyPerUtil, consumption, utilityOf);
        // Accumulated in registers (one sum each, in household order), stored once.
        double u0 = 0, b0 = 0, c0 = 0, d0 = 0, floor0 = 0, e0 = 0, win0 = 0, lose0 = 0, tax0 = 0, w0 = 0, wy = 0, wIn = 0, wyy = 0;
        Span<double> byQuintile = stackalloc double[15];   // EV, weight, and weight with a positive weight, by quintile
        byQuintile.Clear();
        for (int h = hh.Start[i], end = hh.Start[i + 1]; h < end; h++)
        {
            double w = weight[h], y = income[h], u = utilityOf[h];
            int id = ids[h], at = own ? h : id;   // where μ and the baseline's outcomes of h are
            u0 += w * u;
            b0 += w * moneyPerUtil[at] * serviceUtility[h];
            c0 += w * consumerCost[h];
            d0 += w * damageOf[h];
            if (consumption[h] < floor * y) floor0 += w;
            double e = Welfare.Utility.EquivalentVariation(settings, publicShare[h], y, baselineConsumption[at], baselineUtility[at], u);
            e0 += w * e;
            double tie = 1e-9 * Math.Max(1, y);
            if (e > tie) win0 += w; else if (e < -tie) lose0 += w;
            int q = quintile[id];
            byQuintile[q] += w * e;
            byQuintile[5 + q] += w;
            tax0 += w * tax[h];
            w0 += w;
            if (w <= 0) continue;
            wy += w * y; wIn += w; wyy += w * y * y;
            byQuintile[10 + q] += w;
        }
        (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]) = (u0, b0, c0, d0, floor0, e0, win0, lose0);
        byQuintile[..10].CopyTo(p[Sums..]);
        (p[Sums + 10], p[Sums + 11]) = (tax0, w0);
        (incomeSum[0], incomeSum[1], incomeSum[2]) = (wy, wIn, wyy);
        byQuintile[10..].CopyTo(incomeSum[3..]);
    }

    /// <summary>
    /// Who gains and who pays, by jurisdiction (lowest tier) and by income quintile of jurisdictions (ranked by mean
    /// income per resident, resident-weighted): EV against the baseline and taxes per household, service index per resident.
    /// </summary>
    private void JurisdictionQuintiles(Action<string, string, double> add)
    {
        var s = _s;
        var lowest = s.Map.Lowest.Distinct().Order().ToArray();
        var service = new double[s.J];
        var serviceWeight = new double[s.J];
        var income = new double[s.J];
        for (int i = 0; i < s.N; i++)
        {
            int j = s.Map.Lowest[i];
            income[j] += s.NeighborhoodIncome[i];
        }
        var partial = _serviceSums;
        for (int i = 0; i < s.N; i++)
        {
            int j = s.Map.Lowest[i];
            service[j] += partial[2 * i];
            serviceWeight[j] += partial[2 * i + 1];
        }
        foreach (int j in lowest)
        {
            if (_jurisdictionWeight[j] <= 0) continue;
            string id = s.Map.Jurisdictions[j].Id;
            add(id, MetricCatalog.EquivalentVariation.Name, _jurisdictionEv[j] / _jurisdictionWeight[j]);
            add(id, MetricCatalog.TaxPerHousehold.Name, _jurisdictionTax[j] / _jurisdictionWeight[j]);
        }
        // Quintiles of jurisdictions by income per resident, each jurisdiction placed at the midpoint of its residents.
        var order = lowest.OrderBy(j => s.Population[j] > 0 ? income[j] / s.Population[j] : 0).ThenBy(j => j).ToArray();
        double total = order.Sum(j => s.Population[j]), acc = 0;
        var ev = new double[5]; var tax = new double[5]; var weight = new double[5]; var svc = new double[5]; var svcWeight = new double[5];
        foreach (int j in order)
        {
            int q = Math.Min(4, (int)(5 * (acc + s.Population[j] / 2) / Math.Max(total, 1e-300)));
            acc += s.Population[j];
            ev[q] += _jurisdictionEv[j]; tax[q] += _jurisdictionTax[j]; weight[q] += _jurisdictionWeight[j];
            svc[q] += service[j]; svcWeight[q] += serviceWeight[j];
        }
        for (int q = 0; q < 5; q++)
        {
            if (weight[q] <= 0) continue;
            string entity = $"jurisdiction-quintile-{q + 1}";
            add(entity, MetricCatalog.EquivalentVariation.Name, ev[q] / weight[q]);
            add(entity, MetricCatalog.TaxPerHousehold.Name, tax[q] / weight[q]);
            add(entity, MetricCatalog.ServiceIndex.Name, svc[q] / svcWeight[q]);
        }
        Array.Clear(_jurisdictionEv);
        Array.Clear(_jurisdictionTax);
        Array.Clear(_jurisdictionWeight);
    }

    /// <summary>
    /// Income sorting across lowest-tier jurisdictions: the between share of the income variance (the R² of income on
    /// jurisdiction) and the mean over income quintiles of Duncan &amp; Duncan's (1955) dissimilarity index
    /// D_q = ½·Σ_j |n_qj/n_q − m_qj/m_q|, m the households outside quintile q.
    /// </summary>
    private void Stratification(Action<string, string, double> add)
    {
        var s = _s;
        // Per neighborhood (summed in Record's household pass): Σ w·y, Σ w, Σ w·y², and Σ w in each income quintile.
        var partial = _incomeSums;
        var (share, dissimilarity) = Sorting(partial, s.J, i => s.Map.Lowest[i]);
        if (share is { } r2) add("region", MetricCatalog.IncomeBetweenShare.Name, r2);
        if (dissimilarity is { } d) add("region", MetricCatalog.IncomeDissimilarity.Name, d);
        (share, dissimilarity) = Sorting(partial, s.N, i => i);
        if (share is { } r2n) add("region", MetricCatalog.IncomeBetweenNeighborhoods.Name, r2n);
        if (dissimilarity is { } dn) add("region", MetricCatalog.IncomeDissimilarityNeighborhoods.Name, dn);
    }

    /// <summary>
    /// Between share of income variance and mean quintile dissimilarity over the areas <paramref name="areaOf"/> a
    /// neighborhood, from the neighborhoods' partial sums (see <see cref="Stratification"/>).
    /// </summary>
    private (double? Share, double? Dissimilarity) Sorting(double[] partial, int areas, Func<int, int> areaOf)
    {
        var s = _s;
        var sum = new double[areas]; var weight = new double[areas]; var inQuintile = new double[5 * areas]; var quintileTotal = new double[5];
        double total = 0, totalWeight = 0, squares = 0;
        for (int i = 0; i < s.N; i++)
        {
            int a = areaOf(i);
            var p = partial.AsSpan(IncomeSums * i, IncomeSums);
            sum[a] += p[0]; weight[a] += p[1]; total += p[0]; totalWeight += p[1]; squares += p[2];
            for (int q = 0; q < 5; q++) { inQuintile[q * areas + a] += p[3 + q]; quintileTotal[q] += p[3 + q]; }
        }
        if (totalWeight <= 0) return (null, null);
        double mean = total / totalWeight, variance = squares / totalWeight - mean * mean, between = 0;
        for (int a = 0; a < areas; a++) if (weight[a] > 0) between += weight[a] * Math.Pow(sum[a] / weight[a] - mean, 2);
        double dissimilarity = 0; int quintiles = 0;
        for (int q = 0; q < 5; q++)
        {
            double others = totalWeight - quintileTotal[q];
            if (quintileTotal[q] <= 0 || others <= 0) continue;
            double d = 0;
            for (int a = 0; a < areas; a++) d += Math.Abs(inQuintile[q * areas + a] / quintileTotal[q] - (weight[a] - inQuintile[q * areas + a]) / others);
            dissimilarity += d / 2; quintiles++;
        }
        return (variance > 0 ? between / totalWeight / variance : 0, quintiles > 0 ? dissimilarity / quintiles : null);
    }

    /// <summary>Housing price per occupied dwelling and vacancy, for the region and each lowest-tier jurisdiction.</summary>
    private void Housing(Action<string, string, double> add)
    {
        var s = _s;
        var price = new double[s.J]; var occupied = new double[s.J]; var dwellings = new double[s.J];
        for (int i = 0; i < s.N; i++)
        {
            int j = s.Map.Lowest[i];
            price[j] += s.Price[i] * s.NeighborhoodHouseholds[i];
            occupied[j] += s.NeighborhoodHouseholds[i];
            dwellings[j] += s.Scenario.Region.Neighborhoods[i].Dwellings;
        }
        double totalPrice = price.Sum(), totalOccupied = occupied.Sum(), totalDwellings = dwellings.Sum();
        if (totalOccupied > 0) add("region", MetricCatalog.HousingPrice.Name, totalPrice / totalOccupied);
        if (totalDwellings > 0) add("region", MetricCatalog.Vacancy.Name, Math.Max(0, 1 - totalOccupied / totalDwellings));
        foreach (int j in s.Map.Lowest.Distinct().Order())
        {
            string id = s.Map.Jurisdictions[j].Id;
            if (occupied[j] > 0) add(id, MetricCatalog.HousingPrice.Name, price[j] / occupied[j]);
            if (dwellings[j] > 0) add(id, MetricCatalog.Vacancy.Name, Math.Max(0, 1 - occupied[j] / dwellings[j]));
        }
    }

    /// <summary>Σ_g Σ_i Q_ig·pop_i^γ·AC_g(n*) / production spending.</summary>
    private double Effectiveness()
    {
        var s = _s;
        double value = 0;
        for (int g = 0; g < s.G; g++)
        {
            var good = s.Goods[g];
            for (int i = 0; i < s.N; i++)
            {
                double q = good.Reduces is null ? s.Service[i * s.G + g] : s.Local[i * s.G + g];
                value += q * Math.Pow(s.NeighborhoodPopulation[i], good.Rivalry) * good.Cost.MinimumCost;
            }
        }
        double spending = s.Spending.Sum();
        return spending > 0 ? value / spending : 0;
    }

    /// <summary>Service index per household, its Gini and Theil (by lowest-tier jurisdiction), and equity.</summary>
    private void Equality(Action<string, string, double> add)
    {
        var (equity, theil, gini) = _equality.Measure(_serviceSums);
        if (equity is { } e) add("region", MetricCatalog.Equity.Name, e);
        add("region", MetricCatalog.ServiceTheil.Name, theil.Total);
        add("region", MetricCatalog.ServiceTheilBetween.Name, theil.Between);
        add("region", MetricCatalog.ServiceTheilWithin.Name, theil.Within);
        add("region", MetricCatalog.ServiceGini.Name, gini);
    }

    /// <summary>Disparity of per-capita tax base and spending across the lowest-tier jurisdictions.</summary>
    private void Fiscal(Action<string, string, double> add)
    {
        var s = _s;
        var lowest = s.Map.Lowest.Distinct().Order().ToArray();
        var basePc = new double[lowest.Length];
        var spendPc = new double[lowest.Length];
        var pop = new double[lowest.Length];
        for (int k = 0; k < lowest.Length; k++)
        {
            int j = lowest[k];
            pop[k] = s.Population[j];
            basePc[k] = pop[k] > 0 ? s.Base(j) / pop[k] : 0;
            // Spending reaching residents of j from every tier, per capita.
            double spend = 0;
            foreach (int i in s.Map.Jurisdictions[j].Members)
                foreach (int p in s.Map.MemberOf[i])
                    if (s.Population[p] > 0) spend += s.Spending[p] * s.NeighborhoodPopulation[i] / s.Population[p];
            spendPc[k] = pop[k] > 0 ? spend / pop[k] : 0;
        }
        double cv = Inequality.CoefficientOfVariation(basePc, pop);
        add("region", MetricCatalog.FiscalCv.Name, cv);
        if (s.Finance.BaseSharing is not null)
        {
            // Per-capita base before sharing: add back the contribution, take away the distribution.
            var before = lowest.Select((j, k) => pop[k] > 0 ? basePc[k] + (s.Contribution[j] - s.Distribution[j]) / pop[k] : 0).ToArray();
            double cvBefore = Inequality.CoefficientOfVariation(before, pop);
            add("region", MetricCatalog.DisparityClosed.Name, cvBefore > 0 ? 1 - cv / cvBefore : 0);
        }
        add("region", MetricCatalog.ResourceDisparityClosed.Name, ResourceDisparityClosed(lowest, pop));
        double min = basePc.Min(), max = basePc.Max();
        add("region", MetricCatalog.FiscalMaxMin.Name, min > 0 ? max / min : 0);
        add("region", MetricCatalog.McLoone.Name, Inequality.McLoone(spendPc, pop));
        add("region", MetricCatalog.FiscalTheil.Name, Inequality.Theil(basePc, pop, new int[basePc.Length], 1).Total);
        add("region", MetricCatalog.SpendingCv.Name, Inequality.CoefficientOfVariation(spendPc, pop));
        add("region", MetricCatalog.SpendingTheil.Name, Inequality.Theil(spendPc, pop, new int[spendPc.Length], 1).Total);
        double spendMin = spendPc.Min();
        add("region", MetricCatalog.SpendingMaxMin.Name, spendMin > 0 ? spendPc.Max() / spendMin : 0);
        add("region", MetricCatalog.SpendingGini.Name, Inequality.Gini((double[])spendPc.Clone(), (double[])pop.Clone()));
        add("region", MetricCatalog.FiscalGini.Name, Inequality.Gini(basePc, (double[])pop.Clone()));
    }

    /// <summary>
    /// 1 − CV(after)/CV(before) of per-capita resources R_j = r̄·B_j + E_j, with r̄ = Σ Rate·Base / Σ Base over the lowest
    /// tier, B_j the base before (pre-sharing) or after tax-base sharing, and E_j the equalizing transfers (state lump sums,
    /// guaranteed-base payment, upward grants, vouchers, sales tax rebate, residents' federal credit; 0 before).
    /// Matching grants are left out: they pay a share of whatever is spent and do not equalize capacity.
    /// </summary>
    private double ResourceDisparityClosed(int[] lowest, double[] pop)
    {
        var s = _s;
        var f = s.Flows;
        double revenue = 0, baseSum = 0;
        foreach (int j in lowest) { revenue += s.Rate[j] * s.Base(j); baseSum += s.Base(j); }
        double rate = baseSum > 0 ? revenue / baseSum : 0;
        var before = new double[lowest.Length];
        var after = new double[lowest.Length];
        for (int k = 0; k < lowest.Length; k++)
        {
            int j = lowest[k];
            if (pop[k] <= 0) continue;
            double transfers = f.StateLumpSum[j] + f.Guaranteed[j] + f.Upward[j] + f.Vouchers[j] + f.Rebate[j] + f.Credit[j];
            before[k] = rate * (s.Base(j) + s.Contribution[j] - s.Distribution[j]) / pop[k];
            after[k] = (rate * s.Base(j) + transfers) / pop[k];
        }
        double cvBefore = Inequality.CoefficientOfVariation(before, pop);
        return cvBefore > 0 ? 1 - Inequality.CoefficientOfVariation(after, pop) / cvBefore : 0;
    }

    /// <summary>Accountability metrics over the given jurisdictions, spending-weighted where they differ by body.</summary>
    private void Accountability(Action<string, string, double> add, string entity, IEnumerable<int> jurisdictions)
    {
        var s = _s;
        double gap = 0, gapWeight = 0, w = 0, perSeat = 0, pivot = 0, capture = 0, direct = 0, hours = 0, localism = 0, localismScale = 0;
        foreach (int j in jurisdictions)
        {
            gap += s.GapSum[j];
            gapWeight += s.GapWeight[j];
            var (numerator, denominator) = DecisionSolver.Localism(s, j);
            localism += numerator;
            localismScale += denominator;
            var rule = s.Map.Jurisdictions[j].Rule;
            double spend = s.Spending[j], pop = s.Population[j];
            if (spend <= 0) continue;
            double seats = rule.Kind switch
            {
                DecisionRuleKind.DirectDemocracy => pop,
                DecisionRuleKind.Council => Math.Max(1, rule.Seats),
                _ => 1,
            };
            double directShare = rule.Kind == DecisionRuleKind.DirectDemocracy ? 1 : rule.ParticipatoryShare;
            w += spend;
            perSeat += spend * pop / seats;
            double constituency = rule.Legislature?.ConstituencySize(pop, rule.Seats) ?? pop / Math.Max(1, rule.Seats);
            pivot += spend * PivotalProbability.Exact(rule.Kind == DecisionRuleKind.Council ? constituency : pop);
            capture += spend * s.Capture[j];
            direct += spend * directShare;
            hours += spend * directShare * rule.MeetingHoursPerYear;
        }
        add(entity, MetricCatalog.Congruence.Name, gapWeight > 0 ? 1 - gap / gapWeight : 1);
        // Only where the two references differ (otherwise every composition decides alike).
        if (localismScale > 1e-12) add(entity, MetricCatalog.LocalismIndex.Name, localism / localismScale);
        if (w <= 0) return;
        add(entity, MetricCatalog.ResidentsPerDecisionMaker.Name, perSeat / w);
        add(entity, MetricCatalog.PivotProbability.Name, pivot / w);
        add(entity, MetricCatalog.CaptureShare.Name, capture / w);
        add(entity, MetricCatalog.DirectShare.Name, direct / w);
        add(entity, MetricCatalog.ParticipationCost.Name, hours / w);
    }
}
