using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    private readonly double[] _provides;   // all bits set where jurisdiction j provides targeted good t, [t·J + j]
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
        _provides = new double[G * s.J];
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
                bool provides = s.Map.Jurisdictions[j].Provides[g];
                _provides[t * s.J + j] = provides ? BitConverter.UInt64BitsToDouble(ulong.MaxValue) : 0;
                _targetRate[t * s.J + j] = provides ? s.Targeting(j, g) : 0;
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
        Prepare(h, scratch);
        var theta = scratch[..s.G];
        var targetTerm = scratch.Slice(s.G, TermLength);
        double y = s.Income[h], persons = s.Households.Persons[h], alpha = s.Households.PublicShare[h];
        if (IsFused) return Fused(y, persons, 1 - alpha, s.Scenario.Utility.ConsumptionFloor * y, theta, targetTerm, home, movingCost, values);
        General(h, y, persons, alpha, theta, targetTerm, values, scratch[(s.G + TermLength)..]);
        if (home < 0) return Subtract(values, movingCost);   // moving in from outside: every neighborhood costs the move
        double atHome = values[home], best = Subtract(values, movingCost);
        values[home] = atHome;
        return Math.Max(best, atHome);
    }

    /// <summary>
    /// <see cref="Values(int, int, double, Span{double}, Span{double})"/> of <see cref="Batch"/> households in one pass over the
    /// neighborhoods, which loads each neighborhood's terms once for all of them; every household's numbers come from the same
    /// operations in the same order, so they are the same bits. Household b's values go to values[b·stride ..], its largest to best[b].
    /// </summary>
    /// <param name="scratch">At least <see cref="BatchScratchLength"/> doubles.</param>
    public void Values(ReadOnlySpan<int> h, ReadOnlySpan<int> home, ReadOnlySpan<double> movingCost, Span<double> values, int stride,
        Span<double> best, Span<double> scratch)
    {
        int length = ScratchLength;
        if (!IsFused)
        {
            for (int b = 0; b < Batch; b++) best[b] = Values(h[b], home[b], movingCost[b], values[(b * stride)..], scratch[..length]);
            return;
        }
        FusedBatch(h, home, movingCost, values, stride, best, scratch);
    }

    /// <summary>Households <see cref="Values(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, Span{double}, int, Span{double}, Span{double})"/> evaluates together.</summary>
    public const int Batch = 4;

    /// <summary>Whether the common case applies: log consumption, no quadratic benefit, no income-tax credit.</summary>
    private bool IsFused => _s.Scenario.Utility.Consumption == ConsumptionForm.Log && _s.Finance.Credit is null && _quadraticGoods.Length == 0;

    /// <summary>Doubles of the targeted goods' per-provider terms of one household.</summary>
    private int TermLength => _s.J * Math.Max(1, _targetedGoods.Length);

    /// <summary>
    /// θ_hg of every utility good, and θ_hg·ln f(h, j) of each targeted good and provider j (0 where j does not provide it),
    /// at the start of <paramref name="scratch"/>.
    /// </summary>
    private void Prepare(int h, Span<double> scratch)
    {
        var s = _s;
        var hh = s.Households;
        int G = s.G;
        var theta = scratch[..G];
        foreach (int g in _utilityGoods) theta[g] = Utility.Theta(hh, s.Goods[g], g, h, s.RegionNeedMean);
        int T = _targetedGoods.Length, J = s.J;
        var targetTerm = scratch.Slice(G, TermLength);
        double need = hh.Need[h];
        var mean = s.NeedMean.AsSpan(0, J);
        int width = Vector256<double>.Count;
        var vneed = Vector256.Create(need);
        for (int t = 0; t < T; t++)
        {
            // θ·ln(Q·f) = θ·ln Q + θ·ln f(h, provider): the second term once per provider, four providers at a time.
            // f = 1 − τ_j + τ_j·need/mean need_j (HouseholdMargin.TargetingFactor), with τ_j = 0 where j does not provide g.
            var term = targetTerm.Slice(t * J, J);
            var rate = _targetRate.AsSpan(t * J, J);
            var provides = _provides.AsSpan(t * J, J);
            double th = theta[_targetedGoods[t]];
            var vth = Vector256.Create(th);
            int j = 0;
            for (; j <= J - width; j += width)
            {
                var r = Vector256.Create<double>(rate[j..]);
                var m = Vector256.Create<double>(mean[j..]);
                var f = Vector256.ConditionalSelect(Vector256.Equals(r, Vector256<double>.Zero) | Vector256.LessThanOrEqual(m, Vector256<double>.Zero),
                    Vector256<double>.One, Vector256<double>.One - r + r * vneed / m);
                Vector256.ConditionalSelect(Vector256.Create<double>(provides[j..]), vth * ConsumptionLog.Log(f), Vector256<double>.Zero).CopyTo(term[j..]);
            }
            for (; j < J; j++)
            {
                double f = rate[j] == 0 || mean[j] <= 0 ? 1 : 1 - rate[j] + rate[j] * need / mean[j];
                term[j] = provides[j] != 0 ? th * ConsumptionLog.Log(f) : 0;
            }
        }
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
        Span<double> th = stackalloc double[F + T];
        Rows(theta, th);
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
        return Rest(regular.ExtractMostSignificantBits() == 0b1111 ? i : 0, vbest, y, persons, weight, floor, th, targetTerm, home, movingCost, values);
    }

    /// <summary>θ of the fast goods, then of the targeted goods: the order of the rows of _logFlat.</summary>
    private void Rows(ReadOnlySpan<double> theta, Span<double> th)
    {
        for (int k = 0; k < _fastGoods.Length; k++) th[k] = theta[_fastGoods[k]];
        for (int t = 0; t < _targetedGoods.Length; t++) th[_fastGoods.Length + t] = theta[_targetedGoods[t]];
    }

    /// <summary>
    /// The end of a fused pass: the neighborhoods from <paramref name="from"/> on by the scalar form (the remainder of the
    /// vectors, or all of them when a lane needed Math.Log or was not a number: from = 0), home without the moving cost, and
    /// the largest value (that of the vector lanes before <paramref name="from"/> in <paramref name="vbest"/>).
    /// </summary>
    private double Rest(int from, Vector256<double> vbest, double y, double persons, double weight, double floor, ReadOnlySpan<double> th,
        ReadOnlySpan<double> targetTerm, int home, double movingCost, Span<double> values)
    {
        double best = double.NegativeInfinity;
        if (from > 0)
            for (int k = 0; k < Vector256<double>.Count; k++) best = Math.Max(best, vbest[k]);
        for (int i = from; i < _s.N; i++)
        {
            values[i] = FusedAt(i, y, persons, weight, floor, th, targetTerm) - movingCost;
            best = Math.Max(best, values[i]);
        }
        if (home < 0) return best;
        // Home costs no move: its value again without the cost (the scalar form gives the vector lanes' bits).
        values[home] = FusedAt(home, y, persons, weight, floor, th, targetTerm);
        return Math.Max(best, values[home]);
    }

    /// <summary>
    /// <see cref="Fused"/> for <see cref="Batch"/> households in one pass: each ln Q row, each neighborhood's terms and each
    /// provider index is loaded once for all four, and the targeted goods' terms are stored household-minor, so that the four
    /// providers of a vector of neighborhoods give four loads whose 4×4 transpose is every household's gathered term.
    /// </summary>
    private void FusedBatch(ReadOnlySpan<int> h, ReadOnlySpan<int> home, ReadOnlySpan<double> movingCost, Span<double> values, int stride,
        Span<double> best, Span<double> scratch)
    {
        const int B = Batch;
        var s = _s;
        int N = s.N, J = s.J, i = 0, width = Vector256<double>.Count;
        int F = _fastGoods.Length, T = _targetedGoods.Length, R = F + T, length = ScratchLength, terms = TermLength;
        Span<double> th = stackalloc double[B * R];          // household b's row at b·R
        Span<double> thMinor = stackalloc double[R * B];     // [k·B + b]
        Span<double> par = stackalloc double[B * 4];         // y, persons, 1 − α, floor
        var termMinor = scratch.Slice(B * length, B * terms);   // [(t·J + j)·B + b]
        for (int b = 0; b < B; b++)
        {
            var own = scratch.Slice(b * length, length);
            Prepare(h[b], own);
            var targetTerm = own.Slice(s.G, terms);
            Rows(own[..s.G], th.Slice(b * R, R));
            for (int k = 0; k < R; k++) thMinor[k * B + b] = th[b * R + k];
            for (int k = 0; k < terms; k++) termMinor[k * B + b] = targetTerm[k];
            double y = s.Income[h[b]];
            par[b * 4] = y;
            par[b * 4 + 1] = s.Households.Persons[h[b]];
            par[b * 4 + 2] = 1 - s.Households.PublicShare[h[b]];
            par[b * 4 + 3] = s.Scenario.Utility.ConsumptionFloor * y;
        }
        ref double logs = ref MemoryMarshal.GetArrayDataReference(_logFlat);
        ref double termBase = ref MemoryMarshal.GetReference(termMinor);
        ref int providers = ref MemoryMarshal.GetArrayDataReference(_providerFlat);
        ref double weights = ref MemoryMarshal.GetReference(thMinor);
        ref double output = ref MemoryMarshal.GetReference(values);
        nuint row1 = (nuint)stride, row2 = (nuint)(2 * stride), row3 = (nuint)(3 * stride);
        // First pass: every household's service sum, into its row of values (each ln Q row and provider index loaded once).
        for (; i <= N - width; i += width)
        {
            nuint at = (nuint)i;
            Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            ref double row = ref Unsafe.Add(ref logs, i);
            ref double w = ref weights;
            for (int k = 0; k < F; k++, row = ref Unsafe.Add(ref row, N), w = ref Unsafe.Add(ref w, B))
            {
                var q = Vector256.LoadUnsafe(ref row);
                s0 += Vector256.Create(w) * q;
                s1 += Vector256.Create(Unsafe.Add(ref w, 1)) * q;
                s2 += Vector256.Create(Unsafe.Add(ref w, 2)) * q;
                s3 += Vector256.Create(Unsafe.Add(ref w, 3)) * q;
            }
            ref int p = ref Unsafe.Add(ref providers, i);
            ref double term = ref termBase;
            for (int t = 0; t < T; t++, row = ref Unsafe.Add(ref row, N), w = ref Unsafe.Add(ref w, B), p = ref Unsafe.Add(ref p, N),
                term = ref Unsafe.Add(ref term, J * B))
            {
                var q = Vector256.LoadUnsafe(ref row);
                Transpose(Vector256.LoadUnsafe(ref term, (nuint)p * B), Vector256.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 1) * B),
                    Vector256.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 2) * B), Vector256.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 3) * B),
                    out var g0, out var g1, out var g2, out var g3);
                s0 += Vector256.Create(w) * q + g0;
                s1 += Vector256.Create(Unsafe.Add(ref w, 1)) * q + g1;
                s2 += Vector256.Create(Unsafe.Add(ref w, 2)) * q + g2;
                s3 += Vector256.Create(Unsafe.Add(ref w, 3)) * q + g3;
            }
            s0.StoreUnsafe(ref output, at);
            s1.StoreUnsafe(ref output, at + row1);
            s2.StoreUnsafe(ref output, at + row2);
            s3.StoreUnsafe(ref output, at + row3);
        }
        // Second pass, household by household: consumption, its log and the value, over the service sums.
        for (int b = 0; b < B; b++)
        {
            var own = values.Slice(b * stride, N);
            var vbest = Vector256.Create(double.NegativeInfinity);
            var (y, persons, weight, floor) = (par[b * 4], par[b * 4 + 1], par[b * 4 + 2], par[b * 4 + 3]);
            bool regular = Finish(y, persons, weight, floor, movingCost[b], own, ref vbest);
            best[b] = Rest(regular ? i : 0, vbest, y, persons, weight, floor, th.Slice(b * R, R),
                scratch.Slice(b * length + s.G, terms), home[b], movingCost[b], own);
        }
    }

    /// <summary>
    /// The second pass of <see cref="FusedBatch"/> for one household: over the whole vectors of neighborhoods, v_i ← (1 − α)·ln
    /// max(c_i, floor) + v_i + closed_i − moving cost, with v_i the service sum, by <see cref="Fused"/>'s operations. Returns whether
    /// every lane was regular (as in Fused).
    /// </summary>
    private bool Finish(double y, double persons, double weight, double floor, double movingCost, Span<double> values, ref Vector256<double> vbest)
    {
        int N = _s.N, width = Vector256<double>.Count;
        var vy = Vector256.Create(y);
        var vp = Vector256.Create(-persons);
        var vw = Vector256.Create(weight);
        var vf = Vector256.Create(floor);
        var vc = Vector256.Create(movingCost);
        var best = vbest;
        var regular = Vector256<double>.AllBitsSet;
        ref double keep = ref MemoryMarshal.GetArrayDataReference(_incomeKeep);
        ref double fix = ref MemoryMarshal.GetArrayDataReference(_fixed);
        ref double per = ref MemoryMarshal.GetArrayDataReference(_perPerson);
        ref double closed = ref MemoryMarshal.GetArrayDataReference(_closed);
        ref double output = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i <= N - width; i += width)
        {
            nuint at = (nuint)i;
            var c = vy * Vector256.LoadUnsafe(ref keep, at) - Vector256.LoadUnsafe(ref fix, at) + vp * Vector256.LoadUnsafe(ref per, at);
            var x = Vector256.ConditionalSelect(Vector256.GreaterThan(vf, c), vf, c);
            var v = vw * ConsumptionLog.LogNormal(x) + Vector256.LoadUnsafe(ref output, at) + Vector256.LoadUnsafe(ref closed, at) - vc;
            regular &= ConsumptionLog.IsNormal(x) & Vector256.Equals(v, v);
            best = Vector256.ConditionalSelect(Vector256.GreaterThan(v, best), v, best);
            v.StoreUnsafe(ref output, at);
        }
        vbest = best;
        return regular.ExtractMostSignificantBits() == 0b1111;
    }

    /// <summary>The 4×4 transpose: lane l of gk is lane k of rl.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3,
        out Vector256<double> g0, out Vector256<double> g1, out Vector256<double> g2, out Vector256<double> g3)
    {
        if (Avx.IsSupported)
        {
            var t0 = Avx.UnpackLow(r0, r1);    // r0[0] r1[0] r0[2] r1[2]
            var t1 = Avx.UnpackHigh(r0, r1);   // r0[1] r1[1] r0[3] r1[3]
            var t2 = Avx.UnpackLow(r2, r3);
            var t3 = Avx.UnpackHigh(r2, r3);
            g0 = Avx.Permute2x128(t0, t2, 0x20);
            g1 = Avx.Permute2x128(t1, t3, 0x20);
            g2 = Avx.Permute2x128(t0, t2, 0x31);
            g3 = Avx.Permute2x128(t1, t3, 0x31);
            return;
        }
        g0 = Vector256.Create(r0[0], r1[0], r2[0], r3[0]);
        g1 = Vector256.Create(r0[1], r1[1], r2[1], r3[1]);
        g2 = Vector256.Create(r0[2], r1[2], r2[2], r3[2]);
        g3 = Vector256.Create(r0[3], r1[3], r2[3], r3[3]);
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
    public int ScratchLength => _s.G + TermLength + _s.N;

    /// <summary>Scratch length the batched <see cref="Values(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, Span{double}, int, Span{double}, Span{double})"/> needs.</summary>
    public int BatchScratchLength => Batch * (ScratchLength + TermLength);
}
