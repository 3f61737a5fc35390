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
/// Agents' common case runs in single precision, eight neighborhoods per vector, relative to a per-household reference
/// (docs/model.md §7.2 gives the error bounds); everything else, and types, in double.
/// </remarks>
internal sealed class LocationTerms
{
    private readonly StructureState _s;
    private readonly double[] _incomeKeep, _fixed, _perPerson, _lowestRate, _closed;
    private readonly bool[] _exact;
    private readonly int[] _utilityGoods;
    private readonly double[] _logFlat, _targetRate;
    private readonly double[] _provides;   // all bits set where jurisdiction j provides targeted good t, [t·J + j]
    private readonly int[] _providerFlat;   // the targeted goods' providers, one row of Padded per good (0 past N)
    private readonly int[][] _providerByGood;
    // The float kernel's terms, rows of Padded (past N: no dwellings): keep_i, −fixed_i, −perPerson_i, closed_i, and
    // d_ik = ln Q_ik − ref_k for the fast then the targeted goods, ref_k the mean of ln Q_ik over neighborhoods.
    private readonly int _padded;
    private readonly float[] _keepF, _negFixedF, _negPerPersonF, _closedF, _rowsF;
    private readonly double[] _rowReference;
    // The targeting factor f = a_j + b_j·need of each targeted good and provider, rows of PaddedJ: a = 1 − τ_j, b = τ_j/mean need_j
    // (a = 1, b = 0 where j does not target or does not provide the good, and past J).
    private readonly int _paddedJ;
    private readonly float[] _targetA, _targetB;
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
        _padded = (N + Lanes - 1) / Lanes * Lanes;
        _providerFlat = new int[G * _padded];
        _keepF = new float[_padded];
        _negFixedF = new float[_padded];
        _negPerPersonF = new float[_padded];
        _closedF = new float[_padded];
        _keepF.AsSpan(N).Fill(1);
        _closedF.AsSpan(N).Fill(float.NegativeInfinity);
        _rowsF = new float[G * _padded];
        _rowReference = new double[G];
        _paddedJ = (s.J + Lanes - 1) / Lanes * Lanes;
        _targetA = new float[G * _paddedJ];
        _targetB = new float[G * _paddedJ];
        _targetA.AsSpan().Fill(1);
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
        for (int i = 0; i < s.N; i++)
        {
            _keepF[i] = (float)_incomeKeep[i];
            _negFixedF[i] = (float)-_fixed[i];
            _negPerPersonF[i] = (float)-_perPerson[i];
            _closedF[i] = (float)_closed[i];
        }
        // ln Q of the fast goods, then of the targeted goods, one row of N each (and for the float kernel less the row's mean,
        // one row of Padded each), and the targeted goods' providers.
        int row = 0;
        foreach (int g in _fastGoods.Concat(_targetedGoods))
        {
            var logs = _logFlat.AsSpan(row * s.N, s.N);
            double mean = 0;
            for (int i = 0; i < s.N; i++) mean += logs[i] = Math.Log(Math.Max(s.Service[i * G + g], ServiceFloor.Level));
            mean /= s.N;
            _rowReference[row] = mean;
            for (int i = 0; i < s.N; i++) _rowsF[row * _padded + i] = (float)(logs[i] - mean);
            row++;
        }
        for (int t = 0; t < _targetedGoods.Length; t++) _providerByGood[_targetedGoods[t]].CopyTo(_providerFlat, t * _padded);
        for (int t = 0; t < _targetedGoods.Length; t++)
            for (int j = 0; j < s.J; j++)
            {
                int g = _targetedGoods[t];
                bool provides = s.Map.Jurisdictions[j].Provides[g];
                _provides[t * s.J + j] = provides ? BitConverter.UInt64BitsToDouble(ulong.MaxValue) : 0;
                double rate = _targetRate[t * s.J + j] = provides ? s.Targeting(j, g) : 0, mean = s.NeedMean[j];
                bool targets = rate != 0 && mean > 0;
                _targetA[t * _paddedJ + j] = targets ? (float)(1 - rate) : 1;
                _targetB[t * _paddedJ + j] = targets ? (float)(rate / mean) : 0;
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
    /// returns the largest, in double precision (types, and the check against the budget accounts). One logarithm per
    /// neighborhood: ln Q is per neighborhood, and the need-targeting factor of a targeted good depends only on the household
    /// and the provider, so its log is taken once per provider. Agents use the single-precision form below.
    /// </summary>
    /// <param name="scratch">At least <see cref="ScratchLength"/> doubles.</param>
    public double Values(int h, int home, double movingCost, Span<double> values, Span<double> scratch)
    {
        values = values[.._s.N];
        Exact(h, values, scratch);
        if (home < 0) return Subtract(values, movingCost);   // moving in from outside: every neighborhood costs the move
        double atHome = values[home], best = Subtract(values, movingCost);
        values[home] = atHome;
        return Math.Max(best, atHome);
    }

    /// <summary>U_hi of every neighborhood in double precision, by <see cref="General"/>.</summary>
    private void Exact(int h, Span<double> values, Span<double> scratch)
    {
        var s = _s;
        Prepare(h, scratch);
        General(h, s.Income[h], s.Households.Persons[h], s.Households.PublicShare[h], scratch[..s.G], scratch.Slice(s.G, TermLength), values,
            scratch[(s.G + TermLength)..]);
    }

    /// <summary>Households the batched single-precision <see cref="Values(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, Span{float}, Span{double}, Workspace)"/> evaluates together.</summary>
    public const int Batch = 4;

    /// <summary>Lanes of the single-precision kernel: a row of values has <see cref="Padded"/> entries, a multiple of it.</summary>
    public const int Lanes = 8;

    /// <summary>N rounded up to <see cref="Lanes"/>: the entries past N are neighborhoods without dwellings (−∞).</summary>
    public int Padded => _padded;

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
        Thetas(h, theta);
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

    /// <summary>θ_hg of every utility good: <see cref="Utility.Theta"/>'s operations, with the need ratio taken once (same bits).</summary>
    private void Thetas(int h, Span<double> theta)
    {
        var s = _s;
        var hh = s.Households;
        double need = s.RegionNeedMean > 0 ? hh.Need[h] / s.RegionNeedMean : 1;
        foreach (int g in _utilityGoods)
        {
            double sensitivity = s.Goods[g].NeedSensitivity;
            theta[g] = hh.ThetaOf(h, g) * (1 - sensitivity + sensitivity * need);
        }
    }

    /// <summary>One worker's buffers for the single-precision kernel (allocated once per worker and year).</summary>
    public sealed class Workspace
    {
        internal readonly double[] Scratch, Exact, Reference = new double[Batch];
        internal readonly float[] Theta, Terms, ThetaMinor, TermMinor;
        internal readonly float[] InvIncome = new float[Batch], PersonsPerIncome = new float[Batch], Weight = new float[Batch], Floor = new float[Batch];

        internal Workspace(LocationTerms terms)
        {
            int G = terms._s.G, J = terms._paddedJ;
            Scratch = new double[terms.ScratchLength];
            Exact = new double[terms._s.N];
            Theta = new float[Batch * G];                    // household b's rows at b·G
            Terms = new float[Batch * G * J];                // household b's [t·J + j] at b·G·J
            ThetaMinor = new float[G * Batch];               // [k·B + b]
            TermMinor = new float[G * J * Batch];            // [(t·J + j)·B + b]
        }
    }

    /// <summary>Buffers for <see cref="Values(int, int, float, Span{float}, Workspace, out double)"/> and the batched form.</summary>
    public Workspace CreateWorkspace() => new(this);

    /// <summary>
    /// The single-precision form for agents: fills values[..<see cref="Padded"/>] with U_hi − reference (−∞ where there are no
    /// dwellings and past N), where reference (returned) is a number of the household's own, and returns the largest
    /// V_hi − reference: U_hi − reference less <paramref name="movingCost"/> everywhere but <paramref name="home"/> (−1: none).
    /// Values exclude the moving cost; <see cref="TieboutSorting.Choose"/> charges it. In the common case (log consumption, no
    /// quadratic benefit, no income-tax credit, positive income) the kernel works in float, eight neighborhoods per vector:
    /// U_hi − reference = (1 − α)·ln max(c_i/y, floor) + Σ_k θ_k·(ln Q_ik − ref_k) + Σ_t θ_t·ln f(h, provider) with reference =
    /// (1 − α)·ln y + Σ_k θ_k·ref_k, so that every float holds a number of order one (the precision argument is in docs/model.md
    /// §7.2). Otherwise U_hi comes from the double path, less its largest value, rounded once.
    /// </summary>
    public float Values(int h, int home, float movingCost, Span<float> values, Workspace w, out double reference)
    {
        values = values[.._padded];
        if (!IsFused || !PrepareFloat(h, w, 0))
            return ExactFloat(h, home, movingCost, values, w, out reference);
        reference = w.Reference[0];
        int G = _s.G;
        return Fused(w, home, movingCost, values, w.Theta.AsSpan(0, G), w.Terms.AsSpan(0, G * _paddedJ));
    }

    /// <summary>
    /// <see cref="Values(int, int, float, Span{float}, Workspace, out double)"/> of <see cref="Batch"/> households in one pass over
    /// the neighborhoods, which loads each neighborhood's terms once for all of them; every household's numbers come from the same
    /// operations in the same order, so they are the same bits. Household b's values go to values[b·stride ..] (stride at least
    /// <see cref="Padded"/>), its largest to best[b], its reference to reference[b].
    /// </summary>
    public void Values(ReadOnlySpan<int> h, ReadOnlySpan<int> home, ReadOnlySpan<float> movingCost, Span<float> values, int stride,
        Span<float> best, Span<double> reference, Workspace w)
    {
        bool fused = IsFused;
        for (int b = 0; b < Batch && fused; b++) fused = PrepareFloat(h[b], w, b);
        if (!fused)
        {
            for (int b = 0; b < Batch; b++) best[b] = Values(h[b], home[b], movingCost[b], values[(b * stride)..], w, out reference[b]);
            return;
        }
        FusedBatch(home, movingCost, values, stride, best, w);
        w.Reference.AsSpan(0, Batch).CopyTo(reference);
    }

    /// <summary>
    /// Household h's numbers for the float kernel in slot b of <paramref name="w"/>: θ in row order (fast goods, then targeted),
    /// the targeted goods' per-provider terms, 1/y, persons/y, 1 − α, the floor share and the reference, each computed in double
    /// and rounded once. False (nothing usable) without a positive income, where consumption relative to income means nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot from the first year: no slow tier-0 code
    private bool PrepareFloat(int h, Workspace w, int b)
    {
        var s = _s;
        double y = s.Income[h];
        if (!(y > 0 && double.IsFinite(y))) return false;
        int G = s.G, J = _paddedJ, F = _fastGoods.Length, T = _targetedGoods.Length;
        var scratch = w.Scratch.AsSpan(0, G);
        Thetas(h, scratch);
        double alpha = s.Households.PublicShare[h], reference = (1 - alpha) * Math.Log(y);
        var theta = w.Theta.AsSpan(b * G, G);
        for (int k = 0; k < F + T; k++)
        {
            double th = scratch[k < F ? _fastGoods[k] : _targetedGoods[k - F]];
            theta[k] = (float)th;
            reference += th * _rowReference[k];
        }
        // θ_t·ln f(h, j) of the targeted goods, eight providers at a time (f ≤ 0 gives −∞, as ln does; f is never subnormal).
        var need = Vector256.Create((float)s.Households.Need[h]);
        var terms = w.Terms.AsSpan(b * G * J, T * J);
        for (int t = 0; t < T; t++)
        {
            var th = Vector256.Create(theta[F + t]);
            for (int j = 0; j < J; j += Lanes)
            {
                var f = Vector256.FusedMultiplyAdd(Vector256.Create<float>(_targetB.AsSpan(t * J + j)), need, Vector256.Create<float>(_targetA.AsSpan(t * J + j)));
                var log = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(f, Vector256.Create(ConsumptionLog.MinNormalF)),
                    ConsumptionLog.LogNormal(f), Vector256.Create(float.NegativeInfinity));
                (th * log).CopyTo(terms[(t * J + j)..]);
            }
        }
        w.InvIncome[b] = (float)(1 / y);
        w.PersonsPerIncome[b] = (float)(s.Households.Persons[h] / y);
        w.Weight[b] = (float)(1 - alpha);
        w.Floor[b] = Math.Max((float)s.Scenario.Utility.ConsumptionFloor, ConsumptionLog.MinNormalF);
        w.Reference[b] = reference;
        return true;
    }

