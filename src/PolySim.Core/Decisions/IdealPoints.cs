using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PolySim.Core.Finance;
using PolySim.Core.Services;
using PolySim.Core.Simulation;

namespace PolySim.Core.Decisions;

/// <summary>
/// The hot loop of the decision fixed point: every household's ideal level of every good its jurisdiction provides,
/// for one neighborhood, and (for Niskanen bureaus) the demand sums Σ weight·τ_h and Σ weight·dWTP_h/dq.
/// </summary>
/// <remarks>
/// Log-benefit goods (the common case) use <see cref="HouseholdMargin"/>'s closed form rearranged so that everything
/// shared by the neighborhood is computed once: with τ = a·taxable + b·persons, W = c + τ·q₀ and S/m hoisted,
/// q = (θW − (1 − α)·τ·S/m) / (τ(θ + 1 − α)) costs one division per household and good, and the demand slope at q₀,
/// θ·(m/z)·(−(m/z)·money + money′) with z = m·q₀ + S, none beyond 1/(1 − α) per household. Enforcement needs one
/// logarithm, and its demand slope at e₀ is −a·gain. Other shapes (benefit share, quadratic, and any good of a
/// jurisdiction whose taxes earn the income tax credit) go through <see cref="HouseholdMargin"/> itself.
/// </remarks>
internal static class IdealPoints
{
    /// <summary>What one (good, neighborhood) shares in the log-benefit closed form.</summary>
    private struct Shared
    {
        public Kind Kind;
        public bool Reaches;
        public double PerTaxable, PerPerson, OutsidePerM, MOverZ, Current, NeedConstant, NeedSlope, GainPerPerson, Decay;
    }

    private enum Kind : byte { LogBenefit, Enforcement, Other }

