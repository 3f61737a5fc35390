using PolySim.Core.Metrics;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// The same areas under every structure (MODEL.md section 7, reports): for each referendum area, the mean equivalent
/// variation against the baseline, taxes and money value of services per household of the area, of the rest of the region
/// (the remainder), and of the low-income households (the region's bottom income quintile) of each. Recorded every year
/// for every structure, so a secession, the status quo and a two-tier federation can be compared area by area.
/// </summary>
/// <remarks>Entities: "area:&lt;area&gt;", "area:&lt;area&gt;:low_income", "area:&lt;area&gt;:remainder",
/// "area:&lt;area&gt;:remainder_low_income".</remarks>
public static class AreaOutcomes
{
    private static readonly string Gain = MetricCatalog.AreaGain.Name, Tax = MetricCatalog.AreaTax.Name, Services = MetricCatalog.AreaServices.Name;

    /// <summary>The entities recorded for an area: the area, its low-income households, the remainder and its low-income households.</summary>
    public static string[] Entities(string area) => [$"area:{area}", $"area:{area}:low_income", $"area:{area}:remainder", $"area:{area}:remainder_low_income"];

    /// <summary>Appends the year's area outcomes of state <paramref name="s"/> to <paramref name="metrics"/>.</summary>
    public static void Record(StructureState s, YearConditions year, MetricsRecorder.Shared shared, IReadOnlyList<Referendum> referenda, List<MetricValue> metrics)
    {
        var hh = s.Households;
        foreach (var group in referenda.GroupBy(r => r.Area).Select(g => g.First()))
        {
            var inArea = new bool[s.N];
            foreach (int i in group.Neighborhoods) inArea[i] = true;
            var sums = new double[4, 4];   // [group, (households, ev, tax, services)]
            for (int h = 0; h < hh.Count; h++)
            {
                int whole = inArea[hh.Location[h]] ? 0 : 2, id = hh.Id[h];
                double w = hh.Weight[h];
                double ev = Welfare.Utility.EquivalentVariation(s.Scenario.Utility, hh.PublicShare[h], s.Income[h],
                    shared.BaselineConsumption[id], shared.BaselineUtility[id], s.Utility[h]);
                double services = shared.MoneyPerUtil[id] * s.ServiceUtility[h];
                void Add(int k)
                {
                    sums[k, 0] += w;
                    sums[k, 1] += w * ev;
                    sums[k, 2] += w * s.Tax[h];
                    sums[k, 3] += w * services;
                }
                Add(whole);
                if (shared.Quintile[id] == 0) Add(whole + 1);   // low-income households also count in their subgroup
            }
            var names = Entities(group.Area);
            for (int k = 0; k < 4; k++)
            {
                if (sums[k, 0] <= 0) continue;
                metrics.Add(new MetricValue(year.Year, names[k], Gain, sums[k, 1] / sums[k, 0]));
                metrics.Add(new MetricValue(year.Year, names[k], Tax, sums[k, 2] / sums[k, 0]));
                metrics.Add(new MetricValue(year.Year, names[k], Services, sums[k, 3] / sums[k, 0]));
            }
        }
    }
}