    /// <summary>
    /// The double path for the cases the float kernel does not cover: U_hi − max_i U_hi rounded to float (−∞ past N), and the
    /// largest value net of the moving cost, as the float kernel defines it.
    /// </summary>
    private float ExactFloat(int h, int home, float movingCost, Span<float> values, Workspace w, out double reference)
    {
        int N = _s.N;
        var exact = w.Exact.AsSpan(0, N);
        Exact(h, exact, w.Scratch);
        reference = double.NegativeInfinity;
        foreach (double v in exact) if (v > reference) reference = v;
        if (!double.IsFinite(reference)) reference = 0;
        for (int i = 0; i < N; i++) values[i] = (float)(exact[i] - reference);
        values[N..].Fill(float.NegativeInfinity);
        return Best(home, movingCost, values);
    }

    /// <summary>max(values[home], max_i (values[i] − cost)) (home −1: none), the largest value net of the moving cost.</summary>
    internal static float Best(int home, float cost, ReadOnlySpan<float> values)
    {
        var vc = Vector256.Create(cost);
        var best = Vector256.Create(float.NegativeInfinity);
        int i = 0;
        for (; i <= values.Length - Lanes; i += Lanes) best = Max(best, Vector256.Create<float>(values[i..]) - vc);
        float max = Largest(best);
        for (; i < values.Length; i++) max = Math.Max(max, values[i] - cost);
        return home >= 0 ? Math.Max(max, values[home]) : max;
    }

