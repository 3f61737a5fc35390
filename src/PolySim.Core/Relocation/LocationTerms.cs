using System.Numerics;
using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Goods;
using PolySim.Core.Services;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Relocation;

/// <summary>
/// What living in each neighborhood would mean this year, reduced to a few numbers per neighborhood so that a
/// household's utility there costs G multiply-adds and one logarithm.
/// </summary>
/// <remarks>
/// Consumption at i: c_hi = y_h·(1 − R^y_i) − A_i − persons_h·X_i + credit, with R^y_i the income-tax rates of i's
/// jurisdictions (and of the upper tier's levy), A_i = price_i + (property-tax rates)·value_i, X_i = head taxes + travel
/// and waiting + bad damage − Pigouvian rebate per resident, and the income-tax credit on the lowest tier's tax (the
/// same terms as <see cref="PublicAccounts.Evaluate"/>). Service utility Σ_g θ_hg·ln Q_ig uses ln Q
/// computed once per neighborhood, plus θ_hg·ln f_hj for goods with need targeting (f the targeting factor of provider j,
/// computed once per household and provider); quadratic-benefit goods take the exact per-household path.
/// </remarks>
internal sealed class LocationTerms
{
    private readonly StructureState _s;
    private readonly double[] _incomeKeep, _fixed, _perPerson, _lowestRate;
    private readonly bool[] _exact, _open;
    private readonly int[] _utilityGoods;
    private readonly double[][] _logByGood;
    private readonly int[][] _providerByGood;
    private int[] _fastGoods = [], _targetedGoods = [], _quadraticGoods = [];

    public LocationTerms(StructureState s)
    {
        _s = s;
        int N = s.N, G = s.G;
        _incomeKeep = new double[N];
        _fixed = new double[N];
        _perPerson = new double[N];
        _lowestRate = new double[N];
        _exact = new bool[G];
        _open = new bool[N];
        _utilityGoods = Enumerable.Range(0, G).Where(g => s.Goods[g].Reduces is null).ToArray();
        _logByGood = Enumerable.Range(0, G).Select(_ => new double[N]).ToArray();
        _providerByGood = Enumerable.Range(0, G).Select(g => Enumerable.Range(0, N).Select(i => s.Map.Provider(i, g)).ToArray()).ToArray();
    }


    /// <summary>Recomputes the terms from the structure's current policies, prices and services.</summary>
    public void Update()
    {
        var s = _s;
        int G = s.G;
        foreach (int g in _utilityGoods)
        {
            var good = s.Goods[g];
            bool targeted = false;
            for (int j = 0; j < s.J; j++) targeted |= s.Map.Jurisdictions[j].Provides[g] && s.Targeting(j, g) != 0;
            _exact[g] = targeted || good.Benefit == BenefitForm.Quadratic;
        }
        _fastGoods = _utilityGoods.Where(g => !_exact[g]).ToArray();
        _targetedGoods = _utilityGoods.Where(g => _exact[g] && s.Goods[g].Benefit != BenefitForm.Quadratic).ToArray();
        _quadraticGoods = _utilityGoods.Where(g => s.Goods[g].Benefit == BenefitForm.Quadratic).ToArray();
        for (int i = 0; i < s.N; i++)
        {
            _open[i] = s.Scenario.Region.Neighborhoods[i].Dwellings > 0;
            double rates = 0, levy = 0, consumer = 0, damage = 0, rebate = 0;
            foreach (int j in s.Map.MemberOf[i])
            {
                rates += s.Rate[j];
                levy += s.Flows.LevyRate[j];
                if (s.Population[j] > 0) rebate += s.Pigouvian[j] / s.Population[j];
            }
            for (int g = 0; g < G; g++) consumer += s.ConsumerCostPerResident[s.Map.Provider(i, g) * G + g];
            for (int b = 0; b < s.B; b++) damage += s.Bads[b].DamagePerUnit * s.Exposure[i * s.B + b];
            _incomeKeep[i] = 1;
            _fixed[i] = s.Price[i];
            _perPerson[i] = consumer + damage - rebate;
            AddTax(i, rates, s.Finance.Tax);
            AddTax(i, levy, PublicAccounts.LevyKind(s.Finance));   // the upper tier's levy under upward financing
            int lowest = s.Map.Lowest[i];
            _lowestRate[i] = s.Rate[lowest];
            if (s.Finance.Redistribution is { } redistribution)   // linear income tax with a per-resident rebate (§6.6a)
            {
                double t = s.RedistributionRate[lowest];
                _incomeKeep[i] -= t;
                _perPerson[i] -= redistribution.RebatePerResident(t, s.RedistributionMean[lowest]);
            }
            double distance = s.Scenario.Utility.PolicyDistanceCost;
            if (distance != 0) _perPerson[i] += distance * Math.Abs(s.Scenario.Region.Neighborhoods[i].X - s.PolicyPosition[lowest]);
            foreach (int g in _utilityGoods)
                _logByGood[g][i] = Math.Log(Math.Max(s.Service[i * G + g], ServiceFloor.Level));
        }
    }

