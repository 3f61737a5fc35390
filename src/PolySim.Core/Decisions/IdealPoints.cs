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
/// logarithm, and its demand slope at e₀ is −a·gain. Other shapes (benefit share, quadratic) go through
/// <see cref="HouseholdMargin"/> itself.
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
    public static void Fill(StructureState s, int i, ReadOnlySpan<int> goods, MarginContext[] contexts, int start,
        double[][] valuesByGood, double[] baseWeights, Span<double> demand)
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
                Kind = c.IsEnforcement ? Kind.Enforcement : c.IsBenefitShare || c.IsQuadratic ? Kind.Other : Kind.LogBenefit,
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
        var outputs = new double[count][];
        for (int x = 0; x < count; x++) outputs[x] = valuesByGood[goods[x]];
        bool withDemand = !demand.IsEmpty;
        double floorRate = contexts[0].ConsumptionFloor;
        for (int h = hh.Start[i], p = start; h < hh.Start[i + 1]; h++, p++)
        {
            double weight = hh.Weight[h], persons = hh.Persons[h], taxable = s.TaxableAmount[h], consumption = s.Consumption[h];
            double cw = 1 - hh.PublicShare[h], need = hh.Need[h];
            baseWeights[p] = weight * persons;
            // Money value of a unit of utility at q₀ (consumption floored as in HouseholdMargin) and its slope's factor.
            double money = 0, moneyFactor = 0;
            if (withDemand)
            {
                double floor = floorRate * s.Income[h];
                money = quasiLinear ? 1 : Math.Max(consumption, floor) / cw;
                moneyFactor = quasiLinear || consumption <= floor ? 0 : 1 / cw;
            }
            int row = h * G;
            for (int x = 0; x < count; x++)
            {
                ref readonly var t = ref shared[x];
                double rawTheta = hh.Theta[row + goods[x]];
                double tau = t.PerTaxable * taxable + t.PerPerson * persons;
                double mc = Math.Max(tau, 1e-300);
                if (t.Kind == Kind.Enforcement)
                {
                    // The level where the damage avoided at the margin, gain·e^(−a(e − e₀)), equals the tax price.
                    double gain = t.GainPerPerson * persons, e = gain <= 0 ? 0 : t.Current + Math.Log(gain / mc) / t.Decay;
                    outputs[x][p] = double.IsFinite(e) ? Math.Max(0, e) : 0;
                    if (!withDemand) continue;
                    demand[2 * x] += weight * mc;
                    demand[2 * x + 1] -= weight * t.Decay * gain;
                    continue;
                }
                if (t.Kind == Kind.Other)
                {
                    var margin = HouseholdMargin.Of(contexts[x], local[x], HouseholdTerms.Of(s, h), rawTheta);
                    outputs[x][p] = margin.Ideal();
                    if (!withDemand) continue;
                    demand[2 * x] += weight * margin.MarginalCost;
                    demand[2 * x + 1] += weight * margin.WillingnessToPaySlope(t.Current);
                    continue;
                }
                double theta = rawTheta * (t.NeedConstant + t.NeedSlope * need);
                double q = 0;
                if (t.Reaches)
                {
                    q = quasiLinear
                        ? theta / mc - t.OutsidePerM
                        : (theta * (consumption + tau * t.Current) - cw * mc * t.OutsidePerM) / (mc * (theta + cw));
                    q = double.IsFinite(q) ? Math.Max(0, q) : 0;
                }
                outputs[x][p] = q;
                if (!withDemand) continue;
                demand[2 * x] += weight * mc;
                demand[2 * x + 1] += weight * theta * t.MOverZ * (-t.MOverZ * money - mc * moneyFactor);
            }
        }
    }
}
