using System.Runtime.Intrinsics;
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

    /// <summary>
    /// <see cref="ServiceTerms(StructureState, int)"/> and <see cref="Of"/> of every household of neighborhood l into
    /// <see cref="StructureState.ServiceUtility"/> and <see cref="StructureState.Utility"/>: the same operations in the
    /// same order, with what each good contributes alike to every resident (its preference and targeting factors, its
    /// service, and ln Q of an untargeted log-benefit good) looked up once per neighborhood.
    /// </summary>
    /// <param name="s">The structure's state.</param>
    /// <param name="l">The neighborhood.</param>
    /// <param name="terms">Scratch of at least G entries.</param>
    public static void OfNeighborhood(StructureState s, int l, Span<BenefitTerm> terms)
    {
        var hh = s.Households;
        int G = s.G, count = 0;
        for (int g = 0; g < G; g++)
        {
            var good = s.Goods[g];
            if (good.Reduces is not null) continue;
            int j = s.Map.Provider(l, g);
            double t = s.Targeting(j, g), service = s.Service[l * G + g];
            bool targeted = !(t == 0 || s.NeedMean[j] <= 0);   // HouseholdMargin.TargetingFactor is 1 otherwise
            terms[count++] = !targeted && good.Benefit != BenefitForm.Quadratic
                ? BenefitTerm.Logarithm(good, g, Math.Log(Math.Max(service, ServiceFloor.Level)))
                : new BenefitTerm(good, g, service, targeted, t, s.NeedMean[j]);
        }
        var used = terms[..count];
        var settings = s.Scenario.Utility;
        double regionNeedMean = s.RegionNeedMean;
        var (theta, need, publicShare) = (hh.Theta, hh.Need, hh.PublicShare);
        var (serviceUtility, utility, income, consumption) = (s.ServiceUtility, s.Utility, s.Income, s.Consumption);
        int h = hh.Start[l], end = hh.Start[l + 1], lanes = Vector256<double>.Count;
        // Four households at a time, each lane with the scalar operations in the scalar order (logarithms one lane at a time).
        for (; h + lanes <= end; h += lanes)
        {
            var sum = SumOfFour(used, theta, need, h, G, regionNeedMean);
            sum.CopyTo(serviceUtility.AsSpan(h));
            for (int k = 0; k < lanes; k++)
                utility[h + k] = Of(settings, publicShare[h + k], income[h + k], consumption[h + k], sum.GetElement(k));
        }
        for (; h < end; h++)
        {
            double sum = Sum(used, theta, need, h, G, regionNeedMean);
            serviceUtility[h] = sum;
            utility[h] = Of(settings, publicShare[h], income[h], consumption[h], sum);
        }
    }

    /// <summary>Σ over <paramref name="terms"/> of household h's θ_hg·b(Q_hg), in order from 0 (<see cref="Theta"/>'s need ratio).</summary>
    /// <param name="terms">The goods' terms for h's neighborhood.</param>
    /// <param name="theta">Every household's θ, <paramref name="goods"/> a household.</param>
    /// <param name="need">Every household's need.</param>
    /// <param name="h">The household.</param>
    /// <param name="goods">G.</param>
    /// <param name="regionNeedMean">The region's mean need.</param>
    public static double Sum(ReadOnlySpan<BenefitTerm> terms, double[] theta, double[] need, int h, int goods, double regionNeedMean)
    {
        var row = theta.AsSpan(h * goods, goods);
        double needRatio = regionNeedMean > 0 ? need[h] / regionNeedMean : 1, sum = 0;
        foreach (ref readonly var term in terms) sum += term.Of(row, needRatio, need[h]);
        return sum;
    }

    /// <summary><see cref="Sum"/> of the four households from h on, lane by lane.</summary>
    /// <param name="terms">The goods' terms for their neighborhood.</param>
    /// <param name="theta">Every household's θ, <paramref name="goods"/> a household.</param>
    /// <param name="need">Every household's need.</param>
    /// <param name="h">The first household.</param>
    /// <param name="goods">G.</param>
    /// <param name="regionNeedMean">The region's mean need.</param>
    public static Vector256<double> SumOfFour(ReadOnlySpan<BenefitTerm> terms, double[] theta, double[] need, int h, int goods, double regionNeedMean)
    {
        var needs = Vector256.Create<double>(need.AsSpan(h));
        var ratio = regionNeedMean > 0 ? needs / Vector256.Create(regionNeedMean) : Vector256.Create(1.0);
        var sum = Vector256<double>.Zero;
        foreach (ref readonly var term in terms) sum += term.Of(theta, h, goods, ratio, needs);
        return sum;
    }

    /// <summary>
    /// One good's θ_hg·b(Q_hg) for the households of one neighborhood, with <see cref="Theta"/>'s and
    /// <see cref="Benefit"/>'s arithmetic: θ_hg = θ_h·((1 − ν) + ν·need) and Q_hg = Q·((1 − t) + t·n_h/n̄) if targeted, else
    /// Q (or a given ln Q).
    /// </summary>
    public readonly struct BenefitTerm
    {
        private readonly int _good;
        private readonly bool _hasLog, _targeted, _quadratic;
        private readonly double _keep, _sensitivity, _log, _service, _untargeted, _share, _needMean, _curvature;

        /// <summary>Good g at service Q, targeted with share t over mean need n̄ or not.</summary>
        public BenefitTerm(PublicGood good, int g, double service, bool targeted, double share, double needMean)
        {
            (_good, _keep, _sensitivity) = (g, 1 - good.NeedSensitivity, good.NeedSensitivity);
            (_service, _targeted, _untargeted, _share, _needMean) = (service, targeted, 1 - share, share, needMean);
            (_quadratic, _curvature) = (good.Benefit == BenefitForm.Quadratic, good.Curvature);
        }

        private BenefitTerm(PublicGood good, int g, double log)
        {
            (_good, _keep, _sensitivity) = (g, 1 - good.NeedSensitivity, good.NeedSensitivity);
            (_hasLog, _log) = (true, log);
        }

        /// <summary>A log-benefit good every household receives at the same Q, given ln max(Q, floor).</summary>
        public static BenefitTerm Logarithm(PublicGood good, int g, double log) => new(good, g, log);

        /// <summary>The term of a household with preference weights <paramref name="theta"/> and need n_h.</summary>
        /// <param name="theta">The household's θ_h of every good.</param>
        /// <param name="needRatio">n_h over the region's mean need (1 without need).</param>
        /// <param name="need">n_h.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public double Of(ReadOnlySpan<double> theta, double needRatio, double need)
        {
            double t = theta[_good] * (_keep + _sensitivity * needRatio);
            if (_hasLog) return t * _log;
            double q = _service * (_targeted ? _untargeted + _share * need / _needMean : 1);
            return _quadratic ? t * q - 0.5 * _curvature * q * q : t * Math.Log(Math.Max(q, ServiceFloor.Level));
        }

        /// <summary>The same for the four households from <paramref name="h"/> on, lane by lane.</summary>
        /// <param name="theta">Every household's θ, G a household.</param>
        /// <param name="h">The first of the four households.</param>
        /// <param name="goods">G.</param>
        /// <param name="needRatio">n_h over the region's mean need (1 without need), by lane.</param>
        /// <param name="need">n_h by lane.</param>
        public Vector256<double> Of(double[] theta, int h, int goods, Vector256<double> needRatio, Vector256<double> need)
        {
            int at = h * goods + _good;
            var weights = Vector256.Create(theta[at], theta[at + goods], theta[at + 2 * goods], theta[at + 3 * goods]);
            var t = weights * (Vector256.Create(_keep) + Vector256.Create(_sensitivity) * needRatio);
            if (_hasLog) return t * Vector256.Create(_log);
            var q = Vector256.Create(_service) * (_targeted
                ? Vector256.Create(_untargeted) + Vector256.Create(_share) * need / Vector256.Create(_needMean)
                : Vector256.Create(1.0));
            if (_quadratic) return t * q - Vector256.Create(0.5 * _curvature) * q * q;
            var log = Vector256.Create(Math.Log(Math.Max(q.GetElement(0), ServiceFloor.Level)), Math.Log(Math.Max(q.GetElement(1), ServiceFloor.Level)),
                Math.Log(Math.Max(q.GetElement(2), ServiceFloor.Level)), Math.Log(Math.Max(q.GetElement(3), ServiceFloor.Level)));
            return t * log;
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
