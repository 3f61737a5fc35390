namespace PolySim.Core.Goods;

/// <summary>Which U-shaped average-cost curve a good uses (MODEL.md section 3, benchmark B6).</summary>
public enum CostForm
{
    /// <summary>AC(n) = b + θ(n*/n + n/n*) = a/n + b + c n with a = θ n*, c = θ/n* (B6).</summary>
    Olson,

    /// <summary>AC(n) = b (1 + κ (ln(n/n*))²): flatter near the optimum, symmetric in log size.</summary>
    LogQuadratic,

    /// <summary>AC(n) = b: no economies of scale.</summary>
    Constant,
}

/// <summary>
/// Average production cost per unit of service level per resident, as a function of the producing
/// jurisdiction's population n.
/// </summary>
/// <param name="Form">Curve family.</param>
/// <param name="Base">b: the floor cost, $ per unit level per resident.</param>
/// <param name="Premium">θ (Olson) or κ (log-quadratic): how steeply cost rises away from n*.</param>
/// <param name="OptimalScale">n*: population at which average cost is lowest.</param>
/// <remarks>Olson (1969), "The principle of fiscal equivalence"; the a/n + b + cn form and its optimum
/// n* = √(a/c), AC(n*) = b + 2√(ac) are benchmark B6.</remarks>
public sealed record CostCurve(CostForm Form, double Base, double Premium, double OptimalScale)
{
    /// <summary>Average cost at producing population <paramref name="n"/>.</summary>
    public double AverageCost(double n)
    {
        n = Math.Max(n, 1e-9);
        return Form switch
        {
            CostForm.Olson => Base + Premium * (OptimalScale / n + n / OptimalScale),
            CostForm.LogQuadratic => Base * (1 + Premium * Math.Pow(Math.Log(n / OptimalScale), 2)),
            _ => Base,
        };
    }

    /// <summary>The lowest attainable average cost, AC(n*).</summary>
    public double MinimumCost => AverageCost(OptimalScale);
}