    /// <summary>
    /// Writes the ideal points of neighborhood <paramref name="i"/>'s households to <paramref name="valuesByGood"/>[g]
    /// from position <paramref name="start"/>, their weights (households × persons) to <paramref name="baseWeights"/>,
    /// and, when <paramref name="demand"/> is not empty, adds Σ w·τ and Σ w·dWTP/dq per good to demand[2x], demand[2x + 1].
    /// </summary>
    /// <param name="bands">Per good (null: none), the band to add this neighborhood's ideal points to, block by block
    /// while they are in cache (the electorate's median is then selected from the bands, not from another pass).</param>
    /// <param name="pass">Whether to write the weights (they change only between years) and whether to derive consumption
    /// from the household's fixed columns instead of reading it (see <see cref="Pass"/>).</param>
    public static void Fill(StructureState s, int i, ReadOnlySpan<int> goods, MarginContext[] contexts, int start,
        double[][] valuesByGood, double[] baseWeights, Span<double> demand, MedianBand?[]? bands = null, Pass pass = Pass.Full)
    {
        var hh = s.Households;
        int count = goods.Length, G = s.G;
        Span<NeighborhoodTerms> local = stackalloc NeighborhoodTerms[count];
        Span<Shared> shared = stackalloc Shared[count];
        bool quasiLinear = contexts[0].QuasiLinear;
        for (int x = 0; x < count; x++)
        {
            ref readonly var c = ref contexts[x];
            var n = local[x] = NeighborhoodTerms.Of(c, s, i);
            double needSlope = s.RegionNeedMean > 0 ? c.NeedSensitivity / s.RegionNeedMean : 0;
            shared[x] = new Shared
            {
                // A credited jurisdiction's households have a kinked tax price (the income tax credit): the general path.
                Kind = c.IsEnforcement ? Kind.Enforcement : c.IsBenefitShare || c.IsQuadratic || c.Credited ? Kind.Other : Kind.LogBenefit,
                Reaches = n.Multiplier > 0,
                PerTaxable = c.CostPerTaxable,
                PerPerson = c.EmissionDamage * n.Reach,
                OutsidePerM = n.Multiplier > 0 ? n.Outside / n.Multiplier : 0,
                MOverZ = n.Multiplier / Math.Max(n.Multiplier * c.Current + n.Outside, ServiceFloor.Level),
                Current = c.Current,
                NeedConstant = 1 - c.NeedSensitivity + (s.RegionNeedMean > 0 ? 0 : c.NeedSensitivity),
                NeedSlope = needSlope,
                GainPerPerson = c.DamageTimesDecay * n.Reach,
                Decay = c.Decay,
            };
        }
        bool withDemand = !demand.IsEmpty;
        double floorRate = contexts[0].ConsumptionFloor;
        int first = hh.Start[i], end = hh.Start[i + 1], households = end - first;
        bool householdMajor = false;
        for (int x = 0; x < count; x++) householdMajor |= shared[x].Kind == Kind.Other;
        bool derive = (pass & Pass.DeriveConsumption) != 0;
        if (derive && householdMajor) throw new InvalidOperationException("Consumption can only be derived for log-benefit and enforcement goods.");
        var outputs = new double[count][];
        for (int x = 0; x < count; x++) outputs[x] = valuesByGood[goods[x]];
        if (!householdMajor && (pass & Pass.KeepWeights) == 0)
            for (int h = first, p = start; h < end; h++, p++) baseWeights[p] = hh.Weight[h] * hh.Persons[h];
        // Household-major for the shapes that need more than arithmetic (their data stays in cache across goods).
        for (int h = first, p = start; h < end && householdMajor; h++, p++)
        {
            double weight = hh.Weight[h];
            baseWeights[p] = weight * hh.Persons[h];
            for (int x = 0; x < count; x++)
            {
                if (shared[x].Kind != Kind.Other) continue;
                var margin = HouseholdMargin.Of(contexts[x], local[x], HouseholdTerms.Of(s, h), hh.Theta[h * G + goods[x]]);
                outputs[x][p] = margin.Ideal();
                if (!withDemand) continue;
                demand[2 * x] += weight * margin.MarginalCost;
                demand[2 * x + 1] += weight * margin.WillingnessToPaySlope(shared[x].Current);
            }
        }
        for (int x = 0; x < count; x++)
        {
            if (shared[x].Kind != Kind.Enforcement) continue;
            var (cost, slope) = Enforcement(hh.Weight, hh.Persons, s.TaxableAmount, shared[x], first, end, outputs[x].AsSpan(start, households), withDemand);
            if (!withDemand) continue;
            demand[2 * x] += cost;
            demand[2 * x + 1] += slope;
        }
        // Vectorized for the log-benefit closed form: four households at a time, every good while their columns are in
        // registers; blocks of households end with their ideal points added to the bands while still in cache.
        var terms = new Columns(hh.Weight, hh.Persons, s.TaxableAmount, s.Consumption, hh.PublicShare, hh.Need, s.Income, hh.Theta, G, floorRate, quasiLinear,
            derive ? new DerivedConsumption(s.Scenario.Utility.PolicyDistanceCost == 0 ? null : s.PolicyCost, Rates(s, i), PublicAccounts.ChargesOf(s, i)) : null);
        int lanes = Vector256<double>.Count, vectorEnd = first + households / lanes * lanes;
        Span<Vector256<double>> costs = stackalloc Vector256<double>[count], slopes = stackalloc Vector256<double>[count];
        costs.Clear();
        slopes.Clear();
        Span<bool> active = stackalloc bool[count];
        bool anyActive = false;
        for (int x = 0; x < count; x++)
        {
            active[x] = shared[x].Kind == Kind.LogBenefit && (shared[x].Reaches || withDemand);
            anyActive |= active[x];
            if (shared[x].Kind == Kind.LogBenefit && !shared[x].Reaches) outputs[x].AsSpan(start, households).Clear();
        }
        for (int block = first; block < vectorEnd; block += BlockSize)
        {
            int blockEnd = Math.Min(block + BlockSize, vectorEnd);
            if (anyActive)
                LogBenefitVectors(terms, shared, goods, active, block, blockEnd, outputs, start - first, withDemand, costs, slopes);
            AddToBands(bands, outputs, baseWeights, start - first, block, blockEnd - block);
        }
        for (int x = 0; x < count; x++)
        {
            if (!active[x]) continue;
            var (cost, slope) = LogBenefitTail(terms, shared[x], goods[x], vectorEnd, end, outputs[x].AsSpan(start + vectorEnd - first, end - vectorEnd), withDemand,
                Vector256.Sum(costs[x]), Vector256.Sum(slopes[x]));
            if (!withDemand) continue;
            demand[2 * x] += cost;
            demand[2 * x + 1] += slope;
        }
        AddToBands(bands, outputs, baseWeights, start - first, vectorEnd, end - vectorEnd);
    }

