using System.Runtime.Intrinsics;
using PolySim.Core.Relocation;

namespace PolySim.Tests.Relocation;

public class LogitWeightTests
{
    [Fact]
    public void Fast_exponential_matches_Math_Exp_to_1e8_relative_over_the_logit_range()
    {
        // Reference: Math.Exp (the CRT's correctly rounded-ish exp). The bound 1e-8 is the remarks' Taylor remainder
        // (2e-10) plus rounding headroom.
        for (double x = -700; x <= 0; x += 0.0137)
        {
            double expected = Math.Exp(x);
            Assert.True(Math.Abs(LogitWeight.Exp(x) - expected) <= 1e-8 * expected, $"x = {x}: {LogitWeight.Exp(x)} vs {expected}");
        }
        Assert.Equal(0, LogitWeight.Exp(-1e6));
    }

    /// <summary>
    /// The single-precision exponential against Math.Exp of the same float input over the range it serves, [−87, 0]: relative
    /// error within 4e-7 (the degree-7 remainder, 1.0e-8, plus a few float roundings in the reduction and the polynomial);
    /// below −87 it is 0.
    /// </summary>
    [Fact]
    public void Single_precision_exponential_matches_Math_Exp_to_4e7_relative()
    {
        var lanes = new float[8];
        var xs = new List<float>();
        for (double x = -87; x <= 0; x += 0.00731) xs.Add((float)x);
        xs.AddRange([0f, -0f, -1e-30f, -87f, -0.34657359f, 0.34657359f * -3]);
        while (xs.Count % 8 != 0) xs.Add(-1);
        for (int k = 0; k < xs.Count; k += 8)
        {
            xs.CopyTo(k, lanes, 0, 8);
            var weights = LogitWeight.Exp(Vector256.Create<float>(lanes));
            for (int l = 0; l < 8; l++)
            {
                double expected = Math.Exp(lanes[l]);
                Assert.True(Math.Abs(weights[l] - expected) <= 4e-7 * expected, $"x = {lanes[l]}: {weights[l]} vs {expected}");
            }
        }
        var below = LogitWeight.Exp(Vector256.Create(-87.01f, -100f, -1e6f, float.NegativeInfinity, -88f, -87.5f, -200f, -1e30f));
        Assert.Equal(Vector256<float>.Zero, below);
    }
}
