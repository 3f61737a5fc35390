using PolySim.Core.Goods;
using PolySim.Core.Services;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Decisions;

/// <summary>
/// Everything about a (jurisdiction, good) pair that the households' margins share in one iteration, computed once
/// so the per-household work is a few multiply-adds (see <see cref="HouseholdMargin"/>).
/// </summary>
public readonly record struct MarginContext(
    int Good,
    bool QuasiLinear,
    bool IsEnforcement,
    bool IsBenefitShare,
    bool IsQuadratic,
    double CostPerTaxable,
    double EmissionDamage,
    double DamageTimesDecay,
    double Decay,
    double Current,
    double NeedSensitivity,
    double Targeting,
    double NeedMean,
    double Curvature,
    double ConsumptionFloor,
    bool Credited = false)
{
    /// <summary>
    /// τ_h = CostPerTaxable·taxable_h + EmissionDamage·persons·reach: CostPerTaxable = UnitCost·Σ pop^γ·(1 − σ)/Base
    /// (+ Pigouvian rate·ε·pop_j/Base for emitting goods); Base is the rate base (a guaranteed base lowers the price).
    /// Credited: j is its residents' lowest tier and its taxes earn the federal income tax credit.
    /// </summary>
    public static MarginContext Create(StructureState s, int j, int g)
    {
        var good = s.Goods[g];
        int jg = j * s.G + g;
        double baseTotal = s.RateBase(j);
        double perTaxable = baseTotal > 0
            ? s.UnitCost[jg] * s.UnitsPerLevel[jg] * (1 - s.Finance.MatchingRates.GetValueOrDefault(good.Id)) / baseTotal
            : 0;
        double emissionDamage = 0, damageTimesDecay = 0, decay = 0;
        if (good.EmitsBad is { } emitted)
        {
            var bad = s.Bads[ServiceDelivery.IndexOfBad(s, emitted)];
            if (baseTotal > 0) perTaxable += s.Finance.PigouvianRates.GetValueOrDefault(emitted) * good.Emission * s.Population[j] / baseTotal;
            emissionDamage = bad.DamagePerUnit * good.Emission;
        }
        if (good.Reduces is { } reduced)
        {
            var bad = s.Bads[ServiceDelivery.IndexOfBad(s, reduced)];
            decay = bad.Eta(s.Population[j]) * bad.Effectiveness;
            damageTimesDecay = bad.DamagePerUnit * decay;
        }
        double targeting = s.NeedMean[j] > 0 ? s.Targeting(j, g) : 0;
        return new MarginContext(g, s.Scenario.Utility.Consumption == ConsumptionForm.QuasiLinear, good.Reduces is not null,
            s.GoodKernels[g].Form == SpilloverForm.BenefitShare, good.Benefit == BenefitForm.Quadratic, perTaxable, emissionDamage,
            damageTimesDecay, decay, s.Level[jg], good.NeedSensitivity, targeting, s.NeedMean[j], good.Curvature, s.Scenario.Utility.ConsumptionFloor,
            s.Finance.Credit is not null && s.Map.Jurisdictions[j].Members.Count > 0 && s.Map.Lowest[s.Map.Jurisdictions[j].Members[0]] == j);
    }
}