    /// <summary>
    /// Adds households [from, from + length) of every good's ideal points (at outputs[x][offset + h]) with their weights (at
    /// baseWeights[offset + h]) to the good's band, if it has one.
    /// </summary>
    private static void AddToBands(MedianBand?[]? bands, double[][] outputs, double[] baseWeights, int offset, int from, int length)
    {
        if (bands is null || length == 0) return;
        for (int x = 0; x < bands.Length; x++) bands[x]?.Add(outputs[x].AsSpan(offset + from, length), baseWeights.AsSpan(offset + from, length));
    }

    /// <summary>
    /// Enforcement ideal points of households [first, end) into <paramref name="output"/>[h − first]: the level where the
    /// damage avoided at the margin, gain·e^(−a(e − e₀)), equals the tax price. The level depends on (persons, taxable)
    /// only, which households of a neighborhood often share (persons by group, a property tax's dwelling value by
    /// neighborhood): the last few pairs' levels are reused. Returns the demand sums Σ w·τ and Σ w·dWTP/dq (= −a·gain
    /// at e₀), added in household order.
    /// </summary>
    private static (double Cost, double Slope) Enforcement(double[] weights, double[] personsOf, double[] taxableOf, in Shared t, int first, int end,
        Span<double> output, bool withDemand)
    {
        // Four households at a time compare their pairs with every remembered one and blend in the levels; a vector with
        // a pair not remembered (the first households of each size, mostly) goes household by household.
        Span<double> seenPersons = stackalloc double[EnforcementMemory], seenTaxable = stackalloc double[EnforcementMemory];
        Span<double> seenLevel = stackalloc double[EnforcementMemory];
        seenPersons.Fill(double.NaN);
        seenTaxable.Fill(double.NaN);
        int next = 0, lanes = Vector256<double>.Count, h = first;
        double cost = 0, slope = 0;
        for (; h <= end - lanes; h += lanes)
        {
            var persons = Vector256.Create<double>(personsOf.AsSpan(h));
            var taxable = Vector256.Create<double>(taxableOf.AsSpan(h));
            Vector256<double> level = Vector256<double>.Zero, found = Vector256<double>.Zero;
            for (int k = 0; k < EnforcementMemory; k++)
            {
                var same = Vector256.Equals(persons, Vector256.Create(seenPersons[k])) & Vector256.Equals(taxable, Vector256.Create(seenTaxable[k]));
                level = Vector256.ConditionalSelect(same, Vector256.Create(seenLevel[k]), level);
                found |= same;
            }
            if (found.ExtractMostSignificantBits() != (1u << lanes) - 1)
            {
                EnforcementOneByOne(weights, personsOf, taxableOf, t, h, h + lanes, output[(h - first)..], withDemand, seenPersons, seenTaxable, seenLevel,
                    ref next, ref cost, ref slope);
                continue;
            }
            level.CopyTo(output[(h - first)..]);
            if (!withDemand) continue;
            // Each lane's operations are those of EnforcementOneByOne; the sums are added in household order.
            var mc = Vector256.Max(t.PerTaxable * taxable + t.PerPerson * persons, Vector256.Create(1e-300));
            var w = Vector256.Create<double>(weights.AsSpan(h));
            var costs = w * mc;
            var slopes = w * t.Decay * (t.GainPerPerson * persons);
            cost += costs[0]; cost += costs[1]; cost += costs[2]; cost += costs[3];
            slope -= slopes[0]; slope -= slopes[1]; slope -= slopes[2]; slope -= slopes[3];
        }
        EnforcementOneByOne(weights, personsOf, taxableOf, t, h, end, output[(h - first)..], withDemand, seenPersons, seenTaxable, seenLevel,
            ref next, ref cost, ref slope);
        return (cost, slope);
    }

