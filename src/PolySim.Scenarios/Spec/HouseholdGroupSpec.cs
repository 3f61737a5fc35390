using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Households;

namespace PolySim.Scenarios;

/// <summary>A household group from which households are generated (MODEL.md section 2).</summary>
[Description("A household group from which households are generated.")]
public sealed class HouseholdGroupSpec
{
    [Required, Description("Group id, referenced by neighborhoods' households and grid group mixes.")]
    public string Id { get; set; } = "";

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), DerivedDefault("(income_min + income_max) / 2 for a uniform distribution"),
     Description("Median annual household income, $ (required for the lognormal distribution).")]
    public double? IncomeMedian { get; set; }

    [Description("lognormal (income_median, income_sigma) or uniform on [income_min, income_max] (the Epple-Filimon-Romer benchmarks).")]
    public IncomeDistribution IncomeDistribution { get; set; } = IncomeDistribution.Lognormal;

    [Range(0.0, double.PositiveInfinity), Description("Lower bound of a uniform income distribution, $.")]
    public double? IncomeMin { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Upper bound of a uniform income distribution, $.")]
    public double? IncomeMax { get; set; }

    [Range(0.0, 3.0), Description("Lognormal sigma of income (0 = everyone at the median).")]
    public double IncomeSigma { get; set; } = 0.5;

    [References(IdKind.Good), Range(0.0, 1.0),
     Description("Mean preference weight theta_g per good id; goods not listed get 0. alpha = sum of theta over goods without reduces is the public share of the budget; under log consumption it must be < 1, and above 0.9 the engine scales tastes down to 0.9.")]
    public Dictionary<string, double> Preferences { get; set; } = [];

    [Range(0.0, 3.0), Description("Lognormal dispersion of theta around the group means (0 = identical tastes).")]
    public double PreferenceSigma { get; set; } = 0.2;

    [Range(-3.0, 3.0), Description("theta scales with (income / median)^elasticity (0 = tastes independent of income).")]
    public double PreferenceIncomeElasticity { get; set; }

    [Range(0.0, 1.0), Description("Mean need intensity n_h (elderly, disability, poverty), Beta-distributed; drives need-sensitive goods.")]
    public double NeedMean { get; set; } = 0.2;

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("Beta concentration a+b of need (larger = less dispersed).")]
    public double NeedConcentration { get; set; } = 4;

    [Range(0.0, 1.0), Description("Share of owners (the rest rent).")]
    public double OwnerShare { get; set; } = 0.6;

    [Range(0.0, double.PositiveInfinity), Description("Moving cost m_h, $ (used by relocation).")]
    public double MovingCost { get; set; } = 5000;

    [Range(0.0, 20.0, MinimumIsExclusive = true), Description("Residents per household.")]
    public double Persons { get; set; } = 2.5;

    [Description("Whether the group is an organized interest (weighted-welfare capture, benchmark B11).")]
    public bool Organized { get; set; }
}