    /// <summary>The largest lane, in a fixed order.</summary>
    private static float Largest(Vector256<float> v)
    {
        float max = v[0];
        for (int k = 1; k < Lanes; k++) max = Math.Max(max, v[k]);
        return max;
    }

    /// <summary>a where a &gt; b, else b (vmaxps: the same in every form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Max(Vector256<float> a, Vector256<float> b) =>
        Avx.IsSupported ? Avx.Max(a, b) : Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    /// <summary>
    /// The float kernel for one household (slot 0 of <paramref name="w"/>), one pass of eight-lane vectors: the service sum
    /// Σ_k θ_k·d_ik (+ the targeted term, gathered by provider), then <see cref="Value"/>. <see cref="FusedBatch"/> does the same
    /// operations in the same order for each of its households.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot from the first year: no slow tier-0 code
    private float Fused(Workspace w, int home, float movingCost, Span<float> values, ReadOnlySpan<float> theta, ReadOnlySpan<float> terms)
    {
        int P = _padded, J = _paddedJ, F = _fastGoods.Length, T = _targetedGoods.Length;
        var vInv = Vector256.Create(w.InvIncome[0]);
        var vPer = Vector256.Create(w.PersonsPerIncome[0]);
        var vWeight = Vector256.Create(w.Weight[0]);
        var vFloor = Vector256.Create(w.Floor[0]);
        var vc = Vector256.Create(movingCost);
        var best = Vector256.Create(float.NegativeInfinity);
        // The hot loop reads through references (no bounds checks): every row has P entries.
        ref float rows = ref MemoryMarshal.GetArrayDataReference(_rowsF);
        ref int providers = ref MemoryMarshal.GetArrayDataReference(_providerFlat);
        ref float weights = ref MemoryMarshal.GetReference(theta);
        ref float termBase = ref MemoryMarshal.GetReference(terms);
        ref float output = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < P; i += Lanes)
        {
            nuint at = (nuint)i;
            var sum = Vector256<float>.Zero;
            ref float row = ref Unsafe.Add(ref rows, i);
            for (int k = 0; k < F; k++, row = ref Unsafe.Add(ref row, P))
                sum = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref weights, k)), Vector256.LoadUnsafe(ref row), sum);
            ref int p = ref Unsafe.Add(ref providers, i);
            ref float term = ref termBase;
            for (int t = 0; t < T; t++, row = ref Unsafe.Add(ref row, P), p = ref Unsafe.Add(ref p, P), term = ref Unsafe.Add(ref term, J))
                sum = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref weights, F + t)), Vector256.LoadUnsafe(ref row), sum)
                      + Vector256.Create(Unsafe.Add(ref term, p), Unsafe.Add(ref term, Unsafe.Add(ref p, 1)), Unsafe.Add(ref term, Unsafe.Add(ref p, 2)),
                          Unsafe.Add(ref term, Unsafe.Add(ref p, 3)), Unsafe.Add(ref term, Unsafe.Add(ref p, 4)), Unsafe.Add(ref term, Unsafe.Add(ref p, 5)),
                          Unsafe.Add(ref term, Unsafe.Add(ref p, 6)), Unsafe.Add(ref term, Unsafe.Add(ref p, 7)));
            var v = Value(at, sum, vInv, vPer, vWeight, vFloor);
            best = Max(best, v - vc);
            v.StoreUnsafe(ref output, at);
        }
        float max = Largest(best);
        return home >= 0 ? Math.Max(max, values[home]) : max;
    }

    /// <summary>
    /// (1 − α)·ln max(c_i/y, floor) + services + closed_i for the eight neighborhoods at <paramref name="at"/>, with
    /// c_i/y = keep_i − fixed_i·(1/y) − perPerson_i·(persons/y) by two fused multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Value(nuint at, Vector256<float> services, Vector256<float> invIncome, Vector256<float> personsPerIncome,
        Vector256<float> weight, Vector256<float> floor)
    {
        var c = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_negFixedF), at), invIncome,
            Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_keepF), at));
        c = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_negPerPersonF), at), personsPerIncome, c);
        return Vector256.FusedMultiplyAdd(weight, ConsumptionLog.LogNormal(Max(c, floor)), services)
               + Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_closedF), at);
    }

    /// <summary>
    /// <see cref="Fused"/> for <see cref="Batch"/> households (slots 0..3 of <paramref name="w"/>): a first pass forms all four
    /// service sums, each row and provider index loaded once for all of them; the targeted goods' terms are stored
    /// household-minor, so that the providers of a vector of neighborhoods give eight 4-float loads whose transpose is every
    /// household's gathered term. A second pass per household adds the consumption term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot from the first year: no slow tier-0 code
    private void FusedBatch(ReadOnlySpan<int> home, ReadOnlySpan<float> movingCost, Span<float> values, int stride, Span<float> best, Workspace w)
    {
        const int B = Batch;
        int P = _padded, G = _s.G, J = _paddedJ, F = _fastGoods.Length, T = _targetedGoods.Length;
        var thetaMinor = w.ThetaMinor;
        var termMinor = w.TermMinor;
        for (int b = 0; b < B; b++)
        {
            for (int k = 0; k < F + T; k++) thetaMinor[k * B + b] = w.Theta[b * G + k];
            var terms = w.Terms.AsSpan(b * G * J, T * J);
            for (int k = 0; k < terms.Length; k++) termMinor[k * B + b] = terms[k];
        }
        ref float rows = ref MemoryMarshal.GetArrayDataReference(_rowsF);
        ref int providers = ref MemoryMarshal.GetArrayDataReference(_providerFlat);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(thetaMinor);
        ref float termBase = ref MemoryMarshal.GetArrayDataReference(termMinor);
        ref float output = ref MemoryMarshal.GetReference(values);
        nuint row1 = (nuint)stride, row2 = (nuint)(2 * stride), row3 = (nuint)(3 * stride);
        for (int i = 0; i < P; i += Lanes)
        {
            nuint at = (nuint)i;
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            ref float row = ref Unsafe.Add(ref rows, i);
            ref float th = ref weights;
            for (int k = 0; k < F; k++, row = ref Unsafe.Add(ref row, P), th = ref Unsafe.Add(ref th, B))
            {
                var q = Vector256.LoadUnsafe(ref row);
                s0 = Vector256.FusedMultiplyAdd(Vector256.Create(th), q, s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 1)), q, s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 2)), q, s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 3)), q, s3);
            }
            ref int p = ref Unsafe.Add(ref providers, i);
            ref float term = ref termBase;
            for (int t = 0; t < T; t++, row = ref Unsafe.Add(ref row, P), th = ref Unsafe.Add(ref th, B), p = ref Unsafe.Add(ref p, P),
                term = ref Unsafe.Add(ref term, J * B))
            {
                var q = Vector256.LoadUnsafe(ref row);
                Gather(ref term, ref p, out var g0, out var g1, out var g2, out var g3);
                s0 = Vector256.FusedMultiplyAdd(Vector256.Create(th), q, s0) + g0;
                s1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 1)), q, s1) + g1;
                s2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 2)), q, s2) + g2;
                s3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref th, 3)), q, s3) + g3;
            }
            s0.StoreUnsafe(ref output, at);
            s1.StoreUnsafe(ref output, at + row1);
            s2.StoreUnsafe(ref output, at + row2);
            s3.StoreUnsafe(ref output, at + row3);
        }
        for (int b = 0; b < B; b++)
        {
            var own = values.Slice(b * stride, P);
            best[b] = Finish(w, b, home[b], movingCost[b], own);
        }
    }

    /// <summary>The second pass of <see cref="FusedBatch"/> for household b: values hold the service sums, and become
    /// <see cref="Value"/>; returns the largest net of the moving cost, as <see cref="Fused"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot from the first year: no slow tier-0 code
    private float Finish(Workspace w, int b, int home, float movingCost, Span<float> values)
    {
        var vInv = Vector256.Create(w.InvIncome[b]);
        var vPer = Vector256.Create(w.PersonsPerIncome[b]);
        var vWeight = Vector256.Create(w.Weight[b]);
        var vFloor = Vector256.Create(w.Floor[b]);
        var vc = Vector256.Create(movingCost);
        var best = Vector256.Create(float.NegativeInfinity);
        ref float output = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < _padded; i += Lanes)
        {
            nuint at = (nuint)i;
            var v = Value(at, Vector256.LoadUnsafe(ref output, at), vInv, vPer, vWeight, vFloor);
            best = Max(best, v - vc);
            v.StoreUnsafe(ref output, at);
        }
        float max = Largest(best);
        return home >= 0 ? Math.Max(max, values[home]) : max;
    }

    /// <summary>
    /// The targeted terms of the eight neighborhoods whose providers start at <paramref name="p"/>, for the four households of a
    /// batch: term holds [j·4 + b], so provider p_k's four households are one 128-bit load; neighborhoods k and k + 4 share a
    /// 256-bit register, and a 4×4 transpose within each half gives household b's eight terms in gb.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(ref float term, ref int p, out Vector256<float> g0, out Vector256<float> g1, out Vector256<float> g2,
        out Vector256<float> g3)
    {
        var r0 = Vector256.Create(Vector128.LoadUnsafe(ref term, (nuint)p * Batch), Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 4) * Batch));
        var r1 = Vector256.Create(Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 1) * Batch), Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 5) * Batch));
        var r2 = Vector256.Create(Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 2) * Batch), Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 6) * Batch));
        var r3 = Vector256.Create(Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 3) * Batch), Vector128.LoadUnsafe(ref term, (nuint)Unsafe.Add(ref p, 7) * Batch));
        if (Avx.IsSupported)
        {
            var t0 = Avx.UnpackLow(r0, r1);    // r0[0] r1[0] r0[1] r1[1] in each half
            var t1 = Avx.UnpackHigh(r0, r1);   // r0[2] r1[2] r0[3] r1[3]
            var t2 = Avx.UnpackLow(r2, r3);
            var t3 = Avx.UnpackHigh(r2, r3);
            g0 = Avx.Shuffle(t0, t2, 0x44);    // r0[0] r1[0] r2[0] r3[0]
            g1 = Avx.Shuffle(t0, t2, 0xEE);
            g2 = Avx.Shuffle(t1, t3, 0x44);
            g3 = Avx.Shuffle(t1, t3, 0xEE);
            return;
        }
        g0 = Vector256.Create(r0[0], r1[0], r2[0], r3[0], r0[4], r1[4], r2[4], r3[4]);
        g1 = Vector256.Create(r0[1], r1[1], r2[1], r3[1], r0[5], r1[5], r2[5], r3[5]);
        g2 = Vector256.Create(r0[2], r1[2], r2[2], r3[2], r0[6], r1[6], r2[6], r3[6]);
        g3 = Vector256.Create(r0[3], r1[3], r2[3], r3[3], r0[7], r1[7], r2[7], r3[7]);
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
            for (int i = 0; i < N; i++) values[i] += th * _logFlat[(F + t) * N + i] + term[_providerFlat[t * _padded + i]];
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

}