    /// <summary>
    /// Households [from, to) of <see cref="Enforcement"/> one by one into output[h − from], remembering each new pair's
    /// level in slot <paramref name="next"/> (round robin), and continuing the demand sums.
    /// </summary>
    private static void EnforcementOneByOne(double[] weights, double[] personsOf, double[] taxableOf, in Shared t, int from, int to, Span<double> output,
        bool withDemand, Span<double> seenPersons, Span<double> seenTaxable, Span<double> seenLevel, ref int next, ref double cost, ref double slope)
    {
        for (int h = from; h < to; h++)
        {
            double persons = personsOf[h], taxable = taxableOf[h];
            double mc = Math.Max(t.PerTaxable * taxable + t.PerPerson * persons, 1e-300);
            double gain = t.GainPerPerson * persons;
            int seen = 0;
            while (seen < EnforcementMemory && !(seenPersons[seen] == persons && seenTaxable[seen] == taxable)) seen++;
            if (seen == EnforcementMemory)
            {
                double e = gain <= 0 ? 0 : t.Current + Math.Log(gain / mc) / t.Decay;
                seen = next;
                next = (next + 1) % EnforcementMemory;
                seenPersons[seen] = persons;
                seenTaxable[seen] = taxable;
                seenLevel[seen] = double.IsFinite(e) ? Math.Max(0, e) : 0;
            }
            output[h - from] = seenLevel[seen];
            if (!withDemand) continue;
            cost += weights[h] * mc;
            slope -= weights[h] * t.Decay * gain;
        }
    }

    /// <summary>(persons, taxable) pairs whose enforcement level is remembered per good within a neighborhood.</summary>
    private const int EnforcementMemory = 4;

    /// <summary>Households per block of the log-benefit pass (a multiple of any vector width).</summary>
    private const int BlockSize = 128;

    /// <summary>What a pass over a neighborhood's households may leave out.</summary>
    [Flags]
    public enum Pass
    {
        /// <summary>Write the weights and read consumption.</summary>
        Full = 0,
        /// <summary>The weights written by an earlier pass this year are still valid.</summary>
        KeepWeights = 1,
        /// <summary>
        /// Consumption is not written this iteration (<see cref="PublicAccounts.ConsumptionIsSimple"/>): derive it from income,
        /// taxable amount, persons, policy cost and the neighborhood's rates and charges, by PublicAccounts' operations.
        /// </summary>
        DeriveConsumption = 2,
    }

    /// <summary>The household columns the log-benefit form reads.</summary>
    private readonly record struct Columns(double[] Weight, double[] Persons, double[] Taxable, double[] Consumption, double[] PublicShare,
        double[] Need, double[] Income, double[] Theta, int Goods, double FloorRate, bool QuasiLinear, DerivedConsumption? Derived);

    /// <summary>
    /// The neighborhood's terms of consumption, when it is derived rather than read (<see cref="Pass.DeriveConsumption"/>); no
    /// policy-cost column when policy distance costs nothing (the column is then +0 throughout, and c − 0 = c).
    /// </summary>
    private sealed record DerivedConsumption(double[]? PolicyCost, double[] Rates, PublicAccounts.Charges Charges);

