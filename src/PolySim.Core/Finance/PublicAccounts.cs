using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using PolySim.Core.Simulation;

namespace PolySim.Core.Finance;

/// <summary>
/// Money (MODEL.md section 6): spending, grants, tax bases and balanced-budget tax rates of every jurisdiction, and
/// each household's taxes, costs and consumption.
/// </summary>
/// <remarks>
/// Spending_j = Σ_g UnitCost_jg·Σ_{i∈j} pop_i^γ·q_ig + facility and branch costs. Matching grants pay σ_g of the
/// level-dependent part; the lump sums (state grants, upward financing, vouchers, sales tax rebate) and a guaranteed
/// base come from <see cref="Equalization"/>. Spending includes the structure's fixed governance cost per jurisdiction.
/// Rate_j = (Spending_j − Matching_j − LumpSum_j + Pigouvian_j + Mitigation_j) / max(Base_j, Guaranteed_j), so every budget
/// balances (Mitigation_j: payments under terms of separation, negative when received); an upper tier that pays upward
/// grants or vouchers levies LevyRate_p = paid_p / LevyBase_p on top.
/// c_h = y_h − Σ_j Rate_j·taxable_h − Σ_p LevyRate_p·levy taxable_h − net redistribution tax + federal credit − housing
/// − travel and waiting − damage + Pigouvian rebate − policy-distance cost.
/// </remarks>
public static class PublicAccounts
{
    /// <summary>Σ_{i∈j} pop_i^γ for the good: the residents a unit of level has to reach.</summary>
    public static double Reach(StructureState s, int j, int g)
    {
        double gamma = s.Goods[g].Rivalry, sum = 0;
        foreach (int i in s.Map.Jurisdictions[j].Members)
            sum += gamma == 1 ? s.NeighborhoodPopulation[i] : gamma == 0 ? 1 : Math.Pow(s.NeighborhoodPopulation[i], gamma);
        return sum;
    }

    /// <summary>Neighborhood i's contribution to the residential part of a base: dwelling value, residents or income.</summary>
    public static double ResidentialBase(StructureState s, int i, YearConditions year) => ResidentialBase(s, i, year, s.Finance.Tax);

    /// <summary>Neighborhood i's contribution to the residential part of a base of kind <paramref name="kind"/>.</summary>
    public static double ResidentialBase(StructureState s, int i, YearConditions year, TaxBase kind) => kind switch
    {
        TaxBase.Property => s.NeighborhoodValue[i],
        TaxBase.Head => s.NeighborhoodPopulation[i],
        _ => s.NeighborhoodIncome[i] * year.IncomeMultiplier,
    };

    /// <summary>Which household columns an evaluation writes.</summary>
    [Flags]
    public enum HouseholdColumns
    {
        /// <summary>Tax, income tax credit and consumption: what changes with the levels.</summary>
        Budget = 1,
        /// <summary>Income, taxable amount and housing: fixed within a year's decisions.</summary>
        Fixed = 2,
        /// <summary>Consumer cost, bad damage and Pigouvian rebate (per resident in the neighborhood times persons).</summary>
        Costs = 4,
        /// <summary>Every column.</summary>
        All = Budget | Fixed | Costs,
        /// <summary>No household column: budgets and rates only (the decision pass derives consumption itself).</summary>
        None = 0,
    }

    /// <summary>Recomputes budgets and household accounts from the delivered levels.</summary>
    public static void Evaluate(StructureState s, YearConditions year, int threads) => Evaluate(s, year, threads, HouseholdColumns.All);

