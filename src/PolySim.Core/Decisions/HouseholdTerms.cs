using PolySim.Core.Simulation;

namespace PolySim.Core.Decisions;

/// <summary>The part of a household's margin that is the same for every good.</summary>
/// <param name="Persons">Residents.</param>
/// <param name="Taxable">Taxable amount under the structure's tax base.</param>
/// <param name="Income">Income this year.</param>
/// <param name="Consumption">Consumption c_h at the current levels.</param>
/// <param name="ConsumptionWeight">1 − α_h.</param>
/// <param name="Need">Need n_h.</param>
/// <param name="NeedRatio">n_h / n̄ over the region (1 when nobody has need).</param>
/// <param name="CreditGap">Income tax credit cap − the household's lowest-tier tax, $ (NaN: no credit).</param>
public readonly record struct HouseholdTerms(double Persons, double Taxable, double Income, double Consumption,
    double ConsumptionWeight, double Need, double NeedRatio, double CreditGap = double.NaN)
{
    /// <summary>Terms of household <paramref name="h"/>.</summary>
    public static HouseholdTerms Of(StructureState s, int h)
    {
        var hh = s.Households;
        double need = hh.Need[h];
        double gap = s.Finance.Credit is { } credit
            ? credit.CapPerHousehold - s.Rate[s.Map.Lowest[hh.Location[h]]] * s.TaxableAmount[h]
            : double.NaN;
        return new HouseholdTerms(hh.Persons[h], s.TaxableAmount[h], s.Income[h], s.Consumption[h], 1 - hh.PublicShare[h],
            need, s.RegionNeedMean > 0 ? need / s.RegionNeedMean : 1, gap);
    }
}
