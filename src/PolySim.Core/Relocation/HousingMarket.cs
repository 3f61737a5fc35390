using PolySim.Core.Simulation;

namespace PolySim.Core.Relocation;

/// <summary>
/// Each neighborhood's dwellings and their price (MODEL.md section 8): the annual housing cost is the scenario's floor
/// (housing_cost_rate × dwelling value: what it costs to supply a dwelling) plus a premium that rises with excess
/// demand and falls back to zero when dwellings stand empty.
/// </summary>
/// <remarks>
/// Tatonnement (Walras): premium_i ← max(0, premium_i + κ·ȳ·(D_i − K_i)/K_i), D_i the households that would live in i
/// if every reconsidering household got its choice, K_i the dwellings and ȳ the mean household income; then all premia
/// drop by the smallest, so the cheapest neighborhood rents at its floor. A neighborhood's step halves whenever its excess
/// demand changes sign (an overshoot) and grows back by a quarter a round up to κ, so prices settle instead of cycling. Owners see the
/// premium capitalized into the assessed value at the same rate, value_i = value⁰_i + premium_i / housing_cost_rate, so
/// the residential property-tax base moves with prices; renters pay it as rent.
/// </remarks>
internal sealed class HousingMarket
{
    private readonly StructureState _s;
    private readonly double[] _premium, _baseValue, _step, _lastExcess;
    private readonly double _capitalizationRate, _response;

    public HousingMarket(StructureState s, double response)
    {
        _s = s;
        _response = response;
        _step = Enumerable.Repeat(response, s.N).ToArray();
        _lastExcess = new double[s.N];
        _capitalizationRate = s.Finance.HousingCostRate;
        // Start from the state's prices (the floor at first; the going prices when a structure continues after a secession).
        _premium = s.Price.Select((p, i) => p - s.BasePrice[i]).ToArray();
        _baseValue = s.DwellingValue.Select((v, i) => _capitalizationRate > 0 ? v - _premium[i] / _capitalizationRate : v).ToArray();
    }

    /// <summary>Growth factor of the housing stock since the start (new construction).</summary>
    public double Growth { get; set; } = 1;

    /// <summary>Dwellings K_i.</summary>
    public double Dwellings(int i) => Growth * _s.Scenario.Region.Neighborhoods[i].Dwellings;

    /// <summary>Moves the premia by the excess of <paramref name="demand"/> over dwellings; returns max |D − K|/K.</summary>
    public double Adjust(double[] demand, double meanIncome)
    {
        var s = _s;
        double worst = 0, lowest = double.PositiveInfinity;
        for (int i = 0; i < s.N; i++)
        {
            double k = Dwellings(i);
            if (k <= 0) continue;
            double excess = (demand[i] - k) / k;
            if (excess > 0 || _premium[i] > 0) worst = Math.Max(worst, Math.Abs(excess));
            // Overshooting (excess demand changed sign) halves the neighborhood's step; steady progress restores it.
            _step[i] = excess * _lastExcess[i] < 0 ? _step[i] / 2 : Math.Min(_response, _step[i] * 1.25);
            _lastExcess[i] = excess;
            _premium[i] = Math.Max(0, _premium[i] + _step[i] * meanIncome * excess);
            lowest = Math.Min(lowest, _premium[i]);
        }
        for (int i = 0; i < s.N; i++)
        {
            // When every dwelling is taken, excess demand fixes only the differences between premia; the cheapest
            // neighborhood rents at its floor (the normalization of Epple, Filimon & Romer 1984: rent in community 1 = 0).
            if (lowest > 0 && Dwellings(i) > 0) _premium[i] -= lowest;
            s.Price[i] = s.BasePrice[i] + _premium[i];
            if (_capitalizationRate > 0) s.DwellingValue[i] = _baseValue[i] + _premium[i] / _capitalizationRate;
        }
        return worst;
    }
}
