using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    private readonly double[] _incomeKeep, _fixed, _perPerson, _lowestRate, _closed;
    private readonly bool[] _exact;
    private readonly int[] _utilityGoods;
    private readonly double[] _logFlat, _targetRate;
    private readonly bool[] _provides;
    private readonly int[] _providerFlat;
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
        _closed = new double[N];
        _utilityGoods = Enumerable.Range(0, G).Where(g => s.Goods[g].Reduces is null).ToArray();
        _logFlat = new double[G * N];
        _providerFlat = new int[G * N];
        _targetRate = new double[G * s.J];
        _provides = new bool[G * s.J];
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
            _closed[i] = s.Scenario.Region.Neighborhoods[i].Dwellings > 0 ? 0 : double.NegativeInfinity;   // added to V_i
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
        }
        // ln Q of the fast goods, then of the targeted goods, one row of N each, and the targeted goods' providers.
        int row = 0;
        foreach (int g in _fastGoods.Concat(_targetedGoods))
        {
            for (int i = 0; i < s.N; i++) _logFlat[row * s.N + i] = Math.Log(Math.Max(s.Service[i * G + g], ServiceFloor.Level));
            row++;
        }
        for (int t = 0; t < _targetedGoods.Length; t++) _providerByGood[_targetedGoods[t]].CopyTo(_providerFlat, t * s.N);
        for (int t = 0; t < _targetedGoods.Length; t++)
            for (int j = 0; j < s.J; j++)
            {
                int g = _targetedGoods[t];
                _provides[t * s.J + j] = s.Map.Jurisdictions[j].Provides[g];
                _targetRate[t * s.J + j] = _provides[t * s.J + j] ? s.Targeting(j, g) : 0;
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
    /// Fills <paramref name="values"/> with V_hi, the utility household h would have in each neighborhood this year less
    /// <paramref name="movingCost"/> (utils) everywhere but <paramref name="home"/> (−1: none; −∞ where there are no dwellings), and
    /// returns the largest. One logarithm per neighborhood: ln Q is per neighborhood, and the need-targeting factor of a
    /// targeted good depends only on the household and the provider, so its log is taken once per provider. Sums over
    /// goods run in good order for every neighborhood and household, in fixed four-lane vectors, so results do not
    /// depend on the machine's vector width or the thread.
    /// </summary>
    /// <param name="scratch">At least <see cref="ScratchLength"/> doubles.</param>
    public double Values(int h, int home, double movingCost, Span<double> values, Span<double> scratch)
    {
        var s = _s;
        values = values[..s.N];
        var hh = s.Households;
        int G = s.G;
        var theta = scratch[..G];
        double y = s.Income[h], persons = hh.Persons[h], alpha = hh.PublicShare[h];
        foreach (int g in _utilityGoods) theta[g] = Utility.Theta(hh, s.Goods[g], g, h, s.RegionNeedMean);
        int T = _targetedGoods.Length, J = s.J;
        var targetTerm = scratch.Slice(G, J * Math.Max(1, T));
        double need = hh.Need[h];
        for (int t = 0; t < T; t++)
        {
            // θ·ln(Q·f) = θ·ln Q + θ·ln f(h, provider): the second term once per provider, its logs four at a time.
            // f = 1 − τ_j + τ_j·need/mean need_j (HouseholdMargin.TargetingFactor), with τ_j = 0 where j does not provide g.
            var term = targetTerm.Slice(t * J, J);
            var rate = _targetRate.AsSpan(t * J, J);
            for (int j = 0; j < J; j++)
                term[j] = rate[j] == 0 || s.NeedMean[j] <= 0 ? 1 : 1 - rate[j] + rate[j] * need / s.NeedMean[j];
            int k = 0;
            for (; k <= J - Vector256<double>.Count; k += Vector256<double>.Count)
                ConsumptionLog.Log(Vector256.Create<double>(term[k..])).CopyTo(term[k..]);
            for (; k < J; k++) term[k] = ConsumptionLog.Log(term[k]);
            double th = theta[_targetedGoods[t]];
            for (int j = 0; j < J; j++) term[j] = _provides[t * J + j] ? th * term[j] : 0;
        }
        bool fused = s.Scenario.Utility.Consumption == ConsumptionForm.Log && s.Finance.Credit is null && _quadraticGoods.Length == 0;
        if (fused) return Fused(y, persons, 1 - alpha, s.Scenario.Utility.ConsumptionFloor * y, theta, targetTerm, home, movingCost, values);
        General(h, y, persons, alpha, theta, targetTerm, values, scratch[(G + J * Math.Max(1, T))..]);
        if (home < 0) return Subtract(values, movingCost);   // moving in from outside: every neighborhood costs the move
        double atHome = values[home], best = Subtract(values, movingCost);
        values[home] = atHome;
        return Math.Max(best, atHome);
    }

    /// <summary>
    /// The common case in one pass of four-lane vectors: log consumption, no quadratic benefit, no income-tax credit.
    /// V_i = (1 − α)·ln max(c_i, floor) + Σ_g θ_g·ln Q_ig + Σ_targeted (θ_g·ln Q_ig + θ_g·ln f_h,provider(i,g)),
    /// c_i = y·keep_i − fixed_i − persons·perPerson_i.
    /// </summary>
    private double Fused(double y, double persons, double weight, double floor, ReadOnlySpan<double> theta, ReadOnlySpan<double> targetTerm,
        int home, double movingCost, Span<double> values)
    {
        int N = _s.N, J = _s.J, i = 0, width = Vector256<double>.Count;
        int F = _fastGoods.Length, T = _targetedGoods.Length;
        // θ of the fast goods, then of the targeted goods: the rows of _logFlat.
        Span<double> th = stackalloc double[F + T];
        for (int k = 0; k < F; k++) th[k] = theta[_fastGoods[k]];
        for (int t = 0; t < T; t++) th[F + t] = theta[_targetedGoods[t]];
        var vy = Vector256.Create(y);
        var vp = Vector256.Create(-persons);
        var vw = Vector256.Create(weight);
        var vf = Vector256.Create(floor);
        var vc = Vector256.Create(movingCost);
        var vbest = Vector256.Create(double.NegativeInfinity);
        // Lanes so far whose log argument was a normal double and whose value is a number. The loop has no call (that would
        // spill every vector register on each pass): when a lane fails, every value is taken again by the scalar form below.
        var regular = Vector256<double>.AllBitsSet;
        // The hot loop reads through references (no bounds checks): every row of _logFlat and the terms arrays has N entries.
        ref double keep = ref MemoryMarshal.GetArrayDataReference(_incomeKeep);
        ref double fix = ref MemoryMarshal.GetArrayDataReference(_fixed);
        ref double per = ref MemoryMarshal.GetArrayDataReference(_perPerson);
        ref double closed = ref MemoryMarshal.GetArrayDataReference(_closed);
        ref double logs = ref MemoryMarshal.GetArrayDataReference(_logFlat);
        ref double terms = ref MemoryMarshal.GetReference(targetTerm);
        ref int providers = ref MemoryMarshal.GetArrayDataReference(_providerFlat);
        ref double weights = ref MemoryMarshal.GetReference(th);
        ref double output = ref MemoryMarshal.GetReference(values);
        for (; i <= N - width; i += width)
        {
            nuint at = (nuint)i;
            var c = vy * Vector256.LoadUnsafe(ref keep, at) - Vector256.LoadUnsafe(ref fix, at) + vp * Vector256.LoadUnsafe(ref per, at);
            var services = Vector256<double>.Zero;
            ref double row = ref Unsafe.Add(ref logs, i);
            for (int k = 0; k < F; k++, row = ref Unsafe.Add(ref row, N))
                services += Vector256.Create(Unsafe.Add(ref weights, k)) * Vector256.LoadUnsafe(ref row);
            ref int p = ref Unsafe.Add(ref providers, i);
            ref double term = ref terms;
            for (int t = 0; t < T; t++, row = ref Unsafe.Add(ref row, N), p = ref Unsafe.Add(ref p, N), term = ref Unsafe.Add(ref term, J))
                services += Vector256.Create(Unsafe.Add(ref weights, F + t)) * Vector256.LoadUnsafe(ref row)
                            + Vector256.Create(Unsafe.Add(ref term, p), Unsafe.Add(ref term, Unsafe.Add(ref p, 1)),
                                Unsafe.Add(ref term, Unsafe.Add(ref p, 2)), Unsafe.Add(ref term, Unsafe.Add(ref p, 3)));
            // max(c, floor), as vmaxpd: equal to Math.Max wherever the log's fast path applies.
            var x = Vector256.ConditionalSelect(Vector256.GreaterThan(vf, c), vf, c);
            var v = vw * ConsumptionLog.LogNormal(x) + services + Vector256.LoadUnsafe(ref closed, at) - vc;
            regular &= ConsumptionLog.IsNormal(x) & Vector256.Equals(v, v);
            vbest = Vector256.ConditionalSelect(Vector256.GreaterThan(v, vbest), v, vbest);
            v.StoreUnsafe(ref output, at);
        }
        double best = double.NegativeInfinity;
        if (regular.ExtractMostSignificantBits() != 0b1111) i = 0;   // a lane needs Math.Log or is NaN: all of them again, by the scalar form
        else
            for (int k = 0; k < width; k++) best = Math.Max(best, vbest[k]);
        for (; i < N; i++)
        {
            values[i] = FusedAt(i, y, persons, weight, floor, th, targetTerm) - movingCost;
            best = Math.Max(best, values[i]);
        }
        if (home < 0) return best;
        // Home costs no move: its value again without the cost (the scalar form gives the vector lanes' bits).
        values[home] = FusedAt(home, y, persons, weight, floor, th, targetTerm);
        return Math.Max(best, values[home]);
    }

    /// <summary>V_i of <see cref="Fused"/> for one neighborhood, by the same operations in the same order.</summary>
    private double FusedAt(int i, double y, double persons, double weight, double floor, ReadOnlySpan<double> th, ReadOnlySpan<double> targetTerm)
    {
        int N = _s.N, J = _s.J, F = _fastGoods.Length, T = _targetedGoods.Length;
        double c = y * _incomeKeep[i] - _fixed[i] + -persons * _perPerson[i], services = 0;
        for (int k = 0; k < F; k++) services += th[k] * _logFlat[k * N + i];
        for (int t = 0; t < T; t++) services += th[F + t] * _logFlat[(F + t) * N + i] + targetTerm[t * J + _providerFlat[t * N + i]];
        return weight * ConsumptionLog.Log(Math.Max(c, floor)) + services + _closed[i];
    }

    /// <summary>Every case: targeted and quadratic goods, the income-tax credit, quasi-linear consumption.</summary>
    private void General(int h, double y, double persons, double alpha, ReadOnlySpan<double> theta, ReadOnlySpan<double> targetTerm,
        Span<double> values, Span<double> consumption)
    {
        var s = _s;
        int G = s.G, N = s.N, J = s.J, T = _targetedGoods.Length;
        bool log = s.Scenario.Utility.Consumption == ConsumptionForm.Log;
        double floor = s.Scenario.Utility.ConsumptionFloor * y, weight = 1 - alpha;

        // c_i = y·keep_i − fixed_i − persons·perPerson_i (+ the income-tax credit).
        for (int i = 0; i < N; i++) consumption[i] = y * _incomeKeep[i] - _fixed[i] + -persons * _perPerson[i];
        if (s.Finance.Credit is { } credit)
            for (int i = 0; i < N; i++)
            {
                double taxable = s.Finance.Tax switch { TaxBase.Property => s.DwellingValue[i], TaxBase.Head => persons, _ => y };
                consumption[i] += credit.Credit(_lowestRate[i] * taxable);   // the federal income-tax credit for local taxes
            }

        values.Clear();
        int F = _fastGoods.Length;
        for (int k = 0; k < F; k++)
        {
            double th = theta[_fastGoods[k]];
            for (int i = 0; i < N; i++) values[i] += th * _logFlat[k * N + i];
        }
        for (int t = 0; t < T; t++)
        {
            double th = theta[_targetedGoods[t]];
            var term = targetTerm.Slice(t * J, J);
            for (int i = 0; i < N; i++) values[i] += th * _logFlat[(F + t) * N + i] + term[_providerFlat[t * N + i]];
        }
        foreach (int g in _quadraticGoods)
            for (int i = 0; i < N; i++)
            {
                double q = s.Service[i * G + g] * HouseholdMargin.TargetingFactor(s, s.Map.Provider(i, g), g, h);
                values[i] += Utility.Benefit(s.Goods[g], theta[g], q);
            }
        for (int i = 0; i < N; i++)
            values[i] = (log ? weight * ConsumptionLog.Log(Math.Max(consumption[i], floor)) + values[i] : consumption[i] + values[i]) + _closed[i];
    }

    /// <summary>v_i −= cost for every i; returns max_i v_i.</summary>
    private static double Subtract(Span<double> v, double cost)
    {
        int i = 0, width = Vector256<double>.Count;
        var vc = Vector256.Create(cost);
        var best = Vector256.Create(double.NegativeInfinity);
        for (; i <= v.Length - width; i += width)
        {
            var x = Vector256.Create<double>(v[i..]) - vc;
            best = Vector256.Max(best, x);
            x.CopyTo(v[i..]);
        }
        double max = double.NegativeInfinity;
        for (int k = 0; k < width; k++) max = Math.Max(max, best[k]);
        for (; i < v.Length; i++) { v[i] -= cost; max = Math.Max(max, v[i]); }
        return max;
    }

    /// <summary>Scratch length <see cref="Values"/> needs.</summary>
    public int ScratchLength => _s.G + _s.J * Math.Max(1, _targetedGoods.Length) + _s.N;
}