    /// <summary>Tax rates of neighborhood i's jurisdictions, in the order PublicAccounts adds them.</summary>
    private static double[] Rates(StructureState s, int i)
    {
        var memberOf = s.Map.MemberOf[i];
        var rates = new double[memberOf.Count];
        for (int k = 0; k < rates.Length; k++) rates[k] = s.Rate[memberOf[k]];
        return rates;
    }

    /// <summary>
    /// Ideal points of households [from, to) (a whole number of vectors) for every active log-benefit good x into
    /// outputs[x][outputBase + h], and the demand sums (Σ w·τ, Σ w·dWTP/dq) added lane by lane to costs[x], slopes[x].
    /// Each lane's operations are those of <see cref="LogBenefitTail"/>.
    /// </summary>
    private static void LogBenefitVectors(in Columns c, ReadOnlySpan<Shared> shared, ReadOnlySpan<int> goods, ReadOnlySpan<bool> active,
        int from, int to, double[][] outputs, int outputBase, bool withDemand, Span<Vector256<double>> costs, Span<Vector256<double>> slopes)
    {
        int G = c.Goods, lanes = Vector256<double>.Count;
        // Preference weights are stored household by household (G per household): a 4 × 4 transpose turns four
        // households' rows into one vector per good.
        bool transpose = Avx.IsSupported && G % lanes == 0;
        Span<Vector256<double>> thetaByGood = stackalloc Vector256<double>[G];
        var one = Vector256<double>.One;
        var tiny = Vector256.Create(1e-300);
        ref double thetaRows = ref MemoryMarshal.GetArrayDataReference(c.Theta);
        for (int h = from; h < to; h += lanes)
        {
            if (transpose)
                for (int g = 0; g < G; g += lanes)
                {
                    var r0 = Vector256.LoadUnsafe(ref thetaRows, (nuint)(h * G + g));
                    var r1 = Vector256.LoadUnsafe(ref thetaRows, (nuint)((h + 1) * G + g));
                    var r2 = Vector256.LoadUnsafe(ref thetaRows, (nuint)((h + 2) * G + g));
                    var r3 = Vector256.LoadUnsafe(ref thetaRows, (nuint)((h + 3) * G + g));
                    var t0 = Avx.UnpackLow(r0, r1);
                    var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3);
                    var t3 = Avx.UnpackHigh(r2, r3);
                    thetaByGood[g] = Avx.Permute2x128(t0, t2, 0x20);
                    thetaByGood[g + 1] = Avx.Permute2x128(t1, t3, 0x20);
                    thetaByGood[g + 2] = Avx.Permute2x128(t0, t2, 0x31);
                    thetaByGood[g + 3] = Avx.Permute2x128(t1, t3, 0x31);
                }
            else
                for (int x = 0; x < goods.Length; x++)
                {
                    int at = h * G + goods[x];
                    thetaByGood[goods[x]] = Vector256.Create(c.Theta[at], c.Theta[at + G], c.Theta[at + 2 * G], c.Theta[at + 3 * G]);
                }
            var persons = Vector256.Create<double>(c.Persons.AsSpan(h));
            var taxable = Vector256.Create<double>(c.Taxable.AsSpan(h));
            var consumption = c.Derived is { } d
                ? PublicAccounts.Consumption(Vector256.Create<double>(c.Income.AsSpan(h)), taxable, persons,
                    d.PolicyCost is null ? Vector256<double>.Zero : Vector256.Create<double>(d.PolicyCost.AsSpan(h)),
                    d.Rates, d.Charges, out _)
                : Vector256.Create<double>(c.Consumption.AsSpan(h));
            var need = Vector256.Create<double>(c.Need.AsSpan(h));
            var cw = one - Vector256.Create<double>(c.PublicShare.AsSpan(h));
            // The money terms of the demand slope are the household's, the same for every good: max(c, floor)/(1 − α)
            // (1 if quasi-linear), and its factor 1/(1 − α) above the consumption floor (0 at or below it, and if quasi-linear).
            Vector256<double> weight = default, money = default, moneyFactor = default;
            if (withDemand)
            {
                weight = Vector256.Create<double>(c.Weight.AsSpan(h));
                var floor = c.FloorRate * Vector256.Create<double>(c.Income.AsSpan(h));
                money = c.QuasiLinear ? one : Vector256.Max(consumption, floor) / cw;
                moneyFactor = c.QuasiLinear ? Vector256<double>.Zero
                    : Vector256.ConditionalSelect(Vector256.LessThanOrEqual(consumption, floor), Vector256<double>.Zero, one / cw);
            }
            for (int x = 0; x < goods.Length; x++)
            {
                if (!active[x]) continue;
                ref readonly var t = ref shared[x];
                var tau = t.PerTaxable * taxable + t.PerPerson * persons;
                var mc = Vector256.Max(tau, tiny);
                var theta = thetaByGood[goods[x]] * (Vector256.Create(t.NeedConstant) + t.NeedSlope * need);
                if (t.Reaches)
                {
                    var q = c.QuasiLinear
                        ? theta / mc - Vector256.Create(t.OutsidePerM)
                        : (theta * (consumption + tau * t.Current) - cw * mc * t.OutsidePerM) / (mc * (theta + cw));
                    // Finite lanes have q − q = 0; the others (an overflow at a vanishing tax price) become 0.
                    q = Vector256.ConditionalSelect(Vector256.Equals(q - q, Vector256<double>.Zero), Vector256.Max(q, Vector256<double>.Zero), Vector256<double>.Zero);
                    q.CopyTo(outputs[x].AsSpan(outputBase + h));
                }
                if (!withDemand) continue;
                costs[x] += weight * mc;
                slopes[x] += weight * theta * t.MOverZ * (-t.MOverZ * money - mc * moneyFactor);
            }
        }
    }

    /// <summary>
    /// The households [from, end) after the last whole vector, one by one with the same arithmetic, into output[h − from]; returns the demand sums
    /// continued from the lanes' totals <paramref name="cost"/> and <paramref name="slope"/>.
    /// </summary>
    private static (double Cost, double Slope) LogBenefitTail(in Columns c, in Shared t, int good, int from, int end, Span<double> output, bool withDemand,
        double cost, double slope)
    {
        for (int h = from; h < end; h++)
        {
            double persons = c.Persons[h], cw = 1 - c.PublicShare[h];
            double consumption = c.Derived is { } d
                ? PublicAccounts.Consumption(c.Income[h], c.Taxable[h], persons, d.PolicyCost?[h] ?? 0, d.Rates, d.Charges)
                : c.Consumption[h];
            double tau = t.PerTaxable * c.Taxable[h] + t.PerPerson * persons;
            double mc = Math.Max(tau, 1e-300);
            double theta = c.Theta[h * c.Goods + good] * (t.NeedConstant + t.NeedSlope * c.Need[h]);
            if (t.Reaches)
            {
                double q = c.QuasiLinear
                    ? theta / mc - t.OutsidePerM
                    : (theta * (consumption + tau * t.Current) - cw * mc * t.OutsidePerM) / (mc * (theta + cw));
                output[h - from] = double.IsFinite(q) ? Math.Max(0, q) : 0;
            }
            if (!withDemand) continue;
            double floor = c.FloorRate * c.Income[h];
            double money = c.QuasiLinear ? 1 : Math.Max(consumption, floor) / cw;
            double moneyFactor = c.QuasiLinear || consumption <= floor ? 0 : 1 / cw;
            cost += c.Weight[h] * mc;
            slope += c.Weight[h] * theta * t.MOverZ * (-t.MOverZ * money - mc * moneyFactor);
        }
        return (cost, slope);
    }
}
