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
    private readonly double _theta, _consumptionWeight, _wealth, _m, _outside, _curvature, _current, _gain, _decay, _floor, _kink;

    /// <summary>τ_h: the household's marginal money cost of one more unit of level.</summary>
    public double MarginalCost { get; }

    private HouseholdMargin(Shape shape, bool quasiLinear, double theta, double consumptionWeight, double marginalCost, double wealth,
        double m, double outside, double curvature, double current, double gain, double decay, double floor, double kink)
    {
        _kink = kink;
        _shape = shape; _quasiLinear = quasiLinear; _theta = theta; _consumptionWeight = consumptionWeight;
        MarginalCost = Math.Max(marginalCost, 1e-300); _wealth = wealth; _m = m; _outside = outside; _curvature = curvature;
        _current = current; _gain = gain; _decay = decay; _floor = floor;
    }

    /// <summary>The margin of household <paramref name="h"/> under a precomputed (jurisdiction, good) context.</summary>
    public static HouseholdMargin Of(in MarginContext c, StructureState s, int h) =>
        Of(c, NeighborhoodTerms.Of(c, s, s.Households.Location[h]), HouseholdTerms.Of(s, h), s.Households.Theta[h * s.G + c.Good]);

    /// <summary>
    /// The margin from its three parts: what the (jurisdiction, good) shares, what the neighborhood shares and what
    /// is the household's own. The hot loop hoists the first two out of the loop over households.
    /// </summary>
    public static HouseholdMargin Of(in MarginContext c, in NeighborhoodTerms n, in HouseholdTerms t, double rawTheta)
    {
        double taxPrice = c.CostPerTaxable * t.Taxable;
        double mc = taxPrice + c.EmissionDamage * t.Persons * n.Reach;
        double floor = c.ConsumptionFloor * t.Income;
        // Income tax credit: below the cap the own tax is refunded, so c(q) = W − τq only beyond the kink where the tax
        // reaches the cap, q_k = q₀ + (cap − T_h)/τ, with W = c₀ + τq₀ + max(0, cap − T_h); the ideal is max(q*(W), q_k).
        bool credited = c.Credited && !double.IsNaN(t.CreditGap) && taxPrice > 0;
        double kink = credited ? c.Current + t.CreditGap / taxPrice : double.NegativeInfinity;
        double room = credited ? Math.Max(0, t.CreditGap) : 0;
        if (c.IsEnforcement)
            return new HouseholdMargin(Shape.Enforcement, c.QuasiLinear, 0, 1, mc, 0, 0, 0, 0, c.Current,
                c.DamageTimesDecay * t.Persons * n.Reach, c.Decay, floor, kink);

        double theta = rawTheta * (1 - c.NeedSensitivity + c.NeedSensitivity * t.NeedRatio);
        double wealth = t.Consumption + mc * c.Current + room;
        if (c.IsBenefitShare)
            return new HouseholdMargin(Shape.BenefitShare, c.QuasiLinear, theta, t.ConsumptionWeight, mc, wealth, n.Multiplier, 0, 0, c.Current, 0, 0, floor, kink);
        if (c.IsQuadratic)
        {
            double target = c.Targeting == 0 ? 1 : 1 - c.Targeting + c.Targeting * t.Need / c.NeedMean;
            return new HouseholdMargin(Shape.Quadratic, true, theta, 1, mc, wealth, target * n.Congestion * n.Multiplier,
                target * n.Congestion * n.Outside, c.Curvature, c.Current, 0, 0, floor, kink);
        }
        return new HouseholdMargin(Shape.LogAdditive, c.QuasiLinear, theta, t.ConsumptionWeight, mc, wealth, n.Multiplier, n.Outside, 0, c.Current, 0, 0, floor, kink);
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
        if (!double.IsFinite(q)) q = 0;
        return Math.Max(0, Math.Max(q, _kink));
    }

    /// <summary>d WTP / dq at level <paramref name="q"/> (≤ 0): the slope of this household's demand, $ per unit².</summary>
    public double WillingnessToPaySlope(double q)
    {
        bool floored = !_quasiLinear && _wealth - MarginalCost * q <= _floor;
        double money = _quasiLinear ? 1 : Math.Max(_wealth - MarginalCost * q, _floor) / _consumptionWeight;
        double moneySlope = _quasiLinear || floored ? 0 : -MarginalCost / _consumptionWeight;
        switch (_shape)
        {
            case Shape.Enforcement:
                return -_decay * _gain * Math.Exp(-_decay * (q - _current));
            case Shape.Quadratic:
                return -_curvature * _m * _m;
            case Shape.BenefitShare:
                double x = Math.Max(q, ServiceFloor.Level);
                return -_theta * _m / (x * x) * money + _theta * _m / x * moneySlope;
            default:
                double z = Math.Max(_m * q + _outside, ServiceFloor.Level);
                return -_theta * _m * _m / (z * z) * money + _theta * _m / z * moneySlope;
        }
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
