namespace PolySim.Core.Decisions;

/// <summary>
/// Bureaucratic overhead and Niskanen slack (MODEL.md section 5; benchmark B7).
/// </summary>
/// <param name="Overhead">b in the cost multiplier 1 + b·max(0, ln(n/n_b)).</param>
/// <param name="SpanThreshold">n_b: jurisdiction size above which overhead starts.</param>
/// <param name="NiskanenSlack">Share in [0, 1] of the gap between the chosen level and the budget-maximizing level
/// that the bureau obtains (1 = a full Niskanen bureau).</param>
public sealed record Bureaucracy(double Overhead, double SpanThreshold, double NiskanenSlack)
{
    /// <summary>No overhead, no slack.</summary>
    public static Bureaucracy None { get; } = new(0, 1, 0);

    /// <summary>Cost multiplier for a jurisdiction of <paramref name="population"/> residents.</summary>
    public double CostMultiplier(double population) =>
        1 + Overhead * Math.Max(0, Math.Log(population / SpanThreshold));

    /// <summary>
    /// Budget-maximizing output of a bureau facing a sponsor with efficient level <paramref name="efficient"/>,
    /// marginal cost <paramref name="marginalCost"/> and demand slope |MB'| = <paramref name="demandSlope"/> at the efficient level.
    /// </summary>
    /// <remarks>Niskanen (1971), Bureaucracy and Representative Government. Under linear demand a − bQ and unit cost c,
    /// Q* = (a − c)/b and the bureau's output is Q_N = 2Q* when a ≤ 2c (budget-constrained) and a/b (satiation)
    /// otherwise; both equal min(2Q*, Q* + c/b), which is how we apply it with the demand linearized at Q*.</remarks>
    public static double NiskanenOutput(double efficient, double marginalCost, double demandSlope) =>
        demandSlope <= 0 ? 2 * efficient : Math.Min(2 * efficient, efficient + marginalCost / demandSlope);
}
