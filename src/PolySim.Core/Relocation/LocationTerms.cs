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
/// Consumption at i: c_hi = y_h·(1 − R^y_i) − A_i − persons_h·X_i, with R^y_i the income-tax rates of i's jurisdictions,
/// A_i = price_i + (property-tax rates)·value_i and X_i = head taxes + travel and waiting + bad damage − Pigouvian rebate
/// per resident (the same terms as <see cref="PublicAccounts.Evaluate"/>). Service utility Σ_g θ_hg·ln Q_ig uses ln Q
/// computed once per neighborhood; goods with need targeting or quadratic benefit take the exact per-household path.
/// </remarks>
internal sealed class LocationTerms
{
    private readonly StructureState _s;
    private readonly double[] _incomeKeep, _fixed, _perPerson, _logService;
    private readonly bool[] _exact, _open;
    private readonly int[] _utilityGoods;

    public LocationTerms(StructureState s)
    {
        _s = s;
        int N = s.N, G = s.G;
        _incomeKeep = new double[N];
        _fixed = new double[N];
        _perPerson = new double[N];
        _logService = new double[N * G];
        _exact = new bool[G];
        _open = new bool[N];
        _utilityGoods = Enumerable.Range(0, G).Where(g => s.Goods[g].Reduces is null).ToArray();
    }

    /// <summary>Neighborhoods with dwellings.</summary>
    public bool Open(int i) => _open[i];

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
        for (int i = 0; i < s.N; i++)
        {
            _open[i] = s.Scenario.Region.Neighborhoods[i].Dwellings > 0;
            double rates = 0, consumer = 0, damage = 0, rebate = 0;
            foreach (int j in s.Map.MemberOf[i])
            {
                rates += s.Rate[j];
                if (s.Population[j] > 0) rebate += s.Pigouvian[j] / s.Population[j];
            }
            for (int g = 0; g < G; g++) consumer += s.ConsumerCostPerResident[s.Map.Provider(i, g) * G + g];
            for (int b = 0; b < s.B; b++) damage += s.Bads[b].DamagePerUnit * s.Exposure[i * s.B + b];
            double perPerson = consumer + damage - rebate;
            switch (s.Finance.Tax)
            {
                case TaxBase.Property: _incomeKeep[i] = 1; _fixed[i] = s.Price[i] + rates * s.DwellingValue[i]; _perPerson[i] = perPerson; break;
                case TaxBase.Head: _incomeKeep[i] = 1; _fixed[i] = s.Price[i]; _perPerson[i] = perPerson + rates; break;
                default: _incomeKeep[i] = 1 - rates; _fixed[i] = s.Price[i]; _perPerson[i] = perPerson; break;
            }
            foreach (int g in _utilityGoods)
                _logService[i * G + g] = Math.Log(Math.Max(s.Service[i * G + g], ServiceFloor.Level));
        }
    }

    /// <summary>Fills <paramref name="theta"/> with household h's need-adjusted preference weights.</summary>
    public void Tastes(int h, Span<double> theta)
    {
        var s = _s;
        foreach (int g in _utilityGoods) theta[g] = Utility.Theta(s.Households, s.Goods[g], g, h, s.RegionNeedMean);
    }

    /// <summary>Utility household h (income y, tastes θ) would have in neighborhood i this year.</summary>
    public double UtilityAt(int h, double y, ReadOnlySpan<double> theta, int i)
    {
        var s = _s;
        int G = s.G;
        double c = y * _incomeKeep[i] - _fixed[i] - s.Households.Persons[h] * _perPerson[i];
        double services = 0;
        foreach (int g in _utilityGoods)
        {
            if (!_exact[g]) { services += theta[g] * _logService[i * G + g]; continue; }
            double q = s.Service[i * G + g] * HouseholdMargin.TargetingFactor(s, s.Map.Provider(i, g), g, h);
            services += Utility.Benefit(s.Goods[g], theta[g], q);
        }
        return Utility.Of(s.Scenario.Utility, s.Households.PublicShare[h], y, c, services);
    }
}
