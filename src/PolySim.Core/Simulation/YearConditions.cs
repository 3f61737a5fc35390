namespace PolySim.Core.Simulation;

/// <summary>
/// The exogenous state of one year after the growth phase (MODEL.md section 8): incomes, C/I bases and bad sources.
/// </summary>
public sealed class YearConditions
{
    /// <summary>Conditions of year index <paramref name="t"/> (0 = start year).</summary>
    public YearConditions(Scenario scenario, int t)
    {
        Index = t;
        Year = scenario.StartYear + t;
        var nb = scenario.Region.Neighborhoods;
        IncomeMultiplier = Math.Pow(1 + scenario.Households.IncomeGrowth, t);
        CommercialBase = nb.Select(n => n.CommercialBase * Math.Pow(1 + n.CommercialGrowth, t)).ToArray();
        int b = scenario.Bads.Count;
        BadSources = new double[nb.Count * b];
        for (int i = 0; i < nb.Count; i++)
            for (int k = 0; k < b; k++)
            {
                var bad = scenario.Bads[k];
                double s = nb[i].BadSources.TryGetValue(bad.Id, out var v) ? v : 0;
                BadSources[i * b + k] = s * Math.Pow(1 + bad.SourceGrowth, t);
            }
    }

    /// <summary>Year index from the start (0-based).</summary>
    public int Index { get; }

    /// <summary>Calendar year.</summary>
    public int Year { get; }

    /// <summary>Income of every household relative to the start year, (1 + growth)^t.</summary>
    public double IncomeMultiplier { get; }

    /// <summary>C/I base per neighborhood, $.</summary>
    public double[] CommercialBase { get; }

    /// <summary>Bad source strength before enforcement and emissions, neighborhood × bad.</summary>
    public double[] BadSources { get; }
}
