namespace PolySim.Tests.Support;

/// <summary>The tolerance classes of benchmarks.md, section 0.</summary>
public static class Tolerance
{
    /// <summary>T0 (closed form, deterministic code path): relative error ≤ 1e-6; for shares, absolute error ≤ 1e-6.</summary>
    public const double T0 = 1e-6;

    /// <summary>T1 (deterministic but discretised, ≥ 10,000 agents or types per jurisdiction): relative error ≤ 0.5%.</summary>
    public const double T1 = 0.005;

    /// <summary>T0 on a quantity: |actual − expected| ≤ 1e-6·|expected|, or ≤ 1e-6·<paramref name="zeroScale"/> when the expected value is 0.</summary>
    public static void AssertT0(double expected, double actual, double zeroScale = 1, string? what = null) =>
        AssertWithin(expected, actual, T0 * (expected == 0 ? zeroScale : Math.Abs(expected)), "T0", what);

    /// <summary>T0 on a share: absolute error ≤ 1e-6.</summary>
    public static void AssertT0Share(double expected, double actual, string? what = null) =>
        AssertWithin(expected, actual, T0, "T0 (share)", what);

    /// <summary>T1 on a quantity: relative error ≤ 0.5%.</summary>
    public static void AssertT1(double expected, double actual, string? what = null) =>
        AssertWithin(expected, actual, T1 * Math.Abs(expected), "T1", what);

    /// <summary>
    /// T2: the mean over R ≥ 30 replications must satisfy |mean − expected| ≤ max(3·SE, 1% of expected), with SE the
    /// standard error of the mean estimated from the replications' spread (sample standard deviation / √R).
    /// </summary>
    public static void AssertT2(double expected, IReadOnlyList<double> replications, string? what = null)
    {
        Assert.True(replications.Count >= 30, $"T2 needs at least 30 replications, got {replications.Count}.");
        double mean = replications.Average();
        double sd = Math.Sqrt(replications.Sum(x => (x - mean) * (x - mean)) / (replications.Count - 1));
        double se = sd / Math.Sqrt(replications.Count);
        AssertWithin(expected, mean, Math.Max(3 * se, 0.01 * Math.Abs(expected)), $"T2 (SE {se:G4})", what);
    }

    /// <summary>
    /// The closed form of benchmarks.md, evaluated at full precision, reproduces the number printed there with
    /// <paramref name="decimals"/> decimals (so comparing the engine to the closed form at T0 is comparing it to the printed number).
    /// </summary>
    public static void AssertPrinted(double printed, int decimals, double closedForm, string? what = null) =>
        AssertWithin(printed, closedForm, 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9), $"printed to {decimals} decimals", what);

    private static void AssertWithin(double expected, double actual, double tolerance, string tolerateClass, string? what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= tolerance && double.IsFinite(actual),
            $"{what ?? "value"}: expected {expected:R}, actual {actual:R}, error {error:G4} > {tolerance:G4} ({tolerateClass}).");
    }
}
