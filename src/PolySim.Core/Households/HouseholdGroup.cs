namespace PolySim.Core.Households;

/// <summary>
/// A household group from which households are generated (MODEL.md section 2).
/// </summary>
/// <param name="Id">Group id, referenced by neighborhoods' initial populations.</param>
/// <param name="IncomeMedian">Median annual household income, $ (lognormal median e^μ).</param>
/// <param name="IncomeSigma">Lognormal σ of income (0 = everyone at the median).</param>
/// <param name="Preferences">Mean preference weight θ_g for each good id; α = Σθ is the public share.</param>
/// <param name="PreferenceSigma">Lognormal dispersion of θ around the group means (0 = identical tastes).</param>
/// <param name="PreferenceIncomeElasticity">θ scales with (income / median)^elasticity (0 = income-independent).</param>
/// <param name="NeedMean">Mean need intensity n_h in [0, 1] (drawn from a Beta distribution).</param>
/// <param name="NeedConcentration">Beta concentration a+b of need (larger = less dispersed).</param>
/// <param name="OwnerShare">Share of owners (the rest rent).</param>
/// <param name="MovingCost">Moving cost m_h, $ (used by relocation).</param>
/// <param name="Persons">Residents per household.</param>
/// <param name="Organized">Whether the group is an organized interest (weighted-welfare capture, B11).</param>
/// <param name="IncomeDistribution">Lognormal (median, σ) or uniform on [IncomeMin, IncomeMax] (the EFR benchmarks, B5).</param>
/// <param name="IncomeMin">Lower bound of a uniform income distribution, $.</param>
/// <param name="IncomeMax">Upper bound of a uniform income distribution, $.</param>
public sealed record HouseholdGroup(
    string Id,
    double IncomeMedian,
    double IncomeSigma,
    IReadOnlyDictionary<string, double> Preferences,
    double PreferenceSigma,
    double PreferenceIncomeElasticity,
    double NeedMean,
    double NeedConcentration,
    double OwnerShare,
    double MovingCost,
    double Persons,
    bool Organized,
    IncomeDistribution IncomeDistribution = IncomeDistribution.Lognormal,
    double IncomeMin = 0,
    double IncomeMax = 0)
{
    /// <summary>Income at quantile u ∈ (0, 1) of the uniform distribution, $.</summary>
    public double UniformIncomeAt(double u) => IncomeMin + (IncomeMax - IncomeMin) * u;
}

/// <summary>Shape of a group's income distribution.</summary>
public enum IncomeDistribution
{
    /// <summary>Lognormal with the group's median and σ.</summary>
    Lognormal,

    /// <summary>Uniform between the group's bounds.</summary>
    Uniform,
}