    /// <summary>Adds a tax at <paramref name="rate"/> on base <paramref name="kind"/> to neighborhood i's terms.</summary>
    private void AddTax(int i, double rate, TaxBase kind)
    {
        if (rate == 0) return;
        switch (kind)
        {
            case TaxBase.Property: _fixed[i] += rate * _s.DwellingValue[i]; break;
            case TaxBase.Head: _perPerson[i] += rate; break;
            default: _incomeKeep[i] -= rate; break;
        }
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the utility household h would have in each neighborhood this year (before
    /// moving cost; −∞ where there are no dwellings). One logarithm per neighborhood: ln Q is per neighborhood, and the
    /// need-targeting factor of a targeted good depends only on the household and the provider, so its log is taken
    /// once per provider. The sums over goods run good by good over all neighborhoods (SIMD), in the same order for
    /// every household, so results do not depend on the vector width or the thread.
    /// </summary>
    /// <param name="scratch">At least <see cref="ScratchLength"/> doubles.</param>
    public void Values(int h, Span<double> values, Span<double> scratch)
    {
        var s = _s;
        var hh = s.Households;
        int G = s.G, N = s.N, J = s.J, T = _targetedGoods.Length;
        var theta = scratch[..G];
        var targetTerm = scratch.Slice(G, J * Math.Max(1, T));
        var consumption = scratch.Slice(G + J * Math.Max(1, T), N);
        double y = s.Income[h], persons = hh.Persons[h], alpha = hh.PublicShare[h];
        bool log = s.Scenario.Utility.Consumption == ConsumptionForm.Log;
        double floor = s.Scenario.Utility.ConsumptionFloor * y, weight = 1 - alpha;
        foreach (int g in _utilityGoods) theta[g] = Utility.Theta(hh, s.Goods[g], g, h, s.RegionNeedMean);

        // c_i = y·keep_i − fixed_i − persons·perPerson_i (+ the income-tax credit).
        Affine(y, _incomeKeep, _fixed, -persons, _perPerson, consumption);
        if (s.Finance.Credit is { } credit)
            for (int i = 0; i < N; i++)
            {
                double taxable = s.Finance.Tax switch { TaxBase.Property => s.DwellingValue[i], TaxBase.Head => persons, _ => y };
                consumption[i] += credit.Credit(_lowestRate[i] * taxable);   // the federal income-tax credit for local taxes
            }

        values.Clear();
        foreach (int g in _fastGoods) Axpy(theta[g], _logByGood[g], values);
        for (int t = 0; t < T; t++)
        {
            // θ·ln(Q·f) = θ·ln Q + θ·ln f(h, provider): the second term once per provider.
            int g = _targetedGoods[t];
            var term = targetTerm.Slice(t * J, J);
            for (int j = 0; j < J; j++)
                term[j] = s.Map.Jurisdictions[j].Provides[g] ? theta[g] * Math.Log(HouseholdMargin.TargetingFactor(s, j, g, h)) : 0;
            Axpy(theta[g], _logByGood[g], values);
            var provider = _providerByGood[g];
            for (int i = 0; i < N; i++) values[i] += term[provider[i]];
        }
        foreach (int g in _quadraticGoods)
            for (int i = 0; i < N; i++)
            {
                double q = s.Service[i * G + g] * HouseholdMargin.TargetingFactor(s, s.Map.Provider(i, g), g, h);
                values[i] += Utility.Benefit(s.Goods[g], theta[g], q);
            }
        for (int i = 0; i < N; i++)
            values[i] = !_open[i] ? double.NegativeInfinity
                : log ? weight * Math.Log(Math.Max(consumption[i], floor)) + values[i]
                : consumption[i] + values[i];
    }

    /// <summary>y[i] += a·x[i].</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0, width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; i <= y.Length - width; i += width)
                (new Vector<double>(y[i..]) + va * new Vector<double>(x[i..])).CopyTo(y[i..]);
        }
        for (; i < y.Length; i++) y[i] += a * x[i];
    }

    /// <summary>r[i] = a·x[i] − z[i] + b·w[i].</summary>
    private static void Affine(double a, ReadOnlySpan<double> x, ReadOnlySpan<double> z, double b, ReadOnlySpan<double> w, Span<double> r)
    {
        int i = 0, width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            var vb = new Vector<double>(b);
            for (; i <= r.Length - width; i += width)
                (va * new Vector<double>(x[i..]) - new Vector<double>(z[i..]) + vb * new Vector<double>(w[i..])).CopyTo(r[i..]);
        }
        for (; i < r.Length; i++) r[i] = a * x[i] - z[i] + b * w[i];
    }

    /// <summary>Scratch length <see cref="Values"/> needs.</summary>
    public int ScratchLength => _s.G + _s.J * Math.Max(1, _targetedGoods.Length) + _s.N;
}