    /// <summary>
    /// Recomputes budgets and the household <paramref name="columns"/> from the delivered levels. Consumption is always
    /// computed from the same terms as with <see cref="HouseholdColumns.All"/>, so leaving out <see cref="HouseholdColumns.Fixed"/>
    /// (already written this year) and <see cref="HouseholdColumns.Costs"/> (written once the levels are final) only saves
    /// memory traffic in the decision iterations.
    /// </summary>
    public static void Evaluate(StructureState s, YearConditions year, int threads, HouseholdColumns columns)
    {
        int G = s.G;
        var f = s.Flows;
        bool stateVouchers = s.Finance.Vouchers?.Payer == VoucherPayer.State;
        for (int j = 0; j < s.J; j++)
        {
            var jur = s.Map.Jurisdictions[j];
            double spending = 0, matching = 0, pigouvian = 0;
            for (int g = 0; g < G; g++)
            {
                if (!jur.Provides[g]) { s.VariableSpending[j * G + g] = 0; continue; }
                var good = s.Goods[g];
                double gamma = good.Rivalry, units = 0, emitted = 0;
                foreach (int i in jur.Members)
                {
                    double pop = s.NeighborhoodPopulation[i], q = s.Local[i * G + g];
                    units += (gamma == 1 ? pop : gamma == 0 ? 1 : Math.Pow(pop, gamma)) * q;
                    emitted += pop * q;
                }
                double variable = s.UnitCost[j * G + g] * units;
                s.VariableSpending[j * G + g] = variable;
                spending += variable + s.FixedCost[j * G + g];
                matching += variable * s.Finance.MatchingRates.GetValueOrDefault(good.Id);
                if (good.EmitsBad is { } bad)
                    pigouvian += s.Finance.PigouvianRates.GetValueOrDefault(bad) * good.Emission * emitted;
            }
            spending += s.Finance.GovernanceCost;
            s.Spending[j] = spending;
            s.Pigouvian[j] = pigouvian;

            double residential = 0, commercial = 0;
            foreach (int i in jur.Members)
            {
                residential += ResidentialBase(s, i, year);
                if (s.Finance.Tax == TaxBase.Property) commercial += year.CommercialBase[i];
            }
            s.ResidentialBase[j] = residential;
            s.CommercialTaxable[j] = commercial * s.CommercialRatio(j) - s.Contribution[j] + s.Distribution[j];

            // Lump sums never exceed spending net of matching grants; if they would, each is scaled down pro rata.
            double entitled = s.LumpSumEntitlement[j] + f.UpwardEntitlement[j] + f.VoucherEntitlement[j] + f.RebateEntitlement[j];
            double available = Math.Max(0, spending - matching);
            double scale = entitled > available ? available / entitled : 1;
            f.StateLumpSum[j] = scale * s.LumpSumEntitlement[j];
            f.Upward[j] = scale * f.UpwardEntitlement[j];
            f.Vouchers[j] = scale * f.VoucherEntitlement[j];
            f.Rebate[j] = scale * f.RebateEntitlement[j];
            double lumpSum = f.StateLumpSum[j] + f.Upward[j] + f.Vouchers[j] + f.Rebate[j];
            double rateBase = s.RateBase(j);
            s.Rate[j] = rateBase > 0 ? (spending - matching - lumpSum + pigouvian + s.Mitigation[j]) / rateBase : 0;
            f.Matching[j] = matching;
            // Power equalization: the state pays the rate on the shortfall of the own base below the guarantee.
            f.Guaranteed[j] = s.Rate[j] * (rateBase - s.Base(j));
            s.Grants[j] = matching + f.StateLumpSum[j] + f.Guaranteed[j] + f.Rebate[j] + (stateVouchers ? f.Vouchers[j] : 0);
        }
        UpperTierLevies(s, year);

        var hh = s.Households;
        var credit = s.Finance.Credit;
        var levyKind = LevyKind(s.Finance);
        if (columns == HouseholdColumns.None) return;
        Parallel.For(0, s.N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads }, i =>
        {
            var memberOf = s.Map.MemberOf[i];
            int lowest = s.Map.Lowest[i];
            var charges = ChargesOf(s, i);
            var (price, consumerPerResident, damagePerResident, rebatePerResident, levyRate) = charges;
            bool fixedColumns = (columns & HouseholdColumns.Fixed) != 0, costs = (columns & HouseholdColumns.Costs) != 0;
            bool budget = (columns & HouseholdColumns.Budget) != 0, redistribution = s.Finance.Redistribution is not null;
            Span<double> rates = stackalloc double[memberOf.Count];
            for (int k = 0; k < rates.Length; k++) rates[k] = s.Rate[memberOf[k]];
            int first = hh.Start[i];
            if (levyRate == 0 && !redistribution && credit is null)
                first = ColumnVectors(s, year, first, hh.Start[i + 1], rates, charges, columns);
            for (int h = first; h < hh.Start[i + 1]; h++)
            {
                double persons = hh.Persons[h], y, taxable;
                if (fixedColumns)
                {
                    y = hh.BaseIncome[h] * year.IncomeMultiplier;
                    s.Income[h] = y;
                    taxable = s.ComputeTaxable(h);
                    s.TaxableAmount[h] = taxable;
                    s.Housing[h] = price;
                }
                else
                {
                    y = s.Income[h];
                    taxable = s.TaxableAmount[h];
                }
                double consumer = persons * consumerPerResident, damage = persons * damagePerResident, rebate = persons * rebatePerResident;
                if (costs)
                {
                    s.ConsumerCost[h] = consumer;
                    s.Damage[h] = damage;
                    s.Rebate[h] = rebate;
                }
                if (!budget) continue;
                double tax = 0;
                foreach (double rate in rates) tax += rate * taxable;
                if (levyRate != 0) tax += levyRate * s.ComputeTaxable(h, levyKind);
                tax += redistribution ? Redistribution.NetTax(s, h, y) : 0;
                s.Tax[h] = tax;
                double credited = credit?.Credit(s.Rate[lowest] * taxable) ?? 0;
                // Without a credit the column stays 0 once written.
                if (credit is not null || fixedColumns) f.HouseholdCredit[h] = credited;
                s.Consumption[h] = y - tax + credited - price - consumer - damage + rebate - s.PolicyCost[h];
            }
        });
        if ((columns & HouseholdColumns.Budget) == 0) return;
        Array.Clear(f.Credit);
        if (credit is not null)
            for (int h = 0; h < hh.Count; h++) f.Credit[s.Map.Lowest[hh.Location[h]]] += hh.Weight[h] * f.HouseholdCredit[h];
    }

    /// <summary>
    /// The common case (no levy, redistribution or income tax credit), four households at a time with the scalar loop's
    /// operations in its order, for whichever <paramref name="columns"/> are asked (the taxable amount read per household as
    /// <see cref="StructureState.ComputeTaxable(int)"/> does; the credit column, 0 without a credit, written with the fixed
    /// columns, as the scalar loop does). Returns the first household left for the scalar loop.
    /// </summary>
    private static int ColumnVectors(StructureState s, YearConditions year, int first, int end, ReadOnlySpan<double> rates, in Charges charges,
        HouseholdColumns columns)
    {
        var hh = s.Households;
        bool fixedColumns = (columns & HouseholdColumns.Fixed) != 0, costs = (columns & HouseholdColumns.Costs) != 0;
        bool budget = (columns & HouseholdColumns.Budget) != 0;
        var kind = s.Finance.Tax;
        var multiplier = Vector256.Create(year.IncomeMultiplier);
        var price = Vector256.Create(charges.Price);
        int h = first, lanes = Vector256<double>.Count;
        for (; h <= end - lanes; h += lanes)
        {
            var persons = Vector256.Create<double>(hh.Persons.AsSpan(h));
            Vector256<double> income, taxable;
            if (fixedColumns)
            {
                income = Vector256.Create<double>(hh.BaseIncome.AsSpan(h)) * multiplier;
                taxable = kind switch
                {
                    TaxBase.Property => Vector256.Create(s.DwellingValue[hh.Location[h]], s.DwellingValue[hh.Location[h + 1]],
                        s.DwellingValue[hh.Location[h + 2]], s.DwellingValue[hh.Location[h + 3]]),
                    TaxBase.Head => persons,
                    _ => income,
                };
                income.CopyTo(s.Income.AsSpan(h));
                taxable.CopyTo(s.TaxableAmount.AsSpan(h));
                price.CopyTo(s.Housing.AsSpan(h));
            }
            else
            {
                income = Vector256.Create<double>(s.Income.AsSpan(h));
                taxable = Vector256.Create<double>(s.TaxableAmount.AsSpan(h));
            }
            if (costs)
            {
                (persons * charges.ConsumerPerResident).CopyTo(s.ConsumerCost.AsSpan(h));
                (persons * charges.DamagePerResident).CopyTo(s.Damage.AsSpan(h));
                (persons * charges.RebatePerResident).CopyTo(s.Rebate.AsSpan(h));
            }
            if (!budget) continue;
            var consumption = Consumption(income, taxable, persons, Vector256.Create<double>(s.PolicyCost.AsSpan(h)), rates, charges, out var tax);
            tax.CopyTo(s.Tax.AsSpan(h));
            if (fixedColumns) Vector256<double>.Zero.CopyTo(s.Flows.HouseholdCredit.AsSpan(h));
            consumption.CopyTo(s.Consumption.AsSpan(h));
        }
        return h;
    }

    /// <summary>
    /// What every resident of neighborhood i pays besides its tax rates: the housing price, and per resident the consumer
    /// costs of its providers' goods, the bads' damage and the Pigouvian rebate; and the upper tiers' levy rate.
    /// </summary>
    internal readonly record struct Charges(double Price, double ConsumerPerResident, double DamagePerResident, double RebatePerResident, double LevyRate);

    /// <summary>Neighborhood i's <see cref="Charges"/> at the current budgets, services and exposures.</summary>
    internal static Charges ChargesOf(StructureState s, int i)
    {
        int G = s.G;
        double consumerPerResident = 0, damagePerResident = 0, rebatePerResident = 0, levyRate = 0;
        for (int g = 0; g < G; g++) consumerPerResident += s.ConsumerCostPerResident[s.Map.Provider(i, g) * G + g];
        for (int b = 0; b < s.B; b++) damagePerResident += s.Bads[b].DamagePerUnit * s.Exposure[i * s.B + b];
        foreach (int j in s.Map.MemberOf[i])
        {
            if (s.Population[j] > 0) rebatePerResident += s.Pigouvian[j] / s.Population[j];
            levyRate += s.Flows.LevyRate[j];
        }
        return new Charges(s.Price[i], consumerPerResident, damagePerResident, rebatePerResident, levyRate);
    }

    /// <summary>
    /// Whether consumption is c_h = y_h − Σ_j Rate_j·taxable_h − price − persons·(per-resident charges) − policy cost alone (no
    /// levy, redistribution or income-tax credit), so that <see cref="Consumption(Vector256{double}, Vector256{double}, Vector256{double}, Vector256{double}, ReadOnlySpan{double}, in Charges, out Vector256{double})"/>
    /// gives it from the household's fixed columns.
    /// </summary>
    internal static bool ConsumptionIsSimple(StructureState s) =>
        s.Finance.Credit is null && s.Finance.Redistribution is null && s.Finance.Upward is null && s.Finance.Vouchers?.Payer != VoucherPayer.UpperTier;

    /// <summary>
    /// Tax Σ rate·taxable (rates of the neighborhood's jurisdictions in order) and consumption y − tax + 0 − price − persons·consumer
    /// − persons·damage + persons·rebate − policy cost, four households at a time: the operations of the scalar loop in its order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Consumption(Vector256<double> income, Vector256<double> taxable, Vector256<double> persons, Vector256<double> policyCost,
        ReadOnlySpan<double> rates, in Charges c, out Vector256<double> tax)
    {
        tax = Vector256<double>.Zero;
        foreach (double rate in rates) tax += rate * taxable;
        return income - tax + Vector256<double>.Zero - Vector256.Create(c.Price) - persons * c.ConsumerPerResident - persons * c.DamagePerResident
            + persons * c.RebatePerResident - policyCost;
    }

    /// <summary>One household's consumption by the scalar loop's operations (no levy, redistribution or credit).</summary>
    internal static double Consumption(double income, double taxable, double persons, double policyCost, ReadOnlySpan<double> rates, in Charges c)
    {
        double tax = 0;
        foreach (double rate in rates) tax += rate * taxable;
        double credited = 0;
        return income - tax + credited - c.Price - persons * c.ConsumerPerResident - persons * c.DamagePerResident + persons * c.RebatePerResident - policyCost;
    }

    /// <summary>The base of the upper tier's levy: upward financing's choice, else the structure's own tax base.</summary>
    public static TaxBase LevyKind(FiscalRule finance) => finance.Upward?.LevyBase ?? finance.Tax;

    /// <summary>
    /// Each upper tier pays the upward grants and vouchers its lower tiers received and levies exactly that:
    /// LevyRate_p = Σ paid / LevyBase_p, LevyBase_p = Σ_{i∈p} residential base (+ classified C/I for a property levy).
    /// </summary>
    private static void UpperTierLevies(StructureState s, YearConditions year)
    {
        var f = s.Flows;
        Array.Clear(f.UpwardPaid);
        Array.Clear(f.VouchersPaid);
        Array.Clear(f.LevyRate);
        Array.Clear(f.LevyBase);
        bool upperVouchers = s.Finance.Vouchers?.Payer == VoucherPayer.UpperTier;
        if (s.Finance.Upward is null && !upperVouchers) return;
        for (int j = 0; j < s.J; j++)
        {
            int p = f.Payer[j];
            if (p < 0) continue;
            f.UpwardPaid[p] += f.Upward[j];
            if (upperVouchers) f.VouchersPaid[p] += f.Vouchers[j];
        }
        for (int p = 0; p < s.J; p++)
        {
            double paid = f.UpwardPaid[p] + f.VouchersPaid[p];
            if (paid <= 0) continue;
            f.LevyBase[p] = LevyBase(s, p, year);
            f.LevyRate[p] = f.LevyBase[p] > 0 ? paid / f.LevyBase[p] : 0;
        }
    }

    /// <summary>Base of upper tier p's levy: Σ_{i∈p} residential base of the levy's kind (+ classified C/I for a property levy).</summary>
    public static double LevyBase(StructureState s, int p, YearConditions year)
    {
        var kind = LevyKind(s.Finance);
        double levyBase = 0;
        foreach (int i in s.Map.Jurisdictions[p].Members)
            levyBase += ResidentialBase(s, i, year, kind) + (kind == TaxBase.Property ? s.CommercialRatio(p) * year.CommercialBase[i] : 0);
        return levyBase;
    }
}
