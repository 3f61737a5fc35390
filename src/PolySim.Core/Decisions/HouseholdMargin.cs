using PolySim.Core.Goods;
using PolySim.Core.Services;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Decisions;

/// <summary>
/// What one household gains and pays at the margin when its jurisdiction raises the (uniform) level of one good,
/// holding everything else fixed: the basis of ideal points and of the planner's Samuelson condition.
/// </summary>
/// <remarks>
/// Tax price per unit level: τ_h = UnitCost_jg·Σ_{i∈j} pop_i^γ·(1 − σ_g)·taxable_h / Base_j (+ Pigouvian charge and own
/// damage for emitting goods). With c(q) = C − τq and Q(q) = m·q + S:
/// log consumption, log benefit: ideal q = (θC − (1 − α)τS/m) / (τ(θ + 1 − α));
/// quasi-linear, log benefit: q = θ/τ − S/m; quasi-linear, quadratic benefit θQ − (κ/2)Q² with Q = A q + B:
/// q = ((θ − τ/A)/κ − B)/A; benefit-share: q = θm′C/(τ(θm′ + 1 − α)) or θm′/τ;
/// enforcement against a bad with damage δ: the level where δ·persons·a·E·e^(−a(e − e₀)) = τ, a = η(n_j)κ.
/// </remarks>
public readonly struct HouseholdMargin
{
    private enum Shape : byte { LogAdditive, Quadratic, BenefitShare, Enforcement }

    private readonly Shape _shape;
    private readonly bool _quasiLinear;
    private readonly double _theta, _consumptionWeight, _wealth, _m, _outside, _curvature, _current, _gain, _decay, _floor;

    /// <summary>τ_h: the household's marginal money cost of one more unit of level.</summary>
    public double MarginalCost { get; }

    private HouseholdMargin(Shape shape, bool quasiLinear, double theta, double consumptionWeight, double marginalCost, double wealth,
        double m, double outside, double curvature, double current, double gain, double decay, double floor)
    {
        _shape = shape; _quasiLinear = quasiLinear; _theta = theta; _consumptionWeight = consumptionWeight;
        MarginalCost = Math.Max(marginalCost, 1e-300); _wealth = wealth; _m = m; _outside = outside; _curvature = curvature;
        _current = current; _gain = gain; _decay = decay; _floor = floor;
    }

    /// <summary>The margin of household <paramref name="h"/> for good <paramref name="g"/> provided by jurisdiction <paramref name="j"/>.</summary>
    public static HouseholdMargin Of(StructureState s, int j, int g, int h)
    {
        var hh = s.Households;
        var good = s.Goods[g];
        int l = hh.Location[h], G = s.G, jg = j * G + g, lg = l * G + g;
        bool quasiLinear = s.Scenario.Utility.Consumption == ConsumptionForm.QuasiLinear;
        double baseTotal = s.Base(j);
        double share = baseTotal > 0 ? s.Taxable(h) / baseTotal : 0;
        double persons = hh.Persons[h];
        double mc = s.UnitCost[jg] * s.UnitsPerLevel[jg] * (1 - s.Finance.MatchingRates.GetValueOrDefault(good.Id)) * share;
        double q0 = s.Level[jg];
        double floor = s.Scenario.Utility.ConsumptionFloor * s.Income[h];

        if (good.EmitsBad is { } emitted)
        {
            int b = ServiceDelivery.IndexOfBad(s, emitted);
            mc += s.Finance.PigouvianRates.GetValueOrDefault(emitted) * good.Emission * s.Population[j] * share;
            mc += s.Bads[b].DamagePerUnit * good.Emission * persons * s.EnforcementReach[lg];
        }
        if (good.Reduces is { } reduced)
        {
            var bad = s.Bads[ServiceDelivery.IndexOfBad(s, reduced)];
            double a = bad.Eta(s.Population[j]) * bad.Effectiveness;
            double gain = bad.DamagePerUnit * persons * a * s.EnforcementReach[lg];
            return new HouseholdMargin(Shape.Enforcement, quasiLinear, 0, 1, mc, 0, 0, 0, 0, q0, gain, a, floor);
        }

        double need = s.RegionNeedMean > 0 ? hh.Need[h] / s.RegionNeedMean : 1;
        double theta = hh.ThetaOf(h, g) * (1 - good.NeedSensitivity + good.NeedSensitivity * need);
        double weight = 1 - hh.PublicShare[h];
        double wealth = s.Consumption[h] + mc * q0;
        double m = s.OwnMultiplier[lg];
        if (s.GoodKernels[g].Form == SpilloverForm.BenefitShare)
            return new HouseholdMargin(Shape.BenefitShare, quasiLinear, theta, weight, mc, wealth, m, 0, 0, q0, 0, 0, floor);

        double congestion = ServiceDelivery.Congestion(s, l, g);
        double outside = s.Service[lg] / congestion - m * q0;
        if (good.Benefit == BenefitForm.Quadratic)
        {
            double target = TargetingFactor(s, j, g, h);
            return new HouseholdMargin(Shape.Quadratic, true, theta, 1, mc, wealth, target * congestion * m,
                target * congestion * outside, good.Curvature, q0, 0, 0, floor);
        }
        return new HouseholdMargin(Shape.LogAdditive, quasiLinear, theta, weight, mc, wealth, m, outside, 0, q0, 0, 0, floor);
    }

    /// <summary>Need targeting factor f_h = 1 − t + t·n_h/n̄_j applied to the service household h receives.</summary>
    public static double TargetingFactor(StructureState s, int j, int g, int h)
    {
        double t = s.Targeting(j, g);
        if (t == 0 || s.NeedMean[j] <= 0) return 1;
        return 1 - t + t * s.Households.Need[h] / s.NeedMean[j];
    }

    /// <summary>The household's ideal level (≥ 0).</summary>
    public double Ideal()
    {
        double mc = MarginalCost, q;
        switch (_shape)
        {
            case Shape.Enforcement:
                q = _gain <= 0 ? 0 : _current + Math.Log(_gain / mc) / _decay;
                break;
            case Shape.BenefitShare:
                double tm = _theta * _m;
                q = _quasiLinear ? tm / mc : tm * _wealth / (mc * (tm + _consumptionWeight));
                break;
            case Shape.Quadratic:
                q = _m <= 0 || _curvature <= 0 ? 0 : ((_theta - mc / _m) / _curvature - _outside) / _m;
                break;
            default:
                if (_m <= 0) return 0;
                q = _quasiLinear
                    ? _theta / mc - _outside / _m
                    : (_theta * _wealth - _consumptionWeight * mc * _outside / _m) / (mc * (_theta + _consumptionWeight));
                break;
        }
        return double.IsFinite(q) ? Math.Max(0, q) : 0;
    }

    /// <summary>Marginal willingness to pay (∂U/∂q)/(∂U/∂c) at level <paramref name="q"/>, in $.</summary>
    public double WillingnessToPay(double q)
    {
        double moneyValue = _quasiLinear ? 1 : Math.Max(_wealth - MarginalCost * q, _floor) / _consumptionWeight;
        return _shape switch
        {
            Shape.Enforcement => _gain * Math.Exp(-_decay * (q - _current)),
            Shape.BenefitShare => _theta * _m / Math.Max(q, ServiceFloor.Level) * moneyValue,
            Shape.Quadratic => _m * (_theta - _curvature * (_m * q + _outside)),
            _ => _theta * _m / Math.Max(_m * q + _outside, ServiceFloor.Level) * moneyValue,
        };
    }
}
