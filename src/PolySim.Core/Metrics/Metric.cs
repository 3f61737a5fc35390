namespace PolySim.Core.Metrics;

/// <summary>The public-choice criteria of MODEL.md section 9, plus welfare and diagnostics.</summary>
public enum Criterion
{
    /// <summary>Benefits relative to production and consumer costs.</summary>
    Efficiency,

    /// <summary>Effective service per dollar.</summary>
    Effectiveness,

    /// <summary>Service to those with special needs relative to need.</summary>
    Equity,

    /// <summary>Equal service for equal status; fiscal disparity.</summary>
    Equality,

    /// <summary>Preference-policy congruence, proximity of decision-makers, capture.</summary>
    Accountability,

    /// <summary>Utility and money-metric gains against the baseline structure.</summary>
    Welfare,

    /// <summary>Fiscal and state quantities (population, tax rates, levels, solver diagnostics).</summary>
    State,
}

/// <summary>A named metric: what it measures, its unit and which direction is better.</summary>
/// <param name="Name">Metric name as written in outputs.</param>
/// <param name="Criterion">Criterion it belongs to.</param>
/// <param name="Unit">Unit for axis labels ("share", "$ per household", ...).</param>
/// <param name="HigherIsBetter">True if larger values are better, false if smaller, null if neutral.</param>
/// <param name="Description">One-line definition (full equations in docs/model.md).</param>
public sealed record Metric(string Name, Criterion Criterion, string Unit, bool? HigherIsBetter, string Description);
