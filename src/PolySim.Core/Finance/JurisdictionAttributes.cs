namespace PolySim.Core.Finance;

/// <summary>
/// The values a custom formula can read for one jurisdiction in one year. Each property is the attribute whose
/// snake_case name a custom formula uses (PolySim.Scenarios.Formulas.FormulaAttributes) (<c>avg_fc</c> is <see cref="AvgFc"/>, and so on).
/// The caller fills every value; a formula sees nothing else.
/// </summary>
public readonly record struct JurisdictionAttributes
{
    /// <summary><c>pop</c>: residents.</summary>
    public double Pop { get; init; }

    /// <summary><c>households</c>: households.</summary>
    public double Households { get; init; }

    /// <summary><c>base</c>: tax base, $.</summary>
    public double Base { get; init; }

    /// <summary><c>base_pc</c>: tax base per resident, $.</summary>
    public double BasePc { get; init; }

    /// <summary><c>fc</c>: fiscal capacity, market value per resident, $.</summary>
    public double Fc { get; init; }

    /// <summary><c>avg_fc</c>: region average fiscal capacity (total market value / total residents), $.</summary>
    public double AvgFc { get; init; }

    /// <summary><c>need</c>: mean need of the residents, 0..1.</summary>
    public double Need { get; init; }

    /// <summary><c>avg_need</c>: region mean need, 0..1.</summary>
    public double AvgNeed { get; init; }

    /// <summary><c>income_pc</c>: mean income per resident, $.</summary>
    public double IncomePc { get; init; }

    /// <summary><c>ci</c>: commercial-industrial tax base, $.</summary>
    public double Ci { get; init; }

    /// <summary><c>ci_growth</c>: growth of the C/I base since the sharing base year, $, never negative.</summary>
    public double CiGrowth { get; init; }

    /// <summary><c>spending</c>: prior-year spending, $.</summary>
    public double Spending { get; init; }

    /// <summary><c>rate</c>: prior-year tax rate (fraction).</summary>
    public double Rate { get; init; }

    /// <summary><c>area_km2</c>: land area, km2.</summary>
    public double AreaKm2 { get; init; }

    /// <summary><c>total_pop</c>: residents of the whole region.</summary>
    public double TotalPop { get; init; }

    /// <summary><c>total_base</c>: tax base of the whole region, $.</summary>
    public double TotalBase { get; init; }
}
