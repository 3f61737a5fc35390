using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Services;
using PolySim.Core.Simulation;

namespace PolySim.Core.Welfare;

/// <summary>
/// Household utility (MODEL.md section 2): U_h = (1 − α_h)·ln c_h + Σ_g θ_hg·b(Q_hg) (log form) or
/// U_h = c_h + Σ_g θ_hg·b(Q_hg) (quasi-linear), with travel, waiting and bad damage in money inside c_h.
/// </summary>
/// <remarks>
/// MODEL.md writes the damage D_h and consumer cost T_h as separate utility terms; we express both in money and
/// subtract them from consumption, so that utility has one unit and equivalent variation is exact.
/// θ_hg is need-adjusted: θ·(1 − ν_g + ν_g·n_h/n̄). Q_hg = f_h·Q_{l(h)g} with need targeting f_h.
/// </remarks>
public static class Utility
{
    /// <summary>Need-adjusted preference weight of household h for good g.</summary>
    public static double Theta(Households.Households hh, PublicGood good, int g, int h, double regionNeedMean)
    {
        double need = regionNeedMean > 0 ? hh.Need[h] / regionNeedMean : 1;
        return hh.ThetaOf(h, g) * (1 - good.NeedSensitivity + good.NeedSensitivity * need);
    }

    /// <summary>θ·b(Q): the utility from one good at effective service Q.</summary>
    public static double Benefit(PublicGood good, double theta, double q) => good.Benefit == BenefitForm.Quadratic
        ? theta * q - 0.5 * good.Curvature * q * q
        : theta * Math.Log(Math.Max(q, ServiceFloor.Level));

    /// <summary>Σ_g θ_hg·b(Q_hg) of household h under the structure's current services.</summary>
    public static double ServiceTerms(StructureState s, int h) => ServiceTerms(s, h, ReadOnlySpan<double>.Empty);

    /// <summary>
    /// The same sum, given <see cref="NeighborhoodLogService"/> of the household's neighborhood: a good every resident
    /// receives untargeted contributes θ·ln Q with the neighborhood's logarithm (the same number, taken once).
    /// </summary>
    public static double ServiceTerms(StructureState s, int h, ReadOnlySpan<double> logService)
    {
        int l = s.Households.Location[h];
        double sum = 0;
        for (int g = 0; g < s.G; g++)
        {
            var good = s.Goods[g];
            if (good.Reduces is not null) continue;
            double theta = Theta(s.Households, good, g, h, s.RegionNeedMean);
            if (!logService.IsEmpty && !double.IsNaN(logService[g])) { sum += theta * logService[g]; continue; }
            double q = s.Service[l * s.G + g] * HouseholdMargin.TargetingFactor(s, s.Map.Provider(l, g), g, h);
            sum += Benefit(good, theta, q);
        }
        return sum;
    }

    /// <summary>
    /// ln max(Q_lg, floor) of each log-benefit good that neighborhood l's provider does not target by need (NaN for the
    /// others), for <see cref="ServiceTerms(StructureState, int, ReadOnlySpan{double})"/>.
    /// </summary>
    public static void NeighborhoodLogService(StructureState s, int l, Span<double> logService)
    {
        for (int g = 0; g < s.G; g++)
        {
            int j = s.Map.Provider(l, g);
            bool untargeted = s.Targeting(j, g) == 0 || s.NeedMean[j] <= 0;
            logService[g] = untargeted && s.Goods[g].Benefit != BenefitForm.Quadratic && s.Goods[g].Reduces is null
                ? Math.Log(Math.Max(s.Service[l * s.G + g], ServiceFloor.Level)) : double.NaN;
        }
    }

    /// <summary>Utility at consumption c (floored at the scenario's share of income) and service terms.</summary>
    public static double Of(UtilitySettings settings, double alpha, double income, double consumption, double serviceTerms) =>
        settings.Consumption == ConsumptionForm.QuasiLinear
            ? consumption + serviceTerms
            : (1 - alpha) * Math.Log(Math.Max(consumption, settings.ConsumptionFloor * income)) + serviceTerms;

    /// <summary>
    /// Money value of one util for household h, fixed across structures so money-metric surplus is comparable:
    /// 1 (quasi-linear) or (y_h − housing_h)/(1 − α_h), the inverse marginal utility of money at pre-tax consumption.
    /// </summary>
    public static double MoneyPerUtil(UtilitySettings settings, double alpha, double income, double housing) =>
        settings.Consumption == ConsumptionForm.QuasiLinear ? 1 : Math.Max(income - housing, 1) / (1 - alpha);

    /// <summary>
    /// Equivalent variation of moving from the baseline (U_b, c_b) to utility U_s: the money that, added to the baseline,
    /// gives U_s. Log form: c_b·(exp((U_s − U_b)/(1 − α)) − 1); quasi-linear: U_s − U_b.
    /// </summary>
    public static double EquivalentVariation(UtilitySettings settings, double alpha, double income, double baselineConsumption,
        double baselineUtility, double utility)
    {
        if (settings.Consumption == ConsumptionForm.QuasiLinear) return utility - baselineUtility;
        double c = Math.Max(baselineConsumption, settings.ConsumptionFloor * income);
        double x = (utility - baselineUtility) / (1 - alpha);
        // No change (the baseline structure itself): ExpM1 of a zero of either sign is +0, without the exponential.
        return c * (x == 0 ? 0 : double.ExpM1(x));
    }
}
