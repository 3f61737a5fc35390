using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Relocation;

/// <summary>
/// Life outside the region, the alternative at its edge: the open-city closure of urban economics, in which migration
/// holds households to a reservation utility they could have elsewhere (Brueckner 1987, "The structure of urban
/// equilibria", Handbook of Regional and Urban Economics II, ch. 20). A household's reservation utility is the life it
/// had in the region's first year (on the baseline structure), with its private consumption growing with its income and
/// shifted by the scenario's premium:
/// U_out(h, t) = u(c⁰_h·y_h,t / y⁰_h + premium, S⁰_h), S⁰_h its first-year utility from services.
/// So at premium 0 nobody gains by leaving a region that stays as it was; households leave a region that falls behind
/// its own start and come to one that improves. For weighted types, c⁰, S⁰ and y⁰ are means over the type's entries.
/// </summary>
public sealed class OutsideOption
{
    private readonly double _premium;
    private readonly double[] _consumption, _services, _income;

    private OutsideOption(double premium, double[] consumption, double[] services, double[] income)
    {
        _premium = premium;
        _consumption = consumption;
        _services = services;
        _income = income;
    }

    /// <summary>Records every household's first-year life on the (baseline) structure.</summary>
    public static OutsideOption Measure(StructureState s, MigrationSettings settings)
    {
        var hh = s.Households;
        int ids = hh.Count == 0 ? 0 : hh.Id.Max() + 1;
        var consumption = new double[ids];
        var services = new double[ids];
        var income = new double[ids];
        var weight = new double[ids];
        var counted = new bool[ids];
        bool log = s.Scenario.Utility.Consumption == ConsumptionForm.Log;
        for (int h = 0; h < hh.Count; h++)
        {
            int id = hh.Id[h];
            double c = s.Consumption[h], serviceUtility = log
                ? s.Utility[h] - (1 - hh.PublicShare[h]) * Math.Log(Math.Max(c, s.Scenario.Utility.ConsumptionFloor * s.Income[h]))
                : s.Utility[h] - c;
            // Agents (one entry per identity, weight 0 in the pool) take their own entry; types the weighted mean of theirs.
            double w = hh.Weight[h] > 0 ? hh.Weight[h] : counted[id] ? 0 : 1e-300;
            counted[id] = true;
            consumption[id] += w * c; services[id] += w * serviceUtility; income[id] += w * s.Income[h]; weight[id] += w;
        }
        for (int id = 0; id < ids; id++)
            if (weight[id] > 0) { consumption[id] /= weight[id]; services[id] /= weight[id]; income[id] /= weight[id]; }
        return new OutsideOption(settings.OutsidePremium, consumption, services, income);
    }

    /// <summary>Private consumption of household h outside, $ a year.</summary>
    public double Consumption(StructureState s, int h)
    {
        int id = s.Households.Id[h];
        return _income[id] > 0 ? _consumption[id] * s.Income[h] / _income[id] + _premium : _premium;
    }

    /// <summary>Utility of household h outside.</summary>
    public double Utility(StructureState s, int h) =>
        Welfare.Utility.Of(s.Scenario.Utility, s.Households.PublicShare[h], s.Income[h], Consumption(s, h), _services[s.Households.Id[h]]);

    /// <summary>
    /// Agents yet to form over the horizon, as a share of the initial residents: residents and pool together grow by the
    /// factor (1 + g) a year, so (1 + pool)·((1 + g)^years − 1), plus 2% for the randomness of who forms.
    /// </summary>
    public static double UnbornShare(MigrationSettings settings, int years) =>
        settings.PopulationGrowth <= 0 ? 0 : 1.02 * (1 + settings.OutsidePool) * (Math.Pow(1 + settings.PopulationGrowth, years) - 1);
}
