namespace PolySim.Core.Welfare;

/// <summary>How private consumption enters utility.</summary>
public enum ConsumptionForm
{
    /// <summary>U = (1 − α) ln c + Σ θ b(Q) (MODEL.md section 2; the default).</summary>
    Log,

    /// <summary>U = c + Σ θ b(Q): quasi-linear, surplus in $ (the textbook form of benchmarks B1–B4, B11).</summary>
    QuasiLinear,
}

/// <summary>How a good's effective service enters utility, b(Q).</summary>
public enum BenefitForm
{
    /// <summary>b(Q) = ln Q.</summary>
    Log,

    /// <summary>b(Q) = Q − (κ/2)·Q²/θ, i.e. θ·b(Q) = θQ − (κ/2)Q² (Harberger-triangle benchmarks B1a, B4a, B7, B11).</summary>
    Quadratic,
}
